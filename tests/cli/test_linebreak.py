"""Line breaks between CJK characters; Latin words stay whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from custvalue.cli.linebreak import cjk_line_breaks, divide_line


def _lines(text: str, width: int) -> list[str]:
    cuts = [0, *divide_line(text, width), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def test_a_chinese_sentence_breaks_between_characters() -> None:
    text = "从 CSV/Excel 导入客户、订单、费用或调查数据；列出错误行，正确的行只存一次。"
    lines = _lines(text, 20)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= 20 for line in lines)
    assert len(lines) > 2
    assert not any(line.startswith(("，", "。", "、", "；")) for line in lines)


def test_latin_words_are_not_split() -> None:
    text = "Import customers, orders or costs from CSV files"
    for line in _lines(text, 16):
        assert line.strip() in text and not line.startswith(("s ", "rs"))
    assert _lines("short", 10) == ["short"]


def test_a_word_longer_than_the_line_is_folded() -> None:
    lines = _lines("x " + "a" * 25, 10)
    assert lines[0] == "x " and all(cell_len(line) <= 10 for line in lines)


@given(st.text(alphabet="中文字，。 abc", max_size=60), st.integers(min_value=2, max_value=30))
def test_lines_rejoin_to_the_text_and_fit(text: str, width: int) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines if len(line.strip()) > 1)


def test_rich_uses_it_inside_the_block_only() -> None:
    console = Console(width=30)
    text = "从 CSV 导入客户、订单、费用或调查数据，列出错误行，正确的行只存一次。"

    def show() -> str:
        table = Table(show_header=False, box=None)
        table.add_column(no_wrap=False)
        table.add_row(Text(text))
        with console.capture() as out:
            console.print(table)
        return out.get()

    assert "…" in show()  # Rich alone cuts the sentence
    with cjk_line_breaks():
        wrapped = show()
    assert "…" not in wrapped and "".join(wrapped.split()) == "".join(text.split())
    assert "…" in show()  # and only inside the block


def test_a_line_with_chinese_is_never_cut_by_its_trailing_space() -> None:
    """Rich strips a line's trailing space by characters, not cells: with CJK characters
    on the line a word that fits only without its space would be cut with "…"."""
    text = (
        "A category (or product) of added services whose orders count as value added "
        "(增值价值); repeat for several; *X matches every name ending in X. Default: *服务, "
        "售后, 咨询, *service, consulting (docs/ledger.md)."
    )
    console = Console(width=200)
    for width in range(30, 90):
        with cjk_line_breaks():
            lines = Text(text).wrap(console, width, overflow="ellipsis")
        assert "…" not in "".join(line.plain for line in lines), width
        assert "".join("".join(line.plain for line in lines).split()) == "".join(text.split())

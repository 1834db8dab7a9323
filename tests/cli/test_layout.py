"""Tables fitted to the terminal: numbers, dates and ids never cut, long text wrapped,
low-priority columns dropped with a note, ``--wide`` shows every column."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from custvalue.cli.layout import TEXT_MIN, ColumnSpec, fit, table_width
from custvalue.cli.main import main

BORDER = re.compile("[│┃┏┗└┡┌╇┳┻┴┬]")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("layout") / "demo.db")
    assert main(["--db", db, "demo", "--customers", "200", "--format", "json"]) == 0
    return db


def _table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if BORDER.search(line)]


def _cells(out: str) -> list[str]:
    """Every cell's text on every table line."""
    return [cell.strip() for line in _table_lines(out) for cell in re.split("[│┃]", line)]


# -- the rule ----------------------------------------------------------------------------


def _spec(name: str, cells: list[str], fixed: bool = True, label: str | None = None) -> ColumnSpec:
    return ColumnSpec(name, label or name, cells, fixed=fixed)


def test_everything_fits_at_natural_width_when_there_is_room() -> None:
    specs = [_spec("id", ["C1"]), _spec("name", ["a long name"], fixed=False)]
    layout = fit(specs, 120)
    assert layout.widths == (2, 11) and layout.dropped == ()
    assert layout.width == table_width([2, 11]) == 20


def test_text_wraps_before_any_column_is_dropped() -> None:
    specs = [
        _spec("customer_id", ["C00001"]),
        _spec("name", ["x" * 60], fixed=False),
        _spec("revenue", ["1,234,567.00"]),
    ]
    layout = fit(specs, 50)
    assert layout.dropped == ()
    widths = dict(zip(layout.shown, layout.widths, strict=True))
    assert widths["customer_id"] >= 11 and widths["revenue"] == 12  # never narrower
    assert TEXT_MIN <= widths["name"] < 60 and layout.width <= 50


def test_columns_go_in_priority_order_then_from_the_right_never_the_kept_ones() -> None:
    specs = [_spec(f"c{i}", ["123,456.00"]) for i in range(8)]
    layout = fit(specs, 60, keep=["c7"], priority=["c2", "c5"])
    # four of 10 cells fit 60: c2 and c5 first, then from the right (c7 is kept)
    assert layout.shown == ("c0", "c1", "c3", "c7")
    assert set(layout.dropped) == {"c2", "c5", "c6", "c4"} and layout.width <= 60
    layout = fit(specs, 60, keep=["c7"], priority=["c2", "c5"] * 3)
    assert layout.shown == ("c0", "c1", "c3", "c7")


def test_what_must_stay_is_shown_whole_even_if_wider() -> None:
    specs = [_spec("customer_id", ["C" * 30]), _spec("value", ["9" * 30])]
    layout = fit(specs, 40, keep=["value"])
    assert layout.dropped == () and layout.widths == (30, 30) and layout.width > 40


def test_wide_keeps_every_column_at_its_natural_width() -> None:
    specs = [_spec(f"c{i}", ["123,456.00"], label=f"A long header {i}") for i in range(10)]
    layout = fit(specs, 80, wide=True)
    assert layout.dropped == () and set(layout.widths) == {len("A long header 0")}


def test_a_header_wraps_between_words_and_chinese_characters() -> None:
    assert _spec("x", ["1"], label="Sustained value").minimum == len("Sustained")
    # Chinese on at most two lines: 持续/价值, 订单/数, never one character a line
    assert _spec("x", ["1"], label="持续价值").minimum == 4
    assert _spec("x", ["1"], label="订单数").minimum == 4
    assert _spec("x", ["1"], label="直接推荐数").minimum == 6
    # other text on at most three lines
    assert _spec("x", ["1"], label="Mean days since last purchase").minimum == 10


# -- the commands at 120 and 80 columns --------------------------------------------------

WIDEST = [
    ["value", "--top", "10"],
    ["clv", "score", "--top", "10"],
    ["rfm"],
    ["rfm", "--customers"],
    ["tiers", "--customers"],
    ["cva", "quality"],
    ["cva", "map"],
    ["cva", "trend"],
    ["cva", "whatwho"],
    ["delivered"],
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [120, 80])
@pytest.mark.parametrize("args", WIDEST, ids=[" ".join(a) for a in WIDEST])
def test_tables_fit_the_terminal_and_cut_nothing(
    demo_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    width: int,
    lang: str,
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(capsys, "--lang", lang, "--db", demo_db, *args)
    assert code == 0, err
    lines = _table_lines(out)
    assert lines, out
    assert max(cell_len(line) for line in lines) <= width, out
    assert not any("…" in line for line in lines), out
    if "--wide" in out:  # the note names what it left out
        assert ("Not shown, to fit" if lang == "en" else "为适应") in out


@pytest.mark.parametrize("width", [120, 80])
def test_value_numbers_and_ids_appear_whole(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "value", "--top", "10", "--format", "json")
    top = json.loads(out)[:10]
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(capsys, "--db", demo_db, "value", "--top", "10")
    assert code == 0, err
    cells = _cells(out)
    for row in top:
        assert row["customer_id"] in cells
        assert f"{row['sustained_value']:,.2f}" in cells  # the main value: kept, whole


@pytest.mark.parametrize("width", [120, 80])
def test_clv_values_appear_whole(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "clv", "score", "--format", "json")
    scores = json.loads(out)["scores"][:5]
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(capsys, "--db", demo_db, "clv", "score", "--top", "5")
    assert code == 0, err
    cells = _cells(out)
    for row in scores:
        assert f"{row['clv']:,.2f}" in cells and f"{row['p_alive'] * 100:.1f}%" in cells


def test_dropped_columns_are_named_and_wide_shows_them(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "--db", demo_db, "value", "--top", "5")
    assert code == 0
    note = next(line for line in out.splitlines() if line.startswith("Not shown"))
    assert note.startswith("Not shown, to fit 80 columns: Orders")
    assert note.endswith("--wide shows every column.")
    header = "\n".join(_table_lines(out)[:4])
    assert "Orders" not in header and "Sustained" in header
    code, out, _ = run(capsys, "--db", demo_db, "value", "--top", "5", "--wide")
    assert code == 0 and "Not shown" not in out
    header = _table_lines(out)[1]
    for label in ("Orders", "Revenue", "Cost", "Referral revenue", "Sustained value"):
        assert label in header
    assert max(cell_len(line) for line in _table_lines(out)) > 80
    code, out, _ = run(capsys, "--lang", "zh", "--db", demo_db, "value", "--top", "5")
    assert "为适应 80 列宽未显示：订单数、" in out and "加 --wide 可显示全部列。" in out


def test_long_names_wrap_instead_of_being_cut(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "value", "--top", "10", "--format", "json")
    names = {row["customer_id"]: row["name"] for row in json.loads(out)[:10]}
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "--db", demo_db, "value", "--top", "10")
    shown: dict[str, str] = {}
    current = ""
    for line in _table_lines(out):
        cells = [c.strip() for c in re.split("[│]", line)[1:-1]]
        if len(cells) < 2:
            continue
        current = cells[0] or current
        shown[current] = shown.get(current, "") + cells[1]
    wrapped = 0
    for cid, name in names.items():
        assert shown[cid] == "".join(name.split())  # whole, over one or more lines
        wrapped += out.count(name) == 0
    assert wrapped  # at 80 columns some names do wrap

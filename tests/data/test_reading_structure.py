"""CSV structure without silent loss: every physical line of a file ends up in a row, a
refused row, or a value spanning lines that the report lists; CR-only and mixed line
endings; a quote left open. The fast (Polars) and exact (csv) paths agree with Python's
csv module on any text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.data import reading
from custvalue.data.decoding import LINE_BREAK
from custvalue.data.preparing import prepare
from custvalue.data.reading import read_table
from custvalue.exceptions import ImportFileError

HEADER = "订单号,客户编号,日期,金额,产品"


def _write(tmp_path: Path, text: str, name: str = "a.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("eol", ["\r", "\n", "\r\n"])
def test_every_line_ending_gives_the_same_rows(tmp_path: Path, eol: str) -> None:
    """Old Mac files end lines with CR alone: they are rows, not one long header."""
    text = eol.join([HEADER, "O1,C1,2023-01-05,5,茶叶", "O2,C2,2023-01-06,6,大米", ""])
    batch = prepare("orders", _write(tmp_path, text))
    assert batch.rows["order_id"].to_list() == ["O1", "O2"]
    assert batch.rows["_line"].to_list() == [2, 3] and not batch.rejected


def test_mixed_line_endings_keep_physical_line_numbers(tmp_path: Path) -> None:
    text = (
        HEADER + "\r\nO1,C1,2023-01-05,5,茶叶\rO2,C2,2023-13-06,6,大米\nO3,C3,2023-01-07,7,米\r\n"
    )
    batch = prepare("orders", _write(tmp_path, text))
    assert batch.rows["_line"].to_list() == [2, 4]
    assert [(r.line, r.reason) for r in batch.rejected] == [(3, "import.invalid_date")]


def test_a_quote_open_at_the_end_refuses_the_file_naming_its_line(tmp_path: Path) -> None:
    text = "\n".join(
        [HEADER, "O1,C1,2023-01-05,5,茶叶", 'O2,C2,2023-01-06,6,"大米', "O3,C3,x,7,米", ""]
    )
    with pytest.raises(ImportFileError) as info:
        read_table(_write(tmp_path, text))
    assert info.value.code == "import.unclosed_quote"
    assert info.value.params["line"] == 3
    assert "line 3" in info.value.message() and '"大米' in info.value.message()
    assert "第 3 行" in info.value.message("zh")


@pytest.mark.parametrize("eol", ["\r", "\n", "\r\n"])
def test_a_quote_open_at_the_end_without_a_final_line_break(tmp_path: Path, eol: str) -> None:
    text = eol.join([HEADER, "O1,C1,2023-01-05,5,茶叶", "O2,C2,2023-01-06,6,x", 'O3,C3,x,7,"米'])
    with pytest.raises(ImportFileError) as info:
        read_table(_write(tmp_path, text))
    assert (info.value.code, info.value.params["line"]) == ("import.unclosed_quote", 4)


def test_a_quote_that_swallows_rows_is_one_named_refusal(tmp_path: Path) -> None:
    """A quote opened on line 3 closes only at a quote on line 5: lines 3–5 are one
    record; lines 4 and 5 look like rows of their own, so the record is refused."""
    lines = [
        HEADER,
        "O1,C1,2023-01-05,5,茶叶",
        'O2,C2,2023-01-06,6,"大米',
        "O3,C3,2023-01-07,7,米",
        'O4,"C4",2023-01-08,8,面',
        "O5,C5,2023-01-09,9,油",
    ]
    batch = prepare("orders", _write(tmp_path, "\n".join(lines) + "\n"))
    assert batch.rows["order_id"].to_list() == ["O1", "O5"]
    [bad] = batch.rejected
    assert (bad.line, bad.reason, bad.params["end"], bad.params["count"]) == (
        3,
        "import.quote_spans_rows",
        5,
        2,
    )
    assert "line 5" in bad.message()
    # every physical line is accounted for: rows 2 and 6, the refused record 3–5
    assert batch.total_rows == 3


def test_values_spanning_lines_are_kept_and_listed(tmp_path: Path) -> None:
    text = "\n".join(
        [HEADER, 'O1,C1,2023-01-05,5,"第一行', '第二行"', "O2,C2,2023-13-06,6,大米", ""]
    )
    path = _write(tmp_path, text)
    table = read_table(path)
    assert table.spans == [(2, 3)]
    batch = prepare("orders", path)
    assert batch.rows["product"].to_list() == ["第一行\n第二行"]
    assert [(r.line, r.reason) for r in batch.rejected] == [(4, "import.invalid_date")]
    assert batch.spans == [(2, 3)]


@pytest.mark.parametrize(
    ("row", "value"),
    [('O1,C1,2023-01-05,5,12" 屏幕', '12" 屏幕'), ('O1,C1,2023-01-05,5,"12"寸', "12寸")],
)
def test_a_quote_inside_a_value_is_read_as_the_csv_module_reads_it(
    tmp_path: Path, row: str, value: str
) -> None:
    table = read_table(_write(tmp_path, f"{HEADER}\n{row}\n"))
    assert table.cells["c4"].to_list() == [value] and not table.rejected


def test_a_zero_byte_refuses_its_cell_and_a_header_with_one_the_file(tmp_path: Path) -> None:
    """A zero byte reaches the cell's parser (which refuses it, naming the column) on
    either path; in the header it refuses the file."""
    text = f"{HEADER}\nO1,C1,2023-01-05,5,茶\x00叶\nO2,C2,2023-01-06,6,大米\n"
    for name, content in (("a.csv", text), ("cr.csv", text.replace("\n", "\r"))):
        batch = prepare("orders", _write(tmp_path, content, name))
        assert batch.rows["order_id"].to_list() == ["O2"]
        [bad] = batch.rejected
        assert (bad.line, bad.column, bad.reason) == (2, "产品", "import.bad_text_control")
    with pytest.raises(ImportFileError) as info:
        read_table(_write(tmp_path, "订单号,客户\x00编号\nO1,C1\n", "h.csv"))
    assert (info.value.code, info.value.params["line"]) == ("import.header_nul", 1)


# --- the two paths against the csv module ------------------------------------------


def _reference(text: str, sep: str) -> tuple[list[str], list[tuple[int, list[str | None]]]] | str:
    """What the csv module reads: the header and each row's first line and padded cells,
    or ``"unclosed"`` when a quote is open at the end (a record added after the text is
    then swallowed by the open value)."""
    marker = ["\x01", "\x01"]
    probe = csv.reader(io.StringIO(text + "\n" + sep.join(marker), newline=""), delimiter=sep)
    if list(probe)[-1] != marker:
        return "unclosed"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    rows: list[tuple[int, list[str | None]]] = []
    start = 1
    for record in reader:
        end = reader.line_num
        if record and not (len(record) == 1 and not record[0].strip()):
            if header is None:
                header = [h.strip() for h in record]
            else:
                width = len(header)
                cells = [record[i] if i < len(record) else None for i in range(width)]
                rows.append((start, [c if c and c.strip() else None for c in cells]))
        start = end + 1
    return header or [], rows


def _normal(cells: list[str | None]) -> list[str | None]:
    return [c if c and c.strip() else None for c in cells]


@settings(max_examples=300)
@given(
    text=st.text(alphabet=st.sampled_from('ab客 ,;"\n\r\t'), min_size=1, max_size=40),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_both_paths_read_any_text_as_the_csv_module_does(text: str, sep: str) -> None:
    expected = _reference(text, sep)
    if expected == "unclosed":
        with pytest.raises(ImportFileError) as info:
            reading._read_csv_exact("f", text, sep)
        assert info.value.code == "import.unclosed_quote"
        return
    assert not isinstance(expected, str)
    header, rows = expected
    try:
        exact = reading._read_csv_exact("f", text, sep)
    except ImportFileError as error:  # pragma: no cover - shown with the example
        raise AssertionError(f"refused {error.code} where csv reads {rows}") from None
    assert exact.headers == header
    got = list(zip(exact.lines.to_list(), exact.cells.rows(), strict=True))
    assert [(line, _normal(list(cells))) for line, cells in got] == rows
    fast = reading._read_csv_fast(text, sep, None)
    lone_cr = text.count("\r") != text.count("\r\n")
    if fast is not None and not lone_cr:
        assert fast.headers == exact.headers
        assert fast.lines.to_list() == exact.lines.to_list()
        assert [_normal(list(r)) for r in fast.cells.rows()] == [
            _normal(list(r)) for r in exact.cells.rows()
        ]
        assert fast.ragged == exact.ragged


@settings(max_examples=100)
@given(
    rows=st.lists(
        st.tuples(
            st.text(alphabet='ab,"\n\r 客', max_size=6),
            st.sampled_from(["\n", "\r\n", "\r"]),
            st.integers(min_value=0, max_value=2),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_quoted_values_with_any_line_endings_keep_their_first_physical_line(
    rows: list[tuple[str, str, int]],
) -> None:
    """Well-quoted values of any content, blank lines, any line ending: each row's value
    and its first physical line, through :func:`read_table`'s choice of path."""
    text = "h1,h2\n"
    expected = []
    for value, eol, blanks in rows:
        text += eol * blanks
        # the row's first line: one more than the line breaks before it (a CR followed by
        # the LF of a blank line is one break, as in any editor)
        expected.append((len(LINE_BREAK.findall(text)) + 1, value if value.strip() else None))
        text += '"' + value.replace('"', '""') + '",x' + eol
    table = reading._read_csv("f", text.encode())
    got = [
        (n, v if v and v.strip() else None)
        for n, v in zip(table.lines, table.cells["c0"], strict=True)
    ]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n\n3,4\n",
        'a,b\r\n"1,5",2\r\n"x""y",""\r\n',
        "a;b\n1;2\n;\n",
    ],
)
def test_clean_files_take_the_fast_path(text: str) -> None:
    """The comparisons above are not empty: ordinary files are read by Polars."""
    sep = ";" if ";" in text else ","
    fast = reading._read_csv_fast(text, sep, None)
    assert fast is not None
    exact = reading._read_csv_exact("f", text, sep)
    assert fast.lines.to_list() == exact.lines.to_list()

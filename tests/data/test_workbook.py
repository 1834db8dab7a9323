"""The workbook guards: the extent of a sheet, the package's sizes, formula cells.

The corpus (tests/corpus/manifest-excel.toml) imports the hostile workbooks through the
command line; these tests check the mechanisms on the shapes the corpus does not hold
(cells without references, a namespace prefix, every limit of the regular expressions)
without ever handing the reader a sheet that would exhaust memory.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.data import workbook
from custvalue.data.reading import read_table
from custvalue.data.workbook import (
    MAX_CELLS,
    _above,
    _check_extent,
    _column_letters,
    _formulas_without_value,
)
from custvalue.exceptions import ImportFileError
from tests.corpus import make_excel

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@given(st.integers(1, 10**8), st.integers(1, 10**9))
def test_above_matches_the_larger_numbers_only(limit: int, number: int) -> None:
    pattern = re.compile(_above(str(limit), DIGITS))
    assert (pattern.fullmatch(str(number)) is not None) == (number > limit)


@given(st.integers(1, 16_384), st.integers(1, 20_000))
def test_above_matches_the_later_columns_only(limit: int, number: int) -> None:
    pattern = re.compile(_above(_column_letters(limit), LETTERS))
    assert (pattern.fullmatch(_column_letters(number)) is not None) == (number > limit)


def _sheet(rows: str, prefix: str = "") -> bytes:
    ns = f"xmlns{':' + prefix[:-1] if prefix else ''}"
    return (
        f'<{prefix}worksheet {ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<{prefix}sheetData>{rows}</{prefix}sheetData></{prefix}worksheet>"
    ).encode()


def _refused(xml: bytes) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        _check_extent("book.xlsx", "订单", xml)
    assert info.value.code == "import.excel_sheet_extent"
    return info.value


def test_a_far_cell_is_refused_and_named() -> None:
    rows = '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>1</v></c></row>'
    error = _refused(_sheet(rows))
    assert error.params["cell"] == "XFD1048576"
    assert "XFD1048576" in error.message() and "XFD1048576" in error.message("zh")


def test_cells_within_the_limit_are_read() -> None:
    # a million rows of 47 columns is the limit; 3 rows reaching XFD are fine
    _check_extent("book.xlsx", "s", _sheet('<row r="3"><c r="XFD3"><v>1</v></c></row>'))
    _check_extent("book.xlsx", "s", _sheet('<row r="1000000"><c r="AU1000000"><v>1</v></c></row>'))
    _refused(_sheet('<row r="1000000"><c r="BA1000000"><v>1</v></c></row>'))


def test_cells_without_references_are_placed_as_the_reader_places_them() -> None:
    """Rows and cells may omit ``r``: the reader counts them. 60,000 rows and one row of
    1,000 cells span 60 million cells, without one reference to search for."""
    wide = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
    rows = "<row><c><v>1</v></c></row>" * 59_999 + wide
    error = _refused(_sheet(rows))
    assert error.params["cell"] == f"{_column_letters(1000)}60000"
    _check_extent("book.xlsx", "s", _sheet("<row><c><v>1</v></c></row>" * 1000 + wide))


def test_a_namespace_prefix_does_not_hide_a_far_cell() -> None:
    rows = (
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZZ900000"><x:v>1</x:v></x:c></x:row>'
    )
    error = _refused(_sheet(rows, prefix="x:"))
    assert error.params["cell"] == "ZZZ900000"


def test_the_limit_counts_the_last_row() -> None:
    """A row number far down (with no cell) raises the rows of the grid."""
    rows = '<row r="1"><c r="AZ1"><v>1</v></c></row><row r="1048576"/>'
    assert 1_048_576 * 52 > MAX_CELLS
    _refused(_sheet(rows))


def test_formulas_without_a_saved_result() -> None:
    cells = (
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c>'  # saved by Excel
        '<c r="B2"><f>1+1</f><v /></c>'  # openpyxl
        '<c r="C2"><f>1+1</f></c>'  # no value element at all
        '<c r="D2" t="str"><f>""</f><v></v></c>'  # the empty text, saved
        '<c r="E2"><f t="shared" si="0"/></c>'  # a shared formula's other cell
        '<c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'  # an error: read as one
    )
    xml = _sheet(cells)
    assert _formulas_without_value(xml, recalculated=False) == [
        (2, 1, "=1+1"),
        (2, 2, "=1+1"),
        (2, 4, "=…"),
    ]
    # a workbook that asks to be recalculated: every saved result is a placeholder
    flagged = _formulas_without_value(xml, recalculated=True)
    assert [(r, c) for r, c, _ in flagged] == [(2, 0), (2, 1), (2, 2), (2, 4), (2, 5)]
    assert _formulas_without_value(_sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), True) == []


def test_the_declared_sizes_are_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(make_excel.orders())
    assert read_table(path).cells.height == 4
    monkeypatch.setattr(workbook, "MAX_INFLATED", 1000)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import.excel_too_large"
    assert "orders.xlsx" in info.value.message("zh")


def test_an_error_only_row_and_a_formula_only_row_are_not_blank(tmp_path: Path) -> None:
    """A row whose only cells are an error or formulas without results is refused for
    them; it is never passed over as a blank row."""
    from custvalue.data import prepare

    header = ["订单号", "客户编号", "下单日期", "金额"]
    rows = [
        ["O1", "C1", make_excel.Date(45296), 10],
        [None, None, None, make_excel.Error("#N/A")],
        ["O3", "C1", make_excel.Date(45296), 10],
        [make_excel.Formula('"O"&"4"'), make_excel.Formula('"C1"')],
    ]
    path = tmp_path / "book.xlsx"
    path.write_bytes(make_excel.xlsx([make_excel.Sheet("s", [header, *rows])], recalculate=True))
    batch = prepare("orders", path)
    assert batch.rows["order_id"].to_list() == ["O1", "O3"]
    refused = sorted({(r.line, r.reason) for r in batch.rejected})
    assert refused == [
        (3, "import.excel_error"),
        (3, "import.missing_value"),
        (5, "import.excel_formula_no_value"),
        (5, "import.missing_value"),
    ]


@pytest.mark.parametrize(
    ("rows", "headers", "lines"),
    [
        # a title merged across above the header: passed over
        (
            [["2024年订单明细"], ["订单号", "客户编号", "金额"], ["O1", "C1", 5]],
            ["订单号", "客户编号", "金额"],
            [3],
        ),
        # a header of one column, a note beside its first value: the header stays
        ([["客户编号"], ["C1", "备注"], ["C2"]], ["客户编号"], [2, 3]),
        # two titles, then a blank row, then the header
        ([["公司"], ["2024年"], [], ["a", "b", "c"], [1, 2, 3]], ["a", "b", "c"], [5]),
    ],
)
def test_a_title_above_the_header(
    tmp_path: Path, rows: list[list[object]], headers: list[str], lines: list[int]
) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(make_excel.xlsx([make_excel.Sheet("s", rows)]))
    table = read_table(path)
    assert table.headers == headers
    assert table.lines.to_list() == lines


def test_an_empty_first_sheet_names_the_sheets(tmp_path: Path) -> None:
    """The data on sheet 2: the empty first sheet is named with the sheets to choose from;
    a workbook with one empty sheet is simply empty."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(make_excel.FILES["first_sheet_empty.xlsx"]())
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import.sheet_empty"
    assert "Sheet1, 订单" in info.value.message() and "--sheet" in info.value.message("zh")
    assert read_table(path, sheet="订单").cells.height == 4
    path.write_bytes(make_excel.FILES["empty_workbook.xlsx"]())
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import.empty"

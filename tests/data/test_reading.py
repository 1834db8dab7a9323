"""Reading files: encodings, separators, Excel, physical line numbers, and files that
cannot be read at all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from custvalue.data.columns import normalize_header, resolve_columns
from custvalue.data.preparing import prepare
from custvalue.data.reading import read_table
from custvalue.exceptions import ImportFileError

TEXT = "客户编号,日期,金额\nC1,2023-01-05,5\nC2,2023-01-06,6\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk"), ("gb18030", "gb18030")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    text = TEXT
    if encoding == "gb18030":
        text = TEXT.replace("C2", "C2€")  # € exists in GB18030 only
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.encoding == expected
    assert table.headers == ["客户编号", "日期", "金额"]
    assert table.cells["c0"].to_list() == ["C1", "C2€" if encoding == "gb18030" else "C2"]
    assert table.lines.to_list() == [2, 3]


@pytest.mark.parametrize("sep", ["\t", ";", "|"])
def test_other_separators(tmp_path: Path, sep: str) -> None:
    path = tmp_path / "a.tsv"
    path.write_text(TEXT.replace(",", sep), encoding="utf-8")
    assert read_table(path).cells["c2"].to_list() == ["5", "6"]


def test_line_numbers_are_physical_with_blank_lines_crlf_and_multiline_values(
    tmp_path: Path,
) -> None:
    text = 'a,b\r\n\r\n1,"x\r\ny"\r\n\r\n2,z\r\n3,"q"\r\n'
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path)
    assert table.lines.to_list() == [3, 6, 7]
    assert table.cells["c1"].to_list() == ["x\r\ny", "z", "q"]


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("\n\na,b\n1,2\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["a", "b"] and table.lines.to_list() == [4]


@pytest.mark.parametrize("quoted", [False, True])
def test_ragged_rows_are_reported_with_their_line(tmp_path: Path, quoted: bool) -> None:
    q = '"' if quoted else ""
    text = f"a,b,c\n1,2,3\n4,5\n6,7,8,9\n{q}10{q},11,12\n"
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    assert table.ragged == [(3, 2), (4, 4)]
    assert table.lines.to_list() == [2, 3, 4, 5]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.text(alphabet='ab,"\n 客', max_size=6),
            st.integers(min_value=0, max_value=2),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_exact_and_fast_paths_agree_with_the_csv_module(
    tmp_path: Path, rows: list[tuple[str, int]]
) -> None:
    """Any quoting and blank lines: each row's value and its first physical line."""
    lines = ["h1,h2"]
    expected = []
    for value, blanks in rows:
        lines.extend([""] * blanks)
        quoted = '"' + value.replace('"', '""') + '"'
        expected.append((len("\n".join(lines).split("\n")) + 1, value or None))
        lines.append(f"{quoted},x")
    path = tmp_path / "h.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    got = list(zip(table.lines.to_list(), table.cells["c0"].to_list(), strict=True))
    assert [(line, v.strip() if v and v.strip() else None) for line, v in got] == [
        (line, v.strip() if v and v.strip() else None) for line, v in expected
    ]


def test_excel_cells_dates_numbers_and_sheet_choice(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"
    first.append(["this sheet is not data"])
    sheet = book.create_sheet("订单")
    sheet.append(["订单号", "客户编号", "日期", "金额"])
    sheet.append(["O1", "C1", dt.datetime(2023, 1, 5), 100.5])
    sheet.append(["O2", "C1", "2023/2/5", "1,200"])
    sheet.append([None, None, None, None])
    sheet.append([3, "C2", 45000, 0.1 + 0.2])
    path = tmp_path / "book.xlsx"
    book.save(path)
    batch = prepare("orders", path, sheet="订单")
    assert batch.encoding == "excel" and not batch.rejected
    rows = batch.rows.sort("_line")
    assert rows["_line"].to_list() == [2, 3, 5]
    assert rows["order_id"].to_list() == ["O1", "O2", "3"]
    assert rows["amount_cents"].to_list() == [10050, 120000, 30]
    assert rows["ordered_at"].dt.date().to_list() == [
        dt.date(2023, 1, 5),
        dt.date(2023, 2, 5),
        dt.date(2023, 3, 15),
    ]
    with pytest.raises(ImportFileError, match="订单, 说明|说明, 订单"):
        prepare("orders", path, sheet="nope")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.csv", None, "import.file_missing"),
        ("a.pdf", b"%PDF", "import.unsupported_format"),
        ("empty.csv", b"", "import.empty"),
        ("blank.csv", b"\n\n  \n", "import.empty"),
        ("latin.csv", "name\nCafé\n".encode("latin-1"), "import.encoding"),
        ("utf32.csv", "name\nCafé\n".encode("utf-32"), "import.encoding_utf32"),
        ("nobom.csv", "name\nCafé\n".encode("utf-16-le"), "import.encoding_no_bom"),
        ("fake.xlsx", b"not a zip", "import.excel_is_text"),
        ("renamed.xlsx", "客户编号,金额\nC1,100\n".encode("gbk"), "import.excel_is_text"),
        ("broken.xlsx", b"PK\x03\x04\x00\x00\xff\xfe" * 8, "import.bad_excel"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == code
    assert name in info.value.message()
    assert info.value.message(lang="zh") != info.value.message()
    # the reader library's own words never reach the sentence
    assert "zip" not in info.value.message().lower().replace(name, "")


@pytest.mark.parametrize("content", ["客户编号,日期,金额\n", "客户编号,日期,金额\n\n  \n"])
def test_header_only_file_has_no_data_rows(tmp_path: Path, content: str) -> None:
    path = tmp_path / "header.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        prepare("orders", path)
    assert info.value.code == "import.no_data_rows"
    assert "header.csv" in info.value.message() and "客户编号" in info.value.message()
    assert "没有数据行" in info.value.message("zh")


def test_header_only_sheet_has_no_data_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["客户编号", "日期", "金额"])
    book.save(path)
    with pytest.raises(ImportFileError) as info:
        prepare("orders", path)
    assert info.value.code == "import.no_data_rows"


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as info:
        read_table(tmp_path)
    assert info.value.code == "import.not_a_file"


def test_header_normalisation_and_synonyms() -> None:
    assert normalize_header(" Customer_ID ") == "customerid"
    assert normalize_header("订单金额（元）") == "订单金额"
    assert normalize_header("ＡＭＯＵＮＴ") == "amount"
    cmap = resolve_columns("orders", ["客户ID", "交易日期", "销售额", "备注"], file="f")
    assert cmap.used == {"customer_id": 0, "date": 1, "amount": 2}
    assert cmap.ignored == [3]


def test_map_option(tmp_path: Path) -> None:
    headers = ["买家", "时间", "实收"]
    cmap = resolve_columns(
        "orders",
        headers,
        file="f",
        mapping={"买家": "customer_id", "时间": "date", "实收": "amount"},
    )
    assert cmap.used == {"customer_id": 0, "date": 1, "amount": 2}
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", headers, file="f", mapping={"买家": "buyer"})
    assert info.value.code == "import.bad_map_dest" and "customer_id" in info.value.message()
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", headers, file="f", mapping={"nope": "date"})
    assert info.value.code == "import.bad_map_source" and "买家" in info.value.message()


def test_map_overrides_a_synonym() -> None:
    headers = ["客户编号", "日期", "金额", "实收金额"]
    cmap = resolve_columns("orders", headers, file="f", mapping={"实收金额": "amount"})
    assert cmap.used["amount"] == 3 and 2 in cmap.ignored


def test_two_columns_meaning_the_same_thing() -> None:
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", ["客户编号", "客户ID", "日期", "金额"], file="f")
    assert info.value.code == "import.duplicate_column"
    assert "客户编号" in info.value.message() and "客户ID" in info.value.message()


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["订单号", "下单日期", "金额", "买家"], "--map '买家=customer_id'"),
        (["order", "date", "amount", "buyer"], "--map 'buyer=customer_id'"),
        (["单号", "客户名称", "交易时间", "实收"], "--map '客户名称=customer_id'"),
    ],
)
def test_missing_column_hint_suggests_the_likely_header(headers: list[str], expected: str) -> None:
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", headers, file="f.csv")
    message = info.value.message()
    assert expected in message
    # a header already mapped (订单号 → order_id, 下单日期 → date …) is never suggested
    assert f"'{headers[0]}=" not in message


def test_missing_column_hint_maps_each_header_once() -> None:
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", ["买家", "时间", "实收"], file="f.csv")
    assert "--map '买家=customer_id' --map '时间=date' --map '实收=amount'" in str(info.value)
    with pytest.raises(ImportFileError) as info:
        resolve_columns("orders", ["x1", "x2", "x3"], file="f.csv")
    assert "x1=" not in str(info.value)  # nothing plausible: a placeholder, not the first header


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(ImportFileError) as info:
        resolve_columns("costs", ["客户编号", "日期", "金额"], file="costs.csv")
    assert info.value.code == "import.missing_columns"
    assert "kind" in info.value.message() and "costs.csv" in info.value.message()

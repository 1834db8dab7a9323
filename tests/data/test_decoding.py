"""The encoding of a text file, decided from evidence over the whole file: UTF-8 first,
GBK/GB18030 only for a file that is not UTF-8, UTF-16 by its mark, and a line in another
encoding than its file's refused by line — never read as mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.data.decoding import decode
from custvalue.data.preparing import prepare
from custvalue.data.reading import read_table
from custvalue.exceptions import ImportFileError

HEADER = "订单号,客户编号,日期,金额,产品\n"
ROWS = [
    "O1,C1,2023-01-05,5,苹果手机\n",
    "O2,C2,2023-01-06,6,华为平板\n",
    "O3,C3,2023-01-07,7,茶叶\n",
]


def _gb2312_level1() -> list[str]:
    out = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                out.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


LEVEL1 = _gb2312_level1()


def test_a_utf8_file_with_one_gbk_row_refuses_that_row_only(tmp_path: Path) -> None:
    data = (HEADER + ROWS[0] + ROWS[1]).encode() + "O4,C4,2023-01-08,8,红米\n".encode("gbk")
    data += ROWS[2].encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    batch = prepare("orders", path)
    assert batch.encoding == "utf-8"
    assert sorted(batch.rows["product"].to_list()) == sorted(["苹果手机", "华为平板", "茶叶"])
    [bad] = batch.rejected
    assert (bad.line, bad.reason) == (4, "import.line_not_utf8")
    offset = data.index("红米".encode("gbk"))
    assert bad.params["offset"] == offset
    assert f"byte offset {offset}" in bad.message() and "UTF-8" in bad.message()
    assert "\\xba\\xec" in (bad.value or "")  # the bytes as they are, not a guess
    assert "字节偏移" in bad.message("zh")


def test_a_gbk_file_with_one_utf8_row_never_reads_it_as_mojibake(tmp_path: Path) -> None:
    """The UTF-8 bytes of 红米 are valid GBK (read as 绾㈢背): that row is refused."""
    assert "红米".encode().decode("gbk") != "红米"
    data = (HEADER + ROWS[0] + ROWS[1]).encode("gbk") + "O4,C4,2023-01-08,8,红米\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    batch = prepare("orders", path)
    assert batch.encoding == "gbk"
    assert batch.rows["product"].to_list() == ["苹果手机", "华为平板"]
    [bad] = batch.rejected
    assert (bad.line, bad.reason, bad.value) == (
        4,
        "import.line_utf8_in_gbk",
        "O4,C4,2023-01-08,8,红米",
    )
    assert bad.params["offset"] == data.index("红米".encode())
    assert "GBK" in bad.message() and "UTF-8" in bad.message()


def test_a_utf8_row_that_gbk_cannot_decode_is_refused_too(tmp_path: Path) -> None:
    data = (HEADER + ROWS[0]).encode("gbk") + "O4,C4,2023-01-08,8,中\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    batch = prepare("orders", path)
    assert [(r.line, r.reason) for r in batch.rejected] == [(3, "import.line_utf8_in_gbk")]
    assert batch.rows["product"].to_list() == ["苹果手机"]


def test_a_header_in_another_encoding_refuses_the_file(tmp_path: Path) -> None:
    data = HEADER.encode("gbk") + "".join(ROWS).encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import.header_encoding"
    assert info.value.params["line"] == 1 and "UTF-8" in info.value.message()


def test_gb18030_only_characters(tmp_path: Path) -> None:
    """€ and 𠀀 exist in GB18030, not in GBK: the file is GB18030, read exactly."""
    text = HEADER + "O1,C1,2023-01-05,5,€𠀀\n" + ROWS[1]
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("gb18030"))
    table = read_table(path)
    assert table.encoding == "gb18030" and not table.rejected
    assert table.cells["c4"].to_list() == ["€𠀀", "华为平板"]


def test_text_that_is_neither_is_refused_naming_line_and_offset(tmp_path: Path) -> None:
    data = b"name,city\nA,Paris\nB,Andr\xe9\n"  # Latin-1: \xe9 before a line break is no GBK
    path = tmp_path / "latin.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import.encoding"
    assert info.value.params == {"file": str(path), "line": 3, "offset": data.index(b"\xe9")}
    assert "line 3" in info.value.message() and "UTF-8" in info.value.message()


@pytest.mark.parametrize(
    ("codec", "expected"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]
)
def test_utf16_with_a_mark_is_read(tmp_path: Path, codec: str, expected: str) -> None:
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated, CR LF."""
    text = (HEADER + "".join(ROWS)).replace(",", "\t").replace("\n", "\r\n")
    mark = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    path = tmp_path / "unicode.txt"
    path.write_bytes(mark + text.encode(codec))
    batch = prepare("orders", path)
    assert batch.encoding == expected and not batch.rejected
    assert batch.rows["product"].to_list() == ["苹果手机", "华为平板", "茶叶"]
    assert batch.rows["_line"].to_list() == [2, 3, 4]


@pytest.mark.parametrize(
    ("data", "code", "label"),
    [
        ((HEADER + ROWS[0]).encode("utf-16-le"), "import.encoding_no_bom", "UTF-16"),
        ((HEADER + ROWS[0]).encode("utf-16-be"), "import.encoding_no_bom", "UTF-16"),
        ((HEADER + ROWS[0]).encode("utf-32-le"), "import.encoding_no_bom", "UTF-32"),
        ((HEADER + ROWS[0]).encode("utf-32"), "import.encoding_utf32", None),
        (b"\xff\xfe" + "a,b\n1,".encode("utf-16-le") + b"\x00\xd8", "import.encoding_utf16", None),
    ],
)
def test_wide_text_that_cannot_be_read_safely_is_refused(
    tmp_path: Path, data: bytes, code: str, label: str | None
) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == code
    assert "UTF-8" in info.value.message()  # says how to fix it
    if label:
        assert info.value.params["encoding"] == label


def test_a_lone_surrogate_in_utf16_names_line_and_offset(tmp_path: Path) -> None:
    data = b"\xff\xfe" + "a,b\n1,2\n3,".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    path = tmp_path / "bad16.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.params["line"] == 3 and info.value.params["offset"] == len(data) - 4


def test_a_file_valid_as_utf8_is_utf8() -> None:
    """UTF-8 validity first: the whole file decodes, so it is UTF-8 (one decode)."""
    data = (HEADER + "".join(ROWS)).encode()
    decoded = decode("f", data)
    assert decoded.encoding == "utf-8" and decoded.utf8 is data and not decoded.issues


def test_a_gbk_file_whose_lines_happen_to_be_valid_utf8_stays_gbk() -> None:
    """小 is D0 A1 in GBK, which is also the UTF-8 of Cyrillic С: GBK wins in a GBK file."""
    data = (HEADER + "O1,C1,2023-01-05,5,小\n" + ROWS[0]).encode("gbk")
    decoded = decode("f", data)
    assert decoded.encoding == "gbk" and not decoded.issues
    assert "小" in decoded.text


@settings(max_examples=150)
@given(
    rows=st.lists(
        st.text(st.sampled_from(LEVEL1), min_size=1, max_size=4), min_size=1, max_size=12
    ),
    utf8_at=st.sets(st.integers(min_value=0, max_value=11), max_size=2),
)
def test_gbk_files_with_utf8_rows(rows: list[str], utf8_at: set[int]) -> None:
    """Random Chinese text in GBK with some rows in UTF-8: every GBK row reads back
    exactly, every UTF-8 row is refused (never decoded as GBK), nothing else is."""
    lines = [HEADER.encode("gbk")]
    lines.append("O0,C0,2023-01-05,5,苹果\n".encode("gbk"))  # one row surely not UTF-8
    utf8_lines = set()
    for i, value in enumerate(rows):
        line = f"O{i + 1},C{i},2023-01-05,5,{value}\n"
        if i in utf8_at and len(utf8_lines) < len(rows) // 2:
            lines.append(line.encode())
            utf8_lines.add(i + 3)
        else:
            lines.append(line.encode("gbk"))
    decoded = decode("f", b"".join(lines))
    assert decoded.encoding == "gbk"
    assert set(decoded.issues) == utf8_lines
    assert all(i.reason == "import.line_utf8_in_gbk" for i in decoded.issues.values())
    for n, value in enumerate(rows):
        assert f"O{n + 1},C{n},2023-01-05,5,{value}" in decoded.text.splitlines()


@settings(max_examples=150)
@given(
    rows=st.lists(
        st.text(st.sampled_from(LEVEL1), min_size=1, max_size=4), min_size=2, max_size=12
    ),
    gbk_at=st.integers(min_value=0, max_value=11),
)
def test_utf8_files_with_a_gbk_row(rows: list[str], gbk_at: int) -> None:
    gbk_at %= len(rows)
    lines = [HEADER.encode()]
    for i, value in enumerate(rows):
        line = f"O{i},C{i},2023-01-05,5,{value}\n"
        lines.append(line.encode("gbk") if i == gbk_at else line.encode())
    data = b"".join(lines)
    decoded = decode("f", data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decoded.encoding == "utf-8"
        assert list(decoded.issues) == [gbk_at + 2]
        assert decoded.issues[gbk_at + 2].reason == "import.line_not_utf8"
    else:  # the GBK bytes happen to be valid UTF-8: the whole file is UTF-8
        assert decoded.encoding == "utf-8" and not decoded.issues
    for n, value in enumerate(rows):
        if n != gbk_at:
            assert f"O{n},C{n},2023-01-05,5,{value}" in decoded.text.splitlines()

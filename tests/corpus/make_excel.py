"""Write the Excel corpus: workbooks that are empty, damaged, oddly laid out or hostile.

Run ``python tests/corpus/make_excel.py`` to (re)write ``tests/corpus/excel/``; the files
are committed, and ``test_corpus.py`` checks that this script writes the same workbooks
(the same parts with the same bytes: the zip's compressed bytes may differ between zlib
builds). Each file's expected outcome is in ``manifest-excel.toml``.

The workbooks are written part by part (SpreadsheetML as Excel writes it: shared
strings, a style sheet, fixed zip timestamps), so that each oddity is exactly the one
named — a formula without its saved result, an error cell, a value in ``XFD1048576`` —
and the bytes are the same on every run. ``orders.xls`` (Excel 97–2003) is committed
as it is: it was written by xlwt 1.3.0 with :func:`xls_source`'s code.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).parent / "excel"
#: files committed as they are, not written by this script
COMMITTED = frozenset({"orders.xls"})

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: cell styles (indexes into cellXfs): 0 general, 1 date, 2 date and time, 3 text ("@"),
#: 4 a fill (formatting without a value)
DATE, DATETIME, TEXT, FILLED = 1, 2, 3, 4
_STYLES = (
    _XML + f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>'
    "</cellXfs></styleSheet>"
)


@dataclass(frozen=True)
class Date:
    """A number shown as a date: an Excel serial (days since 1899-12-30)."""

    serial: float
    style: int = DATE


@dataclass(frozen=True)
class Formula:
    """A formula, with the result Excel saved (``cached``) or none."""

    formula: str
    cached: object = None


@dataclass(frozen=True)
class Error:
    """A cell showing an Excel error (``#DIV/0!``)."""

    code: str


@dataclass(frozen=True)
class Styled:
    """A cell with formatting and no value."""

    style: int = FILLED


@dataclass(frozen=True)
class Text:
    """A number typed into a cell formatted as text (Excel keeps it as text)."""

    text: str


def column(index: int) -> str:
    """Column letters of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


class _Strings:
    """The shared string table, in order of first use."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self.index)
        n = len(self.index)
        return _XML + f'<sst xmlns="{_MAIN}" count="{n}" uniqueCount="{n}">{items}</sst>'


def _cell(ref: str, value: object, strings: _Strings) -> str:
    if value is None:
        return ""
    if isinstance(value, Styled):
        return f'<c r="{ref}" s="{value.style}"/>'
    if isinstance(value, Date):
        return f'<c r="{ref}" s="{value.style}"><v>{_number(value.serial)}</v></c>'
    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><v>{escape(value.code)}</v></c>'
    if isinstance(value, Text):
        return f'<c r="{ref}" s="{TEXT}" t="s"><v>{strings(value.text)}</v></c>'
    if isinstance(value, Formula):
        f = f"<f>{escape(value.formula)}</f>"
        cached = value.cached
        if cached is None:
            return f'<c r="{ref}">{f}<v></v></c>'
        if isinstance(cached, Error):
            return f'<c r="{ref}" t="e">{f}<v>{escape(cached.code)}</v></c>'
        if isinstance(cached, str):
            return f'<c r="{ref}" t="str">{f}<v>{escape(cached)}</v></c>'
        return f'<c r="{ref}">{f}<v>{_number(cached)}</v></c>'  # type: ignore[arg-type]
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    return f'<c r="{ref}" t="s"><v>{strings(str(value))}</v></c>'


@dataclass
class Sheet:
    """A worksheet: rows of cell values from row ``start``, and what surrounds them."""

    name: str
    rows: Sequence[Sequence[object]] = ()
    start: int = 1
    merged: Sequence[str] = ()
    hidden: Sequence[int] = ()
    #: raw XML appended inside <sheetData> (rows written by hand)
    extra: str = ""
    #: text inserted at the start of <sheetData> (e.g. a run of blanks)
    padding: str = ""

    def xml(self, strings: _Strings) -> str:
        rows = []
        for n, row in enumerate(self.rows, self.start):
            cells = "".join(_cell(f"{column(i)}{n}", v, strings) for i, v in enumerate(row))
            hidden = ' hidden="1"' if n in self.hidden else ""
            rows.append(f'<row r="{n}"{hidden}>{cells}</row>')
        merged = ""
        if self.merged:
            refs = "".join(f'<mergeCell ref="{m}"/>' for m in self.merged)
            merged = f'<mergeCells count="{len(self.merged)}">{refs}</mergeCells>'
        return (
            _XML + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_REL}">'
            f"<sheetData>{self.padding}{''.join(rows)}{self.extra}</sheetData>{merged}"
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>'
        )


def xlsx(sheets: Sequence[Sheet], *, recalculate: bool = False, deflate: bool = True) -> bytes:
    """A workbook of ``sheets``; ``recalculate`` sets the flag programs write to have
    Excel compute every formula on opening (``fullCalcOnLoad``); without ``deflate`` the
    parts are stored uncompressed (the same bytes whatever the zlib)."""
    strings = _Strings()
    bodies = [s.xml(strings) for s in sheets]
    n = len(sheets)
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (
        _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{sheet_type}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sheet_type}.sharedStrings+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        + "</Types>"
    )
    root_rels = (
        _XML + f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    calc = (
        '<calcPr calcId="191029" fullCalcOnLoad="1"/>'
        if recalculate
        else ('<calcPr calcId="191029"/>')
    )
    workbook = (
        _XML
        + f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_REL}"><sheets>'
        + "".join(
            f'<sheet name={quoteattr(s.name)} sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(sheets, 1)
        )
        + f"</sheets>{calc}</workbook>"
    )
    book_rels = (
        _XML
        + f'<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_DOC_REL}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{_DOC_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{_DOC_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    parts = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", book_rels),
        ("xl/styles.xml", _STYLES),
        ("xl/sharedStrings.xml", strings.xml()),
    ]
    parts += [(f"xl/worksheets/sheet{i}.xml", body) for i, body in enumerate(bodies, 1)]
    return _zip(parts, deflate=deflate)


def _zip(parts: Sequence[tuple[str, str | bytes]], *, deflate: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            info.external_attr = 0o600 << 16
            package.writestr(info, text.encode() if isinstance(text, str) else text)
    return buffer.getvalue()


# --- the data ----------------------------------------------------------------------------

HEADER = ["订单号", "客户编号", "下单日期", "金额", "产品"]
#: O1 C1 120.50 苹果手机, O2 C2 88.00 华为平板, O3 C1 15.25 茶叶, O4 C3 300 大米 (52375 fen)
ROWS: list[list[object]] = [
    ["O1", "C1", Date(45296), 120.5, "苹果手机"],  # 2024-01-05
    ["O2", "C2", Date(45297), 88, "华为平板"],  # 2024-01-06
    ["O3", "C1", Date(45323), 15.25, "茶叶"],  # 2024-02-01
    ["O4", "C3", Date(45325), 300, "大米"],  # 2024-02-03
]


def orders(rows: Sequence[Sequence[object]] = ROWS, **sheet: object) -> bytes:
    return xlsx([Sheet("订单", [HEADER, *rows], **sheet)])  # type: ignore[arg-type]


def _truncated() -> bytes:
    """The first 60 % of a workbook (a download cut short): no zip directory."""
    whole = xlsx([Sheet("订单", [HEADER, *ROWS])], deflate=False)
    return whole[: len(whole) * 3 // 5]


def _zip_bomb() -> bytes:
    """A sheet whose XML is 96 MiB of blanks between two rows: ~100 KiB on disk."""
    sheet = Sheet("订单", [HEADER, ROWS[0]], padding=" " * (96 << 20))
    return xlsx([sheet])


def _lying_sizes() -> bytes:
    """A sheet of 8 MiB (blanks between two rows) whose zip directory and local header
    say it inflates to 2,000 bytes: how a zip bomb hides from a check of declared sizes."""
    data = bytearray(xlsx([Sheet("订单", [HEADER, ROWS[0]], padding=" " * (8 << 20))]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 2000)
    directory = data.find(b"PK\x01\x02")
    while directory >= 0:
        length = struct.unpack_from("<H", data, directory + 28)[0]
        if data[directory + 46 : directory + 46 + length] == info.filename.encode():
            struct.pack_into("<I", data, directory + 24, 2000)
            break
        directory = data.find(b"PK\x01\x02", directory + 4)
    return bytes(data)


def _wide() -> bytes:
    """2,000 columns; the order's columns are the last five."""
    filler = [f"列{i}" for i in range(1995)]
    rows = [[*filler, *HEADER], *[[*(i for i in range(1995)), *row] for row in ROWS]]
    return xlsx([Sheet("订单", rows)])


def _trailing_formatting() -> bytes:
    """Formatting (a fill) on empty cells to column Z and down to row 500."""
    styled: list[object] = [Styled()] * 21
    rows = [[*HEADER, *styled], *[[*row, *styled] for row in ROWS[:3]]]
    rows += [[Styled()] * 26 for _ in range(496)]
    return xlsx([Sheet("订单", rows)])


def xls_source() -> bytes:  # pragma: no cover - run once, by hand, where xlwt is installed
    """How ``orders.xls`` was written (xlwt 1.3.0; the file is committed as it is)."""
    import datetime as dt

    import xlwt  # type: ignore[import-not-found]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("订单")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for j, name in enumerate(HEADER):
        sheet.write(0, j, name)
    days = {45296: 5, 45297: 6, 45323: 32, 45325: 34}
    for i, (order, customer, date, amount, product) in enumerate(ROWS, 1):
        sheet.write(i, 0, order)
        sheet.write(i, 1, customer)
        serial = date.serial if isinstance(date, Date) else 0
        day = dt.date(2024, 1, 1) + dt.timedelta(days=days[int(serial)] - 1)
        sheet.write(i, 2, day, dates)
        sheet.write(i, 3, amount)
        sheet.write(i, 4, product)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILES: dict[str, Callable[[], bytes]] = {
    # --- the baseline, and where the data is -------------------------------------------
    "orders.xlsx": orders,
    "empty_workbook.xlsx": lambda: xlsx([Sheet("Sheet1")]),
    "first_sheet_empty.xlsx": lambda: xlsx([Sheet("Sheet1"), Sheet("订单", [HEADER, *ROWS])]),
    "header_only.xlsx": lambda: orders([]),
    "orders_header_row4.xlsx": lambda: orders(
        [*ROWS[:2], ["O3", "C1", "2024-02-30", 15.25, "茶叶"], ROWS[3]], start=4
    ),
    "orders_title_row.xlsx": lambda: xlsx(
        [Sheet("订单", [["2024年订单明细"], HEADER, *ROWS], merged=["A1:E1"])]
    ),
    "orders_two_header_rows.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    ["订单信息", None, None, "金额", None],
                    ["订单号", "客户编号", "下单日期", "含税", "不含税"],
                    *[row[:4] + [row[3]] for row in ROWS],
                ],
                merged=["A1:C1", "D1:E1"],
            )
        ]
    ),
    "orders_merged_header.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    ["订单号", "客户编号", "下单日期", "金额", None, "产品"],
                    *[[*row[:4], "元", row[4]] for row in ROWS],
                ],
                merged=["D1:E1"],
            )
        ]
    ),
    "orders_hidden_rows.xlsx": lambda: orders(hidden=[3, 4]),
    "orders_trailing_formatting.xlsx": _trailing_formatting,
    "orders_wide.xlsx": _wide,
    # --- cells -------------------------------------------------------------------------
    "orders_formulas_saved.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    ["订单号", "客户编号", "下单日期", "单价", "数量", "金额"],
                    ["O1", "C1", Date(45296), 40.25, 3, Formula("D2*E2", 120.75)],
                    ["O2", "C2", Formula("DATE(2024,1,6)", 45297), 44, 2, Formula("D3*E3", 88)],
                    [
                        "O3",
                        Formula('"C"&"1"', "C1"),
                        Date(45323),
                        15.25,
                        1,
                        Formula("D4*E4", 15.25),
                    ],
                ],
            )
        ]
    ),
    "orders_formulas_not_saved.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    ["订单号", "客户编号", "下单日期", "单价", "数量", "金额", "产品"],
                    ["O1", "C1", Date(45296), 40.25, 3, 120.75, "苹果手机"],
                    ["O2", "C2", Date(45297), 44, 2, Formula("D3*E3"), "华为平板"],
                    ["O3", "C1", Date(45323), 15.25, 1, 15.25, Formula('"茶"&"叶"')],
                    # the last row holds formulas only: the reader's range ends above it
                    [
                        Formula('"O"&"4"'),
                        Formula('"C"&"3"'),
                        Formula("DATE(2024,2,3)"),
                        Formula("300"),
                        Formula("1"),
                        Formula("D5*E5"),
                        Formula('"大"&"米"'),
                    ],
                ],
            )
        ],
        recalculate=True,
    ),
    "orders_formulas_placeholder.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    ["订单号", "客户编号", "下单日期", "单价", "数量", "金额"],
                    ["O1", "C1", Date(45296), 40.25, 3, 120.75],
                    ["O2", "C2", Date(45297), 44, 2, Formula("D3*E3", 0)],
                    ["O3", "C1", Date(45323), 15.25, 1, Formula("D4*E4", 0)],
                ],
            )
        ],
        recalculate=True,
    ),
    "orders_error_cells.xlsx": lambda: xlsx(
        [
            Sheet(
                "订单",
                [
                    [*HEADER, "备注"],
                    [*ROWS[0], Error("#VALUE!")],
                    ["O2", "C2", Date(45297), Formula("1/0", Error("#DIV/0!")), "华为平板"],
                    ["O3", "C1", Date(45323), 15.25, Formula("VLOOKUP(A4,F:G,2,0)", Error("#N/A"))],
                    ["O4", Error("#REF!"), Date(45325), 300, "大米"],
                ],
            )
        ]
    ),
    "customers_error_attribute.xlsx": lambda: xlsx(
        [
            Sheet(
                "客户",
                [
                    ["客户编号", "客户名称", "城市", "备用"],
                    ["C1", "张伟", "南京"],
                    ["C2", "王芳", Error("#N/A")],
                    ["C3", "李娜", "北京", Error("#NAME?")],
                ],
            )
        ]
    ),
    "orders_dates.xlsx": lambda: orders(
        [
            ["O1", "C1", Date(45296), 10, "date cell"],
            ["O2", "C1", Date(45296 + 47109 / 86400, DATETIME), 10, "date and time, seconds"],
            ["O3", "C1", 45297, 10, "serial number"],
            ["O4", "C1", Text("45297"), 10, "serial typed as text"],
            ["O5", "C1", "2024/1/7", 10, "date typed as text"],
            ["O6", "C1", "2024年1月8日", 10, "Chinese date as text"],
            ["O7", "C1", Date(1), 10, "1900-01-01"],
            ["O8", "C1", 99999, 10, "serial after 2100"],
            ["O9", "C1", "2024-02-30", 10, "no such day"],
            ["O10", "C1", "03/04/2024", 10, "ambiguous"],
            ["O11", "C1", True, 10, "a boolean"],
        ]
    ),
    "orders_numbers.xlsx": lambda: orders(
        [
            ["O1", 1001, Date(45296), Text("1,200.50"), "text 1,200.50"],
            ["O2", Text("00123"), Date(45296), Text("¥300"), "text ¥300"],
            ["O3", 1001.0, Date(45296), Text("450元"), "text 450元"],
            ["O4", "C1", Date(45296), Text("(123)"), "text (123)"],
            ["O5", "C1", Date(45296), 1200.4999999999998, "float noise"],
            ["O6", "C1", Date(45296), 0.1 + 0.2, "0.30000000000000004"],
            ["O7", "C1", Date(45296), 12.345, "three decimals"],
            ["O8", "C1", Date(45296), 1e20, "1e20"],
            ["O9", "C1", Date(45296), -0.0, "minus zero"],
            ["O10", "C1", Date(45296), 1.5e-7, "tiny"],
        ]
    ),
    "ratings.xlsx": lambda: xlsx(
        [
            Sheet(
                "评分",
                [
                    ["受访者", "品牌", "属性", "评分"],
                    ["R1", "汇达", "质量", 8.5],
                    ["R1", "汇达", "交期", Formula("AVERAGE(7,9)", 8)],
                    ["R2", "汇达", "质量", Error("#DIV/0!")],
                    [1002, "汇达", "质量", Text("９")],
                ],
            )
        ]
    ),
    # --- damaged, not a workbook, hostile -------------------------------------------------
    "truncated.xlsx": _truncated,
    "not_a_zip.xlsx": lambda: bytes(range(256)) * 4,
    "csv_renamed.xlsx": lambda: ",".join(HEADER).encode() + b"\nO1,C1,2024-01-05,120.50,x\n",
    "orders_far_cell.xlsx": lambda: orders(
        extra='<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>'
    ),
    "orders_far_row.xlsx": lambda: orders(
        extra='<row r="6"><c r="A900000" t="s"><v>0</v></c><c r="XX900000"><v>1</v></c></row>'
    ),
    "orders_zip_bomb.xlsx": _zip_bomb,
    "orders_lying_sizes.xlsx": _lying_sizes,
}


def write(target: Path = HERE) -> list[Path]:
    """Write every file of :data:`FILES` into ``target``; returns the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in FILES.items():
        path = target / name
        path.write_bytes(make())
        out.append(path)
    return out


def parts(data: bytes) -> dict[str, tuple[int, int, bytes]] | bytes:
    """What the corpus test compares: a zip's parts by name, each with the size and
    checksum its directory declares and the bytes it inflates to (read from the local
    data whatever the declarations say), or the bytes of a file that is not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except zipfile.BadZipFile:
        return data
    out = {}
    for info in infos:
        at = info.header_offset
        method, name, extra = (
            struct.unpack_from("<H", data, at + 8)[0],
            *struct.unpack_from("<HH", data, at + 26),
        )
        start = at + 30 + name + extra
        raw = data[start : start + info.compress_size]
        content = zlib.decompress(raw, -15) if method == zipfile.ZIP_DEFLATED else raw
        out[info.filename] = (info.file_size, info.CRC, content)
    return out


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        sys.stdout.write(f"{path}\n")

"""Excel workbooks read into text cells, guarded against files that would exhaust memory
and honest about cells that show the user something else than what the file holds.

:func:`read_sheet` reads one sheet (``--sheet``, default the first) through ``fastexcel``
(calamine): every cell as text, date cells as ISO text, numbers in their shortest
decimal form; ``lines`` are the sheet's row numbers (blank rows above the header
counted). Before the reader sees the bytes:

- **the package** (``.xlsx .xlsm .xlsb .ods`` are zip files) is checked by the sizes its
  zip directory declares: a part inflating to more than :data:`RATIO_FLOOR` bytes at
  more than :data:`MAX_RATIO` times its compressed size (real sheets: 5–20 times), or
  parts adding up to more than :data:`MAX_INFLATED` bytes, refuse the file
  (``import.excel_too_large``) — a zip bomb is refused before anything is inflated.
  Then every part is inflated once as a stream and checked against its declared size
  and checksum: the reader follows the data, not the declaration, so a part that
  inflates to more than it says is refused as damaged (``import.bad_excel``);
- **the sheet's extent** (``.xlsx``/``.xlsm``): the reader builds a dense grid from the
  first to the last cell holding a value, so a single value far away (``XFD1048576``)
  asks for billions of cells and aborts the process; a sheet whose rows × columns
  would exceed :data:`MAX_CELLS` is refused naming that cell
  (``import.excel_sheet_extent``).

Cells that hold no value the user can see are reported, per cell, in ``issues`` (the
pipeline refuses the row when the column is used):

- an Excel error (``#DIV/0!``, ``#N/A`` …; ``import.excel_error``), which the reader
  would turn into an empty cell;
- a formula without a saved result (``import.excel_formula_no_value``): files written
  by programs (openpyxl, xlsxwriter, pandas) hold the formula only, or a placeholder
  result and the flag that asks Excel to recalculate on opening (``fullCalcOnLoad``);
  the reader would see an empty cell or a 0. Formulas with results saved by Excel or
  WPS are read by their results.

A first sheet that is empty while others are not is refused naming the sheets
(``import.sheet_empty``), rather than reported as an empty file.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import polars as pl

from custvalue.exceptions import ImportFileError

__all__ = [
    "MAX_CELLS",
    "MAX_INFLATED",
    "MAX_RATIO",
    "RATIO_FLOOR",
    "CellIssue",
    "Sheet",
    "read_sheet",
]

#: bytes all parts of a workbook may inflate to
MAX_INFLATED = 1 << 30
#: a part inflating more than this many times its compressed size ...
MAX_RATIO = 100
#: ... and to more than this many bytes is a zip bomb
RATIO_FLOOR = 32 << 20
#: rows × columns of the grid a sheet's cells span (a million rows of 47 columns)
MAX_CELLS = 50_000_000
_MAX_COLUMN = 16_384  # XFD

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
#: calamine's names of Excel's errors -> what Excel shows
_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}
_ERROR_DETAIL = re.compile(r"Error\((\w+)\)")
_REF = re.compile(rb'\sr="([A-Z]{1,3})0*([0-9]{1,10})"')
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="0*([0-9]{1,10})"')
_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>")
_FORMULA = re.compile(rb"<(?:\w+:)?f(?=[\s/>])")
#: a cell tag without a reference (``r`` is always written first by Excel and the
#: libraries; anything else is placed by walking the tags)
_UNREFERENCED = re.compile(rb'<c(?:>|/>|\s(?!r="))')
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_FULL_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")


@dataclass(frozen=True)
class CellIssue:
    """A cell whose content the reader cannot give: its row (``line``), its column (an
    index into the sheet's headers), what the user sees in it and the reason key."""

    line: int
    column: int
    value: str
    reason: str


@dataclass
class Sheet:
    """One sheet as text: headers, one ``String`` column per header (``c0, c1 …``),
    the row number of each data row and the cells that hold no readable value."""

    headers: list[str]
    cells: pl.DataFrame
    lines: pl.Series
    issues: list[CellIssue] = field(default_factory=list)


def read_sheet(name: str, data: bytes, sheet: str | None) -> Sheet:
    """Read ``sheet`` (default: the first) of the workbook ``data`` (named ``name``)."""
    import fastexcel

    package = _package(name, data, sheet)
    try:
        reader = fastexcel.read_excel(data)
    except Exception as error:  # noqa: BLE001 - any parser failure means "not a workbook"
        raise ImportFileError(
            _not_a_workbook(data), file=name, suffix=Path(name).suffix, detail=str(error)[:200]
        ) from None
    names = list(reader.sheet_names)
    if sheet is not None and sheet not in names:
        raise ImportFileError(
            "import.sheet_missing", file=name, sheet=sheet, sheets=", ".join(names)
        )
    if not names:
        raise ImportFileError("import.empty", file=name)
    chosen = sheet if sheet is not None else names[0]
    formulas: list[tuple[int, int, str]] = []
    if package is not None and package.sheet_xml is not None:
        _check_extent(name, chosen, package.sheet_xml)
        formulas = _formulas_without_value(package.sheet_xml, package.recalculated)
    try:
        loaded = reader.load_sheet(chosen, header_row=None, dtypes="string", skip_rows=0)
        xml = package.sheet_xml if package is not None else None
        if xml is not None and b't="e"' not in xml:  # no error cell: the faster conversion
            grid, errors = loaded.to_polars(), None
        else:
            batch, errors = loaded.to_arrow_with_errors()
            grid = pl.DataFrame(pl.from_arrow(batch))
        first_column = loaded.selected_columns[0].absolute_index if grid.width else 0
    except Exception as error:  # noqa: BLE001
        raise ImportFileError(
            "import.bad_excel", file=name, suffix=Path(name).suffix, detail=str(error)[:200]
        ) from None
    grid = _null_empty(grid.rename({c: f"c{i}" for i, c in enumerate(grid.columns)}))
    found: dict[tuple[int, int], CellIssue] = {}
    for cell_error in errors.errors if errors is not None else []:
        row, column = cell_error.position
        match = _ERROR_DETAIL.search(cell_error.detail)
        code = match.group(1) if match else cell_error.detail
        found[(row + 1, column)] = CellIssue(
            row + 1, column, _ERRORS.get(code, f"#{code}"), "import.excel_error"
        )
    for row, absolute, formula in formulas:
        key = (row, absolute - first_column)
        found.setdefault(key, CellIssue(row, key[1], formula, "import.excel_formula_no_value"))
    below = max((line for line, _ in found), default=0) - grid.height
    if below > 0 and grid.width:  # rows of formulas only, after the last value
        grid = pl.concat(
            [grid, pl.DataFrame({c: [None] * below for c in grid.columns}, schema=grid.schema)]
        )
    flags = pl.Series("b", [], dtype=pl.Boolean)
    if grid.width and grid.height:
        blank = pl.all_horizontal(pl.col(c).is_null() for c in grid.columns)
        flags = grid.select(blank.alias("b"))["b"]
        # a row whose cells are errors or formulas without results is not blank: it is
        # refused for them, never passed over
        shown = pl.Series([line - 1 for line, _ in found], dtype=pl.Int64)
        flags = flags & ~pl.int_range(0, grid.height, eager=True).is_in(shown)
    if flags.is_empty() or bool(flags.all()):
        if len(names) > 1:
            raise ImportFileError(
                "import.sheet_empty", file=name, sheet=chosen, sheets=", ".join(names)
            )
        raise ImportFileError("import.empty", file=name)
    first = _header_row(grid, flags)
    headers = [(h or "").replace("\ufeff", "").strip() for h in grid.row(first)]
    while headers and not headers[-1]:
        headers.pop()
    index = pl.int_range(0, grid.height, eager=True)
    keep = (~flags) & (index > first)
    lines = (index + 1).filter(keep).cast(pl.Int64).alias("line")
    cells = grid.filter(keep).select(grid.columns[: len(headers)])
    cells = cells.with_columns(
        pl.lit(None, pl.String).alias(f"c{i}") for i in range(cells.width, len(headers))
    )
    data_rows = set(lines.to_list())
    issues = sorted(
        (i for i in found.values() if i.line in data_rows and 0 <= i.column < len(headers)),
        key=lambda i: (i.line, i.column),
    )
    return Sheet(headers, cells, lines, issues)


def _header_row(grid: pl.DataFrame, blank: pl.Series, titles: int = 5) -> int:
    """The index of the header row: the first row with a value, unless it is a title —
    a row with one filled cell (``2024年订单明细``, often merged across the table) above
    a row with three or more — in which case the next row with a value (at most
    ``titles`` titles are passed over). A header of one or two columns is never taken
    for a title."""
    filled = grid.select(
        pl.sum_horizontal(pl.col(c).is_not_null() for c in grid.columns).alias("n")
    )["n"].to_list()
    rows = [i for i, b in enumerate(blank.to_list()) if not b][: titles + 1]
    titled = next((k for k, row in enumerate(rows) if filled[row] != 1), len(rows))
    if 0 < titled < len(rows) and filled[rows[titled]] >= 3:
        return rows[titled]
    return rows[0]


def _null_empty(cells: pl.DataFrame) -> pl.DataFrame:
    return cells.with_columns(
        pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in cells.columns
    )


def _not_a_workbook(data: bytes) -> str:
    """``import.excel_is_text`` when the bytes decode as text (a CSV renamed), else
    ``import.bad_excel``. The reader's own words stay in the ``detail`` parameter."""
    head = data[:4096]
    if b"\x00" not in head:
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "import.excel_is_text"
    return "import.bad_excel"


# --- the package ------------------------------------------------------------------------


@dataclass
class _Package:
    """What the zip holds for the scans: the chosen sheet's XML (``.xlsx``/``.xlsm``;
    None when it cannot be found) and whether formulas are to be recalculated on opening."""

    sheet_xml: bytes | None
    recalculated: bool


def _package(name: str, data: bytes, sheet: str | None) -> _Package | None:
    """Check a zip-based workbook before the reader inflates it: the sizes its directory
    declares (:data:`MAX_RATIO`, :data:`MAX_INFLATED`), then every part inflated as a
    stream, so that a part which inflates to more (or less) than it declares — the reader
    would follow the data, not the declaration — is refused as damaged. None for a file
    that is not a zip (an ``.xls``, or no workbook at all: the reader says which)."""
    if not data.startswith(b"PK"):
        return None
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _damaged(name, error) from None
    total = sum(p.file_size for p in parts)
    bomb = [
        p
        for p in parts
        if p.file_size > RATIO_FLOOR and p.file_size > MAX_RATIO * max(p.compress_size, 1)
    ]
    if bomb or total > MAX_INFLATED:
        part = max(bomb or parts, key=lambda p: p.file_size)
        raise ImportFileError(
            "import.excel_too_large",
            file=name,
            size=_mib(len(data)),
            inflated=_mib(total),
            part=part.filename,
            ratio=f"{part.file_size / max(part.compress_size, 1):,.0f}",
        )
    spreadsheet_ml = Path(name).suffix.lower() in (".xlsx", ".xlsm")
    book, sheet_part = _parts(package, sheet) if spreadsheet_ml else (None, None)
    xml: bytes | None = None
    for info in parts:
        content = _inflate(name, package, info, keep=info.filename == sheet_part)
        if content is not None:
            xml = content
    recalculated = bool(book and _FULL_CALC.search(_read_part(package, book) or b""))
    return _Package(xml, recalculated)


def _damaged(name: str, error: BaseException) -> ImportFileError:
    return ImportFileError(
        "import.bad_excel", file=name, suffix=Path(name).suffix, detail=str(error)[:200]
    )


def _inflate(
    name: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, *, keep: bool
) -> bytes | None:
    """Inflate a part, checking its size and checksum; its bytes when ``keep``."""
    try:
        with package.open(info) as handle:
            if keep:
                return handle.read()
            while handle.read(1 << 22):
                pass
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise _damaged(name, error) from None
    return None


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MiB" if size >= 1 << 20 else f"{size / 1024:,.1f} KiB"


def _read_part(package: zipfile.ZipFile, part: str) -> bytes | None:
    """A part's bytes (its size was checked by :func:`_package`); None when missing."""
    try:
        return package.read(part)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return None  # the reader judges the damage


def _parts(package: zipfile.ZipFile, sheet: str | None) -> tuple[str | None, str | None]:
    """The workbook part and the part of the worksheet named ``sheet`` (default: the
    first), found through the package's relations; None where they cannot be found."""
    try:
        root = ElementTree.fromstring(_read_part(package, "_rels/.rels") or b"")
        book = next(
            r.get("Target", "")
            for r in root.iter(f"{{{_NS_PKG}}}Relationship")
            if r.get("Type", "").endswith("/officeDocument")
        ).lstrip("/")
        workbook = ElementTree.fromstring(_read_part(package, book) or b"")
        rid = next(
            s.get(f"{{{_NS_REL}}}id")
            for s in workbook.iter(f"{{{_NS_MAIN}}}sheet")
            if sheet is None or s.get("name") == sheet
        )
        folder, leaf = posixpath.split(book)
        rels = ElementTree.fromstring(
            _read_part(package, posixpath.join(folder, "_rels", leaf + ".rels")) or b""
        )
        target = next(
            r.get("Target", "")
            for r in rels.iter(f"{{{_NS_PKG}}}Relationship")
            if r.get("Id") == rid
        )
    except (ElementTree.ParseError, StopIteration):
        return None, None
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return book, posixpath.normpath(path)


# --- the sheet's extent -------------------------------------------------------------------


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _above(limit: str, alphabet: str) -> str:
    """A regular expression for the strings of ``alphabet`` (digits or capital letters,
    written without leading zeros) that stand for a number above ``limit``."""
    low, high = alphabet[0], alphabet[-1]
    first = alphabet[1] if alphabet == "0123456789" else low
    options = [f"[{first}-{high}][{low}-{high}]{{{len(limit)},}}"]
    for i, char in enumerate(limit):
        if char != high:
            step = alphabet[alphabet.index(char) + 1]
            rest = len(limit) - i - 1
            options.append(f"{limit[:i]}[{step}-{high}][{low}-{high}]{{{rest}}}")
    return "(?:" + "|".join(options) + ")"


def _check_extent(name: str, sheet: str, xml: bytes) -> None:
    """Refuse a sheet whose cells span more than :data:`MAX_CELLS` cells of grid.

    The rows are bounded by the last row's number (rows are written in order) and their
    count; one search then looks for a cell reference beyond those rows, or beyond the
    columns that many rows leave. A cell found beyond the rows raises the bound and the
    search starts again (a few times; then every tag is walked)."""
    referenced = b'<c r="' in xml and _UNREFERENCED.search(xml) is None
    rows = _last_row(xml)
    for _ in range(4) if referenced else ():
        columns = MAX_CELLS // max(rows, 1)
        beyond_rows = f"[A-Z]+0*{_above(str(rows), '0123456789')}"
        if columns >= _MAX_COLUMN:
            pattern = rf'r="(?:{beyond_rows})"'
        else:
            letters = _above(_column_letters(max(columns, 1)), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            pattern = rf'r="(?:{letters}0*[0-9]+|{beyond_rows})"'
        # a literal start keeps the search fast; _REF then checks that it is an attribute
        found = (_REF.match(xml, m.start() - 1) for m in re.finditer(pattern.encode(), xml))
        ref = next((r for r in found if r is not None), None)
        if ref is None:
            return
        row, column = int(ref.group(2)), _column_number(ref.group(1))
        if max(row, rows) * column > MAX_CELLS:
            _refuse_extent(name, sheet, _ref_text(ref), max(row, rows) * column)
        rows = max(row, rows)  # a cell below the last row: search again with more rows
    # cells without a reference (or written with a namespace prefix), or a search that
    # kept finding cells further down: walk every tag, as the reader places the cells
    extent_rows, extent_columns, far = _walk(xml)
    if extent_rows * extent_columns > MAX_CELLS:
        _refuse_extent(name, sheet, far, extent_rows * extent_columns)


def _ref_text(ref: re.Match[bytes]) -> str:
    return (ref.group(1) + ref.group(2)).decode()


def _last_row(xml: bytes) -> int:
    """The last row's number (rows are written in order), or the count of rows when the
    last one has no number."""
    at = max(xml.rfind(b"<row"), xml.rfind(b":row "))
    last = _ROW_NUMBER.match(xml, xml.rfind(b"<", 0, at + 1)) if at >= 0 else None
    if last is not None:
        return int(last.group(1))
    return xml.count(b"<row") + xml.count(b":row ")


def _walk(xml: bytes) -> tuple[int, int, str]:
    """Rows, columns and the farthest cell of the grid, walking every row and cell tag."""
    row = column = rows = columns = 0
    far = "A1"
    for match in _TAG.finditer(xml):
        tag, attributes = match.group(1), match.group(2)
        ref = _REF.search(attributes)
        if tag == b"row":
            number = re.search(rb'\br="0*([0-9]{1,10})"', attributes)
            row = int(number.group(1)) if number else row + 1
            column = 0
            continue
        if ref is not None:
            row, column = int(ref.group(2)), _column_number(ref.group(1))
        else:
            column += 1
        if row * column > rows * columns:
            far = f"{_column_letters(column)}{row}"
        rows, columns = max(rows, row), max(columns, column)
    return rows, columns, far


def _refuse_extent(name: str, sheet: str, cell: str, cells: int) -> None:
    raise ImportFileError(
        "import.excel_sheet_extent",
        file=name,
        sheet=sheet,
        cell=cell,
        cells=f"{cells:,}",
        limit=f"{MAX_CELLS:,}",
    )


# --- formulas -----------------------------------------------------------------------------


def _formulas_without_value(xml: bytes, recalculated: bool) -> list[tuple[int, int, str]]:
    """``(row, column number - 1, "=formula")`` of every formula cell the reader would
    read as empty or as a placeholder: no saved result, or — in a workbook that asks to
    be recalculated on opening — any formula cell."""
    prefixed = b'<c r="' not in xml  # elements written with a namespace prefix (<x:f>)
    if b"<f" not in xml and (not prefixed or b":f" not in xml):
        return []
    out: list[tuple[int, int, str]] = []
    end = 0
    for match in _FORMULA.finditer(xml):
        if match.start() < end:
            continue  # a second formula element in one cell
        start = max(xml.rfind(b"<c ", 0, match.start()), xml.rfind(b":c ", 0, match.start()))
        close = _CELL_END.search(xml, match.start())
        if start < 0 or close is None:
            continue
        end = close.start()
        cell = xml[start:end]
        head = cell[: cell.find(b">") + 1]
        ref = _REF.search(head)
        if ref is None:
            continue
        value = re.search(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>", cell)
        is_text = re.search(rb'\bt="str"', head) is not None
        if value is None and is_text and re.search(rb"<(?:\w+:)?v\s*(?:/>|></(?:\w+:)?v>)", cell):
            continue  # a formula whose result is the empty text: the cell is empty
        if value is not None and not recalculated:
            continue
        text = re.search(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</", cell)
        formula = "=" + (
            text.group(1).decode("utf-8", "replace") if text and text.group(1) else "…"
        )
        out.append((int(ref.group(2)), _column_number(ref.group(1)) - 1, _unescape(formula)))
    return out


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )

"""Reading CSV and Excel files into text columns with their physical line numbers.

Nothing is interpreted here: every cell stays text (Excel dates become ISO
text, numbers their shortest decimal form) so that :mod:`~custvalue.data.parsing`
can report the value exactly as the user sees it.

Encodings: UTF-8 (with or without BOM) first, then GBK, then GB18030 (a
superset of GBK) — decoding is strict, so a wrong guess fails instead of
producing mojibake. The separator is the one of ``, ; \\t |`` found most
often in the header line.

Line numbers are physical lines of the file (the header is line 1), also when
blank lines or quoted values spanning lines occur. Clean files go through
Polars' CSV reader; files with blank lines inside quotes, multi-line values or
rows of the wrong length take an exact path through :mod:`csv`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from custvalue.exceptions import ImportFileError

__all__ = ["EXCEL_SUFFIXES", "RawTable", "read_table", "require_rows"]

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ""})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
_SEPARATORS = (",", "\t", ";", "|")
_NON_SPACE = re.compile(r"\S")


@dataclass
class RawTable:
    """A file's cells as text.

    Attributes
    ----------
    headers
        Header names as written (stripped), in file order.
    cells
        One ``String`` column per header, named ``c0, c1, ...``; empty cells are null.
    lines
        Physical line (CSV) or row (Excel) number of each data row.
    ragged
        Data rows whose number of fields differs from the header: ``(line, found)``.
    encoding
        ``utf-8``, ``utf-8-sig``, ``gbk``, ``gb18030`` or ``excel``.
    """

    file: str
    checksum: str
    encoding: str
    headers: list[str]
    cells: pl.DataFrame
    lines: pl.Series
    ragged: list[tuple[int, int]] = field(default_factory=list)
    is_excel: bool = False
    #: a frame's customer attributes, already JSON text (one per row), passed through
    attributes: pl.Series | None = None


def read_table(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> RawTable:
    """Read ``path`` (CSV or Excel) into a :class:`RawTable`.

    Raises :class:`ImportFileError` when the file is missing, not a table,
    in an unknown encoding or without a header.
    """
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise ImportFileError("import.file_missing", file=name, cwd=os.getcwd())
    if p.is_dir():
        raise ImportFileError("import.not_a_file", file=name)
    suffix = p.suffix.lower()
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise ImportFileError("import.unsupported_format", file=name, suffix=p.suffix)
    try:
        data = p.read_bytes()
    except OSError as error:
        raise ImportFileError("import.unreadable", file=name, detail=error.strerror) from None
    checksum = hashlib.sha256(data).hexdigest()
    if progress:
        progress("read", 0.3)
    if suffix in EXCEL_SUFFIXES:
        table = _read_excel(name, data, sheet)
    else:
        table = _read_csv(name, data)
    table.checksum = checksum
    if progress:
        progress("read", 1.0)
    return table


def require_rows(raw: RawTable) -> None:
    """Refuse a file with a header and no data row (a frame built in code may be empty)."""
    if raw.cells.height == 0 and raw.encoding != "frame":
        raise ImportFileError(
            "import.no_data_rows", file=raw.file, headers=", ".join(h for h in raw.headers if h)
        )


# --- CSV ---------------------------------------------------------------------------


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ImportFileError("import.encoding", file=name, offset=error.start + 3) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    for encoding in ("gbk", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("import.encoding", file=name, offset=first_bad)


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _clean_headers(raw: list[str | None]) -> list[str]:
    return [(h or "").replace("\ufeff", "").strip() for h in raw]


def _read_csv(name: str, data: bytes) -> RawTable:
    text, encoding = _decode(name, data)
    content = _NON_SPACE.search(text)
    if content is None:
        raise ImportFileError("import.empty", file=name)
    line_start = text.rfind("\n", 0, content.start()) + 1
    line_end = text.find("\n", line_start)
    first_line = text[line_start : line_end if line_end >= 0 else len(text)]
    sep = _separator(first_line)
    utf8 = data[3:] if encoding == "utf-8-sig" else data if encoding == "utf-8" else None
    fast = _read_csv_fast(text, sep, utf8)
    table = fast if fast is not None else _read_csv_exact(text, sep)
    headers, cells, lines, ragged = table
    if not any(headers):
        raise ImportFileError("import.empty", file=name)
    return RawTable(name, "", encoding, headers, cells, lines, ragged)


_Parsed = tuple[list[str], pl.DataFrame, pl.Series, list[tuple[int, int]]]


def _read_csv_fast(text: str, sep: str, utf8: bytes | None) -> _Parsed | None:
    """Polars' reader when rows map one-to-one to lines; None when they do not."""
    if utf8 is None:
        utf8 = text.encode("utf-8")
    try:
        raw_lines = pl.read_csv(
            utf8,
            has_header=False,
            separator="\x1e" if sep != "\x1e" else "\x1d",
            quote_char=None,
            schema={"raw": pl.String},
        )["raw"]
        grid = pl.read_csv(
            utf8,
            has_header=False,
            separator=sep,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError:
        return None
    if grid.height != len(raw_lines) or grid.height == 0:
        return None
    if "\r" in text:
        raw_lines = raw_lines.str.strip_suffix("\r")
    blank = raw_lines.is_null() | raw_lines.str.contains(r"^\s*$")
    if bool(blank[0]):
        return None  # the reader takes its width from the first line: it must be the header
    first = 0
    header_row = grid.row(first)
    headers = _clean_headers(list(header_row))
    expected = len(headers)
    if '"' in text:
        if (raw_lines.str.count_matches('"', literal=True).fill_null(0) % 2).sum():
            return None  # an odd number of quotes on a line: a value spans lines
        unquoted = raw_lines.str.replace_all('"[^"]*"', "")
    else:
        unquoted = raw_lines
    separators = unquoted.str.count_matches(sep, literal=True).fill_null(0)
    keep = ~blank
    keep[first] = False  # the header
    lines = pl.int_range(1, grid.height + 1, dtype=pl.Int64, eager=True).filter(keep)
    lines = lines.alias("line")
    cells = grid.filter(keep)
    cells = cells.rename({c: f"c{i}" for i, c in enumerate(cells.columns)})
    found = separators.filter(keep)
    bad = found != expected - 1
    ragged = [
        (line, n + 1)
        for line, n in zip(lines.filter(bad).to_list(), found.filter(bad).to_list(), strict=True)
    ]
    # empty fields are already null; blank-but-spaces cells are nulled by the parsers
    cells = _pad(cells.select([f"c{i}" for i in range(min(expected, cells.width))]), expected)
    return headers, cells, lines, ragged


def _read_csv_exact(text: str, sep: str) -> _Parsed:
    """The :mod:`csv` module, which knows each record's physical line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    ragged: list[tuple[int, int]] = []
    start = 1
    for record in reader:
        end = reader.line_num
        if not record or all(not v.strip() for v in record) and len(record) <= 1:
            start = end + 1
            continue
        if headers is None:
            headers = _clean_headers(list(record))
        else:
            if len(record) != len(headers):
                ragged.append((start, len(record)))
            rows.append(record)
            lines.append(start)
        start = end + 1
    headers = headers or []
    width = len(headers)
    columns = {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)}
    cells = _null_empty(pl.DataFrame(columns, schema={c: pl.String for c in columns}))
    return headers, cells, pl.Series("line", lines, dtype=pl.Int64), ragged


def _null_empty(cells: pl.DataFrame) -> pl.DataFrame:
    return cells.with_columns(
        pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in cells.columns
    )


def _pad(cells: pl.DataFrame, width: int) -> pl.DataFrame:
    missing = [f"c{i}" for i in range(cells.width, width)]
    return cells.with_columns(pl.lit(None, pl.String).alias(c) for c in missing)


# --- Excel -------------------------------------------------------------------------


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


def _read_excel(name: str, data: bytes, sheet: str | None) -> RawTable:
    import fastexcel

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
    try:
        loaded = reader.load_sheet(
            sheet if sheet is not None else 0, header_row=None, dtypes="string"
        )
        grid = loaded.to_polars()
    except Exception as error:  # noqa: BLE001
        raise ImportFileError(
            "import.bad_excel", file=name, suffix=Path(name).suffix, detail=str(error)[:200]
        ) from None
    grid = _null_empty(grid.rename({c: f"c{i}" for i, c in enumerate(grid.columns)}))
    blank = pl.all_horizontal(pl.col(c).is_null() for c in grid.columns)
    flags = grid.select(blank.alias("b"))["b"] if grid.width else pl.Series([], dtype=pl.Boolean)
    if grid.height == 0 or bool(flags.all()):
        raise ImportFileError("import.empty", file=name)
    first = int(flags.arg_min() or 0)
    offset = int(getattr(loaded, "offset", 0) or 0)
    headers = _clean_headers(list(grid.row(first)))
    while headers and not headers[-1]:
        headers.pop()
    index = pl.int_range(0, grid.height, eager=True)
    keep = (~flags) & (index > first)
    lines = (index + 1 + offset).filter(keep).cast(pl.Int64).alias("line")
    cells = _pad(grid.filter(keep).select(grid.columns[: len(headers)]), len(headers))
    return RawTable(name, "", "excel", headers, cells, lines, [], is_excel=True)

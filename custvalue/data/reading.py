"""Reading CSV and Excel files into text columns with their physical line numbers.

Nothing is interpreted here: every cell stays text (Excel dates become ISO
text, numbers their shortest decimal form) so that :mod:`~custvalue.data.parsing`
can report the value exactly as the user sees it.

Encodings are decided from evidence over the whole file by
:mod:`~custvalue.data.decoding` (UTF-8 first, GBK/GB18030 only for a file that is
not UTF-8, UTF-16 by its byte-order mark); a line in another encoding than the
file's is refused by line, never stored as mojibake. The separator is the one of
``, ; \\t |`` found most often in the header line.

Line numbers are physical lines of the file (the header is line 1) — a line ends
with CR LF, LF or a lone CR (old Mac files) — also when blank lines or quoted
values spanning lines occur. Every physical line ends up in a row, a refused row
or a value spanning lines that the report lists (``RawTable.spans``); a quote
still open at the end of the file refuses the file, naming the line where it
opened. A header holding a zero byte refuses the file (in a cell, the cell's
parser refuses it). Clean files go through Polars' CSV reader; files with lone
CRs, values spanning lines or quotes the two readers could take differently take
an exact path through :mod:`csv`.

Workbooks are read by :mod:`~custvalue.data.workbook`, which checks them first (zip
bombs, a sheet spanning billions of cells) and reports the cells it cannot read (Excel
errors, formulas without results) for the pipeline to refuse their rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from custvalue.data.decoding import LINE_BREAK, LineIssue, decode
from custvalue.data.rejection import Rejection
from custvalue.data.workbook import CellIssue, read_sheet
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
        ``utf-8``, ``utf-8-sig``, ``gbk``, ``gb18030``, ``utf-16-le``, ``utf-16-be``,
        ``excel`` or ``frame``.
    rejected
        Rows refused while reading (a line in another encoding than the file's, a quote
        that swallows rows), by their first line; their cells are not judged.
    spans
        Rows spanning several physical lines: ``(first line, last line)``.
    issues
        Excel cells that hold no readable value (:class:`~custvalue.data.workbook.CellIssue`).
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
    rejected: list[Rejection] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: Excel cells whose content cannot be read (an error such as ``#N/A``, a formula
    #: without a saved result): a row is refused for one in a column the kind uses
    issues: list[CellIssue] = field(default_factory=list)


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


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _clean_headers(raw: list[str | None]) -> list[str]:
    return [(h or "").replace("\ufeff", "").strip() for h in raw]


@dataclass
class _Grid:
    """A CSV file's records: the header, one text cell per field, physical lines."""

    headers: list[str]
    #: first and last physical line of the header record
    header_lines: tuple[int, int]
    cells: pl.DataFrame
    #: first physical line of each data record
    lines: pl.Series
    #: last physical line of each record spanning several lines: first line → last line
    spans: dict[int, int] = field(default_factory=dict)
    ragged: list[tuple[int, int]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def _read_csv(name: str, data: bytes) -> RawTable:
    decoded = decode(name, data)
    text = decoded.text
    content = _NON_SPACE.search(text)
    if content is None:
        raise ImportFileError("import.empty", file=name)
    line_start = max(text.rfind("\n", 0, content.start()), text.rfind("\r", 0, content.start()))
    line_end = LINE_BREAK.search(text, line_start + 1)
    sep = _separator(text[line_start + 1 : line_end.start() if line_end else len(text)])
    raw = decoded.utf8  # a memchr on the bytes, when they are the text's, is cheaper
    has_cr = b"\r" in raw if raw is not None else "\r" in text
    lone_cr = has_cr and text.count("\r") != text.count("\r\n")
    fast = None if lone_cr else _read_csv_fast(text, sep, decoded.utf8)
    grid = fast if fast is not None else _read_csv_exact(name, text, sep)
    if not any(grid.headers):
        raise ImportFileError("import.empty", file=name)
    if any("\x00" in h for h in grid.headers):  # in a cell, the cell's parser refuses it
        raise ImportFileError("import.header_nul", file=name, line=grid.header_lines[0])
    rejected = grid.rejected + _line_rejections(name, grid, decoded.issues)
    rejected.sort(key=lambda r: r.line)
    return RawTable(
        name,
        "",
        decoded.encoding,
        grid.headers,
        grid.cells,
        grid.lines,
        grid.ragged,
        rejected=rejected,
        spans=sorted(grid.spans.items()),
    )


def _line_rejections(name: str, grid: _Grid, issues: dict[int, LineIssue]) -> list[Rejection]:
    """The record holding each refused physical line is refused (once, by its first line);
    a refused line in the header refuses the file."""
    if not issues:
        return []
    first, last = grid.header_lines
    for line, issue in sorted(issues.items()):
        if first <= line <= last:
            raise ImportFileError(
                "import.header_encoding",
                file=name,
                line=line,
                offset=issue.offset,
                encoding=issue.encoding,
            )
    starts = grid.lines.to_list()
    out: dict[int, Rejection] = {}
    for line, issue in sorted(issues.items()):
        i = bisect_right(starts, line) - 1
        if i < 0 or grid.spans.get(starts[i], starts[i]) < line:
            continue  # a blank line: nothing of it is read
        if starts[i] not in out:
            params = {"offset": issue.offset, "encoding": issue.encoding, "physical": line}
            out[starts[i]] = Rejection(starts[i], None, _shown(issue.text), issue.reason, params)
    return list(out.values())


def _shown(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_csv_fast(text: str, sep: str, utf8: bytes | None) -> _Grid | None:
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
    if b"\r" in utf8:  # (membership tests on bytes: a memchr, cheaper than on text)
        raw_lines = raw_lines.str.strip_suffix("\r")
    # blank as the csv module sees it: nothing but spaces, and no separator among them
    blank = raw_lines.is_null() | raw_lines.str.contains(r"^\s*$")
    if sep.isspace() and blank.any():
        blank = blank & ~raw_lines.str.contains(sep, literal=True).fill_null(False)
    if bool(blank[0]):
        return None  # the reader takes its width from the first line: it must be the header
    first = 0
    header_row = grid.row(first)
    headers = _clean_headers(list(header_row))
    expected = len(headers)
    if b'"' in utf8:
        quoted = raw_lines.filter(raw_lines.str.contains('"', literal=True))
        if not quoted.str.contains(_regular_line(sep)).all():
            return None  # a value spans lines, or a quote the readers may take differently
        if quoted.str.contains(r'^[\s"]*$').any():
            return None  # a line of empty quotes: blank to one reader, a row to the other
        unquoted = raw_lines.str.replace_all('"(?:[^"]|"")*"', "")
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
    return _Grid(headers, (1, 1), cells, lines, ragged=ragged)


def _regular_line(sep: str) -> str:
    """A line whose every field is either unquoted without quotes, or wholly quoted with
    inner quotes doubled: both readers split it alike, and no value leaves the line."""
    s = re.escape(sep)
    value = f'(?:[^"{s}]*|"(?:[^"]|"")*")'
    return f"^{value}(?:{s}{value})*$"


def _read_csv_exact(name: str, text: str, sep: str) -> _Grid:
    """The :mod:`csv` module, which knows each record's physical lines.

    A quote still open at the end of the file refuses the file, naming the line where it
    opened; a quoted value that spans lines holding what look like rows of their own is
    refused as one row (a quote is missing or extra where it opened). Other records that
    span lines are kept and listed in ``spans``, for the report.
    """
    pending: list[str] = []

    def physical_lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            pending.append(line)
            yield line

    reader = csv.reader(physical_lines(), delimiter=sep)
    headers: list[str] | None = None
    header_lines = (1, 1)
    rows: list[list[str]] = []
    lines: list[int] = []
    spans: dict[int, int] = {}
    ragged: list[tuple[int, int]] = []
    rejected: list[Rejection] = []
    start = 1
    last: tuple[int, str] = (1, "")
    for record in reader:
        end = reader.line_num
        chunk = "".join(pending)
        pending.clear()
        last = (start, chunk)
        if not record or all(not v.strip() for v in record) and len(record) <= 1:
            start = end + 1
            continue
        if headers is None:
            headers = _clean_headers(list(record))
            header_lines = (start, end)
        else:
            swallowed = 0
            if end > start:
                spans[start] = end
                swallowed = _swallowed_rows(chunk, sep, len(headers))
            if swallowed:
                first_line = LINE_BREAK.split(chunk, maxsplit=1)[0]
                rejected.append(
                    Rejection(
                        start,
                        None,
                        _shown(first_line),
                        "import.quote_spans_rows",
                        {"end": end, "count": swallowed},
                    )
                )
            elif len(record) != len(headers):
                ragged.append((start, len(record)))
            rows.append(record)
            lines.append(start)
        start = end + 1
    opened = _open_quote(last[1], sep)
    if opened is not None:
        raise ImportFileError(
            "import.unclosed_quote",
            file=name,
            line=last[0] + opened[0],
            value=_shown(opened[1], 40),
        )
    headers = headers or []
    width = len(headers)
    columns = {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)}
    cells = _null_empty(pl.DataFrame(columns, schema={c: pl.String for c in columns}))
    return _Grid(
        headers,
        header_lines,
        cells,
        pl.Series("line", lines, dtype=pl.Int64),
        spans,
        ragged,
        rejected,
    )


def _open_quote(chunk: str, sep: str) -> tuple[int, str] | None:
    """The quote that opens a value still open at the end of ``chunk``: its line within
    the chunk (0 = first) and the text from the quote to the end of that line; None when
    every value is closed. Follows :mod:`csv`'s rules: a quote opens a value only at the
    start of a field, ``""`` inside a quoted value is a quote, and a quote closes it."""
    state = "start"
    opened = opened_line = line = 0
    for i, c in enumerate(chunk):
        if c == "\n" or (c == "\r" and not chunk.startswith("\n", i + 1)):
            line += 1
        if state == "quoted":
            if c == '"':
                state = "after"
        elif c in "\r\n":
            state = "start"
        elif state == "after":
            state = "quoted" if c == '"' else "start" if c == sep else "field"
        elif state == "start":
            if c == '"':
                state, opened, opened_line = "quoted", i, line
            elif c != sep:
                state = "field"
        elif c == sep:
            state = "start"
    if state != "quoted":
        return None
    stop = LINE_BREAK.search(chunk, opened)
    return opened_line, chunk[opened : stop.start() if stop else len(chunk)]


def _swallowed_rows(chunk: str, sep: str, width: int) -> int:
    """How many lines of a record after its first would be a whole row on their own."""
    if width < 2:
        return 0
    later = LINE_BREAK.split(chunk.rstrip("\r\n"))[1:]
    return sum(1 for line in later if len(next(csv.reader([line], delimiter=sep), [])) == width)


def _null_empty(cells: pl.DataFrame) -> pl.DataFrame:
    return cells.with_columns(
        pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in cells.columns
    )


def _pad(cells: pl.DataFrame, width: int) -> pl.DataFrame:
    missing = [f"c{i}" for i in range(cells.width, width)]
    return cells.with_columns(pl.lit(None, pl.String).alias(c) for c in missing)


# --- Excel -------------------------------------------------------------------------


def _read_excel(name: str, data: bytes, sheet: str | None) -> RawTable:
    found = read_sheet(name, data, sheet)
    return RawTable(
        name,
        "",
        "excel",
        found.headers,
        found.cells,
        found.lines,
        [],
        is_excel=True,
        issues=found.issues,
    )

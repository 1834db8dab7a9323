"""Reading any long-format table (surveys, deals, offerings, choices) with validation.

The ledger importers (:mod:`custvalue.data.preparing`) know customers, orders and
costs; the analyses of value to the customer read other tables — survey ratings,
attribute weights, deals, key events, offerings, observed choices. They are
described by a :class:`TableSpec` (canonical columns, header synonyms in English
and Chinese, a parser per column) and read by :func:`load_table` with the same
guarantees as order imports: CSV in UTF-8/GBK/GB18030 or Excel, headers matched
after normalisation or ``--map``, every bad cell named by physical line, header as
written, value and reason, and nothing half-read — :func:`read_frame` returns the
good rows only when there is no bad one.

Numbers (:func:`parse_numbers`) accept ``7``, ``7.5``, ``１２``, ``1,200``,
``25%`` (as 25), money as people write it (``¥28,800``, ``28800元``, ``2.88万`` or
``2.88万元`` = 28,800) and a leading sign; ``NaN``/``inf`` are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from custvalue._validation import check_columns
from custvalue.data.columns import resolve_headers
from custvalue.data.parsing import (
    Parsed,
    normalize_text,
    parse_choice,
    parse_dates,
    parse_ids,
    parse_text,
)
from custvalue.data.reading import RawTable, read_table, require_rows
from custvalue.data.rejection import Rejection
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = [
    "Field",
    "LoadedTable",
    "TableRowsError",
    "TableSpec",
    "load_raw",
    "load_table",
    "parse_numbers",
    "read_frame",
    "reject_rows",
    "require_columns",
]

FieldKind = Literal["id", "text", "number", "date", "choice"]

_POLARS_TYPE: dict[str, pl.DataType] = {
    "id": pl.String(),
    "text": pl.String(),
    "number": pl.Float64(),
    "date": pl.Date(),
    "choice": pl.String(),
}


@dataclass(frozen=True)
class Field:
    """One canonical column of a table.

    Parameters
    ----------
    name
        Canonical column name (also what ``--map SOURCE=name`` targets).
    kind
        ``id`` / ``text`` (trimmed text), ``number`` (float), ``date``, ``choice``
        (one of ``choices``' canonical codes).
    synonyms
        Header spellings, English and Chinese, compared after normalisation.
    required
        The header must be present and every row needs a value.
    choices
        For ``choice``: accepted spelling -> canonical code.
    minimum, maximum
        For ``number``: inclusive bounds; values outside are refused.
    default
        Value used for a missing optional column or an empty optional cell.
    """

    name: str
    kind: FieldKind
    synonyms: tuple[str, ...] = ()
    required: bool = True
    choices: Mapping[str, str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None


@dataclass(frozen=True)
class TableSpec:
    """A kind of table: its i18n label key and its columns."""

    label: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def schema(self) -> dict[str, pl.DataType]:
        return {f.name: _POLARS_TYPE[f.kind] for f in self.fields}


@dataclass
class LoadedTable:
    """The good rows (canonical columns plus ``_line``) and every refused row."""

    file: str
    encoding: str
    rows: pl.DataFrame
    rejected: list[Rejection]
    total_rows: int
    column_map: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    checksum: str = ""
    raw: RawTable | None = None


class TableRowsError(DataValidationError):
    """A table has bad rows; nothing was used. ``rejected`` lists them by line."""

    default_code = "table.bad_rows"

    def __init__(self, file: str, rejected: list[Rejection]) -> None:
        self.rejected = sorted(rejected, key=lambda r: r.line)
        first = self.rejected[0]
        super().__init__(
            "table.bad_rows",
            file=file,
            count=len({r.line for r in rejected}),
            line=first.line,
            column=first.column or "",
            value=first.value or "",
        )

    def message(self, lang: str | None = None) -> str:
        """The count and the first bad row, its reason in the same language."""
        detail = self.rejected[0].message(lang) if hasattr(self, "rejected") else ""
        return t(self.code, lang=lang, **{**self.params, "detail": detail})


def parse_numbers(
    s: pl.Series, *, minimum: float | None = None, maximum: float | None = None
) -> Parsed:
    """Numbers as people type them (see the module docstring); reasons are i18n keys."""
    text = normalize_text(s)
    cleaned = (
        text.str.replace_all(r"[,\s]", "")
        .str.replace(r"^(?:[¥￥]|RMB|CNY)", "")
        .str.replace(r"(?:元|%)$", "")
    )
    wan = cleaned.str.ends_with("万").fill_null(False)
    values = cleaned.str.replace(r"万$", "").cast(pl.Float64, strict=False)
    values = pl.select(pl.when(wan).then(values * 10_000).otherwise(values)).to_series()
    frame = pl.DataFrame({"t": text, "v": values})
    bad = pl.col("t").is_not_null() & (pl.col("v").is_null() | ~pl.col("v").is_finite())
    low = -float("inf") if minimum is None else minimum
    high = float("inf") if maximum is None else maximum
    reason = (
        pl.when(bad)
        .then(pl.lit("table.bad_number"))
        .when(pl.col("v").is_not_null() & ~pl.col("v").is_between(low, high))
        .then(pl.lit("table.out_of_range"))
        .otherwise(None)
    )
    reasons = frame.select(reason.cast(pl.String).alias("r"))["r"]
    values = frame.select(pl.when(pl.col("v").is_finite()).then(pl.col("v")).alias("v"))["v"]
    return Parsed(values.rename(s.name), reasons)


def load_table(
    spec: TableSpec,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> LoadedTable:
    """Read ``path`` as ``spec``: good rows and rejections (never raises for bad rows).

    Raises
    ------
    ImportFileError
        The file cannot be read, or required columns are missing.
    """
    return load_raw(spec, read_table(path, sheet=sheet), mapping=mapping)


def load_raw(
    spec: TableSpec, raw: RawTable, *, mapping: Mapping[str, str] | None = None
) -> LoadedTable:
    """:func:`load_table` on a table already read (a file or a frame as text cells)."""
    canon = {f.name: f.synonyms for f in spec.fields}
    required = [f.name for f in spec.fields if f.required]
    columns = resolve_headers(
        canon,
        required,
        raw.headers,
        file=raw.file,
        kind_label=t(spec.label),
        mapping=mapping,
    )
    require_rows(raw)
    lines = pl.Series("_line", raw.lines, dtype=pl.Int64)
    excel = raw.is_excel
    parsed: dict[str, Parsed] = {}
    for f in spec.fields:
        if f.name in columns.used:
            cells = raw.cells[f"c{columns.used[f.name]}"].rename(f.name)
            parsed[f.name] = _parse(f, cells, excel)
    rejected = _rejections(spec, raw, columns.used, parsed, lines)
    bad_lines = {r.line for r in rejected}
    data: dict[str, pl.Series] = {"_line": lines}
    for f in spec.fields:
        if f.name in parsed:
            values = parsed[f.name].values
            if f.default is not None:
                values = values.fill_null(f.default)
            data[f.name] = values.cast(_POLARS_TYPE[f.kind])
        else:
            data[f.name] = pl.Series(
                f.name, [f.default] * raw.cells.height, dtype=_POLARS_TYPE[f.kind]
            )
    frame = pl.DataFrame(data)
    if bad_lines:
        frame = frame.filter(~pl.col("_line").is_in(list(bad_lines)))
    return LoadedTable(
        file=raw.file,
        encoding=raw.encoding,
        rows=frame,
        rejected=sorted(rejected, key=lambda r: (r.line, r.column or "")),
        total_rows=raw.cells.height,
        column_map={name: raw.headers[i] for name, i in columns.used.items()},
        ignored_columns=[raw.headers[i] for i in columns.ignored if raw.headers[i]],
        checksum=raw.checksum,
        raw=raw,
    )


def read_frame(
    spec: TableSpec,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """The rows of ``path`` as a frame (with ``_line``), or :class:`TableRowsError`."""
    loaded = load_table(spec, path, sheet=sheet, mapping=mapping)
    if loaded.rejected:
        raise TableRowsError(loaded.file, loaded.rejected)
    return loaded.rows


def _parse(f: Field, cells: pl.Series, excel: bool) -> Parsed:
    if f.kind == "number":
        return parse_numbers(cells, minimum=f.minimum, maximum=f.maximum)
    if f.kind == "date":
        return parse_dates(cells, excel=excel)
    if f.kind == "choice":
        return parse_choice(cells, f.choices or {})
    if f.kind == "id":
        return parse_ids(cells)
    return parse_text(cells)


def _allowed(f: Field) -> str:
    codes = list(dict.fromkeys((f.choices or {}).values()))
    spellings = [k for k in (f.choices or {}) if k not in codes]
    return ", ".join(codes + spellings[:6])


def _rejections(
    spec: TableSpec,
    raw: RawTable,
    used: dict[str, int],
    parsed: dict[str, Parsed],
    lines: pl.Series,
) -> list[Rejection]:
    out = [
        Rejection(
            line, None, None, "import.ragged_row", {"found": found, "expected": len(raw.headers)}
        )
        for line, found in raw.ragged
    ]
    ragged = {line for line, _ in raw.ragged}
    for name, result in parsed.items():
        f = spec.field(name)
        header = raw.headers[used[name]]
        frame = pl.DataFrame(
            {"line": lines, "value": raw.cells[f"c{used[name]}"], "reason": result.reasons}
        )
        if f.required:
            missing = result.values.is_null() & result.reasons.is_null()
            frame = frame.with_columns(
                pl.when(missing)
                .then(pl.lit("import.missing_value"))
                .otherwise(pl.col("reason"))
                .alias("reason")
            )
        params: dict[str, Any] = {
            "allowed": _allowed(f),
            "minimum": "−∞" if f.minimum is None else f"{f.minimum:g}",
            "maximum": "∞" if f.maximum is None else f"{f.maximum:g}",
        }
        for line, value, reason in frame.filter(pl.col("reason").is_not_null()).iter_rows():
            if line not in ragged:
                out.append(Rejection(line, header, value, reason, params))
    return out


def reject_rows(
    rows: pl.DataFrame, mask: pl.Series | pl.Expr, column: str, reason: str, **params: Any
) -> list[Rejection]:
    """Rejections for the rows of ``rows`` (with ``_line``) where ``mask`` holds."""
    hits = rows.filter(mask)
    value_col = column if column in rows.columns else None
    out = []
    for row in hits.iter_rows(named=True):
        value = None if value_col is None else row[value_col]
        out.append(
            Rejection(
                int(row["_line"]), column, None if value is None else str(value), reason, params
            )
        )
    return out


def require_columns(frame: pl.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise a clear error when a frame handed to an analysis lacks ``columns``
    (:func:`custvalue._validation.check_columns`, one message for every caller)."""
    check_columns(frame, columns, frame_name=what)

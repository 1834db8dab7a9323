"""Reading a table of any kind read by a :class:`TableSpec`, with validation.

Every kind — the ledger (customers, orders, costs), the survey tables, offerings,
observed choices and the kinds later issues add — is a :class:`TableSpec`
(:mod:`custvalue.data.spec`; the store's kinds are declared in
:mod:`custvalue.data.kinds`) read by the one pipeline of :mod:`custvalue.data.pipeline`:
CSV in UTF-8/GBK/GB18030 or Excel, headers matched after normalisation or ``--map``,
every bad cell named by physical line, header as written, value and reason, and
nothing half-read — :func:`read_frame` returns the good rows only when there is no
bad one.

Numbers (:func:`parse_numbers`) accept ``7``, ``7.5``, ``１２``, ``1,200``,
``25%`` (as 25), money as people write it (``¥28,800``, ``28800元``, ``2.88万`` or
``2.88万元`` = 28,800) and a leading sign; ``NaN``/``inf`` and a comma out of place
(the decimal comma ``7,5``) are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from custvalue._validation import check_columns
from custvalue.data.parsing import parse_numbers
from custvalue.data.pipeline import parse_spec
from custvalue.data.reading import RawTable, read_table
from custvalue.data.rejection import Rejection
from custvalue.data.spec import Field, FieldKind, TableSpec
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = [
    "Field",
    "FieldKind",
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
    """:func:`load_table` on a table already read (a file or a frame as text cells): the
    steps of :func:`custvalue.data.pipeline.parse_spec`, the one pipeline of every kind."""
    batch = parse_spec(spec, raw, mapping=mapping)
    return LoadedTable(
        file=raw.file,
        encoding=raw.encoding,
        rows=batch.rows,
        rejected=sorted(batch.rejected, key=lambda r: (r.line, r.column or "")),
        total_rows=raw.cells.height,
        column_map=batch.column_map,
        ignored_columns=batch.ignored_columns,
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

"""The one writer of CSV and XLSX files, for the command line and the workbench alike
(docs/output.md).

- CSV is UTF-8 with a byte-order mark (so that Excel on Chinese Windows reads the
  Chinese), or without one for tools that refuse it.
- XLSX is one sheet per table; numbers and dates stay numbers and dates.
- Every text cell (and header) that a spreadsheet would run as a formula is neutralised
  (:func:`custvalue.output.neutralise`); categories are text, nested values JSON text.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.output import jsonable, neutralise, visible

__all__ = [
    "BOM",
    "XLSX_ROWS",
    "Sheet",
    "csv_bytes",
    "flattened",
    "sheet_name",
    "spreadsheet_frame",
    "xlsx_bytes",
]

BOM = "\ufeff"
XLSX_ROWS = 1_048_576
"""Rows of one Excel sheet, the header included."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of an XLSX export: its name, the header and the rows (Python values)."""

    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]

    @classmethod
    def of(cls, name: str, frame: pl.DataFrame) -> Sheet:
        flat = flattened(frame)
        return cls(name, list(flat.columns), flat.rows())


_FORMULA = r"^[=+\-@\t\r]"


def flattened(frame: pl.DataFrame) -> pl.DataFrame:
    """Categories as text, nested values (lists, structs) as JSON text."""
    columns: list[pl.Expr | pl.Series] = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, (pl.Categorical, pl.Enum)):
            columns.append(pl.col(name).cast(pl.String))
        elif dtype.is_nested():
            texts = [json.dumps(jsonable(v), ensure_ascii=False) for v in frame[name].to_list()]
            columns.append(pl.Series(name, texts, dtype=pl.String))
    return frame.with_columns(columns) if columns else frame


def spreadsheet_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell (and header) neutralised for a spreadsheet."""
    flat = flattened(frame)
    text = [name for name, dtype in flat.schema.items() if dtype == pl.String]
    out = flat.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA))
        .then("'" + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )
    renamed = {c: str(neutralise(c)) for c in out.columns if neutralise(c) != c}
    return out.rename(renamed) if renamed else out


def csv_bytes(frame: pl.DataFrame, *, bom: bool = True) -> bytes:
    """``frame`` as UTF-8 CSV (with a BOM unless ``bom`` is false), text neutralised."""
    text = spreadsheet_frame(frame).write_csv()
    return ((BOM if bom else "") + text).encode("utf-8")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_name(wanted: str | None, taken: list[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique."""
    base = _SHEET_BAD.sub(" ", visible(wanted or "")).strip().strip("'")[:31].strip()
    base = base or f"{t('output.sheet')}{len(taken) + 1}"
    name, n = base, 2
    while name.lower() in {s.lower() for s in taken}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def _xlsx_cell(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str):
        value = json.dumps(jsonable(value), ensure_ascii=False, default=str)
    # characters a worksheet cannot hold are shown as escapes
    return _XLSX_ILLEGAL.sub(lambda m: visible(m.group()), neutralise(value))


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one Excel workbook: a header row of column names, then the rows;
    numbers and dates as such, text neutralised."""
    from openpyxl import Workbook

    for table in sheets:
        if len(table.rows) >= XLSX_ROWS:
            raise DataValidationError(
                "output.too_many_rows", rows=f"{len(table.rows):,}", limit=f"{XLSX_ROWS - 1:,}"
            )
    book = Workbook(write_only=True)
    for table in sheets:
        sheet = book.create_sheet(title=table.name)
        for i, column in enumerate(table.columns):
            texts = [str(row[i]) for row in table.rows[:200] if row[i] is not None]
            widest = max([len(column), *map(len, texts)])
            sheet.column_dimensions[_letter(i)].width = min(60, widest + 2)
        sheet.freeze_panes = "A2"
        sheet.append([_xlsx_cell(c) for c in table.columns])
        for row in table.rows:
            sheet.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))

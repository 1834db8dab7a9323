"""Rendering results as a Rich table, JSON or CSV, with labels in the user's language."""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import polars as pl
from rich.console import Console
from rich.table import Table

from custvalue.formatting import Kind, format_value, infer_kind
from custvalue.i18n import has_key, t

__all__ = [
    "Format",
    "Metric",
    "column_label",
    "console",
    "emit_frame",
    "emit_json",
    "emit_metrics",
    "err_console",
    "jsonable",
]


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"
    csv = "csv"


_WIDTH = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "120") or 120)
# Into a file or pipe, sentences stay on one line (so paths and counts can be
# searched); tables are still laid out to the width.
console = Console(highlight=False, soft_wrap=not sys.stdout.isatty(), width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=not sys.stderr.isatty())


def column_label(name: str) -> str:
    """Translated column header (``col.<name>`` in the catalogs), else the name."""
    key = f"col.{name}"
    return t(key) if has_key(key) else name


def metric_label(name: str) -> str:
    """Translated label of a metric (``metric.<name>``, else ``col.<name>``), else the name."""
    key = f"metric.{name}"
    return t(key) if has_key(key) else column_label(name)


def jsonable(value: Any) -> Any:
    """Make ``value`` JSON-serialisable (dates as ISO text, NaN and infinities as null)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(jsonable(value), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


class Metric:
    """One line of a metric table: a key (labelled ``metric.<key>``), a value and its kind."""

    __slots__ = ("key", "kind", "value")

    def __init__(self, key: str, value: Any, kind: Kind = "number") -> None:
        self.key = key
        self.value = value
        self.kind = kind


def emit_metrics(
    metrics: Sequence[Metric], fmt: Format, *, title: str | None = None, caption: str | None = None
) -> None:
    """Print named metrics: a two-column table with real labels and formatted values; JSON
    is one object ``{key: raw value}``; CSV has columns metric, label, value."""
    if fmt is Format.json:
        emit_json({m.key: m.value for m in metrics})
        return
    if fmt is Format.csv:
        frame = pl.DataFrame(
            {
                "metric": [m.key for m in metrics],
                "label": [metric_label(m.key) for m in metrics],
                "value": [None if m.value is None else str(jsonable(m.value)) for m in metrics],
            },
            schema={"metric": pl.String, "label": pl.String, "value": pl.String},
        )
        sys.stdout.write(frame.write_csv())
        sys.stdout.flush()
        return
    table = Table(title=title, caption=caption, header_style="bold")
    table.add_column(t("fmt.metric"))
    table.add_column(t("fmt.value"), justify="right")
    for m in metrics:
        table.add_row(metric_label(m.key), format_value(m.value, m.kind))
    console.print(table)


def _kind_of(name: str, dtype: pl.DataType, money: set[str], percent: set[str]) -> Kind:
    if name in money:
        return "money"
    if name in percent:
        return "share"
    return infer_kind(name, dtype)


def emit_frame(
    frame: pl.DataFrame,
    fmt: Format,
    *,
    title: str | None = None,
    money: Sequence[str] = (),
    caption: str | None = None,
    percent: Sequence[str] = (),
    kinds: Mapping[str, Kind] | None = None,
) -> None:
    """Print ``frame`` in ``fmt``. In tables each column is formatted by its kind
    (:mod:`custvalue.formatting`): ``kinds`` names it, else ``money`` columns are money,
    ``percent`` columns are fractions shown as percentages, else it is inferred from the
    name and type (``year``, ``*_share`` …). JSON and CSV keep the raw values."""
    if fmt is Format.json:
        emit_json(frame.to_dicts())
        return
    if fmt is Format.csv:
        sys.stdout.write(frame.write_csv())
        sys.stdout.flush()
        return
    table = Table(title=title, caption=caption, header_style="bold")
    for name in frame.columns:
        numeric = frame.schema[name].is_numeric()
        table.add_column(column_label(name), justify="right" if numeric else "left")
    money_set = set(money)
    percent_set = set(percent)
    given = dict(kinds or {})
    column_kinds = [
        given.get(c) or _kind_of(c, frame.schema[c], money_set, percent_set) for c in frame.columns
    ]
    for row in frame.iter_rows():
        table.add_row(
            *[format_value(v, k) for v, k in zip(row, column_kinds, strict=True)]
        )
    console.print(table)

"""Rendering results as a Rich table, JSON or CSV, with labels in the user's language."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import polars as pl
from rich.console import Console
from rich.table import Table

from custvalue.i18n import has_key, t

__all__ = [
    "Format",
    "column_label",
    "console",
    "emit_frame",
    "emit_json",
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


def jsonable(value: Any) -> Any:
    """Make ``value`` JSON-serialisable (dates as ISO text)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return value
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(jsonable(value), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def _cell(value: Any, money: bool, share: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and share:
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:,.2f}" if money else f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def emit_frame(
    frame: pl.DataFrame,
    fmt: Format,
    *,
    title: str | None = None,
    money: Sequence[str] = (),
    caption: str | None = None,
    percent: Sequence[str] = (),
) -> None:
    """Print ``frame`` in ``fmt``; in tables ``money`` columns get two decimals and
    ``share`` / ``*_share`` and ``percent`` columns are percentages (JSON and CSV keep
    fractions)."""
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
    for row in frame.iter_rows():
        table.add_row(
            *[
                _cell(v, c in money_set, c == "share" or c.endswith("_share") or c in percent_set)
                for v, c in zip(row, frame.columns, strict=True)
            ]
        )
    console.print(table)

"""Rendering results: Rich tables and sentences for people, with labels in the user's
language; CSV, XLSX and JSON handed to :mod:`custvalue.cli.exports`.

Everything printed as text — table cells, titles, sentences, error messages — goes
through one writer that shows control characters as escapes
(:func:`custvalue.output.visible`) and reads no markup, so that a customer name holding
``ESC[31m`` or a bidi override cannot recolour or reorder the terminal. Tables are laid
out by :mod:`custvalue.cli.layout` (numbers, dates and ids never cut; ``--wide``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import polars as pl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from custvalue.cli.exports import Format, current, deliver_frame, deliver_json, deliver_rows
from custvalue.cli.exports import jsonable as jsonable
from custvalue.cli.layout import ColumnSpec, fit
from custvalue.cli.linebreak import cjk_line_breaks
from custvalue.cli.terminal import SafeConsole, console, err_console, print_error, terminal_width
from custvalue.formatting import (
    Kind,
    column_label,
    format_column,
    format_value,
    infer_kind,
    metric_label,
)
from custvalue.i18n import t
from custvalue.output import visible

__all__ = [
    "Format",
    "Metric",
    "SafeConsole",
    "column_label",
    "console",
    "emit_frame",
    "emit_json",
    "emit_metrics",
    "err_console",
    "jsonable",
    "print_error",
    "terminal_width",
]


@contextmanager
def _width(target: Console, width: int) -> Iterator[None]:
    before = target._width
    target.width = width
    try:
        yield
    finally:
        target._width = before


def emit_json(value: Any) -> None:
    """Output ``value`` as JSON (UTF-8, Chinese kept readable)."""
    deliver_json(value)


class Metric:
    """One line of a metric table: a key (labelled ``metric.<key>``), a value and its kind."""

    __slots__ = ("key", "kind", "value")

    def __init__(self, key: str, value: Any, kind: Kind = "number") -> None:
        self.key = key
        self.value = value
        self.kind = kind


def emit_metrics(
    metrics: Sequence[Metric],
    fmt: Format,
    *,
    title: str | None = None,
    caption: str | None = None,
    sheet: str | None = None,
) -> None:
    """Output named metrics: a two-column table with real labels and formatted values;
    JSON is one object ``{key: raw value}``; CSV and XLSX have columns metric, label,
    value (in XLSX numbers stay numbers)."""
    if fmt is Format.json:
        emit_json({m.key: m.value for m in metrics})
        return
    if fmt is Format.xlsx:
        rows = [(m.key, metric_label(m.key), jsonable(m.value)) for m in metrics]
        deliver_rows(["metric", "label", "value"], rows, sheet=sheet or title)
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
        deliver_frame(frame, fmt)
        return
    table = Table(title=title, caption=caption, caption_justify="left", header_style="bold")
    table.add_column(t("fmt.metric"), overflow="fold")
    table.add_column(t("fmt.value"), justify="right", no_wrap=True)
    for m in metrics:
        table.add_row(
            Text(visible(metric_label(m.key))), Text(visible(format_value(m.value, m.kind)))
        )
    with cjk_line_breaks():
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
    keep: Sequence[str] = (),
    priority: Sequence[str] = (),
    sheet: str | None = None,
    stderr: bool = False,
) -> None:
    """Output ``frame`` in ``fmt``.

    In a table each column is formatted by its kind (:mod:`custvalue.formatting`):
    ``kinds`` names it, else ``money`` columns are money, ``percent`` columns are
    fractions shown as percentages, else it is inferred from the name and type
    (``year``, ``*_share``, ``*_id`` …). The table is fitted to the terminal
    (:mod:`custvalue.cli.layout`): when columns must go, those in ``priority`` go first,
    never the first column, an id column or one in ``keep``, and a note names them.

    JSON, CSV and XLSX keep the raw values (XLSX: one sheet, named ``sheet`` or the
    title).
    """
    if fmt is Format.json:
        emit_json(frame.to_dicts())
        return
    if fmt.spreadsheet:
        deliver_frame(frame, fmt, sheet=sheet or title)
        return
    given = dict(kinds or {})
    money_set, percent_set = set(money), set(percent)
    specs = []
    for name in frame.columns:
        kind = given.get(name) or _kind_of(name, frame.schema[name], money_set, percent_set)
        cells = [visible(v) for v in format_column(frame[name].to_list(), kind)]
        specs.append(ColumnSpec(name, visible(column_label(name)), cells, fixed=kind != "text"))
    target = err_console if stderr else console
    width = terminal_width(target)
    ids = [s.name for s in specs if s.name == "id" or s.name.endswith("_id")]
    layout = fit(specs, width, keep=[*ids, *keep], priority=priority, wide=current().wide)
    by_name = {s.name: s for s in specs}
    table = Table(title=title, caption=caption, caption_justify="left", header_style="bold")
    for name, column_width in zip(layout.shown, layout.widths, strict=True):
        numeric = frame.schema[name].is_numeric()
        table.add_column(
            by_name[name].label,
            justify="right" if numeric else "left",
            width=column_width,
            overflow="fold",
        )
    columns = [by_name[name].cells for name in layout.shown]
    for row in zip(*columns, strict=True):
        table.add_row(*[Text(cell) for cell in row])
    with _width(target, max(width, layout.width)), cjk_line_breaks():
        target.print(table)
    if layout.dropped:
        labels = t("output.separator").join(by_name[name].label for name in layout.dropped)
        target.print(t("output.columns_dropped", width=width, columns=labels))

"""What every page shares: tables with labelled, formatted columns and their CSV/XLSX
export, and charts.

A route builds a :class:`TableView` with :func:`table_view` from a result's frame (raw
values) and renders it with the ``data_table`` macro of ``templates/_macros.html``: the
headers are the catalog labels (``col.<name>``) in the request's language, the cells are
formatted by kind as the command line formats them (:mod:`custvalue.formatting`), and the
table links to its own export (``?export=csv|xlsx&table=<name>``). The route answers an
export first::

    if (answer := exported(request, [view])) is not None:
        return answer

The export is written by the command line's own writer (:mod:`custvalue.spreadsheets`:
UTF-8 with a byte-order mark, formula-like text neutralised, numbers kept as numbers),
with the headers as the page shows them. Charts are Plotly figure dicts
(:mod:`custvalue.figures`) that the ``chart`` macro hands to ``static/app.js`` in a JSON
block (no inline script: the CSP forbids it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

import polars as pl
from fastapi import Request
from fastapi.responses import Response

from custvalue.exceptions import DataValidationError
from custvalue.formatting import Kind, column_label, format_column, infer_kind
from custvalue.output import jsonable
from custvalue.spreadsheets import Sheet, csv_bytes, sheet_name, xlsx_bytes

__all__ = [
    "Column",
    "ExportFormat",
    "TableView",
    "export_format",
    "export_response",
    "exported",
    "figure_data",
    "table_view",
]

ExportFormat = Literal["csv", "xlsx"]
_FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_FIELD = re.compile(r"\{(\w+)\}")

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    """One column as a page shows it."""

    name: str
    label: str
    kind: Kind
    numeric: bool


@dataclass(frozen=True)
class TableView:
    """A table for a page: labelled columns, formatted cells, and the raw frame its
    export writes."""

    name: str
    title: str
    frame: pl.DataFrame
    columns: list[Column]
    rows: list[list[str]]
    links: list[list[str | None]]
    caption: str | None = None
    export: bool = True
    total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.frame.height == 0

    def export_url(self, request: Request, fmt: ExportFormat) -> str:
        """This page's address asking for the export of this table."""
        query = request.url.include_query_params(export=fmt, table=self.name).query
        return f"{request.url.path}?{query}"

    def labelled(self) -> pl.DataFrame:
        """The raw values under the labels the page shows (for the export)."""
        labels: dict[str, str] = {}
        for column in self.columns:
            label, n = column.label, 2
            while label in labels.values():  # two columns with one label stay apart
                label, n = f"{column.label} ({n})", n + 1
            labels[column.name] = label
        return self.frame.select(list(labels)).rename(labels)


def _link(template: str, row: Mapping[str, Any]) -> str:
    return _FIELD.sub(lambda m: quote(str(row.get(m.group(1), "")), safe=""), template)


def table_view(
    frame: pl.DataFrame,
    *,
    name: str,
    title: str | None = None,
    kinds: Mapping[str, Kind] | None = None,
    money: Sequence[str] = (),
    percent: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
    caption: str | None = None,
    export: bool = True,
    total: int | None = None,
) -> TableView:
    """``frame`` as a page table named ``name`` (letters, digits, ``_``).

    Kinds are chosen as on the command line (``emit_frame``): ``kinds`` names a column's
    kind, else ``money`` columns are money, ``percent`` columns fractions shown as
    percentages, else the kind is inferred from the name and type; ``labels`` its header
    (else ``col.<name>``), ``links`` makes a column's cells links:
    ``{"customer_id": "/customers/{customer_id}"}`` (fields are the row's values,
    URL-quoted). ``total`` is the size of the whole result when
    ``frame`` is one page of it.
    """
    if not _NAME.match(name):
        raise ValueError(f"table name {name!r}: lower-case letters, digits and _")
    given_kinds: dict[str, Kind] = {c: "money" for c in money}
    given_kinds.update({c: "share" for c in percent})
    given_kinds.update(kinds or {})
    given_labels = dict(labels or {})
    columns = [
        Column(
            name=c,
            label=given_labels.get(c) or column_label(c),
            kind=given_kinds.get(c) or infer_kind(c, frame.schema[c]),
            numeric=frame.schema[c].is_numeric(),
        )
        for c in frame.columns
    ]
    cells = [format_column(frame[c.name].to_list(), c.kind) for c in columns]
    rows = [list(row) for row in zip(*cells, strict=True)] if cells else []
    link_cells: list[list[str | None]] = [[None] * len(columns) for _ in rows]
    if links:
        records = frame.to_dicts()
        for j, column in enumerate(columns):
            template = links.get(column.name)
            if template is None:
                continue
            for i, record in enumerate(records):
                link_cells[i][j] = _link(template, record)
    return TableView(
        name=name,
        title=title or name,
        frame=frame,
        columns=columns,
        rows=rows,
        links=link_cells,
        caption=caption,
        export=export,
        total=total,
    )


def export_format(request: Request) -> ExportFormat | None:
    """The export the request asks for (``?export=csv|xlsx``), or ``None``."""
    wanted = request.query_params.get("export")
    if wanted is None:
        return None
    if wanted not in _FORMATS:
        raise DataValidationError(
            "web.export_unknown", option="export", value=wanted, allowed="csv, xlsx"
        )
    return wanted


def _filename(stem: str, fmt: ExportFormat) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "table"
    return f"{safe}.{fmt}"


def export_response(views: Sequence[TableView], fmt: ExportFormat, *, stem: str) -> Response:
    """The tables as one CSV (the first) or one XLSX workbook (a sheet each)."""
    if fmt == "csv":
        body = csv_bytes(views[0].labelled())
    else:
        sheets: list[Sheet] = []
        for view in views:
            name = sheet_name(view.title, [s.name for s in sheets])
            sheets.append(Sheet.of(name, view.labelled()))
        body = xlsx_bytes(sheets)
    disposition = f'attachment; filename="{_filename(stem, fmt)}"'
    return Response(body, media_type=MEDIA[fmt], headers={"content-disposition": disposition})


def exported(request: Request, views: Sequence[TableView]) -> Response | None:
    """The export the request asks for, of the table ``?table=`` names (XLSX: every
    table when none is named), or ``None`` when it asks for none."""
    fmt = export_format(request)
    if fmt is None:
        return None
    wanted = request.query_params.get("table")
    chosen = [v for v in views if v.export and (wanted is None or v.name == wanted)]
    if not chosen:
        names = ", ".join(v.name for v in views if v.export) or "—"
        raise DataValidationError(
            "web.export_no_table", option="table", value=wanted or "", allowed=names
        )
    if fmt == "csv":
        chosen = chosen[:1]
    stem = chosen[0].name if len(chosen) == 1 else request.url.path.strip("/") or "tables"
    return export_response(chosen, fmt, stem=stem)


def figure_data(figure: Mapping[str, Any]) -> Any:
    """A Plotly figure dict as JSON-ready data (NaN and infinities as null)."""
    return jsonable(dict(figure))

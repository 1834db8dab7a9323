"""Keeping customers in the workbench (docs/keeping.md): complaints on a clock, the
contact plan and the shipment notices.

* ``/complaints``: the list with its filters and SLA states, the form that records a
  complaint, the overdue list, the SLA report by team, category or period and the
  complaint causes over time (:mod:`custvalue.app.complaints`);
  ``/complaints/{number}``: one complaint's two clocks, details, history and the
  confirmation to read back, with the forms that assign, move, close and reopen it.
* ``/contacts``: contacts per owner, the contact list, and the forms that plan, add,
  log, assign owners and hand a departing owner's customers over
  (:mod:`custvalue.app.contacts`).
* ``/notices``: the notices log, a shipment's notice rendered, the notices sent, and the
  mail server (:mod:`custvalue.app.notices`; the password comes from the environment).

Each route parses the request, calls the application layer and renders; a POST that
changes the store answers with a redirect (303), so a reload never sends it twice. A
refused form comes back with the application's message in the request's language and
what was typed; the application checks before it writes, so nothing is written. Times
are the company's local time: the app's clock (UTC) read in the server's time zone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

import polars as pl
from fastapi import Depends, FastAPI, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from custvalue.app import complaints as complaints_app
from custvalue.app import contacts as contacts_app
from custvalue.app import notices as notices_app
from custvalue.exceptions import CustValueError, DataValidationError
from custvalue.formatting import column_label, format_value
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.context import caller
from custvalue.web.errors import status_of
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

if TYPE_CHECKING:
    from custvalue.service import Workflow

__all__ = ["register"]

#: rows per page of the complaint, contact and notice lists (an export holds every row)
PAGE = 50
#: rows of the causes table on the page, the latest periods (the export holds every row)
CAUSES_SHOWN = 40
#: rows an export of a list holds at most
EXPORT_MAX = 10_000
#: how complaints reach us (custvalue.data.kinds.service.CHANNELS' codes, in order)
CHANNELS = ("phone", "email", "wechat", "visit", "web", "letter", "other")
ACTIONS = ("record", "assign", "forward", "close", "reopen")
NOTICE_STATES = ("sent", "rendered", "failed")
CONTACT_STATES = ("planned", "done", "cancelled")
#: the SLA chart's colours: met, running, failed
_GREEN, _BLUE, _RED = "#27ae60", "#2c6fbb", "#c0392b"
_STATE_COLUMNS = ("response_state", "resolution_state", "sla_status")

_TEXT = Annotated[str, Form(max_length=10_000)]
_FIELD = Annotated[str, Form(max_length=1_000)]
_QUERY = Annotated[str | None, Query(max_length=200)]


# -- shared helpers ------------------------------------------------------------------------


def _local_now(request: Request) -> datetime:
    """The app's clock (naive UTC) as the company's local time, to the second."""
    utc: datetime = request.scope["state"]["config"].clock()
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None, microsecond=0)


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _checked(value: str | None) -> bool:
    return (value or "").strip() in ("1", "on", "true", "yes")


def _day(option: str, text: str | None) -> date | None:
    """A form's date (``YYYY-MM-DD``), ``None`` when left empty."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataValidationError(
            "error.option", option=option, value=value, reason=t("keepweb.reason_date"),
            hint=t("keepweb.hint_date"),
        ) from None  # fmt: skip


def _number(text: str | None) -> Any:
    """A form's number as a number when it reads as one, else the text as typed (for
    the application's check to name it), ``None`` when left empty."""
    value = (text or "").strip()
    if not value:
        return None
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def _whole(option: str, text: str | None, *, maximum: int = 2**62) -> int | None:
    from custvalue._validation import check_number

    value = _number(text)
    if value is None:
        return None
    return int(check_number(option, value, minimum=1, maximum=maximum, integer=True))


def _ids(text: str | None) -> list[str]:
    """Ids typed with commas, spaces or one per line."""
    return [p for p in (text or "").replace(",", " ").replace("，", " ").split() if p]


def _invalid(error: CustValueError) -> str | None:
    """The form field an error names (``--text`` → ``text``), to mark it."""
    for key in ("option", "name"):
        value = error.params.get(key)
        if isinstance(value, str) and value:
            return value.lstrip("-").split()[0]
    return None


def _can_change(request: Request) -> bool:
    user = caller(request).user
    return user is not None and user.role in ("analyst", "admin")


def _redirect(path: str, **params: Any) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return RedirectResponse(f"{path}?{query}" if query else path, status_code=303)


def _replace(frame: pl.DataFrame, column: str, words: Mapping[str, str]) -> pl.DataFrame:
    if column not in frame.columns:
        return frame
    return frame.with_columns(pl.col(column).cast(pl.String).replace(dict(words)))


def _lang_words() -> dict[str, str]:
    return {"zh": t("web.lang_zh"), "en": t("web.lang_en")}


def _pager(request: Request, offset: int, shown: int, total: int) -> dict[str, Any]:
    """Links to the previous and next page of a list read with ``offset``."""

    def at(value: int) -> str:
        query = request.url.remove_query_params(["offset", "notice", "lang"])
        query = query.include_query_params(offset=value) if value else query
        return f"{request.url.path}?{query.query}" if query.query else request.url.path

    return {
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
        "previous": at(max(0, offset - PAGE)) if offset > 0 else None,
        "next": at(offset + PAGE) if offset + shown < total else None,
    }


# -- complaints: words and tables ----------------------------------------------------------


def _status_words(workflow: Workflow) -> dict[str, str]:
    return {code: workflow.label(code) for code in workflow.codes}


def _state_words() -> dict[str, str]:
    from custvalue.service import SLA_STATES, state_label

    return {**{s: state_label(s) for s in SLA_STATES}, "none": t("keepweb.state_none")}


def _complaint_words(frame: pl.DataFrame, workflow: Workflow) -> pl.DataFrame:
    """Codes as words: status, severity, channel, SLA states, the missed target."""
    from custvalue.service import SEVERITIES, severity_label

    out = _replace(frame, "severity", {s: severity_label(s) for s in SEVERITIES})
    out = _replace(out, "channel", {c: t(f"complaints.channel_{c}") for c in CHANNELS})
    for column in _STATE_COLUMNS:
        out = _replace(out, column, _state_words())
    for column in ("status", "from_status", "to_status"):
        out = _replace(out, column, _status_words(workflow))
    out = _replace(out, "action", {a: t(f"complaints.action_{a}") for a in ACTIONS})
    out = _replace(out, "lang", _lang_words())
    return _replace(
        out, "target", {k: t(f"complaints.target_{k}") for k in ("response", "resolution")}
    )


_LIST_COLUMNS = (
    "number", "created_at", "customer_id", "contact", "category", "severity", "status",
    "team", "assignee", "response_due", "response_state", "resolution_due",
    "resolution_state", "overdue",
)  # fmt: skip
_LINK = {"number": "/complaints/{number}"}


#: the list's columns on the page (the export holds every column of ``_LIST_COLUMNS``):
#: the customer or, without one, the contact; each clock's state with its due time
_SHOWN = (
    "number", "created_at", "customer_id", "category", "severity", "status", "team",
    "assignee", "response_state", "resolution_state",
)  # fmt: skip


def _list_table(view: TableView, raw: pl.DataFrame) -> dict[str, Any]:
    """The list as the page draws it: the shown columns' headers, and per row its cells
    (text, link, SLA state and due time) and whether it is overdue."""
    index = {c.name: i for i, c in enumerate(view.columns)}
    names = [n for n in _SHOWN if n in index]
    heads = [
        {
            "name": n,
            "label": t("keepweb.col_who") if n == "customer_id" else view.columns[index[n]].label,
        }
        for n in names
    ]
    if raw.height == 0:
        return {"heads": heads, "rows": []}
    marks = raw.select("customer_id", "response_state", "resolution_state", "overdue").to_dicts()
    rows = []
    for cells, links, mark in zip(view.rows, view.links, marks, strict=True):
        out = []
        for name in names:
            i = index[name]
            cell: dict[str, Any] = {"text": cells[i], "href": links[i], "state": None, "sub": None}
            if name == "customer_id" and mark["customer_id"] is None and "contact" in index:
                cell["text"] = cells[index["contact"]]
            if name in ("response_state", "resolution_state"):
                cell["state"] = mark[name] or "none"
                due = name.replace("_state", "_due")
                cell["sub"] = cells[index[due]] if due in index else None
            out.append(cell)
        rows.append({"overdue": bool(mark["overdue"]), "cells": out})
    return {"heads": heads, "rows": rows}


def _group_label(row: Mapping[str, Any], keys: Sequence[str]) -> str:
    return " · ".join(format_value(row.get(k), "text") for k in keys)


def _sla_figure(table: pl.DataFrame, keys: Sequence[str]) -> dict[str, Any]:
    """Met, running and failed complaints per group as stacked bars, the failure rate
    written beside each."""
    records = table.to_dicts()
    labels = [_group_label(r, keys) for r in records]
    parts = (("met", _GREEN), ("running", _BLUE), ("failed", _RED))
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": [r[column] for r in records],
            "name": column_label(column),
            "marker": {"color": color},
            "hovertemplate": "%{y}: %{x}<extra>" + column_label(column) + "</extra>",
        }
        for column, color in parts
    ]
    notes = [
        {
            "x": r["complaints"], "y": label, "xanchor": "left", "showarrow": False,
            "text": " " + t("keepweb.chart_failure_rate",
                            rate=format_value(r["failure_rate"], "share")),
        }
        for r, label in zip(records, labels, strict=True)
    ]  # fmt: skip
    most = max((r["complaints"] for r in records), default=1)
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "title": {"text": t("keepweb.chart_sla")},
            "xaxis": {"title": {"text": column_label("complaints")}, "range": [0, most * 1.3]},
            "yaxis": {"automargin": True, "autorange": "reversed", "type": "category"},
            "legend": {"orientation": "h", "y": -0.2},
            "annotations": notes,
            "height": max(320, 140 + 36 * len(labels)),
        },
    }


def _causes_figure(table: pl.DataFrame, column: str) -> dict[str, Any]:
    """Complaints per period, one stacked part per category (or root cause)."""
    periods = sorted(set(table["period"].to_list()))
    totals = (
        table.group_by(column)
        .agg(pl.col("complaints").sum())
        .sort(["complaints", column], descending=[True, False], nulls_last=True)
    )
    data = []
    for value in totals[column].to_list():
        part = table.filter(pl.col(column).is_null() if value is None else pl.col(column) == value)
        counts = dict(zip(part["period"].to_list(), part["complaints"].to_list(), strict=True))
        name = value if value is not None else t("keepweb.cause_unknown")
        data.append(
            {
                "type": "bar",
                "x": periods,
                "y": [counts.get(p, 0) for p in periods],
                "name": name,
                "hovertemplate": "%{x}: %{y}<extra>" + str(name) + "</extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "title": {"text": t("complaints.title_causes")},
            "xaxis": {
                "title": {"text": column_label("period")},
                "type": "category",
                "automargin": True,
                "tickangle": -45 if len(periods) > 12 else 0,
            },
            "yaxis": {"title": {"text": column_label("complaints")}, "rangemode": "tozero"},
            "legend": {"orientation": "v", "x": 1.02, "y": 1},
        },
    }


@dataclass(frozen=True)
class ListFilters:
    """What ``/complaints`` is asked to show."""

    open_only: bool = False
    status: str | None = None
    team: str | None = None
    severity: str | None = None
    customer: str | None = None
    overdue: bool = False
    offset: int = 0
    by: str = "team"
    period: str = "month"
    cause_by: str = "category"


def _by_label(by: str, period: str) -> str:
    """What the SLA report groups by, in words (the period's length when by period)."""
    from custvalue.service import PERIODS

    if by == "period" and period in PERIODS:
        return t(f"keepweb.period_{period}")
    return column_label(by)


def _options(workflow: Workflow) -> dict[str, Any]:
    from custvalue.service import BY, PERIODS, SEVERITIES, severity_label

    return {
        "statuses": list(_status_words(workflow).items()),
        "severities": [(s, severity_label(s)) for s in SEVERITIES],
        "channels": [(c, t(f"complaints.channel_{c}")) for c in CHANNELS],
        "groupings": [(b, column_label(b)) for b in BY],
        "periods": [(p, t(f"keepweb.period_{p}")) for p in PERIODS],
        "cause_columns": [(c, column_label(c)) for c in ("category", "root_cause")],
        "langs": list(_lang_words().items()),
    }


def _complaints_page(
    request: Request,
    db: Database,
    filters: ListFilters,
    *,
    error: str | None = None,
    invalid: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = _local_now(request)
    setup = complaints_app.service_setup(db)
    workflow = setup.workflow
    exporting = request.query_params.get("export") is not None
    views: list[TableView] = []
    problems: dict[str, str] = {}
    table: dict[str, Any] = {"heads": [], "rows": []}
    pager: dict[str, Any] | None = None
    try:
        page = complaints_app.list_complaints(
            db, status=filters.status, open_only=filters.open_only, team=filters.team,
            customer_id=filters.customer, severity=filters.severity, overdue=filters.overdue,
            limit=EXPORT_MAX if exporting else PAGE, offset=0 if exporting else filters.offset,
            now=now,
        )  # fmt: skip
    except CustValueError as refused:
        problems["list"] = refused.message()
        status_code = max(status_code, status_of(refused))
    else:
        raw = page.table.select([c for c in _LIST_COLUMNS if c in page.table.columns])
        listed = table_view(
            _complaint_words(raw, workflow), name="complaints",
            title=t("complaints.title_list", now=format_value(now, "datetime")),
            links=_LINK, total=page.total,
        )  # fmt: skip
        views.append(listed)
        table = _list_table(listed, raw)
        pager = _pager(request, filters.offset, page.table.height, page.total)
    late = complaints_app.overdue_complaints(db, now=now)
    if late.height:
        late = late.select(
            "number", "customer_id", "contact", "category", "severity", "status", "team",
            "assignee", "target", "due", "late_hours", "late_working_hours",
        )  # fmt: skip
    views.append(
        table_view(
            _complaint_words(late, workflow),
            name="overdue",
            title=t("keepweb.overdue_table", now=format_value(now, "datetime")),
            links=_LINK,
            kinds={"late_hours": "count", "late_working_hours": "count"},
            caption=t("complaints.overdue_note", count=late.height) if late.height else None,
        )  # fmt: skip
    )
    report_figure = causes_figure = None
    keys = [filters.by]
    try:
        report = complaints_app.sla_summary(db, by=filters.by, period=filters.period, now=now)
    except CustValueError as refused:
        problems["report"] = refused.message()
        status_code = max(status_code, status_of(refused))
    else:
        worded = _complaint_words(report, workflow)
        views.append(
            table_view(
                worded,
                name="report",
                title=t("keepweb.report_table", by=_by_label(filters.by, filters.period)),
                percent=("failure_rate",),
                kinds={"median_hours_to_resolve": "count", "mean_hours_to_resolve": "count"},
                caption=t("complaints.report_note"),
            )  # fmt: skip
        )
        report_figure = _sla_figure(worded, keys) if worded.height else None
    try:
        causes = complaints_app.root_cause_trend(
            db, period=filters.period, column=filters.cause_by, now=now
        )
    except CustValueError as refused:
        problems["causes"] = refused.message()
        status_code = max(status_code, status_of(refused))
    else:
        if filters.cause_by == "root_cause" and causes.height:
            causes = causes.with_columns(pl.col("root_cause").fill_null(t("keepweb.cause_unknown")))
        views.append(
            table_view(
                causes if exporting else causes.tail(CAUSES_SHOWN),
                total=causes.height,
                name="causes",
                title=t(
                    "keepweb.causes_table",
                    by=column_label(filters.cause_by),
                    period=t(f"keepweb.period_{filters.period}"),
                ),
                percent=("share",),
            )  # fmt: skip
        )
        causes_figure = _causes_figure(causes, filters.cause_by) if causes.height else None
    if (answer := exported(request, views)) is not None:
        return answer
    context = {
        "filters": filters,
        "views": {v.name: v for v in views},
        "table": table,
        "pager": pager,
        "problems": problems,
        "report_figure": report_figure,
        "causes_figure": causes_figure,
        "now": now,
        "error": error,
        "invalid": invalid,
        "form": dict(form or {}),
        "can_change": _can_change(request),
        **_options(workflow),
    }
    return render(request, "complaints.html", context, status_code=status_code)


# -- one complaint -------------------------------------------------------------------------

#: what a redirect may ask a complaint's page to say (``?notice=``)
COMPLAINT_NOTICES = ("recorded", "assigned", "moved", "closed", "reopened")
_DETAIL_KEYS = {
    "severity": "col.severity",
    "response_due": "col.response_due",
    "resolution_due": "col.resolution_due",
    "note": "col.note",
    "root_cause": "col.root_cause",
    "team": "col.team",
    "assignee": "col.assignee",
    "satisfaction": "keepweb.detail_satisfaction",
}


def _detail_value(key: str, value: Any) -> str:
    from custvalue.service import severity_label

    if value is None or value == "":
        return "—"
    if key == "severity":
        try:
            return severity_label(str(value))
        except CustValueError:
            return str(value)
    if key.endswith("_due") and isinstance(value, str):
        try:
            return format_value(datetime.fromisoformat(value), "datetime")
        except ValueError:
            return value
    return str(value)


def _detail_label(key: str) -> str:
    found = _DETAIL_KEYS.get(key)
    return t(found) if found else column_label(key)


def _details_text(raw: Any) -> str:
    """An event's details (JSON) as a line to read."""
    if raw is None or raw == "":
        return "—"
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return str(raw)
    if not isinstance(data, dict):
        return str(data)
    parts: list[str] = []
    before, after = data.get("before"), data.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        for key in after:
            change = f"{_detail_value(key, before.get(key))} → {_detail_value(key, after.get(key))}"
            parts.append(t("keepweb.detail_pair", label=_detail_label(key), value=change))
    for key, value in data.items():
        if key in ("before", "after"):
            continue
        if key == "unreachable":
            parts.append(t("keepweb.detail_unreachable"))
            continue
        parts.append(
            t("keepweb.detail_pair", label=_detail_label(key), value=_detail_value(key, value))
        )
    return " · ".join(parts) or "—"


def _facts(row: Mapping[str, Any], status_label: str) -> list[dict[str, Any]]:
    from custvalue.service import severity_label

    def when(value: Any) -> str:
        return format_value(value, "datetime")

    score = row.get("callback_score")
    callback = "—"
    if score is not None:
        callback = t("keepweb.callback_score", score=format_value(score, "count"))
    elif row.get("callback_note") == "unreachable":
        callback = t("keepweb.detail_unreachable")
    channel = row.get("channel")
    customer = row.get("customer_id")
    recorded = when(row["created_at"])
    if row.get("created_by"):
        recorded = t("keepweb.recorded_by", at=recorded, who=row["created_by"])
    facts: list[tuple[str, str, str | None]] = [
        (t("col.status"), status_label, None),
        (t("col.severity"), severity_label(row["severity"]), None),
        (t("col.category"), row["category"], None),
        (t("col.channel"), t(f"complaints.channel_{channel}") if channel in CHANNELS
         else format_value(channel, "text"), None),
        (t("col.customer_id"), format_value(customer, "text"),
         f"/customers/{customer}" if customer else None),
        (t("col.contact"), format_value(row.get("contact"), "text"), None),
        (t("col.order_id"), format_value(row.get("order_id"), "text"), None),
        (t("col.team"), format_value(row.get("team"), "text"), None),
        (t("col.assignee"), format_value(row.get("assignee"), "text"), None),
        (t("col.root_cause"), format_value(row.get("root_cause"), "text"), None),
        (t("keepweb.fact_recorded"), recorded, None),
        (t("keepweb.fact_closed"), when(row.get("closed_at")), None),
        (t("keepweb.fact_callback"), callback, None),
        (t("keepweb.fact_callback_note"),
         format_value(row.get("callback_note") if row.get("callback_note") != "unreachable"
                      else None, "text"), None),
    ]  # fmt: skip
    return [{"label": a, "value": b, "href": c} for a, b, c in facts]


def _clocks(sla: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    words = _state_words()
    for name in ("response", "resolution"):
        clock = sla[name]
        state = clock.get("state")
        left = clock.get("hours_left")
        out.append(
            {
                "name": name,
                "title": t(f"keepweb.clock_{name}"),
                "due": format_value(clock.get("due"), "datetime"),
                "state": state or "none",
                "state_label": words.get(state or "none", str(state)),
                "reached": format_value(clock.get("reached"), "datetime"),
                "left": t("keepweb.hours_left", hours=format_value(left, "count"))
                if left is not None
                else None,
            }
        )
    return out


def _check_reopenable(db: Database, number: str, workflow: Workflow) -> None:
    """Refuse a reopen of a complaint not in a status it may be reopened from (a move
    forward to the reopen status is a move, not a reopen)."""
    status = str(complaints_app.get_complaint(db, number=number).complaint["status"])
    if workflow.reopen_to is None or status not in workflow.reopen_from:
        raise DataValidationError(
            "keepweb.not_reopenable", number=number.strip().upper(),
            status=workflow.label(status) if status in workflow.codes else status,
            allowed=", ".join(workflow.label(c) for c in workflow.reopen_from) or "—",
        )  # fmt: skip


def _complaint_page(
    request: Request,
    db: Database,
    number: str,
    *,
    notice: str | None = None,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    from custvalue.service import severity_label

    now = _local_now(request)
    detail = complaints_app.get_complaint(db, number=number, now=now)
    workflow = complaints_app.service_setup(db).workflow
    row = detail.complaint
    events = detail.events.with_columns(
        pl.col("details").map_elements(_details_text, return_dtype=pl.String)
    )
    history = table_view(
        _complaint_words(events, workflow), name="history",
        title=t("complaints.title_history"),
        labels={"details": t("keepweb.col_details")},
    )  # fmt: skip
    if (answer := exported(request, [history])) is not None:
        return answer
    status = str(row["status"])
    codes = workflow.codes
    forward: list[tuple[str, str]] = []
    if status in codes:
        at = codes.index(status)
        forward = [(c, workflow.label(c)) for c in codes[at + 1 :] if c != workflow.final]
    message = None
    if notice == "recorded":
        message = t("complaints.recorded", number=detail.number)
    elif notice == "assigned":
        message = t(
            "complaints.assigned", number=detail.number,
            team=format_value(row.get("team"), "text"),
            assignee=format_value(row.get("assignee"), "text"),
        )  # fmt: skip
    elif notice in COMPLAINT_NOTICES:
        message = t("complaints.moved", number=detail.number, status=detail.status_label)
    can_close = status != workflow.final
    can_reopen = workflow.reopen_to is not None and status in workflow.reopen_from
    shown = ["assign", *(["move"] if forward else []), *(["close"] if can_close else []),
             *(["reopen"] if can_reopen else [])]  # fmt: skip
    context = {
        "detail": detail,
        "row": row,
        "facts": _facts(row, detail.status_label),
        "clocks": _clocks(detail.sla),
        "history": history,
        "uncovered": ", ".join(str(y) for y in detail.uncovered_years),
        "forward": forward,
        "can_close": can_close,
        "can_reopen": can_reopen,
        "forms_shown": shown,
        "reopen_label": workflow.label(workflow.reopen_to) if workflow.reopen_to else "",
        "severity_label": severity_label(row["severity"]),
        "notice": message,
        "just_recorded": notice == "recorded",
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
        "now": now,
    }
    return render(request, "complaint.html", context, status_code=status_code)


# -- contacts ------------------------------------------------------------------------------

#: what a redirect may ask the contacts page to say (``?done=``)
CONTACT_NOTICES = ("planned", "added", "logged", "reassigned", "assigned")


def _contact_words(frame: pl.DataFrame) -> pl.DataFrame:
    out = _replace(frame, "kind", {k: t(f"contacts.kind_{k}") for k in contacts_app.CONTACT_KINDS})
    return _replace(out, "state", {s: t(f"contacts.state_{s}") for s in CONTACT_STATES})


def _contacts_notice(request: Request) -> str | None:
    query = request.query_params
    done = query.get("done")
    if done not in CONTACT_NOTICES:
        return None
    params: dict[str, str] = {
        k: query.get(k) or "—"
        for k in ("count", "contact", "customer", "due", "customers", "planned", "source",
                  "target", "owner")
    }  # fmt: skip
    return t(f"contacts.{done}", **params)


@dataclass(frozen=True)
class ContactFilters:
    """What ``/contacts`` is asked to show."""

    owner: str | None = None
    customer: str | None = None
    state: str | None = None
    overdue: bool = False
    offset: int = 0


def _contacts_page(
    request: Request,
    db: Database,
    filters: ContactFilters,
    *,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = _local_now(request)
    today = now.date()
    exporting = request.query_params.get("export") is not None
    load = contacts_app.overdue_by_owner(db, as_of=today)
    views = [
        table_view(
            load.table,
            name="owners",
            title=t("keepweb.owners_table", as_of=today.isoformat()),
            links={"owner": "/contacts?owner={owner}"},
            caption=t("contacts.overdue_note"),
        )  # fmt: skip
    ]
    problem = None
    rows: list[dict[str, Any]] = []
    pager = None
    try:
        page = contacts_app.list_contacts(
            db, owner=filters.owner, customer_id=filters.customer, state=filters.state,
            overdue=filters.overdue, as_of=today, limit=EXPORT_MAX if exporting else PAGE,
            offset=0 if exporting else filters.offset,
        )  # fmt: skip
    except CustValueError as refused:
        problem = refused.message()
        status_code = max(status_code, status_of(refused))
    else:
        raw = page.table.drop("created_at", "created_by", strict=False)
        listed = table_view(
            _contact_words(raw), name="contacts",
            title=t("keepweb.contacts_table", as_of=today.isoformat()),
            kinds={"contact_id": "id"}, total=page.total,
        )  # fmt: skip
        views.append(listed)
        flags = raw["overdue"].to_list() if "overdue" in raw.columns else [False] * raw.height
        rows = [
            {"cells": c, "links": links, "overdue": bool(f)}
            for c, links, f in zip(listed.rows, listed.links, flags, strict=True)
        ]
        pager = _pager(request, filters.offset, page.table.height, page.total)
    if (answer := exported(request, views)) is not None:
        return answer
    context = {
        "filters": filters,
        "views": {v.name: v for v in views},
        "rows": rows,
        "pager": pager,
        "problem": problem,
        "owners": load.table["owner"].to_list() if load.table.height else [],
        "kinds": [(k, t(f"contacts.kind_{k}")) for k in contacts_app.CONTACT_KINDS],
        "states": [(s, t(f"contacts.state_{s}")) for s in CONTACT_STATES],
        "frequencies": contacts_app.contact_frequencies(db),
        "notice": _contacts_notice(request),
        "today": today.isoformat(),
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
    }
    return render(request, "contacts.html", context, status_code=status_code)


# -- notices -------------------------------------------------------------------------------


#: the log's columns on the page (the export holds every column)
_LOG_SHOWN = (
    "notice_id", "created_at", "ref", "customer_id", "to_address", "subject", "state", "reply",
    "user_name",
)  # fmt: skip


def _notice_words(frame: pl.DataFrame) -> pl.DataFrame:
    out = _replace(frame, "state", {s: t(f"notices.state_{s}") for s in NOTICE_STATES})
    out = _replace(out, "template", {"shipment": t("keepweb.template_shipment")})
    return _replace(out, "lang", _lang_words())


def _mail(db: Database) -> dict[str, Any]:
    """The mail server as stored, and whether it can be used as it stands."""
    stored = notices_app.mail_settings_dict(db)
    problem = None
    try:
        server = notices_app.mail_settings(db)
    except CustValueError as refused:  # e.g. a login name without the password variable
        server, problem = None, refused.message()
    variable = notices_app.PASSWORD_VARIABLE
    return {
        "stored": stored,
        "server": server,
        "problem": problem,
        "variable": variable,
        "password_set": bool(os.environ.get(variable)),
    }


def _notices_page(
    request: Request,
    db: Database,
    *,
    shipment: str | None = None,
    notice_lang: str | None = None,
    offset: int = 0,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    exporting = request.query_params.get("export") is not None
    lang = notice_lang or caller(request).lang
    log = notices_app.notice_log(
        db, limit=EXPORT_MAX if exporting else PAGE, offset=0 if exporting else offset
    )
    shown = log.table if exporting or log.table.height == 0 else log.table.select(_LOG_SHOWN)
    listed = table_view(
        _notice_words(shown), name="notices", title=t("keepweb.log_table"),
        kinds={"notice_id": "id"},
    )  # fmt: skip
    views = [listed]
    query = request.query_params
    batch: dict[str, Any] | None = None
    if query.get("done") == "sent":
        counts: dict[str, int] = {}
        for state in NOTICE_STATES:
            given = (query.get(state) or "").strip()
            counts[state] = int(given) if given.isdigit() else 0
        first = _number(query.get("first"))
        count = sum(counts.values())
        batch_frame = log.table.head(0)
        if isinstance(first, int) and count:
            batch_frame = notices_app.notice_log(db, limit=min(500, count)).table
            batch_frame = batch_frame.filter(pl.col("notice_id") >= first)
        batch_shown = batch_frame.select(
            "notice_id", "ref", "customer_id", "to_address", "subject", "state", "reply",
            "message_id",
        )  # fmt: skip
        batch_view = table_view(
            _notice_words(batch_shown), name="batch", title=t("keepweb.batch_title"),
            kinds={"notice_id": "id"},
        )  # fmt: skip
        views.append(batch_view)
        batch = {
            "summary": t("keepweb.send_summary", **{k: str(v) for k, v in counts.items()}),
            "view": batch_view,
            "rendered_only": counts["rendered"] > 0,
        }
    if (answer := exported(request, views)) is not None:
        return answer
    rendered = render_error = None
    if shipment:
        try:
            rendered = notices_app.render_shipment(db, shipment_id=shipment, lang=lang)
        except CustValueError as refused:
            render_error = refused.message()
            status_code = max(status_code, status_of(refused))
    message = None
    if query.get("done") == "mail":
        message = t("keepweb.mail_saved")
    elif query.get("done") == "nothing":
        message = t("notices.nothing_to_send")
    context = {
        "log": listed,
        "pager": _pager(request, offset, log.table.height, log.total),
        "batch": batch,
        "shipment": shipment or "",
        "notice_lang": lang,
        "rendered": rendered,
        "render_error": render_error,
        "mail": _mail(db),
        "langs": list(_lang_words().items()),
        "notice": message,
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
        "is_admin": (u := caller(request).user) is not None and u.role == "admin",
    }
    return render(request, "notices.html", context, status_code=status_code)


# -- the routes ----------------------------------------------------------------------------


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""
    _complaint_routes(app)
    _contact_routes(app)
    _notice_routes(app)


def _complaint_routes(app: FastAPI) -> None:
    @app.get("/complaints", include_in_schema=False)
    def complaints_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        open: _QUERY = None,
        status: _QUERY = None,
        team: _QUERY = None,
        severity: _QUERY = None,
        customer: _QUERY = None,
        overdue: _QUERY = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        by: Annotated[str, Query(max_length=40)] = "team",
        period: Annotated[str, Query(max_length=20)] = "month",
        cause_by: Annotated[str, Query(max_length=20)] = "category",
    ) -> Response:
        filters = ListFilters(
            open_only=_checked(open), status=_blank(status), team=_blank(team),
            severity=_blank(severity), customer=_blank(customer), overdue=_checked(overdue),
            offset=offset, by=by.strip() or "team", period=period.strip() or "month",
            cause_by=cause_by.strip() or "category",
        )  # fmt: skip
        return _complaints_page(request, db, filters)

    @app.post("/complaints", include_in_schema=False)
    def record(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        customer: _FIELD = "",
        contact: _FIELD = "",
        channel: _FIELD = "phone",
        category: _FIELD = "",
        severity: _FIELD = "ordinary",
        text: _TEXT = "",
        order: _FIELD = "",
        team: _FIELD = "",
        to: _FIELD = "",
        notice_lang: _FIELD = "",
    ) -> Response:
        typed = {
            "customer": customer, "contact": contact, "channel": channel, "category": category,
            "severity": severity, "text": text, "order": order, "team": team, "to": to,
            "notice_lang": notice_lang,
        }  # fmt: skip
        try:
            detail = complaints_app.record_complaint(
                db, category=category, description=text, severity=severity or "ordinary",
                channel=channel or "phone", customer_id=_blank(customer),
                contact=_blank(contact), order_id=_blank(order), team=_blank(team),
                assignee=_blank(to), lang=_blank(notice_lang) or caller(request).lang,
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return _complaints_page(
                request, db, ListFilters(), error=refused.message(), invalid=_invalid(refused),
                form=typed, status_code=status_of(refused),
            )  # fmt: skip
        return _redirect(f"/complaints/{detail.number}", notice="recorded")

    @app.get("/complaints/{number}", include_in_schema=False)
    def complaint_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        number: Annotated[str, Path(max_length=40)],
        notice: _QUERY = None,
    ) -> Response:
        return _complaint_page(request, db, number, notice=notice)

    def refused_form(
        request: Request,
        db: Database,
        number: str,
        name: str,
        refused: CustValueError,
        typed: Mapping[str, str],
    ) -> Response:
        return _complaint_page(
            request, db, number, error=refused.message(), invalid=_invalid(refused),
            failed_form=name, form=typed, status_code=status_of(refused),
        )  # fmt: skip

    @app.post("/complaints/{number}/assign", include_in_schema=False)
    def assign(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        number: Annotated[str, Path(max_length=40)],
        team: _FIELD = "",
        to: _FIELD = "",
    ) -> Response:
        try:
            detail = complaints_app.assign_complaint(
                db, number=number, team=_blank(team), assignee=_blank(to),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, number, "assign", refused, {"team": team, "to": to})
        return _redirect(f"/complaints/{detail.number}", notice="assigned")

    @app.post("/complaints/{number}/move", include_in_schema=False)
    def move(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        number: Annotated[str, Path(max_length=40)],
        status: _FIELD = "",
        note: _TEXT = "",
        root_cause: _FIELD = "",
    ) -> Response:
        typed = {"status": status, "note": note, "root_cause": root_cause}
        try:
            detail = complaints_app.move_complaint(
                db, number=number, status=status, note=_blank(note),
                root_cause=_blank(root_cause), by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, number, "move", refused, typed)
        return _redirect(f"/complaints/{detail.number}", notice="moved")

    @app.post("/complaints/{number}/close", include_in_schema=False)
    def close(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        number: Annotated[str, Path(max_length=40)],
        score: _FIELD = "",
        unreachable: _FIELD = "",
        note: _TEXT = "",
    ) -> Response:
        typed = {"score": score, "unreachable": unreachable, "note": note}
        try:
            final = complaints_app.service_setup(db).workflow.final
            detail = complaints_app.move_complaint(
                db, number=number, status=final, note=_blank(note), satisfaction=_number(score),
                unreachable=_checked(unreachable), by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, number, "close", refused, typed)
        return _redirect(f"/complaints/{detail.number}", notice="closed")

    @app.post("/complaints/{number}/reopen", include_in_schema=False)
    def reopen(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        number: Annotated[str, Path(max_length=40)],
        reason: _TEXT = "",
    ) -> Response:
        try:
            workflow = complaints_app.service_setup(db).workflow
            _check_reopenable(db, number, workflow)
            detail = complaints_app.move_complaint(
                db, number=number, status=workflow.reopen_to or "", note=_blank(reason),
                by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, number, "reopen", refused, {"reason": reason})
        return _redirect(f"/complaints/{detail.number}", notice="reopened")


def _contact_routes(app: FastAPI) -> None:
    @app.get("/contacts", include_in_schema=False)
    def contacts_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        owner: _QUERY = None,
        customer: _QUERY = None,
        state: _QUERY = None,
        overdue: _QUERY = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        filters = ContactFilters(
            owner=_blank(owner), customer=_blank(customer), state=_blank(state),
            overdue=_checked(overdue), offset=offset,
        )  # fmt: skip
        return _contacts_page(request, db, filters)

    def refused_form(
        request: Request, db: Database, name: str, refused: CustValueError, typed: Mapping[str, str]
    ) -> Response:
        return _contacts_page(
            request, db, ContactFilters(), error=refused.message(), invalid=_invalid(refused),
            failed_form=name, form=typed, status_code=status_of(refused),
        )  # fmt: skip

    @app.post("/contacts/plan", include_in_schema=False)
    def plan(
        request: Request, db: Annotated[Database, Depends(get_db)], as_of: _FIELD = ""
    ) -> Response:
        try:
            now = _local_now(request)
            count = contacts_app.plan_contacts(
                db, as_of=_day("as_of", as_of), by=caller(request).user, now=now
            )
        except CustValueError as refused:
            return refused_form(request, db, "plan", refused, {"as_of": as_of})
        return _redirect("/contacts", done="planned", count=count)

    @app.post("/contacts/add", include_in_schema=False)
    def add(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        customer: _FIELD = "",
        kind: _FIELD = "visit",
        due: _FIELD = "",
        owner: _FIELD = "",
        note: _TEXT = "",
    ) -> Response:
        typed = {"customer": customer, "kind": kind, "due": due, "owner": owner, "note": note}
        try:
            due_on = _day("due", due)
            if due_on is None:
                raise DataValidationError(
                    "error.option", option="due", value="", reason=t("keepweb.reason_date"),
                    hint=t("keepweb.hint_date"),
                )  # fmt: skip
            contact_id = contacts_app.add_contact(
                db, customer_id=customer, kind=kind, due_on=due_on, owner=_blank(owner),
                note=_blank(note), by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "add", refused, typed)
        return _redirect(
            "/contacts", done="added", contact=contact_id, customer=customer.strip(),
            due=due_on.isoformat(),
        )  # fmt: skip

    @app.post("/contacts/log", include_in_schema=False)
    def log(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        contact: _FIELD = "",
        customer: _FIELD = "",
        kind: _FIELD = "call",
        outcome: _TEXT = "",
        note: _TEXT = "",
        plan_next: _FIELD = "",
    ) -> Response:
        typed = {"contact": contact, "customer": customer, "kind": kind, "outcome": outcome,
                 "note": note, "plan_next": plan_next}  # fmt: skip
        try:
            done = contacts_app.log_contact(
                db, contact_id=_whole("contact", contact), customer_id=_blank(customer),
                kind=kind or "call", outcome=outcome, note=_blank(note),
                plan_next=_checked(plan_next), by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "log", refused, typed)
        return _redirect("/contacts", done="logged", contact=done)

    @app.post("/contacts/assign", include_in_schema=False)
    def assign(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        customers: _TEXT = "",
        owner: _FIELD = "",
        reason: _FIELD = "",
    ) -> Response:
        typed = {"customers": customers, "owner": owner, "reason": reason}
        try:
            count = contacts_app.assign_owner(
                db, customer_ids=_ids(customers), owner=owner, reason=_blank(reason),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "assign", refused, typed)
        return _redirect("/contacts", done="assigned", count=count, owner=owner.strip())

    @app.post("/contacts/reassign", include_in_schema=False)
    def reassign(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        source: _FIELD = "",
        target: _FIELD = "",
        reason: _FIELD = "",
    ) -> Response:
        typed = {"source": source, "target": target, "reason": reason}
        try:
            moved = contacts_app.reassign(
                db, from_owner=source, to_owner=target, reason=_blank(reason),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "reassign", refused, typed)
        return _redirect(
            "/contacts", done="reassigned", customers=moved.customers, planned=moved.planned,
            source=moved.from_owner, target=moved.to_owner,
        )  # fmt: skip


def _notice_routes(app: FastAPI) -> None:
    @app.get("/notices", include_in_schema=False)
    def notices_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        shipment: _QUERY = None,
        notice_lang: Annotated[str | None, Query(pattern="^(zh|en)?$")] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        return _notices_page(
            request, db, shipment=_blank(shipment), notice_lang=_blank(notice_lang),
            offset=offset,
        )  # fmt: skip

    @app.post("/notices/send", include_in_schema=False)
    def send(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        shipments: _TEXT = "",
        notice_lang: _FIELD = "",
        to: _FIELD = "",
    ) -> Response:
        typed = {"shipments": shipments, "notice_lang": notice_lang, "to": to}
        try:
            sent = notices_app.send_shipment_notices(
                db, shipment_ids=_ids(shipments) or None,
                lang=_blank(notice_lang) or caller(request).lang, to=_blank(to),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return _notices_page(
                request, db, error=refused.message(), invalid=_invalid(refused),
                failed_form="send", form=typed, status_code=status_of(refused),
            )  # fmt: skip
        if not sent:
            return _redirect("/notices", done="nothing")
        counts = {s: sum(1 for n in sent if n.state == s) for s in NOTICE_STATES}
        return _redirect("/notices", done="sent", first=min(n.notice_id for n in sent), **counts)

    @app.post("/notices/mail", include_in_schema=False)
    def mail(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        host: _FIELD = "",
        port: _FIELD = "587",
        username: _FIELD = "",
        sender: _FIELD = "",
        starttls: _FIELD = "",
        ssl: _FIELD = "",
    ) -> Response:
        typed = {"host": host, "port": port, "username": username, "sender": sender,
                 "starttls": starttls, "ssl": ssl}  # fmt: skip
        try:
            notices_app.set_mail_settings(
                db, host=host.strip(), sender=sender.strip(),
                port=_number(port) if port.strip() else 587, username=_blank(username),
                starttls=_checked(starttls), ssl=_checked(ssl), by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return _notices_page(
                request, db, error=refused.message(), invalid=_invalid(refused),
                failed_form="mail", form=typed, status_code=status_of(refused),
            )  # fmt: skip
        return _redirect("/notices", done="mail")

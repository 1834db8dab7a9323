"""``custvalue complaints record|show|list|assign|move|close|reopen|overdue|report|causes|
settings``: complaints on a clock (docs/keeping.md §2). The work is
:mod:`custvalue.app.complaints`; each command parses, calls one function and prints
what the store now holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from custvalue.cli.common import open_db
from custvalue.cli.contacts import actor
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import get_lang, t

__all__ = ["register"]

_NUMBER = Annotated[str, typer.Argument(help=t("complaints.arg_number"), show_default=False)]
_AT = Annotated[str | None, typer.Option("--at", help=t("complaints.opt_at"))]
_AS_OF = Annotated[str | None, typer.Option("--as-of", help=t("complaints.opt_as_of"))]
_NOTE = Annotated[str | None, typer.Option("--note", help=t("complaints.opt_note"))]


def _moment(option: str, value: str | None) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (or a day: its start) as a local time."""
    from custvalue.exceptions import DataValidationError

    if value is None:
        return None
    text = value.strip().replace("T", " ")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise DataValidationError(
            "error.option", option=option, value=value, reason=t("complaints.reason_time"),
            hint="2026-12-04 17:30",
        ) from None  # fmt: skip


def _words(frame: Any) -> Any:
    """Codes as words: status, severity, channel, SLA states."""
    import polars as pl

    from custvalue.app.complaints import service_setup
    from custvalue.service import SEVERITIES, SLA_STATES, severity_label, state_label

    out = frame
    maps: dict[str, dict[str, str]] = {
        "severity": {s: severity_label(s) for s in SEVERITIES},
        "channel": {c: t(f"complaints.channel_{c}") for c in _CHANNELS},
        **{
            c: {s: state_label(s) for s in SLA_STATES}
            for c in ("response_state", "resolution_state", "sla_status")
        },  # fmt: skip
    }
    for column, words in maps.items():
        if column in out.columns:
            out = out.with_columns(pl.col(column).replace(words))
    if "status" in out.columns:
        with open_db() as db:
            workflow = service_setup(db).workflow
        out = out.with_columns(
            pl.col("status").replace({c: workflow.label(c) for c in workflow.codes})
        )
    if "target" in out.columns:
        out = out.with_columns(
            pl.col("target").replace(
                {k: t(f"complaints.target_{k}") for k in ("response", "resolution")}
            )
        )
    return out


_CHANNELS = ("phone", "email", "wechat", "visit", "web", "letter", "other")


def _print_detail(detail: Any, fmt: Format) -> None:
    from custvalue.service import severity_label, state_label

    if fmt is Format.json:
        emit_json(detail.to_dict())
        return
    row = detail.complaint

    def when(value: datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value else "—"

    console.print(
        t("complaints.head", number=row["number"], status=detail.status_label,
          severity=severity_label(row["severity"]), category=row["category"]),
        markup=False, highlight=False,
    )  # fmt: skip
    who = row["customer_id"] or "—"
    console.print(
        t("complaints.who", customer=who, contact=row["contact"] or "—",
          channel=t(f"complaints.channel_{row['channel']}"), order=row["order_id"] or "—",
          team=row["team"] or "—", assignee=row["assignee"] or "—"),
        markup=False, highlight=False,
    )  # fmt: skip
    for name in ("response", "resolution"):
        clock = detail.sla[name]
        state = state_label(clock["state"]) if clock["state"] else "—"
        left = (
            t("complaints.hours_left", hours=f"{clock['hours_left']:g}")
            if clock["hours_left"] is not None
            else ""
        )
        console.print(
            t(f"complaints.clock_{name}", due=when(clock["due"]), state=state,
              reached=when(clock["reached"]), left=left),
            markup=False, highlight=False,
        )  # fmt: skip
    if detail.uncovered_years:
        years = ", ".join(str(y) for y in detail.uncovered_years)
        console.print(t("complaints.uncovered", years=years), markup=False)
    if row["callback_score"] is not None or row["callback_note"]:
        score = f"{row['callback_score']:g}" if row["callback_score"] is not None else "—"
        console.print(t("complaints.callback", score=score, note=row["callback_note"] or ""))
    console.print(t("complaints.text", text=row["description"]), markup=False, highlight=False)
    if detail.events.height:
        events = detail.events.drop("details")
        emit_frame(_words_events(events), Format.table, title=t("complaints.title_history"))


def _words_events(frame: Any) -> Any:
    import polars as pl

    from custvalue.app.complaints import service_setup

    with open_db() as db:
        workflow = service_setup(db).workflow
    labels = {c: workflow.label(c) for c in workflow.codes}
    actions = {a: t(f"complaints.action_{a}") for a in
               ("record", "assign", "forward", "close", "reopen")}  # fmt: skip
    return frame.with_columns(
        pl.col("from_status").replace(labels),
        pl.col("to_status").replace(labels),
        pl.col("action").replace(actions),
    )


@output_options
def _record(
    category: Annotated[
        str, typer.Option("--category", help=t("complaints.opt_category"), show_default=False)
    ],
    text: Annotated[str, typer.Option("--text", help=t("complaints.opt_text"), show_default=False)],
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("complaints.opt_customer"))
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help=t("complaints.opt_contact"))
    ] = None,
    order: Annotated[str | None, typer.Option("--order", help=t("complaints.opt_order"))] = None,
    channel: Annotated[str, typer.Option("--channel", help=t("complaints.opt_channel"))] = "phone",
    severity: Annotated[
        str, typer.Option("--severity", help=t("complaints.opt_severity"))
    ] = "ordinary",
    team: Annotated[str | None, typer.Option("--team", help=t("complaints.opt_team"))] = None,
    assignee: Annotated[str | None, typer.Option("--to", help=t("complaints.opt_to"))] = None,
    notice_lang: Annotated[
        str | None, typer.Option("--notice-lang", help=t("complaints.opt_lang"))
    ] = None,
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.complaints import record_complaint

    with open_db() as db:
        detail = record_complaint(
            db, category=category, description=text, severity=severity, channel=channel,
            customer_id=customer, contact=contact, order_id=order, team=team,
            assignee=assignee, lang=notice_lang or get_lang(), actor=actor(),
            now=_moment("--at", at),
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(detail.to_dict())
        return
    console.print(t("complaints.recorded", number=detail.number))
    console.print(detail.confirmation, markup=False, highlight=False)


@output_options
def _show(number: _NUMBER, as_of: _AS_OF = None, fmt: Format = Format.table) -> None:
    from custvalue.app.complaints import get_complaint

    with open_db() as db:
        detail = get_complaint(db, number=number, now=_moment("--as-of", as_of))
    _print_detail(detail, fmt)


@output_options
def _list(
    open_only: Annotated[bool, typer.Option("--open", help=t("complaints.opt_open"))] = False,
    status: Annotated[str | None, typer.Option("--status", help=t("complaints.opt_status"))] = None,
    team: Annotated[str | None, typer.Option("--team", help=t("complaints.opt_team"))] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("complaints.opt_customer"))
    ] = None,
    severity: Annotated[
        str | None, typer.Option("--severity", help=t("complaints.opt_severity"))
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=t("complaints.opt_overdue"))] = False,
    limit: Annotated[int, typer.Option("--limit", help=t("contacts.opt_limit"))] = 100,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.complaints import list_complaints

    with open_db() as db:
        page = list_complaints(
            db, status=status, open_only=open_only, team=team, customer_id=customer,
            severity=severity, overdue=overdue, limit=limit, now=_moment("--as-of", as_of),
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(page.to_dict())
        return
    if page.total == 0 and fmt is Format.table:
        console.print(t("complaints.none_match"))
        return
    shown = page.table.select(
        "number", "created_at", "customer_id", "category", "severity", "status", "team",
        "assignee", "response_due", "response_state", "resolution_due", "resolution_state",
        "overdue", "channel", "contact",
    )  # fmt: skip
    emit_frame(
        _words(shown),
        fmt,
        title=t("complaints.title_list", now=f"{page.now:%Y-%m-%d %H:%M}"),
        keep=("number", "status", "resolution_state"),
        priority=("contact", "channel", "assignee", "team", "created_at", "response_due"),
        caption=t("contacts.list_note", shown=page.table.height, total=page.total),
    )


def _assign(
    number: _NUMBER,
    team: Annotated[str | None, typer.Option("--team", help=t("complaints.opt_team"))] = None,
    assignee: Annotated[str | None, typer.Option("--to", help=t("complaints.opt_to"))] = None,
    at: _AT = None,
) -> None:
    from custvalue.app.complaints import assign_complaint

    with open_db() as db:
        detail = assign_complaint(
            db, number=number, team=team, assignee=assignee, actor=actor(), now=_moment("--at", at)
        )
    row = detail.complaint
    console.print(
        t("complaints.assigned", number=detail.number, team=row["team"] or "—",
          assignee=row["assignee"] or "—"), markup=False,
    )  # fmt: skip


def _moved(detail: Any) -> None:
    console.print(t("complaints.moved", number=detail.number, status=detail.status_label))
    for name in ("response", "resolution"):
        clock = detail.sla[name]
        if clock["state"]:
            from custvalue.service import state_label

            console.print(
                t(f"complaints.target_now_{name}", state=state_label(clock["state"])),
                markup=False,
            )


def _move(
    number: _NUMBER,
    status: Annotated[str, typer.Argument(help=t("complaints.arg_status"), show_default=False)],
    note: _NOTE = None,
    root_cause: Annotated[
        str | None, typer.Option("--root-cause", help=t("complaints.opt_root_cause"))
    ] = None,
    at: _AT = None,
) -> None:
    from custvalue.app.complaints import move_complaint

    with open_db() as db:
        detail = move_complaint(
            db, number=number, status=status, note=note, root_cause=root_cause, actor=actor(),
            now=_moment("--at", at),
        )  # fmt: skip
    _moved(detail)


def _close(
    number: _NUMBER,
    score: Annotated[int | None, typer.Option("--score", help=t("complaints.opt_score"))] = None,
    unreachable: Annotated[
        bool, typer.Option("--unreachable", help=t("complaints.opt_unreachable"))
    ] = False,
    note: _NOTE = None,
    at: _AT = None,
) -> None:
    from custvalue.app.complaints import move_complaint, service_setup

    with open_db() as db:
        final = service_setup(db).workflow.final
        detail = move_complaint(
            db, number=number, status=final, note=note, satisfaction=score,
            unreachable=unreachable, actor=actor(), now=_moment("--at", at),
        )  # fmt: skip
    _moved(detail)


def _reopen(
    number: _NUMBER,
    reason: Annotated[
        str, typer.Option("--reason", help=t("complaints.opt_reason"), show_default=False)
    ],
    at: _AT = None,
) -> None:
    from custvalue.app.complaints import move_complaint, service_setup

    with open_db() as db:
        target = service_setup(db).workflow.reopen_to or ""
        detail = move_complaint(
            db, number=number, status=target, note=reason, actor=actor(), now=_moment("--at", at)
        )
    _moved(detail)


@output_options
def _overdue(as_of: _AS_OF = None, fmt: Format = Format.table) -> None:
    from custvalue.app.complaints import overdue_complaints

    now = _moment("--as-of", as_of)
    with open_db() as db:
        late = overdue_complaints(db, now=now)
    if fmt is Format.json:
        emit_json(late.to_dicts() if late.height else [])
        return
    if late.height == 0 and fmt is Format.table:
        console.print(t("complaints.none_overdue"))
        return
    shown = late.select(
        "number", "customer_id", "category", "severity", "status", "team", "assignee", "target",
        "due", "late_hours", "late_working_hours",
    )  # fmt: skip
    emit_frame(
        _words(shown),
        fmt,
        title=t("complaints.title_overdue"),
        kinds={"late_hours": "count", "late_working_hours": "count"},
        keep=("number", "due", "late_hours"),
        caption=t("complaints.overdue_note", count=late.height),
    )


@output_options
def _report(
    by: Annotated[str, typer.Option("--by", help=t("complaints.opt_by"))] = "team",
    period: Annotated[str, typer.Option("--period", help=t("complaints.opt_period"))] = "month",
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.complaints import sla_summary

    with open_db() as db:
        table = sla_summary(db, by=by, period=period, now=_moment("--as-of", as_of))
    if fmt is Format.json:
        emit_json(table.to_dicts() if table.height else [])
        return
    if table.height == 0 and fmt is Format.table:
        console.print(t("complaints.none_match"))
        return
    emit_frame(
        _words(table),
        fmt,
        title=t("complaints.title_report"),
        percent=("failure_rate",),
        kinds={"median_hours_to_resolve": "count", "mean_hours_to_resolve": "count"},
        caption=t("complaints.report_note"),
    )


@output_options
def _causes(
    period: Annotated[str, typer.Option("--period", help=t("complaints.opt_period"))] = "month",
    column: Annotated[str, typer.Option("--by", help=t("complaints.opt_cause_by"))] = "category",
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.complaints import root_cause_trend

    with open_db() as db:
        table = root_cause_trend(db, period=period, column=column)
    if fmt is Format.json:
        emit_json(table.to_dicts() if table.height else [])
        return
    if table.height == 0 and fmt is Format.table:
        console.print(t("complaints.none_match"))
        return
    emit_frame(table, fmt, title=t("complaints.title_causes"), percent=("share",))


def _settings(
    load: Annotated[Path | None, typer.Option("--load", help=t("complaints.opt_load"))] = None,
    write: Annotated[Path | None, typer.Option("--write", help=t("complaints.opt_write"))] = None,
) -> None:
    from custvalue.app.complaints import (
        load_service_settings,
        service_settings_text,
        service_setup,
    )
    from custvalue.exceptions import DataValidationError
    from custvalue.output import write_atomic

    with open_db() as db:
        if load is not None:
            try:
                text = load.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DataValidationError(
                    "service.file_unreadable", file=str(load), detail=str(exc)
                ) from None
            setup = load_service_settings(db, text=text, source=str(load), actor=actor())
            console.print(t("complaints.settings_loaded", file=str(load)))
        else:
            setup = service_setup(db)
        if write is not None:
            write_atomic(write, service_settings_text(db).encode("utf-8"))
            console.print(t("complaints.settings_written", file=str(write)))
    years = sorted(setup.calendar.years or ())
    span = f"{years[0]}–{years[-1]}" if years else "—"
    console.print(
        t("complaints.settings_now", source=t(f"complaints.source_{setup.source}"), years=span),
        markup=False,
    )
    for policy in setup.policies.policies:
        from custvalue.service import severity_label

        console.print(
            t("complaints.policy", severity=severity_label(policy.severity),
              response=policy.response.text(), resolution=policy.resolution.text()),
            markup=False,
        )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``custvalue complaints ...``."""
    group = typer.Typer(help=t("complaints.help"), no_args_is_help=True)
    group.command("record", help=t("complaints.record_help"))(_record)
    group.command("show", help=t("complaints.show_help"))(_show)
    group.command("list", help=t("complaints.list_help"))(_list)
    group.command("assign", help=t("complaints.assign_help"))(_assign)
    group.command("move", help=t("complaints.move_help"))(_move)
    group.command("close", help=t("complaints.close_help"))(_close)
    group.command("reopen", help=t("complaints.reopen_help"))(_reopen)
    group.command("overdue", help=t("complaints.overdue_help"))(_overdue)
    group.command("report", help=t("complaints.report_help"))(_report)
    group.command("causes", help=t("complaints.causes_help"))(_causes)
    group.command("settings", help=t("complaints.settings_help"))(_settings)
    app.add_typer(group, name="complaints")

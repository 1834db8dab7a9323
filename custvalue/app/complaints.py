"""Complaints on a clock, from the store (docs/keeping.md §2): record, confirm, assign,
move through the workflow to closure with a call-back, the SLA clock of each complaint
on the working calendar, the overdue list and the reports.

* The rules (:mod:`custvalue.service`): the working calendar, the SLA targets per
  severity and the workflow come from one TOML text stored in ``settings`` under
  ``service.settings`` (``custvalue complaints settings --load FILE``; ``--write FILE``
  writes the one in force to edit). Without it: the official Chinese calendar
  (``chinese-calendar``), the default targets and the default workflow.
* A recorded complaint's deadlines are fixed when it is recorded (a later calendar does
  not move them); an imported one without its export's deadlines gets them from the
  calendar in force when read.
* Numbers: ``TS`` + the local day + the day's sequence (:func:`~custvalue.service.
  workflow.complaint_number`), given inside the recording transaction (on PostgreSQL
  under an advisory lock, so two recordings never take one number).
* Every change — record, assign, move, close, reopen — is one transaction that updates
  the complaint, appends to ``complaint_events`` and writes an audit line (who, when,
  before → after). Times are the company's local time.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.users import User
    from custvalue.data.db import Database
    from custvalue.service import SlaPolicies, Workflow, WorkingCalendar

__all__ = [
    "SETTING",
    "ComplaintDetail",
    "ComplaintList",
    "ServiceSetup",
    "assign_complaint",
    "customer_complaints",
    "get_complaint",
    "list_complaints",
    "load_service_settings",
    "move_complaint",
    "overdue_complaints",
    "record_complaint",
    "root_cause_trend",
    "service_settings_text",
    "service_setup",
    "sla_summary",
]

SETTING = "service.settings"
_COLUMNS = (
    "complaint_id, number, customer_id, contact, order_id, channel, category, severity, "
    "description, status, team, assignee, root_cause, created_at, created_by, "
    "response_due, resolution_due, responded_at, resolved_at, closed_at, callback_score, "
    "callback_note, lang"
)
_MAX_TEXT = 4000


@dataclass(frozen=True)
class ServiceSetup:
    """The calendar, SLA targets and workflow in force, and where they come from
    (``default`` or ``settings``)."""

    calendar: WorkingCalendar
    policies: SlaPolicies
    workflow: Workflow
    source: str

    def data(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "calendar": self.calendar.to_dict(),
            "sla": self.policies.to_dict(),
            "statuses": list(self.workflow.codes),
        }


@dataclass(frozen=True)
class ComplaintDetail(Result):
    """One complaint: its row, SLA clocks as of ``now``, history and confirmation."""

    complaint: dict[str, Any]
    sla: dict[str, Any]
    events: pl.DataFrame
    confirmation: str
    status_label: str
    uncovered_years: tuple[int, ...]
    now: datetime

    @property
    def number(self) -> str:
        return str(self.complaint["number"])

    def data(self) -> dict[str, Any]:
        return {
            "complaint": self.complaint,
            "status_label": self.status_label,
            "sla": self.sla,
            "events": rows(self.events),
            "confirmation": self.confirmation,
            "uncovered_years": list(self.uncovered_years),
            "now": self.now,
        }


@dataclass(frozen=True)
class ComplaintList(Result):
    """A page of complaints with their SLA state as of ``now``."""

    table: pl.DataFrame
    total: int
    now: datetime

    def data(self) -> dict[str, Any]:
        return {"total": self.total, "now": self.now, "complaints": rows(self.table)}


@cache
def _chinese() -> WorkingCalendar:
    from custvalue.service import WorkingCalendar

    return WorkingCalendar.chinese()


def _parse_settings(text: str, source: str) -> ServiceSetup:
    from custvalue.exceptions import DataValidationError
    from custvalue.service import SlaPolicies, Workflow, WorkingCalendar

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataValidationError("service.file_unreadable", file=source, detail=str(exc)) from None
    sla = data.pop("sla", {})
    workflow = data.pop("workflow", {})
    calendar = WorkingCalendar.from_mapping(data, source=source) if data else _chinese()
    return ServiceSetup(
        calendar,
        SlaPolicies.from_mapping(sla, source=source),
        Workflow.from_mapping(workflow, source=source),
        "settings",
    )


def service_setup(db: Database) -> ServiceSetup:
    """The calendar, targets and workflow in force (see the module docstring)."""
    from custvalue.service import SlaPolicies, Workflow

    text = db.scalar("SELECT value FROM settings WHERE key = ?", [SETTING])
    if text:
        return _parse_settings(str(text), "settings:service.settings")
    return ServiceSetup(_chinese(), SlaPolicies.default(), Workflow(), "default")


def service_settings_text(db: Database, *, lang: str | None = None) -> str:
    """The settings in force as the TOML file a user edits and loads back."""
    text = db.scalar("SELECT value FROM settings WHERE key = ?", [SETTING])
    if text:
        return str(text)
    setup = service_setup(db)
    return setup.calendar.to_toml(lang=lang) + "\n" + setup.policies.to_toml()


def load_service_settings(
    db: Database,
    *,
    text: str,
    source: str,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ServiceSetup:
    """Check ``text`` (a TOML calendar with optional ``[sla]`` and ``[workflow]``
    tables) and store it as the settings in force; refused whole when any part is bad.
    Complaints already recorded keep their deadlines."""
    from custvalue.app.users import audit

    setup = _parse_settings(text, source)
    with db.transaction():
        before = db.scalar("SELECT value FROM settings WHERE key = ?", [SETTING])
        db.execute("DELETE FROM settings WHERE key = ?", [SETTING])
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [SETTING, text])
        audit(
            db, action="complaints.settings", by=by, actor=actor, target=source,
            details={"before": "settings" if before else "default", "after": source}, now=now,
        )  # fmt: skip
    return setup


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def _who(by: User | None, actor: str | None) -> str:
    return by.name if by is not None else (actor or "cli")


def _text(option: str, value: Any, *, limit: int = 200, required: bool = True) -> str | None:
    from custvalue.exceptions import DataValidationError

    text = str(value).strip() if value is not None else ""
    if not text:
        if required:
            raise DataValidationError("complaints.needs_text", option=option)
        return None
    if len(text) > limit:
        raise DataValidationError("complaints.too_long", option=option, limit=limit, got=len(text))
    return text


def _channel(value: str) -> str:
    from custvalue._validation import check_choice
    from custvalue.data.kinds.service import CHANNELS

    code = CHANNELS.get(str(value).strip().lower())
    return (
        code
        if code is not None
        else check_choice("--channel", value, tuple(set(CHANNELS.values())))
    )


def _next_number(db: Database, created: datetime) -> str:
    from custvalue.service import complaint_number

    if db.dialect == "postgresql":  # one recording at a time takes the day's next number
        db.execute("SELECT pg_advisory_xact_lock(hashtext('custvalue.complaints'))")
    prefix = complaint_number(created, 1)[:-4]
    last = db.scalar("SELECT max(number) FROM complaints WHERE number LIKE ?", [prefix + "%"])
    sequence = int(str(last)[-4:]) + 1 if last else 1
    return complaint_number(created, sequence)


def _event(
    db: Database,
    complaint_id: int,
    at: datetime,
    who: str,
    action: str,
    before: str | None,
    after: str | None,
    details: dict[str, Any] | None = None,
) -> None:
    db.execute(
        "INSERT INTO complaint_events (event_id, complaint_id, happened_at, user_name, action, "
        "from_status, to_status, details) VALUES (nextval('complaint_events_seq'), ?, ?, ?, ?, "
        "?, ?, ?)",
        [complaint_id, at, who, action, before, after,
         json.dumps(details, ensure_ascii=False, default=str) if details else None],
    )  # fmt: skip


def record_complaint(
    db: Database,
    *,
    category: str,
    description: str,
    severity: str = "ordinary",
    channel: str = "phone",
    customer_id: str | None = None,
    contact: str | None = None,
    order_id: str | None = None,
    team: str | None = None,
    assignee: str | None = None,
    lang: str = "zh",
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ComplaintDetail:
    """Record a complaint: its number, its deadlines on the calendar in force, the first
    status; returns it with the confirmation to read back to the customer."""
    from custvalue._validation import check_choice
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError, NotFoundError
    from custvalue.service import parse_severity

    created = _now(now)
    code = parse_severity(severity)
    fields = {
        "category": _text("--category", category),
        "description": _text("--text", description, limit=_MAX_TEXT),
        "contact": _text("--contact", contact, required=False),
        "order_id": _text("--order", order_id, required=False),
        "team": _text("--team", team, required=False),
        "assignee": _text("--assignee", assignee, required=False),
        "customer_id": _text("--customer", customer_id, required=False),
    }
    if fields["customer_id"] is None and fields["contact"] is None:
        raise DataValidationError("complaints.needs_customer")
    language = check_choice("--notice-lang", lang, ("zh", "en"))
    setup = service_setup(db)
    due = setup.policies.deadlines(created, code, setup.calendar)
    who = _who(by, actor)
    with db.transaction():
        if fields["customer_id"] is not None:
            known = db.scalar(
                "SELECT count(*) FROM customers WHERE customer_id = ?", [fields["customer_id"]]
            )
            if not known:
                raise NotFoundError(
                    "complaints.unknown_customer_id", customer=fields["customer_id"]
                )
        number = _next_number(db, created)
        complaint_id = int(db.scalar("SELECT nextval('complaints_seq')"))
        db.execute(
            f"INSERT INTO complaints ({_COLUMNS}, import_id) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [complaint_id, number, fields["customer_id"], fields["contact"], fields["order_id"],
             _channel(channel), fields["category"], code, fields["description"],
             setup.workflow.first, fields["team"], fields["assignee"], None, created, who,
             due.response_due, due.resolution_due, None, None, None, None, None, language],
        )  # fmt: skip
        _event(db, complaint_id, created, who, "record", None, setup.workflow.first,
               {"severity": code, "response_due": due.response_due,
                "resolution_due": due.resolution_due})  # fmt: skip
        audit(
            db, action="complaint.record", by=by, actor=actor, target=number,
            details={"after": {"severity": code, "category": fields["category"],
                               "customer_id": fields["customer_id"]}}, now=created,
        )  # fmt: skip
    return get_complaint(db, number=number, now=created)


def _row(db: Database, number: str) -> dict[str, Any]:
    import polars as pl

    from custvalue.exceptions import NotFoundError

    wanted = str(number).strip().upper()
    frame = db.frame(f"SELECT {_COLUMNS} FROM complaints WHERE upper(number) = ?", [wanted])
    if frame.height == 0:
        raise NotFoundError("complaints.unknown_number", number=number)
    return frame.with_columns(pl.col("complaint_id").cast(pl.Int64)).row(0, named=True)


def _clock(due: datetime | None, reached: datetime | None, now: datetime) -> dict[str, Any]:
    """A target's state as of ``now`` and, while it runs, the hours left on the clock."""
    from custvalue.service import sla_state

    if due is None:
        return {"due": None, "reached": reached, "state": None, "hours_left": None}
    state = sla_state(due, reached, now)
    left = round((due - now).total_seconds() / 3600, 1) if state == "running" else None
    return {"due": due, "reached": reached, "state": state, "hours_left": left}


def get_complaint(db: Database, *, number: str, now: datetime | None = None) -> ComplaintDetail:
    """One complaint with its SLA clocks as of ``now``, its history and confirmation."""
    setup = service_setup(db)
    row = _row(db, number)
    at = _now(now)
    uncovered: tuple[int, ...] = ()
    if row["response_due"] is None or row["resolution_due"] is None:  # an imported one
        row["responded_at"] = row["responded_at"] or row["resolved_at"] or row["closed_at"]
        due = setup.policies.deadlines(row["created_at"], row["severity"], setup.calendar)
        row["response_due"] = row["response_due"] or due.response_due
        row["resolution_due"] = row["resolution_due"] or due.resolution_due
    last = max(row["response_due"], row["resolution_due"])
    uncovered = tuple(setup.calendar.uncovered_years(row["created_at"], last))
    events = db.frame(
        "SELECT happened_at, user_name, action, from_status, to_status, details "
        "FROM complaint_events WHERE complaint_id = ? ORDER BY event_id",
        [row["complaint_id"]],
    )
    sla = {
        "response": _clock(row["response_due"], row["responded_at"], at),
        "resolution": _clock(row["resolution_due"], row["resolved_at"], at),
    }
    if row["customer_id"] is not None:
        name = db.scalar("SELECT name FROM customers WHERE customer_id = ?", [row["customer_id"]])
        row["customer_name"] = name
    return ComplaintDetail(
        complaint=row,
        sla=sla,
        events=events,
        confirmation=confirmation(row, lang=row.get("lang") or "zh"),
        status_label=_status_label(setup, row["status"]),
        uncovered_years=uncovered,
        now=at,
    )


def _status_label(setup: ServiceSetup, code: str, lang: str | None = None) -> str:
    if code not in setup.workflow.codes:  # a status an import brought, not in this workflow
        return code
    return setup.workflow.label(code, lang)


def confirmation(row: dict[str, Any], *, lang: str) -> str:
    """What is read back to the customer: what was recorded and when the reply comes."""
    from custvalue.i18n import t
    from custvalue.service import severity_label

    def when(value: datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value else "—"

    return t(
        "complaints.confirmation",
        lang,
        number=row["number"],
        who=row.get("contact") or _customer_shown(row),
        created=when(row["created_at"]),
        category=row["category"],
        severity=severity_label(row["severity"], lang),
        description=row["description"],
        response=when(row["response_due"]),
        resolution=when(row["resolution_due"]),
    )


def _customer_shown(row: dict[str, Any]) -> str:
    """``上海天德 (C00001)``, the id alone without a name, ``—`` without a customer."""
    customer, name = row.get("customer_id"), row.get("customer_name")
    if customer is None:
        return "—"
    return f"{name} ({customer})" if name else str(customer)


def assign_complaint(
    db: Database,
    *,
    number: str,
    team: str | None = None,
    assignee: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ComplaintDetail:
    """Give a complaint to a team and/or a person."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError

    new_team = _text("--team", team, required=False)
    new_person = _text("--to", assignee, required=False)
    if new_team is None and new_person is None:
        raise DataValidationError("complaints.assign_needs_target")
    at = _now(now)
    who = _who(by, actor)
    with db.transaction():
        row = _row(db, number)
        before = {"team": row["team"], "assignee": row["assignee"]}
        after = {"team": new_team or row["team"], "assignee": new_person or row["assignee"]}
        db.execute(
            "UPDATE complaints SET team = ?, assignee = ? WHERE complaint_id = ?",
            [after["team"], after["assignee"], row["complaint_id"]],
        )
        _event(db, row["complaint_id"], at, who, "assign", row["status"], row["status"],
               {"before": before, "after": after})  # fmt: skip
        audit(db, action="complaint.assign", by=by, actor=actor, target=row["number"],
              details={"before": before, "after": after}, now=at)  # fmt: skip
    return get_complaint(db, number=row["number"], now=at)


def move_complaint(
    db: Database,
    *,
    number: str,
    status: str,
    note: str | None = None,
    satisfaction: int | None = None,
    unreachable: bool = False,
    root_cause: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ComplaintDetail:
    """Move a complaint to ``status`` as the workflow allows (closing needs the
    call-back's score 1–5 or ``unreachable``; a reopen needs ``note`` as its reason).
    The first move at or past the response (resolution) milestone stamps it."""
    from custvalue.app.users import audit

    setup = service_setup(db)
    at = _now(now)
    who = _who(by, actor)
    cause = _text("--root-cause", root_cause, required=False)
    text = _text("--note", note, limit=_MAX_TEXT, required=False)
    with db.transaction():
        row = _row(db, number)
        move = setup.workflow.check_move(
            row["status"], str(status).strip(), reason=text, satisfaction=satisfaction,
            unreachable=unreachable,
        )  # fmt: skip
        responded = row["responded_at"] or (at if "response" in move.reaches else None)
        resolved = row["resolved_at"] or (at if "resolution" in move.reaches else None)
        closed = (
            at if move.kind == "close" else (None if move.kind == "reopen" else row["closed_at"])
        )
        score = move.satisfaction if move.kind == "close" else row["callback_score"]
        callback_note = (
            (text or ("unreachable" if move.unreachable else None))
            if move.kind == "close"
            else row["callback_note"]
        )
        db.execute(
            "UPDATE complaints SET status = ?, responded_at = ?, resolved_at = ?, closed_at = ?, "
            "callback_score = ?, callback_note = ?, root_cause = coalesce(?, root_cause) "
            "WHERE complaint_id = ?",
            [move.target, responded, resolved, closed, score, callback_note, cause,
             row["complaint_id"]],
        )  # fmt: skip
        details = {"note": text, "root_cause": cause, "satisfaction": move.satisfaction,
                   "unreachable": move.unreachable or None}  # fmt: skip
        _event(db, row["complaint_id"], at, who, move.kind, row["status"], move.target,
               {k: v for k, v in details.items() if v is not None})  # fmt: skip
        audit(
            db, action=f"complaint.{move.kind}", by=by, actor=actor, target=row["number"],
            details={"before": row["status"], "after": move.target, "note": text}, now=at,
        )  # fmt: skip
    return get_complaint(db, number=row["number"], now=at)


def _frame(db: Database, where: str = "1 = 1", params: list[Any] | None = None) -> pl.DataFrame:
    """Complaints with every deadline (imported ones' from the calendar in force)."""
    from custvalue.service import with_deadlines

    setup = service_setup(db)
    frame = db.frame(
        f"SELECT {_COLUMNS}, import_id FROM complaints WHERE {where} "
        "ORDER BY created_at DESC, number",
        params or [],
    )
    if frame.height == 0:
        return frame.drop("import_id")
    return with_deadlines(
        _imported_reach(frame), calendar=setup.calendar, policies=setup.policies
    ).drop("import_id")


def _imported_reach(frame: pl.DataFrame) -> pl.DataFrame:
    """An imported complaint resolved or closed without a first-response time was
    responded to no later than that: the earliest known time stands for it."""
    import polars as pl

    imported = pl.col("import_id").is_not_null()
    known = pl.coalesce("responded_at", "resolved_at", "closed_at")
    return frame.with_columns(
        pl.when(imported).then(known).otherwise(pl.col("responded_at")).alias("responded_at")
    )


def list_complaints(
    db: Database,
    *,
    status: str | None = None,
    open_only: bool = False,
    team: str | None = None,
    customer_id: str | None = None,
    severity: str | None = None,
    overdue: bool = False,
    limit: int = 100,
    offset: int = 0,
    now: datetime | None = None,
) -> ComplaintList:
    """Complaints, newest first, with their SLA states as of ``now``, filtered."""
    import polars as pl

    from custvalue._validation import check_number
    from custvalue.service import parse_severity, sla_states

    limit = int(check_number("--limit", limit, minimum=1, maximum=10_000, integer=True))
    offset = int(check_number("--offset", offset, minimum=0, integer=True))
    at = _now(now)
    setup = service_setup(db)
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if status:
        where.append("status = ?")
        params.append(_status(setup, status))
    if open_only:
        where.append("status <> ?")
        params.append(setup.workflow.final)
    for column, value in (("team", team), ("customer_id", customer_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value.strip())
    if severity:
        where.append("severity = ?")
        params.append(parse_severity(severity))
    frame = _frame(db, " AND ".join(where), params)
    if frame.height:
        frame = sla_states(frame.drop("uncovered_years", strict=False), now=at)
        if overdue:
            frame = frame.filter(pl.col("overdue"))
    total = frame.height
    return ComplaintList(frame.slice(offset, limit), total, at)


def _status(setup: ServiceSetup, status: str) -> str:
    from custvalue._validation import check_choice

    return check_choice("--status", status.strip(), setup.workflow.codes)


def overdue_complaints(db: Database, *, now: datetime | None = None) -> pl.DataFrame:
    """The complaints overdue at ``now``, the latest first, with the working hours late."""
    from custvalue.service import overdue

    at = _now(now)
    frame = _frame(db)
    if frame.height == 0:
        return frame
    setup = service_setup(db)
    late = overdue(frame.drop("uncovered_years", strict=False), now=at, calendar=setup.calendar)
    return late.join(
        frame.select("complaint_id", "number", "customer_id", "contact"), on="complaint_id",
        how="left",
    )  # fmt: skip


def sla_summary(
    db: Database, *, by: str = "team", period: str = "month", now: datetime | None = None
) -> pl.DataFrame:
    """Failure rate and time to resolve per ``by`` (team, category, period …)."""
    from custvalue._validation import check_choice
    from custvalue.service import BY, PERIODS, sla_report

    keys = [check_choice("--by", k.strip(), BY) for k in by.split(",") if k.strip()]
    check_choice("--period", period, PERIODS)
    frame = _frame(db)
    if frame.height == 0:
        return frame
    setup = service_setup(db)
    return sla_report(
        frame.drop("uncovered_years", strict=False), now=_now(now), calendar=setup.calendar,
        by=keys, period=period,
    )  # fmt: skip


def root_cause_trend(
    db: Database, *, period: str = "month", column: str = "category", now: datetime | None = None
) -> pl.DataFrame:
    """Complaints per period and category (or root cause), with shares."""
    from custvalue._validation import check_choice
    from custvalue.service import PERIODS, root_causes

    check_choice("--period", period, PERIODS)
    check_choice("--by", column, ("category", "root_cause"))
    frame = _frame(db)
    if frame.height == 0:
        return frame
    return root_causes(frame, period=period, column=column, now=_now(now))


def customer_complaints(db: Database, *, customer_id: str) -> pl.DataFrame:
    """One customer's complaints, newest first (for their page and the at-risk view)."""
    return db.frame(
        "SELECT number, created_at, category, severity, status, closed_at, callback_score "
        "FROM complaints WHERE customer_id = ? ORDER BY created_at DESC",
        [customer_id],
    )

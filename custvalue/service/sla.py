"""SLA policies and clocks: the response and resolution targets per severity
(docs/keeping.md §2; CONVENTIONS §6).

Rules
-----
* **Severities** ``ordinary`` (一般), ``major`` (重大), ``urgent`` (紧急); the parser
  also reads 普通, 严重, 加急 and a few English words (:data:`SEVERITY_SYNONYMS`).
* **Targets** are an amount of ``hours``, ``working_hours`` or ``working_days``. Hours
  (``"24 h"``, ``"2 小时"``) run on the clock, nights and weekends included, as the
  Chinese complaint norms write them: an urgent complaint waits for nobody's Monday.
  Working hours and working days run on the
  :class:`~custvalue.service.calendar.WorkingCalendar` (weekends, holidays and make-up
  days known), as helpdesk SLA policies count them (Odoo: "N working hours" on the
  team's calendar); a working day is the calendar's
  :attr:`~custvalue.service.calendar.WorkingCalendar.day_length` (8 h), so "3 working
  days" from Friday 10:00 is Wednesday 10:00 over a weekend. Write ``"24 working
  hours"`` (``"24 工作小时"``) to stop the clock outside working hours.
* **Defaults** (the Chinese complaint-handling norm in CONVENTIONS §6): ordinary —
  response 24 h, resolution 3 working days; major — 12 h, 5 working days; urgent —
  2 h, 24 h (hours on the clock, days on the calendar).
* **Deadlines** run from the creation time. **Paused periods** (e.g. waiting for the
  customer) stop the clock: the deadline moves by the time the target's clock would
  have run inside the pauses that begin before it is reached — their whole clock
  length for ``hours``, their working time for the other units (a pause after the
  deadline changes nothing; an ongoing pause is passed as ``(start, now)``).
* **Uncovered years** (:attr:`Deadlines.uncovered_years`) are looked for only up to
  the later deadline that runs on the working calendar: a target in clock hours does
  not depend on holidays, so it is never flagged.
* **SLA state** (:func:`sla_state`): ``met`` when the target was reached at or before
  its due time, ``failed`` when reached after it or not reached and ``now`` is past it,
  ``running`` otherwise. Failed stays failed: reaching the target later does not
  turn it to met. A reach after ``now`` is not known at ``now`` (so a report "as of" a
  past day sees what was known then).

Examples
--------
>>> from datetime import datetime
>>> from custvalue.service.calendar import WorkingCalendar
>>> d = deadlines(datetime(2026, 12, 4, 17, 0), "一般", WorkingCalendar())
>>> d.response_due  # Friday 17:00 + 24 h on the clock
datetime.datetime(2026, 12, 5, 17, 0)
>>> d.resolution_due  # + 3 working days of 8 h: Mon, Tue, Wed (Friday's last hour first)
datetime.datetime(2026, 12, 9, 17, 0)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from custvalue._validation import check_choice, check_number
from custvalue.exceptions import DataValidationError
from custvalue.service._times import naive
from custvalue.service.calendar import WorkingCalendar

__all__ = [
    "SEVERITIES",
    "SEVERITY_SYNONYMS",
    "SLA_STATES",
    "UNITS",
    "Deadlines",
    "SlaPolicies",
    "SlaPolicy",
    "SlaState",
    "Target",
    "deadlines",
    "parse_severity",
    "severity_label",
    "sla_state",
    "state_label",
]

SEVERITIES = ("ordinary", "major", "urgent")
#: spellings read as each severity (lower-cased, spaces trimmed)
SEVERITY_SYNONYMS: dict[str, str] = {
    "ordinary": "ordinary", "normal": "ordinary", "一般": "ordinary", "普通": "ordinary",
    "major": "major", "serious": "major", "重大": "major", "严重": "major",
    "urgent": "urgent", "critical": "urgent", "紧急": "urgent", "加急": "urgent",
}  # fmt: skip
UNITS = ("hours", "working_hours", "working_days")
SlaState = Literal["running", "met", "failed"]
SLA_STATES: tuple[SlaState, ...] = ("running", "met", "failed")
_UNIT_WORDS = {
    "hours": ("h", "hr", "hrs", "hour", "hours", "clock hours", "小时", "个小时"),
    "working_hours": (
        "wh", "working hour", "working hours", "working_hours", "工作小时", "工时",
    ),
    "working_days": (
        "d", "day", "days", "wd", "working day", "working days", "working_days", "天",
        "日", "工作日", "工作天",
    ),
}  # fmt: skip
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:个)?\s*(.*?)\s*$")
_DEFAULTS = {
    "ordinary": ("24 h", "3 working days"),
    "major": ("12 h", "5 working days"),
    "urgent": ("2 h", "24 h"),
}
#: the clock of a target in hours: every hour of every day counts
_ALL_HOURS = WorkingCalendar(
    hours=((time(0), time(0)),), weekdays=frozenset(range(7)), holidays=frozenset(),
    workdays=frozenset(), source="clock",
)  # fmt: skip


def severity_label(severity: str, lang: str | None = None) -> str:
    """The name of ``severity`` (any spelling) in ``lang``: ``"urgent"`` / ``"紧急"``."""
    from custvalue.i18n import t

    return t(f"service.severity_{parse_severity(severity)}", lang)


def state_label(state: SlaState, lang: str | None = None) -> str:
    """The name of an SLA state in ``lang``: ``"failed"`` / ``"未达成"``."""
    from custvalue.i18n import t

    check_choice("state", state, SLA_STATES)
    return t(f"service.state_{state}", lang)


def parse_severity(value: object) -> str:
    """The severity code of ``value`` (``"紧急"`` → ``"urgent"``); ``service.bad_severity``
    for anything else, listing the codes and their Chinese names."""
    code = SEVERITY_SYNONYMS.get(value.strip().lower()) if isinstance(value, str) else None
    if code is None:
        raise DataValidationError(
            "service.bad_severity",
            value=repr(value),
            allowed="ordinary (一般/普通), major (重大/严重), urgent (紧急/加急)",
        )
    return code


@dataclass(frozen=True)
class Target:
    """An amount of time: ``amount`` (> 0) ``hours`` (on the clock), ``working_hours`` or
    ``working_days`` (on the working calendar)."""

    amount: float
    unit: str = "working_hours"

    def __post_init__(self) -> None:
        check_choice("unit", self.unit, UNITS)
        object.__setattr__(self, "amount", check_number("amount", self.amount, above=0))

    @classmethod
    def parse(cls, value: object, *, name: str = "target", source: str = "sla") -> Target:
        """A target from ``"24 h"``, ``"3 working days"``, ``"3 个工作日"``, ``"2小时"``,
        ``{"working_hours": 24}`` or a :class:`Target`. A number without a unit is
        refused (hours or days?): ``service.sla_bad_target``."""
        if isinstance(value, Target):
            return value
        amount: object = None
        unit: str | None = None
        if isinstance(value, str):
            match = _TARGET.match(value)
            if match:
                amount = float(match.group(1))
                unit = _UNIT_OF.get(match.group(2).lower())
        elif isinstance(value, Mapping) and len(value) == 1:
            ((key, amount),) = value.items()
            unit = key if key in UNITS else None
        if unit is None:
            raise DataValidationError(
                "service.sla_bad_target", source=source, key=name, value=repr(value)
            )
        return cls(check_number(name, amount, above=0), unit)

    def length(self, calendar: WorkingCalendar) -> timedelta:
        """The time the target allows (working time on ``calendar``, or clock time)."""
        if self.unit == "working_days":
            return calendar.day_length * self.amount
        return timedelta(hours=self.amount)

    def clock(self, calendar: WorkingCalendar) -> WorkingCalendar:
        """The calendar the target runs on: ``calendar``, or every hour for ``hours``."""
        return _ALL_HOURS if self.unit == "hours" else calendar

    def due(
        self,
        start: datetime,
        calendar: WorkingCalendar,
        *,
        paused: Iterable[tuple[datetime, datetime]] = (),
    ) -> datetime:
        """The deadline of the target from ``start``, the clock stopped during ``paused``."""
        begin = naive("start", start)
        try:
            length = self.length(calendar)
        except OverflowError:  # more than timedelta holds: past the year 9999 anyway
            raise DataValidationError(
                "service.deadline_out_of_range", start=begin.isoformat(sep=" "), amount=str(self)
            ) from None
        return _due(self.clock(calendar), begin, length, _pauses(paused))

    def text(self, lang: str | None = None) -> str:
        """``"24 hours"`` / ``"24 小时"``, ``"24 working hours"`` / ``"24 个工作小时"``,
        ``"3 working days"`` / ``"3 个工作日"``."""
        from custvalue.i18n import t

        return t(f"service.target_{self.unit}", lang, amount=_amount(self.amount))

    def __str__(self) -> str:
        """The file form (``"24 hours"``, ``"1.5 working days"``): :meth:`parse` reads it
        back equal, whatever the amount."""
        return f"{_amount(self.amount)} {self.unit.replace('_', ' ')}"

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "unit": self.unit}


@dataclass(frozen=True)
class SlaPolicy:
    """The targets of one severity: response (first reaction) and resolution."""

    severity: str
    response: Target
    resolution: Target

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "response": self.response.to_dict(),
            "resolution": self.resolution.to_dict(),
        }


@dataclass(frozen=True)
class Deadlines:
    """A complaint's two deadlines; ``uncovered_years`` are the years between its creation
    and the later deadline on the working calendar (not in clock ``hours``) whose
    holidays the calendar does not hold (such deadlines follow the weekday rule there
    and may be early: say so)."""

    response_due: datetime
    resolution_due: datetime
    uncovered_years: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "response_due": self.response_due.isoformat(sep=" "),
            "resolution_due": self.resolution_due.isoformat(sep=" "),
            "uncovered_years": list(self.uncovered_years),
        }


@dataclass(frozen=True)
class SlaPolicies:
    """One :class:`SlaPolicy` per severity (each of :data:`SEVERITIES` exactly once)."""

    policies: tuple[SlaPolicy, ...]

    def __post_init__(self) -> None:
        given = [p.severity for p in self.policies]
        if sorted(given) != sorted(SEVERITIES):
            raise DataValidationError(
                "service.sla_severities", given=", ".join(given), expected=", ".join(SEVERITIES)
            )
        order = {s: i for i, s in enumerate(SEVERITIES)}
        ordered = tuple(sorted(self.policies, key=lambda p: order[p.severity]))
        object.__setattr__(self, "policies", ordered)

    @classmethod
    def default(cls) -> SlaPolicies:
        """The defaults of the module docstring."""
        return cls(
            tuple(
                SlaPolicy(s, Target.parse(response), Target.parse(resolution))
                for s, (response, resolution) in _DEFAULTS.items()
            )
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "sla") -> SlaPolicies:
        """Policies from ``{"urgent": {"response": "1 h"}, "一般": {...}}``: each severity
        (any spelling of :func:`parse_severity`) and each target given replaces the
        default; the rest keep it. Raises ``service.sla_bad_key`` (a key other than
        ``response``/``resolution``), ``service.sla_duplicate`` (one severity twice),
        ``service.sla_bad_target`` and ``service.bad_severity``."""
        if not isinstance(data, Mapping):
            raise DataValidationError(
                "service.bad_type",
                source=source,
                key="sla",
                value=repr(data),
                expected='[sla.urgent] response = "2 h"',
            )
        chosen = {p.severity: p for p in cls.default().policies}
        seen: dict[str, str] = {}
        for key, targets in data.items():
            severity = parse_severity(key)
            if severity in seen:
                raise DataValidationError(
                    "service.sla_duplicate", source=source, first=seen[severity], second=key
                )
            seen[severity] = key
            if not isinstance(targets, Mapping):
                raise DataValidationError(
                    "service.bad_type",
                    source=source,
                    key=f"sla.{key}",
                    value=repr(targets),
                    expected='{response = "24 h", resolution = "3 working days"}',
                )
            unknown = [k for k in targets if k not in ("response", "resolution")]
            if unknown:
                raise DataValidationError(
                    "service.sla_bad_key",
                    source=source,
                    key=f"sla.{key}.{unknown[0]}",
                    allowed="response, resolution",
                )
            old = chosen[severity]
            chosen[severity] = SlaPolicy(
                severity,
                _target(targets, "response", old.response, key, source),
                _target(targets, "resolution", old.resolution, key, source),
            )
        return cls(tuple(chosen.values()))

    @classmethod
    def from_file(cls, path: str | Path) -> SlaPolicies:
        """The ``[sla]`` table of a TOML file (the calendar's file, docs/keeping.md §2);
        the defaults when it has none. ``service.file_unreadable`` for a missing or
        unreadable file or bad TOML."""
        source = Path(path)
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise DataValidationError(
                "service.file_unreadable", file=str(source), detail=str(exc)
            ) from None
        return cls.from_mapping(data.get("sla", {}), source=str(source))

    def to_toml(self) -> str:
        """The ``[sla]`` tables of the file format (appended to a calendar file)."""
        lines: list[str] = []
        for p in self.policies:
            lines += [
                f"[sla.{p.severity}]",
                f'response = "{p.response}"',
                f'resolution = "{p.resolution}"',
                "",
            ]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {p.severity: p.to_dict() for p in self.policies}

    def policy(self, severity: str) -> SlaPolicy:
        """The policy of ``severity`` (any spelling of :func:`parse_severity`)."""
        code = parse_severity(severity)
        return next(p for p in self.policies if p.severity == code)

    def deadlines(
        self,
        created_at: datetime,
        severity: str,
        calendar: WorkingCalendar,
        *,
        paused: Iterable[tuple[datetime, datetime]] = (),
    ) -> Deadlines:
        """The response and resolution deadlines of a complaint of ``severity`` created at
        ``created_at`` (rules in the module docstring)."""
        created = naive("created_at", created_at)
        policy = self.policy(severity)
        pauses = _pauses(paused)
        response = policy.response.due(created, calendar, paused=pauses)
        resolution = policy.resolution.due(created, calendar, paused=pauses)
        on_calendar = [
            due
            for target, due in ((policy.response, response), (policy.resolution, resolution))
            if target.unit != "hours"
        ]
        uncovered = calendar.uncovered_years(created, max(on_calendar)) if on_calendar else []
        return Deadlines(response, resolution, tuple(uncovered))


def deadlines(
    created_at: datetime,
    severity: str,
    calendar: WorkingCalendar,
    *,
    policies: SlaPolicies | None = None,
    paused: Iterable[tuple[datetime, datetime]] = (),
) -> Deadlines:
    """:meth:`SlaPolicies.deadlines` with ``policies`` (default :meth:`SlaPolicies.default`)."""
    chosen = policies if policies is not None else SlaPolicies.default()
    return chosen.deadlines(created_at, severity, calendar, paused=paused)


def sla_state(due: datetime, reached_at: datetime | None, now: datetime) -> SlaState:
    """``"met"``, ``"failed"`` or ``"running"`` (rules in the module docstring).

    >>> from datetime import datetime
    >>> due = datetime(2026, 12, 7, 10)
    >>> sla_state(due, datetime(2026, 12, 7, 10), now=datetime(2026, 12, 8))
    'met'
    >>> sla_state(due, None, now=datetime(2026, 12, 7, 10, 1))
    'failed'
    """
    due = naive("due", due)
    now = naive("now", now)
    reached = None if reached_at is None else naive("reached_at", reached_at)
    if reached is not None and reached <= now:
        return "met" if reached <= due else "failed"
    return "failed" if now > due else "running"


def _amount(value: float) -> str:
    """``value`` in plain decimals, exact (``24``, ``1.5``, ``1234567``, ``0.00001``): the
    parser reads no exponent, so ``:g`` (``1.23457e+06``) would not round-trip."""
    return format(Decimal(repr(value)), "f").removesuffix(".0")


def _target(
    targets: Mapping[str, Any], key: str, old: Target, severity: str, source: str
) -> Target:
    if key not in targets:
        return old
    return Target.parse(targets[key], name=f"sla.{severity}.{key}", source=source)


def _pauses(paused: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """``paused`` checked (naive, start ≤ end), sorted and merged."""
    out: list[tuple[datetime, datetime]] = []
    for i, pair in enumerate(paused):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise DataValidationError("service.bad_pause", index=i, value=repr(pair))
        start = naive(f"paused[{i}][0]", pair[0])
        end = naive(f"paused[{i}][1]", pair[1])
        if end < start:
            raise DataValidationError("service.bad_pause", index=i, value=f"{start} → {end}")
        out.append((start, end))
    out.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in out:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _due(
    calendar: WorkingCalendar,
    start: datetime,
    amount: timedelta,
    pauses: list[tuple[datetime, datetime]],
) -> datetime:
    """The clock from ``start`` runs ``amount`` of working time outside ``pauses``."""
    current = start
    for begin, end in pauses:
        if end <= current:
            continue
        if begin > current:
            reached = calendar.advance(current, amount)
            if reached <= begin:
                return reached
            amount -= calendar.working_time(current, begin)
        current = max(current, end)
    return calendar.advance(current, amount)

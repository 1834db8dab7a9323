"""The working calendar: when the complaint centre's clock runs (docs/keeping.md §2).

A **working day** is a day whose weekday is in ``weekdays`` and that is not in
``holidays``, or any day in ``workdays`` (make-up working days, 调休, e.g. a Saturday
worked before the National Day week). On a working day the clock runs inside the
intervals of ``hours`` (default 09:00–12:00 and 13:00–18:00: eight hours with a lunch
break); nights, lunch breaks, days off and holidays do not count.

Rules
-----
* **Times are naive, in the company's local time** (China has no daylight saving, so
  a day is always 24 hours). An aware datetime is refused (``service.aware_datetime``):
  mixing zones would shift deadlines by hours without a trace.
* **Working time** between ``a`` and ``b`` is the length of the working intervals
  inside ``[a, b)``.
* **A deadline** ``add(start, hours=h)`` is the earliest instant ``t ≥ start`` with
  ``working_time(start, t) = h``. A start outside working hours therefore starts at the
  next opening, and a deadline that falls on a closing time is that closing time
  (09:00 + 3 h is 12:00, not 13:00). It follows that
  ``add(add(s, hours=a), hours=b) == add(s, hours=a + b)`` for every start.
* **Working days** count as that many *days' worth of working hours*:
  ``add(start, working_days=n) == add(start, hours=n × day_hours)`` (``day_hours`` = 8
  by default). This is Odoo's rule (``resource.calendar.plan_days`` counts working
  days on the calendar's attendance) and we chose it because it is one clock for both
  units: fractional days work (1.5 days = 12 h), hours and days add up, and the
  result is the natural one. From inside working hours it is the same working instant
  on the n-th following working day (Friday 10:00 + 3 days = Wednesday 10:00 over a
  weekend); from outside working hours (a night, a holiday) it is the close of the
  n-th working day to come (Friday 20:00 + 3 days = Wednesday 18:00); a start at the
  opening time ends at the previous close (Monday 09:00 + 1 day = Monday 18:00, the
  same working instant as Tuesday 09:00).
* **Coverage.** Holiday data exists for some years only (``years``; ``None`` claims
  every year: a calendar with no dated holidays). A year outside it falls back to the
  weekday rule, which is wrong around its public holidays: :meth:`uncovered_years`
  names such years between two instants so callers can say so; the SLA deadlines
  carry them (:class:`custvalue.service.sla.Deadlines`).

Files
-----
:meth:`WorkingCalendar.from_file` reads, and :meth:`WorkingCalendar.to_toml` writes, a
TOML file the user edits::

    extends = "chinese"            # optional: start from the official Chinese calendar
    years = ["2004-2026", 2027]    # years whose holidays are complete; or "all"
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    holidays = [2026-12-31]        # days off (TOML dates or "YYYY-MM-DD")
    workdays = [2026-10-10]        # make-up working days

    [hours]
    day = ["09:00-12:00", "13:00-18:00"]   # 24:00 is midnight at the end of the day

With ``extends``, a listed holiday is added to the base and removed from its workdays
(the company does not work that make-up day), and a listed workday the other way round;
``years`` defaults to the base's years. Without ``extends``, keys left out keep the
defaults and ``years`` defaults to the years of the dates listed (every year when none
is listed). The ``[sla]`` table of the same file belongs to
:meth:`custvalue.service.sla.SlaPolicies.from_file`. No default file is shipped:
``WorkingCalendar.chinese().to_toml()`` writes it, from the installed package's data.

Examples
--------
>>> from datetime import datetime
>>> cal = WorkingCalendar()
>>> cal.add(datetime(2026, 12, 4, 17, 0), hours=2)  # Friday 17:00: 1 h Friday, 1 h Monday
datetime.datetime(2026, 12, 7, 10, 0)
>>> cal.working_time(datetime(2026, 12, 4, 17, 0), datetime(2026, 12, 7, 10, 0))
datetime.timedelta(seconds=7200)
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from custvalue._validation import check_number
from custvalue.exceptions import DataValidationError
from custvalue.service._times import naive

__all__ = ["DEFAULT_HOURS", "WEEKDAYS", "WorkingCalendar"]

#: weekday names as the file writes them, in ``date.weekday()`` order (0 = Monday)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{f"周{c}": i for i, c in enumerate("一二三四五六日")},
    "周天": 6,
    **{f"星期{c}": i for i, c in enumerate("一二三四五六日")},
    "星期天": 6,
}
#: the default working hours: 09:00–12:00 and 13:00–18:00 (a one-hour lunch break)
DEFAULT_HOURS: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(13), time(18)))
_DAY = timedelta(days=1)
_KEYS = ("extends", "years", "weekdays", "holidays", "workdays", "hours", "sla")
_CLOCK = r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?"
_RANGE = re.compile(rf"^\s*{_CLOCK}\s*[-–~至到]\s*{_CLOCK}\s*$")
_YEARS = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")


def _offset(value: time) -> timedelta:
    return timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def _end_offset(value: time) -> timedelta:
    """An interval's end as an offset from midnight: 00:00 is the midnight that ends it."""
    return _offset(value) or _DAY


def _clock(value: time, *, end: bool = False) -> str:
    if end and value == time(0):
        return "24:00"
    text = f"{value.hour:02d}:{value.minute:02d}"
    return text + (f":{value.second:02d}" if value.second or value.microsecond else "")


@dataclass(frozen=True)
class WorkingCalendar:
    """Working hours, working weekdays, holidays and make-up working days.

    Parameters
    ----------
    hours
        The working intervals of a working day, ``(start, end)`` pairs of
        :class:`datetime.time`, in order and not overlapping; an end of ``time(0)``
        is the midnight that ends the day (``24:00`` in a file).
    weekdays
        The working weekdays, ``date.weekday()`` numbers (0 = Monday … 6 = Sunday).
    holidays
        Days off even when their weekday is a working weekday.
    workdays
        Make-up working days (调休): working days even when their weekday is not.
    years
        The years whose holidays the calendar holds completely; ``None`` = every year.
    source
        Where the calendar comes from (a file's path), named in error messages; not
        compared.

    Raises
    ------
    DataValidationError
        ``service.calendar_bad_time`` (an interval that is not ``start < end``),
        ``service.calendar_overlap``, ``service.calendar_no_hours``,
        ``service.calendar_no_weekdays``, ``service.calendar_bad_weekday``,
        ``service.calendar_bad_date``, ``service.calendar_conflict`` (a day both a
        holiday and a workday), ``service.calendar_bad_years``.
    """

    hours: tuple[tuple[time, time], ...] = DEFAULT_HOURS
    weekdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    years: frozenset[int] | None = None
    source: str = field(default="WorkingCalendar", compare=False, repr=False)

    def __post_init__(self) -> None:
        src = self.source
        spans = []
        for pair in self.hours:
            ok = isinstance(pair, (tuple, list)) and len(pair) == 2
            if not ok or not all(isinstance(v, time) and v.tzinfo is None for v in pair):
                raise DataValidationError(
                    "service.calendar_bad_time", source=src, key="hours", value=repr(pair)
                )
            start, end = pair
            if _offset(start) >= _end_offset(end) or start.microsecond or end.microsecond:
                raise DataValidationError(
                    "service.calendar_bad_time",
                    source=src,
                    key="hours",
                    value=f"{_clock(start)}-{_clock(end, end=True)}",
                )
            spans.append((start, end))
        if not spans:
            raise DataValidationError("service.calendar_no_hours", source=src)
        spans.sort(key=lambda p: _offset(p[0]))
        for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
            if _end_offset(e1) > _offset(s2):
                raise DataValidationError(
                    "service.calendar_overlap",
                    source=src,
                    first=f"{_clock(s1)}-{_clock(e1, end=True)}",
                    second=f"{_clock(s2)}-{_clock(e2, end=True)}",
                )
        object.__setattr__(self, "hours", tuple(spans))
        days = frozenset(self.weekdays)
        bad = [d for d in days if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6]
        if bad:
            raise DataValidationError(
                "service.calendar_bad_weekday",
                source=src,
                key="weekdays",
                value=repr(bad[0]),
                allowed=", ".join(WEEKDAYS),
            )
        if not days:
            raise DataValidationError("service.calendar_no_weekdays", source=src)
        object.__setattr__(self, "weekdays", days)
        for key in ("holidays", "workdays"):
            values = frozenset(getattr(self, key))
            for value in values:
                if not isinstance(value, date) or isinstance(value, datetime):
                    raise DataValidationError(
                        "service.calendar_bad_date", source=src, key=key, value=repr(value)
                    )
            object.__setattr__(self, key, values)
        both = sorted(self.holidays & self.workdays)
        if both:
            raise DataValidationError(
                "service.calendar_conflict",
                source=src,
                day=both[0].isoformat(),
                count=len(both),
            )
        if self.years is not None:
            years = frozenset(self.years)
            if any(isinstance(y, bool) or not isinstance(y, int) for y in years):
                raise DataValidationError(
                    "service.calendar_bad_years", source=src, value=repr(sorted(years, key=str))
                )
            object.__setattr__(self, "years", years)

    # -- constructors ---------------------------------------------------------------------

    @classmethod
    def chinese(
        cls,
        years: Iterable[int] | None = None,
        *,
        hours: Sequence[tuple[time, time]] = DEFAULT_HOURS,
    ) -> WorkingCalendar:
        """The official Chinese calendar from the ``chinese-calendar`` package: its
        holidays (the weekend ones too: they matter to a six-day week) are days off, its
        make-up working days are workdays; ``years`` restricts it to some years (default:
        every year the installed release holds, 2004–2026 in 1.11).

        Raises ``service.calendar_no_data`` for a year the package does not hold.
        """
        import chinese_calendar

        holidays: Mapping[date, object] = chinese_calendar.holidays
        workdays: Mapping[date, object] = chinese_calendar.workdays
        held = sorted({d.year for d in holidays})
        wanted = set(held) if years is None else set(years)
        for year in sorted(wanted, key=str):
            if isinstance(year, bool) or not isinstance(year, int) or year not in held:
                raise DataValidationError(
                    "service.calendar_no_data", year=year, first=held[0], last=held[-1]
                )
        return cls(
            hours=tuple(hours),
            holidays=frozenset(d for d in holidays if d.year in wanted),
            workdays=frozenset(d for d in workdays if d.year in wanted),
            years=frozenset(wanted),
        )

    @classmethod
    def from_file(cls, path: str | Path) -> WorkingCalendar:
        """The calendar of a TOML file (format in the module docstring).

        Raises ``service.file_unreadable`` for a missing or unreadable file or bad TOML,
        and the codes of :meth:`from_mapping` for bad contents, naming the file."""
        source = Path(path)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataValidationError(
                "service.file_unreadable", file=str(source), detail=str(exc)
            ) from None
        return cls.from_toml(text, source=str(source))

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<text>") -> WorkingCalendar:
        """The calendar of TOML ``text``; ``source`` names it in error messages."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataValidationError(
                "service.file_unreadable", file=source, detail=str(exc)
            ) from None
        return cls.from_mapping(data, source=source)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "<mapping>") -> WorkingCalendar:
        """The calendar of a mapping with the keys of the file format (a parsed TOML
        file, a JSON setting). Errors name ``source``, the key and the value."""
        unknown = [k for k in data if k not in _KEYS]
        if unknown:
            raise DataValidationError(
                "service.calendar_bad_key", source=source, key=unknown[0], allowed=", ".join(_KEYS)
            )
        extends = data.get("extends")
        if extends is not None and extends != "chinese":
            raise DataValidationError(
                "service.calendar_bad_extends", source=source, value=repr(extends)
            )
        base = cls.chinese() if extends == "chinese" else cls()
        hours = _parse_hours(data["hours"], source) if "hours" in data else base.hours
        weekdays = (
            _parse_weekdays(data["weekdays"], source) if "weekdays" in data else base.weekdays
        )
        holidays = _parse_dates(data.get("holidays", []), "holidays", source)
        workdays = _parse_dates(data.get("workdays", []), "workdays", source)
        both = sorted(holidays & workdays)
        if both:
            raise DataValidationError(
                "service.calendar_conflict", source=source, day=both[0].isoformat(), count=len(both)
            )
        years: frozenset[int] | None
        if "years" in data:
            years = _parse_years(data["years"], source)
        elif extends is not None:
            years = base.years
        else:
            years = frozenset(d.year for d in holidays | workdays) or None
        return cls(
            hours=hours,
            weekdays=weekdays,
            holidays=(base.holidays - workdays) | holidays,
            workdays=(base.workdays - holidays) | workdays,
            years=years,
            source=source,
        )

    def to_dict(self) -> dict[str, Any]:
        """The calendar as the file format's keys, JSON-ready (dates as ISO strings);
        :meth:`from_mapping` reads it back equal."""
        return {
            "years": None if self.years is None else sorted(self.years),
            "weekdays": [WEEKDAYS[d] for d in sorted(self.weekdays)],
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
            "hours": {"day": [f"{_clock(s)}-{_clock(e, end=True)}" for s, e in self.hours]},
        }

    def to_toml(self, *, lang: str | None = None) -> str:
        """The calendar in the file format, complete (no ``extends``), with comments in
        ``lang``: :meth:`from_toml` reads it back equal."""
        from custvalue.i18n import t

        lines = [f"# {t('service.toml_calendar_header', lang)}"]
        for key in ("years", "weekdays", "holidays", "workdays", "hours"):
            lines.append(f"# {key}: {t(f'service.toml_calendar_{key}', lang)}")
        lines.append("")
        lines.append(f"years = {_years_toml(self.years)}")
        days = ", ".join(f'"{WEEKDAYS[d]}"' for d in sorted(self.weekdays))
        lines.append(f"weekdays = [{days}]")
        for key in ("holidays", "workdays"):
            lines.extend(_dates_toml(key, getattr(self, key)))
        lines.append("")
        lines.append("[hours]")
        spans = ", ".join(f'"{_clock(s)}-{_clock(e, end=True)}"' for s, e in self.hours)
        lines.append(f"day = [{spans}]")
        return "\n".join(lines) + "\n"

    # -- the calendar -----------------------------------------------------------------------

    @cached_property
    def _spans(self) -> tuple[tuple[timedelta, timedelta], ...]:
        return tuple((_offset(s), _end_offset(e)) for s, e in self.hours)

    @cached_property
    def day_length(self) -> timedelta:
        """The working time of one working day (8 h by default)."""
        return sum((e - s for s, e in self._spans), timedelta())

    @cached_property
    def _off(self) -> tuple[date, ...]:
        """Holidays on working weekdays: the days the weekday rule gets wrong one way."""
        return tuple(sorted(d for d in self.holidays if d.weekday() in self.weekdays))

    @cached_property
    def _on(self) -> tuple[date, ...]:
        """Workdays on other weekdays: the days it gets wrong the other way."""
        return tuple(sorted(d for d in self.workdays if d.weekday() not in self.weekdays))

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` (a date, or the date of a datetime) is a working day."""
        if isinstance(day, datetime):
            day = day.date()
        if day in self.workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def covers(self, year: int) -> bool:
        """Whether the calendar holds the holidays of ``year``."""
        return self.years is None or year in self.years

    def uncovered_years(self, start: date, end: date) -> list[int]:
        """The years from ``start`` to ``end`` (either order; dates or datetimes) whose
        holidays the calendar does not hold: deadlines through them follow the weekday
        rule only and may be wrong around their public holidays."""
        first, last = sorted((start.year, end.year))
        return [y for y in range(first, last + 1) if not self.covers(y)]

    def count_working_days(self, first: date, stop: date) -> int:
        """The number of working days in ``[first, stop)`` (0 when ``stop <= first``)."""
        n = (stop - first).days
        if n <= 0:
            return 0
        weeks, rest = divmod(n, 7)
        count = weeks * len(self.weekdays)
        start = first.weekday()
        count += sum(1 for i in range(rest) if (start + i) % 7 in self.weekdays)
        count -= bisect.bisect_left(self._off, stop) - bisect.bisect_left(self._off, first)
        count += bisect.bisect_left(self._on, stop) - bisect.bisect_left(self._on, first)
        return count

    def _nth_after(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``n ≥ 1``)."""
        first = day + _DAY
        # every 7 days hold len(weekdays) ≥ 1 weekday-rule days; holidays remove at most
        # len(_off) of them, so this many days always hold n working days
        high = min(7 * (n + len(self._off)), (date.max - first).days)
        if self.count_working_days(first, first + timedelta(days=high)) < n:
            raise OverflowError("past the last representable date")
        low = 1
        while low < high:  # the smallest k with n working days in [first, first + k)
            mid = (low + high) // 2
            if self.count_working_days(first, first + timedelta(days=mid)) >= n:
                high = mid
            else:
                low = mid + 1
        return first + timedelta(days=low - 1)

    def _before(self, moment: datetime) -> timedelta:
        """Working time from the midnight that starts ``moment``'s day to ``moment``."""
        if not self.is_working_day(moment.date()):
            return timedelta()
        offset = moment - datetime.combine(moment.date(), time(0))
        return sum((min(max(offset - s, timedelta()), e - s) for s, e in self._spans), timedelta())

    def working_time(self, a: datetime, b: datetime) -> timedelta:
        """The working time inside ``[a, b)``; zero when ``b <= a``.

        Computed as the working days between the two dates × :attr:`day_length`, less
        the part of ``a``'s day before ``a``, plus the part of ``b``'s day before ``b``.
        """
        a = naive("a", a)
        b = naive("b", b)
        if b <= a:
            return timedelta()
        return (
            self.day_length * self.count_working_days(a.date(), b.date())
            - self._before(a)
            + self._before(b)
        )

    def add(self, start: datetime, *, hours: float = 0, working_days: float = 0) -> datetime:
        """The deadline ``hours`` of working time plus ``working_days`` × :attr:`day_length`
        after ``start``: the earliest instant ``t ≥ start`` with
        ``working_time(start, t)`` equal to that amount (rules in the module docstring).

        Raises ``validation.number_range`` for a negative amount and
        ``service.deadline_out_of_range`` past the year 9999.
        """
        start = naive("start", start)
        h = check_number("hours", hours, minimum=0)
        n = check_number("working_days", working_days, minimum=0)
        try:
            amount = timedelta(hours=h) + self.day_length * n
        except OverflowError:
            raise DataValidationError(
                "service.deadline_out_of_range",
                start=start.isoformat(sep=" "),
                amount=f"{h:g} h + {n:g} × {self.day_length}",
            ) from None
        return self.advance(start, amount)

    def advance(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest instant ``t ≥ start`` with ``working_time(start, t) == amount``
        (:meth:`add` with the amount as a :class:`~datetime.timedelta`, exact to the
        microsecond). Raises ``service.deadline_out_of_range`` past the year 9999."""
        start = naive("start", start)
        if not isinstance(amount, timedelta) or amount < timedelta():
            raise DataValidationError("service.bad_amount", name="amount", value=repr(amount))
        try:
            return self._advance(start, amount)
        except OverflowError:
            raise DataValidationError(
                "service.deadline_out_of_range",
                start=start.isoformat(sep=" "),
                amount=str(amount),
            ) from None

    def _advance(self, start: datetime, amount: timedelta) -> datetime:
        if amount <= timedelta():
            return start
        day = start.date()
        if self.is_working_day(day):
            midnight = datetime.combine(day, time(0))
            offset = start - midnight
            for s, e in self._spans:
                if e <= offset:
                    continue
                begin = max(s, offset)
                if amount <= e - begin:
                    return midnight + begin + amount
                amount -= e - begin
        # whole working days, then the rest (0 < rest ≤ one day) in the last one
        days = -(-amount // self.day_length)
        amount -= self.day_length * (days - 1)
        midnight = datetime.combine(self._nth_after(day, days), time(0))
        for s, e in self._spans:
            if amount <= e - s:
                return midnight + s + amount
            amount -= e - s
        raise AssertionError("unreachable: the rest fits in one working day")  # pragma: no cover


# -- reading and writing the file format ------------------------------------------------------


def _parse_hours(value: Any, source: str) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, Mapping):
        raise DataValidationError(
            "service.bad_type",
            source=source,
            key="hours",
            value=repr(value),
            expected='[hours] day = ["09:00-12:00", "13:00-18:00"]',
        )
    unknown = [k for k in value if k != "day"]
    if unknown:
        raise DataValidationError(
            "service.calendar_bad_key", source=source, key=f"hours.{unknown[0]}", allowed="day"
        )
    spans = value.get("day", [])
    if not isinstance(spans, list):
        raise DataValidationError(
            "service.bad_type",
            source=source,
            key="hours.day",
            value=repr(spans),
            expected='["09:00-12:00", "13:00-18:00"]',
        )
    if not spans:
        raise DataValidationError("service.calendar_no_hours", source=source)
    out = []
    for item in spans:
        match = _RANGE.match(item) if isinstance(item, str) else None
        parts = [int(g or 0) for g in match.groups()] if match else []
        h1, m1, s1, h2, m2, s2 = parts or (0, 0, 0, 0, 0, 0)
        valid = (
            match is not None
            and h1 <= 23
            and max(m1, m2, s1, s2) <= 59
            and (h2 <= 23 or (h2 == 24 and m2 == s2 == 0))
            and (h1, m1, s1) < (h2, m2, s2)
        )
        if not valid:
            raise DataValidationError(
                "service.calendar_bad_time", source=source, key="hours.day", value=repr(item)
            )
        out.append((time(h1, m1, s1), time(0) if h2 == 24 else time(h2, m2, s2)))
    # the dataclass checks overlaps (naming this source)
    return tuple(out)


def _parse_weekdays(value: Any, source: str) -> frozenset[int]:
    if not isinstance(value, list):
        raise DataValidationError(
            "service.bad_type",
            source=source,
            key="weekdays",
            value=repr(value),
            expected='["mon", "tue", "wed", "thu", "fri"]',
        )
    out = set()
    for item in value:
        number = _WEEKDAY_NAMES.get(item.strip().lower()) if isinstance(item, str) else None
        if number is None:
            raise DataValidationError(
                "service.calendar_bad_weekday",
                source=source,
                key="weekdays",
                value=repr(item),
                allowed=", ".join(WEEKDAYS),
            )
        out.add(number)
    if not out:
        raise DataValidationError("service.calendar_no_weekdays", source=source)
    return frozenset(out)


def _parse_dates(value: Any, key: str, source: str) -> frozenset[date]:
    if not isinstance(value, list):
        raise DataValidationError(
            "service.bad_type",
            source=source,
            key=key,
            value=repr(value),
            expected="[2026-10-01, 2026-10-02]",
        )
    out = set()
    for item in value:
        day: date | None = None
        if isinstance(item, date) and not isinstance(item, datetime):
            day = item
        elif isinstance(item, str):
            try:
                day = date.fromisoformat(item.strip())
            except ValueError:
                day = None
        if day is None:
            raise DataValidationError(
                "service.calendar_bad_date", source=source, key=key, value=repr(item)
            )
        out.add(day)
    return frozenset(out)


def _parse_years(value: Any, source: str) -> frozenset[int] | None:
    if value == "all" or value is None:
        return None
    if not isinstance(value, list):
        raise DataValidationError("service.calendar_bad_years", source=source, value=repr(value))
    out: set[int] = set()
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 9999:
            out.add(item)
            continue
        match = _YEARS.match(item) if isinstance(item, str) else None
        if match is None or int(match.group(1)) > int(match.group(2)):
            raise DataValidationError("service.calendar_bad_years", source=source, value=repr(item))
        out.update(range(int(match.group(1)), int(match.group(2)) + 1))
    return frozenset(out)


def _years_toml(years: frozenset[int] | None) -> str:
    if years is None:
        return '"all"'
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    items = [str(a) if a == b else f'"{a}-{b}"' for a, b in runs]
    return "[" + ", ".join(items) + "]"


def _dates_toml(key: str, days: frozenset[date]) -> list[str]:
    if not days:
        return [f"{key} = []"]
    lines = [f"{key} = ["]
    by_year: dict[int, list[date]] = {}
    for day in sorted(days):
        by_year.setdefault(day.year, []).append(day)
    for year, group in by_year.items():
        lines.append(f"    # {year}")
        for i in range(0, len(group), 8):
            lines.append("    " + ", ".join(d.isoformat() for d in group[i : i + 8]) + ",")
    lines.append("]")
    return lines

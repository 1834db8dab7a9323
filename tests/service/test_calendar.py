"""The working calendar: deadlines worked out by hand (nights, lunch, weekends, the 2026
Spring Festival and National Day with their make-up days), the clock's invariants
(hypothesis), coverage of the holiday data, and the TOML file read, written and refused."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.service import WorkingCalendar

PLAIN = WorkingCalendar()  # 09:00–12:00, 13:00–18:00, Monday–Friday, no holidays
CN = WorkingCalendar.chinese()
ALWAYS = WorkingCalendar(hours=((time(0), time(0)),), weekdays=frozenset(range(7)))
H = timedelta(hours=1)


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- the package's data, as the tests below rely on it ----------------------------------------


def test_the_2026_holidays_and_make_up_days_of_the_package() -> None:
    # chinese-calendar 1.11: Spring Festival Feb 15–23 off, Sat Feb 14 and Sat Feb 28
    # worked; Mid-autumn Sep 25–27 off; National Day Oct 1–7 off, Sun Sep 20 and
    # Sat Oct 10 worked
    off = [date(2026, 2, d) for d in range(15, 24)] + [date(2026, 10, d) for d in range(1, 8)]
    assert not any(CN.is_working_day(d) for d in off)
    make_up = [date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10)]
    assert all(CN.is_working_day(d) for d in make_up)
    assert [d.weekday() for d in make_up] == [5, 5, 6, 5]  # weekend days all
    assert CN.is_working_day(date(2026, 9, 30))  # Wednesday before the holiday
    assert not CN.is_working_day(date(2026, 10, 11))  # an ordinary Sunday
    assert CN.is_working_day(datetime(2026, 10, 9, 15, 0))  # a datetime's day


def test_the_plain_calendar_knows_weekdays_only() -> None:
    assert PLAIN.is_working_day(date(2026, 10, 1))  # a Thursday: no holidays known
    assert not PLAIN.is_working_day(date(2026, 10, 10))  # a Saturday
    assert PLAIN.day_length == 8 * H


# -- deadlines by hand ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # a night: Tue 17:00, 1 h to 18:00, Wed 09:00 + 1 h
        ("2026-12-01 17:00", 2, "2026-12-02 10:00"),
        # lunch: Tue 11:00, 1 h to 12:00, 13:00 + 1 h
        ("2026-12-01 11:00", 2, "2026-12-01 14:00"),
        # inside lunch: starts at 13:00
        ("2026-12-01 12:30", 2, "2026-12-01 15:00"),
        # a weekend: Fri 17:00, 1 h Friday, Mon 09:00 + 1 h (the urgent response)
        ("2026-12-04 17:00", 2, "2026-12-07 10:00"),
        # 17:59: 1 min Friday, Monday 09:00 + 1 h 59 min
        ("2026-12-04 17:59", 2, "2026-12-07 10:59"),
        # before opening on a working day: 09:00 + 2 h
        ("2026-12-01 07:30", 2, "2026-12-01 11:00"),
        # a closing time is a deadline: 09:00 + 3 h = 12:00, not 13:00
        ("2026-12-01 09:00", 3, "2026-12-01 12:00"),
        # Saturday: starts at Monday's opening
        ("2026-12-05 10:00", 1.5, "2026-12-07 10:30"),
        # National Day: Wed Sep 30 17:00, 1 h, Oct 1–7 off, Thu Oct 8 09:00 + 1 h
        ("2026-09-30 17:00", 2, "2026-10-08 10:00"),
        # a start on a holiday (Sat Oct 3): Thu Oct 8 09:00 + 2 h
        ("2026-10-03 10:00", 2, "2026-10-08 11:00"),
        # make-up Sunday Sep 20: Fri Sep 18 17:00, 1 h, Sun 09:00 + 1 h
        ("2026-09-18 17:00", 2, "2026-09-20 10:00"),
        # Spring Festival: Fri Feb 13 17:00, 1 h, make-up Sat Feb 14 09:00 + 1 h
        ("2026-02-13 17:00", 2, "2026-02-14 10:00"),
        # Sat Feb 14 (worked) 17:00, 1 h, Feb 15–23 off, Tue Feb 24 09:00 + 1 h
        ("2026-02-14 17:00", 2, "2026-02-24 10:00"),
        # zero hours: the start itself, even outside working hours
        ("2026-12-05 22:00", 0, "2026-12-05 22:00"),
    ],
)
def test_deadlines_in_working_hours(start: str, hours: float, expected: str) -> None:
    assert CN.add(dt(start), hours=hours) == dt(expected)
    assert CN.working_time(dt(start), dt(expected)) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Fri 10:00 + 3 days = 24 h: Fri 7 h, Mon 8, Tue 8 (23), Wed 09:00 + 1 h
        ("2026-12-04 10:00", 3, "2026-12-09 10:00"),
        # Fri 20:00 (night): Mon, Tue, Wed in full: the close of Wednesday
        ("2026-12-04 20:00", 3, "2026-12-09 18:00"),
        # at the opening: 09:00 + 8 h = the close of the same day
        ("2026-12-04 09:00", 1, "2026-12-04 18:00"),
        # lunch: Fri 13:00–18:00 5 h, Mon 8, Tue 8 (21), Wed 09:00 + 3 h = 12:00
        ("2026-12-04 12:30", 3, "2026-12-09 12:00"),
        # half a day: Tue 10:00 + 4 h = 10–12 (2 h), 13:00 + 2 h
        ("2026-12-01 10:00", 0.5, "2026-12-01 15:00"),
        # National Day and make-up Sat Oct 10: Wed Sep 30 10:00, 7 h, Oct 8 (15),
        # Oct 9 (23), Sat Oct 10 09:00 + 1 h
        ("2026-09-30 10:00", 3, "2026-10-10 10:00"),
        # a start on a holiday (Thu Oct 1 15:00): Oct 8 in full
        ("2026-10-01 15:00", 1, "2026-10-08 18:00"),
        # Spring Festival: Fri Feb 13 10:00, 7 h, Sat Feb 14 8 (15), Tue Feb 24 (23),
        # Wed Feb 25 09:00 + 1 h
        ("2026-02-13 10:00", 3, "2026-02-25 10:00"),
        # 5 days from Tue 10:00 = the same time a week later
        ("2026-12-01 10:00", 5, "2026-12-08 10:00"),
    ],
)
def test_deadlines_in_working_days(start: str, days: float, expected: str) -> None:
    assert CN.add(dt(start), working_days=days) == dt(expected)
    assert CN.add(dt(start), hours=8 * days) == dt(expected)


def test_hours_and_days_add_up() -> None:
    # Fri 10:00 + 1 day + 2 h = 10 h: Fri 7 h, Mon 09:00 + 3 h = 12:00
    assert CN.add(dt("2026-12-04 10:00"), hours=2, working_days=1) == dt("2026-12-07 12:00")


def test_working_days_are_counted() -> None:
    # Sep 28 – Oct 11 2026: Sep 28, 29, 30, Oct 8, 9 and make-up Sat Oct 10
    assert CN.count_working_days(date(2026, 9, 28), date(2026, 10, 11)) == 6
    assert CN.count_working_days(date(2026, 10, 11), date(2026, 9, 28)) == 0


def test_working_time_by_hand() -> None:
    # Fri 17:00 → Mon 10:00: 1 h + 1 h
    assert CN.working_time(dt("2026-12-04 17:00"), dt("2026-12-07 10:00")) == 2 * H
    # a whole week Mon 00:00 → next Mon 00:00: 5 × 8 h
    assert CN.working_time(dt("2026-11-30 00:00"), dt("2026-12-07 00:00")) == 40 * H
    # the National Day week Oct 1 → Oct 8 00:00: nothing
    assert CN.working_time(dt("2026-10-01 00:00"), dt("2026-10-08 00:00")) == timedelta()
    # Sep 26 (holiday) → Oct 11: Sep 28, 29, 30, Oct 8, 9, 10 = 6 days
    assert CN.working_time(dt("2026-09-26 00:00"), dt("2026-10-11 00:00")) == 48 * H
    # inside lunch only
    assert CN.working_time(dt("2026-12-01 12:05"), dt("2026-12-01 12:55")) == timedelta()
    # b before a: zero
    assert CN.working_time(dt("2026-12-02 10:00"), dt("2026-12-01 10:00")) == timedelta()


def test_a_six_day_week_counts_a_saturday_holiday() -> None:
    # Mon–Sat; Sat Oct 3 2026 is a holiday, so Fri Oct 2 is too: Fri Sep 30 17:00
    # + 2 h: 1 h Sep 30, then Oct 1–7 off, Oct 8 09:00 + 1 h
    six = WorkingCalendar(weekdays=frozenset(range(6)), holidays=CN.holidays, workdays=CN.workdays)
    assert six.add(dt("2026-09-30 17:00"), hours=2) == dt("2026-10-08 10:00")
    # an ordinary Saturday works: Fri Dec 4 17:00 + 2 h = Sat 10:00
    assert six.add(dt("2026-12-04 17:00"), hours=2) == dt("2026-12-05 10:00")


def test_a_night_shift_that_ends_at_midnight() -> None:
    night = WorkingCalendar(hours=((time(18), time(0)),))  # 18:00–24:00
    # Fri 23:00 + 2 h: 1 h Friday, Monday 18:00 + 1 h
    assert night.add(dt("2026-12-04 23:00"), hours=2) == dt("2026-12-07 19:00")
    # Mon 18:00 + 6 h ends at midnight
    assert night.add(dt("2026-12-07 18:00"), hours=6) == dt("2026-12-08 00:00")
    assert night.to_dict()["hours"] == {"day": ["18:00-24:00"]}


def test_a_long_deadline_is_found_without_walking_every_day() -> None:
    # 1000 working days of the plain calendar = 200 weeks exactly from a Monday 09:00:
    # the close of the Friday 199 weeks and 4 days later
    start = dt("2026-11-30 09:00")
    assert PLAIN.add(start, working_days=1000) == dt("2030-09-27 18:00")
    assert PLAIN.working_time(start, dt("2030-09-27 18:00")) == 8000 * H


# -- coverage of the holiday data ----------------------------------------------------------------


def test_coverage_of_the_chinese_data() -> None:
    assert CN.years == frozenset(range(2004, 2027))
    assert CN.covers(2026) and not CN.covers(2027) and not CN.covers(2003)
    assert CN.uncovered_years(dt("2026-12-31 17:00"), dt("2028-01-05 10:00")) == [2027, 2028]
    assert CN.uncovered_years(date(2026, 1, 1), date(2025, 1, 1)) == []
    assert PLAIN.years is None and PLAIN.uncovered_years(date(2000, 1, 1), date(2100, 1, 1)) == []


def test_a_year_without_data_follows_the_weekdays() -> None:
    # Thu Dec 31 2026 17:00 + 24 h: 1 h; Fri Jan 1 2027 counts as working (no data),
    # 8 h (9); Mon Jan 4 (17); Tue Jan 5 09:00 + 7 h = 17:00 — and says 2027 is uncovered
    due = CN.add(dt("2026-12-31 17:00"), hours=24)
    assert due == dt("2027-01-05 17:00")
    assert CN.uncovered_years(dt("2026-12-31 17:00"), due) == [2027]


def test_some_years_of_the_chinese_calendar() -> None:
    two = WorkingCalendar.chinese([2025, 2026])
    assert two.years == frozenset({2025, 2026})
    assert min(two.holidays).year == 2025
    assert not two.is_working_day(date(2026, 10, 1))
    with pytest.raises(DataValidationError) as err:
        WorkingCalendar.chinese([2026, 2030])
    assert err.value.code == "service.calendar_no_data"
    assert "2030" in str(err.value) and "2004–2026" in str(err.value)


# -- invariants (hypothesis) ------------------------------------------------------------------

starts = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
amounts = st.integers(min_value=0, max_value=60 * 200).map(lambda m: m / 60)  # whole minutes


@settings(max_examples=150)
@given(start=starts, a=amounts, b=amounts)
def test_deadlines_add_up(start: datetime, a: float, b: float) -> None:
    assert CN.add(start, hours=a + b) == CN.add(CN.add(start, hours=a), hours=b)


@settings(max_examples=150)
@given(start=starts, hours=amounts)
def test_the_working_time_to_a_deadline_is_its_hours(start: datetime, hours: float) -> None:
    due = CN.add(start, hours=hours)
    assert CN.working_time(start, due) == timedelta(hours=hours)
    # and the deadline is the earliest such instant: a minute earlier is short of it
    if hours:
        assert CN.working_time(start, due - timedelta(minutes=1)) < timedelta(hours=hours)


@settings(max_examples=150)
@given(start=starts, a=amounts, b=amounts)
def test_deadlines_grow_with_the_hours(start: datetime, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert start <= CN.add(start, hours=low) <= CN.add(start, hours=high)


@settings(max_examples=100)
@given(start=starts, hours=amounts, days=st.integers(min_value=0, max_value=30))
def test_a_clock_that_always_runs_is_plain_addition(
    start: datetime, hours: float, days: int
) -> None:
    assert ALWAYS.add(start, hours=hours) == start + timedelta(hours=hours)
    assert ALWAYS.add(start, working_days=days) == start + timedelta(days=days)
    assert ALWAYS.working_time(start, start + timedelta(hours=hours)) == timedelta(hours=hours)


@settings(max_examples=100)
@given(start=starts, days=st.integers(min_value=1, max_value=40))
def test_a_working_day_inside_hours_is_the_same_time_days_later(start: datetime, days: int) -> None:
    inside = any(
        datetime.combine(start.date(), s) < start < datetime.combine(start.date(), e)
        for s, e in CN.hours
    )
    if CN.is_working_day(start) and inside:
        due = CN.add(start, working_days=days)
        assert due.time() == start.time()
        between = CN.count_working_days(
            start.date() + timedelta(days=1), due.date() + timedelta(days=1)
        )
        assert between == days and CN.is_working_day(due)


# -- bad arguments ---------------------------------------------------------------------------------


def test_aware_and_non_datetimes_are_refused() -> None:
    aware = datetime(2026, 12, 4, 9, tzinfo=timezone(timedelta(hours=8)))
    with pytest.raises(DataValidationError) as err:
        CN.add(aware, hours=1)
    assert err.value.code == "service.aware_datetime"
    with pytest.raises(DataValidationError) as err:
        CN.working_time(dt("2026-12-04 09:00"), aware)
    assert err.value.code == "service.aware_datetime"
    with pytest.raises(DataValidationError) as err:
        CN.add(date(2026, 12, 4), hours=1)  # type: ignore[arg-type]
    assert err.value.code == "service.not_a_datetime"


def test_negative_or_huge_amounts_are_refused() -> None:
    with pytest.raises(DataValidationError, match="hours"):
        CN.add(dt("2026-12-04 09:00"), hours=-1)
    with pytest.raises(DataValidationError) as err:
        CN.add(dt("9999-12-30 09:00"), working_days=5)
    assert err.value.code == "service.deadline_out_of_range"
    with pytest.raises(DataValidationError) as err:
        CN.add(dt("2026-12-04 09:00"), hours=1e15)
    assert err.value.code == "service.deadline_out_of_range"
    with pytest.raises(DataValidationError) as err:
        CN.advance(dt("2026-12-04 09:00"), -H)
    assert err.value.code == "service.bad_amount"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"hours": ((time(12), time(9)),)}, "service.calendar_bad_time"),
        ({"hours": (("09:00", "12:00"),)}, "service.calendar_bad_time"),
        ({"hours": ((time(9), time(12, 0, 0, 5)),)}, "service.calendar_bad_time"),
        ({"hours": ((time(9), time(13)), (time(12), time(18)))}, "service.calendar_overlap"),
        ({"hours": ()}, "service.calendar_no_hours"),
        ({"weekdays": frozenset()}, "service.calendar_no_weekdays"),
        ({"weekdays": frozenset({7})}, "service.calendar_bad_weekday"),
        ({"holidays": frozenset({datetime(2026, 10, 1)})}, "service.calendar_bad_date"),
        (
            {
                "holidays": frozenset({date(2026, 10, 1)}),
                "workdays": frozenset({date(2026, 10, 1)}),
            },
            "service.calendar_conflict",
        ),
        ({"years": frozenset({"2026"})}, "service.calendar_bad_years"),
    ],
)
def test_bad_calendars_are_refused(options: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        WorkingCalendar(**options)  # type: ignore[arg-type]
    assert err.value.code == code


def test_hours_are_kept_in_order() -> None:
    cal = WorkingCalendar(hours=((time(13), time(18)), (time(9), time(12))))
    assert cal.hours == DEFAULT_ORDER


DEFAULT_ORDER = ((time(9), time(12)), (time(13), time(18)))


# -- the file ------------------------------------------------------------------------------------


def test_the_chinese_calendar_round_trips_through_toml(tmp_path: Path) -> None:
    text = CN.to_toml()
    assert 'years = ["2004-2026"]' in text and "2026-10-10" in text
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    assert WorkingCalendar.from_file(path) == CN
    assert "调休" in CN.to_toml(lang="zh")


@pytest.mark.parametrize(
    "calendar",
    [
        PLAIN,
        ALWAYS,
        WorkingCalendar(
            hours=((time(8, 30), time(12)), (time(13, 30), time(17, 30, 15))),
            weekdays=frozenset({0, 2, 4, 5}),
            holidays=frozenset({date(2026, 1, 2)}),
            workdays=frozenset({date(2026, 1, 4)}),
            years=frozenset({2020, 2022, 2023, 2024}),
        ),
        WorkingCalendar(years=frozenset()),
    ],
)
def test_calendars_round_trip(calendar: WorkingCalendar) -> None:
    assert WorkingCalendar.from_toml(calendar.to_toml()) == calendar
    assert WorkingCalendar.from_mapping(calendar.to_dict()) == calendar


def test_a_file_that_extends_the_chinese_calendar(tmp_path: Path) -> None:
    path = tmp_path / "company.toml"
    path.write_text(
        'extends = "chinese"\n'
        "holidays = [2026-12-31, 2026-10-10]  # a company day off; no make-up Saturday\n"
        'workdays = ["2026-10-07"]            # the company works the last holiday\n'
        "[hours]\n"
        'day = ["08:30-12:00", "13:00-17:30"]\n'
        "[sla.urgent]\n"
        'response = "1 h"\n',
        encoding="utf-8",
    )
    cal = WorkingCalendar.from_file(path)
    assert not cal.is_working_day(date(2026, 12, 31))
    assert not cal.is_working_day(date(2026, 10, 10))
    assert cal.is_working_day(date(2026, 10, 7))
    assert not cal.is_working_day(date(2026, 10, 6))
    assert cal.years == CN.years  # the base's years
    assert cal.day_length == 8 * H
    # Wed Sep 30 16:00 + 4 h: 1.5 h Sep 30, Wed Oct 7 08:30 + 2.5 h: 3.5 h to 12:00 → 11:00
    assert cal.add(dt("2026-09-30 16:00"), hours=4) == dt("2026-10-07 11:00")


def test_a_file_without_extends() -> None:
    cal = WorkingCalendar.from_toml(
        'weekdays = ["Mon", "tuesday", "周三", "星期四", "fri", "sat"]\n'
        "holidays = [2025-05-01, 2026-05-01]\n"
    )
    assert cal.weekdays == frozenset(range(6))
    assert cal.hours == PLAIN.hours
    assert cal.years == frozenset({2025, 2026})  # the years of the dates listed
    assert WorkingCalendar.from_toml("").years is None  # no dates: every year
    ranged = WorkingCalendar.from_toml('years = ["2020-2022", 2025]\n')
    assert ranged.years == frozenset({2020, 2021, 2022, 2025})
    assert WorkingCalendar.from_toml('years = "all"\n').years is None


@pytest.mark.parametrize(
    ("text", "code", "named"),
    [
        ("holiday = [2026-10-01]\n", "service.calendar_bad_key", "holiday"),
        ('[hours]\nsat = ["09:00-12:00"]\n', "service.calendar_bad_key", "hours.sat"),
        ('[hours]\nday = ["9-12"]\n', "service.calendar_bad_time", "'9-12'"),
        ('[hours]\nday = ["12:00-09:00"]\n', "service.calendar_bad_time", "12:00-09:00"),
        ('[hours]\nday = ["09:00-24:30"]\n', "service.calendar_bad_time", "24:30"),
        ('[hours]\nday = ["09:00-25:00"]\n', "service.calendar_bad_time", "25:00"),
        (
            '[hours]\nday = ["09:00-13:00", "12:00-18:00"]\n',
            "service.calendar_overlap",
            "12:00-18:00",
        ),
        ("[hours]\nday = []\n", "service.calendar_no_hours", "hours"),
        ("[hours]\n", "service.calendar_no_hours", "hours"),
        ('hours = "09:00-18:00"\n', "service.bad_type", "hours"),
        ('[hours]\nday = "09:00-18:00"\n', "service.bad_type", "hours.day"),
        ("weekdays = []\n", "service.calendar_no_weekdays", "weekdays"),
        ('weekdays = "mon"\n', "service.bad_type", "weekdays"),
        ('weekdays = ["mon", "funday"]\n', "service.calendar_bad_weekday", "funday"),
        ('holidays = ["2026-13-01"]\n', "service.calendar_bad_date", "2026-13-01"),
        ("holidays = [2026-10-01T09:00:00]\n", "service.calendar_bad_date", "holidays"),
        ('holidays = "2026-10-01"\n', "service.bad_type", "holidays"),
        (
            "holidays = [2026-10-01]\nworkdays = [2026-10-01]\n",
            "service.calendar_conflict",
            "2026-10-01",
        ),
        ('years = ["2026-2024"]\n', "service.calendar_bad_years", "2026-2024"),
        ("years = 2026\n", "service.calendar_bad_years", "2026"),
        ('extends = "japanese"\n', "service.calendar_bad_extends", "japanese"),
        ("holidays = [2026-10-01\n", "service.file_unreadable", "cal.toml"),
    ],
)
def test_bad_files_are_refused_naming_the_file_key_and_value(
    tmp_path: Path, text: str, code: str, named: str
) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        WorkingCalendar.from_file(path)
    assert err.value.code == code
    message = str(err.value)
    assert "cal.toml" in message and named in message
    assert err.value.message("zh") != message  # translated


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        WorkingCalendar.from_file(tmp_path / "nowhere.toml")
    assert err.value.code == "service.file_unreadable"
    assert "nowhere.toml" in str(err.value)

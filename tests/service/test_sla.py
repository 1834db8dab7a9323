"""SLA targets and clocks: the default deadlines of each severity by hand (clock hours
run through nights, weekends and holidays; working hours and days do not), pauses, the
state rules (failed stays failed), policies read from a mapping and a file, refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.service import (
    UNITS,
    Deadlines,
    SlaPolicies,
    SlaPolicy,
    Target,
    WorkingCalendar,
    deadlines,
    parse_severity,
    severity_label,
    sla_state,
    state_label,
)

CN = WorkingCalendar.chinese()


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("created", "severity", "response", "resolution"),
    [
        # urgent, Fri Dec 4 17:00: response +2 h on the clock → Fri 19:00; resolution
        # +24 h on the clock → Sat Dec 5 17:00 (the weekend counts)
        ("2026-12-04 17:00", "urgent", "2026-12-04 19:00", "2026-12-05 17:00"),
        # ordinary, Tue Dec 1 10:00: response +24 h → Wed Dec 2 10:00; resolution
        # 3 working days = 24 working h: Tue 10–12, 13–18 (7), Wed 8 (15), Thu 8 (23),
        # Fri 09:00 + 1 h → Fri Dec 4 10:00
        ("2026-12-01 10:00", "ordinary", "2026-12-02 10:00", "2026-12-04 10:00"),
        # ordinary, Fri Dec 4 17:00: response +24 h → Sat Dec 5 17:00; resolution 24
        # working h: Fri 17–18 (1), Mon 8 (9), Tue 8 (17), Wed 09–12 (20), 13–17 (24)
        ("2026-12-04 17:00", "ordinary", "2026-12-05 17:00", "2026-12-09 17:00"),
        # major, Tue Dec 1 10:00: response +12 h → Tue 22:00; resolution 5 working days
        # = 40 working h: Tue 7, Wed (15), Thu (23), Fri (31), Mon (39), Tue Dec 8
        # 09:00 + 1 h (the same time a week later)
        ("2026-12-01 10:00", "major", "2026-12-01 22:00", "2026-12-08 10:00"),
        # major before the National Day (off Thu Oct 1 – Wed Oct 7, make-up Sat Oct 10):
        # Wed Sep 30 10:00, response +12 h → Wed 22:00; resolution 40 working h: Sep 30
        # 7, Thu Oct 8 (15), Fri 9 (23), Sat 10 make-up (31), Mon 12 (39), Tue Oct 13
        # 09:00 + 1 h
        ("2026-09-30 10:00", "重大", "2026-09-30 22:00", "2026-10-13 10:00"),
        # major Wed Sep 30 17:00: response +12 h → Thu Oct 1 05:00 (a holiday: the clock
        # runs); resolution 40 working h: Sep 30 17–18 (1), Oct 8 (9), Oct 9 (17),
        # Sat Oct 10 (25), Mon 12 (33), Tue 13 09–12 (36), 13:00 + 4 h → 17:00
        ("2026-09-30 17:00", "major", "2026-10-01 05:00", "2026-10-13 17:00"),
        # ordinary on a Spring Festival holiday (off Sun Feb 15 – Mon Feb 23): Tue Feb 17
        # 11:00, response +24 h → Wed Feb 18 11:00; resolution: the working clock starts
        # Tue Feb 24 09:00, 24 working h = Feb 24, 25, 26 in full → Thu Feb 26 18:00
        ("2026-02-17 11:00", "一般", "2026-02-18 11:00", "2026-02-26 18:00"),
        # ordinary Fri Feb 13 17:00, before the holiday: response +24 h → Sat Feb 14
        # 17:00; resolution: Fri 17–18 (1), Sat Feb 14 make-up day (9), Feb 15–23 off,
        # Tue Feb 24 (17), Wed Feb 25 09–12 (20), 13:00 + 4 h → Wed 17:00
        ("2026-02-13 17:00", "普通", "2026-02-14 17:00", "2026-02-25 17:00"),
    ],
)
def test_default_deadlines_by_hand(
    created: str, severity: str, response: str, resolution: str
) -> None:
    due = deadlines(dt(created), severity, CN)
    assert due == Deadlines(dt(response), dt(resolution), ())
    assert due.to_dict()["response_due"] == f"{response}:00"


@pytest.mark.parametrize(
    ("created", "response", "resolution"),
    [
        # Fri Dec 4 17:00: 2 working h = Fri 17–18 (1), Mon 09:00 + 1 h → Mon 10:00;
        # 24 working h = Fri 1, Mon 8 (9), Tue 8 (17), Wed 09–12 (20), 13–17 (24)
        ("2026-12-04 17:00", "2026-12-07 10:00", "2026-12-09 17:00"),
        # Tue Dec 1 20:00 (night): the clock starts Wed 09:00; 2 working h → Wed 11:00;
        # 24 working h = Wed, Thu, Fri in full → Fri 18:00
        ("2026-12-01 20:00", "2026-12-02 11:00", "2026-12-04 18:00"),
        # Wed Sep 30 17:00: 1 h, then the National Day: Thu Oct 8 09:00 + 1 h → 10:00;
        # 24 working h = 1, Oct 8 (9), Oct 9 (17), Sat Oct 10 make-up 09–12 (20),
        # 13:00 + 4 h → Sat 17:00
        ("2026-09-30 17:00", "2026-10-08 10:00", "2026-10-10 17:00"),
    ],
)
def test_working_hours_stop_at_nights_weekends_and_holidays(
    created: str, response: str, resolution: str
) -> None:
    policies = SlaPolicies.from_mapping(
        {"紧急": {"response": "2 working hours", "resolution": "24 工作小时"}}
    )
    assert policies.policy("urgent").response == Target(2, "working_hours")
    assert policies.policy("urgent").resolution == Target(24, "working_hours")
    due = policies.deadlines(dt(created), "urgent", CN)
    assert (due.response_due, due.resolution_due) == (dt(response), dt(resolution))
    # the same amounts on the clock run straight through
    clock = deadlines(dt(created), "urgent", CN)
    assert clock.response_due == dt(created) + timedelta(hours=2)
    assert clock.resolution_due == dt(created) + timedelta(hours=24)


def test_deadlines_through_an_uncovered_year_say_so() -> None:
    due = deadlines(dt("2026-12-30 10:00"), "major", CN)
    # 5 days = 40 h: Wed Dec 30 7 h, Thu 31 (15), Fri Jan 1 2027 counted (23, no data),
    # Mon 4 (31), Tue 5 (39), Wed 6 09:00 + 1 h
    assert due.resolution_due == dt("2027-01-06 10:00")
    assert due.uncovered_years == (2027,)
    assert due.to_dict()["uncovered_years"] == [2027]


def test_clock_hours_do_not_depend_on_holiday_data() -> None:
    # urgent Thu Dec 31 17:00: +2 h → 19:00, +24 h → Fri Jan 1 2027 17:00: both on the
    # clock, right whatever the 2027 holidays are, so nothing to flag
    due = deadlines(dt("2026-12-31 17:00"), "urgent", CN)
    assert due == Deadlines(dt("2026-12-31 19:00"), dt("2027-01-01 17:00"), ())
    # a custom urgent resolution in working days runs into 2027 on the weekday rule:
    # Thu 17–18 (1), Fri Jan 1 2027 (9, no data), Mon Jan 4 09:00 + 7 h → 17:00
    mixed = SlaPolicies.from_mapping({"urgent": {"resolution": "2 working days"}})
    due = mixed.deadlines(dt("2026-12-31 17:00"), "urgent", CN)
    assert due == Deadlines(dt("2026-12-31 19:00"), dt("2027-01-04 17:00"), (2027,))


def test_a_pause_moves_each_deadline_by_the_time_on_its_clock() -> None:
    # ordinary, Tue Dec 1 10:00; waiting for the customer Tue 14:00 → Wed 11:00.
    paused = [(dt("2026-12-01 14:00"), dt("2026-12-02 11:00"))]
    due = deadlines(dt("2026-12-01 10:00"), "ordinary", CN, paused=paused)
    # response, 24 h on the clock: the pause lasts 21 h → Tue 10:00 + 24 h + 21 h =
    # Thu Dec 3 07:00
    assert due.response_due == dt("2026-12-03 07:00")
    # resolution, 3 working days: inside the pause Tue 14–18 = 4 h, Wed 09–11 = 2 h of
    # working time. The clock: Tue 10–12, 13–14 (3 h), stopped, Wed 11–12 (4), 13–18
    # (9), Thu (17), Fri 09–12 (20), 13:00 + 4 h → Fri Dec 4 17:00
    assert due.resolution_due == dt("2026-12-04 17:00")
    assert CN.working_time(dt("2026-12-01 10:00"), due.resolution_due) == timedelta(hours=24 + 6)


def test_a_night_pause_moves_clock_hours_only() -> None:
    # ordinary Tue Dec 1 10:00, paused Tue 20:00 → Wed 08:00 (12 h, all outside working
    # hours): response 24 h on the clock, due Wed 10:00, moves by 12 h → Wed Dec 2
    # 22:00; resolution unchanged at Fri Dec 4 10:00 (no working time inside)
    paused = [(dt("2026-12-01 20:00"), dt("2026-12-02 08:00"))]
    due = deadlines(dt("2026-12-01 10:00"), "ordinary", CN, paused=paused)
    assert due.response_due == dt("2026-12-02 22:00")
    assert due.resolution_due == dt("2026-12-04 10:00")


def test_pauses_after_the_deadline_or_before_creation_change_nothing() -> None:
    created = dt("2026-12-04 17:00")  # urgent response due Fri 19:00 (+2 h on the clock)
    late = [(dt("2026-12-04 19:00"), dt("2026-12-05 10:00"))]  # begins at the deadline
    early = [(dt("2026-12-01 09:00"), dt("2026-12-04 12:00"))]
    for paused in (late, early, []):
        assert deadlines(created, "urgent", CN, paused=paused).response_due == dt(
            "2026-12-04 19:00"
        )


def test_overlapping_and_weekend_pauses() -> None:
    # urgent Fri 17:00; pauses Fri 17:30–Sat 12:00 and Sat 10:00–Mon 09:30 merge into
    # Fri 17:30 → Mon 09:30: the clock runs Fri 17:00–17:30 (0.5 h), stops for the
    # whole weekend, then runs Mon 09:30 + 1.5 h → Mon 11:00
    paused = [
        (dt("2026-12-05 10:00"), dt("2026-12-07 09:30")),
        (dt("2026-12-04 17:30"), dt("2026-12-05 12:00")),
    ]
    due = deadlines(dt("2026-12-04 17:00"), "urgent", CN, paused=paused)
    assert due.response_due == dt("2026-12-07 11:00")


def test_a_pause_at_creation_starts_the_clock_at_its_end() -> None:
    paused = [(dt("2026-12-01 10:00"), dt("2026-12-01 16:00"))]
    # urgent Tue 10:00 paused to 16:00: 16:00 + 2 h = 18:00
    due = deadlines(dt("2026-12-01 10:00"), "urgent", CN, paused=paused)
    assert due.response_due == dt("2026-12-01 18:00")


MINUTES = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 30)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=80)
@given(
    created=MINUTES,
    gap=st.integers(min_value=0, max_value=5000),
    length=st.integers(min_value=0, max_value=5000),
)
def test_a_pause_never_makes_a_deadline_earlier(created: datetime, gap: int, length: int) -> None:
    begin = created + timedelta(minutes=gap)
    end = begin + timedelta(minutes=length)
    paused = [(begin, end)]
    plain = deadlines(created, "major", CN)
    moved = deadlines(created, "major", CN, paused=paused)
    assert moved.response_due >= plain.response_due
    assert moved.resolution_due >= plain.resolution_due
    # response, 12 h on the clock: the elapsed time less the pause inside it is 12 h
    inside = max(min(end, moved.response_due) - begin, timedelta())
    assert moved.response_due - created - inside == timedelta(hours=12)
    # resolution, 5 working days: the working time less the paused working time is 40 h
    inside = CN.working_time(begin, min(end, moved.resolution_due))
    assert CN.working_time(created, moved.resolution_due) - inside == timedelta(hours=40)


@settings(max_examples=80)
@given(created=MINUTES, quarters=st.integers(min_value=1, max_value=4 * 2000))
def test_clock_hours_are_plain_elapsed_time(created: datetime, quarters: int) -> None:
    amount = quarters / 4  # hours, exact in binary
    target = Target(amount, "hours")
    assert target.due(created, CN) == created + timedelta(hours=amount)
    # the calendar does not matter
    six_days = WorkingCalendar(weekdays=frozenset(range(6)))
    assert target.due(created, six_days) == target.due(created, CN)


@settings(max_examples=80)
@given(
    created=MINUTES,
    quarters=st.integers(min_value=1, max_value=4 * 500),
    gap=st.integers(min_value=0),
    length=st.integers(min_value=0, max_value=20_000),
)
def test_a_pause_inside_a_clock_window_moves_it_by_its_length(
    created: datetime, quarters: int, gap: int, length: int
) -> None:
    amount = timedelta(minutes=15 * quarters)
    target = Target(quarters / 4, "hours")
    begin = created + timedelta(minutes=gap % (15 * quarters))  # in [created, plain due)
    pause = timedelta(minutes=length)
    assert target.due(created, CN, paused=[(begin, begin + pause)]) == created + amount + pause
    # a pause that begins at or after the plain deadline changes nothing
    after = created + amount + timedelta(minutes=length % 90)
    assert target.due(created, CN, paused=[(after, after + pause)]) == created + amount


# -- state --------------------------------------------------------------------------------------

DUE = dt("2026-12-07 10:00")


@pytest.mark.parametrize(
    ("reached", "now", "state"),
    [
        (None, "2026-12-07 09:00", "running"),
        (None, "2026-12-07 10:00", "running"),  # the due minute itself is still in time
        (None, "2026-12-07 10:01", "failed"),
        ("2026-12-07 10:00", "2026-12-09 00:00", "met"),  # reached at the due time
        ("2026-12-05 12:00", "2026-12-05 13:00", "met"),
        ("2026-12-07 11:00", "2026-12-09 00:00", "failed"),  # reached late: stays failed
        ("2026-12-07 09:30", "2026-12-07 09:00", "running"),  # not yet known at now
        ("2026-12-08 09:30", "2026-12-07 12:00", "failed"),  # as of now: late, unreached
    ],
)
def test_sla_state(reached: str | None, now: str, state: str) -> None:
    assert sla_state(DUE, dt(reached) if reached else None, dt(now)) == state


def test_the_state_refuses_a_bad_time() -> None:
    with pytest.raises(DataValidationError) as err:
        sla_state(DUE, "2026-12-07", dt("2026-12-08 00:00"))  # type: ignore[arg-type]
    assert err.value.code == "service.not_a_datetime"


# -- severities, targets, policies ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ordinary", "ordinary"),
        ("一般", "ordinary"),
        (" 普通 ", "ordinary"),
        ("Major", "major"),
        ("重大", "major"),
        ("严重", "major"),
        ("URGENT", "urgent"),
        ("紧急", "urgent"),
        ("加急", "urgent"),
    ],
)
def test_severities_in_both_languages(text: str, code: str) -> None:
    assert parse_severity(text) == code


def test_labels() -> None:
    assert severity_label("加急", "zh") == "紧急"
    assert severity_label("major", "en") == "major"
    assert state_label("failed", "zh") == "未达成"
    assert Target(3, "working_days").text("zh") == "3 个工作日"
    assert Target(3, "working_days").text("en") == "3 working days"
    assert Target(2.5, "working_hours").text("en") == "2.5 working hours"
    assert Target(24, "working_hours").text("zh") == "24 个工作小时"
    assert Target(2, "hours").text("en") == "2 hours"
    assert Target(2, "hours").text("zh") == "2 小时"
    assert Target(1234567, "hours").text("en") == "1234567 hours"  # no exponent
    assert [str(p.response) for p in SlaPolicies.default().policies] == [
        "24 hours",
        "12 hours",
        "2 hours",
    ]


@pytest.mark.parametrize("value", ["high", "", None, 3])
def test_an_unknown_severity_is_refused(value: object) -> None:
    with pytest.raises(DataValidationError) as err:
        parse_severity(value)
    assert err.value.code == "service.bad_severity"
    assert "紧急" in str(err.value)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # clock hours
        ("24 h", Target(24, "hours")),
        ("2h", Target(2, "hours")),
        ("24 H", Target(24, "hours")),
        ("1 hour", Target(1, "hours")),
        ("24 hours", Target(24, "hours")),
        ("4 hrs", Target(4, "hours")),
        ("24 clock hours", Target(24, "hours")),
        ("2 小时", Target(2, "hours")),
        ("2小时", Target(2, "hours")),
        ("2 个小时", Target(2, "hours")),
        ("2个小时", Target(2, "hours")),
        ({"hours": 3}, Target(3, "hours")),
        # working hours
        ("24 working hours", Target(24, "working_hours")),
        ("1 Working Hour", Target(1, "working_hours")),
        ("24 working_hours", Target(24, "working_hours")),
        ("24 工作小时", Target(24, "working_hours")),
        ("24个工作小时", Target(24, "working_hours")),
        ("8 工时", Target(8, "working_hours")),
        ("8wh", Target(8, "working_hours")),
        ({"working_hours": 12}, Target(12, "working_hours")),
        # working days
        ("3 working days", Target(3, "working_days")),
        ("1 working day", Target(1, "working_days")),
        ("3 days", Target(3, "working_days")),
        ("1 day", Target(1, "working_days")),
        ("0.5 d", Target(0.5, "working_days")),
        ("2 wd", Target(2, "working_days")),
        ("3 工作日", Target(3, "working_days")),
        ("3个工作日", Target(3, "working_days")),
        ("3 天", Target(3, "working_days")),
        ("3 日", Target(3, "working_days")),
        ("3 个工作天", Target(3, "working_days")),
        ({"working_days": 5}, Target(5, "working_days")),
        (Target(1, "hours"), Target(1, "hours")),
    ],
)
def test_targets_are_parsed(text: object, target: Target) -> None:
    assert Target.parse(text) == target
    assert Target.parse(str(target)) == target  # the file form reads back


@settings(max_examples=80)
@given(
    amount=st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(UNITS),
)
def test_every_target_reads_back_from_its_file_form(amount: float, unit: str) -> None:
    target = Target(amount, unit)
    assert Target.parse(str(target)) == target
    assert Target.parse({unit: amount}) == target


@pytest.mark.parametrize(
    "text",
    ["24", "three days", "24 minutes", "2 weeks", {"minutes": 3}, {"hours": 3, "d": 1}, [24]],
)
def test_bad_targets_are_refused(text: object) -> None:
    with pytest.raises(DataValidationError) as err:
        Target.parse(text, name="sla.urgent.response")
    assert err.value.code == "service.sla_bad_target"
    assert "sla.urgent.response" in str(err.value)


def test_a_target_of_zero_is_refused() -> None:
    with pytest.raises(DataValidationError, match="sla.urgent.response"):
        Target.parse("0 h", name="sla.urgent.response")
    with pytest.raises(DataValidationError, match="unit"):
        Target(1, "minutes")


def test_the_defaults() -> None:
    policies = SlaPolicies.default()
    assert policies.to_dict()["urgent"] == {
        "severity": "urgent",
        "response": {"amount": 2.0, "unit": "hours"},
        "resolution": {"amount": 24.0, "unit": "hours"},
    }
    assert policies.policy("一般") == SlaPolicy(
        "ordinary", Target(24, "hours"), Target(3, "working_days")
    )
    assert policies.policy("重大") == SlaPolicy(
        "major", Target(12, "hours"), Target(5, "working_days")
    )
    assert str(policies.policy("一般").resolution) == "3 working days"


def test_policies_from_a_mapping_replace_what_they_name() -> None:
    policies = SlaPolicies.from_mapping(
        {"紧急": {"response": "1 h"}, "major": {"resolution": {"working_days": 4}}}
    )
    assert policies.policy("urgent").response == Target(1, "hours")
    assert policies.policy("urgent").resolution == Target(24, "hours")  # kept
    assert policies.policy("major").resolution == Target(4, "working_days")
    assert policies.policy("ordinary") == SlaPolicies.default().policy("ordinary")
    # urgent Fri 17:00: response +1 h → Fri 18:00; resolution +24 h → Sat 17:00
    due = policies.deadlines(dt("2026-12-04 17:00"), "urgent", CN)
    assert (due.response_due, due.resolution_due) == (
        dt("2026-12-04 18:00"),
        dt("2026-12-05 17:00"),
    )


def test_policies_round_trip_through_the_file(tmp_path: Path) -> None:
    changed = SlaPolicies.from_mapping({"ordinary": {"response": "8 h"}})
    path = tmp_path / "service.toml"
    path.write_text(CN.to_toml() + "\n" + changed.to_toml(), encoding="utf-8")
    assert SlaPolicies.from_file(path) == changed
    assert WorkingCalendar.from_file(path) == CN  # the calendar ignores [sla]
    # all three units, fractions and a large amount come back equal
    every = SlaPolicies.from_mapping(
        {
            "ordinary": {"response": "36 h", "resolution": "2.5 working days"},
            "major": {"response": "7.5 working hours", "resolution": "1234567 小时"},
            "urgent": {"response": "0.25 h", "resolution": "16 工时"},
        }
    )
    text = every.to_toml()
    assert '[sla.major]\nresponse = "7.5 working hours"\nresolution = "1234567 hours"' in text
    path.write_text(CN.to_toml() + "\n" + text, encoding="utf-8")
    assert SlaPolicies.from_file(path) == every
    bare = tmp_path / "bare.toml"
    bare.write_text("", encoding="utf-8")
    assert SlaPolicies.from_file(bare) == SlaPolicies.default()


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({"ordinary": {"reply": "2 h"}}, "service.sla_bad_key"),
        ({"ordinary": {"response": "2"}}, "service.sla_bad_target"),
        ({"urgent": {}, "紧急": {}}, "service.sla_duplicate"),
        ({"low": {}}, "service.bad_severity"),
        ({"urgent": "2 h"}, "service.bad_type"),
    ],
)
def test_bad_policies_are_refused(mapping: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        SlaPolicies.from_mapping(mapping, source="service.toml")
    assert err.value.code == code


def test_a_target_past_the_year_9999_is_refused() -> None:
    for target in (Target(1e12, "hours"), Target(1e12, "working_days"), Target(1e8, "hours")):
        with pytest.raises(DataValidationError) as err:
            target.due(dt("2026-12-01 10:00"), CN)
        assert err.value.code == "service.deadline_out_of_range"


def test_policies_must_name_each_severity_once() -> None:
    default = SlaPolicies.default()
    with pytest.raises(DataValidationError) as err:
        SlaPolicies(default.policies[:2])
    assert err.value.code == "service.sla_severities"


def test_bad_files_and_tables(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        SlaPolicies.from_file(tmp_path / "missing.toml")
    assert err.value.code == "service.file_unreadable"
    path = tmp_path / "s.toml"
    path.write_text('sla = "fast"\n', encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        SlaPolicies.from_file(path)
    assert err.value.code == "service.bad_type"
    assert "s.toml" in str(err.value)


@pytest.mark.parametrize(
    "paused",
    [
        [(dt("2026-12-02 10:00"), dt("2026-12-01 10:00"))],  # ends before it starts
        [(dt("2026-12-02 10:00"),)],
        ["2026-12-02"],
    ],
)
def test_bad_pauses_are_refused(paused: list[object]) -> None:
    with pytest.raises(DataValidationError) as err:
        deadlines(dt("2026-12-01 10:00"), "urgent", CN, paused=paused)  # type: ignore[arg-type]
    assert err.value.code == "service.bad_pause"

"""SLA and root-cause reports on a small frame of complaints whose every count, rate and
hour is worked out by hand in the comments."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.service import (
    WorkingCalendar,
    overdue,
    root_causes,
    sla_report,
    sla_states,
    with_deadlines,
)

CN = WorkingCalendar.chinese()
NOW = datetime(2026, 12, 10, 12, 0)  # Thursday noon


def dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# id, team, category, severity, created, responded, resolved, response due, resolution due, status
ROWS = [
    # A urgent Fri 17:00: due Mon 10:00 / Wed 17:00; both met. Resolved in Fri 1 h + Mon 8
    # + Tue 8 + Wed 09–12, 13–16 (6) = 23 working hours
    ("A", "north", "delivery", "urgent", "2026-12-04 17:00", "2026-12-07 09:30",
     "2026-12-09 16:00", "2026-12-07 10:00", "2026-12-09 17:00", "closed"),
    # B ordinary Tue Dec 1 10:00: due Fri 10:00 / Fri 10:00; responded in time, resolved
    # Mon 10:00: resolution failed. Tue 7 + Wed 8 + Thu 8 + Fri 8 + Mon 1 = 32 h
    ("B", "north", "quality", "ordinary", "2026-12-01 10:00", "2026-12-01 11:00",
     "2026-12-07 10:00", "2026-12-04 10:00", "2026-12-04 10:00", "replied"),
    # C major Wed 10:00: due Thu 15:00 / Wed Dec 16 10:00; at Thu noon both running
    ("C", "south", "delivery", "major", "2026-12-09 10:00", None, None,
     "2026-12-10 15:00", "2026-12-16 10:00", "received"),
    # D ordinary Mon Nov 30 10:00: due Thu Dec 3 10:00 (both); nothing reached: both
    # failed, overdue since Dec 3 10:00
    ("D", "south", "delivery", "ordinary", "2026-11-30 10:00", None, None,
     "2026-12-03 10:00", "2026-12-03 10:00", "received"),
    # E urgent Mon 09:00: due Mon 11:00 / Wed 18:00; responded 12:30 (failed), not
    # resolved: failed, overdue since Wed 18:00 (the response was reached)
    ("E", None, "quality", "urgent", "2026-12-07 09:00", "2026-12-07 12:30", None,
     "2026-12-07 11:00", "2026-12-09 18:00", "investigating"),
    # F created after now: left out
    ("F", "north", "delivery", "urgent", "2026-12-10 15:00", None, None,
     "2026-12-10 17:00", "2026-12-14 17:00", "received"),
    # G without deadlines (an import without the export's): no targets
    ("G", "south", "billing", "ordinary", "2026-12-08 10:00", None, None, None, None,
     "received"),
]  # fmt: skip


def frame(rows: list[tuple[str | None, ...]] = ROWS) -> pl.DataFrame:
    names = [
        "complaint_id", "team", "category", "severity", "created_at", "responded_at",
        "resolved_at", "response_due", "resolution_due", "status",
    ]  # fmt: skip
    times = {"created_at", "responded_at", "resolved_at", "response_due", "resolution_due"}
    data = {
        name: [dt(r[i]) if name in times else r[i] for r in rows] for i, name in enumerate(names)
    }
    schema = {n: (pl.Datetime("us") if n in times else pl.String) for n in names}
    return pl.DataFrame(data, schema=schema)


def test_states_of_each_complaint() -> None:
    states = sla_states(frame(), now=NOW)
    got = {
        r[0]: r[1:]
        for r in states.select(
            "complaint_id", "response_state", "resolution_state", "sla_status", "overdue"
        ).iter_rows()
    }
    assert got == {
        "A": ("met", "met", "met", False),
        "B": ("met", "failed", "failed", False),
        "C": ("running", "running", "running", False),
        "D": ("failed", "failed", "failed", True),
        "E": ("failed", "failed", "failed", True),
        "F": ("running", "running", "running", False),  # kept here; reports drop it
        "G": (None, None, "none", False),
    }


def test_report_by_team() -> None:
    table = sla_report(frame(), now=NOW, calendar=CN, by="team")
    assert table.columns == [
        "team", "complaints", "met", "running", "failed", "response_failed",
        "resolution_failed", "failure_rate", "overdue_now", "resolved",
        "median_hours_to_resolve", "mean_hours_to_resolve",
    ]  # fmt: skip
    assert table.rows() == [
        # north: A met, B failed (resolution); both resolved in 23 and 32 h
        ("north", 2, 1, 0, 1, 0, 1, 0.5, 0, 2, 27.5, 27.5),
        # south: C running, D failed twice and overdue, G without targets
        ("south", 3, 0, 1, 1, 1, 1, 1 / 3, 1, 0, None, None),
        # no team: E
        (None, 1, 0, 0, 1, 1, 1, 1.0, 1, 0, None, None),
    ]


def test_report_by_month_and_category() -> None:
    table = sla_report(frame(), now=NOW, calendar=CN, by=("period", "category"), period="month")
    rows = {(r[0], r[1]): r[2:6] for r in table.rows()}  # complaints, met, running, failed
    assert rows == {
        ("2026-11", "delivery"): (1, 0, 0, 1),  # D
        ("2026-12", "billing"): (1, 0, 0, 0),  # G: no targets
        ("2026-12", "delivery"): (2, 1, 1, 0),  # A met, C running
        ("2026-12", "quality"): (2, 0, 0, 2),  # B, E
    }
    assert [r[:2] for r in table.rows()] == sorted(rows)


def test_report_as_of_an_earlier_day() -> None:
    # as of Mon Dec 7 09:45: A responded 09:30 (met), its resolution runs; B failed at
    # Fri 10:00 (resolved only at 10:00 today); E is not yet due (11:00); D failed
    earlier = datetime(2026, 12, 7, 9, 45)
    table = sla_report(frame(), now=earlier, calendar=CN, by="category")
    rows = {r[0]: (r[1], r[2], r[3], r[4], r[8], r[9]) for r in table.rows()}
    # complaints, met, running, failed, overdue_now, resolved
    assert rows == {"delivery": (2, 0, 1, 1, 1, 0), "quality": (2, 0, 1, 1, 1, 0)}


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("day", "2026-11-30"),
        ("week", "2026-W49"),  # Monday Nov 30 2026 opens ISO week 49
        ("month", "2026-11"),
        ("quarter", "2026-Q4"),
        ("year", "2026"),
    ],
)
def test_period_labels(period: str, label: str) -> None:
    table = sla_report(frame(ROWS[3:4]), now=NOW, calendar=CN, by="period", period=period)
    assert table["period"].to_list() == [label]


def test_the_overdue_list_latest_first() -> None:
    table = overdue(frame(), now=NOW, calendar=CN)
    assert table.columns == [
        "complaint_id", "team", "category", "severity", "status", "target", "due",
        "late_hours", "late_working_hours",
    ]  # fmt: skip
    shown = table.select("complaint_id", "target", "due", "late_hours", "late_working_hours")
    assert shown.rows() == [
        # D: late since Thu Dec 3 10:00: 7 days 2 h = 170 h; working: Thu 7, Fri, Mon,
        # Tue, Wed 8 each (39), Thu 09–12 (42)
        ("D", "response", dt("2026-12-03 10:00"), 170.0, 42.0),
        # E: response reached (late); the resolution is overdue since Wed 18:00:
        # 18 h; working: Thu 09:00–12:00 = 3 h
        ("E", "resolution", dt("2026-12-09 18:00"), 18.0, 3.0),
    ]  # fmt: skip
    assert "late_working_hours" not in overdue(frame(), now=NOW).columns


def test_root_causes_per_month() -> None:
    table = root_causes(frame(), period="month", now=NOW)
    assert table.rows() == [
        ("2026-11", "delivery", 1, 1.0),
        # December without F: A, C delivery; B, E quality; G billing
        ("2026-12", "delivery", 2, 0.4),
        ("2026-12", "quality", 2, 0.4),
        ("2026-12", "billing", 1, 0.2),
    ]
    everything = root_causes(frame(), period="year")  # no now: F counts
    assert everything.rows() == [
        ("2026", "delivery", 4, 4 / 7),
        ("2026", "quality", 2, 2 / 7),
        ("2026", "billing", 1, 1 / 7),
    ]


def test_root_causes_by_root_cause() -> None:
    data = frame().with_columns(pl.Series("root_cause", ["late truck"] * 4 + [None] * 3))
    table = root_causes(data, period="year", column="root_cause")
    assert table.rows() == [("2026", "late truck", 4, 4 / 7), ("2026", None, 3, 3 / 7)]


def test_missing_deadlines_are_computed() -> None:
    data = frame().filter(pl.col("complaint_id").is_in(["A", "G"]))
    data = data.with_columns(pl.col("severity").replace({"ordinary": "一般"}))
    filled = with_deadlines(data, calendar=CN)
    got = {r[0]: r[1:] for r in filled.select(
        "complaint_id", "response_due", "resolution_due", "uncovered_years"
    ).iter_rows()}  # fmt: skip
    assert got == {
        "A": (dt("2026-12-07 10:00"), dt("2026-12-09 17:00"), []),  # kept as given
        # G ordinary Tue Dec 8 10:00: response +24 h on the clock → Wed Dec 9 10:00;
        # resolution 3 working days = 24 working h: Tue 7, Wed 8 (15), Thu 8 (23),
        # Fri 09:00 + 1 h → Fri Dec 11 10:00
        "G": (dt("2026-12-09 10:00"), dt("2026-12-11 10:00"), []),
    }
    bare = pl.DataFrame(
        {"created_at": [datetime(2026, 12, 31, 17)] * 2, "severity": ["urgent", "一般"]},
        schema={"created_at": pl.Datetime("ns"), "severity": pl.String},
    )
    urgent, ordinary = with_deadlines(bare, calendar=CN).iter_rows(named=True)
    # urgent Thu Dec 31 17:00: +2 h → 19:00, +24 h → Fri Jan 1 2027 17:00, both on the
    # clock: the missing 2027 holidays cannot move them, nothing to flag
    assert (urgent["response_due"], urgent["resolution_due"]) == (
        dt("2026-12-31 19:00"),
        dt("2027-01-01 17:00"),
    )
    assert urgent["uncovered_years"] == []
    # ordinary: +24 h → Jan 1 2027 17:00; 3 working days: Thu 17–18 (1), Fri Jan 1
    # 2027 (9, no 2027 data: a weekday), Mon Jan 4 (17), Tue Jan 5 09–12 (20), 13:00 +
    # 4 h → Tue 17:00, through 2027
    assert (ordinary["response_due"], ordinary["resolution_due"]) == (
        dt("2027-01-01 17:00"),
        dt("2027-01-05 17:00"),
    )
    assert ordinary["uncovered_years"] == [2027]


def test_an_all_null_column_is_a_column_of_times() -> None:
    data = frame().with_columns(pl.lit(None).alias("responded_at"))
    assert sla_states(data, now=NOW)["response_state"].to_list()[:2] == ["failed", "failed"]


# -- refusals ----------------------------------------------------------------------------------


def test_text_times_are_refused() -> None:
    data = frame().with_columns(pl.col("created_at").dt.strftime("%Y-%m-%d"))
    with pytest.raises(DataValidationError) as err:
        sla_report(data, now=NOW, calendar=CN)
    assert err.value.code == "service.column_not_datetime"
    assert "created_at" in str(err.value)


def test_aware_columns_are_refused() -> None:
    data = frame().with_columns(pl.col("resolved_at").dt.replace_time_zone("Asia/Shanghai"))
    with pytest.raises(DataValidationError) as err:
        overdue(data, now=NOW)
    assert err.value.code == "service.aware_datetime"


def test_a_complaint_without_creation_time_is_refused() -> None:
    data = frame().with_columns(
        pl.when(pl.col("complaint_id") == "C").then(None).otherwise(pl.col("created_at"))
        .alias("created_at")
    )  # fmt: skip
    with pytest.raises(DataValidationError) as err:
        sla_states(data, now=NOW)
    assert err.value.code == "service.created_missing"
    assert "C" in str(err.value)


def test_bad_options_are_refused() -> None:
    with pytest.raises(DataValidationError, match="by"):
        sla_report(frame(), now=NOW, calendar=CN, by="customer")
    with pytest.raises(DataValidationError, match="period"):
        sla_report(frame(), now=NOW, calendar=CN, period="fortnight")
    with pytest.raises(DataValidationError, match="assignee"):
        sla_report(frame(), now=NOW, calendar=CN, by="assignee")  # not in this frame
    with pytest.raises(DataValidationError, match="resolution_due"):
        sla_states(frame().drop("resolution_due"), now=NOW)
    with pytest.raises(DataValidationError, match="column"):
        root_causes(frame(), column="team")
    with pytest.raises(DataValidationError, match="severity"):
        with_deadlines(frame().with_columns(pl.lit("low").alias("severity")), calendar=CN)

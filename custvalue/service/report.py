"""SLA and root-cause reports on a frame of complaints (docs/keeping.md §2; CONVENTIONS
§6, §8: pass/fail/in-progress counts and the failure rate by team and period).

The frame holds one row per complaint: ``complaint_id``, ``created_at``,
``responded_at``, ``resolved_at``, ``response_due``, ``resolution_due`` (naive
datetimes, the reached times null while not reached) and the columns grouped by
(``team``, ``category``, ``severity``, ``status`` …).

Rules
-----
* Each target's state is :func:`custvalue.service.sla.sla_state` as of ``now``:
  ``met``, ``failed`` or ``running``; null when the complaint has no due time for it.
  A complaint's ``sla_status`` is ``failed`` when a target failed, else ``running``
  when one runs, else ``met`` (``none`` without targets) — Odoo's red, white, green.
* A complaint is **overdue** at ``now`` when a target is not reached and its due time
  has passed; it is late by ``now`` − the earliest such due time.
* **Failure rate** = complaints with a failed target ÷ complaints.
* **Time to resolve** = working time from ``created_at`` to ``resolved_at`` on the
  calendar, in hours, over the complaints resolved by ``now``.
* The reached times decide, not ``status`` (which is only shown): a complaint is
  resolved when ``resolved_at`` is set and not after ``now``.
* Complaints created after ``now`` are left out (a report as of a past day sees what
  existed then); null group values form their own group.
* A **period** is the creation time's ``day`` (``2026-12-04``), ISO ``week``
  (``2026-W49``), ``month`` (``2026-12``), ``quarter`` (``2026-Q4``) or ``year``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import polars as pl

from custvalue._validation import check_choice, check_columns
from custvalue.exceptions import DataValidationError
from custvalue.service._times import naive
from custvalue.service.calendar import WorkingCalendar
from custvalue.service.sla import SlaPolicies, deadlines, parse_severity

__all__ = ["BY", "PERIODS", "overdue", "root_causes", "sla_report", "sla_states", "with_deadlines"]

BY = ("team", "category", "severity", "root_cause", "assignee", "channel", "status", "period")
PERIODS = ("day", "week", "month", "quarter", "year")
_TIMES = ("created_at", "responded_at", "resolved_at", "response_due", "resolution_due")
_TARGETS = (
    ("response", "responded_at", "response_due"),
    ("resolution", "resolved_at", "resolution_due"),
)


def _times(frame: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """``columns`` as naive datetimes (an all-null column of any type becomes one)."""
    casts = []
    for name in columns:
        dtype = frame.schema[name]
        if dtype == pl.Null or (frame[name].null_count() == frame.height and dtype != pl.Datetime):
            casts.append(pl.col(name).cast(pl.Datetime("us")))
        elif not isinstance(dtype, pl.Datetime):
            raise DataValidationError("service.column_not_datetime", column=name, dtype=str(dtype))
        elif dtype.time_zone is not None:
            raise DataValidationError(
                "service.aware_datetime", name=name, value=f"time zone {dtype.time_zone}"
            )
    frame = frame.with_columns(casts) if casts else frame
    if "created_at" in columns and frame["created_at"].null_count():
        first = frame.filter(pl.col("created_at").is_null())
        ident = first["complaint_id"][0] if "complaint_id" in frame.columns else None
        raise DataValidationError(
            "service.created_missing",
            count=frame["created_at"].null_count(),
            first=ident,
        )
    return frame


def _state(reached: str, due: str, now: datetime) -> pl.Expr:
    known = pl.col(reached).is_not_null() & (pl.col(reached) <= now)
    return (
        pl.when(pl.col(due).is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(known & (pl.col(reached) <= pl.col(due)))
        .then(pl.lit("met"))
        .when(known | (pl.lit(now) > pl.col(due)))
        .then(pl.lit("failed"))
        .otherwise(pl.lit("running"))
    )


def _open_late(reached: str, due: str, now: datetime) -> pl.Expr:
    """The due time when the target is not reached by ``now`` and is past it, else null."""
    unreached = pl.col(reached).is_null() | (pl.col(reached) > now)
    return pl.when(unreached & (pl.col(due) < now)).then(pl.col(due))


def sla_states(frame: pl.DataFrame, *, now: datetime) -> pl.DataFrame:
    """``frame`` with ``response_state``, ``resolution_state``, ``sla_status`` and
    ``overdue`` as of ``now`` (rules in the module docstring); every row is kept."""
    now = naive("now", now)
    check_columns(frame, _TIMES, frame_name="complaints")
    frame = _times(frame, _TIMES)
    states = [_state(r, d, now).alias(f"{name}_state") for name, r, d in _TARGETS]
    frame = frame.with_columns(states)
    either = [pl.col(f"{name}_state") for name, _, _ in _TARGETS]
    status = (
        pl.when(pl.any_horizontal(s == "failed" for s in either))
        .then(pl.lit("failed"))
        .when(pl.any_horizontal(s == "running" for s in either))
        .then(pl.lit("running"))
        .when(pl.any_horizontal(s == "met" for s in either))
        .then(pl.lit("met"))
        .otherwise(pl.lit("none"))
    )
    late = pl.min_horizontal(_open_late(r, d, now) for _, r, d in _TARGETS)
    return frame.with_columns(
        status.alias("sla_status"), late.is_not_null().fill_null(False).alias("overdue")
    )


def _period(period: str) -> pl.Expr:
    created = pl.col("created_at")
    if period == "quarter":
        return pl.format("{}-Q{}", created.dt.year(), created.dt.quarter())
    formats = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}
    return created.dt.strftime(formats[period])


def _groups(frame: pl.DataFrame, by: str | Sequence[str], period: str) -> list[str]:
    check_choice("period", period, PERIODS)
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        check_choice("by", key, BY)
    check_columns(frame, [k for k in keys if k != "period"], frame_name="complaints")
    return keys


def sla_report(
    frame: pl.DataFrame,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    by: str | Sequence[str] = ("team",),
    period: str = "month",
) -> pl.DataFrame:
    """Per group of ``by`` (any of :data:`BY`; ``period`` groups by the creation
    ``period``): ``complaints``, ``met``, ``running``, ``failed`` (by ``sla_status``),
    ``response_failed``, ``resolution_failed``, ``failure_rate``, ``overdue_now``,
    ``resolved``, ``median_hours_to_resolve`` and ``mean_hours_to_resolve`` (working
    hours on ``calendar``; null when none is resolved). Sorted by the group keys."""
    now = naive("now", now)
    keys = _groups(frame, by, period)
    states = sla_states(frame, now=now).filter(pl.col("created_at") <= now)
    if "period" in keys:
        states = states.with_columns(_period(period).alias("period"))
    resolved = pl.col("resolved_at").is_not_null() & (pl.col("resolved_at") <= now)
    hours = [
        calendar.working_time(c, r).total_seconds() / 3600 if r is not None and r <= now else None
        for c, r in states.select("created_at", "resolved_at").iter_rows()
    ]
    states = states.with_columns(pl.Series("hours", hours, dtype=pl.Float64))
    table = states.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("complaints"),
        (pl.col("sla_status") == "met").sum().cast(pl.Int64).alias("met"),
        (pl.col("sla_status") == "running").sum().cast(pl.Int64).alias("running"),
        (pl.col("sla_status") == "failed").sum().cast(pl.Int64).alias("failed"),
        (pl.col("response_state") == "failed").sum().cast(pl.Int64).alias("response_failed"),
        (pl.col("resolution_state") == "failed").sum().cast(pl.Int64).alias("resolution_failed"),
        pl.col("overdue").sum().cast(pl.Int64).alias("overdue_now"),
        resolved.sum().cast(pl.Int64).alias("resolved"),
        pl.col("hours").median().alias("median_hours_to_resolve"),
        pl.col("hours").mean().alias("mean_hours_to_resolve"),
    )
    table = table.with_columns(
        (pl.col("failed") / pl.col("complaints")).alias("failure_rate")
    ).select(
        *keys,
        "complaints",
        "met",
        "running",
        "failed",
        "response_failed",
        "resolution_failed",
        "failure_rate",
        "overdue_now",
        "resolved",
        "median_hours_to_resolve",
        "mean_hours_to_resolve",
    )
    return table.sort(keys, nulls_last=True)


def overdue(
    frame: pl.DataFrame, *, now: datetime, calendar: WorkingCalendar | None = None
) -> pl.DataFrame:
    """The complaints overdue at ``now``, the latest first: ``complaint_id``, the
    descriptive columns the frame has (``team``, ``category``, ``severity``,
    ``status``, ``assignee``), ``target`` (``response`` or ``resolution``: the missed
    one due first), ``due``, ``late_hours`` (elapsed) and, with ``calendar``,
    ``late_working_hours``."""
    now = naive("now", now)
    check_columns(frame, ["complaint_id"], frame_name="complaints")
    states = sla_states(frame, now=now).filter(pl.col("created_at") <= now, pl.col("overdue"))
    response = _open_late("responded_at", "response_due", now)
    resolution = _open_late("resolved_at", "resolution_due", now)
    states = states.with_columns(response.alias("_r"), resolution.alias("_s"))
    target = (
        pl.when(
            pl.col("_r").is_not_null() & (pl.col("_s").is_null() | (pl.col("_r") <= pl.col("_s")))
        )
        .then(pl.lit("response"))
        .otherwise(pl.lit("resolution"))
    )
    states = states.with_columns(target.alias("target"))
    states = states.with_columns(
        pl.when(pl.col("target") == "response")
        .then(pl.col("_r"))
        .otherwise(pl.col("_s"))
        .alias("due")
    )
    states = states.with_columns(
        ((pl.lit(now) - pl.col("due")).dt.total_microseconds() / 3_600_000_000).alias("late_hours")
    )
    described = [
        c for c in ("team", "category", "severity", "status", "assignee") if c in frame.columns
    ]
    columns = ["complaint_id", *described, "target", "due", "late_hours"]
    if calendar is not None:
        late = [calendar.working_time(d, now).total_seconds() / 3600 for d in states["due"]]
        states = states.with_columns(pl.Series("late_working_hours", late, dtype=pl.Float64))
        columns.append("late_working_hours")
    return states.select(columns).sort(["late_hours", "complaint_id"], descending=[True, False])


def root_causes(
    frame: pl.DataFrame,
    *,
    period: str = "month",
    column: str = "category",
    now: datetime | None = None,
) -> pl.DataFrame:
    """Complaints per ``period`` and ``column`` value (``category`` or ``root_cause``):
    ``period``, the value, ``complaints`` and ``share`` of the period's complaints;
    sorted by period, then the most frequent first. With ``now``, complaints created
    after it are left out."""
    check_choice("period", period, PERIODS)
    check_choice("column", column, ("category", "root_cause"))
    check_columns(frame, ["created_at", column], frame_name="complaints")
    frame = _times(frame, ["created_at"])
    if now is not None:
        frame = frame.filter(pl.col("created_at") <= naive("now", now))
    counts = (
        frame.with_columns(_period(period).alias("period"))
        .group_by("period", column)
        .agg(pl.len().cast(pl.Int64).alias("complaints"))
    )
    counts = counts.with_columns(
        (pl.col("complaints") / pl.col("complaints").sum().over("period")).alias("share")
    )
    return counts.sort(
        ["period", "complaints", column], descending=[False, True, False], nulls_last=True
    )


def with_deadlines(
    frame: pl.DataFrame, *, calendar: WorkingCalendar, policies: SlaPolicies | None = None
) -> pl.DataFrame:
    """``frame`` with its null ``response_due`` / ``resolution_due`` computed from
    ``created_at`` and ``severity`` (the columns added when missing), as the store does
    for imported complaints without an export's deadlines. Adds ``uncovered_years``:
    for each computed row, the years its deadlines run through that ``calendar`` does
    not cover (empty for given deadlines)."""
    check_columns(frame, ["created_at", "severity"], frame_name="complaints")
    for name in ("response_due", "resolution_due"):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Datetime("us")).alias(name))
    frame = _times(frame, ["created_at", "response_due", "resolution_due"])
    chosen = policies if policies is not None else SlaPolicies.default()
    response: list[datetime] = []
    resolution: list[datetime] = []
    uncovered: list[list[int]] = []
    rows = frame.select("created_at", "severity", "response_due", "resolution_due").iter_rows()
    for created, severity, given_response, given_resolution in rows:
        if given_response is not None and given_resolution is not None:
            response.append(given_response)
            resolution.append(given_resolution)
            uncovered.append([])
            continue
        due = deadlines(created, parse_severity(severity), calendar, policies=chosen)
        response.append(given_response if given_response is not None else due.response_due)
        resolution.append(given_resolution if given_resolution is not None else due.resolution_due)
        uncovered.append(list(due.uncovered_years))
    return frame.with_columns(
        pl.Series("response_due", response, dtype=pl.Datetime("us")),
        pl.Series("resolution_due", resolution, dtype=pl.Datetime("us")),
        pl.Series("uncovered_years", uncovered, dtype=pl.List(pl.Int64)),
    )

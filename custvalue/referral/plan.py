"""The customer doubling plan (客户倍增计划): multiply the customer base by ``factor``
(default 2) in ``periods`` months, quarters or years from ``start``, and how far the
referrals have carried it.

Rules:

- the **base** is the customers acquired before ``start``; period *t* (1 … N) runs from
  ``start + (t − 1)`` units to ``start + t`` units (end excluded; a month from the 31st
  ends on the last day of a shorter month);
- **new** customers are those acquired in the period, **referred** those of them with a
  ``referred_by``; **cumulative** = base + new customers so far; **growth** =
  cumulative / base;
- the **required path** is geometric: growth k^(t/N) at the end of period *t*, so the
  plan reaches k at N; ``required_now`` is the path at the point the data reach (the end
  of a finished period; for the period ``as_of`` falls in, k^((t − 1 + f)/N) with f the
  share of its days up to and including ``as_of``); **on track** when cumulative ≥
  base × required_now. Periods after ``as_of`` are ``future``: counts and flag null;
- the **generation** of a customer is 0 when nobody referred them, else the referrer's
  generation + 1 (a referrer who is not in the list counts as generation 0): generation 2
  is a customer referred by a referred customer. A loop in ``referred_by`` is refused
  (``referral.referral_cycle``).

Only customers acquired up to ``as_of`` count (default: the latest ``acquired_at``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from custvalue._validation import check_choice, check_columns, check_number, check_unique
from custvalue.exceptions import DataValidationError
from custvalue.referral._frames import ResultDict, filled, ids, to_date

__all__ = ["UNITS", "Goal", "Progress", "add_months", "plan_progress"]

#: period units and their length in months
UNITS: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}
#: slack of the on-track comparison (floating-point path values)
TOLERANCE = 1e-9


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, the day clipped to the month's end.

    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Goal:
    """Multiply the base by ``factor`` (> 1) in ``periods`` (1 … 1200) ``unit``
    (:data:`UNITS`) from ``start``."""

    start: date
    periods: int
    unit: str = "quarter"
    factor: float = 2.0

    def __post_init__(self) -> None:
        if not isinstance(self.start, date):
            raise DataValidationError("referral.bad_start", got=repr(self.start))
        if isinstance(self.start, datetime):
            object.__setattr__(self, "start", self.start.date())
        check_number("periods", self.periods, minimum=1, maximum=1200, integer=True)
        check_choice("unit", self.unit, UNITS)
        check_number("factor", self.factor, above=1, maximum=1000)

    def bounds(self) -> list[tuple[int, date, date]]:
        """``(t, start, end)`` of every period (``end`` excluded)."""
        step = UNITS[self.unit]
        return [
            (t, add_months(self.start, (t - 1) * step), add_months(self.start, t * step))
            for t in range(1, int(self.periods) + 1)
        ]

    def path(self, elapsed: float) -> float:
        """The required growth after ``elapsed`` periods: factor ** (elapsed / periods)."""
        return float(self.factor ** (elapsed / self.periods))

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "periods": self.periods,
            "unit": self.unit,
            "factor": self.factor,
        }


@dataclass(frozen=True)
class Progress(ResultDict):
    """Where the plan stands at ``as_of``.

    ``periods``: one row per period: ``period, start, end, status`` (done / current /
    future), ``new, referred, referred_share, cumulative, growth, required_growth``
    (the path at the period's end), ``required_now, target_customers`` (base ×
    required_growth), ``gap`` (cumulative − base × required_now), ``on_track``,
    ``max_generation``; ``referrers``: ``referrer_id, referred`` (in the plan so far),
    ``referred_total`` (ever), ``generation``; ``generations``: ``generation, customers,
    in_plan``. ``cumulative``, ``growth``, ``required_now`` and ``on_track`` repeat the
    latest period that has started (null before the start)."""

    goal: Goal
    as_of: date
    base: int
    target: float
    cumulative: int | None
    growth: float | None
    required_now: float | None
    on_track: bool | None
    max_depth: int
    periods: pl.DataFrame
    referrers: pl.DataFrame
    generations: pl.DataFrame


def _generations(referrer_of: dict[str, str | None]) -> dict[str, int]:
    """The generation of every customer (walking up each chain once); a loop is refused."""
    depth: dict[str, int] = {}
    for first in referrer_of:
        chain: list[str] = []
        node: str | None = first
        while node is not None and node in referrer_of and node not in depth:
            if node in chain:
                loop = [*chain[chain.index(node) :], node]
                raise DataValidationError(
                    "referral.referral_cycle", customer_id=node, chain=" → ".join(loop)
                )
            chain.append(node)
            node = referrer_of[node]
        # the top of the chain: nobody (-1 + 1 = generation 0), a known generation, or a
        # referrer outside the list (generation 0)
        level = -1 if node is None else depth.get(node, 0)
        for customer in reversed(chain):
            level += 1
            depth[customer] = level
    return depth


def plan_progress(
    customers: pl.DataFrame, goal: Goal, *, as_of: date | datetime | None = None
) -> Progress:
    """The plan period by period (rules: the module docstring).

    ``customers``: ``customer_id, acquired_at`` (date or datetime), ``referred_by``
    (null, or who referred them). Refused: no customer before the start
    (``referral.empty_base``: the plan multiplies a base), a loop of referrals."""
    if not isinstance(goal, Goal):
        raise DataValidationError(
            "validation.choice", name="goal", got=type(goal).__name__, allowed="Goal"
        )
    check_columns(customers, ["customer_id", "acquired_at", "referred_by"], frame_name="customers")
    filled(customers, ["customer_id", "acquired_at"], frame_name="customers")
    frame = customers.select(
        ids("customer_id"),
        to_date(customers, "acquired_at", frame_name="customers"),
        ids("referred_by"),
    )
    check_unique(frame, "customer_id")
    if as_of is None:
        latest = frame["acquired_at"].max()
        day = latest if isinstance(latest, date) else goal.start
    else:
        day = as_of.date() if isinstance(as_of, datetime) else as_of
    frame = frame.filter(pl.col("acquired_at") <= day)
    referrer_of = dict(zip(frame["customer_id"], frame["referred_by"], strict=True))
    depth = _generations(referrer_of)
    frame = frame.with_columns(
        pl.col("customer_id").replace_strict(depth, return_dtype=pl.Int64).alias("generation")
    )
    base = frame.filter(pl.col("acquired_at") < goal.start).height
    if base == 0:
        raise DataValidationError("referral.empty_base", start=goal.start.isoformat())
    rows: list[dict[str, Any]] = []
    cumulative = base
    next_day = day + timedelta(days=1)
    for t, start, end in goal.bounds():
        share = (next_day - start).days / (end - start).days
        f = min(max(share, 0.0), 1.0)
        status = "done" if f >= 1 else ("future" if f <= 0 else "current")
        required = goal.path(t)
        row: dict[str, Any] = {
            "period": t,
            "start": start,
            "end": end,
            "status": status,
            "required_growth": required,
            "target_customers": base * required,
        }
        if status == "future":
            rows.append(row)
            continue
        inside = frame.filter((pl.col("acquired_at") >= start) & (pl.col("acquired_at") < end))
        new = inside.height
        referred = inside.filter(pl.col("referred_by").is_not_null()).height
        cumulative += new
        now = goal.path(t - 1 + f)
        reached = frame.filter(pl.col("acquired_at") < end)["generation"].max()
        row.update(
            new=new,
            referred=referred,
            referred_share=referred / new if new else None,
            cumulative=cumulative,
            growth=cumulative / base,
            required_now=now,
            gap=cumulative - base * now,
            on_track=cumulative >= base * now - TOLERANCE,
            max_generation=reached if isinstance(reached, int) else 0,
        )
        rows.append(row)
    periods = pl.DataFrame(
        rows,
        schema={
            "period": pl.Int64,
            "start": pl.Date,
            "end": pl.Date,
            "status": pl.String,
            "new": pl.Int64,
            "referred": pl.Int64,
            "referred_share": pl.Float64,
            "cumulative": pl.Int64,
            "growth": pl.Float64,
            "required_growth": pl.Float64,
            "required_now": pl.Float64,
            "target_customers": pl.Float64,
            "gap": pl.Float64,
            "on_track": pl.Boolean,
            "max_generation": pl.Int64,
        },
        orient="row",
    )
    plan_end = goal.bounds()[-1][2]
    in_plan = (pl.col("acquired_at") >= goal.start) & (pl.col("acquired_at") < plan_end)
    generation_of = frame.select(pl.col("customer_id").alias("referrer_id"), "generation")
    referrers = (
        frame.filter(pl.col("referred_by").is_not_null())
        .group_by(pl.col("referred_by").alias("referrer_id"))
        .agg(
            in_plan.sum().cast(pl.Int64).alias("referred"),
            pl.len().cast(pl.Int64).alias("referred_total"),
        )
        .join(generation_of, on="referrer_id", how="left")
        .sort(["referred", "referred_total", "referrer_id"], descending=[True, True, False])
    )
    generations = (
        frame.group_by("generation")
        .agg(
            pl.len().cast(pl.Int64).alias("customers"),
            in_plan.sum().cast(pl.Int64).alias("in_plan"),
        )
        .sort("generation")
    )
    started = periods.filter(pl.col("status") != "future")
    last = started.row(-1, named=True) if started.height else None
    return Progress(
        goal=goal,
        as_of=day,
        base=base,
        target=base * float(goal.factor),
        cumulative=last["cumulative"] if last else None,
        growth=last["growth"] if last else None,
        required_now=last["required_now"] if last else None,
        on_track=last["on_track"] if last else None,
        max_depth=max(depth.values(), default=0),
        periods=periods,
        referrers=referrers,
        generations=generations,
    )

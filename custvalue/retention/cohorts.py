"""Observed retention by acquisition cohort, and its sBG projection.

**Orders.** A frame ``customer_id, ordered_at (date or datetime), amount_cents (int)``.
A row with ``amount_cents > 0`` is an *order*; a row ≤ 0 (a refund, a correction) counts
in revenue but makes nobody active. Rows after ``as_of`` are left out.

**Cohorts.** A customer's cohort is the period (year, quarter or month) of the first
order; the tenure of a row is ``period(row) − period(first order)`` (0 = the acquisition
period). Rows before the first order (a refund of nothing) are left out.

**The incomplete last period is dropped.** ``as_of`` (default: the latest date in the
orders) usually falls inside a period that has not ended; its rows would make retention
look lower than it is (the year is not over). Every period whose last day is after
``as_of`` is dropped — its orders, and the customers acquired in it — and the result
names it (:attr:`Cohorts.partial`). Pass ``as_of`` on a period's last day (31 December
for years) to keep that period.

**Per cohort and tenure t** (:attr:`Cohorts.cells`):

* ``customers`` — the cohort's size; ``active`` — those with an order in period t;
  ``active_share = active / customers`` (the observed retention r_t: share of the cohort
  buying t periods after acquisition, whatever they did in between);
* ``surviving`` — those with an order in *every* period 1 … t (never lapsed yet; at t = 0
  everyone); ``survival = surviving / customers``; ``retention_rate =
  surviving_t / surviving_{t−1}`` (the share of last period's survivors who stayed: the
  contractual retention the simulator and the sBG model use);
* ``revenue_cents`` (net of refunds) and, with a costs frame, ``cost_cents``; each also
  per active customer, rounded to the cent.

**Pooled over cohorts** (:attr:`Cohorts.pooled`), only observed cells, each cohort weighted
by its size: ``active_share_t = Σ active / Σ customers`` over the cohorts observed at t;
``retention_rate_t = Σ surviving_t / Σ surviving_{t−1}`` over the same cohorts; and
``survival_t = Π_{k ≤ t} retention_rate_k`` (the chained, Kaplan–Meier way: every cohort
tells about every tenure it reached, and the curve never rises). Revenue and cost per
active customer by tenure are ``Σ revenue / Σ active``.

**Costs** (optional): ``customer_id, cost_date, amount_cents`` — service cost of each
customer, placed at its tenure like an order. Costs of customers without an order, before
the period of their first order, in the dropped period or after ``as_of`` are not counted; how many
rows were left out so is :attr:`Cohorts.costs_left_out`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from custvalue._validation import check_choice, check_number
from custvalue.exceptions import DataValidationError
from custvalue.output import jsonable
from custvalue.retention.checks import check_date, check_orders
from custvalue.retention.periods import (
    PERIODS,
    Period,
    last_complete,
    period_index,
    period_label,
    period_start,
)

__all__ = ["Cohorts", "SbgRetention", "observed_retention", "sbg_retention"]

#: the longest sBG projection, in periods after acquisition
MAX_PROJECTION = 200


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [jsonable(row) for row in frame.to_dicts()]


@dataclass(frozen=True)
class Cohorts:
    """Observed retention (see the module docstring for every column).

    ``partial`` is the label of the period ``as_of`` falls in when that period is not
    complete (dropped), else ``None``; ``orders_left_out`` counts the order rows dropped
    for being in it or after ``as_of``; ``costs_left_out`` the cost rows not counted
    (``None`` without a costs frame)."""

    period: Period
    as_of: date
    last_complete: str
    partial: str | None
    customers: int
    cells: pl.DataFrame
    pooled: pl.DataFrame
    orders_left_out: int
    costs_left_out: int | None

    def retention_by_tenure(self) -> tuple[float, ...]:
        """Pooled ``retention_rate`` for tenure 1, 2, … (as far as observed): the
        ``retention`` sequence of :class:`~custvalue.retention.simulator.Assumptions`
        when the period is a year (stops at the first tenure without survivors)."""
        rates = self.pooled.filter(pl.col("tenure") >= 1)["retention_rate"].to_list()
        out: list[float] = []
        for rate in rates:
            if rate is None:
                break
            out.append(float(rate))
        return tuple(out)

    def revenue_by_tenure(self) -> tuple[int, ...]:
        """Pooled revenue per active customer for tenure 0, 1, … (cents; a tenure where
        nobody was active repeats the one before)."""
        out: list[int] = []
        for value in self.pooled["revenue_per_active_cents"].to_list():
            out.append(int(value) if value is not None else (out[-1] if out else 0))
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the period, dates, the cells and the pooled curve."""
        return {
            "period": self.period,
            "as_of": self.as_of.isoformat(),
            "last_complete": self.last_complete,
            "partial": self.partial,
            "customers": self.customers,
            "orders_left_out": self.orders_left_out,
            "costs_left_out": self.costs_left_out,
            "cells": _records(self.cells),
            "pooled": _records(self.pooled),
        }


def _per_active(total: str, out: str) -> pl.Expr:
    return (
        pl.when(pl.col("active") > 0)
        .then((pl.col(total) / pl.col("active")).round(0))
        .otherwise(None)
        .cast(pl.Int64)
        .alias(out)
    )


def observed_retention(
    orders: pl.DataFrame,
    *,
    period: Period = "year",
    as_of: date | None = None,
    costs: pl.DataFrame | None = None,
) -> Cohorts:
    """Retention, revenue and (with ``costs``) service cost by cohort and tenure.

    Raises ``retention.no_orders`` when no order (amount > 0) is on or before ``as_of``
    and ``retention.no_complete_period`` when every order is in the dropped period."""
    check_choice("period", period, PERIODS)
    rows = check_orders(orders)
    cut = check_date("as_of", as_of) if as_of is not None else rows["day"].max()
    if not isinstance(cut, date):
        raise DataValidationError("retention.no_orders", as_of="—")
    last = last_complete(cut, period)
    current = last + 1
    partial = period_label(current, period) if period_start(current, period) <= cut else None
    dated = rows.with_columns(period_index(pl.col("day"), period).alias("p"))
    kept = dated.filter((pl.col("day") <= cut) & (pl.col("p") <= last))
    if dated.filter((pl.col("day") <= cut) & (pl.col("amount_cents") > 0)).is_empty():
        raise DataValidationError("retention.no_orders", as_of=cut.isoformat())
    first = (
        kept.filter(pl.col("amount_cents") > 0)
        .group_by("customer_id")
        .agg(pl.col("p").min().alias("cohort_p"))
    )
    if first.is_empty():
        raise DataValidationError(
            "retention.no_complete_period",
            as_of=cut.isoformat(),
            partial=partial or period_label(current, period),
        )
    placed = (
        kept.join(first, on="customer_id", how="inner")
        .with_columns((pl.col("p") - pl.col("cohort_p")).alias("tenure"))
        .filter(pl.col("tenure") >= 0)
    )
    cells = _cells(placed, first, last)
    costs_left_out: int | None = None
    if costs is not None:
        cost_rows = check_orders(costs, frame_name="costs", date_name="cost_date")
        placed_costs = (
            cost_rows.with_columns(period_index(pl.col("day"), period).alias("p"))
            .filter((pl.col("day") <= cut) & (pl.col("p") <= last))
            .join(first, on="customer_id", how="inner")
            .with_columns((pl.col("p") - pl.col("cohort_p")).alias("tenure"))
            .filter(pl.col("tenure") >= 0)
        )
        costs_left_out = cost_rows.height - placed_costs.height
        cost_cells = placed_costs.group_by("cohort_p", "tenure").agg(
            pl.col("amount_cents").sum().alias("cost_cents")
        )
        cells = cells.join(cost_cells, on=["cohort_p", "tenure"], how="left").with_columns(
            pl.col("cost_cents").fill_null(0)
        )
    else:
        cells = cells.with_columns(pl.lit(None, dtype=pl.Int64).alias("cost_cents"))
    cells = cells.sort("cohort_p", "tenure")
    pooled = _pooled(cells)
    labels = {p: period_label(p, period) for p in cells["cohort_p"].unique().to_list()}
    starts = {p: period_start(p, period) for p in labels}
    cells = cells.with_columns(
        pl.col("cohort_p").replace_strict(labels, return_dtype=pl.String).alias("cohort"),
        pl.col("cohort_p").replace_strict(starts, return_dtype=pl.Date).alias("cohort_start"),
        _per_active("revenue_cents", "revenue_per_active_cents"),
        _per_active("cost_cents", "cost_per_active_cents"),
    ).select(
        "cohort",
        "cohort_start",
        "tenure",
        "customers",
        "active",
        "active_share",
        "surviving",
        "survival",
        "retention_rate",
        "revenue_cents",
        "revenue_per_active_cents",
        "cost_cents",
        "cost_per_active_cents",
    )
    return Cohorts(
        period=period,
        as_of=cut,
        last_complete=period_label(last, period),
        partial=partial,
        customers=first.height,
        cells=cells,
        pooled=pooled,
        orders_left_out=rows.height - kept.height,
        costs_left_out=costs_left_out,
    )


def _cells(placed: pl.DataFrame, first: pl.DataFrame, last: int) -> pl.DataFrame:
    """One row per cohort and observed tenure: sizes, active, surviving, revenue."""
    active_rows = (
        placed.filter(pl.col("amount_cents") > 0)
        .select("customer_id", "cohort_p", "tenure")
        .unique()
        .sort("customer_id", "tenure")
    )
    # the leading run of consecutive active tenures 0, 1, 2, …: tenure k is the k-th
    # distinct active tenure exactly while there has been no gap
    runs = (
        active_rows.with_columns(pl.int_range(pl.len()).over("customer_id").alias("k"))
        .group_by("customer_id", "cohort_p")
        .agg(((pl.col("tenure") == pl.col("k")).sum() - 1).alias("run"))
        .group_by("cohort_p", "run")
        .agg(pl.len().alias("n"))
    )
    grid = (
        first.group_by("cohort_p")
        .agg(pl.len().alias("customers"))
        .with_columns(pl.int_ranges(0, last - pl.col("cohort_p") + 1).alias("tenure"))
        .explode("tenure")
        .with_columns(pl.col("tenure").cast(pl.Int64), pl.col("customers").cast(pl.Int64))
    )
    surviving = (
        grid.join(runs, on="cohort_p", how="inner")
        .filter(pl.col("run") >= pl.col("tenure"))
        .group_by("cohort_p", "tenure")
        .agg(pl.col("n").sum().cast(pl.Int64).alias("surviving"))
    )
    active = active_rows.group_by("cohort_p", "tenure").agg(pl.len().cast(pl.Int64).alias("active"))
    revenue = placed.group_by("cohort_p", "tenure").agg(
        pl.col("amount_cents").sum().alias("revenue_cents")
    )
    keys = ["cohort_p", "tenure"]
    return (
        grid.join(active, on=keys, how="left")
        .join(surviving, on=keys, how="left")
        .join(revenue, on=keys, how="left")
        .with_columns(pl.col("active", "surviving", "revenue_cents").fill_null(0))
        .sort(keys)
        .with_columns(
            (pl.col("active") / pl.col("customers")).alias("active_share"),
            (pl.col("surviving") / pl.col("customers")).alias("survival"),
            pl.col("surviving").shift(1).over("cohort_p").alias("surviving_before"),
        )
        .with_columns(
            pl.when(pl.col("surviving_before") > 0)
            .then(pl.col("surviving") / pl.col("surviving_before"))
            .otherwise(None)
            .alias("retention_rate")
        )
    )


def _pooled(cells: pl.DataFrame) -> pl.DataFrame:
    """The cohorts pooled by tenure (see the module docstring)."""
    sums = (
        cells.group_by("tenure")
        .agg(
            pl.len().alias("cohorts"),
            pl.col("customers").sum(),
            pl.col("active").sum(),
            pl.col("surviving").sum(),
            pl.col("surviving_before").sum(),
            pl.col("revenue_cents").sum(),
            pl.col("cost_cents").sum().alias("cost_sum"),
            pl.col("cost_cents").is_null().all().alias("no_costs"),
        )
        .sort("tenure")
        .with_columns(
            pl.when(pl.col("no_costs"))
            .then(None)
            .otherwise(pl.col("cost_sum"))
            .cast(pl.Int64)
            .alias("cost_cents"),
            (pl.col("active") / pl.col("customers")).alias("active_share"),
            pl.when((pl.col("tenure") > 0) & (pl.col("surviving_before") > 0))
            .then(pl.col("surviving") / pl.col("surviving_before"))
            .otherwise(None)
            .alias("retention_rate"),
        )
    )
    survival: list[float | None] = []
    level: float | None = 1.0
    for tenure, rate in zip(
        sums["tenure"].to_list(), sums["retention_rate"].to_list(), strict=True
    ):
        if tenure > 0:
            level = None if level is None or rate is None else level * rate
        survival.append(level)
    return sums.with_columns(
        pl.Series("survival", survival, dtype=pl.Float64),
        _per_active("revenue_cents", "revenue_per_active_cents"),
        _per_active("cost_cents", "cost_per_active_cents"),
    ).select(
        "tenure",
        pl.col("cohorts").cast(pl.Int64),
        "customers",
        "active",
        "active_share",
        "surviving",
        "survival",
        "retention_rate",
        "revenue_cents",
        "revenue_per_active_cents",
        "cost_cents",
        "cost_per_active_cents",
    )


@dataclass(frozen=True)
class SbgRetention:
    """The sBG model fitted to the cohorts' survival counts, and its projection.

    ``frame``: ``tenure`` 0 … ``periods`` (or the longest observed tenure, if longer);
    ``observed_survival`` and ``observed_retention_rate`` (pooled, null where no cohort
    reached that tenure); ``survival`` S(t) and ``retention_rate`` r(t) of the fitted
    model; ``projected`` (true beyond the observed tenures)."""

    alpha: float
    beta: float
    log_likelihood: float
    cohorts_used: int
    observed_periods: int
    frame: pl.DataFrame

    def retention_by_tenure(self) -> tuple[float, ...]:
        """The fitted r(1), r(2), … (to the end of :attr:`frame`): a ``retention`` sequence for
        :class:`~custvalue.retention.simulator.Assumptions` (yearly cohorts)."""
        rates = self.frame.filter(pl.col("tenure") >= 1)["retention_rate"].to_list()
        return tuple(float(r) for r in rates)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: parameters, fit and the curve."""
        return {
            "model": "sbg",
            "alpha": self.alpha,
            "beta": self.beta,
            "log_likelihood": jsonable(self.log_likelihood),
            "cohorts_used": self.cohorts_used,
            "observed_periods": self.observed_periods,
            "curve": _records(self.frame),
        }


def _survival_counts(cohorts: Cohorts) -> list[list[int]]:
    counts: list[list[int]] = []
    for part in cohorts.cells.partition_by("cohort", maintain_order=True):
        values = part.sort("tenure")["surviving"].to_list()
        if len(values) >= 2:
            counts.append([int(v) for v in values])
    return counts


def sbg_retention(cohorts: Cohorts, *, periods: int = 10, penalizer: float = 0.0) -> SbgRetention:
    """Fit the shifted-beta-geometric model (:mod:`custvalue.clv.sbg`) to every cohort's
    survival counts ``[customers, surviving_1, …, surviving_k]`` jointly (one likelihood
    pooled over the cohorts, each observed as far as it is), and project S(t) and
    r(t) = (β + t − 1)/(α + β + t − 1) to ``periods`` (whole, 1 to 200) periods after
    acquisition — further than observed when ``periods`` is larger.

    Raises ``retention.too_few_periods`` when no cohort is observed one period after
    its acquisition; the model's own refusals (``clv.degenerate`` when nobody was ever
    lost — fit with a small ``penalizer`` — and ``clv.sbg_one_period``) pass through."""
    from custvalue.clv.sbg import ShiftedBetaGeometricModel  # SciPy: only when fitting

    if not isinstance(cohorts, Cohorts):
        raise DataValidationError("retention.not_cohorts", got=type(cohorts).__name__)
    horizon = int(check_number("periods", periods, minimum=1, maximum=MAX_PROJECTION, integer=True))
    counts = _survival_counts(cohorts)
    if not counts:
        raise DataValidationError("retention.too_few_periods", last_complete=cohorts.last_complete)
    model = ShiftedBetaGeometricModel(penalizer=penalizer).fit(counts)
    observed = max(len(c) for c in counts) - 1
    last = max(horizon, observed)
    tenure = list(range(last + 1))
    survival = model.survival(tenure)
    rates = model.retention_rate(tenure[1:])
    seen = cohorts.pooled.select(
        "tenure",
        pl.col("survival").alias("observed_survival"),
        pl.col("retention_rate").alias("observed_retention_rate"),
    )
    frame = (
        pl.DataFrame(
            {
                "tenure": pl.Series(tenure, dtype=pl.Int64),
                "survival": survival.tolist(),
                "retention_rate": [None, *rates.tolist()],
            },
            schema={"tenure": pl.Int64, "survival": pl.Float64, "retention_rate": pl.Float64},
        )
        .join(seen, on="tenure", how="left")
        .with_columns((pl.col("tenure") > observed).alias("projected"))
        .select(
            "tenure",
            "observed_survival",
            "observed_retention_rate",
            "survival",
            "retention_rate",
            "projected",
        )
        .sort("tenure")
    )
    return SbgRetention(
        alpha=model.params_["alpha"],
        beta=model.params_["beta"],
        log_likelihood=float(model.log_likelihood_),
        cohorts_used=len(counts),
        observed_periods=observed,
        frame=frame,
    )

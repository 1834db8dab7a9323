"""Evidence a manager can check: calibration/holdout fit, tracking, and matrices.

- :func:`holdout_evaluation` — per customer, purchases predicted for the holdout from the
  calibration history vs purchases made (MAE, RMSE, totals and their error), and the
  classic table of mean holdout purchases by calibration frequency (Fader, Hardie &
  Lee 2005, fig. 4);
- :func:`tracking` — cumulative repeat purchases by period, actual vs the model's
  ``Σ_i E[X(s − s_i)]`` (a new customer's expected purchases, ``expected_purchases_new_customer``)
  at each period end ``s``, over each customer's first purchase time ``s_i``;
- :func:`probability_alive_matrix` / :func:`frequency_recency_matrix` — P(alive) and
  expected purchases on a grid of (frequency, recency) at a given T, for heat maps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import polars as pl

from custvalue._validation import check_columns, check_number, check_numbers
from custvalue.clv.base import check_purchase_model, finite, numbers
from custvalue.clv.summary import UNITS, check_period
from custvalue.exceptions import DataValidationError

__all__ = [
    "MAX_GRID",
    "frequency_recency_matrix",
    "holdout_evaluation",
    "probability_alive_matrix",
    "tracking",
]

#: the largest grid side of the matrices (frequencies 0..MAX_GRID, MAX_GRID recencies)
MAX_GRID = 1000


def holdout_evaluation(
    model: Any, summary: pl.DataFrame, *, max_frequency: int = 7
) -> tuple[pl.DataFrame, dict[str, float], pl.DataFrame]:
    """(per-customer frame, metrics, by-frequency table) for a summary with a holdout.

    ``total_error_pct`` is NaN when nobody bought in the holdout, ``correlation`` when
    the predictions or the purchases do not vary (both are undefined then)."""
    check_purchase_model(model)
    check_columns(
        summary,
        ["frequency", "recency", "T", "frequency_holdout", "duration_holdout"],
        frame_name="summary",
    )
    max_frequency = int(check_number("max_frequency", max_frequency, minimum=0, integer=True))
    if summary.height == 0:
        raise DataValidationError("clv.empty_summary")
    x, tx, age = (numbers(summary, c) for c in ("frequency", "recency", "T"))
    holdout = numbers(summary, "duration_holdout")
    predicted = model.expected_purchases(x, tx, age, horizon=holdout)
    actual = check_numbers(
        "frequency_holdout",
        numbers(summary, "frequency_holdout"),
        minimum=0,
        maximum=2.0**53,  # counts beyond are not whole numbers in floating point
        integer=True,
    )
    cols = [c for c in ("customer_id", "frequency", "recency", "T") if c in summary.columns]
    per = summary.select(cols).with_columns(
        pl.Series("predicted", predicted), pl.Series("actual", actual)
    )
    with np.errstate(all="ignore"):
        error = predicted - actual
        largest = float(np.max(np.abs(error)))
        # the root mean square of error / largest: no overflow for huge predictions
        rmse = largest * float(np.sqrt(np.mean((error / largest) ** 2))) if largest > 0 else 0.0
        metrics = {
            "customers": float(len(actual)),
            "mae": float(np.mean(np.abs(error))),
            "rmse": rmse,
            "predicted_total": float(predicted.sum()),
            "actual_total": float(actual.sum()),
        }
    finite(list(metrics.values()))  # refuses totals beyond floating point
    metrics["total_error_pct"] = (
        (metrics["predicted_total"] - metrics["actual_total"]) / metrics["actual_total"] * 100
        if metrics["actual_total"] > 0
        else float("nan")
    )
    varies = np.ptp(predicted) > 0 and np.ptp(actual) > 0
    metrics["correlation"] = (
        float(np.corrcoef(predicted / np.max(predicted), actual / np.max(actual))[0, 1])
        if varies
        else float("nan")
    )
    by_frequency = (
        per.with_columns(pl.col("frequency").clip(upper_bound=max_frequency).alias("x_group"))
        .group_by("x_group")
        .agg(
            pl.len().alias("customers"),
            pl.col("actual").mean().alias("actual_mean"),
            pl.col("predicted").mean().alias("predicted_mean"),
        )
        .sort("x_group")
        .rename({"x_group": "frequency"})
    )
    return per, metrics, by_frequency


def tracking(
    model: Any,
    transactions: pl.DataFrame,
    *,
    calibration_end: date,
    observation_end: date,
    unit: str = "week",
    customer_id: str = "customer_id",
    datetime_col: str = "ordered_at",
) -> pl.DataFrame:
    """period, actual and predicted repeat purchases (per period and cumulative).

    Customers are those with a first purchase on or before ``calibration_end``; purchase
    occasions are customer-days, as in the summary.
    """
    check_purchase_model(model)
    check_period(unit, calibration_end, observation_end)
    check_columns(transactions, [customer_id, datetime_col], frame_name="transactions")
    per = UNITS[unit]
    days = (
        transactions.select(
            pl.col(customer_id).cast(pl.String).alias("c"),
            pl.col(datetime_col).cast(pl.Date).alias("d"),
        )
        .filter(pl.col("d") <= observation_end)
        .unique()
        .with_columns(pl.col("d").min().over("c").alias("first"))
        .filter(pl.col("first") <= calibration_end)
    )
    start = days["first"].min()
    if start is None:
        raise DataValidationError("clv.empty_summary")
    start_date: date = start  # type: ignore[assignment]
    total_days = (observation_end - start_date).days + 1
    n_periods = int(np.ceil(total_days / per))
    repeats = days.filter(pl.col("d") > pl.col("first")).with_columns(
        (((pl.col("d") - pl.lit(start_date)).dt.total_days()) / per)
        .floor()
        .cast(pl.Int64)
        .alias("period")
    )
    actual = np.zeros(n_periods)
    counts = repeats.group_by("period").len()
    for period, n in counts.iter_rows():
        if 0 <= period < n_periods:
            actual[period] += n
    firsts = days.select("c", "first").unique()
    offset = ((firsts["first"] - start_date).dt.total_days().to_numpy()) / per
    ends = (np.arange(1, n_periods + 1) * per) / per
    cumulative_pred = np.array(
        [
            float(model.expected_purchases_new_customer(horizon=np.clip(e - offset, 0, None)).sum())
            for e in ends
        ]
    )
    cal_period = ((calibration_end - start_date).days + 1) / per
    frame = pl.DataFrame(
        {
            "period": np.arange(1, n_periods + 1),
            "actual": actual,
            "predicted": np.diff(np.concatenate([[0.0], cumulative_pred])),
            "actual_cumulative": np.cumsum(actual),
            "predicted_cumulative": cumulative_pred,
        }
    )
    return frame.with_columns((pl.col("period") <= np.ceil(cal_period)).alias("calibration"))


def _grid(model: Any, max_frequency: Any, age: Any, points: Any) -> tuple[np.ndarray, np.ndarray]:
    """Frequencies 0..max_frequency × recencies 0..T (``points`` of them; 0 when x = 0)."""
    check_purchase_model(model)
    top = check_number("max_frequency", max_frequency, minimum=0, maximum=MAX_GRID, integer=True)
    age = check_number("T", age, above=0)
    points = check_number("points", points, minimum=2, maximum=MAX_GRID, integer=True)
    freq = np.arange(0, int(top) + 1, dtype=float)
    rec = np.linspace(0, age, int(points))
    fx, fr = np.meshgrid(freq, rec, indexing="ij")
    return fx, np.where(fx == 0, 0.0, fr)


def probability_alive_matrix(
    model: Any, *, max_frequency: int = 20, T: float = 52.0, points: int = 21
) -> pl.DataFrame:
    """Long frame: frequency, recency, p_alive on a grid at a given T."""
    fx, fr = _grid(model, max_frequency, T, points)
    values = model.conditional_probability_alive(fx.ravel(), fr.ravel(), np.full(fx.size, T))
    return pl.DataFrame(
        {"frequency": fx.ravel().astype(np.int64), "recency": fr.ravel(), "p_alive": values}
    ).unique(["frequency", "recency"], maintain_order=True)


def frequency_recency_matrix(
    model: Any, *, max_frequency: int = 20, T: float = 52.0, points: int = 21, horizon: float = 1.0
) -> pl.DataFrame:
    """Long frame: frequency, recency, expected purchases in the next ``horizon`` units."""
    fx, fr = _grid(model, max_frequency, T, points)
    values = model.expected_purchases(fx.ravel(), fr.ravel(), np.full(fx.size, T), horizon=horizon)
    return pl.DataFrame(
        {"frequency": fx.ravel().astype(np.int64), "recency": fr.ravel(), "expected": values}
    ).unique(["frequency", "recency"], maintain_order=True)

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

from custvalue._validation import check_columns
from custvalue.clv.summary import UNITS
from custvalue.exceptions import DataValidationError

__all__ = [
    "frequency_recency_matrix",
    "holdout_evaluation",
    "probability_alive_matrix",
    "tracking",
]


def holdout_evaluation(
    model: Any, summary: pl.DataFrame, *, max_frequency: int = 7
) -> tuple[pl.DataFrame, dict[str, float], pl.DataFrame]:
    """(per-customer frame, metrics, by-frequency table) for a summary with a holdout."""
    check_columns(
        summary,
        ["frequency", "recency", "T", "frequency_holdout", "duration_holdout"],
        frame_name="summary",
    )
    x, tx, age = (summary[c].cast(pl.Float64).to_numpy() for c in ("frequency", "recency", "T"))
    holdout = summary["duration_holdout"].cast(pl.Float64).to_numpy()
    predicted = model.expected_purchases(x, tx, age, horizon=holdout)
    actual = summary["frequency_holdout"].cast(pl.Float64).to_numpy()
    cols = [c for c in ("customer_id", "frequency", "recency", "T") if c in summary.columns]
    per = summary.select(cols).with_columns(
        pl.Series("predicted", predicted), pl.Series("actual", actual)
    )
    error = predicted - actual
    metrics = {
        "customers": float(len(actual)),
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "predicted_total": float(predicted.sum()),
        "actual_total": float(actual.sum()),
        "total_error_pct": float((predicted.sum() - actual.sum()) / actual.sum() * 100)
        if actual.sum() > 0
        else float("nan"),
        "correlation": float(np.corrcoef(predicted, actual)[0, 1]) if len(actual) > 1 else 0.0,
    }
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
    if unit not in UNITS:
        raise DataValidationError("clv.bad_unit", value=unit, choices=", ".join(UNITS))
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


def _grid(max_frequency: int, age: float, points: int) -> tuple[np.ndarray, np.ndarray]:
    freq = np.arange(0, max_frequency + 1, dtype=float)
    rec = np.linspace(0, age, points)
    return np.meshgrid(freq, rec, indexing="ij")


def probability_alive_matrix(
    model: Any, *, max_frequency: int = 20, T: float = 52.0, points: int = 21
) -> pl.DataFrame:
    """Long frame: frequency, recency, p_alive on a grid at a given T."""
    fx, fr = _grid(max_frequency, T, points)
    fr = np.where(fx == 0, 0.0, fr)
    values = model.conditional_probability_alive(fx.ravel(), fr.ravel(), np.full(fx.size, T))
    return pl.DataFrame(
        {"frequency": fx.ravel().astype(np.int64), "recency": fr.ravel(), "p_alive": values}
    ).unique(["frequency", "recency"], maintain_order=True)


def frequency_recency_matrix(
    model: Any, *, max_frequency: int = 20, T: float = 52.0, points: int = 21, horizon: float = 1.0
) -> pl.DataFrame:
    """Long frame: frequency, recency, expected purchases in the next ``horizon`` units."""
    fx, fr = _grid(max_frequency, T, points)
    fr = np.where(fx == 0, 0.0, fr)
    values = model.expected_purchases(fx.ravel(), fr.ravel(), np.full(fx.size, T), horizon=horizon)
    return pl.DataFrame(
        {"frequency": fx.ravel().astype(np.int64), "recency": fr.ravel(), "expected": values}
    ).unique(["frequency", "recency"], maintain_order=True)

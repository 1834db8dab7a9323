"""The 80/20 (Pareto) analysis: how much of the value the top customers bring.

Customers are sorted by ``value`` descending (ties by ``customer_id``). Shares
are of the **net** total (the plain sum, losses included). With loss-making
customers the cumulative value share rises above 1 and comes back down to
exactly 1 at the last customer — the "whale curve" of customer profitability
analysis — so "the top 20 % bring 130 % of the profit" is a true statement. When
the net total is not positive, value shares are undefined (null / ``None``).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from custvalue.segmentation._checks import check_fraction, check_frame, count_of, ranked_by

__all__ = ["gini", "loss_summary", "pareto_curve", "pareto_summary"]

_REACH = 0.8
_EPSILON = 1e-9


def _total(frame: pl.DataFrame, column: str) -> float:
    return float(frame[column].sum() or 0)


def pareto_curve(values: pl.DataFrame, *, value: str = "realized_value") -> pl.DataFrame:
    """rank, customer_id, value, customer_share and value_share (both cumulative).

    ``customer_share`` = rank / n; ``value_share`` = cumulative value / net total
    (null when the net total is not positive; monotone when no value is negative).
    """
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    ranked = ranked_by(values.select("customer_id", value), value).select(
        "rank", "customer_id", pl.col(value).alias("value")
    )
    cumulative = ranked["value"].cast(pl.Float64).cum_sum()
    total = float(cumulative[-1]) if len(cumulative) else 0.0  # same order: the curve ends at 1
    share = cumulative / total if total > 0 else pl.Series([None] * len(ranked), dtype=pl.Float64)
    return ranked.with_columns(
        (pl.col("rank") / max(ranked.height, 1)).alias("customer_share"),
        share.alias("value_share"),
    )


def gini(values: pl.Series) -> float | None:
    """Gini coefficient of ``values`` clipped at 0: 0 = all equal, near 1 = one customer
    has everything. ``None`` when there is no positive value.

    ``G = sum_i (2i - n - 1) x_(i) / (n * sum x)`` over the values sorted ascending.
    """
    return _gini_ascending(values.drop_nulls().cast(pl.Float64).sort())


def _gini_ascending(values: pl.Series) -> float | None:
    x = values.clip(lower_bound=0)  # clipping keeps the ascending order
    n = len(x)
    total = float(x.sum() or 0)
    if n == 0 or total <= 0:
        return None
    i = pl.int_range(1, n + 1, eager=True).cast(pl.Float64)
    # rounding can leave -1e-17 for equal values: the coefficient is never below 0
    return max(0.0, float(((2 * i - n - 1) * x).sum()) / (n * total))


def _reach(curve: pl.DataFrame, column: str, total: float) -> float | None:
    """Smallest share of customers (sorted by ``column``) whose ``column`` reaches 80 %."""
    if total <= 0 or curve.height == 0:
        return None
    cumulative = curve[column].cast(pl.Float64).cum_sum()
    first = (cumulative >= _REACH * total * (1 - _EPSILON)).arg_true()
    return (int(first[0]) + 1) / curve.height if len(first) else None


def loss_summary(values: pl.DataFrame, *, value: str = "realized_value") -> dict[str, Any]:
    """The loss-makers: ``loss_makers`` (customers with ``value`` < 0), ``loss_total``
    (their sum, ≤ 0) and ``gain_total`` (the sum of the positive values), money rounded
    to 0.01. With losses, the top customers can bring more than 100 % of the net total:
    the loss-makers take the difference back."""
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    column = values[value].cast(pl.Float64)
    losses = column.filter(column < 0)
    return {
        "loss_makers": len(losses),
        "loss_total": round(float(losses.sum() or 0), 2) + 0.0,
        "gain_total": round(float(column.filter(column > 0).sum() or 0), 2),
    }


def pareto_summary(
    values: pl.DataFrame, *, value: str = "realized_value", top: float = 0.2
) -> dict[str, Any]:
    """The 80/20 headline as a JSON-ready dict.

    Keys: value_column, customers, top, top_customers (= ceil(top * customers)),
    total_value, top_value, top_value_share, total_revenue, top_revenue,
    top_revenue_share (revenue share of the same top customers),
    customers_for_80pct_value (smallest share of customers, best first, bringing
    80 % of the value), customers_for_80pct_revenue (the same ranked by revenue)
    gini (of the value clipped at 0), and loss_makers, loss_total and gain_total
    (:func:`loss_summary`). Shares are of the net totals and
    ``None`` when a total is not positive; money is rounded to 0.01. Revenue
    keys are ``None`` when ``values`` has no ``revenue`` column.
    """
    top = check_fraction("top", top)
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    has_revenue = "revenue" in values.columns
    if has_revenue:
        check_frame(
            values,
            [],
            frame_name="values",
            numeric=["revenue"],
            complete=["revenue"],
            unique_ids=False,
        )
    columns = ["customer_id", value, *(["revenue"] if has_revenue and value != "revenue" else [])]
    ranked = ranked_by(values.select(columns), value)
    n = ranked.height
    k = count_of(top, n)
    total = _total(ranked, value)
    top_value = _total(ranked.head(k), value)
    out: dict[str, Any] = {
        "value_column": value,
        "customers": n,
        "top": top,
        "top_customers": k,
        "total_value": round(total, 2),
        "top_value": round(top_value, 2),
        "top_value_share": top_value / total if total > 0 else None,
        "total_revenue": None,
        "top_revenue": None,
        "top_revenue_share": None,
        "customers_for_80pct_value": _reach(ranked, value, total),
        "customers_for_80pct_revenue": None,
        "gini": _gini_ascending(ranked[value].cast(pl.Float64).reverse()),
        **loss_summary(ranked, value=value),
    }
    if has_revenue:
        total_revenue = _total(ranked, "revenue")
        top_revenue = _total(ranked.head(k), "revenue")
        by_revenue = ranked.sort(["revenue", "customer_id"], descending=[True, False])
        out["total_revenue"] = round(total_revenue, 2)
        out["top_revenue"] = round(top_revenue, 2)
        out["top_revenue_share"] = top_revenue / total_revenue if total_revenue > 0 else None
        out["customers_for_80pct_revenue"] = _reach(by_revenue, "revenue", total_revenue)
    return out

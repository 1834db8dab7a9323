"""The 80/20 (Pareto) analysis: how much of the value the top customers bring.

Customers are sorted by ``value`` descending (ties by ``customer_id``). Shares
are of the *net* total, so with loss-making customers the cumulative curve can
rise above 1 before falling back to 1 at the last customer — the "whale curve"
of customer profitability analysis. When the net total is not positive the
shares are undefined (``None``).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.segmentation.tiers import _check_value

__all__ = ["gini", "pareto_curve", "pareto_summary"]


def pareto_curve(values: pl.DataFrame, *, value: str = "realized_value") -> pl.DataFrame:
    """rank, customer_id, value, customer_share and value_share (both cumulative)."""
    _check_value(values, value)
    total = float(values[value].sum() or 0)
    n = values.height
    ranked = values.sort([value, "customer_id"], descending=[True, False], nulls_last=True)
    share = pl.col("value").fill_null(0).cum_sum() / total if total > 0 else pl.lit(None)
    return ranked.select(
        pl.int_range(1, n + 1, dtype=pl.Int64).alias("rank"),
        "customer_id",
        pl.col(value).alias("value"),
    ).with_columns(
        (pl.col("rank") / max(n, 1)).alias("customer_share"),
        share.cast(pl.Float64).alias("value_share"),
    )


def gini(values: pl.Series) -> float | None:
    """Gini coefficient of ``values`` clipped at 0 (0 = equal, →1 = concentrated)."""
    x = values.drop_nulls().clip(lower_bound=0).sort()
    n = len(x)
    total = float(x.sum() or 0)
    if n == 0 or total <= 0:
        return None
    i = pl.int_range(1, n + 1, eager=True)
    return float(((2 * i - n - 1) * x).sum()) / (n * total)


def pareto_summary(
    values: pl.DataFrame, *, value: str = "realized_value", top: float = 0.2
) -> dict[str, Any]:
    """The top ``top`` share of customers and what they bring (JSON-ready)."""
    if isinstance(top, bool) or not isinstance(top, (int, float)) or not 0 < top <= 1:
        raise DataValidationError("segment.bad_share", name="top", value=top)
    curve = pareto_curve(values, value=value)
    n = curve.height
    k = math.ceil(top * n) if n else 0
    total = float(curve["value"].sum() or 0)
    top_ids = curve.head(k).select("customer_id")
    top_value = float(curve.head(k)["value"].sum() or 0)
    out: dict[str, Any] = {
        "value_column": value,
        "customers": n,
        "top": top,
        "top_customers": k,
        "total_value": round(total, 2),
        "top_value": round(top_value, 2),
        "top_value_share": top_value / total if total > 0 else None,
    }
    if "revenue" in values.columns:
        total_revenue = float(values["revenue"].sum() or 0)
        top_revenue = float(values.join(top_ids, on="customer_id")["revenue"].sum() or 0)
        out["total_revenue"] = round(total_revenue, 2)
        out["top_revenue_share"] = top_revenue / total_revenue if total_revenue > 0 else None
    reach = curve.filter(pl.col("value_share") >= 0.8)["rank"] if total > 0 else pl.Series([])
    out["customers_for_80pct_value"] = int(reach[0]) / n if len(reach) else None
    out["gini"] = gini(curve["value"])
    return out

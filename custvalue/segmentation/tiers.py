"""Profitability tiers: the customer pyramid (Zeithaml, Rust & Lemon 2001).

Customers are ranked by ``value`` (descending; ties by ``customer_id``) and cut
into bands given as percentages of customers from the top. Four bands are
platinum / gold / iron / lead (default 20/30/30/20, CONVENTIONS §4); other
counts (2–6) are ``tier_1`` … ``tier_n``. Band ``i`` holds the customers with
rank ≤ ``round(n * cumulative_percent_i / 100)`` not in an earlier band.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from custvalue._validation import check_columns
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = ["DEFAULT_BANDS", "TIER_NAMES", "profitability_tiers", "tier_summary"]

DEFAULT_BANDS = (20, 30, 30, 20)
TIER_NAMES = ("platinum", "gold", "iron", "lead")


def _tier_keys(n: int) -> list[str]:
    return list(TIER_NAMES) if n == 4 else [f"tier_{i}" for i in range(1, n + 1)]


def _tier_label(key: str) -> str:
    if key.startswith("tier_"):
        return t("segment.tier_n", n=key.removeprefix("tier_"))
    return t(f"segment.tier_{key}")


def _check_value(values: pl.DataFrame, value: str) -> None:
    check_columns(values, ["customer_id", value], frame_name="values")
    if not values.schema[value].is_numeric():
        raise DataValidationError(
            "segment.not_numeric", column=value, dtype=str(values.schema[value])
        )


def profitability_tiers(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    bands: Sequence[int] = DEFAULT_BANDS,
) -> pl.DataFrame:
    """Add ``rank``, ``tier`` and ``tier_label`` (rank 1 = most valuable)."""
    bands = tuple(bands)
    ok = (
        2 <= len(bands) <= 6
        and all(isinstance(b, int) and not isinstance(b, bool) and b > 0 for b in bands)
        and sum(bands) == 100
    )
    if not ok:
        raise DataValidationError("segment.bad_bands", value=",".join(map(str, bands)))
    _check_value(values, value)
    keys = _tier_keys(len(bands))
    n = values.height
    cuts: list[int] = []
    running = 0
    for b in bands:
        running += b
        cuts.append(round(n * running / 100))
    ranked = values.sort([value, "customer_id"], descending=[True, False], nulls_last=True)
    ranked = ranked.with_columns(pl.int_range(1, n + 1, dtype=pl.Int64).alias("rank"))
    tier: Any = pl.when(pl.col("rank") <= cuts[0]).then(pl.lit(keys[0]))
    for cut, key in zip(cuts[1:], keys[1:], strict=True):
        tier = tier.when(pl.col("rank") <= cut).then(pl.lit(key))
    labels = pl.DataFrame({"tier": keys, "tier_label": [_tier_label(k) for k in keys]})
    return ranked.with_columns(tier.otherwise(pl.lit(keys[-1])).alias("tier")).join(
        labels, on="tier", how="left", maintain_order="left"
    )


def tier_summary(tiered: pl.DataFrame, *, value: str = "realized_value") -> pl.DataFrame:
    """Per tier, top to bottom: customers and their share, value and revenue sums and shares,
    mean/min/max value. Shares are of the column total (null when it is not positive)."""
    check_columns(tiered, ["tier", "tier_label", value], frame_name="tiered")
    revenue = pl.col("revenue") if "revenue" in tiered.columns else pl.lit(None, pl.Float64)
    total_value = float(tiered[value].sum() or 0)
    total_revenue = float(tiered["revenue"].sum() or 0) if "revenue" in tiered.columns else 0.0
    order = tiered.select("tier").unique(maintain_order=True)
    keys = _tier_keys(4) if set(order["tier"]) <= set(TIER_NAMES) else sorted(order["tier"])
    frame = tiered.group_by("tier", "tier_label").agg(
        pl.len().alias("customers"),
        pl.col(value).sum().alias("value_sum"),
        revenue.sum().alias("revenue_sum"),
        pl.col(value).mean().alias("value_mean"),
        pl.col(value).min().alias("value_min"),
        pl.col(value).max().alias("value_max"),
    )
    n = max(tiered.height, 1)
    frame = frame.with_columns(
        (pl.col("customers") / n).alias("customer_share"),
        (pl.col("value_sum") / total_value if total_value > 0 else pl.lit(None, pl.Float64)).alias(
            "value_share"
        ),
        (
            pl.col("revenue_sum") / total_revenue if total_revenue > 0 else pl.lit(None, pl.Float64)
        ).alias("revenue_share"),
    )
    position = {k: i for i, k in enumerate(keys)}
    frame = frame.with_columns(
        pl.col("tier").replace_strict(position, default=len(keys)).alias("_order")
    )
    return frame.sort("_order").select(
        "tier",
        "tier_label",
        "customers",
        "customer_share",
        "value_sum",
        "value_share",
        "revenue_sum",
        "revenue_share",
        "value_mean",
        "value_min",
        "value_max",
    )

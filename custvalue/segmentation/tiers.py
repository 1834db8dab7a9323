"""Profitability tiers: the customer pyramid (Zeithaml, Rust & Lemon 2001).

Customers are ranked by ``value`` descending (ties broken by ``customer_id``;
rank 1 = most valuable) and cut into bands given as percentages of customers
from the top. Band ``i`` holds the ranks up to ``round_half_up(n * c_i / 100)``
not in an earlier band, where ``c_i`` is the cumulative percentage; so band
sizes are within one customer of ``n * band / 100``.

Four bands are platinum / gold / iron / lead (default 20/30/30/20, the common
practitioner percentiles); 2, 3, 5 or 6 bands are named ``tier_1`` (top) …
``tier_n``.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.segmentation._checks import check_frame, ranked_by

__all__ = ["DEFAULT_BANDS", "TIER_NAMES", "profitability_tiers", "tier_keys", "tier_summary"]

DEFAULT_BANDS = (20, 30, 30, 20)
TIER_NAMES = ("platinum", "gold", "iron", "lead")
_ADDED = ("tier", "tier_label", "rank")
_NUMBERED = re.compile(r"tier_(\d+)")


def tier_keys(count: int) -> list[str]:
    """Tier keys, top first: the pyramid names for 4 bands, else ``tier_1`` … ``tier_<count>``."""
    return list(TIER_NAMES) if count == 4 else [f"tier_{i}" for i in range(1, count + 1)]


def tier_label(key: str, lang: str | None = None) -> str:
    """The translated label of a tier key."""
    numbered = _NUMBERED.fullmatch(key)
    if numbered:
        return t("segment.tier_n", lang=lang, n=numbered.group(1))
    if key in TIER_NAMES:
        return t(f"segment.tier_{key}", lang=lang)
    return key


def _check_bands(bands: Any) -> tuple[int, ...]:
    items: tuple[Any, ...] = ()
    if isinstance(bands, Iterable) and not isinstance(bands, (str, bytes, Mapping)):
        items = tuple(bands)
    integral = all(
        isinstance(b, numbers.Integral) and not isinstance(b, bool) and int(b) > 0 for b in items
    )
    total = sum(items) if integral else "?"
    if not (integral and 2 <= len(items) <= 6 and total == 100):
        shown = ",".join(map(str, items)) if items else repr(bands)
        raise DataValidationError("segment.bad_bands", value=shown, total=total)
    return tuple(int(b) for b in items)


def profitability_tiers(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    bands: Iterable[int] = DEFAULT_BANDS,
) -> pl.DataFrame:
    """The customer pyramid: ``values`` plus ``tier`` (key), ``tier_label`` and ``rank``.

    Parameters
    ----------
    values
        One row per customer with ``customer_id`` and the numeric ``value`` column
        (no nulls; e.g. realized_value, or sustained_value to credit referrals).
    value
        Column to rank by, descending.
    bands
        2–6 positive whole percentages of customers, top tier first, adding up to 100.

    Returns
    -------
    The input columns with tier, tier_label (current language) and rank (1 = most
    valuable), sorted by rank.
    """
    bands = _check_bands(bands)
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    keys = tier_keys(len(bands))
    n = values.height
    cuts: list[int] = []
    running = 0
    for band in bands:
        running += band
        cuts.append((n * running + 50) // 100)
    tier: Any = pl.when(pl.col("rank") <= cuts[0]).then(pl.lit(keys[0]))
    for cut, key in zip(cuts[1:-1], keys[1:-1], strict=True):
        tier = tier.when(pl.col("rank") <= cut).then(pl.lit(key))
    tier = tier.otherwise(pl.lit(keys[-1]))
    labels = {key: tier_label(key) for key in keys}
    columns = [c for c in values.columns if c not in _ADDED]
    return (
        ranked_by(values.select(columns), value)
        .with_columns(tier.alias("tier"))
        .with_columns(
            pl.col("tier").replace_strict(labels, return_dtype=pl.String).alias("tier_label")
        )
        .select(*columns, *_ADDED)
    )


def _order(present: list[str]) -> list[str]:
    if set(present) <= set(TIER_NAMES):
        return list(TIER_NAMES)
    numbers_found = [_NUMBERED.fullmatch(k) for k in present]
    if all(numbers_found):
        top = max(int(m.group(1)) for m in numbers_found if m)
        return [f"tier_{i}" for i in range(1, top + 1)]
    return present


def tier_summary(tiered: pl.DataFrame, *, value: str = "realized_value") -> pl.DataFrame:
    """Per tier, top first: tier, tier_label, customers, customer_share, value_sum,
    value_share, revenue_sum, revenue_share, value_mean, value_min, value_max.

    The four pyramid tiers are always listed, empty ones with 0 customers (an empty
    frame gives the four with 0); numbered tiers up to the last one found. Shares are of
    the column's net total and null when that total is not positive; revenue columns
    are null when ``tiered`` has no ``revenue``.
    """
    check_frame(
        tiered, ["tier", "tier_label"], frame_name="tiered", numeric=[value], unique_ids=False
    )
    has_revenue = "revenue" in tiered.columns
    revenue = pl.col("revenue") if has_revenue else pl.lit(None, pl.Float64)
    grouped = tiered.group_by("tier").agg(
        pl.col("tier_label").first(),
        pl.len().cast(pl.Int64).alias("customers"),
        pl.col(value).sum().cast(pl.Float64).alias("value_sum"),
        revenue.sum().cast(pl.Float64).alias("revenue_sum"),
        pl.col(value).mean().cast(pl.Float64).alias("value_mean"),
        pl.col(value).min().cast(pl.Float64).alias("value_min"),
        pl.col(value).max().cast(pl.Float64).alias("value_max"),
    )
    if not has_revenue:  # the sum of nothing is 0, not "no revenue column"
        grouped = grouped.with_columns(pl.lit(None, pl.Float64).alias("revenue_sum"))
    present = grouped.sort("value_max", descending=True, nulls_last=True)["tier"].to_list()
    keys = _order(present)
    frame = pl.DataFrame(
        {"tier": keys, "_position": list(range(len(keys)))},
        schema={"tier": pl.String, "_position": pl.Int64},
    ).join(grouped.with_columns(pl.col("tier").cast(pl.String)), on="tier", how="left")
    frame = frame.with_columns(
        pl.col("tier_label").fill_null(
            pl.col("tier").replace_strict({k: tier_label(k) for k in keys}, return_dtype=pl.String)
        ),
        pl.col("customers").fill_null(0),
        pl.col("value_sum").fill_null(0.0),
        pl.col("revenue_sum").fill_null(0.0) if has_revenue else pl.col("revenue_sum"),
    )
    total_value = float(tiered[value].sum() or 0)
    total_revenue = float(tiered["revenue"].sum() or 0) if has_revenue else 0.0
    none = pl.lit(None, pl.Float64)
    return frame.sort("_position").select(
        "tier",
        "tier_label",
        "customers",
        (pl.col("customers") / max(tiered.height, 1)).alias("customer_share"),
        "value_sum",
        (pl.col("value_sum") / total_value if total_value > 0 else none).alias("value_share"),
        "revenue_sum",
        (pl.col("revenue_sum") / total_revenue if total_revenue > 0 else none).alias(
            "revenue_share"
        ),
        "value_mean",
        "value_min",
        "value_max",
    )

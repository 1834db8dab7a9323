"""Total customer value (总客户价值): what a customer is worth to us in all, joining what
they spend, how engaged they are, whom they bring, what they will buy and how satisfied
they are (docs/satisfaction.md §4).

Five parts per customer, each normalised to 0–100 among the customers who have it:

* ``consumption``: realized value (margin less cost to serve, to date);
* ``engagement``: orders in the last 12 months;
* ``referral``: the net value of the customers they referred (and theirs);
* ``future``: CLV (the newest CLV run);
* ``satisfaction``: the latest attitude (NPS, or the overall rating on 0–10).

**Normalisation** (``method``): ``percentile`` (default) — the share of the customers
with that part whom the customer is above, ties at their mid-rank, so 100 is the best
and 50 the median, robust to the whales that dominate money parts; ``minmax`` —
(x − min) / (max − min) × 100.

**Missing parts** are left out, never read as zero: a customer without a CLV score or
a survey answer is scored on the parts they have, the weights of those parts rescaled
to sum to 1, and ``parts`` says how many parts were used. Weights (default equal) are
non-negative and are shown with the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["PARTS", "TotalValue", "total_value"]

PARTS = ("consumption", "engagement", "referral", "future", "satisfaction")


@dataclass(frozen=True)
class TotalValue:
    """``customers``: ``customer_id``, each part's score (0–100, null when missing),
    ``parts`` used, ``total`` (0–100) and ``rank`` (1 = highest); the weights used
    (summing to 1) and the normalisation."""

    customers: pl.DataFrame
    weights: dict[str, float]
    method: str


def _normalised(column: str, method: str) -> pl.Expr:
    """0–100 among the customers who have the part; a missing part stays missing (and a
    part every customer shares the same value of scores 50)."""
    value = pl.col(column)
    if method == "minmax":
        low, high = value.min(), value.max()
        score = pl.when(high > low).then((value - low) / (high - low) * 100).otherwise(pl.lit(50.0))
    else:
        n = value.count()
        rank = value.rank(method="average")
        score = pl.when(n > 1).then((rank - 1) / (n - 1) * 100).otherwise(pl.lit(50.0))
    return pl.when(value.is_null()).then(pl.lit(None, pl.Float64)).otherwise(score)


def total_value(
    parts: pl.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    method: Literal["percentile", "minmax"] = "percentile",
) -> TotalValue:
    """The total value of every customer of ``parts`` (``customer_id`` and any of
    :data:`PARTS` as raw values, null where missing)."""
    from custvalue._validation import check_choice, check_number

    method = check_choice("method", method, ("percentile", "minmax"))
    present = [p for p in PARTS if p in parts.columns]
    if not present:
        raise DataValidationError("loyalty.no_parts", parts=", ".join(PARTS))
    chosen = dict(weights) if weights is not None else dict.fromkeys(present, 1.0)
    unknown = sorted(set(chosen) - set(PARTS))
    if unknown:
        raise DataValidationError("loyalty.unknown_part", part=unknown[0], parts=", ".join(PARTS))
    used = {p: check_number(f"weight of {p}", chosen.get(p, 0.0), minimum=0) for p in present}
    total_weight = sum(used.values())
    if total_weight <= 0:
        raise DataValidationError("loyalty.no_weight")
    share = {p: w / total_weight for p, w in used.items()}
    scored = parts.with_columns([_normalised(p, method).cast(pl.Float64).alias(p) for p in present])
    weighted = [pl.col(p) * share[p] for p in present if share[p] > 0]
    has = [pl.col(p).is_not_null().cast(pl.Float64) * share[p] for p in present if share[p] > 0]
    covered = pl.sum_horizontal(has)
    total = pl.when(covered > 0).then(pl.sum_horizontal(weighted) / covered)
    counted = pl.sum_horizontal(
        [pl.col(p).is_not_null().cast(pl.Int64) for p in present if share[p] > 0]
    )
    table = (
        scored.select("customer_id", *present)
        .with_columns(counted.alias("parts"), total.alias("total"))
        .with_columns(
            pl.col("total").rank(method="min", descending=True).cast(pl.Int64).alias("rank")
        )
    )
    return TotalValue(customers=table.sort("rank", nulls_last=True), weights=share, method=method)

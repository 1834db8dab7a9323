"""RFM scores and named segments (CONVENTIONS §3).

Scores are quantile bins by rank: with ``n`` scored customers, the customer at
rank ``k`` (1 = worst) gets ``floor((k - 1) * bins / n) + 1`` — ``NTILE(bins)``
in SQL, ``qcut(rank(method="first"))`` in pandas. Recency is reversed (fewest
days since the last order scores highest). ``ties`` chooses the rank of equal
values: ``"first"`` (default) breaks them by ``customer_id`` so bins have equal
sizes; ``"min"``/``"max"``/``"average"``/``"dense"`` give equal values the same
score (bins may then be uneven). Monetary is total revenue (the R ``rfm``
package's convention); pass ``monetary="..."`` for another column.

Customers without orders have no recency and are not scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import polars as pl

from custvalue._validation import check_columns
from custvalue.exceptions import DataValidationError
from custvalue.segmentation.maps import SegmentMap, load_segment_map

__all__ = ["TIES", "rfm_scores", "rfm_segments", "segment_summary"]

TIES = ("first", "average", "min", "max", "dense")
Ties = Literal["first", "average", "min", "max", "dense"]


def _score(column: str, bins: int, ties: str, *, reverse: bool) -> pl.Expr:
    value = -pl.col(column) if reverse else pl.col(column)
    method = "ordinal" if ties == "first" else ties
    rank = value.rank(method=method)  # type: ignore[arg-type]
    n = pl.len()
    return ((rank.ceil() - 1) * bins / n).floor().cast(pl.Int64) + 1


def _check_numeric(values: pl.DataFrame, columns: list[str]) -> None:
    for c in columns:
        if not values.schema[c].is_numeric():
            raise DataValidationError("segment.not_numeric", column=c, dtype=str(values.schema[c]))


def rfm_scores(
    values: pl.DataFrame,
    *,
    bins: int = 5,
    ties: Ties = "first",
    recency: str = "recency_days",
    frequency: str = "orders",
    monetary: str = "revenue",
) -> pl.DataFrame:
    """Score every customer with orders 1..``bins`` on R, F and M (higher is better).

    Returns customer_id, name (if present), recency_days, frequency, monetary,
    r_score, f_score, m_score, rfm_cell (e.g. ``"545"``) and rfm_score (sum).
    """
    if not isinstance(bins, int) or isinstance(bins, bool) or not 2 <= bins <= 10:
        raise DataValidationError("segment.bad_bins", value=bins)
    if ties not in TIES:
        raise DataValidationError("segment.bad_ties", value=ties, choices=", ".join(TIES))
    check_columns(values, ["customer_id", recency, frequency, monetary], frame_name="values")
    _check_numeric(values, [recency, frequency, monetary])
    name = [pl.col("name")] if "name" in values.columns else [pl.lit(None, pl.String).alias("name")]
    scored = (
        values.filter(pl.col(recency).is_not_null() & (pl.col(frequency) > 0))
        .sort("customer_id")
        .select(
            "customer_id",
            *name,
            pl.col(recency).alias("recency_days"),
            pl.col(frequency).alias("frequency"),
            pl.col(monetary).alias("monetary"),
        )
    )
    scored = scored.with_columns(
        _score("recency_days", bins, ties, reverse=True).alias("r_score"),
        _score("frequency", bins, ties, reverse=False).alias("f_score"),
        _score("monetary", bins, ties, reverse=False).alias("m_score"),
    )
    return scored.with_columns(
        pl.concat_str([pl.col(c).cast(pl.String) for c in ("r_score", "f_score", "m_score")]).alias(
            "rfm_cell"
        ),
        (pl.col("r_score") + pl.col("f_score") + pl.col("m_score")).alias("rfm_score"),
    )


def rfm_segments(
    scores: pl.DataFrame,
    *,
    segment_map: str | Path | dict[str, Any] | SegmentMap = "standard11",
    bins: int | None = None,
) -> pl.DataFrame:
    """Add ``segment``, ``segment_label`` and ``treatment`` from a segment map.

    Score maps are defined on 1..5; scores with other ``bins`` (default: the
    largest score found, at least 5) are rescaled with ``ceil(score * 5 / bins)``.
    ``cn8`` (method ``mean_split``) compares the raw recency, frequency and
    monetary values with their means instead.
    """
    smap = load_segment_map(str(segment_map) if isinstance(segment_map, Path) else segment_map)
    check_columns(
        scores,
        ["customer_id", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score"],
        frame_name="scores",
    )
    if smap.method == "mean_split":
        bits = [
            (pl.col("recency_days") <= pl.col("recency_days").mean()),
            (pl.col("frequency") > pl.col("frequency").mean()),
            (pl.col("monetary") > pl.col("monetary").mean()),
        ]
        code = pl.concat_str([b.cast(pl.Int8).cast(pl.String) for b in bits])
    else:
        found = scores.select(pl.max_horizontal("r_score", "f_score", "m_score").max()).item()
        top = bins or max(5, int(found or 5))
        five = [
            ((pl.col(c) * 5 / top).ceil().cast(pl.Int64).clip(1, 5)).cast(pl.String)
            for c in ("r_score", "f_score", "m_score")
        ]
        code = pl.concat_str(five)
    lookup = pl.DataFrame(
        {"_code": list(smap.lookup), "segment": list(smap.lookup.values())},
        schema={"_code": pl.String, "segment": pl.String},
    )
    labels = smap.labels().drop("order")
    return (
        scores.with_columns(code.alias("_code"))
        .join(lookup, on="_code", how="left")
        .join(labels, on="segment", how="left")
        .drop("_code")
    )


def segment_summary(segmented: pl.DataFrame, *, segment_map: Any = None) -> pl.DataFrame:
    """Per segment: customers, share, revenue, mean monetary, recency and frequency.

    Rows in the map's order when ``segment_map`` is given, else by customers.
    """
    check_columns(
        segmented,
        ["segment", "segment_label", "recency_days", "frequency", "monetary"],
        frame_name="segmented",
    )
    total = max(segmented.height, 1)
    summary = segmented.group_by("segment", "segment_label").agg(
        pl.len().alias("customers"),
        (pl.len() / total).alias("share"),
        pl.col("monetary").sum().alias("revenue"),
        pl.col("monetary").mean().alias("monetary"),
        pl.col("recency_days").mean().alias("recency_days"),
        pl.col("frequency").mean().alias("frequency"),
    )
    if segment_map is not None:
        order = load_segment_map(segment_map).labels().select("segment", "order")
        return summary.join(order, on="segment", how="left").sort("order").drop("order")
    return summary.sort(["customers", "segment"], descending=[True, False])

"""RFM scores and named segments (Hughes 1994; conventions in docs/segmentation.md).

Scores are quantile bins of ranks. With ``N`` scored customers and rank ``k``
(1 = worst; ``N`` = number of distinct values for ``ties="dense"``)::

    score = floor((k - 1/2) * bins / N) + 1          # 1..bins, bins = best

— the bin holding the mid-point of the customer's rank interval. When ``N`` is a
multiple of ``bins`` this is exactly SQL ``NTILE(bins)`` and pandas
``qcut(rank(method="first"), bins)``; otherwise bin sizes differ by at most one
and the extra customers are spread symmetrically. With fewer customers than bins
the scores spread over the range (one customer scores in the middle).

Recency is reversed: fewer days since the last order scores higher. ``ties``
says how equal values are ranked: ``"first"`` (default) breaks ties by
``customer_id`` (equal bin sizes, reproducible, but identical values can get
different scores); ``"min"`` gives ties the lower score, ``"max"`` the higher,
``"average"`` the middle one; ``"dense"`` ranks distinct values 1, 2, 3, … so that
each distinct value counts once.

Monetary is total revenue (the R ``rfm`` package's convention; pass
``monetary="..."`` for another column). Customers without orders (recency
null or frequency ≤ 0) are not scored.
"""

from __future__ import annotations

import os
from typing import Any, Literal

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.segmentation._checks import check_complete, check_frame, sorted_by_id
from custvalue.segmentation.maps import SegmentMap, builtin_order, load_segment_map

__all__ = ["SCORE_COLUMNS", "TIES", "rfm_scores", "rfm_segments", "segment_summary"]

TIES = ("first", "average", "min", "max", "dense")
Ties = Literal["first", "average", "min", "max", "dense"]
_RankMethod = Literal["ordinal", "average", "min", "max", "dense"]
_RANK_METHOD: dict[str, _RankMethod] = {
    "first": "ordinal",
    "average": "average",
    "min": "min",
    "max": "max",
    "dense": "dense",
}
SCORE_COLUMNS = ("r_score", "f_score", "m_score")
_SEGMENT_COLUMNS = ("segment", "segment_label", "treatment")


def _check_bins(bins: Any) -> int:
    if isinstance(bins, bool) or not isinstance(bins, int) or not 2 <= bins <= 10:
        raise DataValidationError("segment.bad_bins", value=bins)
    return bins


def _score(column: str, bins: int, ties: str, *, reverse: bool) -> pl.Expr:
    method = _RANK_METHOD[ties]
    rank = pl.col(column).rank(method, descending=reverse).cast(pl.Float64)
    n = rank.max() if ties == "dense" else pl.len().cast(pl.Float64)
    return ((2 * rank - 1) * bins / (2 * n)).floor().cast(pl.Int64) + 1


def rfm_scores(
    values: pl.DataFrame,
    *,
    bins: int = 5,
    ties: Ties = "first",
    recency: str = "recency_days",
    frequency: str = "orders",
    monetary: str = "revenue",
) -> pl.DataFrame:
    """Score every customer with orders on R, F and M, 1..``bins`` (``bins`` = best).

    Parameters
    ----------
    values
        One row per customer (e.g. :func:`custvalue.value.customer_values`).
    bins
        Number of quantile bins, 2..10 (5 = quintiles).
    ties
        How equal values are ranked: first, average, min, max or dense.
    recency, frequency, monetary
        Columns holding days since the last order, number of orders and spend.

    Returns
    -------
    customer_id, name (null when absent), recency_days, frequency, monetary,
    r_score, f_score, m_score (Int64), rfm_cell (e.g. ``"545"``; with 10 bins
    the scores are joined by ``-``, e.g. ``"10-4-7"``) and rfm_score (the sum),
    one row per scored customer, sorted by customer_id.
    """
    bins = _check_bins(bins)
    if ties not in TIES:
        raise DataValidationError("segment.bad_ties", value=ties, choices=", ".join(TIES))
    measures = [recency, frequency, monetary]
    check_frame(values, ["customer_id"], frame_name="values", numeric=measures)
    name = pl.col("name") if "name" in values.columns else pl.lit(None, pl.String)
    scored = values.filter(pl.col(recency).is_not_null() & (pl.col(frequency) > 0)).select(
        pl.col("customer_id"),
        name.alias("name"),
        pl.col(recency).alias("recency_days"),
        pl.col(frequency).alias("frequency"),
        pl.col(monetary).alias("monetary"),
    )
    scored = sorted_by_id(scored)
    for column in ("recency_days", "frequency", "monetary"):
        check_complete(scored, column, frame_name="values")
    scored = scored.with_columns(
        _score("recency_days", bins, ties, reverse=True).alias("r_score"),
        _score("frequency", bins, ties, reverse=False).alias("f_score"),
        _score("monetary", bins, ties, reverse=False).alias("m_score"),
    )
    return scored.with_columns(
        pl.concat_str(
            [pl.col(c).cast(pl.String) for c in SCORE_COLUMNS], separator="-" if bins > 9 else ""
        ).alias("rfm_cell"),
        pl.sum_horizontal(SCORE_COLUMNS).alias("rfm_score"),
    )


def _to_five(column: str, bins: int) -> pl.Expr:
    """Rescale 1..bins to 1..5 keeping both ends: ``1 + round((s - 1) * 4 / (bins - 1))``."""
    if bins == 5:
        return pl.col(column)
    return ((pl.col(column) - 1) * 8 + (bins - 1)) // (2 * (bins - 1)) + 1


def _score_code(scores: pl.DataFrame, bins: int | None) -> pl.Expr:
    check_frame(scores, ["customer_id", *SCORE_COLUMNS], frame_name="scores", numeric=SCORE_COLUMNS)
    for column in SCORE_COLUMNS:
        check_complete(scores, column, frame_name="scores")
    high = scores.select(pl.max_horizontal(SCORE_COLUMNS).max()).item()
    top = _check_bins(bins) if bins is not None else max(int(high or 2), 2)
    for column in SCORE_COLUMNS:
        bad = scores.filter(
            (pl.col(column) < 1) | (pl.col(column) > top) | (pl.col(column) % 1 != 0)
        )
        if bad.height:
            raise DataValidationError(
                "segment.bad_scores",
                frame="scores",
                column=column,
                value=bad[column][0],
                bins=top,
            )
    r, f, m = (_to_five(c, top).cast(pl.Int64) for c in SCORE_COLUMNS)
    return r * 100 + f * 10 + m


def _bit_code(scores: pl.DataFrame, smap: SegmentMap) -> pl.Expr:
    if smap.on == "scores":
        columns = list(SCORE_COLUMNS)
        better_recency = False  # r_score: higher is better
    else:
        columns = ["recency_days", "frequency", "monetary"]
        better_recency = True  # days: fewer is better
    check_frame(scores, ["customer_id", *columns], frame_name="scores", numeric=columns)
    for column in columns:
        check_complete(scores, column, frame_name="scores")

    def centre(column: str) -> pl.Expr:
        c = pl.col(column).cast(pl.Float64)
        return c.median() if smap.statistic == "median" else c.mean()

    r, f, m = (pl.col(c).cast(pl.Float64) for c in columns)
    r_bit = (r <= centre(columns[0])) if better_recency else (r >= centre(columns[0]))
    f_bit = f > centre(columns[1])
    m_bit = m > centre(columns[2])
    return r_bit.cast(pl.Int64) * 100 + f_bit.cast(pl.Int64) * 10 + m_bit.cast(pl.Int64)


def rfm_segments(
    scores: pl.DataFrame,
    *,
    segment_map: str | os.PathLike[str] | dict[str, Any] | SegmentMap = "standard11",
    bins: int | None = None,
) -> pl.DataFrame:
    """Add ``segment`` (key), ``segment_label`` and ``treatment`` (current language).

    ``segment_map`` is a built-in name (standard11, rf_grid, cn8, rfm_vignette), a
    JSON file path, a dict in the map format, or a loaded :class:`SegmentMap`.

    Score maps are defined on 1..5. Scores on another scale are rescaled with
    ``1 + round((score - 1) * 4 / (bins - 1))`` (1 stays 1, ``bins`` becomes 5);
    ``bins`` defaults to the highest score found (pass it when the top score may
    be missing, e.g. fewer customers than bins). Mean-split maps (cn8) compare the
    raw recency_days, frequency and monetary (or the scores) with their mean or median:
    R bit = 1 when days since the last order ≤ the mean, F and M bits = 1 when above it.
    """
    smap = load_segment_map(segment_map)
    if smap.method == "mean_split":
        code = _bit_code(scores, smap)
    else:
        code = _score_code(scores, bins)
    table = smap.table().rename({"code": "_code"})
    return (
        scores.drop([c for c in _SEGMENT_COLUMNS if c in scores.columns])
        .with_columns(code.alias("_code"))
        .join(table, on="_code", how="left", maintain_order="left")
        .drop("_code")
    )


def segment_summary(
    segmented: pl.DataFrame,
    *,
    segment_map: str | os.PathLike[str] | dict[str, Any] | SegmentMap | None = None,
) -> pl.DataFrame:
    """Per segment: segment, segment_label, customers, share (of customers), revenue
    (sum of monetary), monetary, recency_days and frequency (means).

    Rows follow the order of ``segment_map`` when given, else the order of the
    built-in maps (champions … lost, others, then cn8's classes); segments of
    other maps come last, largest first. Only segments with customers appear.
    """
    check_frame(
        segmented,
        ["segment", "segment_label"],
        frame_name="segmented",
        numeric=["recency_days", "frequency", "monetary"],
        unique_ids=False,
    )
    order = load_segment_map(segment_map).keys if segment_map is not None else builtin_order()
    position = {key: i for i, key in enumerate(order)}
    total = segmented.height
    summary = segmented.group_by("segment").agg(
        pl.col("segment_label").first(),
        pl.len().alias("customers"),
        (pl.len() / total).alias("share"),
        pl.col("monetary").sum().cast(pl.Float64).alias("revenue"),
        pl.col("monetary").mean().alias("monetary"),
        pl.col("recency_days").mean().alias("recency_days"),
        pl.col("frequency").mean().alias("frequency"),
    )
    return (
        summary.with_columns(
            pl.col("segment")
            .replace_strict(position, default=len(position), return_dtype=pl.Int64)
            .alias("_order")
        )
        .sort(["_order", "customers", "segment"], descending=[False, True, False])
        .drop("_order")
        .with_columns(pl.col("customers").cast(pl.Int64))
    )

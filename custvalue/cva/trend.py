"""Kotler's CVA over time and by segment: overall ratios per segment and wave, changes
flagged.

For each segment (``""`` = all respondents) and wave: our overall quality and price
ratios (``ratio`` method) against the rivals' mean (or a named rival), the change from
the previous wave of the same segment, and ``flag`` = ``up`` / ``down`` when a change
exceeds ``threshold`` in absolute value.
"""

from __future__ import annotations

import polars as pl

from custvalue._validation import check_choice, check_number
from custvalue.cva.profile import MEAN, METHODS, Baseline, Kind, Method, profile
from custvalue.cva.survey import Survey
from custvalue.exceptions import CustValueError, DataValidationError

__all__ = ["trend"]


def _overall(survey: Survey, kind: Kind, rival: str | None, method: Method) -> float | None:
    baseline: Baseline = "each" if rival else "mean"
    try:
        prof = profile(survey, kind, baseline=baseline)
    except CustValueError:
        return None
    rows = prof.overall.filter(pl.col("rival") == (rival or MEAN))
    return None if rows.is_empty() else float(rows[method][0])


def trend(
    survey: Survey,
    *,
    by_segment: bool = True,
    rival: str | None = None,
    method: Method = "ratio",
    threshold: float = 0.05,
) -> pl.DataFrame:
    """``segment, wave, quality_ratio, price_ratio, quality_change, price_change, flag``."""
    check_choice("method", method, METHODS)
    check_number("threshold", threshold, minimum=0)
    if survey.ratings.is_empty():
        raise DataValidationError("cva.no_ratings")
    segments = [""] + ([s for s in survey.segments if s] if by_segment else [])
    rows = []
    for segment in segments:
        scoped = survey if segment == "" else survey.where(segment=segment)
        for wave in survey.waves:
            one = scoped.where(wave=wave)
            if one.ratings.is_empty():
                continue
            rows.append(
                {
                    "segment": segment,
                    "wave": wave,
                    "quality_ratio": _overall(one, "quality", rival, method),
                    "price_ratio": _overall(one, "price", rival, method),
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "segment": pl.String,
            "wave": pl.String,
            "quality_ratio": pl.Float64,
            "price_ratio": pl.Float64,
        },
    )
    frame = frame.with_columns(
        pl.col("quality_ratio").diff().over("segment").alias("quality_change"),
        pl.col("price_ratio").diff().over("segment").alias("price_change"),
    )
    big_up = (pl.col("quality_change") > threshold) | (pl.col("price_change") > threshold)
    big_down = (pl.col("quality_change") < -threshold) | (pl.col("price_change") < -threshold)
    flag = (
        pl.when(big_up & big_down)
        .then(pl.lit("mixed"))
        .when(big_up)
        .then(pl.lit("up"))
        .when(big_down)
        .then(pl.lit("down"))
        .otherwise(pl.lit(""))
    )
    return frame.with_columns(flag.alias("flag"))

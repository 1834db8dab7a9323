"""Importance–performance analysis (Martilla & James 1977, *Journal of Marketing*
41(1)): each attribute placed by its mean performance (x) and mean importance (y).

Cross-hairs at the **data means** (``cross="data"``, the default: the mean over the
attributes of each axis, so "high" means above this survey's own average; with stated
importance, which respondents put high for nearly everything, the midpoint would leave
most attributes in one quadrant) or at the **scale midpoint** (``cross="scale"``:
(low + high) / 2 on both axes, so "high" means above the middle of the answer scale).
An attribute on a line counts as high. Quadrants:

* important, performing low → **concentrate here**;
* important, performing high → **keep up the good work**;
* less important, performing low → **low priority**;
* less important, performing high → **possible overkill**.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import ResultDict, require_columns

__all__ = ["QUADRANTS", "IPAResult", "ipa"]

QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")


@dataclass(frozen=True)
class IPAResult(ResultDict):
    """``attributes``: ``attribute, n, performance, importance, quadrant``; where the
    cross-hairs are and by which rule."""

    attributes: pl.DataFrame
    cross: str
    performance_line: float
    importance_line: float


def ipa(
    frame: pl.DataFrame,
    *,
    cross: Literal["scale", "data"] = "data",
    scale: tuple[float, float] = (1, 7),
    importance_scale: tuple[float, float] | None = None,
) -> IPAResult:
    """Place each attribute (``frame``: ``attribute, performance, importance``, one row
    per answer or per attribute) in its quadrant."""
    from custvalue._validation import check_choice

    cross = check_choice("cross", cross, ("scale", "data"))
    require_columns(frame, ("attribute", "performance", "importance"))
    low, high = scale
    if not low < high:
        raise DataValidationError("satisfaction.bad_scale", low=low, high=high)
    i_low, i_high = importance_scale or scale
    means = (
        frame.select(
            pl.col("attribute").cast(pl.String),
            pl.col("performance").cast(pl.Float64, strict=False),
            pl.col("importance").cast(pl.Float64, strict=False),
        )
        .drop_nulls()
        .group_by("attribute")
        .agg(
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("performance").mean(),
            pl.col("importance").mean(),
        )
        .sort("attribute")
    )
    if means.height == 0:
        raise DataValidationError("satisfaction.no_answers", what="ipa")
    if cross == "scale":
        x_line, y_line = (low + high) / 2, (i_low + i_high) / 2
    else:
        x_line = float(means["performance"].mean())  # type: ignore[arg-type]
        y_line = float(means["importance"].mean())  # type: ignore[arg-type]
    high_x = pl.col("performance") >= x_line
    high_y = pl.col("importance") >= y_line
    placed = means.with_columns(
        pl.when(high_y & ~high_x)
        .then(pl.lit("concentrate_here"))
        .when(high_y & high_x)
        .then(pl.lit("keep_up"))
        .when(~high_y & ~high_x)
        .then(pl.lit("low_priority"))
        .otherwise(pl.lit("possible_overkill"))
        .alias("quadrant")
    )
    return IPAResult(
        attributes=placed,
        cross=cross,
        performance_line=float(x_line),
        importance_line=float(y_line),
    )

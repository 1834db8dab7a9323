"""Head-to-head area chart data (Gale's tool 5): us against one rival, attribute by
attribute, weighted.

Attributes in weight order; each spans ``[x_start, x_end)`` on a 0–100 axis (its
weight), its height is the rating difference *qᵢ − xᵢ* and its area
*wᵢ (qᵢ − xᵢ) / 100*. The areas sum to the weighted score difference of the profile;
positive area is where we win, negative where the rival does.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from custvalue._validation import check_choice
from custvalue.cva.profile import KINDS, Kind, profile
from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = ["HeadToHead", "head_to_head"]


@dataclass(frozen=True)
class HeadToHead:
    """``attributes``: ``attribute, weight, x_start, x_end, us_score, rival_score,
    difference, ratio, area``; ``net`` = Σ area; ``ahead`` / ``behind`` = Σ positive /
    negative areas."""

    rival: str
    kind: Kind
    attributes: pl.DataFrame
    net: float
    ahead: float
    behind: float


def head_to_head(survey: Survey, rival: str, *, kind: Kind = "quality") -> HeadToHead:
    """Us against ``rival`` (a competitor name) on the attributes of ``kind``."""
    check_choice("kind", kind, KINDS)
    if rival == survey.us:
        raise DataValidationError("cva.rival_is_us", rival=rival)
    known = sorted(set(survey.ratings["competitor"].to_list()) - {survey.us})
    if rival not in known:
        raise DataValidationError("cva.unknown_rival", rival=rival, known=", ".join(known))
    prof = profile(survey, kind)
    rows = prof.attributes.filter(pl.col("rival") == rival)
    if rows.is_empty():
        raise DataValidationError("cva.no_pairs", us=survey.us, kind=kind)
    rows = rows.sort(["weight", "attribute"], descending=[True, False]).with_columns(
        (pl.col("weight").cum_sum() - pl.col("weight")).alias("x_start"),
        pl.col("weight").cum_sum().alias("x_end"),
        (pl.col("weight") * pl.col("difference") / 100).alias("area"),
    )
    table = rows.select(
        "attribute",
        "weight",
        "x_start",
        "x_end",
        "us_score",
        "rival_score",
        "difference",
        "ratio",
        "area",
    )
    area = table["area"]
    return HeadToHead(
        rival=rival,
        kind=kind,
        attributes=table,
        net=float(area.sum()),
        ahead=float(area.filter(area > 0).sum()),
        behind=float(area.filter(area < 0).sum()),
    )

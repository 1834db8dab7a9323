"""The customer value map (Gale's tool 3): relative quality against relative price.

Every competitor *c* is placed against the others *o*:

- relative quality = 100 × the mean (or market-share-weighted mean) over *o* of *c*'s
  overall quality ratio against *o* (pairwise, by respondents who rated both; ``ratio``
  or ``score_ratio`` method, see :mod:`custvalue.cva.profile`);
- relative price = 100 × price(*c*) / the (share-weighted) mean price of the others when
  market prices are known (``price_source="market"``), or 100 / *c*'s price-satisfaction
  ratio against the others (``"perceived"``; satisfaction with price is higher when the
  price feels lower, so the inverse makes "dearer" point right). ``"auto"`` (default)
  uses market prices when every competitor has one.

Fair-value line through the market point (100, 100) unless fitted:

- ``diagonal`` (default): slope 1 — a price premium is fair when quality is ahead by as
  many index points;
- ``fitted``: least squares of relative quality on relative price over the competitors
  (needs three with different prices);
- ``importance``: slope = price weight / quality weight (``quality_weight`` in (0, 1)),
  so a point of price is worth that many points of quality.

Value = relative quality − the line's quality at the competitor's relative price
(vertical distance, default) or that divided by √(1 + slope²) (perpendicular). Zones:
``better`` above the line by more than ``tolerance`` index points, ``worse`` below,
``fair`` otherwise.

Reference: Gale (1994), ch. 5; Kotler & Keller, *Marketing Management*, customer value
analysis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from custvalue._validation import check_choice, check_number
from custvalue.cva.profile import (
    Baseline,
    Method,
    _prefer_specific,
    attribute_weights,
    pair_scores,
)
from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = ["LINES", "PRICE_SOURCES", "ValueMap", "value_map"]

Line = Literal["diagonal", "fitted", "importance"]
PriceSource = Literal["auto", "market", "perceived"]
Distance = Literal["vertical", "perpendicular"]
LINES: tuple[Line, ...] = ("diagonal", "fitted", "importance")
PRICE_SOURCES: tuple[PriceSource, ...] = ("auto", "market", "perceived")


@dataclass(frozen=True)
class ValueMap:
    """Points, the fair-value line and how they were computed.

    ``points``: ``competitor, is_us, relative_quality, relative_price, fair_quality,
    value_advantage, zone``, ordered by value (best first).
    """

    points: pl.DataFrame
    intercept: float
    slope: float
    line: Line
    price_source: Literal["market", "perceived"]
    method: Method
    baseline: Baseline
    distance: Distance


def _overall(per_attribute: pl.DataFrame, method: Method) -> pl.DataFrame:
    """``competitor, rival, value``: each ordered pair's overall figure."""
    if method == "ratio":
        expr = (pl.col("weight") * pl.col("us_score") / pl.col("rival_score")).sum() / pl.col(
            "weight"
        ).sum()
    else:
        expr = (pl.col("weight") * pl.col("us_score")).sum() / (
            pl.col("weight") * pl.col("rival_score")
        ).sum()
    return per_attribute.group_by("competitor", "rival").agg(expr.alias("value"))


def _against_others(
    pairs: pl.DataFrame, competitors: list[str], share: dict[str, float] | None
) -> dict[str, float]:
    out: dict[str, float] = {}
    for c in competitors:
        rows = pairs.filter(pl.col("competitor") == c)
        if rows.is_empty():
            continue
        values = dict(zip(rows["rival"].to_list(), rows["value"].to_list(), strict=True))
        w = {o: (share[o] if share else 1.0) for o in values}
        total = sum(w.values())
        out[c] = sum(values[o] * w[o] for o in values) / total
    return out


def value_map(
    survey: Survey,
    *,
    method: Method = "ratio",
    baseline: Baseline = "mean",
    price_source: PriceSource = "auto",
    line: Line = "diagonal",
    quality_weight: float | None = None,
    distance: Distance = "vertical",
    tolerance: float = 1.0,
) -> ValueMap:
    """Place every competitor on the customer value map (see the module docstring).

    ``baseline`` ``mean`` (default; ``each`` means the same here: the map compares each
    competitor with all the others) or ``share`` (market-share weights).
    """
    check_choice("method", method, ("ratio", "score_ratio"))
    check_choice("baseline", baseline, ("mean", "each", "share"))
    check_choice("price_source", price_source, PRICE_SOURCES)
    check_choice("line", line, LINES)
    check_choice("distance", distance, ("vertical", "perpendicular"))
    check_number("tolerance", tolerance, minimum=0)
    if survey.ratings.is_empty():
        raise DataValidationError("cva.no_ratings")
    competitors = sorted(set(survey.ratings["competitor"].to_list()))
    share = _market_shares(survey, competitors) if baseline == "share" else None

    qw = attribute_weights(survey, "quality")
    q_pairs = _overall(
        pair_scores(survey.ratings, qw["attribute"].to_list()).join(qw, on="attribute"), method
    )
    quality = _against_others(q_pairs, competitors, share)

    source = _price_source(survey, competitors, price_source)
    if source == "market":
        prices = _market_prices(survey, competitors)
        price: dict[str, float] = {}
        for c in competitors:
            others = [o for o in competitors if o != c]
            w = {o: (share[o] if share else 1.0) for o in others}
            mean = sum(prices[o] * w[o] for o in others) / sum(w.values())
            price[c] = 100.0 * prices[c] / mean
    else:
        pw = attribute_weights(survey, "price")
        p_pairs = _overall(
            pair_scores(survey.ratings, pw["attribute"].to_list()).join(pw, on="attribute"),
            method,
        )
        satisfaction = _against_others(p_pairs, competitors, share)
        price = {c: 100.0 / v for c, v in satisfaction.items() if v > 0}

    placed = [c for c in competitors if c in quality and c in price]
    if len(placed) < 2:
        raise DataValidationError("cva.map_too_few", found=", ".join(placed) or "-")
    q = np.array([100.0 * quality[c] for c in placed])
    p = np.array([price[c] for c in placed])

    if line == "diagonal":
        slope, intercept = 1.0, 0.0
    elif line == "importance":
        if quality_weight is None:
            raise DataValidationError("cva.quality_weight_needed", name="quality_weight")
        check_number("quality_weight", quality_weight, above=0, below=1)
        slope = (1.0 - quality_weight) / quality_weight
        intercept = 100.0 - slope * 100.0
    else:
        if len(placed) < 3 or float(np.ptp(p)) == 0.0:
            raise DataValidationError("cva.fit_needs_three", found=len(placed))
        slope, intercept = (float(v) for v in np.polyfit(p, q, 1))

    fair = intercept + slope * p
    vertical = q - fair
    value = vertical if distance == "vertical" else vertical / math.sqrt(1.0 + slope * slope)
    zone = np.where(value > tolerance, "better", np.where(value < -tolerance, "worse", "fair"))
    points = pl.DataFrame(
        {
            "competitor": placed,
            "is_us": [c == survey.us for c in placed],
            "relative_quality": q,
            "relative_price": p,
            "fair_quality": fair,
            "value_advantage": value,
            "zone": zone.tolist(),
        }
    ).sort("value_advantage", descending=True)
    return ValueMap(
        points=points,
        intercept=intercept,
        slope=slope,
        line=line,
        price_source=source,
        method=method,
        baseline="share" if share else "mean",
        distance=distance,
    )


def _price_source(
    survey: Survey, competitors: list[str], wanted: PriceSource
) -> Literal["market", "perceived"]:
    market = _prefer_specific(_prefer_specific(survey.market, "wave"), "segment")
    priced = set(market.filter(pl.col("price").is_not_null())["competitor"].to_list())
    complete = set(competitors) <= priced
    if wanted == "market":
        if not complete:
            missing = sorted(set(competitors) - priced)
            raise DataValidationError("cva.no_prices", missing=", ".join(missing))
        return "market"
    if wanted == "perceived":
        return "perceived"
    return "market" if complete else "perceived"


def _market_prices(survey: Survey, competitors: list[str]) -> dict[str, float]:
    market = _prefer_specific(_prefer_specific(survey.market, "wave"), "segment")
    rows = (
        market.filter(pl.col("competitor").is_in(competitors) & pl.col("price").is_not_null())
        .group_by("competitor")
        .agg(pl.col("price").mean())
    )
    return {str(k): float(v) for k, v in rows.iter_rows()}


def _market_shares(survey: Survey, competitors: list[str]) -> dict[str, float]:
    market = _prefer_specific(_prefer_specific(survey.market, "wave"), "segment")
    rows = (
        market.filter(pl.col("competitor").is_in(competitors) & pl.col("share").is_not_null())
        .group_by("competitor")
        .agg(pl.col("share").mean())
    )
    shares = {str(k): float(v) for k, v in rows.iter_rows()}
    missing = [c for c in competitors if c not in shares]
    if missing:
        raise DataValidationError("cva.no_shares", missing=", ".join(missing))
    return shares

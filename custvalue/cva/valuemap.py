"""The customer value map (Gale's tool 3): relative quality against relative price.

Every competitor *c* is placed against the others *o*:

- relative quality = 100 × the mean (or market-share-weighted mean) over *o* of *c*'s
  overall quality ratio against *o* (pairwise, by respondents who rated both; ``ratio``
  or ``score_ratio`` method, see :mod:`custvalue.cva.profile`);
- relative price = 100 × price(*c*) / the (share-weighted) mean price of the others when
  market prices are known (``price_source="market"``), or 100 / *c*'s price-satisfaction
  ratio against the others (``"perceived"``; satisfaction with price is higher when the
  price feels lower, so the inverse makes "dearer" point right). ``"auto"`` (default)
  uses market prices when every competitor has one. ``price_reference="market"``
  divides market prices by the mean of the whole market, *c* included, instead of the
  others' (K. Yang, *Design for Six Sigma for Service*, 2005, Table 5.5: $70 against a
  $32.53 average of 15 toasters → 215); see :func:`relative_prices`.

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
``fair`` otherwise. :func:`place` draws the same map from quality and price indexes
already computed elsewhere (a published table, a test lab's scores).

``ratio_digits`` rounds each per-attribute ratio before weighting, as in
:func:`custvalue.cva.profile.profile`.

Reference: Gale (1994), ch. 5; Kotler & Keller, *Marketing Management*, customer value
analysis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from custvalue._validation import check_choice, check_number
from custvalue.cva.profile import (
    Baseline,
    Method,
    _prefer_specific,
    _ratio_digits,
    attribute_weights,
    pair_scores,
    round_ratios,
)
from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = [
    "LINES",
    "PRICE_REFERENCES",
    "PRICE_SOURCES",
    "ValueMap",
    "place",
    "relative_prices",
    "value_map",
]

Line = Literal["diagonal", "fitted", "importance"]
PriceSource = Literal["auto", "market", "perceived"]
PriceReference = Literal["others", "market"]
Distance = Literal["vertical", "perpendicular"]
LINES: tuple[Line, ...] = ("diagonal", "fitted", "importance")
PRICE_SOURCES: tuple[PriceSource, ...] = ("auto", "market", "perceived")
PRICE_REFERENCES: tuple[PriceReference, ...] = ("others", "market")


@dataclass(frozen=True)
class ValueMap:
    """Points, the fair-value line and how they were computed.

    ``points``: ``competitor, is_us, relative_quality, relative_price, fair_quality,
    value_advantage, zone``, ordered by value (best first). From :func:`place`,
    ``price_source`` is ``"given"`` and ``method`` / ``baseline`` are ``None``.
    """

    points: pl.DataFrame
    intercept: float
    slope: float
    line: Line
    price_source: Literal["market", "perceived", "given"]
    method: Method | None
    baseline: Baseline | None
    distance: Distance


def _overall(
    per_attribute: pl.DataFrame, method: Method, digits: int | None = None
) -> pl.DataFrame:
    """``competitor, rival, value``: each ordered pair's overall figure."""
    if method == "ratio":
        ratios = round_ratios(
            (per_attribute["us_score"] / per_attribute["rival_score"]).to_list(), digits
        )
        per_attribute = per_attribute.with_columns(pl.Series("_ratio", ratios, pl.Float64))
        expr = (pl.col("weight") * pl.col("_ratio")).sum() / pl.col("weight").sum()
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
    price_reference: PriceReference = "others",
    ratio_digits: int | None = None,
) -> ValueMap:
    """Place every competitor on the customer value map (see the module docstring).

    ``baseline`` ``mean`` (default; ``each`` means the same here: the map compares each
    competitor with all the others) or ``share`` (market-share weights).
    ``price_reference`` (market prices only): ``others`` (default) or ``market``.
    """
    check_choice("method", method, ("ratio", "score_ratio"))
    check_choice("baseline", baseline, ("mean", "each", "share"))
    check_choice("price_source", price_source, PRICE_SOURCES)
    check_choice("price_reference", price_reference, PRICE_REFERENCES)
    digits = _ratio_digits(ratio_digits)
    _check_line(line, quality_weight, distance, tolerance)
    if survey.ratings.is_empty():
        raise DataValidationError("cva.no_ratings")
    competitors = sorted(set(survey.ratings["competitor"].to_list()))
    share = _market_shares(survey, competitors) if baseline == "share" else None

    qw = attribute_weights(survey, "quality")
    q_pairs = _overall(
        pair_scores(survey.ratings, qw["attribute"].to_list()).join(qw, on="attribute"),
        method,
        digits,
    )
    quality = {c: 100.0 * v for c, v in _against_others(q_pairs, competitors, share).items()}

    source = _price_source(survey, competitors, price_source)
    if source == "market":
        price = relative_prices(
            _market_prices(survey, competitors), reference=price_reference, share=share
        )
    else:
        pw = attribute_weights(survey, "price")
        p_pairs = _overall(
            pair_scores(survey.ratings, pw["attribute"].to_list()).join(pw, on="attribute"),
            method,
            digits,
        )
        satisfaction = _against_others(p_pairs, competitors, share)
        price = {c: 100.0 / v for c, v in satisfaction.items() if v > 0}

    points, slope, intercept = _place(
        quality, price, survey.us, line, quality_weight, distance, tolerance
    )
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


def relative_prices(
    prices: Mapping[str, float],
    *,
    reference: PriceReference = "others",
    share: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Relative price index of every competitor: 100 × its price / a reference price.

    ``reference="others"`` (default): the mean price of the other competitors;
    ``"market"``: the mean price of all of them, the competitor itself included (the
    market average; K. Yang, *Design for Six Sigma for Service*, 2005, Table 5.5). With
    ``share`` (competitor → market share) the means are share-weighted. Prices must be
    above 0; a reference needs at least one other competitor.
    """
    check_choice("reference", reference, PRICE_REFERENCES)
    for c, v in prices.items():
        check_number(f"price[{c}]", v, above=0)
    if len(prices) < 2:
        raise DataValidationError("cva.map_too_few", found=", ".join(prices) or "-")
    weight = {c: (float(share[c]) if share else 1.0) for c in prices}
    out: dict[str, float] = {}
    for c, p in prices.items():
        pool = [o for o in prices if reference == "market" or o != c]
        mean = sum(prices[o] * weight[o] for o in pool) / sum(weight[o] for o in pool)
        out[c] = 100.0 * p / mean
    return out


def place(
    quality: Mapping[str, float],
    price: Mapping[str, float],
    *,
    us: str | None = None,
    line: Line = "diagonal",
    quality_weight: float | None = None,
    distance: Distance = "vertical",
    tolerance: float = 1.0,
) -> ValueMap:
    """The value map of quality and price indexes already computed (100 = the market).

    ``quality`` and ``price`` map competitor → index (e.g. a published market-perceived
    quality score and relative price); competitors in both are placed, at least two.
    Line, distance, tolerance and zones as in :func:`value_map`.
    """
    _check_line(line, quality_weight, distance, tolerance)
    for name, values in (("quality", quality), ("price", price)):
        for c, v in values.items():
            check_number(f"{name}[{c}]", v)
    points, slope, intercept = _place(
        {c: float(v) for c, v in quality.items()},
        {c: float(v) for c, v in price.items()},
        us,
        line,
        quality_weight,
        distance,
        tolerance,
    )
    return ValueMap(
        points=points,
        intercept=intercept,
        slope=slope,
        line=line,
        price_source="given",
        method=None,
        baseline=None,
        distance=distance,
    )


def _check_line(
    line: Line, quality_weight: float | None, distance: Distance, tolerance: float
) -> None:
    check_choice("line", line, LINES)
    check_choice("distance", distance, ("vertical", "perpendicular"))
    check_number("tolerance", tolerance, minimum=0)
    if line == "importance":
        if quality_weight is None:
            raise DataValidationError("cva.quality_weight_needed", name="quality_weight")
        check_number("quality_weight", quality_weight, above=0, below=1)


def _place(
    quality: Mapping[str, float],
    price: Mapping[str, float],
    us: str | None,
    line: Line,
    quality_weight: float | None,
    distance: Distance,
    tolerance: float,
) -> tuple[pl.DataFrame, float, float]:
    """``points`` (best value first), slope and intercept of the fair-value line."""
    placed = [c for c in sorted(quality) if c in price]
    if len(placed) < 2:
        raise DataValidationError("cva.map_too_few", found=", ".join(placed) or "-")
    q = np.array([quality[c] for c in placed])
    p = np.array([price[c] for c in placed])

    if line == "diagonal":
        slope, intercept = 1.0, 0.0
    elif line == "importance":
        assert quality_weight is not None  # checked by _check_line
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
            "is_us": [c == us for c in placed],
            "relative_quality": q,
            "relative_price": p,
            "fair_quality": fair,
            "value_advantage": value,
            "zone": zone.tolist(),
        }
    ).sort("value_advantage", descending=True)
    return points, slope, intercept


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
    missing = [c for c in competitors if shares.get(c, 0.0) <= 0]  # 0 weighs nothing
    if missing:
        raise DataValidationError("cva.no_shares", missing=", ".join(missing))
    return shares

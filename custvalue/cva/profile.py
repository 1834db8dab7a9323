"""Market-perceived quality and price profiles (Gale's tools 1 and 2).

For us against a rival *X*, only respondents who rated both count ("customers who know
both"), attribute by attribute: a respondent's ratings of an attribute enter the pair
only when they rated us and *X* on it. Per attribute *i* with weight *wᵢ* (see
:func:`attribute_weights`): our mean rating *qᵢ*, the rival's *xᵢ*, the performance ratio
*rᵢ = qᵢ / xᵢ*. Overall, every method is reported:

- ``ratio`` (Gale; the default): Σ wᵢ rᵢ / Σ wᵢ
- ``score_ratio``: Σ wᵢ qᵢ / Σ wᵢ xᵢ
- ``difference``: Σ wᵢ (qᵢ − xᵢ) / Σ wᵢ (the weighted score difference)

Baselines: ``each`` rival; ``mean`` — per attribute the simple mean, over the rivals, of
the pairwise scores; ``share`` — the same mean weighted by market share (``market``
table). Nothing is rounded before weighting unless asked: ``ratio_digits=2`` rounds each
*rᵢ* half-up to two decimals before it is weighted, as published tables do (e.g. K. Yang,
*Design for Six Sigma for Service*, 2005, Table 5.4: 9/7 → 1.29, 9/8 → 1.13, total 118.7
where the unrounded ratios give 118.4); it changes ``ratio`` and ``contribution`` only.

Reference: B. T. Gale, *Managing Customer Value* (Free Press, 1994), ch. 2–4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import polars as pl

from custvalue._validation import check_choice, check_number
from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = [
    "BASELINES",
    "KINDS",
    "METHODS",
    "MEAN",
    "SHARE",
    "Baseline",
    "Kind",
    "Method",
    "Profile",
    "attribute_weights",
    "pair_scores",
    "price_profile",
    "profile",
    "quality_profile",
    "respondent_scores",
    "round_ratios",
    "single_brand_respondents",
]

Kind = Literal["quality", "price"]
Method = Literal["ratio", "score_ratio", "difference"]
Baseline = Literal["each", "mean", "share"]
METHODS: tuple[Method, ...] = ("ratio", "score_ratio", "difference")
BASELINES: tuple[Baseline, ...] = ("each", "mean", "share")
KINDS: tuple[Kind, ...] = ("quality", "price")
#: ``rival`` value of the rows compared with the rivals' simple / share-weighted mean
MEAN = "<mean>"
SHARE = "<share>"


@dataclass(frozen=True)
class Profile:
    """A quality or price profile.

    Attributes
    ----------
    attributes
        One row per (rival, attribute): ``rival, attribute, weight, us_score,
        rival_score, ratio, difference, contribution`` (= wᵢ·rᵢ/100) and ``respondents``
        (who rated both on the attribute; for baselines the smallest pair count).
    overall
        One row per rival: ``rival, ratio, score_ratio, difference, respondents``.
    excluded_respondents
        Respondents who rated a single competitor (excluded from every ratio).
    unweighted_attributes
        Rated attributes of this kind without a weight (left out) — and weighted
        attributes nobody rated for the pair are simply missing from ``attributes``.
    """

    kind: Kind
    us: str
    baseline: Baseline
    attributes: pl.DataFrame
    overall: pl.DataFrame
    excluded_respondents: int
    unweighted_attributes: list[str] = field(default_factory=list)

    def value(self, rival: str, method: Method = "ratio") -> float:
        """The overall figure of ``method`` against ``rival`` (or :data:`MEAN`)."""
        rows = self.overall.filter(pl.col("rival") == rival)
        if rows.is_empty():
            raise DataValidationError(
                "cva.unknown_rival", rival=rival, known=", ".join(self.overall["rival"])
            )
        return float(rows[method][0])


def _prefer_specific(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Rows stated for a specific wave/segment win over rows stated for all (``""``)."""
    if frame.is_empty():
        return frame
    specific = frame.filter(pl.col(column) != "")
    return specific if not specific.is_empty() else frame


def attribute_weights(survey: Survey, kind: Kind) -> pl.DataFrame:
    """``attribute, weight``: the mean of the respondents' weights, rescaled to sum to 100.

    A respondent's set that leaves an attribute out gives it 0. Weights stated for a
    specific wave or segment win over weights stated for all (``""``).
    """
    w = survey.weights.filter(pl.col("kind") == kind)
    w = _prefer_specific(_prefer_specific(w, "wave"), "segment")
    if w.is_empty():
        raise DataValidationError("cva.no_weights", kind=kind)
    sets = w.select("wave", "segment", "respondent").n_unique()
    out = (
        w.group_by("attribute")
        .agg((pl.col("weight").sum() / sets).alias("weight"))
        .filter(pl.col("weight") > 0)
    )
    total = float(out["weight"].sum())
    return out.with_columns(pl.col("weight") * (100.0 / total)).sort(
        ["weight", "attribute"], descending=[True, False]
    )


def round_ratios(values: list[float], digits: int | None) -> list[float]:
    """``values`` rounded half-up to ``digits`` decimals as printed (``None``: unchanged).

    Rounds the shortest decimal form of each value (``repr``), so 201/200 = 1.005 gives
    1.01 as it does by hand, not 1.0 from its binary approximation; a value that is not
    finite stays as it is.
    """
    if digits is None:
        return values
    step = Decimal(1).scaleb(-digits)
    return [
        float(Decimal(repr(v)).quantize(step, rounding=ROUND_HALF_UP)) if math.isfinite(v) else v
        for v in values
    ]


def _ratio_digits(ratio_digits: int | None) -> int | None:
    """``ratio_digits`` if ``None`` or a whole number from 0 to 12, else the shared error."""
    if ratio_digits is None:
        return None
    return int(check_number("ratio_digits", ratio_digits, minimum=0, maximum=12, integer=True))


def single_brand_respondents(ratings: pl.DataFrame) -> pl.DataFrame:
    """``wave, respondent`` of respondents who rated only one competitor."""
    return (
        ratings.group_by("wave", "respondent")
        .agg(pl.col("competitor").n_unique().alias("n"))
        .filter(pl.col("n") < 2)
        .select("wave", "respondent")
    )


def pair_scores(ratings: pl.DataFrame, attributes: list[str]) -> pl.DataFrame:
    """Mean ratings for every ordered pair of competitors by the respondents who rated both.

    Returns ``competitor, rival, attribute, us_score, rival_score, respondents`` where
    ``us_score`` is the mean rating of ``competitor`` (not only ours).
    """
    r = (
        ratings.filter(pl.col("attribute").is_in(attributes))
        .group_by("wave", "respondent", "competitor", "attribute")
        .agg(pl.col("rating").mean())
    )
    pairs = r.join(r, on=["wave", "respondent", "attribute"], suffix="_b").filter(
        pl.col("competitor") != pl.col("competitor_b")
    )
    return (
        pairs.group_by("competitor", "competitor_b", "attribute")
        .agg(
            pl.col("rating").mean().alias("us_score"),
            pl.col("rating_b").mean().alias("rival_score"),
            pl.len().alias("respondents"),
        )
        .rename({"competitor_b": "rival"})
    )


def _shares(survey: Survey, rivals: list[str]) -> dict[str, float]:
    market = _prefer_specific(_prefer_specific(survey.market, "wave"), "segment")
    known = (
        market.filter(pl.col("competitor").is_in(rivals) & pl.col("share").is_not_null())
        .group_by("competitor")
        .agg(pl.col("share").mean())
    )
    shares = dict(known.iter_rows())
    missing = [r for r in rivals if r not in shares]
    if missing or sum(shares.values()) <= 0:
        raise DataValidationError("cva.no_shares", missing=", ".join(missing) or "-")
    total = sum(shares.values())
    return {k: v / total for k, v in shares.items()}


def _summarize(per_attribute: pl.DataFrame) -> pl.DataFrame:
    return per_attribute.group_by("rival", maintain_order=True).agg(
        ((pl.col("weight") * pl.col("ratio")).sum() / pl.col("weight").sum()).alias("ratio"),
        (
            (pl.col("weight") * pl.col("us_score")).sum()
            / (pl.col("weight") * pl.col("rival_score")).sum()
        ).alias("score_ratio"),
        (
            (pl.col("weight") * (pl.col("us_score") - pl.col("rival_score"))).sum()
            / pl.col("weight").sum()
        ).alias("difference"),
        pl.col("respondents").min().alias("respondents"),
        pl.col("weight").sum().alias("weight_covered"),
    )


def profile(
    survey: Survey,
    kind: Kind,
    *,
    baseline: Baseline = "each",
    focus: str | None = None,
    ratio_digits: int | None = None,
) -> Profile:
    """The profile of ``focus`` (default: us) against each rival or a baseline of them.

    ``ratio_digits``: round each performance ratio to that many decimals before weighting
    (published tables' convention; default ``None``, never rounded).
    """
    check_choice("kind", kind, KINDS)
    check_choice("baseline", baseline, BASELINES)
    digits = _ratio_digits(ratio_digits)
    me = focus or survey.us
    ratings = survey.ratings
    if ratings.is_empty():
        raise DataValidationError("cva.no_ratings")
    competitors = sorted(set(ratings["competitor"].to_list()))
    if me not in competitors:
        raise DataValidationError("cva.unknown_us", us=me, known=", ".join(competitors))
    weights = attribute_weights(survey, kind)
    weighted = weights["attribute"].to_list()
    rated = set(ratings["attribute"].to_list())
    other_kind = set(survey.weights.filter(pl.col("kind") != kind)["attribute"].to_list())
    unweighted = sorted(rated - set(weighted) - other_kind)
    excluded = single_brand_respondents(ratings)
    pairs = (
        pair_scores(ratings, weighted)
        .filter(pl.col("competitor") == me)
        .drop("competitor")
        .join(weights, on="attribute")
    )
    if pairs.is_empty():
        raise DataValidationError("cva.no_pairs", us=me, kind=kind)
    if baseline != "each":
        rivals = sorted(set(pairs["rival"].to_list()))
        if baseline == "share":
            share = _shares(survey, rivals)
            tag = SHARE
        else:
            share = {r: 1.0 / len(rivals) for r in rivals}
            tag = MEAN
        w = pl.col("rival").replace_strict(share, return_dtype=pl.Float64)
        pairs = (
            pairs.with_columns(w.alias("_w"))
            .group_by("attribute", "weight")
            .agg(
                ((pl.col("us_score") * pl.col("_w")).sum() / pl.col("_w").sum()).alias("us_score"),
                ((pl.col("rival_score") * pl.col("_w")).sum() / pl.col("_w").sum()).alias(
                    "rival_score"
                ),
                pl.col("respondents").min(),
            )
            .with_columns(pl.lit(tag).alias("rival"))
        )
    per_attribute = pairs.with_columns(
        (pl.col("us_score") / pl.col("rival_score")).alias("ratio"),
        (pl.col("us_score") - pl.col("rival_score")).alias("difference"),
    )
    if digits is not None:
        rounded = round_ratios(per_attribute["ratio"].to_list(), digits)
        per_attribute = per_attribute.with_columns(pl.Series("ratio", rounded, pl.Float64))
    per_attribute = (
        per_attribute.with_columns((pl.col("weight") * pl.col("ratio") / 100).alias("contribution"))
        .select(
            "rival",
            "attribute",
            "weight",
            "us_score",
            "rival_score",
            "ratio",
            "difference",
            "contribution",
            "respondents",
        )
        .sort(["rival", "weight", "attribute"], descending=[False, True, False])
    )
    return Profile(
        kind=kind,
        us=me,
        baseline=baseline,
        attributes=per_attribute,
        overall=_summarize(per_attribute).sort("rival"),
        excluded_respondents=excluded.height,
        unweighted_attributes=unweighted,
    )


def quality_profile(
    survey: Survey, *, baseline: Baseline = "each", ratio_digits: int | None = None
) -> Profile:
    """Market-perceived quality profile (Gale's tool 1)."""
    return profile(survey, "quality", baseline=baseline, ratio_digits=ratio_digits)


def price_profile(
    survey: Survey, *, baseline: Baseline = "each", ratio_digits: int | None = None
) -> Profile:
    """Market-perceived price profile (Gale's tool 2): ratings are satisfaction with price,
    so a ratio above 1 means customers see us as better on price."""
    return profile(survey, "price", baseline=baseline, ratio_digits=ratio_digits)


def respondent_scores(survey: Survey, kind: Kind) -> pl.DataFrame:
    """Each respondent's weighted rating of us on the ``kind`` attributes (Gale's profile
    seen by one customer): ``wave, respondent, score, attributes``.

    *score* = Σ wᵢ qᵢ / Σ wᵢ over the attributes the respondent rated us on, *qᵢ* their
    rating, *wᵢ* the market's weight of the attribute (:func:`attribute_weights`, the
    respondents' mean; one respondent's own weights are too few answers to weigh by), on
    the survey's rating scale; ``attributes`` counts the attributes rated. A respondent who
    rated none of them has no row. On the price attributes the ratings are satisfaction
    with price, so a higher score is a better price seen.
    """
    weights = attribute_weights(survey, kind)
    ours = survey.ratings.filter(pl.col("competitor") == survey.us).join(
        weights, on="attribute", how="inner"
    )
    return (
        ours.group_by("wave", "respondent")
        .agg(
            ((pl.col("weight") * pl.col("rating")).sum() / pl.col("weight").sum()).alias("score"),
            pl.len().cast(pl.Int64).alias("attributes"),
        )
        .sort("wave", "respondent")
    )

"""Quality and price profiles against hand-computed figures (see handmade.py)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from custvalue.cva.profile import (
    MEAN,
    SHARE,
    attribute_weights,
    price_profile,
    quality_profile,
    round_ratios,
)
from custvalue.exceptions import DataValidationError
from tests.cva import handmade

APPROX = pytest.approx


def _row(frame: pl.DataFrame, **keys: str) -> dict[str, object]:
    cond = pl.lit(True)
    for k, v in keys.items():
        cond = cond & (pl.col(k) == v)
    rows = frame.filter(cond).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def test_weights_are_the_mean_of_respondents_sets() -> None:
    w = attribute_weights(handmade.survey(), "quality")
    assert dict(w.iter_rows()) == {"q1": APPROX(60.0), "q2": APPROX(40.0)}


def test_quality_profile_each_rival() -> None:
    prof = quality_profile(handmade.survey())
    assert prof.excluded_respondents == 1  # r3 rated only C
    # A vs B, raters r1 and r2: q1 A (8+6)/2=7, B (4+6)/2=5 → 1.4; q2 A 7, B (6+2)/2=4 → 1.75
    q1 = _row(prof.attributes, rival="B", attribute="q1")
    assert (q1["us_score"], q1["rival_score"], q1["ratio"], q1["respondents"]) == (
        7.0, 5.0, APPROX(1.4), 2,
    )  # fmt: skip
    assert q1["contribution"] == APPROX(60 * 1.4 / 100)
    b = _row(prof.overall, rival="B")
    assert b["ratio"] == APPROX((60 * 1.4 + 40 * 1.75) / 100)  # 1.54
    assert b["score_ratio"] == APPROX((60 * 7 + 40 * 7) / (60 * 5 + 40 * 4))  # 700/460
    assert b["difference"] == APPROX((60 * 2 + 40 * 3) / 100)  # 2.4
    # A vs C: only r2 knows both: q1 6/3 = 2, q2 8/8 = 1
    c = _row(prof.overall, rival="C")
    assert c["ratio"] == APPROX((60 * 2 + 40 * 1) / 100)  # 1.6
    assert c["score_ratio"] == APPROX((60 * 6 + 40 * 8) / (60 * 3 + 40 * 8))  # 680/500
    assert c["difference"] == APPROX(60 * 3 / 100)
    assert c["respondents"] == 1
    assert prof.value("C", "score_ratio") == APPROX(1.36)


def test_quality_profile_against_rivals_mean_and_share() -> None:
    mean = quality_profile(handmade.survey(), baseline="mean")
    # q1: us (7+6)/2 = 6.5 vs rivals (5+3)/2 = 4; q2: us (7+8)/2 = 7.5 vs (4+8)/2 = 6
    assert mean.value(MEAN) == APPROX((60 * 6.5 / 4 + 40 * 7.5 / 6) / 100)  # 1.475
    share = quality_profile(handmade.survey(), baseline="share")
    # rival shares B 0.3, C 0.2 → weights 0.6 / 0.4
    us1, them1 = 0.6 * 7 + 0.4 * 6, 0.6 * 5 + 0.4 * 3
    us2, them2 = 0.6 * 7 + 0.4 * 8, 0.6 * 4 + 0.4 * 8
    assert share.value(SHARE) == APPROX((60 * us1 / them1 + 40 * us2 / them2) / 100)


def test_price_profile() -> None:
    prof = price_profile(handmade.survey())
    # A vs B on p1: A (5+6)/2 = 5.5, B (5+4)/2 = 4.5; A vs C: 6 vs 6
    assert prof.value("B") == APPROX(5.5 / 4.5)
    assert prof.value("C") == APPROX(1.0)


def test_weights_scale_invariant_and_rounding_free() -> None:
    scaled = handmade.weights().with_columns(pl.col("weight") * 3.7)
    a = quality_profile(handmade.survey()).overall
    b = quality_profile(handmade.survey(weights=scaled)).overall
    assert a.equals(b) or all(x == APPROX(y) for x, y in zip(a["ratio"], b["ratio"], strict=True))


def test_ratios_rounded_before_weighting_only_when_asked() -> None:
    # half-up on the printed decimal: 201/200 = 1.005 → 1.01 (its float is 1.00499…)
    assert round_ratios([201 / 200, 9 / 8, 9 / 7, float("inf")], 2) == [1.01, 1.13, 1.29, math.inf]
    assert round_ratios([2 / 3], None) == [2 / 3]
    exact = quality_profile(handmade.survey())
    rounded = quality_profile(handmade.survey(), ratio_digits=1)
    # A vs B: q1 1.4, q2 1.75 → 1.8: (60·1.4 + 40·1.8)/100 = 1.56 instead of 1.54
    b = _row(rounded.attributes, rival="B", attribute="q2")
    assert (b["ratio"], b["contribution"]) == (APPROX(1.8), APPROX(40 * 1.8 / 100))
    assert rounded.value("B") == APPROX(1.56) and exact.value("B") == APPROX(1.54)
    # score ratio and difference never use the per-attribute ratios
    for method in ("score_ratio", "difference"):
        assert rounded.value("B", method) == exact.value("B", method)


def test_identical_brands_have_ratio_one() -> None:
    r = handmade.ratings().filter(pl.col("competitor") == "A")
    twin = pl.concat([r, r.with_columns(pl.lit("T").alias("competitor"))])
    prof = quality_profile(handmade.survey(ratings=twin))
    t = _row(prof.overall, rival="T")
    assert (t["ratio"], t["score_ratio"], t["difference"]) == (1.0, 1.0, 0.0)


def test_errors_are_clear() -> None:
    with pytest.raises(DataValidationError, match="'Z' is not among"):
        quality_profile(
            handmade.survey().__class__("Z", ratings=handmade.ratings(), weights=handmade.weights())
        )
    no_price = handmade.weights().filter(pl.col("kind") == "quality")
    with pytest.raises(DataValidationError) as info:
        price_profile(handmade.survey(weights=no_price))
    assert "custvalue import weights" in info.value.message("en")
    assert "custvalue import weights" in info.value.message("zh")
    with pytest.raises(DataValidationError, match="market shares"):
        quality_profile(
            handmade.survey(market=handmade.market().with_columns(share=None)), baseline="share"
        )

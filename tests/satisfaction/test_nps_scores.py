"""NPS, CSAT and CES: the published formulas by hand, intervals and tests against
SciPy's own implementations, invariants by hypothesis, and every refusal by its code."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction import ces, csat, nps
from custvalue.satisfaction.net_promoter import nps_change, nps_from_counts
from custvalue.satisfaction.scores import score_change


def test_nps_counts_and_the_adjusted_wald_interval_by_hand() -> None:
    """Rocks (2016), adjusted Wald: ¾ added to promoters and detractors, 3 to n (the
    constants as used by Lewis & Sauro 2021). 6 promoters, 2 passives, 2 detractors."""
    r = nps([10, 9, 9, 8, 7, 6, 3, 10, 10, 9, None, ""])
    assert (r.n, r.promoters, r.passives, r.detractors, r.missing) == (10, 6, 2, 2, 2)
    assert r.score == pytest.approx(40.0)
    p, d = 6.75 / 13, 2.75 / 13
    half = 1.959963984540054 * math.sqrt((p + d - (p - d) ** 2) / 13)
    assert r.low == pytest.approx(100 * (p - d - half))
    assert r.high == pytest.approx(100 * (p - d + half))
    assert (round(r.low, 2), round(r.high, 2)) == (-12.59, 74.12)
    assert r.small_sample and r.promoter_share == pytest.approx(0.6)
    assert r.to_dict()["detractor_share"] == pytest.approx(0.2)


def test_nps_at_the_extremes_stays_in_range() -> None:
    all_promoters = nps_from_counts(promoters=500, passives=0, detractors=0)
    assert all_promoters.score == 100 and all_promoters.high == 100
    assert 95 < all_promoters.low < 100 and not all_promoters.small_sample
    all_detractors = nps([0] * 40)
    assert all_detractors.score == -100 and all_detractors.low == -100


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(0, 400),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_nps_interval_properties(pro: int, pas: int, det: int, confidence: float) -> None:
    if pro + pas + det == 0:
        return
    r = nps_from_counts(promoters=pro, passives=pas, detractors=det, confidence=confidence)
    assert -100 <= r.low <= r.high <= 100
    assert -100 <= r.score <= 100
    wider = nps_from_counts(promoters=pro, passives=pas, detractors=det, confidence=0.999)
    assert wider.low <= r.low + 1e-9 and wider.high >= r.high - 1e-9


def test_nps_interval_covers_the_truth_about_as_often_as_it_says() -> None:
    """Coverage by simulation (the criterion Rocks compares methods by): 95 % intervals
    from samples of 60 of a known population cover its NPS in 93–97 % of 4000 draws."""
    rng = np.random.default_rng(11)
    truth = (0.45, 0.35, 0.20)  # promoters, passives, detractors: NPS 25
    draws = rng.multinomial(60, truth, size=4000)
    covered = 0
    for pro, pas, det in draws:
        r = nps_from_counts(promoters=int(pro), passives=int(pas), detractors=int(det))
        covered += r.low <= 25 <= r.high
    assert 0.93 <= covered / 4000 <= 0.97


def test_nps_change_is_flagged_only_when_significant() -> None:
    before = nps_from_counts(promoters=40, passives=30, detractors=30)  # NPS 10
    small = nps_from_counts(promoters=44, passives=30, detractors=26)  # NPS 18
    large = nps_from_counts(promoters=400, passives=300, detractors=300)
    large_after = nps_from_counts(promoters=440, passives=300, detractors=260)
    noisy = nps_change(before, small)
    assert noisy.difference == pytest.approx(8) and not noisy.significant
    assert noisy.low < 0 < noisy.high
    sure = nps_change(large, large_after)
    assert sure.difference == pytest.approx(8) and sure.significant and sure.p_value < 0.05
    se = math.sqrt(large.variance + large_after.variance)  # from the adjusted shares
    centre = ((440.75 - 260.75) - (400.75 - 300.75)) / 1003
    assert sure.z == pytest.approx(centre / se)
    assert sure.p_value == pytest.approx(2 * stats.norm.sf(centre / se))


def test_csat_share_and_mean_match_scipy() -> None:
    answers = [5, 4, 4, 3, 2, 5, 5, 1, 4, 4, 3, 5]
    r = csat(answers)
    hits = sum(a >= 4 for a in answers)
    assert r.share == pytest.approx(hits / len(answers)) and r.n == 12
    wilson = stats.binomtest(hits, len(answers)).proportion_ci(0.95, method="wilson")
    assert (r.share_low, r.share_high) == pytest.approx((wilson.low, wilson.high))
    t_ci = stats.ttest_1samp(answers, 0).confidence_interval(0.95)
    assert (r.mean_low, r.mean_high) == pytest.approx((t_ci.low, t_ci.high))
    assert r.counts == {1: 1, 2: 1, 3: 2, 4: 4, 5: 4}


def test_ces_scales() -> None:
    modern = ces([7, 6, 5, 4, 2, 7])
    assert modern.measure == "ces" and modern.share == pytest.approx(4 / 6)
    legacy = ces([1, 2, 2, 5, 3], scale=5)
    assert legacy.measure == "ces_legacy" and legacy.share == pytest.approx(3 / 5)
    with pytest.raises(DataValidationError) as caught:
        ces([1, 2], scale=10)
    assert caught.value.code == "satisfaction.bad_ces_scale"
    with pytest.raises(DataValidationError) as off:
        ces([1, 6], scale=5)
    assert off.value.code == "satisfaction.bad_answer" and off.value.params["position"] == 2


def test_score_change_matches_scipy() -> None:
    a = [5, 4, 3, 2, 5, 4, 4, 1, 3, 3, 2, 4, 5, 3]
    b = [5, 5, 4, 4, 5, 4, 5, 3, 4, 5, 4, 4, 5, 5, 4]
    change = score_change(csat(a), csat(b))
    welch = stats.ttest_ind(b, a, equal_var=False)
    assert change.mean_p_value == pytest.approx(welch.pvalue)
    hits_a, hits_b = sum(x >= 4 for x in a), sum(x >= 4 for x in b)
    table = [[hits_a, len(a) - hits_a], [hits_b, len(b) - hits_b]]
    chi2 = stats.chi2_contingency(table, correction=False)
    assert change.share_p_value == pytest.approx(chi2.pvalue)
    assert change.mean_significant == (welch.pvalue < 0.05)
    with pytest.raises(DataValidationError) as caught:
        score_change(csat(a), ces([5, 6, 7]))
    assert caught.value.code == "satisfaction.different_measures"


@pytest.mark.parametrize(
    ("answers", "position", "value"),
    [([9, 10, 11], 3, "11"), ([9, 8.5], 2, "8.5"), (["9", "ten"], 2, "ten"), ([-1], 1, "-1")],
)
def test_answers_off_the_scale_are_named(answers: list[object], position: int, value: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        nps(answers)
    assert caught.value.code == "satisfaction.bad_answer"
    assert caught.value.params["position"] == position and caught.value.params["value"] == value
    assert str(position) in caught.value.message("en") and "0" in caught.value.message("zh")


def test_no_answers_and_a_bad_confidence_are_refused() -> None:
    with pytest.raises(DataValidationError) as none:
        nps([None, None])
    assert none.value.code == "satisfaction.no_answers"
    with pytest.raises(DataValidationError) as empty:
        nps_from_counts(promoters=0, passives=0, detractors=0)
    assert empty.value.code == "satisfaction.no_answers"
    with pytest.raises(DataValidationError) as bad:
        nps([9, 10], confidence=95)
    assert bad.value.code == "satisfaction.bad_confidence"


def test_a_polars_series_is_read_as_is() -> None:
    r = nps(pl.Series([9, 10, None, 0], dtype=pl.Int64))
    assert (r.n, r.missing, r.score) == (3, 1, pytest.approx(100 / 3))

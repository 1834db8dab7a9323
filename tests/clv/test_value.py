"""CLV over a horizon, holdout evaluation and tracking on CDNOW."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from custvalue.clv import BetaGeoModel, GammaGammaModel, ParetoNBDModel, summarize
from custvalue.clv.validation import (
    frequency_recency_matrix,
    holdout_evaluation,
    probability_alive_matrix,
    tracking,
)
from custvalue.clv.value import customer_lifetime_value, per_unit_discount
from custvalue.exceptions import DataValidationError
from tests.clv.test_models import cdnow_transactions

CAL, OBS = date(1997, 9, 30), date(1998, 6, 30)


@pytest.fixture(scope="module")
def fitted() -> tuple[pl.DataFrame, pl.DataFrame, BetaGeoModel, GammaGammaModel]:
    tx = cdnow_transactions()
    summary = summarize(tx, calibration_end=CAL, observation_end=OBS)
    return tx, summary, BetaGeoModel().fit(summary), GammaGammaModel().fit(summary)


def test_undiscounted_clv_is_spend_times_expected_purchases(fitted) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, gg = fitted
    value = customer_lifetime_value(bg, summary, spend=gg, horizon=39, discount=0.0)
    x, tx, age = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    expected = bg.expected_purchases(x, tx, age, horizon=39)
    spend = gg.conditional_expected_spend(x, summary["monetary_value"].to_numpy())
    np.testing.assert_allclose(value["clv"].to_numpy(), expected * spend, rtol=1e-10)
    assert value.height == summary.height
    assert value["customer_id"].to_list() == summary["customer_id"].to_list()


def test_discounting_lowers_and_horizon_raises_value(fitted) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, gg = fitted
    d = per_unit_discount(0.1, "week")
    assert d == pytest.approx(1.1 ** (7 / 365.25) - 1)
    plain = customer_lifetime_value(bg, summary, spend=gg, horizon=52)["clv"].to_numpy()
    discounted = customer_lifetime_value(bg, summary, spend=gg, horizon=52, discount=d)
    longer = customer_lifetime_value(bg, summary, spend=gg, horizon=104, discount=d)
    assert np.all(discounted["clv"].to_numpy() <= plain + 1e-12)
    assert np.all(longer["clv"].to_numpy() >= discounted["clv"].to_numpy() - 1e-12)
    # one customer by hand: weekly increments discounted
    row = summary.row(0, named=True)
    cum = [
        bg.expected_purchases(row["frequency"], row["recency"], row["T"], horizon=k)[()]
        for k in range(0, 53)
    ]
    by_hand = sum((cum[k] - cum[k - 1]) / (1 + d) ** k for k in range(1, 53))
    spend = gg.conditional_expected_spend(row["frequency"], row["monetary_value"])[()]
    assert discounted["clv"][0] == pytest.approx(by_hand * spend, rel=1e-10)


def test_intervals_bracket_the_estimate(fitted) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, gg = fitted
    value = customer_lifetime_value(bg, summary, spend=gg, horizon=52, draws=60, seed=3)
    inside = (value["clv_lower"] <= value["clv"] * 1.0001) & (
        value["clv"] <= value["clv_upper"] * 1.0001
    )
    assert inside.mean() > 0.95  # type: ignore[operator]
    again = customer_lifetime_value(bg, summary, spend=gg, horizon=52, draws=60, seed=3)
    assert again["clv_lower"].equals(value["clv_lower"])


@pytest.mark.parametrize(
    "kwargs", [{"horizon": 0}, {"horizon": -5}, {"discount": 1.5}, {"step": float("nan")}]
)
def test_bad_clv_arguments(fitted, kwargs: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, _ = fitted
    with pytest.raises(DataValidationError):
        customer_lifetime_value(bg, summary, **kwargs)  # type: ignore[arg-type]


def test_holdout_and_tracking_on_cdnow(fitted) -> None:  # type: ignore[no-untyped-def]
    tx, summary, bg, _ = fitted
    per, metrics, by_frequency = holdout_evaluation(bg, summary)
    assert metrics["actual_total"] == summary["frequency_holdout"].sum()
    assert 0 < metrics["mae"] < 2 and abs(metrics["total_error_pct"]) < 25
    assert by_frequency["customers"].sum() == summary.height
    # 0, 1, ..., 6 and "7+" repeat purchases in calibration, as in Fader, Hardie & Lee (2005)
    assert by_frequency["frequency"].to_list() == list(range(8))
    assert by_frequency["actual_mean"].is_sorted() and by_frequency["predicted_mean"].is_sorted()
    gap = (by_frequency["predicted_mean"] - by_frequency["actual_mean"]).abs()
    assert gap.max() < 0.4  # type: ignore[operator]
    track = tracking(bg, tx, calibration_end=CAL, observation_end=OBS)
    assert track.height == 78
    week39 = track.filter(pl.col("period") == 39).row(0, named=True)
    assert week39["actual_cumulative"] == 2457  # every calibration repeat purchase
    assert track["actual_cumulative"][-1] == 2457 + summary["frequency_holdout"].sum()
    assert track["predicted_cumulative"].is_sorted()
    assert abs(track["predicted_cumulative"][-1] / track["actual_cumulative"][-1] - 1) < 0.1


def test_matrices_are_bounded_and_monotone_in_frequency_at_full_recency() -> None:
    model = ParetoNBDModel()
    model.params_ = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    alive = probability_alive_matrix(model, max_frequency=10, T=40, points=11)
    assert alive["p_alive"].is_between(0, 1).all()
    expected = frequency_recency_matrix(model, max_frequency=10, T=40, points=11)
    at_t = expected.filter(pl.col("recency") == 40).sort("frequency")["expected"]
    assert at_t.is_sorted()


def test_the_margin_puts_clv_in_profit_terms(fitted) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, gg = fitted
    revenue = customer_lifetime_value(bg, summary, spend=gg, horizon=52)
    profit = customer_lifetime_value(bg, summary, spend=gg, horizon=52, margin=0.3)
    np.testing.assert_allclose(profit["clv"].to_numpy(), 0.3 * revenue["clv"].to_numpy())
    # expected spend stays revenue per purchase: the margin applies to the CLV only
    assert profit["expected_spend"].to_list() == revenue["expected_spend"].to_list()


@pytest.mark.parametrize("margin", [0, -0.1, 1.01, float("nan"), "0.3", True])
def test_a_margin_outside_zero_to_one_is_refused(fitted, margin: object) -> None:  # type: ignore[no-untyped-def]
    _, summary, bg, gg = fitted
    with pytest.raises(DataValidationError) as info:
        customer_lifetime_value(bg, summary, spend=gg, margin=margin)  # type: ignore[arg-type]
    assert info.value.code == "clv.bad_margin"
    assert "0.3" in info.value.message() and "0.3" in info.value.message("zh")

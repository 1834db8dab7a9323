"""Shifted-beta-geometric retention: Fader & Hardie (2007) estimates and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import betaln

from custvalue.clv.sbg import ShiftedBetaGeometricModel
from custvalue.exceptions import DataValidationError

HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


@pytest.mark.parametrize(
    ("counts", "alpha", "beta", "ll"),
    [(HIGH_END, 0.668, 3.806, -1611.2), (REGULAR, 0.704, 1.182, -1680.3)],
)
def test_fader_hardie_2007(counts: list[int], alpha: float, beta: float, ll: float) -> None:
    model = ShiftedBetaGeometricModel().fit(counts)
    assert model.params_["alpha"] == pytest.approx(alpha, abs=5e-4)
    assert model.params_["beta"] == pytest.approx(beta, abs=5e-4)
    assert model.log_likelihood_ == pytest.approx(ll, abs=0.05)


def test_joint_fit_of_two_identical_cohorts_equals_one() -> None:
    one = ShiftedBetaGeometricModel().fit(REGULAR)
    two = ShiftedBetaGeometricModel().fit([REGULAR, REGULAR])
    assert two.log_likelihood_ == pytest.approx(2 * one.log_likelihood_)
    assert two.params_["alpha"] == pytest.approx(one.params_["alpha"], rel=1e-5)


@given(st.floats(0.05, 20), st.floats(0.05, 20), st.integers(1, 60))
def test_probabilities_add_up_and_retention_rises(a: float, b: float, k: int) -> None:
    model = ShiftedBetaGeometricModel()
    model.params_ = {"alpha": a, "beta": b}
    t = np.arange(1, k + 1, dtype=float)
    churn = np.exp(betaln(a + 1, b + t - 1) - betaln(a, b))
    assert churn.sum() + model.survival(k)[()] == pytest.approx(1.0, rel=1e-9)
    rates = model.retention_rate(t)
    assert np.all(np.diff(rates) >= -1e-12) and np.all((rates > 0) & (rates < 1))
    assert np.allclose(model.survival(t) / model.survival(t - 1), rates)


@pytest.mark.parametrize(
    "counts", [[1000], [1000, 1100], [0, 0], [1000, -5], [1000, 500.5], [[1000, 900], [10, 20]]]
)
def test_bad_cohorts(counts: list[object]) -> None:
    with pytest.raises(DataValidationError) as info:
        ShiftedBetaGeometricModel().fit(counts)  # type: ignore[arg-type]
    assert info.value.code == "clv.bad_cohort"
    assert info.value.message("zh") != info.value.message("en")


@pytest.mark.parametrize("theta", [(0.704, 1.182), (0.05, 20.0), (3e3, 9e3), (2e9, 7e9)])
def test_likelihood_is_the_beta_ratio_and_its_gradient_is_exact(theta: tuple[float, float]) -> None:
    """The running sums equal ln B(α+1, β+t−1)/B(α, β) and ln B(α, β+t)/B(α, β) (to 10⁻⁹
    where the Beta functions can still be differenced) and stay exact for huge α, β
    — the homogeneous limit the fit may run to."""
    from custvalue.clv.sbg import _cohort_rows
    from tests.clv.helpers import assert_gradient_exact

    data = _cohort_rows([REGULAR, HIGH_END[:5]])
    a, b = theta
    ll, _ = ShiftedBetaGeometricModel._loglik(np.array(theta), data.columns)
    t, dead = data.columns["t"], data.columns["dead"]
    beta_form = np.where(
        dead > 0, betaln(a + 1, b + t - 1) - betaln(a, b), betaln(a, b + t) - betaln(a, b)
    )
    if a < 1e6:
        np.testing.assert_allclose(ll, beta_form, rtol=1e-9, atol=1e-12)
    assert_gradient_exact(ShiftedBetaGeometricModel._loglik, np.array(theta), data.columns)


def test_cohorts_that_look_geometric_reach_the_homogeneous_limit() -> None:
    """Constant retention: α, β grow large at a fixed ratio and the fit ends there (it
    used to stop on rounding noise in the Beta functions)."""
    model = ShiftedBetaGeometricModel().fit([[4, 3, 3, 2, 1, 1]])
    a, b = model.params_.values()
    assert a > 1e4 and b / (a + b) == pytest.approx(0.77, abs=0.01)
    rates = model.retention_rate(np.arange(1, 6))
    assert np.ptp(rates) < 1e-6

"""Pareto/NBD: published CDNOW estimates, oracle integrals, extreme customers."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate
from scipy.special import gammaln, hyp2f1

from custvalue.clv import ParetoNBDModel
from tests.clv.helpers import assert_gradient_exact

CDNOW = Path(__file__).parent / "cdnow"
PARAMS = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
CASES = [(0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86), (7, 35.0, 38.0), (4, 38.0, 38.0)]


def _fixed() -> ParetoNBDModel:
    model = ParetoNBDModel()
    model.params_ = dict(PARAMS)
    return model


def _sig(value: float, expected: float) -> None:
    assert float(f"{value:.3g}") == pytest.approx(expected, rel=1e-9), (value, expected)


def test_reproduces_fader_hardie_lee_2005_estimates() -> None:
    summary = pl.read_csv(CDNOW / "cdnow_customers_summary.csv")
    model = ParetoNBDModel().fit(summary)
    for name, expected in (("r", 0.553), ("alpha", 10.6), ("s", 0.606), ("beta", 11.7)):
        _sig(model.params_[name], expected)
    assert model.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)


def _prior(lam: float, mu: float) -> float:
    r, alpha, s, beta = PARAMS.values()
    log = (
        r * math.log(alpha)
        + (r - 1) * math.log(lam)
        - alpha * lam
        - math.lgamma(r)
        + s * math.log(beta)
        + (s - 1) * math.log(mu)
        - beta * mu
        - math.lgamma(s)
    )
    return math.exp(log)


def _individual(lam: float, mu: float, x: int, tx: float, age: float) -> tuple[float, float]:
    alive = lam**x * math.exp(-(lam + mu) * age)
    dead = lam**x * mu / (lam + mu) * (math.exp(-(lam + mu) * tx) - math.exp(-(lam + mu) * age))
    return alive, dead


def _dbl(f: object) -> float:
    value, _ = integrate.dblquad(f, 0, np.inf, 0, np.inf, epsabs=1e-13, epsrel=1e-9)  # type: ignore[arg-type]
    return float(value)


@pytest.mark.parametrize(("x", "tx", "age"), CASES)
def test_likelihood_and_p_alive_match_double_integrals(x: int, tx: float, age: float) -> None:
    model = _fixed()
    theta = np.array(list(PARAMS.values()))
    cols = {"x": np.array([float(x)]), "tx": np.array([tx]), "T": np.array([age])}
    ll, _ = model._loglik(theta, cols)

    def total(mu: float, lam: float) -> float:
        if lam <= 0 or mu <= 0:
            return 0.0
        return _prior(lam, mu) * sum(_individual(lam, mu, x, tx, age))

    def alive(mu: float, lam: float) -> float:
        if lam <= 0 or mu <= 0:
            return 0.0
        return _prior(lam, mu) * _individual(lam, mu, x, tx, age)[0]

    whole = _dbl(total)
    assert ll[0] == pytest.approx(math.log(whole), abs=1e-6)
    p_alive = model.conditional_probability_alive(x, tx, age)[()]
    assert p_alive == pytest.approx(_dbl(alive) / whole, rel=1e-6)


@pytest.mark.parametrize(("x", "tx", "age"), CASES)
def test_likelihood_matches_the_hypergeometric_closed_form(x: int, tx: float, age: float) -> None:
    r, alpha, s, beta = PARAMS.values()
    k = r + s + x
    if alpha >= beta:
        big, small, b_arg = alpha, beta, s + 1
    else:
        big, small, b_arg = beta, alpha, r + x

    def term(y: float) -> float:
        return hyp2f1(k, b_arg, k + 1, (big - small) / (big + y)) / (big + y) ** k

    a0 = term(tx) - term(age)
    closed = (
        gammaln(r + x)
        - gammaln(r)
        + r * math.log(alpha)
        + s * math.log(beta)
        + math.log((alpha + age) ** -(r + x) * (beta + age) ** -s + s / k * a0)
    )
    theta = np.array(list(PARAMS.values()))
    cols = {"x": np.array([float(x)]), "tx": np.array([tx]), "T": np.array([age])}
    assert _fixed()._loglik(theta, cols)[0][0] == pytest.approx(closed, abs=1e-8)


def test_gradient_is_exact() -> None:
    rng = np.random.default_rng(1)
    cols = {"x": rng.integers(0, 40, 30).astype(float), "T": rng.uniform(5, 80, 30)}
    cols["tx"] = np.where(cols["x"] > 0, cols["T"] * rng.uniform(0, 1, 30), 0.0)
    model = ParetoNBDModel()
    assert_gradient_exact(model._loglik, np.array([0.6, 9.0, 0.7, 12.0]), cols)


histories = st.tuples(st.integers(0, 20_000), st.floats(0.0, 1.0), st.floats(0.5, 5_000)).map(
    lambda h: (h[0], 0.0 if h[0] == 0 else h[1] * h[2], h[2])
)


@given(st.lists(histories, min_size=1, max_size=30))
def test_extreme_histories_stay_finite_and_bounded(rows: list[tuple[int, float, float]]) -> None:
    model = _fixed()
    x, tx, age = (np.array(c, dtype=float) for c in zip(*rows, strict=True))
    theta = np.array(list(PARAMS.values()))
    ll, grad = model._loglik(theta, {"x": x, "tx": tx, "T": age})
    assert np.all(np.isfinite(ll)) and np.all(np.isfinite(grad))
    alive = model.conditional_probability_alive(x, tx, age)
    assert np.all((alive >= 0) & (alive <= 1))
    previous = np.zeros(len(x))
    for horizon in (0.0, 1.0, 52.0, 520.0):
        expected = model.expected_purchases(x, tx, age, horizon=horizon)
        assert np.all(np.isfinite(expected)) and np.all(expected >= previous - 1e-12)
        previous = expected


@pytest.mark.parametrize("horizon", [1.0, 39.0, 78.0])
def test_expected_purchases_of_a_new_customer_match_the_prior_integral(horizon: float) -> None:
    """E[X(h)] with no history: λ/μ · (1 − e^(−μh)), averaged over the prior."""
    model = ParetoNBDModel()
    model.params_ = dict(PARAMS)

    def conditional(lam: float, mu: float) -> float:
        if lam <= 0 or mu <= 0:
            return 0.0
        return _prior(lam, mu) * lam / mu * -math.expm1(-mu * horizon)

    got = model.expected_purchases_new_customer(horizon=horizon)[()]
    assert got == pytest.approx(_dbl(conditional), rel=1e-5)

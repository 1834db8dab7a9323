"""Parameter recovery: simulate a world with known parameters, fit, find them again."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from custvalue.clv import BetaGeoModel, GammaGammaModel, ParetoNBDModel


def bgnbd_world(n: int, r: float, alpha: float, a: float, b: float, seed: int) -> pl.DataFrame:
    """x, t_x, T of ``n`` customers observed for T ~ U(20, 60) weeks (continuous time)."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    age = rng.uniform(20, 60, n)
    x = np.zeros(n)
    tx = np.zeros(n)
    for i in range(n):
        t, count, last = 0.0, 0, 0.0
        while True:
            t += rng.exponential(1 / lam[i])
            if t > age[i]:
                break
            count, last = count + 1, t
            if rng.random() < p[i]:
                break
        x[i], tx[i] = count, last
    return pl.DataFrame({"frequency": x, "recency": tx, "T": age})


def pareto_world(n: int, r: float, alpha: float, s: float, beta: float, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    mu = rng.gamma(s, 1 / beta, n)
    age = rng.uniform(20, 60, n)
    alive_until = np.minimum(rng.exponential(1 / mu), age)
    x = rng.poisson(lam * alive_until)
    # given x arrivals in (0, τ], the last one is τ times the max of x uniforms
    tx = np.where(x > 0, alive_until * rng.random(n) ** (1 / np.maximum(x, 1)), 0.0)
    return pl.DataFrame({"frequency": x.astype(float), "recency": tx, "T": age})


@pytest.mark.parametrize("seed", [1, 2])
def test_bgnbd_recovers_its_parameters(seed: int) -> None:
    truth = {"r": 0.5, "alpha": 3.0, "a": 0.8, "b": 2.5}
    model = BetaGeoModel().fit(bgnbd_world(25_000, *truth.values(), seed=seed))
    for name, value in truth.items():
        z = (model.params_[name] - value) / model.standard_errors_[name]
        assert abs(z) < 4, (name, model.params_[name], value, model.standard_errors_[name])
        assert model.params_[name] == pytest.approx(value, rel=0.3)


def test_pareto_recovers_its_parameters_through_the_warm_start() -> None:
    truth = {"r": 0.6, "alpha": 8.0, "s": 0.8, "beta": 10.0}
    summary = pareto_world(40_000, *truth.values(), seed=3)
    model = ParetoNBDModel().fit(summary)
    assert model.n_unique_ > 20_000  # the sampled warm start was used
    for name, value in truth.items():
        z = (model.params_[name] - value) / model.standard_errors_[name]
        assert abs(z) < 4, (name, model.params_[name], value)


def test_gamma_gamma_recovers_its_parameters() -> None:
    rng = np.random.default_rng(4)
    p, q, gamma = 6.0, 4.0, 15.0
    n = 20_000
    nu = rng.gamma(q, 1 / gamma, n)
    x = rng.integers(1, 15, n)
    zbar = np.array([rng.gamma(p, 1 / nu[i], x[i]).mean() for i in range(n)])
    model = GammaGammaModel().fit(pl.DataFrame({"frequency": x, "monetary_value": zbar}))
    for name, value in (("p", p), ("q", q), ("gamma", gamma)):
        z = (model.params_[name] - value) / model.standard_errors_[name]
        assert abs(z) < 4, (name, model.params_[name], value)

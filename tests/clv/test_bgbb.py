"""BG/BB: Fader, Hardie & Shang (2010) donations estimates, oracle integral, bad rows."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy import integrate

from custvalue.clv import BetaGeoBetaBinomModel
from custvalue.exceptions import DataValidationError
from tests.clv.helpers import assert_gradient_exact

DONATIONS = Path(__file__).parent / "cdnow" / "donations.csv"
PARAMS = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}


def test_reproduces_the_donations_estimates() -> None:
    model = BetaGeoBetaBinomModel().fit(pl.read_csv(DONATIONS), weights="weights")
    for name, expected in PARAMS.items():
        assert model.params_[name] == pytest.approx(expected, abs=6e-4)
    assert model.log_likelihood_ == pytest.approx(-33225.6, abs=0.05)
    assert model.n_customers_ == 11_104


def _individual(p: float, theta: float, x: int, tx: int, n: int) -> float:
    alive = p**x * (1 - p) ** (n - x) * (1 - theta) ** n
    dead = sum(
        p**x * (1 - p) ** (tx - x + i) * theta * (1 - theta) ** (tx + i) for i in range(n - tx)
    )
    return alive + dead


@pytest.mark.parametrize(("x", "tx", "n"), [(0, 0, 6), (1, 1, 6), (3, 5, 6), (6, 6, 6), (2, 4, 9)])
def test_likelihood_and_p_alive_match_double_integrals(x: int, tx: int, n: int) -> None:
    a, b, g, d = PARAMS.values()
    norm = math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    norm2 = math.exp(math.lgamma(g) + math.lgamma(d) - math.lgamma(g + d))

    def prior(p: float, th: float) -> float:
        return (
            p ** (a - 1) * (1 - p) ** (b - 1) * th ** (g - 1) * (1 - th) ** (d - 1) / norm / norm2
        )

    total, _ = integrate.dblquad(
        lambda th, p: prior(p, th) * _individual(p, th, x, tx, n), 0, 1, 0, 1, epsabs=1e-12
    )
    alive, _ = integrate.dblquad(
        lambda th, p: prior(p, th) * p**x * (1 - p) ** (n - x) * (1 - th) ** (n + 1),
        0,
        1,
        0,
        1,
        epsabs=1e-12,
    )
    model = BetaGeoBetaBinomModel()
    model.params_ = dict(PARAMS)
    theta = np.array(list(PARAMS.values()))
    cols = {"x": np.array([float(x)]), "tx": np.array([float(tx)]), "n": np.array([float(n)])}
    ll, _ = model._loglik(theta, cols)
    assert ll[0] == pytest.approx(math.log(total), abs=1e-6)
    assert model.conditional_probability_alive(x, tx, n)[0] == pytest.approx(
        alive / total, rel=1e-5
    )


def test_gradient_is_exact() -> None:
    d = pl.read_csv(DONATIONS)
    cols = {
        c: d[k].cast(pl.Float64).to_numpy()
        for c, k in (("x", "frequency"), ("tx", "recency"), ("n", "periods"))
    }
    model = BetaGeoBetaBinomModel()
    assert_gradient_exact(model._loglik, np.array([1.1, 0.8, 0.6, 2.5]), cols)


@pytest.mark.parametrize(
    "row", [(2, 1, 6), (1, 0, 6), (0, 2, 6), (1, 7, 6), (1.5, 2, 6), (0, 0, 0)]
)
def test_impossible_histories_are_refused(row: tuple[float, float, float]) -> None:
    frame = pl.DataFrame({"frequency": [row[0]], "recency": [row[1]], "periods": [row[2]]})
    with pytest.raises(DataValidationError) as info:
        BetaGeoBetaBinomModel().fit(frame)
    assert info.value.code == "clv.bad_bgbb_row"
    assert info.value.message("zh") != info.value.message("en")


# --- the vectorised likelihood against the term-by-term one ------------------------------


def _histories(rng: np.random.Generator, rows: int, top: int) -> dict[str, np.ndarray]:
    n = rng.integers(1, top + 1, rows).astype(float)
    tx = np.floor(rng.random(rows) * (n + 1))
    x = np.where(tx > 0, 1 + np.floor(rng.random(rows) * tx), 0.0)
    return {"x": x, "tx": tx, "n": n}


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_likelihood_equals_the_term_by_term_one(seed: int) -> None:
    """The backward pass over the opportunities gives the log-likelihood and gradient of
    the term-by-term sum (the implementation it replaced) to rounding, for parameters
    from 0.05 to 20 and up to 80 opportunities."""
    from tests.clv.bgbb_reference import reference_loglik

    rng = np.random.default_rng(seed)
    for _ in range(20):
        cols = _histories(rng, int(rng.integers(1, 60)), int(rng.integers(1, 80)))
        theta = np.exp(rng.uniform(np.log(0.05), np.log(20), 4))
        ll, grad = BetaGeoBetaBinomModel._loglik(theta, cols)
        ref_ll, ref_grad = reference_loglik(theta, cols)
        np.testing.assert_allclose(ll, ref_ll, rtol=1e-11, atol=1e-11)
        np.testing.assert_allclose(grad, ref_grad, rtol=1e-9, atol=1e-10)


def test_the_fit_equals_the_term_by_term_fit_and_the_fit_on_every_donor() -> None:
    """Same optimum as the likelihood it replaced, and the same fit on the 11,104 donors
    one row each as on the 22 weighted patterns (grouped into unique histories)."""
    from custvalue.clv.fitting import compress, maximize
    from tests.clv.bgbb_reference import reference_loglik

    grouped = pl.read_csv(DONATIONS)
    model = BetaGeoBetaBinomModel().fit(grouped, weights="weights")
    data = compress(
        grouped.select(
            pl.col("frequency").cast(pl.Float64).alias("x"),
            pl.col("recency").cast(pl.Float64).alias("tx"),
            pl.col("periods").cast(pl.Float64).alias("n"),
            pl.col("weights").cast(pl.Float64).alias("w"),
        ),
        ["x", "tx", "n"],
        weights="w",
    )
    reference = maximize(reference_loglik, data, np.ones(4), model.param_names, model="bgbb")
    np.testing.assert_allclose(model.result_.params, reference.params, rtol=1e-7)
    assert model.log_likelihood_ == pytest.approx(reference.log_likelihood, rel=1e-12)
    np.testing.assert_allclose(model.result_.standard_errors, reference.standard_errors, rtol=1e-5)
    donors = grouped.select(
        pl.col(c).repeat_by("weights").explode() for c in ("frequency", "recency", "periods")
    )
    assert donors.height == 11_104
    each = BetaGeoBetaBinomModel().fit(donors)
    assert each.n_unique_ == 22 and each.n_customers_ == 11_104
    np.testing.assert_allclose(each.result_.params, model.result_.params, rtol=1e-9)
    assert each.log_likelihood_ == pytest.approx(model.log_likelihood_, rel=1e-12)


def test_many_opportunities_stay_finite_and_match_the_reference() -> None:
    """Histories with up to 2,000 opportunities (the term-by-term sum would hold a
    row × 2,000 table): the same likelihood, and P(alive) in [0, 1]."""
    from tests.clv.bgbb_reference import reference_loglik

    rng = np.random.default_rng(7)
    cols = _histories(rng, 40, 2000)
    theta = np.array([1.204, 0.750, 0.657, 2.783])
    ll, grad = BetaGeoBetaBinomModel._loglik(theta, cols)
    ref_ll, ref_grad = reference_loglik(theta, cols)
    np.testing.assert_allclose(ll, ref_ll, rtol=1e-10)
    np.testing.assert_allclose(grad, ref_grad, rtol=1e-8, atol=1e-10)
    model = BetaGeoBetaBinomModel()
    model.params_ = dict(PARAMS)
    alive = model.conditional_probability_alive(cols["x"], cols["tx"], cols["n"])
    assert np.all(np.isfinite(alive) & (alive >= 0) & (alive <= 1))

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

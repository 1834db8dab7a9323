"""Purchase and spend models: CDNOW golden values, oracle integrals, invariants, bad input."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, stats

from custvalue.clv import (
    BetaGeoModel,
    GammaGammaModel,
    ModifiedBetaGeoModel,
    ParetoNBDModel,
    summarize,
)
from custvalue.exceptions import DataValidationError, NotFittedError
from tests.clv.helpers import assert_gradient_exact

CDNOW = Path(__file__).parent / "cdnow"


def cdnow_transactions() -> pl.DataFrame:
    rows = [line.split() for line in (CDNOW / "CDNOW_sample.txt").read_text().splitlines()]
    return pl.DataFrame(
        {
            "customer_id": [str(int(r[1])) for r in rows],
            "ordered_at": [r[2] for r in rows],
            "amount": [float(r[4]) for r in rows],
        }
    ).with_columns(pl.col("ordered_at").str.to_date("%Y%m%d"))


@pytest.fixture(scope="module")
def published() -> pl.DataFrame:
    return pl.read_csv(CDNOW / "cdnow_customers_summary_with_transactions.csv").rename(
        {"x": "frequency", "t_x": "recency", "zbar": "monetary_value"}
    )


@pytest.fixture(scope="module")
def bgnbd(published: pl.DataFrame) -> BetaGeoModel:
    return BetaGeoModel().fit(published)


def _sig(value: float, expected: float, digits: int = 3) -> None:
    assert float(f"{value:.{digits}g}") == pytest.approx(expected, rel=1e-9), (value, expected)


def test_summary_reproduces_the_published_cdnow_summary(published: pl.DataFrame) -> None:
    ours = summarize(
        cdnow_transactions(), calibration_end=date(1997, 9, 30), observation_end=date(1998, 6, 30)
    )
    assert ours.height == 2357 and ours["frequency"].sum() == 2457
    joined = ours.join(
        published.with_columns(pl.col("ID").cast(pl.String).alias("customer_id")),
        on="customer_id",
    )
    assert joined.height == 2357
    assert (joined["frequency"] == joined["frequency_right"]).all()
    assert (joined["recency"] - joined["recency_right"]).abs().max() < 0.005  # type: ignore[operator]
    assert (joined["T"] - joined["T_right"]).abs().max() < 0.005  # type: ignore[operator]
    assert (joined["monetary_value"] - joined["monetary_value_right"]).abs().max() < 0.0051  # type: ignore[operator]
    assert ours["duration_holdout"][0] == pytest.approx(39.0)


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd: BetaGeoModel) -> None:
    p = bgnbd.params_
    for name, expected in (("r", 0.243), ("alpha", 4.41), ("a", 0.793), ("b", 2.43)):
        _sig(p[name], expected)
    assert bgnbd.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)
    assert bgnbd.n_customers_ == 2357 and bgnbd.n_unique_ < 2357
    assert all(0 < se < 1 for se in bgnbd.standard_errors_.values())


def test_gamma_gamma_reproduces_the_published_estimates(published: pl.DataFrame) -> None:
    gg = GammaGammaModel().fit(published)
    _sig(gg.params_["p"], 6.25)
    _sig(gg.params_["q"], 3.74)
    _sig(gg.params_["gamma"], 15.4)
    assert gg.n_customers_ == 946 and gg.n_excluded_ == 2357 - 946


def test_fit_on_weighted_unique_rows_equals_fit_on_all_rows(published: pl.DataFrame) -> None:
    doubled = pl.concat([published, published])
    twice = BetaGeoModel().fit(doubled)
    once = BetaGeoModel().fit(published)
    assert twice.log_likelihood_ == pytest.approx(2 * once.log_likelihood_, rel=1e-9)
    for k in once.params_:
        assert twice.params_[k] == pytest.approx(once.params_[k], rel=1e-5)


# --- oracle: the closed forms against direct numerical integration -----------------

PARAMS = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
CASES = [(0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86), (7, 35.0, 38.0), (3, 5.0, 30.0)]


def _fixed(model: BetaGeoModel) -> BetaGeoModel:
    model.params_ = dict(PARAMS)
    return model


def _prior(lam: float, p: float) -> float:
    r, alpha, a, b = PARAMS.values()
    log_gamma = r * math.log(alpha) + (r - 1) * math.log(lam) - alpha * lam - math.lgamma(r)
    log_beta = (
        (a - 1) * math.log(p)
        + (b - 1) * math.log1p(-p)
        - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    )
    return math.exp(log_gamma + log_beta)


def _integrand(lam: float, p: float, x: int, tx: float, age: float, modified: bool) -> float:
    if lam <= 0 or p <= 0 or p >= 1:
        return 0.0
    if modified:
        alive = (1 - p) ** (x + 1) * lam**x * math.exp(-lam * age)
        dead = p * (1 - p) ** x * lam**x * math.exp(-lam * tx)
    else:
        alive = (1 - p) ** x * lam**x * math.exp(-lam * age)
        dead = p * (1 - p) ** (x - 1) * lam**x * math.exp(-lam * tx) if x > 0 else 0.0
    return _prior(lam, p) * (alive + dead)


def _dbl(f: object) -> float:
    value, _ = integrate.dblquad(f, 0, 1, 0, np.inf, epsabs=1e-12, epsrel=1e-8)  # type: ignore[arg-type]
    return float(value)


@pytest.mark.parametrize("modified", [False, True])
@pytest.mark.parametrize(("x", "tx", "age"), CASES)
def test_likelihood_matches_double_integral(x: int, tx: float, age: float, modified: bool) -> None:
    model = _fixed(ModifiedBetaGeoModel() if modified else BetaGeoModel())
    theta = np.array(list(PARAMS.values()))
    cols = {"x": np.array([float(x)]), "tx": np.array([tx]), "T": np.array([age])}
    ll, _ = model._loglik(theta, cols)
    direct = _dbl(lambda lam, p: _integrand(lam, p, x, tx, age, modified))
    assert ll[0] == pytest.approx(np.log(direct), abs=1e-6)


@pytest.mark.parametrize(("x", "tx", "age"), CASES)
def test_p_alive_and_expected_purchases_match_integrals(x: int, tx: float, age: float) -> None:
    model = _fixed(BetaGeoModel())
    total = _dbl(lambda lam, p: _integrand(lam, p, x, tx, age, False))

    def alive(lam: float, p: float) -> float:
        if lam <= 0 or p <= 0 or p >= 1:
            return 0.0
        return _prior(lam, p) * (1 - p) ** x * lam**x * math.exp(-lam * age)

    horizon = 39.0
    p_alive = _dbl(alive) / total
    expected = _dbl(lambda lam, p: alive(lam, p) * -math.expm1(-lam * p * horizon) / p) / total
    assert model.conditional_probability_alive(x, tx, age)[()] == pytest.approx(p_alive, rel=1e-6)
    got = model.expected_purchases(x, tx, age, horizon=horizon)[()]
    assert got == pytest.approx(expected, rel=1e-5)


def test_gradient_is_exact() -> None:
    rng = np.random.default_rng(0)
    cols = {
        "x": rng.integers(0, 30, 50).astype(float),
        "T": rng.uniform(10, 60, 50),
    }
    cols["tx"] = np.where(cols["x"] > 0, cols["T"] * rng.uniform(0, 1, 50), 0.0)
    for model in (BetaGeoModel(), ModifiedBetaGeoModel()):
        assert_gradient_exact(model._loglik, np.array([0.5, 3.0, 0.9, 2.5]), cols, atol=1e-7)
    gg_cols = {"x": rng.integers(1, 20, 40).astype(float), "z": rng.uniform(5, 80, 40)}
    assert_gradient_exact(GammaGammaModel._loglik, np.array([6.0, 3.5, 15.0]), gg_cols, atol=1e-7)


@pytest.mark.parametrize("model", [BetaGeoModel(), ModifiedBetaGeoModel()])
def test_analytic_hessian_is_exact(model: BetaGeoModel) -> None:
    """The weighted sums (ℓ, gradient, Hessian) agree with the per-row likelihood and
    gradient and with central differences of the weighted gradient."""
    rng = np.random.default_rng(1)
    n = 300
    cols = {"x": rng.integers(0, 30, n).astype(float), "T": rng.uniform(10, 60, n)}
    cols["tx"] = np.where(cols["x"] > 0, cols["T"] * rng.uniform(0, 1, n), 0.0)
    w = rng.integers(1, 50, n).astype(float)
    theta = np.array([0.5, 3.0, 0.9, 2.5])
    ll, grad, hess = model._loglik_hessian(theta, cols, w)
    ll_rows, grad_rows = model._loglik(theta, cols)
    assert ll == pytest.approx(float(w @ ll_rows), rel=1e-12)
    np.testing.assert_allclose(grad, w @ grad_rows, rtol=1e-10, atol=1e-8)
    numeric = np.zeros((4, 4))
    for j in range(4):
        h = 1e-6 * theta[j]
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        numeric[:, j] = (w @ model._loglik(up, cols)[1] - w @ model._loglik(down, cols)[1]) / (
            2 * h
        )
    np.testing.assert_allclose(hess, numeric, rtol=1e-6, atol=1e-6 * np.abs(hess).max())
    np.testing.assert_array_equal(hess, hess.T)


def test_standard_errors_from_the_analytic_hessian_match_finite_differences(
    bgnbd: BetaGeoModel, published: pl.DataFrame
) -> None:
    from custvalue.clv.base import compress_rfm
    from custvalue.clv.fitting import _covariance

    data = compress_rfm(published, "frequency", "recency", "T")
    theta = bgnbd.result_.params
    numeric = np.sqrt(np.diag(_covariance(bgnbd._loglik, data, theta, 0.0)))
    np.testing.assert_allclose(bgnbd.result_.standard_errors, numeric, rtol=1e-6)


def test_gamma_gamma_expected_spend_matches_posterior_integral(published: pl.DataFrame) -> None:
    gg = GammaGammaModel().fit(published)
    p, q, g = gg.params_["p"], gg.params_["q"], gg.params_["gamma"]
    x, zbar = 3, 41.2
    posterior = stats.gamma(p * x + q, scale=1 / (g + x * zbar))
    direct, _ = integrate.quad(lambda nu: p / nu * posterior.pdf(nu), 0, np.inf)
    assert gg.conditional_expected_spend(x, zbar)[()] == pytest.approx(direct, rel=1e-7)
    assert gg.conditional_expected_spend(0, 0)[()] == pytest.approx(p * g / (q - 1))


# --- invariants ----------------------------------------------------------------------

histories = st.tuples(st.integers(0, 5000), st.floats(0.01, 1.0), st.floats(0.5, 2000)).map(
    lambda h: (h[0], 0.0 if h[0] == 0 else h[1] * h[2], h[2])
)


@given(st.lists(histories, min_size=1, max_size=40), st.sampled_from([False, True]))
def test_p_alive_bounds_and_expected_purchases_monotone(
    rows: list[tuple[int, float, float]], modified: bool
) -> None:
    model = _fixed(ModifiedBetaGeoModel() if modified else BetaGeoModel())
    x, tx, age = (np.array(c, dtype=float) for c in zip(*rows, strict=True))
    alive = model.conditional_probability_alive(x, tx, age)
    assert np.all(np.isfinite(alive)) and np.all((alive >= 0) & (alive <= 1))
    if not modified:
        assert np.all(alive[x == 0] == 1.0)
    previous = np.zeros(len(x))
    for horizon in (0.0, 1.0, 10.0, 52.0, 520.0):
        expected = model.expected_purchases(x, tx, age, horizon=horizon)
        assert np.all(np.isfinite(expected)) and np.all(expected >= previous - 1e-9)
        previous = expected


def test_extreme_customers_stay_finite() -> None:
    model = _fixed(BetaGeoModel())
    x = np.array([10_000.0, 10_000.0, 100_000.0])
    tx = np.array([5199.9, 100.0, 9999.0])
    age = np.array([5200.0, 5200.0, 10_000.0])
    for values in (
        model.conditional_probability_alive(x, tx, age),
        model.expected_purchases(x, tx, age, horizon=52),
    ):
        assert np.all(np.isfinite(values))
    summary = pl.DataFrame({"frequency": x, "recency": tx, "T": age})
    fitted = BetaGeoModel().fit(pl.concat([summary, summary.with_columns(pl.col("T") * 2)]))
    assert all(np.isfinite(v) for v in fitted.params_.values())


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ((-1, 0.0, 5.0), "clv.bad_frequency"),
        ((1.5, 1.0, 5.0), "clv.bad_frequency"),
        ((2, 6.0, 5.0), "clv.bad_recency"),
        ((2, 1.0, 0.0), "clv.bad_recency"),
        ((0, 0.0, 0.0), "clv.bad_T"),
        ((0, 2.0, 5.0), "clv.recency_without_repeat"),
        ((1, float("nan"), 5.0), "clv.not_finite"),
    ],
)
def test_bad_histories_are_refused(row: tuple[float, float, float], code: str) -> None:
    frame = pl.DataFrame({"frequency": [1.0, row[0]], "recency": [0.5, row[1]], "T": [3.0, row[2]]})
    with pytest.raises(DataValidationError) as info:
        BetaGeoModel().fit(frame)
    assert info.value.code == code
    assert "1" in info.value.message()  # names the row
    assert info.value.message("zh") != info.value.message("en")


def test_not_fitted_and_missing_columns() -> None:
    with pytest.raises(NotFittedError):
        BetaGeoModel().conditional_probability_alive(1, 1, 2)
    with pytest.raises(DataValidationError):
        BetaGeoModel().fit(pl.DataFrame({"frequency": [1]}))
    with pytest.raises(DataValidationError):
        GammaGammaModel().fit(pl.DataFrame({"frequency": [1, 2], "monetary_value": [3.0, 4.0]}))


@pytest.mark.parametrize("model", [BetaGeoModel, ParetoNBDModel])
def test_unidentifiable_data_raise_a_clear_error_and_a_penalizer_fixes_it(model: type) -> None:
    from custvalue.exceptions import ConvergenceError

    nobody_returns = pl.DataFrame(
        {"frequency": [0] * 50, "recency": [0.0] * 50, "T": [10.0 + i for i in range(50)]}
    )
    with pytest.raises(ConvergenceError) as info:
        model().fit(nobody_returns)
    assert "penalizer" in info.value.message() and "penalizer" in info.value.message("zh")
    fitted = model(penalizer=0.01).fit(nobody_returns)
    assert all(np.isfinite(v) for v in fitted.params_.values())


def test_no_dropout_world_gives_advice_not_warnings() -> None:
    """Poisson buyers who never leave: a and b run to infinity. The fit says so in words
    (no numpy overflow warnings: the suite turns warnings into errors), and a penalizer
    gives finite estimates."""
    from custvalue.exceptions import ConvergenceError

    rng = np.random.default_rng(0)
    n = 20_000
    x = rng.poisson(0.8, n)
    age = rng.integers(300, 390, n) / 7
    tx = np.where(x > 0, np.floor(rng.random(n) * age * 7) / 7, 0.0)
    summary = pl.DataFrame({"frequency": x, "recency": tx, "T": age})
    with pytest.raises(ConvergenceError) as info:
        BetaGeoModel().fit(summary)
    assert info.value.code == "clv.degenerate"
    fitted = BetaGeoModel(penalizer=0.01).fit(summary)
    assert all(np.isfinite(v) for v in fitted.params_.values())


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ((2.5, 1.0, 5.0), "clv.bad_frequency"),
        ((2, 6.0, 5.0), "clv.bad_recency"),
        ((0, 0.0, 0.0), "clv.bad_T"),
        ((1, None, 5.0), "clv.not_finite"),
    ],
)
def test_bad_rows_in_a_large_summary_are_named_after_compression(
    bad: tuple[float, float | None, float], code: str
) -> None:
    """Fits validate the unique rows only; the error still names the first bad input row
    and counts every bad row, as a row-by-row check does."""
    rng = np.random.default_rng(4)
    n = 30_000
    x = rng.integers(0, 5, n).astype(float)
    age = rng.integers(10, 40, n).astype(float)
    tx = np.where(x > 0, np.floor(rng.random(n) * age), 0.0)
    rows = {"frequency": list(x), "recency": list(tx), "T": list(age)}
    for i in (12_345, 20_000, 29_999):
        rows["frequency"][i], rows["recency"][i], rows["T"][i] = bad  # type: ignore[assignment]
    frame = pl.DataFrame(rows, schema={c: pl.Float64 for c in rows})
    with pytest.raises(DataValidationError) as info:
        BetaGeoModel().fit(frame)
    assert info.value.code == code
    message = info.value.message()
    assert "12345" in message and "3 row(s)" in message, message


@pytest.mark.parametrize("model_class", [BetaGeoModel, ParetoNBDModel])
def test_sample_warm_start_and_quasi_newton_steps_find_the_plain_optimum(
    model_class: type,
) -> None:
    """More unique histories than the warm-start sample: the fit (sample fit, then
    Newton steps with the analytic Hessian — BG/NBD — or quasi-Newton steps from the
    sample's Hessian — Pareto/NBD — on all histories) ends where plain L-BFGS-B from
    the default start ends, with the same standard errors."""
    from custvalue.clv.base import compress_rfm
    from custvalue.clv.fitting import maximize

    rng = np.random.default_rng(11)
    n = 60_000
    age = rng.uniform(5, 40, n).round(3)  # a BG/NBD world with many distinct T
    arrivals = rng.poisson(rng.gamma(0.24, 1 / 4.4, n) * age)
    x = np.minimum(arrivals, rng.geometric(rng.beta(0.79, 2.4, n))).astype(float)
    position = rng.beta(np.maximum(x, 1), arrivals - x + 1)  # the x-th of the arrivals
    tx = np.where(x > 0, (position * age).round(3), 0.0)
    summary = pl.DataFrame({"frequency": x, "recency": tx, "T": age})
    fitted = model_class().fit(summary)
    assert fitted.n_unique_ > 20_000
    data = compress_rfm(summary, "frequency", "recency", "T")
    plain = maximize(
        fitted._loglik,
        data,
        fitted._start(data),
        fitted.param_names,
        model=fitted.name,
    )
    assert fitted.log_likelihood_ == pytest.approx(plain.log_likelihood, rel=1e-12, abs=1e-6)
    for name, value in zip(fitted.param_names, plain.params, strict=True):
        assert fitted.params_[name] == pytest.approx(value, rel=1e-5), name
    assert np.max(np.abs(fitted.result_.params / plain.params - 1)) < 1e-5
    np.testing.assert_allclose(fitted.result_.standard_errors, plain.standard_errors, rtol=1e-4)


@pytest.mark.parametrize("modified", [False, True])
@pytest.mark.parametrize("horizon", [1.0, 39.0, 78.0])
def test_expected_purchases_of_a_new_customer_match_the_prior_integral(
    modified: bool, horizon: float
) -> None:
    """E[X(h)] with no history: (1 − e^(−λph)) / p for BG/NBD, times (1 − p) for MBG/NBD
    (dropout possible at the first purchase), averaged over the prior."""
    model = _fixed(ModifiedBetaGeoModel() if modified else BetaGeoModel())

    def conditional(lam: float, p: float) -> float:
        if lam <= 0 or p <= 0 or p >= 1:
            return 0.0
        survive = (1 - p) if modified else 1.0
        return _prior(lam, p) * survive * -math.expm1(-lam * p * horizon) / p

    expected = _dbl(conditional)
    got = model.expected_purchases_new_customer(horizon=horizon)[()]
    assert got == pytest.approx(expected, rel=1e-6)


def test_the_horizon_is_keyword_only_and_the_conditional_name_is_expected_purchases() -> None:
    model = _fixed(BetaGeoModel())
    with pytest.raises(TypeError):
        model.expected_purchases(1, 5.0, 30.0, 52)  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.expected_purchases_new_customer(52)  # type: ignore[misc]
    assert not hasattr(model, "conditional_expected_purchases")
    # conditional on a long silence, fewer purchases than a new customer would make
    silent = model.expected_purchases(5, 2.0, 38.0, horizon=52)[()]
    assert silent < model.expected_purchases_new_customer(horizon=52)[()]
    summary = pl.DataFrame({"frequency": [0, 5], "recency": [0.0, 36.0], "T": [38.0, 38.0]})
    predicted = model.predict(summary, horizon=52)
    assert predicted["expected_purchases"].to_list() == pytest.approx(
        model.expected_purchases(summary["frequency"], summary["recency"], summary["T"], horizon=52)
    )

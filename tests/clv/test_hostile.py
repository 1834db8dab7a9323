"""Arbitrary values fed to every public model function.

Each call must end in a finite, correct result (probabilities in [0, 1], expected counts
and values ≥ 0 and growing with the horizon, fitted parameters > 0) or in a
DataValidationError / ConvergenceError whose message key exists in English and Chinese
— never another exception, never NaN or inf. The suite turns warnings into errors, so
a numpy overflow or invalid-value warning on the way fails too.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from custvalue.clv import (
    BetaGeoBetaBinomModel,
    BetaGeoModel,
    GammaGammaModel,
    ModifiedBetaGeoModel,
    ParetoNBDModel,
    ShiftedBetaGeometricModel,
)
from custvalue.clv.base import PurchaseModel
from custvalue.clv.validation import (
    frequency_recency_matrix,
    holdout_evaluation,
    probability_alive_matrix,
)
from custvalue.clv.value import customer_lifetime_value
from custvalue.exceptions import ConvergenceError, DataValidationError
from custvalue.i18n import t

CDNOW = Path(__file__).parent / "cdnow"
R = TypeVar("R")


def _examples(default: int) -> settings:
    """``HOSTILE_EXAMPLES=2000`` runs a longer search."""
    count = int(os.environ.get("HOSTILE_EXAMPLES", default))
    return settings(max_examples=count, suppress_health_check=[HealthCheck.too_slow])


FEW = _examples(40)
MANY = _examples(150)

# --- values a hostile caller might pass ----------------------------------------------

special = st.sampled_from(
    [0, 1, -1, 0.5, -0.0, 1e-300, 1e-9, 1e9, 1e15, 1e300, -1e300, 2.0**53, math.nan, math.inf]
)
number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6),
    st.integers(-(10**6), 10**6),
    special,
)
anything = st.one_of(number, st.none(), st.booleans(), st.text(max_size=3))
arrays = st.one_of(number, st.lists(number, max_size=6), st.lists(anything, max_size=3))


@st.composite
def plausible_histories(draw: st.DrawFn) -> tuple[float, float, float]:
    """(x, t_x, T) that a summary could hold, from ordinary to extreme."""
    age = draw(st.one_of(st.floats(0.01, 500), st.sampled_from([1e-6, 1e6, 1e9])))
    x = draw(st.one_of(st.integers(0, 30), st.sampled_from([0, 1, 1000, 10**6])))
    share = draw(st.floats(0, 1))
    return float(x), 0.0 if x == 0 else share * age, age


histories = st.one_of(
    plausible_histories(),
    st.tuples(number, number, number),
    st.tuples(anything, anything, anything),
)


def summaries(spend: bool = False) -> st.SearchStrategy[pl.DataFrame]:
    def frame(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
        names = ["frequency", "recency", "T", "monetary_value"][: 4 if spend else 3]
        columns = {n: [r[i] for r in rows] for i, n in enumerate(names)}
        return pl.DataFrame(columns, strict=False)

    def with_spend(h: tuple[tuple[Any, ...], Any]) -> tuple[Any, ...]:
        return (*h[0], h[1] if h[0][0] else 0.0)

    money = st.one_of(st.floats(0.01, 1e4), st.sampled_from([1e-9, 1e9, 1e15]))
    good = st.tuples(plausible_histories(), money).map(with_spend)
    hostile = st.tuples(histories, st.one_of(money, number)).map(with_spend)
    return st.one_of(st.lists(good, max_size=25), st.lists(hostile, max_size=25)).map(frame)


def outcome(call: Callable[[], R]) -> R | None:
    """The result, or None after a project error with a message in both languages."""
    try:
        return call()
    except (DataValidationError, ConvergenceError) as error:
        assert t(error.code, lang="en") != error.code, error.code  # a catalog key
        assert error.message("zh") != error.message("en")
        return None


def finite(values: Any) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    assert np.all(np.isfinite(array)), array
    return array


# --- fitted models ----------------------------------------------------------------------


@cache
def published() -> pl.DataFrame:
    return pl.read_csv(CDNOW / "cdnow_customers_summary_with_transactions.csv").rename(
        {"x": "frequency", "t_x": "recency", "zbar": "monetary_value"}
    )


@cache
def fitted(name: str) -> Any:
    classes = {"bgnbd": BetaGeoModel, "mbgnbd": ModifiedBetaGeoModel, "pareto": ParetoNBDModel}
    if name == "gg":
        return GammaGammaModel().fit(published())
    return classes[name]().fit(published())


PURCHASE = ["bgnbd", "mbgnbd", "pareto"]


# --- purchase models ------------------------------------------------------------------


@MANY
@given(st.sampled_from(PURCHASE), arrays, arrays, arrays)
def test_p_alive_of_anything(name: str, x: Any, tx: Any, age: Any) -> None:
    alive = outcome(lambda: fitted(name).conditional_probability_alive(x, tx, age))
    if alive is not None:
        values = finite(alive)
        assert np.all((values >= 0) & (values <= 1))


@MANY
@given(st.sampled_from(PURCHASE), histories, arrays)
def test_expected_purchases_of_anything(name: str, history: tuple[Any, ...], horizon: Any) -> None:
    model: PurchaseModel = fitted(name)
    x, tx, age = history
    expected = outcome(lambda: model.expected_purchases(x, tx, age, horizon=horizon))
    if expected is None:
        return
    values = finite(expected)
    assert np.all(values >= 0)
    with np.errstate(over="ignore"):
        given = np.asarray(horizon, dtype=np.float64)
        longer = np.maximum(np.minimum(given * 2 + 1, 1e300), given)
    more = outcome(lambda: model.expected_purchases(x, tx, age, horizon=longer))
    if more is not None:
        assert np.all(finite(more) >= values * (1 - 1e-9))


@MANY
@given(st.sampled_from(PURCHASE), arrays)
def test_expected_purchases_of_a_new_customer_for_any_horizon(name: str, horizon: Any) -> None:
    expected = outcome(lambda: fitted(name).expected_purchases_new_customer(horizon=horizon))
    if expected is not None:
        assert np.all(finite(expected) >= 0)


@FEW
@given(st.sampled_from(PURCHASE), summaries(), anything)
def test_predict_on_any_summary(name: str, summary: pl.DataFrame, horizon: Any) -> None:
    predicted = outcome(lambda: fitted(name).predict(summary, horizon=horizon))
    if predicted is not None:
        assert predicted.height == summary.height
        finite(predicted["p_alive"].to_numpy())
        assert np.all(finite(predicted["expected_purchases"].to_numpy()) >= 0)


def _check_fit(model: Any) -> None:
    assert all(v > 0 for v in finite(list(model.params_.values())))
    finite(model.log_likelihood_)


@FEW
@given(st.sampled_from(PURCHASE), summaries(), st.one_of(st.just(0.0), number))
def test_purchase_fit_on_any_summary(name: str, summary: pl.DataFrame, penalizer: Any) -> None:
    model_class = type(fitted(name))
    model = outcome(lambda: model_class(penalizer=penalizer).fit(summary))
    if model is not None:
        _check_fit(model)
        x, tx, age = (summary[c].cast(pl.Float64).to_numpy() for c in ("frequency", "recency", "T"))
        finite(model.conditional_probability_alive(x, tx, age))
        finite(model.expected_purchases(x, tx, age, horizon=52.0))


# --- spend and CLV ----------------------------------------------------------------------


@MANY
@given(arrays, arrays)
def test_expected_spend_of_anything(x: Any, z: Any) -> None:
    gg: GammaGammaModel = fitted("gg")
    spend = outcome(lambda: gg.conditional_expected_spend(x, z))
    if spend is None:
        return
    values = finite(spend)
    p, q, g = gg.params_.values()
    mean = p * g / (q - 1)
    xs, zs = np.broadcast_arrays(np.asarray(x, float), np.asarray(z, float))
    own = np.where(xs > 0, zs, mean)
    with np.errstate(over="ignore"):  # the bound itself may pass the largest float
        assert np.all(values >= np.minimum(own, mean) * (1 - 1e-12))
        assert np.all(values <= np.maximum(own, mean) * (1 + 1e-12))


@FEW
@given(summaries(spend=True), st.one_of(st.just(0.0), number))
def test_gamma_gamma_fit_on_any_summary(summary: pl.DataFrame, penalizer: Any) -> None:
    model = outcome(lambda: GammaGammaModel(penalizer=penalizer).fit(summary))
    if model is not None:
        _check_fit(model)


clv_kwargs = st.fixed_dictionaries(
    {},
    optional={
        "horizon": anything,
        "step": anything,
        "discount": anything,
        "margin": anything,
        "draws": st.one_of(st.integers(-5, 5), anything),
        "seed": anything,
    },
)


@FEW
@given(st.sampled_from(PURCHASE), summaries(spend=True), clv_kwargs, st.booleans())
def test_clv_of_anything(
    name: str, summary: pl.DataFrame, kwargs: dict[str, Any], with_spend: bool
) -> None:
    spend = fitted("gg") if with_spend else None
    value = outcome(lambda: customer_lifetime_value(fitted(name), summary, spend=spend, **kwargs))
    if value is None:
        return
    assert value.height == summary.height
    clv = finite(value["clv"].to_numpy())
    assert np.all(clv >= 0)
    bound = value["expected_spend"].to_numpy() * value["expected_purchases"].to_numpy()
    assert np.all(clv <= finite(bound) * (1 + 1e-9) + 1e-12)
    for column in ("clv_lower", "clv_upper"):
        if column in value.columns:
            assert np.all(finite(value[column].to_numpy()) >= 0)


# --- validation helpers -------------------------------------------------------------------


@FEW
@given(st.sampled_from(PURCHASE), anything, anything, anything, anything)
def test_matrices_for_any_grid(name: str, top: Any, age: Any, points: Any, horizon: Any) -> None:
    model = fitted(name)
    alive = outcome(
        lambda: probability_alive_matrix(model, max_frequency=top, T=age, points=points)
    )
    if alive is not None:
        values = finite(alive["p_alive"].to_numpy())
        assert np.all((values >= 0) & (values <= 1))
    expected = outcome(
        lambda: frequency_recency_matrix(
            model, max_frequency=top, T=age, points=points, horizon=horizon
        )
    )
    if expected is not None:
        assert np.all(finite(expected["expected"].to_numpy()) >= 0)


@FEW
@given(st.sampled_from(PURCHASE), summaries(), st.lists(number, min_size=2, max_size=2))
def test_holdout_evaluation_of_any_summary(
    name: str, summary: pl.DataFrame, holdout: list[Any]
) -> None:
    frame = summary.with_columns(
        pl.Series("frequency_holdout", [holdout[0]] * summary.height, strict=False),
        pl.Series("duration_holdout", [holdout[1]] * summary.height, strict=False),
    )
    result = outcome(lambda: holdout_evaluation(fitted(name), frame))
    if result is not None:
        per, metrics, by_frequency = result
        finite(per["predicted"].to_numpy())
        finite([v for k, v in metrics.items() if k not in ("total_error_pct", "correlation")])


# --- sBG and BG/BB ----------------------------------------------------------------------

good_cohort = st.lists(st.integers(0, 2000), min_size=1, max_size=8).map(
    lambda c: sorted(c, reverse=True)
)
cohort = st.one_of(good_cohort, st.lists(number, max_size=5), st.lists(anything, max_size=3))
cohorts = st.one_of(
    good_cohort, st.lists(good_cohort, max_size=4), cohort, st.lists(cohort, max_size=4), anything
)


@MANY
@given(cohorts, st.one_of(st.just(0.0), number))
def test_sbg_fit_on_any_counts(counts: Any, penalizer: Any) -> None:
    model = outcome(lambda: ShiftedBetaGeometricModel(penalizer=penalizer).fit(counts))
    if model is not None:
        _check_fit(model)
        survival = finite(model.survival(np.arange(0, 25)))
        assert np.all(np.diff(survival) <= 0) and survival[0] == 1.0


@MANY
@given(arrays, arrays, anything, anything)
def test_sbg_predictions_for_anything(periods: Any, later: Any, size: Any, discount: Any) -> None:
    model = ShiftedBetaGeometricModel()
    model.params_ = {"alpha": 0.704, "beta": 1.182}
    survival = outcome(lambda: model.survival(periods))
    if survival is not None:
        values = finite(survival)
        assert np.all((values >= 0) & (values <= 1))
    rate = outcome(lambda: model.retention_rate(later))
    if rate is not None:
        values = finite(rate)
        assert np.all((values > 0) & (values <= 1))
    projection = outcome(lambda: model.projection(size, 12))
    if projection is not None:
        finite(projection["active"].to_numpy())
    lifetime = outcome(lambda: model.discounted_expected_lifetime(discount))
    if lifetime is not None:
        assert finite(lifetime) >= 1


good_bgbb = st.tuples(
    st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(1, 12)).map(
        lambda r: (min(r[0], r[1]) if r[1] else 0, r[1] if r[0] else 0, max(r[1], r[2], 1))
    ),
    st.one_of(st.integers(0, 500), st.sampled_from([0.5, 1e9])),
)
hostile_bgbb = st.tuples(
    st.one_of(good_bgbb.map(lambda r: r[0]), st.tuples(number, number, number)),
    st.one_of(st.integers(0, 500), number, anything),
)


@FEW
@given(
    st.one_of(st.lists(good_bgbb, max_size=12), st.lists(hostile_bgbb, max_size=12)),
    st.booleans(),
    st.one_of(st.just(0.0), number),
)
def test_bgbb_fit_on_any_rows(
    rows: list[tuple[tuple[Any, Any, Any], Any]], weighted: bool, penalizer: Any
) -> None:
    frame = pl.DataFrame(
        {
            "frequency": [r[0][0] for r in rows],
            "recency": [r[0][1] for r in rows],
            "periods": [r[0][2] for r in rows],
            "w": [r[1] for r in rows],
        },
        strict=False,
    )
    model = outcome(
        lambda: BetaGeoBetaBinomModel(penalizer=penalizer).fit(
            frame, weights="w" if weighted else None
        )
    )
    if model is not None:
        _check_fit(model)


@MANY
@given(arrays, arrays, arrays)
def test_bgbb_p_alive_of_anything(x: Any, tx: Any, n: Any) -> None:
    model = BetaGeoBetaBinomModel()
    model.params_ = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}
    alive = outcome(lambda: model.conditional_probability_alive(x, tx, n))
    if alive is not None:
        values = finite(alive)
        assert np.all((values >= 0) & (values <= 1))


@pytest.mark.parametrize(
    "model", [BetaGeoModel, ModifiedBetaGeoModel, ParetoNBDModel, GammaGammaModel]
)
@pytest.mark.parametrize("penalizer", [-0.1, math.nan, math.inf, "0.1", True, None])
def test_a_bad_penalizer_is_refused_before_the_data_are_read(model: type, penalizer: Any) -> None:
    with pytest.raises(DataValidationError) as info:
        model(penalizer=penalizer).fit(published())
    assert info.value.code == "clv.bad_penalizer"
    assert str(penalizer) in info.value.message() and str(penalizer) in info.value.message("zh")

"""Models that refuse what they cannot know, and that do not depend on the units.

- data that cannot identify a model (nobody bought again, nobody left, one period only)
  are refused by every model with the same error;
- arguments are checked like the CLI checks its options (horizon, margin, draws, the
  number of steps), and so are BG/BB weights, sBG cohorts and Gamma-Gamma spends;
- the fits are the same, scaled, on amounts in fen or in millions and on times in
  days or in centuries.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from custvalue.clv import (
    BetaGeoBetaBinomModel,
    BetaGeoModel,
    GammaGammaModel,
    ModifiedBetaGeoModel,
    ParetoNBDModel,
    ShiftedBetaGeometricModel,
)
from custvalue.clv.bgbb import MAX_OPPORTUNITIES
from custvalue.clv.value import MAX_STEPS, customer_lifetime_value
from custvalue.exceptions import ConvergenceError, CustValueError, DataValidationError

CDNOW = Path(__file__).parent / "cdnow"
DONATIONS = CDNOW / "donations.csv"
PURCHASE_MODELS = [BetaGeoModel, ModifiedBetaGeoModel, ParetoNBDModel]


@pytest.fixture(scope="module")
def published() -> pl.DataFrame:
    return pl.read_csv(CDNOW / "cdnow_customers_summary_with_transactions.csv").rename(
        {"x": "frequency", "t_x": "recency", "zbar": "monetary_value"}
    )


@pytest.fixture(scope="module")
def fitted(published: pl.DataFrame) -> dict[str, Any]:
    return {
        "bgnbd": BetaGeoModel().fit(published),
        "pareto": ParetoNBDModel().fit(published),
        "gg": GammaGammaModel().fit(published),
    }


def _refused(error: pytest.ExceptionInfo[CustValueError], code: str, *needles: str) -> None:
    assert error.value.code == code
    english, chinese = error.value.message("en"), error.value.message("zh")
    assert english != chinese and code not in english
    for needle in needles:
        assert needle in english and needle in chinese, (needle, english, chinese)


# --- data that cannot identify the model ---------------------------------------------


NOBODY_RETURNS = pl.DataFrame(
    {
        "frequency": [0] * 300,
        "recency": [0.0] * 300,
        "T": [1.0 + (i % 40) for i in range(300)],
    }
)


@pytest.mark.parametrize("model", PURCHASE_MODELS)
def test_no_repeat_purchase_is_refused_by_every_purchase_model(model: type) -> None:
    """MBG/NBD used to return finite nonsense here (dropout at time 0 for everyone);
    Pareto/NBD too on these data. One check, the same error, for every model."""
    with pytest.raises(ConvergenceError) as info:
        model().fit(NOBODY_RETURNS)
    _refused(info, "clv.degenerate", model.name)


def test_a_penalizer_too_small_to_matter_is_no_excuse() -> None:
    """A penalizer below the optimiser's resolution (10⁻⁹ per customer) is checked as
    none: a model that runs off to the edge is refused, not returned."""
    summary = pl.DataFrame({"frequency": [0.0, 1.0], "recency": [0.0, 0.5], "T": [1.0, 1.0]})
    with pytest.raises(ConvergenceError) as info:
        BetaGeoModel(penalizer=1e-38).fit(summary)
    assert info.value.code == "clv.degenerate"
    with pytest.raises(ConvergenceError) as info:
        ModifiedBetaGeoModel(penalizer=1e-12).fit(NOBODY_RETURNS)
    assert info.value.code == "clv.degenerate"


def test_bgbb_on_data_where_nobody_transacts_again_is_refused() -> None:
    nobody = pl.DataFrame({"frequency": [0], "recency": [0], "periods": [6], "w": [1000]})
    with pytest.raises(ConvergenceError) as info:
        BetaGeoBetaBinomModel().fit(nobody, weights="w")
    _refused(info, "clv.degenerate", "bgbb")
    fitted = BetaGeoBetaBinomModel(penalizer=0.1).fit(nobody, weights="w")
    assert all(np.isfinite(v) and v > 0 for v in fitted.params_.values())


def test_sbg_refuses_cohorts_that_lost_nobody_or_were_seen_for_one_period() -> None:
    with pytest.raises(ConvergenceError) as info:
        ShiftedBetaGeometricModel().fit([1000, 1000, 1000])
    _refused(info, "clv.degenerate", "sbg")
    with pytest.raises(DataValidationError) as caught:
        ShiftedBetaGeometricModel().fit([[1000, 600], [500, 280]])
    _refused(caught, "clv.sbg_one_period", "0.01")
    # with a second period the spread across customers is known
    two = ShiftedBetaGeometricModel().fit([[1000, 600, 450], [500, 280]])
    assert two.retention_rate(2)[()] > two.retention_rate(1)[()]


# --- sBG, BG/BB and Gamma-Gamma inputs -------------------------------------------------


@pytest.mark.parametrize("cohorts", [[], [[]], "1000, 600", None, {"a": 1}])
def test_sbg_without_counts_says_what_to_give(cohorts: Any) -> None:
    with pytest.raises(DataValidationError) as info:
        ShiftedBetaGeometricModel().fit(cohorts)
    assert info.value.code in {"clv.no_cohorts", "clv.bad_cohort"}
    if cohorts == []:  # used to be a ZeroDivisionError
        _refused(info, "clv.no_cohorts", "1000, 631, 468")


@pytest.mark.parametrize("bad", [math.nan, -5.0, math.inf, None])
def test_bgbb_weights_must_be_counts(bad: float | None) -> None:
    """A NaN weight used to raise "cannot convert float NaN to integer"; a negative one
    was not checked at all."""
    frame = pl.read_csv(DONATIONS).with_columns(pl.col("weights").cast(pl.Float64))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 3).then(bad).otherwise(pl.col("weights")).alias("weights")
    )
    with pytest.raises(DataValidationError) as info:
        BetaGeoBetaBinomModel().fit(frame, weights="weights")
    _refused(info, "clv.bad_weight", "3")


def test_bgbb_without_customers_and_with_too_many_opportunities() -> None:
    empty = pl.DataFrame(schema={"frequency": pl.Int64, "recency": pl.Int64, "periods": pl.Int64})
    with pytest.raises(DataValidationError) as info:
        BetaGeoBetaBinomModel().fit(empty)
    _refused(info, "clv.empty_summary")
    zero = pl.read_csv(DONATIONS).with_columns(pl.lit(0).alias("weights"))
    with pytest.raises(DataValidationError) as info:
        BetaGeoBetaBinomModel().fit(zero, weights="weights")
    assert info.value.code == "clv.empty_summary"
    huge = pl.DataFrame({"frequency": [1], "recency": [1], "periods": [MAX_OPPORTUNITIES + 1]})
    with pytest.raises(DataValidationError) as info:
        BetaGeoBetaBinomModel().fit(huge)
    _refused(info, "clv.too_many_periods", str(MAX_OPPORTUNITIES))


@pytest.mark.parametrize(("z", "text"), [(math.nan, "nan"), (-5.0, "-5.0"), (math.inf, "inf")])
def test_expected_spend_refuses_what_is_not_an_amount(
    fitted: dict[str, Any], z: float, text: str
) -> None:
    """It used to replace a NaN or negative mean spend by the population mean, and an
    infinite one gave inf."""
    with pytest.raises(DataValidationError) as info:
        fitted["gg"].conditional_expected_spend([2, 3], [20.0, z])
    _refused(info, "clv.bad_monetary", text, "1")


def test_expected_spend_of_customers_without_repeat_purchases(fitted: dict[str, Any]) -> None:
    gg = fitted["gg"]
    p, q, g = gg.params_.values()
    mean = gg.conditional_expected_spend([0, 0], [math.nan, 0.0])
    np.testing.assert_allclose(mean, p * g / (q - 1), rtol=1e-12)
    with pytest.raises(DataValidationError) as info:
        gg.conditional_expected_spend([1, 2, 3], [10.0, 20.0])
    _refused(info, "clv.mismatched_lengths", "3", "2")


def test_gamma_gamma_fit_refuses_bad_spends(published: pl.DataFrame) -> None:
    row = int(np.argmax(published["frequency"].to_numpy() > 3))
    spend = published["monetary_value"].to_numpy().copy()
    spend[row] = -1.0
    with pytest.raises(DataValidationError) as info:
        GammaGammaModel().fit(published.with_columns(pl.Series("monetary_value", spend)))
    _refused(info, "clv.bad_monetary", f" {row}", "-1.0")


# --- arguments of the predictions and of the CLV ----------------------------------------


@pytest.mark.parametrize("name", ["bgnbd", "pareto"])
@pytest.mark.parametrize(
    ("horizon", "code"),
    [
        (-5.0, "validation.number_range"),
        (math.nan, "validation.not_a_number"),
        (math.inf, "validation.not_a_number"),
        ("52", "validation.not_a_number"),
        ([52.0, -1.0], "validation.number_range"),
    ],
)
def test_every_prediction_checks_the_horizon(
    fitted: dict[str, Any], name: str, horizon: Any, code: str
) -> None:
    """A negative horizon used to give a negative count, a NaN one NaN."""
    model = fitted[name]
    calls = [
        lambda: model.expected_purchases([2, 3], [30.0, 20.0], [38.0, 38.0], horizon=horizon),
        lambda: model.expected_purchases_new_customer(horizon=horizon),
        lambda: model.predict(
            pl.DataFrame({"frequency": [2, 3], "recency": [30.0, 20.0], "T": [38.0, 38.0]}),
            horizon=horizon,
        ),
    ]
    for call in calls:
        with pytest.raises(DataValidationError) as info:
            call()
        _refused(info, code, "horizon")


def test_predictions_refuse_histories_of_different_lengths(fitted: dict[str, Any]) -> None:
    with pytest.raises(DataValidationError) as info:
        fitted["bgnbd"].conditional_probability_alive([1, 2, 3], [1.0, 2.0], [5.0, 5.0, 5.0])
    _refused(info, "clv.mismatched_lengths", "frequency: 3", "recency: 2")


@pytest.mark.parametrize(
    ("kwargs", "code", "needle"),
    [
        ({"draws": -3}, "validation.number_range", "draws"),
        ({"draws": 2.5}, "validation.not_whole", "draws"),
        ({"draws": 10_001}, "validation.number_range", "10000"),
        ({"margin": -1}, "clv.bad_margin", "-1"),
        ({"margin": math.nan}, "clv.bad_margin", "nan"),
        ({"horizon": math.inf}, "validation.not_a_number", "horizon"),
        ({"step": -1.0}, "validation.number_range", "step"),
        ({"discount": math.nan}, "clv.bad_discount", "nan"),
        ({"discount": "0.1"}, "clv.bad_discount", "0.1"),
        ({"seed": -1}, "validation.number_range", "seed"),
        ({"horizon": 1e9, "step": 1e-3}, "clv.too_many_steps", str(MAX_STEPS)),
    ],
)
def test_clv_checks_every_argument(
    fitted: dict[str, Any],
    published: pl.DataFrame,
    kwargs: dict[str, Any],
    code: str,
    needle: str,
) -> None:
    """``draws=-3`` and ``margin=-1`` used to be accepted, and a huge horizon in tiny
    steps asked for 7 PiB of memory."""
    with pytest.raises(DataValidationError) as info:
        customer_lifetime_value(fitted["bgnbd"], published, spend=fitted["gg"], **kwargs)
    _refused(info, code, needle)


def test_clv_refuses_a_spend_model_as_the_purchase_model(
    fitted: dict[str, Any], published: pl.DataFrame
) -> None:
    with pytest.raises(DataValidationError) as info:
        customer_lifetime_value(fitted["gg"], published)
    _refused(info, "clv.not_a_model", "GammaGammaModel")


def test_the_last_step_ends_at_the_horizon(fitted: dict[str, Any], published: pl.DataFrame) -> None:
    """Steps of 3 over a horizon of 10: 3, 6, 9 and 10 (the expected purchases are over
    the whole horizon, as the column says)."""
    bg = fitted["bgnbd"]
    value = customer_lifetime_value(bg, published.head(5), horizon=10, step=3)
    x, tx, age = (published.head(5)[c].to_numpy() for c in ("frequency", "recency", "T"))
    np.testing.assert_allclose(
        value["expected_purchases"].to_numpy(),
        bg.expected_purchases(x, tx, age, horizon=10),
        rtol=1e-12,
    )


# --- the project's error codes -----------------------------------------------------------


def test_the_fit_error_codes_are_raised() -> None:
    with pytest.raises(DataValidationError) as info:
        BetaGeoModel().fit(
            pl.DataFrame(schema={"frequency": pl.Int64, "recency": pl.Float64, "T": pl.Float64})
        )
    _refused(info, "clv.empty_summary")
    with pytest.raises(DataValidationError) as info:
        ParetoNBDModel(penalizer=-1).fit(NOBODY_RETURNS)
    _refused(info, "clv.bad_penalizer", "-1")
    # a penalty so large that the parameters underflow: the optimiser ends at NaN
    with pytest.raises(ConvergenceError) as error:
        ShiftedBetaGeometricModel(penalizer=1e200).fit([1, 1])
    _refused(error, "clv.no_convergence", "sbg", "penalizer")


# --- units -------------------------------------------------------------------------------


@pytest.mark.parametrize("factor", [1e-6, 1e-3, 1e3, 1e6, 1e9])
@pytest.mark.parametrize("penalizer", [0.0, 0.1])
def test_gamma_gamma_does_not_depend_on_the_currency(
    published: pl.DataFrame, factor: float, penalizer: float
) -> None:
    """Amounts in millions (or in millionths): the same p and q, γ scaled. Average
    orders above about 2.3 M used to be refused as running off to the edge."""
    base = GammaGammaModel(penalizer=penalizer).fit(published)
    scaled = GammaGammaModel(penalizer=penalizer).fit(
        published.with_columns(pl.col("monetary_value") * factor)
    )
    assert scaled.params_["p"] == pytest.approx(base.params_["p"], rel=1e-6)
    assert scaled.params_["q"] == pytest.approx(base.params_["q"], rel=1e-6)
    assert scaled.params_["gamma"] == pytest.approx(base.params_["gamma"] * factor, rel=1e-6)
    shift = -base.n_customers_ * math.log(factor)  # the density of amounts in the new unit
    assert scaled.log_likelihood_ == pytest.approx(base.log_likelihood_ + shift, rel=1e-9)
    assert scaled.standard_errors_["gamma"] == pytest.approx(
        base.standard_errors_["gamma"] * factor, rel=1e-4
    )
    z = published["monetary_value"].to_numpy()
    x = published["frequency"].to_numpy()
    np.testing.assert_allclose(
        scaled.conditional_expected_spend(x, z * factor),
        base.conditional_expected_spend(x, z) * factor,
        rtol=1e-6,
    )


@pytest.mark.parametrize("model", PURCHASE_MODELS)
@pytest.mark.parametrize("factor", [1e-6, 1 / 7, 7.0, 1e4, 1e6])
def test_purchase_models_do_not_depend_on_the_time_unit(
    published: pl.DataFrame, model: type, factor: float
) -> None:
    """Times in days instead of weeks (or in microweeks, or centuries): the same shape
    parameters, the time-scale ones (α, and β of Pareto/NBD) scaled, the same
    predictions over the same horizon."""
    base = model().fit(published)
    scaled = model().fit(published.with_columns(pl.col("recency") * factor, pl.col("T") * factor))
    for name, value in base.params_.items():
        in_time = name == "alpha" or (name == "beta" and model is ParetoNBDModel)
        expected = value * factor if in_time else value
        assert scaled.params_[name] == pytest.approx(expected, rel=1e-5), name
    shift = -float(published["frequency"].sum()) * math.log(factor)
    assert scaled.log_likelihood_ == pytest.approx(base.log_likelihood_ + shift, rel=1e-9)
    x, tx, age = (published[c].to_numpy() for c in ("frequency", "recency", "T"))
    np.testing.assert_allclose(
        scaled.expected_purchases(x, tx * factor, age * factor, horizon=52 * factor),
        base.expected_purchases(x, tx, age, horizon=52),
        rtol=1e-4,
    )


# -- the arguments of the summary, the store's model names and Gamma-Gamma's limits -----


def _orders() -> pl.DataFrame:
    from datetime import datetime

    return pl.DataFrame(
        {
            "customer_id": ["A", "A", "B"],
            "ordered_at": [datetime(2023, 1, 2), datetime(2023, 2, 6), datetime(2023, 1, 9)],
            "amount": [10.0, 20.0, 5.0],
        }
    )


def test_the_summary_names_a_bad_unit_a_non_date_and_an_end_before_the_calibration() -> None:
    from datetime import date

    from custvalue.clv import summarize
    from custvalue.clv.value import per_unit_discount

    with pytest.raises(DataValidationError) as unit:
        summarize(_orders(), calibration_end=date(2023, 3, 1), unit="fortnight")  # type: ignore[arg-type]
    assert unit.value.code == "clv.bad_unit" and "fortnight" in unit.value.message()
    with pytest.raises(DataValidationError) as also:
        per_unit_discount(0.1, "fortnight")
    assert also.value.code == "clv.bad_unit"
    with pytest.raises(DataValidationError) as text:
        summarize(_orders(), calibration_end="2023-03-01")  # type: ignore[arg-type]
    assert text.value.code == "clv.not_a_date" and "calibration_end" in text.value.message()
    with pytest.raises(DataValidationError) as order:
        summarize(_orders(), calibration_end=date(2023, 3, 1), observation_end=date(2023, 2, 1))
    assert order.value.code == "clv.bad_observation_end"


def test_an_unknown_model_name_lists_the_models() -> None:
    from custvalue.clv.store import purchase_model

    with pytest.raises(DataValidationError) as unknown:
        purchase_model("magic")
    assert unknown.value.code == "clv.bad_model"
    assert "bgnbd" in unknown.value.message() and "magic" in unknown.value.message()


def test_gamma_gamma_needs_three_repeat_buyers_and_a_finite_mean() -> None:
    from custvalue.clv import GammaGammaModel

    two = pl.DataFrame({"frequency": [1, 2, 0], "monetary_value": [10.0, 12.0, 0.0]})
    with pytest.raises(DataValidationError) as few:
        GammaGammaModel().fit(two)
    assert few.value.code == "clv.too_few_repeaters" and few.value.params["count"] == 2
    model = GammaGammaModel()
    model.params_ = {"p": 6.0, "q": 0.8, "gamma": 15.0}  # parameters from elsewhere, q ≤ 1
    with pytest.raises(DataValidationError) as infinite:
        model.conditional_expected_spend(np.array([2.0]), np.array([30.0]))
    assert infinite.value.code == "clv.gg_infinite_mean"


def test_a_prediction_beyond_floating_point_is_said_in_words() -> None:
    from custvalue.clv.base import finite

    with pytest.raises(ConvergenceError) as beyond:
        finite([1.0, float("inf")])
    assert beyond.value.code == "clv.cannot_compute" and beyond.value.params["index"] == 1
    np.testing.assert_array_equal(finite([1.0, 2.0]), [1.0, 2.0])


def test_amounts_near_the_largest_float(published: pl.DataFrame) -> None:
    """×10³⁰⁰: the same p and q, γ scaled, and standard errors that would pass the
    largest float unknown (NaN) rather than inf; amounts whose estimates cannot be
    represented at all are refused in words."""
    base = GammaGammaModel().fit(published)
    huge = GammaGammaModel().fit(published.with_columns(pl.col("monetary_value") * 1e300))
    assert huge.params_["p"] == pytest.approx(base.params_["p"], rel=1e-6)
    assert huge.params_["gamma"] == pytest.approx(base.params_["gamma"] * 1e300, rel=1e-6)
    assert all(np.isfinite(v) or np.isnan(v) for v in huge.standard_errors_.values())
    largest = float(published["monetary_value"].max())  # type: ignore[arg-type]
    top = published.with_columns(pl.col("monetary_value") * (1.7e308 / largest))
    try:
        beyond = GammaGammaModel().fit(top)
    except ConvergenceError as error:
        assert error.code == "clv.beyond_range"
        assert error.message("zh") != error.message("en")
    else:
        assert beyond.params_["p"] == pytest.approx(base.params_["p"], rel=1e-6)
        assert all(np.isfinite(v) for v in beyond.params_.values())


def test_predictions_beyond_floating_point_are_refused_in_words(fitted: dict[str, Any]) -> None:
    """10³⁰⁸ repeat purchases: the expectation passes the largest float; the answer is an
    error that says so, not inf or NaN."""
    for name in ("bgnbd", "pareto"):
        with pytest.raises(ConvergenceError) as info:
            fitted[name].expected_purchases([2.0, 1e308], [1.0, 1.0], [5.0, 5.0], horizon=52)
        _refused(info, "clv.cannot_compute", "1")


def test_the_summary_needs_dates() -> None:
    from datetime import date

    from custvalue.clv import summarize

    orders = pl.DataFrame(
        {"customer_id": ["a"], "ordered_at": [date(2024, 1, 2)], "amount": [10.0]}
    )
    with pytest.raises(DataValidationError) as info:
        summarize(orders, calibration_end="2024-06-30")  # type: ignore[arg-type]
    _refused(info, "clv.not_a_date", "calibration_end", "2024-06-30")
    with pytest.raises(DataValidationError) as info:
        summarize(orders, calibration_end=date(2024, 6, 30), observation_end=20240701)  # type: ignore[arg-type]
    _refused(info, "clv.not_a_date", "observation_end")


@pytest.mark.parametrize("model", [*PURCHASE_MODELS, GammaGammaModel])
def test_the_fit_does_not_depend_on_the_row_order(published: pl.DataFrame, model: type) -> None:
    """The data's scale is taken from the sorted unique rows: a summary read back from
    the store in another order gives the same fit to the last bit (the scores of two
    runs compare exactly)."""
    shuffled = published.sample(fraction=1.0, shuffle=True, seed=3)
    assert not shuffled["ID"].equals(published["ID"])
    one, two = model().fit(published), model().fit(shuffled)
    assert one.params_ == two.params_
    assert one.log_likelihood_ == two.log_likelihood_

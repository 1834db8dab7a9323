"""app.clv: fit, the score pipeline and validation, on both engines."""

from __future__ import annotations

from datetime import date

import pytest

from custvalue.app.clv import (
    check_score_options,
    fit_models,
    score_customers,
    validate_models,
    validation_figures,
)
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.app.conftest import json_ready
from tests.refusals import refusal


def test_fit_saves_a_run_with_every_parameter(demo_db: Database) -> None:
    result = fit_models(demo_db, model="bgnbd", unit="week")
    doc = json_ready(result.to_dict())
    assert doc["run_id"] == result.run_id == demo_db.scalar("SELECT MAX(run_id) FROM clv_runs")
    assert doc["model"] == "bgnbd" and doc["unit"] == "week"
    assert set(doc["params"]) == {"r", "alpha", "a", "b"}
    assert doc["customers"] == result.fit.n_customers > 0
    assert "spend" in doc and "cohorts" not in doc
    assert result.table.height == 4  # one row per parameter


def test_sbg_fits_the_cohorts_and_projects_survivors(demo_db: Database) -> None:
    result = fit_models(demo_db, model="sbg", unit="month")
    doc = json_ready(result.to_dict())
    assert doc["cohorts"] >= 1 and len(doc["projection"]) > 0
    assert result.cohorts is not None and result.table is result.cohorts


def test_score_ranks_every_customer_by_clv_and_saves_them(demo_db: Database) -> None:
    result = score_customers(demo_db, horizon=26, discount=0.1, margin=0.3)
    clv = result.scores["clv"].drop_nulls().to_list()
    assert clv == sorted(clv, reverse=True)
    assert result.margin == 0.3 and result.margin_source == "option"
    assert 0 < result.discount_per_unit < 0.1 / 26  # 10 % a year as a weekly rate
    saved = demo_db.scalar("SELECT COUNT(*) FROM clv_scores WHERE run_id = ?", [result.run_id])
    assert saved == result.scores.height
    doc = json_ready(result.to_dict())
    assert len(doc["scores"]) == result.scores.height
    assert "first_purchase" not in doc["scores"][0]
    assert {"run_id", "horizon", "discount_annual", "discount_per_unit", "margin"} <= set(doc)


def test_score_takes_the_margin_from_the_cost_of_goods_or_says_revenue(
    demo_db: Database,
) -> None:
    result = score_customers(demo_db, horizon=12)
    assert result.margin_source in {"cogs", "none"}
    assert (result.margin == 1.0) == (result.margin_source == "none")


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"horizon": -5.0}, "--horizon"),
        ({"horizon": float("nan")}, "--horizon"),
        ({"discount": 10.0}, "--discount"),
        ({"intervals": -1}, "--intervals"),
        ({"margin": 1.5}, "--margin"),
    ],
)
def test_score_refuses_bad_options_before_reading_the_store(
    db: Database, options: dict[str, float], option: str
) -> None:
    error = refusal(lambda: score_customers(db, **options), DataValidationError)  # type: ignore[arg-type]
    assert error.code == "error.option" and error.params["option"] == option
    # checked before the store: an empty store would have said "no orders" instead


def test_check_score_options_returns_the_margin_checked() -> None:
    assert check_score_options(horizon=1, discount=0, intervals=0, margin=1) == 1.0
    assert check_score_options(horizon=1, discount=0, intervals=0) is None
    error = refusal(lambda: check_score_options(horizon=1, discount=0, intervals=0, top=0))
    assert error.code == "error.option" and error.params["option"] == "--top"


@pytest.mark.parametrize(
    ("options", "code"),
    [({"model": "nbd"}, "validation.choice"), ({"unit": "fortnight"}, "validation.choice")],
)
def test_unknown_models_and_units_are_refused(
    db: Database, options: dict[str, str], code: str
) -> None:
    error = refusal(lambda: fit_models(db, **options), DataValidationError)
    assert error.code == code


def test_an_empty_store_says_what_to_import(db: Database) -> None:
    for error in (
        refusal(lambda: fit_models(db), NotFoundError),
        refusal(lambda: score_customers(db), NotFoundError),
    ):
        assert error.code == "clv.no_orders"


def test_validate_compares_with_the_holdout_and_draws_the_charts(demo_db: Database) -> None:
    cal = date(2023, 12, 31)  # the demo's orders run to the end of 2024
    result = validate_models(demo_db, calibration_end=cal, with_orders=True)
    doc = json_ready(result.to_dict())
    assert doc["observation_end"] == str(result.observation_end)
    assert {"customers", "actual_total", "predicted_total", "mae"} <= set(doc["metrics"])
    assert len(doc["customers_detail"]) == result.customers.height > 0
    assert result.orders is not None and result.orders.height > 0
    figures = validation_figures(result, orders=result.orders, unit_name="weeks")
    assert len(figures) == 4 and all("data" in f for f in figures)
    assert validate_models(demo_db, calibration_end=cal).orders is None


def test_validate_without_a_holdout_is_refused(demo_db: Database) -> None:
    last = demo_db.scalar("SELECT CAST(MAX(ordered_at) AS DATE) FROM orders")
    assert isinstance(last, date)
    error = refusal(
        lambda: validate_models(demo_db, calibration_end=last, observation_end=last),
        DataValidationError,
    )
    assert error.code == "error.option"
    assert error.params["option"] == "--observation-end"
    assert error.params["value"] == str(last)

"""app.segments: RFM, tiers, 80/20 and classes, with their refusals."""

from __future__ import annotations

import pytest

from custvalue.app.segments import check_tier_options, classes, pareto, rfm, tiers
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError
from tests.app.conftest import json_ready
from tests.refusals import refusal


def test_rfm_scores_every_customer_with_orders(demo_db: Database) -> None:
    result = rfm(demo_db, bins=4)
    assert not result.is_empty
    assert set(result.customers["r_score"].unique()) <= {1, 2, 3, 4}
    assert result.summary["customers"].sum() == result.customers.height
    doc = json_ready(result.to_dict())
    assert set(doc) == {"segments", "customers"} and len(doc["customers"]) > 0


def test_tiers_by_profit_and_by_bands(demo_db: Database) -> None:
    by_profit = tiers(demo_db)
    assert by_profit.rule.rule == "profit"
    assert by_profit.summary["customers"].sum() == 200
    doc = json_ready(by_profit.to_dict())
    assert set(doc) == {"rule", "tiers", "losses"}
    by_bands = tiers(demo_db, bands=(10, 20, 30, 40))
    assert by_bands.rule.rule == "bands" and by_bands.rule.bands == (10, 20, 30, 40)


def test_tier_options_are_refused_by_name() -> None:
    error = refusal(
        lambda: check_tier_options(rule="profit", bands="20,30,30,20"), DataValidationError
    )
    assert error.code == "error.option" and error.params["value"] == "20,30,30,20"
    error = refusal(lambda: check_tier_options(gold_profit=-1), DataValidationError)
    assert error.params.get("name") == "--gold-profit"
    error = refusal(lambda: check_tier_options(rule="deciles"), DataValidationError)
    assert error.code == "validation.choice"
    assert check_tier_options(bands=(50, 50)) == "bands"


def test_pareto_summary_and_curve(demo_db: Database) -> None:
    summary = pareto(demo_db, top=0.2)
    assert summary.curve is None and summary.summary["customers"] == 200
    assert "curve" not in json_ready(summary.to_dict())
    curved = pareto(demo_db, curve=True)
    assert curved.curve is not None and curved.curve.height > 0
    assert len(json_ready(curved.to_dict())["curve"]) == curved.curve.height


def test_classes_summed_per_class(demo_db: Database) -> None:
    result = classes(demo_db, key_share=0.1)
    assert result.summary["customers"].sum() == 200
    assert abs(result.summary["class_share"].sum() - 1) < 1e-9
    total = result.customers["realized_value"].sum()
    assert abs(result.summary["value_sum"].sum() - total) < 1e-6
    assert set(json_ready(result.to_dict())) == {"classes", "customers"}


@pytest.mark.parametrize("call", [tiers, pareto, classes])
def test_a_value_column_that_is_not_numeric_is_refused(demo_db: Database, call: object) -> None:
    error = refusal(lambda: call(demo_db, value="name"), DataValidationError)  # type: ignore[operator]
    assert error.code == "error.option" and error.params["option"] == "--value"
    assert "realized_value" in error.params["hint"]


@pytest.mark.parametrize(("call", "options"), [(pareto, {"top": 0}), (classes, {"key_share": 1.5})])
def test_shares_out_of_range_are_refused(
    db: Database, call: object, options: dict[str, float]
) -> None:
    refusal(lambda: call(db, **options), DataValidationError)  # type: ignore[operator]


def test_an_empty_store_is_empty_not_an_error(db: Database) -> None:
    assert rfm(db).is_empty and tiers(db).is_empty
    assert pareto(db).is_empty and classes(db).is_empty
    json_ready(tiers(db).to_dict())

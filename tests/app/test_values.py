"""app.values: every customer ranked, one customer as typed, the years nested."""

from __future__ import annotations

import pytest

from custvalue.app.clv import score_customers
from custvalue.app.values import check_value_options, customer_values
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.app.conftest import json_ready
from tests.refusals import refusal


def test_every_customer_ranked_by_the_sort_column(demo_db: Database) -> None:
    result = customer_values(demo_db, sort="revenue")
    revenue = result.values["revenue"].to_list()
    assert revenue == sorted(revenue, reverse=True) and len(revenue) == 200
    assert result.run is None and not result.is_empty and result.years is None
    doc = json_ready(result.to_dict())
    assert set(doc) == {"as_of", "service_categories", "clv_run", "customers"}
    assert doc["clv_run"] is None and len(doc["customers"]) == 200
    assert doc["as_of"] == str(result.as_of)


def test_one_customer_as_typed_with_the_years_nested(demo_db: Database) -> None:
    first = str(demo_db.scalar("SELECT MIN(customer_id) FROM customers"))
    wide = first.translate({ord(c): ord(c) + 0xFEE0 for c in first if "!" <= c <= "~"})
    result = customer_values(demo_db, customer=wide, by_year=True)
    assert result.customer == first and result.values["customer_id"].to_list() == [first]
    [record] = result.records()
    assert record["customer_id"] == first
    assert record["years"] and {"year", "revenue", "profit"} <= set(record["years"][0])
    assert "customer_id" not in record["years"][0]
    assert result.years is not None and set(result.years["customer_id"]) == {first}
    json_ready(result.to_dict())


def test_an_unknown_customer_is_not_found(demo_db: Database) -> None:
    error = refusal(lambda: customer_values(demo_db, customer="NOBODY"), NotFoundError)
    assert error.code == "error.not_found"


def test_an_empty_store_is_empty_not_an_error(db: Database) -> None:
    result = customer_values(db)
    assert result.is_empty and result.records() == []
    assert json_ready(result.to_dict())["customers"] == []
    error = refusal(lambda: customer_values(db, customer="C1"), NotFoundError)
    assert error.code == "value.customer_nothing_yet"


def test_potential_value_once_scored(demo_db: Database) -> None:
    error = refusal(lambda: customer_values(demo_db, sort="potential_value"), DataValidationError)
    assert error.code == "error.option" and error.params["option"] == "--sort"
    run = score_customers(demo_db, horizon=12).run_id
    result = customer_values(demo_db, sort="overall_value")
    assert result.run is not None and result.run.run_id == run
    assert {"potential_value", "overall_value"} <= set(result.values.columns)
    assert json_ready(result.to_dict())["clv_run"]["run_id"] == run


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"referral_depth": 0}, "--referral-depth"),
        ({"top": 0}, "--top"),
        ({"sort": "shoe_size"}, "--sort"),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], option: str) -> None:
    error = refusal(lambda: check_value_options(**options), DataValidationError)  # type: ignore[arg-type]
    assert error.code == "error.option" and error.params["option"] == option

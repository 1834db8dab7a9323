"""Excellent customers by the user's criteria, and whom to ask for a referral."""

from __future__ import annotations

import json
from datetime import date, datetime

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.referral import Criteria, excellent_customers

AS_OF = date(2026, 1, 1)
CUSTOMERS = pl.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
        "industry": ["manufacturing", "retail", "manufacturing", "manufacturing", None, "retail"],
        "size": ["large", "medium", "large", "small", "large", "large"],
        "orders": [13, 9, 3, 30, 10, 30],
        "first_order_at": [
            date(2023, 1, 1),  # 1096 days, 3.0007 years: 4.33 a year
            date(2023, 7, 1),  # 2.505 years: 3.59 a year
            date(2025, 12, 1),  # a month: counted as one year, 3 a year
            date(2021, 1, 1),  # 4.9993 years: 6.0 a year
            date(2022, 1, 1),  # 4.0 years: 2.5 a year
            date(2020, 1, 1),  # 6.0 years: 5.0 a year
        ],
        "contribution_cents": [500_000, 900_000, 100_000, 300_000, 800_000, 700_000],
        "satisfaction": [9.0, 8.5, 9.5, None, 9.2, 8.0],
        "referred_by": [None, None, None, None, None, "C4"],
    }
)


def test_criteria_from_a_mapping() -> None:
    criteria = Criteria.from_mapping(
        {
            "min_orders_per_year": 4,
            "min_years": 2,
            "industries": [" retail", "manufacturing"],
            "min_satisfaction": None,
        }
    )
    assert criteria.min_orders_per_year == 4.0
    assert criteria.industries == ("retail", "manufacturing")
    assert criteria.used() == ("min_orders_per_year", "min_years", "industries")
    assert criteria.to_dict() == {
        "min_orders_per_year": 4.0,
        "min_years": 2.0,
        "industries": ["retail", "manufacturing"],
    }


def test_which_criteria_each_meets_and_whom_to_ask() -> None:
    result = excellent_customers(
        CUSTOMERS,
        {"min_orders_per_year": 4, "min_years": 2, "industries": ["manufacturing", "retail"]},
        as_of=AS_OF,
    )
    table = result.table
    assert table["orders_per_year"].to_list() == pytest.approx(
        [
            13 / (1096 / 365.25),
            9 / (915 / 365.25),
            3.0,
            30 / (1826 / 365.25),
            10 / (1461 / 365.25),
            30 / (2192 / 365.25),
        ]
    )
    assert table.select(
        "customer_id",
        "meets_min_orders_per_year",
        "meets_min_years",
        "meets_industries",
        "excellent",
    ).rows() == [
        ("C1", True, True, True, True),
        ("C2", False, True, True, False),
        ("C3", False, False, True, False),
        ("C4", True, True, True, True),
        ("C5", False, True, False, False),  # no industry known: not met
        ("C6", True, True, True, True),
    ]
    assert table.filter(pl.col("customer_id") == "C3")["missed"].to_list() == [
        ["min_orders_per_year", "min_years"]
    ]
    assert table.filter(pl.col("customer_id") == "C1")["met"].to_list() == [
        ["min_orders_per_year", "min_years", "industries"]
    ]
    # C4 has referred C6 already; C6 (7,000.00) before C1 (5,000.00)
    assert result.to_ask == ("C6", "C1")
    assert table["ask_rank"].to_list() == [2, None, None, None, None, 1]
    assert table["referred"].to_list() == [0, 0, 0, 1, 0, 0]


def test_size_contribution_and_satisfaction() -> None:
    result = excellent_customers(
        CUSTOMERS.drop("referred_by").with_columns(referred=pl.Series([0, 0, 2, 0, 0, 0])),
        Criteria.from_mapping(
            {"size": ["large"], "min_contribution_cents": 500_000, "min_satisfaction": 9}
        ),
        as_of=datetime(2026, 1, 1, 12),
    )
    assert result.table.filter(pl.col("excellent"))["customer_id"].to_list() == ["C1", "C5"]
    assert result.to_ask == ("C5", "C1")
    assert result.as_of == AS_OF
    out = result.to_dict()
    json.dumps(out)
    assert out["to_ask"] == ["C5", "C1"]
    assert out["criteria"]["size"] == ["large"]


def test_ties_in_contribution_go_by_id() -> None:
    same = CUSTOMERS.with_columns(pl.lit(100).alias("contribution_cents"))
    result = excellent_customers(same, {"min_years": 0}, as_of=AS_OF)
    assert result.to_ask == ("C1", "C2", "C3", "C5", "C6")


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({"min_order": 4}, "referral.unknown_criterion"),
        ({}, "referral.no_criteria"),
        ({"min_years": None}, "referral.no_criteria"),
        ({"industries": "retail"}, "referral.criterion_not_list"),
        ({"industries": []}, "referral.criterion_not_list"),
        ({"size": ["large", 3]}, "referral.criterion_not_list"),
        ({"min_years": -1}, "validation.number_range"),
        ({"min_orders_per_year": "four"}, "validation.not_a_number"),
        ({"min_satisfaction": True}, "validation.not_a_number"),
        ({"min_contribution_cents": 10.5}, "validation.not_whole"),
    ],
)
def test_bad_criteria_name_the_key_and_the_value(mapping: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        Criteria.from_mapping(mapping)
    assert err.value.code == code
    for key, value in mapping.items():
        if value is not None and code != "referral.no_criteria":
            assert key in str(err.value)


def test_a_mapping_that_is_not_one() -> None:
    with pytest.raises(DataValidationError) as err:
        Criteria.from_mapping(["min_years"])  # type: ignore[arg-type]
    assert err.value.code == "referral.no_criteria"
    assert "list" in str(err.value)


def test_missing_columns_for_a_criterion() -> None:
    with pytest.raises(DataValidationError) as err:
        excellent_customers(CUSTOMERS.drop("satisfaction"), {"min_satisfaction": 8}, as_of=AS_OF)
    assert err.value.code == "validation.missing_columns"
    assert "satisfaction" in str(err.value)
    with pytest.raises(DataValidationError) as err:
        excellent_customers(CUSTOMERS.drop("referred_by"), {"min_years": 1}, as_of=AS_OF)
    assert err.value.code == "validation.missing_columns"
    assert "referred_by" in str(err.value)
    with pytest.raises(DataValidationError) as err:
        excellent_customers(
            CUSTOMERS.with_columns(pl.col("contribution_cents") / 100),
            {"min_years": 1},
            as_of=AS_OF,
        )
    assert err.value.code == "referral.not_cents"

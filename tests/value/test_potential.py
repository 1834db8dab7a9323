"""Total value = realized + potential (the CLV scores) + influence (referral net)."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.value import with_potential_value


def _values() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": ["A", "B", "C"],
            "realized_value": [100.0, -20.0, 5.0],
            "referral_net": [50.0, 0.0, 0.0],
            "sustained_value": [150.0, -20.0, 5.0],
            "revenue_last_12m": [1.0, 2.0, 3.0],
        }
    )


def test_potential_and_total_value_follow_sustained_value() -> None:
    scores = pl.DataFrame({"customer_id": ["C", "A"], "clv": [7.5, 30.0]})
    out = with_potential_value(_values(), scores)
    assert out.columns == [
        "customer_id",
        "realized_value",
        "referral_net",
        "sustained_value",
        "potential_value",
        "overall_value",
        "revenue_last_12m",
    ]
    assert out["customer_id"].to_list() == ["A", "B", "C"]  # rows and order kept
    assert out["potential_value"].to_list() == [30.0, None, 7.5]
    assert out["overall_value"].to_list() == [180.0, None, 12.5]  # unscored: unknown, not 0


def test_applied_twice_it_replaces_the_columns() -> None:
    once = with_potential_value(_values(), pl.DataFrame({"customer_id": ["A"], "clv": [1.0]}))
    twice = with_potential_value(once, pl.DataFrame({"customer_id": ["A"], "clv": [2.0]}))
    assert twice.columns == once.columns and twice["potential_value"][0] == 2.0


def test_missing_columns_are_named() -> None:
    with pytest.raises(DataValidationError) as info:
        with_potential_value(_values(), pl.DataFrame({"customer_id": ["A"]}))
    assert "clv" in info.value.message()
    with pytest.raises(DataValidationError):
        with_potential_value(
            _values().drop("referral_net"), pl.DataFrame({"customer_id": ["A"], "clv": [1.0]})
        )

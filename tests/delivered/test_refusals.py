"""Refusals of the delivered-value package that no other test names, by message code."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.delivered.offerings import prepare
from custvalue.exceptions import DataValidationError


@pytest.mark.parametrize(
    ("offering", "component", "named"),
    [
        (None, "price", "—"),
        ("", "price", "—"),
        ("  ", "price", "—"),
        ("A", None, "A"),
        ("A", "", "A"),
        ("A", "\u3000", "A"),
    ],
)
def test_a_row_without_an_offering_or_component_name(
    offering: str | None, component: str | None, named: str
) -> None:
    frame = pl.DataFrame(
        {"offering": ["A", offering], "component": ["service", component], "amount": [1.0, 2.0]},
        schema={"offering": pl.String, "component": pl.String, "amount": pl.Float64},
    )
    with pytest.raises(DataValidationError) as caught:
        prepare(frame)
    assert caught.value.code == "delivered.blank_name"
    assert caught.value.params["offering"] == named
    assert f"'{named}'" in caught.value.message("en")
    assert f"“{named}”" in caught.value.message("zh")

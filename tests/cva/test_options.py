"""The analyses refuse bad options themselves, with the shared messages the CLI gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import price_profile, profile
from custvalue.cva.trend import trend
from custvalue.cva.valuemap import place, relative_prices, value_map
from custvalue.exceptions import DataValidationError
from tests.cva import handmade

CASES: list[tuple[Callable[[], Any], str, str]] = [
    (
        lambda: value_map(handmade.survey(), distance="diagonal"),  # type: ignore[arg-type]
        "validation.choice",
        "distance: 'diagonal' is not one of the allowed values; use one of: vertical, "
        "perpendicular.",
    ),
    (
        lambda: value_map(handmade.survey(), line="importance", quality_weight=1.5),
        "validation.number_range",
        "quality_weight: 1.5 is out of range; it must satisfy 0 < quality_weight < 1.",
    ),
    (
        lambda: value_map(handmade.survey(), tolerance=-1.0),
        "validation.number_range",
        "tolerance: -1.0 is out of range; it must satisfy tolerance ≥ 0.",
    ),
    (
        lambda: trend(handmade.survey(), threshold=float("nan")),
        "validation.not_a_number",
        "threshold: nan is not a number; give a finite number.",
    ),
    (
        lambda: trend(handmade.survey(), method="mean"),  # type: ignore[arg-type]
        "validation.choice",
        "method: 'mean' is not one of the allowed values; use one of: ratio, score_ratio, "
        "difference.",
    ),
    (
        lambda: profile(handmade.survey(), "speed"),  # type: ignore[arg-type]
        "validation.choice",
        "kind: 'speed' is not one of the allowed values; use one of: quality, price.",
    ),
    (
        lambda: head_to_head(handmade.survey(), "B", kind="speed"),  # type: ignore[arg-type]
        "validation.choice",
        "kind: 'speed' is not one of the allowed values; use one of: quality, price.",
    ),
    (
        lambda: profile(handmade.survey(), "quality", ratio_digits=-1),
        "validation.number_range",
        "ratio_digits: -1 is out of range; it must satisfy 0 ≤ ratio_digits ≤ 12.",
    ),
    (
        lambda: price_profile(handmade.survey(), ratio_digits=1.5),  # type: ignore[arg-type]
        "validation.not_whole",
        "ratio_digits: 1.5 is not a whole number; give a whole number.",
    ),
    (
        lambda: value_map(handmade.survey(), ratio_digits=13),
        "validation.number_range",
        "ratio_digits: 13 is out of range; it must satisfy 0 ≤ ratio_digits ≤ 12.",
    ),
    (
        lambda: value_map(handmade.survey(), price_reference="all"),  # type: ignore[arg-type]
        "validation.choice",
        "price_reference: 'all' is not one of the allowed values; use one of: others, market.",
    ),
    (
        lambda: relative_prices({"A": 10.0, "B": 0.0}),
        "validation.number_range",
        "price[B]: 0.0 is out of range; it must satisfy price[B] > 0.",
    ),
    (
        lambda: place({"A": 100.0, "B": float("nan")}, {"A": 100.0, "B": 90.0}),
        "validation.not_a_number",
        "quality[B]: nan is not a number; give a finite number.",
    ),
]


@pytest.mark.parametrize(("call", "code", "message"), CASES)
def test_library_refuses_bad_options(call: Callable[[], Any], code: str, message: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        call()
    assert caught.value.code == code
    assert caught.value.message("en") == message
    zh = caught.value.message("zh")
    assert "{" not in zh and message.split(":")[0] in zh


def test_importance_line_needs_a_quality_weight() -> None:
    with pytest.raises(DataValidationError) as caught:
        value_map(handmade.survey(), line="importance")
    assert caught.value.code == "cva.quality_weight_needed"
    assert caught.value.message("en").startswith("quality_weight: the importance line needs")
    assert "质量的权重" in caught.value.message("zh")
    # a good weight passes
    assert value_map(handmade.survey(), line="importance", quality_weight=0.6).slope == (
        pytest.approx(0.4 / 0.6)
    )


#: refusals of the value map's data (not of an option): too few competitors, no fit
DATA_CASES: list[tuple[Callable[[], Any], str, str]] = [
    (
        lambda: relative_prices({"A": 10.0}),
        "cva.map_too_few",
        "the value map needs at least two competitors with both quality and price; found: A",
    ),
    (
        lambda: place({"A": 100.0, "C": 80.0}, {"A": 100.0, "B": 90.0}),
        "cva.map_too_few",
        "the value map needs at least two competitors with both quality and price; found: A",
    ),
    (
        lambda: place(
            {"A": 1.0, "B": 2.0, "C": 3.0}, {"A": 90.0, "B": 90.0, "C": 90.0}, line="fitted"
        ),
        "cva.fit_needs_three",
        "a fitted fair-value line needs at least three competitors with different prices "
        "(found 3); use --line diagonal or --line importance",
    ),
]


@pytest.mark.parametrize(("call", "code", "message"), DATA_CASES)
def test_value_map_refuses_too_little_data(
    call: Callable[[], Any], code: str, message: str
) -> None:
    with pytest.raises(DataValidationError) as caught:
        call()
    assert caught.value.code == code
    assert caught.value.message("en") == message
    zh = caught.value.message("zh")
    assert "{" not in zh and zh != message

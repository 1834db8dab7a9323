"""The analyses refuse bad options themselves, with the shared messages the CLI gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import profile
from custvalue.cva.trend import trend
from custvalue.cva.valuemap import value_map
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

"""The choice model and rule refuse bad options themselves, with the shared messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from custvalue.choice import ConditionalLogit, deterministic_choice, simulate_choices
from custvalue.choice.design import Design
from custvalue.exceptions import DataValidationError
from tests.choice.helpers import TWO

FRAME = pl.DataFrame({"alternative": ["a", "b"], "value": [2.0, 1.0], "price": [1.0, 2.0]})

CASES: list[tuple[Callable[[], Any], str, str]] = [
    (
        lambda: ConditionalLogit(method="bfgs").fit(TWO),
        "validation.choice",
        "method: 'bfgs' is not one of the allowed values; use one of: ",
    ),
    (
        lambda: ConditionalLogit(penalizer=-0.5).fit(TWO),
        "validation.number_range",
        "penalizer: -0.5 is out of range; it must satisfy penalizer ≥ 0.",
    ),
    (
        lambda: ConditionalLogit(penalizer=float("inf")).fit(TWO),
        "validation.not_a_number",
        "penalizer: inf is not a number; give a finite number.",
    ),
    (
        lambda: ConditionalLogit(max_iter=0).fit(TWO),
        "validation.number_range",
        "max_iter: 0 is out of range; it must satisfy max_iter ≥ 1.",
    ),
    (
        lambda: ConditionalLogit(tol=0.0).fit(TWO),
        "validation.number_range",
        "tol: 0.0 is out of range; it must satisfy tol > 0.",
    ),
    (
        lambda: deterministic_choice(FRAME, value="value", scale="odds"),  # type: ignore[arg-type]
        "validation.choice",
        "scale: 'odds' is not one of the allowed values; use one of: value, utility.",
    ),
    (
        lambda: deterministic_choice(FRAME, value="worth"),
        "validation.missing_columns",
        "missing column(s) worth.",
    ),
    (
        lambda: simulate_choices(FRAME, Design(("price", "value")), {"price": -1.0}),
        "choice.weights_missing",
        "weights: no coefficient for value; give one for every name of the design (price, value).",
    ),
]


@pytest.mark.parametrize(("call", "code", "message"), CASES)
def test_library_refuses_bad_options(call: Callable[[], Any], code: str, message: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        call()
    assert caught.value.code == code
    assert message in caught.value.message("en")
    assert "{" not in caught.value.message("zh")
    assert "=" not in caught.value.message("en").split(";")[0]  # no name=value reprs

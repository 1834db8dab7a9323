"""The deterministic rule: highest value wins, V1:V2."""

from __future__ import annotations

import math

import polars as pl
import pytest

from custvalue.choice import deterministic_choice
from custvalue.exceptions import DataValidationError


def test_highest_value_wins_with_ratio() -> None:
    frame = pl.DataFrame({"alternative": ["ours", "rival"], "value": [3600.0, 2800.0]})
    out = deterministic_choice(frame, value="value").row(0, named=True)
    assert out["winner"] == "ours" and out["runner_up"] == "rival"
    assert out["ratio"] == pytest.approx(3600 / 2800)
    assert out["difference"] == 800.0 and not out["tie"]


def test_utilities_use_the_odds_ratio_per_situation() -> None:
    frame = pl.DataFrame(
        {
            "s": ["1", "1", "2", "2"],
            "alternative": ["a", "b", "a", "b"],
            "u": [-1.0, -1.5, 0.2, 0.9],
        }
    )
    out = deterministic_choice(frame, value="u", situation="s", scale="utility")
    assert out["winner"].to_list() == ["a", "b"]
    assert out["ratio"][0] == pytest.approx(math.exp(0.5))


def test_ties_and_non_positive_values() -> None:
    frame = pl.DataFrame({"alternative": ["a", "b"], "value": [-1.0, -1.0]})
    out = deterministic_choice(frame, value="value").row(0, named=True)
    assert out["tie"] and out["winner"] == "a" and out["ratio"] is None


def test_bad_input() -> None:
    frame = pl.DataFrame({"alternative": ["a", "b"], "value": [1.0, float("nan")]})
    with pytest.raises(DataValidationError, match="non-finite"):
        deterministic_choice(frame, value="value")
    with pytest.raises(DataValidationError, match="scale"):
        deterministic_choice(frame, value="value", scale="odds")  # type: ignore[arg-type]

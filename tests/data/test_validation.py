"""One vocabulary of checks: the library refuses what the CLI refuses, in clean sentences."""

from __future__ import annotations

import math

import polars as pl
import pytest

from custvalue._validation import check_choice, check_columns, check_frame, check_number
from custvalue.exceptions import DataValidationError, ImportFileError


def test_check_choice_names_the_parameter_the_value_and_the_allowed_ones() -> None:
    assert check_choice("distance", "vertical", ("vertical", "perpendicular")) == "vertical"
    with pytest.raises(DataValidationError) as caught:
        check_choice("--distance", "diagonal", ("vertical", "perpendicular"))
    assert caught.value.code == "validation.choice"
    assert str(caught.value) == (
        "--distance: 'diagonal' is not one of the allowed values; use one of: "
        "vertical, perpendicular."
    )
    assert "请使用以下之一：vertical, perpendicular" in caught.value.message("zh")
    with pytest.raises(ImportFileError):
        check_choice("kind", "invoices", ("orders",), error=ImportFileError)
    with pytest.raises(DataValidationError):
        check_choice("flag", True, (1, 0))  # a bool is not the number 1


@pytest.mark.parametrize(
    ("kwargs", "value", "rule"),
    [
        ({"above": 0}, -5.0, "horizon > 0"),
        ({"minimum": 0}, -1, "horizon ≥ 0"),
        ({"minimum": 0, "below": 1}, 1.0, "0 ≤ horizon < 1"),
        ({"maximum": 100}, 101, "horizon ≤ 100"),
    ],
)
def test_check_number_states_the_rule(kwargs: dict[str, float], value: float, rule: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        check_number("horizon", value, **kwargs)
    assert caught.value.code == "validation.number_range"
    assert f"must satisfy {rule}" in str(caught.value)
    assert "horizon horizon" not in str(caught.value)


def test_check_number_refuses_what_is_not_a_finite_number() -> None:
    assert check_number("step", 2, above=0) == 2.0
    for bad in (math.nan, math.inf, "5", None, True):
        with pytest.raises(DataValidationError) as caught:
            check_number("step", bad, above=0)
        assert caught.value.code == "validation.not_a_number"
    with pytest.raises(DataValidationError) as caught:
        check_number("draws", 2.5, integer=True)
    assert caught.value.code == "validation.not_whole"


def test_frames_and_columns() -> None:
    frame = pl.DataFrame({"a": [1]})
    assert check_frame(frame) is frame
    with pytest.raises(DataValidationError) as caught:
        check_frame([1], name="orders")
    assert caught.value.code == "validation.not_a_frame" and "orders" in str(caught.value)
    with pytest.raises(DataValidationError) as caught:
        check_columns(frame, ["a", "b"], frame_name="orders")
    assert caught.value.code == "validation.missing_columns" and "b" in str(caught.value)


def test_the_library_refuses_what_the_cli_refuses() -> None:
    from custvalue.cva.survey import Survey
    from custvalue.cva.valuemap import value_map
    from custvalue.demo.survey import US, generate_demo_survey

    survey = Survey(us=US, **generate_demo_survey())
    assert value_map(survey, distance="perpendicular").distance == "perpendicular"
    with pytest.raises(DataValidationError) as caught:
        value_map(survey, distance="diagonal")  # type: ignore[arg-type]
    assert caught.value.code == "validation.choice" and "perpendicular" in str(caught.value)
    with pytest.raises(DataValidationError) as caught:
        value_map(survey, baseline="median")  # type: ignore[arg-type]
    assert "baseline" in str(caught.value)


def test_option_errors_read_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    from custvalue.cli.main import main

    assert main(["import", "nonsense", "x.csv"]) == 1
    err = capsys.readouterr().err
    assert "KIND: 'nonsense' is not one of the allowed values" in err
    assert "Option KIND" not in err

"""Each refusal of the choice package, by its message code, in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from custvalue.choice import (
    Categorical,
    Change,
    ConditionalLogit,
    Design,
    apply_changes,
    deterministic_choice,
    load_model,
    model_from_dict,
    read_choices,
)
from custvalue.exceptions import ConvergenceError, CustValueError
from tests.choice.helpers import TWO, injected, simulated
from tests.refusals import refusal

TRUE = {"price": -1.2, "quality": 0.6, "colour[green]": 0.4, "colour[red]": -0.5}


# --- fitting -----------------------------------------------------------------------


def test_a_price_that_is_not_an_attribute() -> None:
    error = refusal(lambda: ConditionalLogit(attributes=["x1", "x2"], price="x9").fit(TWO))
    assert error.code == "choice.bad_price"
    assert error.params["value"] == "x9" and error.params["allowed"] == "x1, x2"


def test_elasticities_need_a_numeric_price() -> None:
    model = injected(Design(("x1", "x2")), {"x1": 0.5, "x2": -0.2})
    error = refusal(lambda: model.elasticities(TWO))
    assert error.code == "choice.bad_price"
    assert error.params["value"] is None


def test_willingness_to_pay_needs_a_price() -> None:
    model = injected(Design(("x1", "x2")), {"x1": 0.5, "x2": -0.2})
    error = refusal(model.willingness_to_pay)
    assert error.code == "choice.no_price"


def test_no_attribute_at_all() -> None:
    error = refusal(lambda: ConditionalLogit(attributes=[]).fit(TWO))
    assert error.code == "choice.no_attributes"


def test_a_reference_level_the_column_lacks() -> None:
    frame = TWO.with_columns(pl.Series("colour", ["red", "blue", "red", "blue", "red"]))
    error = refusal(
        lambda: ConditionalLogit(attributes=["x1"], categorical={"colour": "green"}).fit(frame)
    )
    assert error.code == "choice.bad_reference"
    assert error.params["levels"] == "blue, red"


def test_an_attribute_constant_within_every_situation() -> None:
    frame = TWO.with_columns(
        pl.when(pl.col("situation") == "s1").then(1.0).otherwise(2.0).alias("age")
    )
    error = refusal(lambda: ConditionalLogit(attributes=["x1", "x2", "age"]).fit(frame))
    assert error.code == "choice.constant_attribute"
    assert error.params["column"] == "age"


def test_collinear_attributes() -> None:
    frame = simulated(200, 1, TRUE).with_columns((pl.col("price") * 2 + 1).alias("price2"))
    error = refusal(
        lambda: ConditionalLogit(attributes=["price", "price2", "quality"]).fit(frame),
        ConvergenceError,
    )
    assert error.code == "choice.collinear"
    assert error.params["columns"] == "price, price2"


@pytest.mark.parametrize("method", ["newton", "lbfgs"])
def test_perfect_separation(method: str) -> None:
    frame = simulated(100, 4, TRUE).with_columns(
        (pl.col("price") == pl.col("price").min().over("situation")).cast(pl.Int8).alias("chosen")
    )
    model = ConditionalLogit(attributes=["price", "quality"], method=method)
    error = refusal(lambda: model.fit(frame), ConvergenceError)
    assert error.code == "choice.separation"


def test_newton_out_of_iterations() -> None:
    frame = simulated(300, 2, TRUE)
    model = ConditionalLogit(attributes=["price", "quality"], max_iter=1)
    error = refusal(lambda: model.fit(frame), ConvergenceError)
    assert error.code == "choice.no_convergence"
    assert error.params["iterations"] == 1 and error.params["method"] == "newton"


def test_an_unfitted_model() -> None:
    error = refusal(lambda: ConditionalLogit().predict(TWO), CustValueError)
    assert error.code == "model.not_fitted"
    assert error.params["model"] == "ConditionalLogit"


# --- the deterministic rule --------------------------------------------------------


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), None])
def test_the_rule_needs_finite_values(bad: float | None) -> None:
    frame = pl.DataFrame({"alternative": ["ours", "rival"], "value": [3600.0, bad]})
    error = refusal(lambda: deterministic_choice(frame, value="value"))
    assert error.code == "choice.rule_not_finite"
    assert error.params["column"] == "value"


# --- choice files ------------------------------------------------------------------


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "choices.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_attribute_the_file_lacks(tmp_path: Path) -> None:
    path = _file(tmp_path, "情境,方案,价格,是否选择\ns1,A,1,1\ns1,B,2,0\n")
    error = refusal(lambda: read_choices(path, categorical={"品牌": None}))
    assert error.code == "choice.unknown_column"
    assert error.params["column"] == "品牌" and error.params["allowed"] == "价格"


def test_a_text_column_read_as_a_number(tmp_path: Path) -> None:
    path = _file(tmp_path, "情境,方案,价格,品牌,是否选择\ns1,A,1,海尔,1\ns1,B,2,TCL,0\n")
    error = refusal(lambda: read_choices(path))
    assert error.code == "choice.text_attribute"
    assert error.params["column"] == "品牌"


# --- what-if changes ---------------------------------------------------------------

DESIGN = Design(("price",), (Categorical("store", ("a", "b"), "a"),))
SCENARIO = pl.DataFrame(
    {"alternative": ["Haier", "TCL"], "price": [3700.0, 3200.0], "store": ["a", "b"]}
)


@pytest.mark.parametrize("text", ["Haier price 3000", "Haier:=3", ":price=3", "Haier:price"])
def test_a_change_that_does_not_parse(text: str) -> None:
    error = refusal(lambda: Change.parse(text))
    assert error.code == "choice.bad_change"
    assert error.params["value"] == text


@pytest.mark.parametrize(
    ("text", "code", "allowed"),
    [
        ("Sony:price=3000", "choice.unknown_alternative", "Haier, TCL"),
        ("Haier:price=cheap", "choice.bad_change_number", None),
        ("Haier:store=c", "choice.bad_change_level", "a, b"),
        ("Haier:store+=1", "choice.bad_change_level", "a, b"),
        ("Haier:colour=red", "choice.unknown_attribute", "price, store"),
    ],
)
def test_a_change_the_scenario_cannot_take(text: str, code: str, allowed: str | None) -> None:
    model = injected(DESIGN, {"price": -0.001, "store[b]": 0.2}, price="price")
    error = refusal(lambda: apply_changes(model, SCENARIO, [Change.parse(text)]))
    assert error.code == code
    assert error.params["change"] == text
    assert error.params.get("allowed") == allowed


# --- saved models ------------------------------------------------------------------


def _saved() -> dict[str, Any]:
    design = Design(("x1", "x2"))
    return injected(design, {"x1": 0.5, "x2": -0.2}, price="x1").to_dict()


def test_a_model_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"model": "conditional_logit",\n  params: 1}', encoding="utf-8")
    error = refusal(lambda: load_model(path))
    assert error.code == "choice.model_not_json"
    assert error.params["line"] == 2


def _edited(**changes: Any) -> dict[str, Any]:
    data = _saved()
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ([1, 2], "choice.model_not_object"),
        (_edited(model="mixed_logit"), "choice.model_wrong_kind"),
        (_edited(covariance=None, params=None), "choice.model_missing"),
        (_edited(design={"numeric": 3}), "choice.model_design"),
        (_edited(params={"x1": 0.5}), "choice.model_names"),
        (_edited(params=[0.5, -0.2]), "choice.model_names"),
        (_edited(params={"x1": 0.5, "x2": "high"}), "choice.model_not_number"),
        (_edited(log_likelihood=True), "choice.model_not_number"),
        (_edited(rows=-1), "choice.model_not_number"),
        (_edited(covariance=[[1.0]]), "choice.model_covariance"),
        (_edited(covariance=[[1.0, "x"], [0.0, 1.0]]), "choice.model_covariance"),
        (_edited(price="x3"), "choice.model_price"),
    ],
)
def test_a_saved_model_that_is_not_valid(data: Any, code: str, tmp_path: Path) -> None:
    error = refusal(lambda: model_from_dict(data, source="m.json"))
    assert error.code == code
    assert error.params["file"] == "m.json"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert refusal(lambda: load_model(path)).code == code


def test_a_model_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(b'{"model": "\xff\xfe"}')
    error = refusal(lambda: load_model(path))
    assert error.code == "import.unreadable"
    assert error.params["file"] == str(path)

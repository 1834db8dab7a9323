"""ConditionalLogit: recovery, an independent scipy oracle, errors, WTP, persistence."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy.optimize import approx_fprime, minimize
from scipy.special import logsumexp

import custvalue.choice as choice
from custvalue.choice import ConditionalLogit, load_model, save_model
from custvalue.data.tables import TableRowsError
from custvalue.exceptions import ConvergenceError, DataValidationError, NotFittedError
from tests.choice.helpers import TWO, simulated

TRUE = {"price": -1.2, "quality": 0.6, "colour[green]": 0.4, "colour[red]": -0.5}


def _model(**kw: object) -> ConditionalLogit:
    return ConditionalLogit(
        attributes=["price", "quality"], categorical={"colour": "blue"}, price="price", **kw
    )  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def data() -> pl.DataFrame:
    return simulated(4000, 11, TRUE)


@pytest.fixture(scope="module")
def fitted(data: pl.DataFrame) -> ConditionalLogit:
    return _model().fit(data)


def test_public_api() -> None:
    assert sorted(choice.__all__) == choice.__all__
    for name in choice.__all__:
        assert hasattr(choice, name)


def test_docstring_examples_run() -> None:
    from custvalue.choice import logit, rule

    for module in (logit, rule):
        assert doctest.testmod(module).failed == 0


def test_recovers_true_weights_within_standard_errors(fitted: ConditionalLogit) -> None:
    for name, true in TRUE.items():
        z = (fitted.params_[name] - true) / fitted.standard_errors_[name]
        assert abs(z) < 4, (name, fitted.params_[name], true)
    assert fitted.n_situations_ == 4000
    assert fitted.n_rows_ == 12000
    assert 0 < fitted.rho_squared_ < 1
    assert fitted.null_log_likelihood_ == pytest.approx(-4000 * np.log(3))


def _oracle_situations(frame: pl.DataFrame) -> list[tuple[np.ndarray, int]]:
    """Per situation: the (alternatives × 4) attribute matrix and the chosen row."""
    out = []
    for _, group in frame.group_by("situation"):
        x = np.column_stack(
            [
                group["price"].to_numpy(),
                group["quality"].to_numpy(),
                (group["colour"] == "green").to_numpy(),
                (group["colour"] == "red").to_numpy(),
            ]
        ).astype(float)
        out.append((x, int(np.flatnonzero(group["chosen"].to_numpy() == 1)[0])))
    return out


def _oracle_loglik(beta: np.ndarray, situations: list[tuple[np.ndarray, int]]) -> float:
    """Written apart from the library: loop over situations with scipy's logsumexp."""
    return sum(float((x @ beta)[c] - logsumexp(x @ beta)) for x, c in situations)


def test_agrees_with_direct_scipy_maximisation() -> None:
    frame = simulated(300, 5, TRUE)
    model = _model().fit(frame)
    sits = _oracle_situations(frame)
    result = minimize(lambda b: -_oracle_loglik(b, sits), np.zeros(4), method="BFGS")
    names = ["price", "quality", "colour[green]", "colour[red]"]
    np.testing.assert_allclose([model.params_[n] for n in names], result.x, atol=2e-4)
    assert model.log_likelihood_ == pytest.approx(-result.fun, abs=1e-6)
    # standard errors from a finite-difference Hessian of the oracle likelihood
    step = 1e-4
    hess = np.zeros((4, 4))
    for j in range(4):
        e = np.zeros(4)
        e[j] = step
        up = approx_fprime(result.x + e, lambda b: _oracle_loglik(b, sits), 1e-6)
        down = approx_fprime(result.x - e, lambda b: _oracle_loglik(b, sits), 1e-6)
        hess[:, j] = (up - down) / (2 * step)
    se = np.sqrt(np.diag(np.linalg.inv(-(hess + hess.T) / 2)))
    np.testing.assert_allclose([model.standard_errors_[n] for n in names], se, rtol=0.02)


def test_lbfgs_and_newton_agree(data: pl.DataFrame, fitted: ConditionalLogit) -> None:
    other = _model(method="lbfgs").fit(data)
    for name in TRUE:
        assert other.params_[name] == pytest.approx(fitted.params_[name], abs=1e-4)


def test_summary_has_z_p_and_wtp(fitted: ConditionalLogit) -> None:
    table = fitted.summary()
    row = table.filter(pl.col("parameter") == "quality").row(0, named=True)
    assert row["z_value"] == pytest.approx(row["estimate"] / row["std_error"])
    assert 0 <= row["p_value"] < 1e-6
    assert row["wtp"] == pytest.approx(-fitted.params_["quality"] / fitted.params_["price"])
    assert table.filter(pl.col("parameter") == "price")["wtp"][0] is None


def test_wtp_standard_error_matches_numerical_delta_method(fitted: ConditionalLogit) -> None:
    names = list(fitted.design_.names)
    beta = fitted.coefficients
    a, p = names.index("quality"), names.index("price")

    def wtp(b: np.ndarray) -> float:
        return float(-b[a] / b[p])

    g = approx_fprime(beta, wtp, 1e-8)
    expected = float(np.sqrt(g @ fitted.covariance_ @ g))
    table = fitted.willingness_to_pay()
    got = table.filter(pl.col("parameter") == "quality")["wtp_std_error"][0]
    assert got == pytest.approx(expected, rel=1e-4)


def test_weights_equal_repeated_situations() -> None:
    base = simulated(60, 8, TRUE)
    counts = {str(i): 1 + i % 3 for i in range(60)}
    weighted = base.with_columns(pl.col("situation").replace_strict(counts).alias("w"))
    repeated = pl.concat(
        [
            base.filter(pl.col("situation") == sid).with_columns(pl.col("situation") + f"#{i}")
            for sid, n in counts.items()
            for i in range(n)
        ]
    )
    a = _model(weight="w").fit(weighted)
    b = _model().fit(repeated)
    for name in TRUE:
        assert a.params_[name] == pytest.approx(b.params_[name], rel=1e-7)
    assert a.log_likelihood_ == pytest.approx(b.log_likelihood_)
    assert a.n_situations_ == 60


def test_asc_constants() -> None:
    frame = simulated(600, 2, TRUE)
    model = ConditionalLogit(
        attributes=["price", "quality"], categorical=["colour"], asc=True, asc_reference="a"
    ).fit(frame)
    assert {"ASC[b]", "ASC[c]"} <= set(model.params_)
    assert abs(model.params_["ASC[b]"]) < 4 * model.standard_errors_["ASC[b]"]


def test_predictions(fitted: ConditionalLogit) -> None:
    scenario = pl.DataFrame(
        {
            "alternative": ["x", "y"],
            "price": [2.0, 3.0],
            "quality": [3.0, 3.0],
            "colour": ["blue", "blue"],
        }
    )
    proba = fitted.predict_proba(scenario)
    diff = fitted.params_["price"] * (2.0 - 3.0)
    assert proba["probability"][0] == pytest.approx(1 / (1 + np.exp(-diff)))
    assert fitted.predict(scenario)["winner"][0] == "x"
    assert fitted.shares(scenario)["share"].sum() == pytest.approx(1.0)
    elastic = fitted.elasticities(scenario)
    expected = fitted.params_["price"] * 2.0 * (1 - proba["probability"][0])
    assert elastic["elasticity"][0] == pytest.approx(expected)


def test_unfitted_model_refuses() -> None:
    with pytest.raises(NotFittedError):
        ConditionalLogit().predict_proba(TWO)


@pytest.mark.parametrize(
    ("change", "reason", "line"),
    [
        (lambda f: f.with_columns(pl.lit(0).alias("chosen")), "no alternative is chosen", 1),
        (lambda f: f.with_columns(pl.lit(1).alias("chosen")), "3 alternatives are chosen", 1),
        (lambda f: f.filter(pl.col("situation") != "s2").vstack(TWO.tail(1)), "only one", 4),
        (
            lambda f: f.with_columns(
                pl.when(pl.col("alternative") == "C")
                .then(float("nan"))
                .otherwise(pl.col("x1"))
                .alias("x1")
            ),
            "not a finite number",
            3,
        ),
        (lambda f: f.with_columns(pl.lit("A").alias("alternative")), "more than once", 1),
    ],
)
def test_bad_frames_name_the_situation_and_line(change, reason: str, line: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TableRowsError) as info:
        ConditionalLogit(attributes=["x1", "x2"]).fit(change(TWO))
    assert reason in str(info.value)
    assert f"line {line}" in str(info.value)
    assert "s1" in str(info.value) or "s2" in str(info.value) or "finite" in reason


def test_constant_attribute_is_refused() -> None:
    frame = TWO.with_columns(
        pl.when(pl.col("situation") == "s1").then(1.0).otherwise(2.0).alias("age")
    )
    with pytest.raises(DataValidationError, match="'age' never differs"):
        ConditionalLogit(attributes=["x1", "x2", "age"]).fit(frame)


def test_collinear_attributes_get_advice() -> None:
    frame = simulated(200, 1, TRUE).with_columns((pl.col("price") * 2 + 1).alias("price2"))
    with pytest.raises(ConvergenceError, match="collinear") as info:
        ConditionalLogit(attributes=["price", "price2", "quality"]).fit(frame)
    assert "price" in str(info.value) and "price2" in str(info.value)
    assert info.value.params["advice"] == "choice.advice_collinear"


def test_perfect_separation_gets_advice() -> None:
    frame = simulated(100, 4, TRUE).with_columns(
        (pl.col("price") == pl.col("price").min().over("situation")).cast(pl.Int8).alias("chosen")
    )
    for method in ("newton", "lbfgs"):
        with pytest.raises(ConvergenceError, match="perfectly predicted"):
            ConditionalLogit(attributes=["price", "quality"], method=method).fit(frame)


def test_penalizer_tames_separation() -> None:
    frame = simulated(100, 4, TRUE).with_columns(
        (pl.col("price") == pl.col("price").min().over("situation")).cast(pl.Int8).alias("chosen")
    )
    model = ConditionalLogit(attributes=["price", "quality"], penalizer=0.1).fit(frame)
    assert model.params_["price"] < 0


def test_bad_options() -> None:
    with pytest.raises(DataValidationError, match="method"):
        ConditionalLogit(method="bfgs").fit(TWO)
    with pytest.raises(DataValidationError, match="reference level 'Z'"):
        ConditionalLogit(attributes=["x1"], categorical={"alternative": "Z"}).fit(TWO)
    with pytest.raises(DataValidationError, match="price attribute 'cost'"):
        ConditionalLogit(attributes=["x1", "x2"], price="cost").fit(TWO)
    with pytest.raises(DataValidationError, match="lacks column"):
        ConditionalLogit(attributes=["x9"]).fit(TWO)


def test_unknown_level_in_scenario(fitted: ConditionalLogit) -> None:
    scenario = pl.DataFrame(
        {
            "alternative": ["x", "y"],
            "price": [1.0, 2.0],
            "quality": [1.0, 1.0],
            "colour": ["blue", "pink"],
        }
    )
    with pytest.raises(TableRowsError, match="line 2.*pink.*blue, green, red"):
        fitted.predict_proba(scenario)


def test_save_and_load_round_trip(fitted: ConditionalLogit, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    save_model(fitted, path)
    loaded = load_model(path)
    assert loaded.params_ == fitted.params_
    assert loaded.price == "price"
    np.testing.assert_allclose(loaded.covariance_, fitted.covariance_)
    assert loaded.summary().equals(fitted.summary())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: "{not json", "invalid JSON"),
        (lambda d: json.dumps([1, 2]), "not a JSON object"),
        (lambda d: json.dumps({**d, "model": "bgnbd"}), "expected 'conditional_logit'"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "params"}), "lacks params"),
        (lambda d: json.dumps({**d, "params": {"price": 1.0}}), "do not match the design"),
        (
            lambda d: json.dumps({**d, "params": {**d["params"], "price": "cheap"}}),
            "not a valid number",
        ),
        (lambda d: json.dumps({**d, "covariance": [[1.0]]}), "4×4"),
        (lambda d: json.dumps({**d, "design": {"numeric": 3}}), "malformed"),
        (lambda d: json.dumps({**d, "price": "colour"}), "not a numeric attribute"),
    ],
)
def test_bad_model_files_are_refused_clearly(
    fitted: ConditionalLogit, tmp_path: Path, mutate, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text(mutate(fitted.to_dict()), encoding="utf-8")
    with pytest.raises(DataValidationError, match=message):
        load_model(path)

"""Disconfirmation, SERVQUAL, importance–performance, key drivers and Kano: the
published rules worked by hand, oracles from independent computations, invariants,
and every refusal by its code."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction import disconfirmation, ipa, kano, key_drivers, load_items, servqual
from custvalue.satisfaction.drivers import relative_weights, shapley_r2
from custvalue.satisfaction.kano_model import kano_answer


def test_disconfirmation_outcomes_and_shares() -> None:
    frame = pl.DataFrame(
        {
            "attribute": ["speed", "speed", "speed", "price", "price"],
            "expectation": [5, 5, 6, 4, 4],
            "performance": [4, 5, 7, 4, 6],
            "wave": ["w1", "w1", "w2", "w1", "w2"],
        }
    )
    r = disconfirmation(frame)
    assert r.answers["gap"].to_list() == [-1, 0, 1, 0, 2]
    assert r.answers["outcome"].to_list() == [
        "dissatisfied", "satisfied", "highly_satisfied", "satisfied", "highly_satisfied"
    ]  # fmt: skip
    speed = r.attributes.filter(pl.col("attribute") == "speed").row(0, named=True)
    assert speed["n"] == 3 and speed["gap"] == pytest.approx(0)
    assert speed["share_dissatisfied"] == pytest.approx(1 / 3)
    assert r.overall["share_highly_satisfied"][0] == pytest.approx(2 / 5)
    tolerant = disconfirmation(frame, tolerance=1)
    assert tolerant.answers["outcome"].to_list()[:3] == ["satisfied"] * 3
    ratio = disconfirmation(frame, method="ratio")
    assert ratio.answers["gap"][0] == pytest.approx(0.8)
    by_wave = disconfirmation(frame, by=["wave"])
    assert by_wave.overall["wave"].to_list() == ["w1", "w2"]
    assert by_wave.overall["n"].to_list() == [3, 2]


def test_disconfirmation_refusals() -> None:
    with pytest.raises(DataValidationError) as columns:
        disconfirmation(pl.DataFrame({"attribute": ["a"], "expectation": [1]}))
    assert columns.value.code == "satisfaction.missing_columns"
    assert "performance" in columns.value.message("en")
    bad = pl.DataFrame({"attribute": ["a", "b"], "expectation": ["4", "x"], "performance": [4, 4]})
    with pytest.raises(DataValidationError) as number:
        disconfirmation(bad)
    assert number.value.code == "satisfaction.not_a_number"
    assert number.value.params["row"] == 2 and number.value.params["value"] == "x"
    zero = pl.DataFrame({"attribute": ["a"], "expectation": [0], "performance": [4]})
    with pytest.raises(DataValidationError) as ratio:
        disconfirmation(zero, method="ratio")
    assert ratio.value.code == "satisfaction.ratio_needs_positive"
    blank = pl.DataFrame({"attribute": ["a"], "expectation": [None], "performance": [4]})
    with pytest.raises(DataValidationError) as empty:
        disconfirmation(blank)
    assert empty.value.code == "satisfaction.no_answers"


def _servqual_answers() -> pl.DataFrame:
    """Two respondents answering all 22 items: r1 perceives one point below expectation
    everywhere, r2 one point above on reliability only (items 5–9)."""
    rows = []
    for item in range(1, 23):
        rows.append(("r1", item, 6, 5))
        rows.append(("r2", item, 5, 6 if 5 <= item <= 9 else 5))
    return pl.DataFrame(
        rows, schema=["respondent", "item", "expectation", "perception"], orient="row"
    )


def test_servqual_items_dimensions_and_weights() -> None:
    """The standard map of Parasuraman, Zeithaml & Berry (1988): tangibles 1–4,
    reliability 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22."""
    items = load_items()
    assert items.group_by("dimension").len().sort("dimension").rows() == [
        ("assurance", 4), ("empathy", 5), ("reliability", 5),
        ("responsiveness", 4), ("tangibles", 4),
    ]  # fmt: skip
    r = servqual(_servqual_answers(), weights={
        "tangibles": 10, "reliability": 30, "responsiveness": 20, "assurance": 20, "empathy": 20
    })  # fmt: skip
    gaps = dict(zip(r.dimensions["dimension"], r.dimensions["gap"], strict=True))
    assert gaps["reliability"] == pytest.approx(0.0)  # (−1 + 1) / 2
    assert gaps["tangibles"] == pytest.approx(-0.5)  # (−1 + 0) / 2
    assert r.unweighted == pytest.approx((-0.5 * 4 + 0) / 5)
    assert r.weighted == pytest.approx((10 * -0.5 + 30 * 0 + 60 * -0.5) / 100)
    assert r.items.height == 22 and r.items["n"].to_list() == [2] * 22
    assert list(r.dimensions["dimension"]) == [
        "tangibles", "reliability", "responsiveness", "assurance", "empathy"
    ]  # fmt: skip


def test_servqual_with_a_replaced_item_map(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text("项目,维度\n1,环境\n2,环境\n3,可靠\n", encoding="utf-8")
    mapping = load_items(path)
    answers = pl.DataFrame(
        {
            "respondent": ["a"] * 3,
            "item": [1, 2, 3],
            "expectation": [5, 5, 5],
            "perception": [4, 6, 7],
        }
    )
    r = servqual(answers, items=mapping)
    assert dict(r.dimensions.select("dimension", "gap").rows()) == {"环境": 0.0, "可靠": 2.0}
    twice = tmp_path / "twice.csv"
    twice.write_text("item,dimension\n1,a\n1,b\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_items(twice)
    assert caught.value.code == "satisfaction.items_twice" and caught.value.params["item"] == 1
    blank = tmp_path / "blank.csv"
    blank.write_text("item,dimension\n1,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as empty:
        load_items(blank)
    assert empty.value.code == "satisfaction.items_blank"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("question,group\n1,a\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as columns:
        load_items(wrong)
    assert columns.value.code == "satisfaction.items_columns"


def test_servqual_refusals() -> None:
    answers = _servqual_answers()
    with pytest.raises(DataValidationError) as item:
        servqual(answers.with_columns(pl.lit(23).alias("item")))
    assert item.value.code == "satisfaction.unknown_item"
    with pytest.raises(DataValidationError) as total:
        servqual(answers, weights=dict.fromkeys(
            ["tangibles", "reliability", "responsiveness", "assurance", "empathy"], 25
        ))  # fmt: skip
    assert total.value.code == "satisfaction.weights_sum"
    with pytest.raises(DataValidationError) as lacking:
        servqual(answers, weights={"tangibles": 100})
    assert lacking.value.code == "satisfaction.weight_missing"
    with pytest.raises(DataValidationError) as unknown:
        servqual(answers, weights={"price": 100})
    assert unknown.value.code == "satisfaction.unknown_dimension"
    with pytest.raises(DataValidationError) as none:
        servqual(answers.with_columns(pl.lit(None).alias("perception")))
    assert none.value.code == "satisfaction.no_answers"


def test_ipa_quadrants_by_the_scale_midpoint_and_by_the_data_means() -> None:
    frame = pl.DataFrame(
        {
            "attribute": ["delivery", "price", "packaging", "app"],
            "performance": [3.0, 6.0, 2.0, 6.5],
            "importance": [6.5, 6.0, 2.5, 3.0],
        }
    )
    scale = ipa(frame, cross="scale")
    assert scale.performance_line == 4 and scale.importance_line == 4
    assert dict(scale.attributes.select("attribute", "quadrant").rows()) == {
        "delivery": "concentrate_here", "price": "keep_up",
        "packaging": "low_priority", "app": "possible_overkill",
    }  # fmt: skip
    data = ipa(frame)  # the data means by default
    assert data.performance_line == pytest.approx(4.375)
    assert data.importance_line == pytest.approx(4.5)
    with pytest.raises(DataValidationError) as caught:
        ipa(frame, scale=(7, 1))
    assert caught.value.code == "satisfaction.bad_scale"
    with pytest.raises(DataValidationError) as empty:
        ipa(frame.with_columns(pl.lit(None).alias("importance")))
    assert empty.value.code == "satisfaction.no_answers"


def _survey(n: int = 300, seed: int = 3) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    quality = rng.normal(size=n)
    service = 0.5 * quality + rng.normal(size=n)
    price = rng.normal(size=n)
    noise = rng.normal(size=n)  # unrelated
    overall = 0.6 * quality + 0.3 * service + 0.25 * price + rng.normal(scale=0.8, size=n)
    return pl.DataFrame(
        {"quality": quality, "service": service, "price": price, "noise": noise, "overall": overall}
    )


def _r2(x: np.ndarray, y: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(y)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return float(1 - residual @ residual / ((y - y.mean()) ** 2).sum())


def test_relative_weights_sum_to_r2_and_agree_with_shapley_by_brute_force() -> None:
    frame = _survey()
    rw = key_drivers(frame, outcome="overall")
    names = ["quality", "service", "price", "noise"]
    x, y = frame.select(names).to_numpy(), frame["overall"].to_numpy()
    assert rw.r2 == pytest.approx(_r2(x, y))
    assert rw.drivers["weight"].sum() == pytest.approx(rw.r2)
    # Shapley by brute force over every order of the attributes, with real regressions
    shapley = dict.fromkeys(names, 0.0)
    orders = list(itertools.permutations(range(4)))
    for order in orders:
        before = 0.0
        for k in range(4):
            now = _r2(x[:, list(order[: k + 1])], y)
            shapley[names[order[k]]] += (now - before) / len(orders)
            before = now
    sh = key_drivers(frame, outcome="overall", method="shapley")
    got = dict(sh.drivers.select("attribute", "weight").rows())
    assert got == pytest.approx(shapley)
    relative = dict(rw.drivers.select("attribute", "weight").rows())
    assert max(abs(relative[a] - shapley[a]) for a in names) < 0.01  # Johnson's heuristic
    assert rw.drivers["attribute"][0] == "quality"
    assert rw.not_significant == ["noise"]


def test_ols_p_values_match_scipy_for_one_driver_pair() -> None:
    frame = _survey(80, seed=9).select("quality", "price", "overall")
    r = key_drivers(frame, outcome="overall")
    # with two predictors, compare with the t test of scipy's linregress on residualised data
    x = frame.select("quality", "price").to_numpy()
    y = frame["overall"].to_numpy()
    other = np.column_stack([np.ones(80), x[:, 1]])
    resid_x = x[:, 0] - other @ np.linalg.lstsq(other, x[:, 0], rcond=None)[0]
    resid_y = y - other @ np.linalg.lstsq(other, y, rcond=None)[0]
    slope = stats.linregress(resid_x, resid_y)
    t_fwl = slope.slope / (slope.stderr * math.sqrt(78 / 77))  # one more parameter: df 77
    row = r.drivers.filter(pl.col("attribute") == "quality").row(0, named=True)
    assert row["coefficient"] == pytest.approx(slope.slope)
    assert row["p_value"] == pytest.approx(2 * stats.t.sf(abs(t_fwl), 77))


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 6), st.integers(0, 10_000))
def test_relative_weights_and_shapley_are_nonnegative_and_sum_to_r2(p: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, p)) @ rng.normal(size=(p, p))
    y = x @ rng.normal(size=p) + rng.normal(size=60)
    full = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    rxx, rxy = full[:-1, :-1], full[:-1, -1]
    r2 = float(rxy @ np.linalg.solve(rxx, rxy))
    rw, sh = relative_weights(rxx, rxy), shapley_r2(rxx, rxy)
    assert (rw >= -1e-12).all() and rw.sum() == pytest.approx(r2)
    assert sh.sum() == pytest.approx(r2)


def test_orthogonal_drivers_get_their_squared_correlations() -> None:
    rxx = np.eye(3)
    rxy = np.array([0.5, 0.3, 0.1])
    assert relative_weights(rxx, rxy) == pytest.approx(rxy**2)
    assert shapley_r2(rxx, rxy) == pytest.approx(rxy**2)


def test_key_driver_refusals() -> None:
    frame = _survey(50)
    with pytest.raises(DataValidationError) as collinear:
        key_drivers(frame.with_columns((pl.col("quality") * 2).alias("twice")), outcome="overall")
    assert collinear.value.code == "satisfaction.collinear"
    with pytest.raises(DataValidationError) as few:
        key_drivers(frame.head(4), outcome="overall")
    assert few.value.code == "satisfaction.too_few_answers"
    with pytest.raises(DataValidationError) as one:
        key_drivers(frame, outcome="overall", attributes=["quality"])
    assert one.value.code == "satisfaction.too_few_drivers"
    with pytest.raises(DataValidationError) as constant:
        key_drivers(frame.with_columns(pl.lit(3.0).alias("price")), outcome="overall")
    assert constant.value.code == "satisfaction.constant_column"
    with pytest.raises(DataValidationError) as missing:
        key_drivers(frame, outcome="nps")
    assert missing.value.code == "satisfaction.missing_columns"
    wide = pl.DataFrame({f"a{i}": np.random.default_rng(i).normal(size=40) for i in range(17)})
    with pytest.raises(DataValidationError) as many:
        key_drivers(
            wide.with_columns(pl.col("a0").alias("y")).drop("a0"), outcome="y", method="shapley"
        )
    assert many.value.code == "satisfaction.shapley_too_many"


def test_kano_evaluation_table_and_bergers_coefficients() -> None:
    """Berger et al. (1993): the evaluation table and CS = (A+O)/(A+O+M+I),
    DS = −(O+M)/(A+O+M+I). 10 attractive, 5 one-dimensional, 3 must-be, 2 indifferent
    answers give CS 0.75 and DS −0.40."""
    pairs = [("like", "neutral")] * 10 + [("like", "dislike")] * 5
    pairs += [("neutral", "dislike")] * 3 + [("neutral", "neutral")] * 2
    pairs += [("like", "like")]  # questionable: left out of the coefficients
    frame = pl.DataFrame(
        {"feature": ["app"] * len(pairs), "functional": [p[0] for p in pairs],
         "dysfunctional": [p[1] for p in pairs]}
    )  # fmt: skip
    row = kano(frame).features.row(0, named=True)
    assert (row["A"], row["O"], row["M"], row["I"], row["R"], row["Q"]) == (10, 5, 3, 2, 0, 1)
    assert row["category"] == "A" and row["n"] == 21
    assert row["cs"] == pytest.approx(0.75) and row["ds"] == pytest.approx(-0.40)


@pytest.mark.parametrize(
    ("functional", "dysfunctional", "category"),
    [(1, 5, "O"), (1, 2, "A"), (2, 5, "M"), (3, 5, "M"), (4, 4, "I"), (5, 1, "R"),
     (5, 5, "Q"), (1, 1, "Q"), ("喜欢", "不喜欢", "O"), ("理所当然", "能忍受", "I")],
)  # fmt: skip
def test_kano_pairs(functional: object, dysfunctional: object, category: str) -> None:
    frame = pl.DataFrame(
        {"feature": ["f"], "functional": [str(functional)], "dysfunctional": [str(dysfunctional)]}
    )
    assert kano(frame).answers["category"][0] == category


def test_kano_ties_and_refusals() -> None:
    frame = pl.DataFrame(
        {"feature": ["f", "f"], "functional": ["1", "2"], "dysfunctional": ["3", "5"]}
    )
    assert kano(frame).features["category"][0] == "A/M"
    assert kano_answer(" ") is None and kano_answer("Must-be") == 2
    with pytest.raises(DataValidationError) as word:
        kano_answer("maybe")
    assert word.value.code == "satisfaction.bad_kano_answer"
    bad = pl.DataFrame(
        {"feature": ["f", "f"], "functional": ["1", "7"], "dysfunctional": ["3", "5"]}
    )
    with pytest.raises(DataValidationError) as row:
        kano(bad)
    assert row.value.code == "satisfaction.bad_kano_answer_at" and row.value.params["row"] == 2
    with pytest.raises(DataValidationError) as empty:
        kano(pl.DataFrame({"feature": ["f"], "functional": [None], "dysfunctional": ["1"]}))
    assert empty.value.code == "satisfaction.no_answers"


def test_results_are_json_ready() -> None:
    import json

    r = key_drivers(_survey(60), outcome="overall")
    document = r.to_dict()
    assert json.dumps(document) and document["drivers"][0]["attribute"] == "quality"
    assert json.dumps(servqual(_servqual_answers()).to_dict())

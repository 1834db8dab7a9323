"""The seed's television shop (SPEC §2.1 (b)): the shipped survey, the fit and the what-ifs."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import custvalue
from custvalue.choice import (
    Change,
    ConditionalLogit,
    deterministic_choice,
    read_choices,
    tv,
    what_if,
)
from custvalue.demo.choice import main as make_tv_survey

FOLDER = Path(custvalue.__file__).parent / "examples" / "choice"


@pytest.fixture(scope="module")
def model() -> ConditionalLogit:
    reference = {"品牌": "TCL", "门店": tv.HOME}
    table = read_choices(FOLDER / "tv_survey.csv", categorical=reference)
    return ConditionalLogit(
        attributes=list(table.numeric), categorical=table.categorical, price="价格"
    ).fit(table.rows)


def test_generator_reproduces_the_shipped_files(tmp_path: Path) -> None:
    make_tv_survey(tmp_path)
    for name in ("tv_survey.csv", "tv_shop.csv", "tv_stores.csv"):
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes()


def test_fit_recovers_the_true_weights(model: ConditionalLogit) -> None:
    assert model.n_situations_ == 3600
    for name, true in tv.TRUE_WEIGHTS.items():
        assert abs(model.params_[name] - true) < 3 * model.standard_errors_[name], name
    wtp = model.willingness_to_pay().filter(pl.col("parameter") == "保修年限")["wtp"][0]
    assert wtp == pytest.approx(0.35 / 0.0015, rel=0.1)  # about 233 元 per warranty year


def test_baseline_shares_and_rule(model: ConditionalLogit) -> None:
    model.alternative = "方案"
    try:
        shares = dict(model.shares(tv.baseline()).iter_rows())
        assert sum(shares.values()) == pytest.approx(1.0)
        assert max(shares, key=shares.__getitem__) == "长虹"
        assert shares["长虹"] > shares["TCL"] > shares["海尔"] > shares["SHARP"]
        rule = deterministic_choice(
            model.predict_proba(tv.baseline()), value="utility", alternative="方案", scale="utility"
        )
        assert rule["winner"][0] == "长虹" and rule["runner_up"][0] == "TCL"
        # the ratio of the two best utilities is the ratio of their logit shares
        assert rule["ratio"][0] == pytest.approx(shares["长虹"] / shares["TCL"])
    finally:
        model.alternative = "alternative"


def test_the_shop_is_the_seeds() -> None:
    shop = {r["品牌"]: r for r in tv.baseline().iter_rows(named=True)}
    assert {b: (r["价格"], r["保修年限"]) for b, r in shop.items()} == {
        "TCL": (2800, 5),
        "SHARP": (4400, 5),
        "海尔": (4000, 4),
        "长虹": (3000, 6),
    }
    stores = dict(tv.store_choice().select("门店", "价格").rows())
    assert stores == {"新街口苏宁": 4000, "浦口苏宁": 3700, "江宁苏宁": 4100}
    assert set(tv.store_choice()["品牌"]) == {"TCL"} and "新街口国美" in tv.STORES


def test_question_b_file_is_the_chain_choice() -> None:
    # tv_chains.csv is written from tv.chain_choice() (by custvalue/demo/choice.py)
    assert (FOLDER / "tv_chains.csv").read_text("utf-8") == tv.chain_choice().write_csv()
    b = tv.chain_choice()
    assert b.filter(pl.col("情境") == "B1")["价格"].to_list() == [3000, 3000]
    assert b.filter(pl.col("情境") == "B1")["保修年限"].to_list() == [6, 6]
    sharp = b.filter(pl.col("情境") == "B2").select("价格", "保修年限").rows()
    assert sharp == [(4000, 5), (3600, 4)]


def test_question_b_by_situation(model: ConditionalLogit) -> None:
    model.alternative = "方案"
    model.situation = "情境"
    try:
        proba = model.predict_proba(tv.chain_choice())
    finally:
        model.alternative = "alternative"
        model.situation = "situation"
    p = dict(proba.select("方案", "probability").rows())
    # B1 differs only by the store: 苏宁 is preferred (国美's weight is negative)
    assert p["TCL@新街口苏宁"] > 0.5 > p["TCL@新街口国美"]
    assert p["TCL@新街口苏宁"] + p["TCL@新街口国美"] == pytest.approx(1.0)
    # B2: 400 元 less is worth more than a warranty year and the store together
    assert p["SHARP@新街口国美"] > p["SHARP@新街口苏宁"]


def _true_utility(row: dict[str, object]) -> float:
    w = tv.TRUE_WEIGHTS
    value = sum(w[c] * float(row[c]) for c in ("价格", "保修年限", "导购评分"))  # type: ignore[arg-type]
    return value + w.get(f"品牌[{row['品牌']}]", 0.0) + w.get(f"门店[{row['门店']}]", 0.0)


@pytest.mark.parametrize("changes", tv.what_ifs())
def test_each_what_if_moves_the_changed_brand_the_right_way(
    model: ConditionalLogit, changes: tuple[str, ...]
) -> None:
    model.alternative = "方案"
    parsed = [Change.parse(c) for c in changes]
    try:
        result = what_if(model, tv.baseline(), parsed)
    finally:
        model.alternative = "alternative"
    table = {r["alternative"]: r for r in result.table.iter_rows(named=True)}
    brand = changes[0].split(":")[0]
    delta = table[brand]["change_share"]
    # the direction the true weights give: the fitted model must agree
    before = next(r for r in tv.baseline().iter_rows(named=True) if r["方案"] == brand)
    after = dict(before)
    for text in changes:
        rest = text.partition(":")[2]
        sign = next(op for op in ("+=", "-=", "=") if op in rest)
        name, _, amount = rest.partition(sign)
        if sign == "=":
            after[name] = amount if name == "门店" else float(amount)
        else:
            step = float(amount) if sign == "+=" else -float(amount)
            after[name] = float(after[name]) + step  # type: ignore[arg-type]
    better = _true_utility(after) > _true_utility(before)
    assert (delta > 0) if better else (delta < 0), (changes, delta)
    assert sum(r["after_share"] for r in table.values()) == pytest.approx(1.0)


def test_store_choice_prefers_the_cheaper_better_store(model: ConditionalLogit) -> None:
    model.alternative = "方案"
    try:
        shares = dict(model.shares(tv.store_choice()).iter_rows())
    finally:
        model.alternative = "alternative"
    assert shares["TCL@浦口苏宁"] > shares["TCL@新街口苏宁"] > shares["TCL@江宁苏宁"]

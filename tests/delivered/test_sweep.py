"""How the choice moves with the worth of a point: the seed's TV shop, worked by hand."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.delivered import example_path, market_choice, prepare, read_offerings, worth_sweep
from custvalue.exceptions import DataValidationError


@pytest.fixture(scope="module")
def tv() -> pl.DataFrame:
    return read_offerings(example_path("tv"))


def _winners(sweep: pl.DataFrame, segment: str, rule: str) -> list[object]:
    rows = sweep.filter((pl.col("segment") == segment) & (pl.col("rule") == rule))
    return rows["winner"].to_list()


def test_warranty_year_worth_moves_the_sharp_choice(tv: pl.DataFrame) -> None:
    # B2: 新街口苏宁 4,000 元 5 years, 新街口国美 3,600 元 4 years; at w 元 a year the
    # difference of delivered values is (5w − 4,055 + …) − (4w − 3,655 + …) = w − 400
    sweep = worth_sweep(tv, "保修年限", [100, 400, 500])
    assert sweep["worth"].unique(maintain_order=True).to_list() == [100.0, 400.0, 500.0]
    assert _winners(sweep, "B2 SHARP", "difference") == ["新街口国美", None, "新街口苏宁"]
    assert _winners(sweep, "B2 SHARP", "ratio") == ["新街口国美"] * 3
    tie = sweep.filter(
        (pl.col("segment") == "B2 SHARP") & (pl.col("worth") == 400) & (pl.col("rule") == "ratio")
    )
    assert tie["rules_disagree"].to_list() == [False]  # a tie is not a disagreement
    dearer = sweep.filter((pl.col("segment") == "B2 SHARP") & (pl.col("worth") == 500))
    assert dearer["rules_disagree"].all()
    # B1 and A do not depend on the warranty: every offering there has the same years
    assert _winners(sweep, "B1 TCL", "difference") == [None] * 3
    assert _winners(sweep, "A 三家苏宁", "difference") == ["浦口苏宁"] * 3


def test_an_hour_worth_160_ties_the_nearby_store(tv: pl.DataFrame) -> None:
    # A: 新街口 0.5 h against 浦口 2 h; D(新街口) − D(浦口) = −240 + 1.5 w
    sweep = worth_sweep(tv, "时间成本", [150, 160, 200])
    assert _winners(sweep, "A 三家苏宁", "difference") == ["浦口苏宁", None, "新街口苏宁"]


def test_the_sweep_matches_a_run_with_that_worth(tv: pl.DataFrame) -> None:
    sweep = worth_sweep(tv, "人员", [80])
    direct = market_choice(read_offerings(example_path("tv"), worth={"人员价值": 80}))
    assert (
        sweep.select("segment", "rule", "winner").rows()
        == direct.select("segment", "rule", "winner").rows()
    )


def test_bad_sweeps_are_refused(tv: pl.DataFrame) -> None:
    with pytest.raises(DataValidationError) as caught:
        worth_sweep(tv, "产品价值", [100])
    assert caught.value.code == "delivered.worth_unknown" and "保修年限" in caught.value.message()
    with pytest.raises(DataValidationError) as caught:
        worth_sweep(tv, "保修年限", [])
    assert caught.value.code == "delivered.sweep_empty"
    for bad in (0.0, -5.0, float("nan")):
        with pytest.raises(DataValidationError) as caught:
            worth_sweep(tv, "保修年限", [100, bad])
        assert caught.value.code in ("validation.number_range", "validation.not_a_number")
        assert caught.value.message("en").startswith("worths 保修年限: ")
    money_only = prepare(
        pl.DataFrame({"offering": ["A"], "component": ["product"], "amount": [1.0]})
    )
    with pytest.raises(DataValidationError):
        worth_sweep(money_only, "product", [1.0])

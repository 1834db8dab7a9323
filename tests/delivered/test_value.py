"""Delivered value, the choice and Anderson's test against numbers worked by hand."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.delivered import (
    compare,
    delivered_value,
    example_path,
    market_choice,
    read_offerings,
)

US, RIVAL = "宝丰钢铁", "联达钢铁"


@pytest.fixture(scope="module")
def coil() -> pl.DataFrame:
    return read_offerings(example_path("coil"))


def _row(frame: pl.DataFrame, **where: str) -> dict[str, object]:
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    assert frame.height == 1
    return frame.row(0, named=True)


def test_totals_of_the_coil_case(coil: pl.DataFrame) -> None:
    totals = delivered_value(coil)
    ours = _row(totals, segment="汽车零部件厂", offering=US)
    # value: 29,500 + 500 + 100 + 300 + 400 (relationship); cost: 28,800 + 50 + 30 + 20 + 100
    assert ours["total_value"] == 30_800
    assert ours["total_cost"] == 29_000
    assert ours["price"] == 28_800
    assert ours["non_price_cost"] == 200
    assert ours["delivered_value"] == 1_800
    assert ours["value_ratio"] == pytest.approx(30_800 / 29_000)
    # Ravald-Grönroos: episode 30,400 / 28,900, relationship +400 / +100
    assert ours["episode_benefits"] == 30_400
    assert ours["relationship_benefits"] == 400
    assert ours["episode_sacrifices"] == 28_900
    assert ours["relationship_sacrifices"] == 100
    assert ours["episode_value"] == pytest.approx((30_400 + 400) / (28_900 + 100))
    assert ours["episode_only"] == pytest.approx(30_400 / 28_900)
    theirs = _row(totals, segment="汽车零部件厂", offering=RIVAL)
    assert (theirs["total_value"], theirs["total_cost"]) == (29_800, 28_160)
    assert theirs["delivered_value"] == 1_640


def test_anderson_test_on_the_800_premium(coil: pl.DataFrame) -> None:
    row = _row(compare(coil, US).table, segment="汽车零部件厂")
    assert row["price_premium"] == 800  # 28,800 − 28,000
    # service 500−150, image 300−100, personnel 100−50, relationship 400: 1,000 more value
    assert row["extra_value"] == 1_000
    # the premium plus our extra non-price costs (200 − 160)
    assert row["value_needed"] == 840
    assert row["value_advantage"] == 960  # (30,800 − 200) − (29,800 − 160)
    assert row["anderson_pass"] is True
    assert row["max_price"] == 28_960
    assert row["winner_difference"] == US and row["gap"] == 160
    assert row["v1_v2_difference"] == pytest.approx(1_800 / 1_640)


def test_the_rules_can_disagree_and_say_so(coil: pl.DataFrame) -> None:
    row = _row(compare(coil, US).table, segment="小型加工厂")
    # ours 30,560 / 28,900 (D 1,660), theirs 29,800 / 28,160 (D 1,640)
    assert row["gap"] == 20 and row["winner_difference"] == US
    assert row["v1_v2_ratio"] == pytest.approx((30_560 / 28_900) / (29_800 / 28_160))
    assert row["winner_ratio"] == RIVAL
    assert row["rules_disagree"] is True
    choice = market_choice(coil).filter(pl.col("segment") == "小型加工厂")
    assert choice.sort("rule")["winner"].to_list() == [US, RIVAL]
    assert choice["rules_disagree"].all()


def test_market_choice_among_many_offerings() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "B", "B", "C", "C"],
            "component": ["product", "price", "product", "price", "product", "price"],
            "amount": [100.0, 80.0, 90.0, 60.0, 50.0, 20.0],
        }
    )
    # differences 20, 30, 30 (B first in the data wins the tie); ratios 1.25, 1.5, 2.5
    choice = market_choice(frame)
    by_rule = {r["rule"]: r for r in choice.iter_rows(named=True)}
    assert by_rule["difference"]["winner"] == "B" and by_rule["difference"]["tie"] is True
    assert by_rule["ratio"]["winner"] == "C"
    assert by_rule["ratio"]["v1_v2"] == pytest.approx(2.5 / 1.5)
    table = compare(frame, "A").table
    assert table["winner_difference"].to_list() == ["B", "C"]


def test_a_tie_has_no_winner() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "B", "B"],
            "component": ["product", "price", "product", "price"],
            "amount": [100.0, 80.0, 100.0, 80.0],
        }
    )
    row = compare(frame, "A").table.row(0, named=True)
    assert row["winner_difference"] is None and row["winner_ratio"] is None
    assert row["v1_v2_ratio"] == 1.0 and row["rules_disagree"] is False


def test_scores_are_converted_with_their_rate() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "A"],
            "component": ["形象价值", "产品价值", "货币成本"],
            "amount": [7.0, 100.0, 90.0],
            "unit": ["score", "money", "money"],
            "per_point": [10.0, None, None],
        }
    )
    row = delivered_value(frame).row(0, named=True)
    assert row["total_value"] == 170.0 and row["delivered_value"] == 80.0


def test_without_cost_the_ratio_is_missing_not_infinite() -> None:
    frame = pl.DataFrame({"offering": ["A"], "component": ["product"], "amount": [10.0]})
    row = delivered_value(frame).row(0, named=True)
    assert row["value_ratio"] is None and row["delivered_value"] == 10.0


def test_segments_without_us_are_reported() -> None:
    frame = pl.DataFrame(
        {
            "segment": ["s1", "s1", "s2"],
            "offering": ["A", "B", "B"],
            "component": ["product", "product", "product"],
            "amount": [1.0, 2.0, 3.0],
        }
    )
    result = compare(frame, "A")
    assert result.segments_without_us == ["s2"]
    assert result.table["segment"].to_list() == ["s1"]

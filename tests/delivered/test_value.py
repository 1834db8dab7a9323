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
from custvalue.delivered.components import SEED_ITEMS

US, RIVAL = "墙煌", "丽岛"
CUSTOMER = "常州长青"


@pytest.fixture(scope="module")
def coil() -> pl.DataFrame:
    return read_offerings(example_path("coil"))


def _row(frame: pl.DataFrame, **where: str) -> dict[str, object]:
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    assert frame.height == 1
    return frame.row(0, named=True)


def test_the_coil_file_is_the_seeds_case(coil: pl.DataFrame) -> None:
    assert set(coil["segment"]) == {CUSTOMER} and set(coil["offering"]) == {US, RIVAL}
    items = set(coil.filter(pl.col("offering") == US)["component"])
    assert set(SEED_ITEMS) <= items
    assert {"monetary", "time", "energy", "psychic"} <= items
    price = dict(coil.filter(pl.col("component") == "monetary").select("offering", "money").rows())
    assert price == {US: 28_800, RIVAL: 28_000}


def test_totals_of_the_coil_case(coil: pl.DataFrame) -> None:
    totals = delivered_value(coil)
    ours = _row(totals, segment=CUSTOMER, offering=US)
    # value: 29,000 + 300 + 200 + 350 + 250 (relationship) + 120 + 150; cost: 28,800 + 40 + 20 + 30
    assert ours["total_value"] == 30_370
    assert ours["total_cost"] == 28_890
    assert ours["price"] == 28_800
    assert ours["non_price_cost"] == 90
    assert ours["delivered_value"] == 1_480
    assert ours["value_ratio"] == pytest.approx(30_370 / 28_890)
    # Ravald-Grönroos: episode 30,120 / 28,890, relationship +250 / +0
    assert ours["episode_benefits"] == 30_120
    assert ours["relationship_benefits"] == 250
    assert ours["episode_sacrifices"] == 28_890
    assert ours["relationship_sacrifices"] == 0
    assert ours["episode_value"] == pytest.approx((30_120 + 250) / 28_890)
    assert ours["episode_only"] == pytest.approx(30_120 / 28_890)
    # functional: product + good service; social: brand, influence, the buyers' benefit;
    # emotional: years of good cooperation, the buyers' feelings
    parts = [ours[f"{g}_value"] for g in ("functional", "social", "emotional", "other")]
    assert parts == [29_350, 620, 400, 0] and sum(parts) == ours["total_value"]
    theirs = _row(totals, segment=CUSTOMER, offering=RIVAL)
    assert (theirs["total_value"], theirs["total_cost"]) == (29_390, 28_160)
    assert theirs["delivered_value"] == 1_230
    assert (theirs["functional_value"], theirs["social_value"]) == (29_150, 210)


def test_anderson_test_on_the_800_premium(coil: pl.DataFrame) -> None:
    row = _row(compare(coil, US).table, segment=CUSTOMER)
    assert row["price_premium"] == 800  # 28,800 − 28,000
    # the seed's six value items add 200 + 150 + 200 + 250 + 60 + 120 = 980 > 800
    items = coil.filter(pl.col("component").is_in(SEED_ITEMS))
    by_offering = dict(items.group_by("offering").agg(pl.col("money").sum()).rows())
    assert by_offering[US] - by_offering[RIVAL] == 980 > row["price_premium"]
    assert row["extra_value"] == 980
    # the premium less our lower non-price costs (90 against 160)
    assert row["value_needed"] == 730
    assert row["value_advantage"] == 1_050  # (30,370 − 90) − (29,390 − 160)
    assert row["anderson_pass"] is True
    # the highest price we can charge and still be chosen
    assert row["max_price"] == 29_050
    assert row["winner_difference"] == US and row["gap"] == 250
    assert row["winner_ratio"] == US and row["rules_disagree"] is False
    assert row["v1_v2_difference"] == pytest.approx(1_480 / 1_230)


def test_the_rules_can_disagree_and_say_so() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "B", "B"],
            "component": ["product", "price", "product", "price"],
            "amount": [100.0, 80.0, 50.0, 35.0],
        }
    )
    # A: D 20, R 1.25; B: D 15, R 1.43
    row = compare(frame, "A").table.row(0, named=True)
    assert row["winner_difference"] == "A" and row["winner_ratio"] == "B"
    assert row["rules_disagree"] is True
    choice = market_choice(frame)
    assert choice.sort("rule")["winner"].to_list() == ["A", "B"]
    assert choice["rules_disagree"].all()


def test_market_choice_among_many_offerings() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "B", "B", "C", "C"],
            "component": ["product", "price", "product", "price", "product", "price"],
            "amount": [100.0, 80.0, 90.0, 60.0, 50.0, 20.0],
        }
    )
    # differences 20, 30, 30 (B and C tie: nobody wins); ratios 1.25, 1.5, 2.5
    choice = market_choice(frame)
    by_rule = {r["rule"]: r for r in choice.iter_rows(named=True)}
    difference = by_rule["difference"]
    assert difference["winner"] is None and difference["tie"] is True
    assert difference["tied"] == "B = C" and difference["runner_up"] is None
    assert by_rule["ratio"]["winner"] == "C" and by_rule["ratio"]["tied"] is None
    assert by_rule["ratio"]["v1_v2"] == pytest.approx(2.5 / 1.5)
    # one rule has no winner: the rules do not disagree
    assert choice["rules_disagree"].to_list() == [False, False]
    table = compare(frame, "A").table
    assert table["winner_difference"].to_list() == ["B", "C"]


def test_a_tie_has_no_winner_in_both_tables() -> None:
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
    choice = market_choice(frame)
    assert choice["winner"].to_list() == [None, None]
    assert choice["tied"].to_list() == ["A = B", "A = B"]
    assert choice["rules_disagree"].to_list() == [False, False]


def test_a_tie_by_one_rule_only_is_not_a_disagreement() -> None:
    # D: A 20, B 20 (tie); R: A 1.25, B 1.33 (B)
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "B", "B"],
            "component": ["product", "price", "product", "price"],
            "amount": [100.0, 80.0, 80.0, 60.0],
        }
    )
    row = compare(frame, "A").table.row(0, named=True)
    choice = market_choice(frame)
    assert row["winner_difference"] is None and row["winner_ratio"] == "B"
    assert choice.sort("rule")["winner"].to_list() == [None, "B"]
    assert row["rules_disagree"] is False
    assert choice["rules_disagree"].to_list() == [False, False]


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

"""The segmentation results in words: the whale curve said in both languages, with the
loss-makers' total; the tier rule with the thresholds used."""

from __future__ import annotations

import math

import polars as pl
import pytest

from custvalue.segmentation import (
    loss_summary,
    pareto_sentences,
    pareto_summary,
    profitability_tiers,
    tier_conditions,
    tier_rule,
    tier_rule_line,
    tier_sentences,
    tier_summary,
)
from custvalue.segmentation.sentences import column_words


def frame(value: list[float], revenue: list[float] | None = None) -> pl.DataFrame:
    n = len(value)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "revenue": revenue if revenue is not None else [abs(v) for v in value],
            "realized_value": value,
        },
        schema={"customer_id": pl.String, "revenue": pl.Float64, "realized_value": pl.Float64},
    )


# five customers: the best brings 3,000 of a net 2,000; four lose 1,000 between them
WHALE = frame([3000.0, -100, -200, -300, -400], [9000.0, 100, 200, 300, 400])


def test_pareto_whale_in_english() -> None:
    lines = pareto_sentences(pareto_summary(WHALE), lang="en")
    assert lines[0] == (
        "The top 20% of customers (1) bring 3,000.00 元 of realized value: 150.0% of the net "
        "total of 2,000.00 元, more than all of it, because the 4 loss-making customers lose "
        "1,000.00 元 between them."
    )
    assert lines[1] == "They bring 90.0% of the revenue (9,000.00 of 10,000.00 元)."
    assert "150.0%" in lines[0] and "1,000.00" in lines[0]


def test_pareto_whale_in_chinese() -> None:
    lines = pareto_sentences(pareto_summary(WHALE), lang="zh")
    assert lines[0] == (
        "前 20% 的客户（1 位）带来既成价值 3,000.00 元，占净总额 2,000.00 元的 150.0%，"
        "超过了全部，因为 4 位亏损客户合计亏损 1,000.00 元。"
    )
    assert "超过了全部" in lines[0] and "亏损" in lines[0]
    assert lines[1].startswith("他们带来了 90.0% 的收入")


def test_pareto_plain_not_positive_and_empty() -> None:
    plain = pareto_sentences(pareto_summary(frame([80.0, 5, 5, 5, 5]), top=0.25), lang="en")
    assert plain[0] == (
        "The top 25% of customers (2) bring 85.0% of realized value (85.00 of 100.00 元)."
    )
    assert "more than all" not in plain[0]
    losing = pareto_sentences(pareto_summary(frame([10.0, -30])), lang="en")
    assert "-20.00 元" in losing[0] and "30.00 元" in losing[0] and "not defined" in losing[0]
    assert "无法计算占比" in pareto_sentences(pareto_summary(frame([10.0, -30])), lang="zh")[0]
    assert pareto_sentences(pareto_summary(frame([]))) == []
    no_revenue = pareto_summary(frame([1.0, 2.0]).drop("revenue"))
    assert len(pareto_sentences(no_revenue, lang="en")) == 1
    other = pareto_summary(
        frame([1.0, 2.0]).rename({"realized_value": "sustained_value"}), value="sustained_value"
    )
    assert "of sustained value" in pareto_sentences(other, lang="en")[0]


def test_tier_whale_sentences() -> None:
    summary = tier_summary(profitability_tiers(WHALE))
    losses = loss_summary(WHALE)
    [line] = tier_sentences(summary, losses, lang="en")
    assert line == (
        "The Platinum tier (1 of 5 customers) brings 3,000.00 元 of realized value: 150.0% of the "
        "net total of 2,000.00 元, more than all of it, because the 4 loss-making customers lose "
        "1,000.00 元 between them."
    )
    [zh] = tier_sentences(summary, losses, lang="zh")
    assert zh.startswith("白金层（5 位客户中的 1 位）带来既成价值 3,000.00 元")
    assert "超过了全部" in zh
    plain = frame([4.0, 3, 2, 1])
    assert tier_sentences(tier_summary(profitability_tiers(plain)), loss_summary(plain)) == []


def test_tier_conditions_show_the_thresholds_used() -> None:
    values = frame(
        [100.0, 80, 60, 40, 20, 10, 5, 0, -5, -10],
        [500.0, 400, 300, 200, 100, 50, 30, 250, 100, 1000],
    )
    rule = tier_rule(values)
    en = tier_conditions(rule, lang="en")
    assert en.columns == ["tier", "tier_label", "tier_condition"]
    assert en["tier_label"].to_list() == ["Platinum", "Gold", "Iron", "Lead"]
    platinum, gold, iron, lead = en["tier_condition"].to_list()
    assert platinum.startswith("realized value at least 80.00 元") and "20%" in platinum
    assert gold == "realized value at least 40.00 元 and below 80.00 元"
    assert iron == (
        "realized value above 0 and below 40.00 元, or a loss with revenue at least 200.00 元 "
        "(useful volume)"
    )
    assert lead == "realized value 0 or below, with revenue below 200.00 元"
    zh = tier_conditions(rule, lang="zh")
    assert zh["tier_label"].to_list() == ["白金", "黄金", "黑铁", "铅"]
    assert zh["tier_condition"][0].startswith("既成价值不低于 80.00 元")
    assert "收入不低于 200.00 元" in zh["tier_condition"][2]
    line = tier_rule_line(rule, lang="en")
    assert line.startswith("Tier rule — Platinum: realized value at least 80.00 元")
    assert "Lead: realized value 0 or below" in line
    assert tier_rule_line(rule, lang="zh").startswith("分层规则——白金：既成价值不低于 80.00 元")


def test_tier_conditions_edge_cases() -> None:
    nobody = tier_conditions(tier_rule(frame([-1.0, -2.0])), lang="en")["tier_condition"]
    assert nobody[0].startswith("nobody") and nobody[1].startswith("nobody")
    assert nobody[3] == "realized value 0 or below"  # no volume threshold: every loss is lead
    every = tier_conditions(tier_rule(frame([5.0, -1.0]), iron_revenue=math.inf), lang="en")
    assert every["tier_condition"][3] == "realized value 0 or below"
    empty_gold = tier_conditions(tier_rule(frame([5.0, 1.0]), platinum_profit=0.5), lang="en")
    assert empty_gold["tier_condition"][1].startswith("nobody")
    bands = tier_conditions(tier_rule(frame([4.0, 3, 2, 1]), rule="bands"), lang="en")
    assert bands["tier_condition"][0].startswith("realized value at least 4.00 元")
    assert "ties at the cut stay in the higher tier" in bands["tier_condition"][0]
    assert bands["tier_condition"][3] == "the other customers"
    few = tier_conditions(tier_rule(frame([1.0]), rule="bands"), lang="zh")["tier_condition"]
    assert few[0].startswith("无") and few[3] == "其余客户"


@pytest.mark.parametrize(
    ("column", "lang", "words"),
    [
        ("realized_value", "en", "realized value"),
        ("realized_value", "zh", "既成价值"),
        ("margin", "en", "margin"),
        ("no_such_column", "en", "no_such_column"),
    ],
)
def test_column_words(column: str, lang: str, words: str) -> None:
    assert column_words(column, lang) == words

"""Profitability tiers (the customer pyramid): the profit-and-volume rule by default, the
percentile bands as an option; ties never split; thresholds; bad arguments; properties."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.i18n import set_lang
from custvalue.segmentation import (
    TIER_NAMES,
    TierRule,
    apply_tier_rule,
    profitability_tiers,
    tier_rule,
    tier_summary,
)

_ORDER = {key: i for i, key in enumerate(TIER_NAMES)}  # 0 = platinum (best)


def frame(value: list[float], revenue: list[float] | None = None) -> pl.DataFrame:
    n = len(value)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "name": [f"n{i}" for i in range(n)],
            "revenue": revenue if revenue is not None else [abs(v) * 2 for v in value],
            "realized_value": value,
        },
        schema={
            "customer_id": pl.String,
            "name": pl.String,
            "revenue": pl.Float64,
            "realized_value": pl.Float64,
        },
    )


def tiers_of(tiered: pl.DataFrame) -> dict[str, str]:
    return dict(zip(tiered["customer_id"], tiered["tier"], strict=True))


# -- the profit-and-volume rule (default) ------------------------------------------------


def test_profit_rule_by_hand() -> None:
    profit = [100.0, 80, 60, 40, 20, 10, 5, 0, -5, -10]
    revenue = [500.0, 400, 300, 200, 100, 50, 30, 250, 100, 1000]
    values = frame(profit, revenue)
    rule = tier_rule(values)
    # 7 profitable customers: platinum = top ceil(0.2 * 7) = 2, gold down to ceil(0.5 * 7) = 4
    assert (rule.rule, rule.platinum_profit, rule.gold_profit) == ("profit", 80.0, 40.0)
    assert rule.iron_revenue == 200.0  # median revenue of the profitable customers
    tiered = profitability_tiers(values)
    assert tiered.columns == [*values.columns, "tier", "tier_label", "rank"]
    # profit 0 with revenue 250 >= 200 and a loss of 10 with revenue 1,000: useful volume
    # (iron); a loss of 5 with revenue 100: unprofitable, low volume (lead)
    assert tiered["tier"].to_list() == ["platinum"] * 2 + ["gold"] * 2 + ["iron"] * 4 + [
        "lead",
        "iron",
    ]
    assert tiers_of(tiered) == {
        "C000": "platinum",
        "C001": "platinum",
        "C002": "gold",
        "C003": "gold",
        "C004": "iron",
        "C005": "iron",
        "C006": "iron",
        "C007": "iron",
        "C008": "lead",
        "C009": "iron",
    }
    assert tiered["rank"].to_list() == list(range(1, 11))
    assert rule.as_dict() == {
        "rule": "profit",
        "value": "realized_value",
        "volume": "revenue",
        "platinum_share": 0.2,
        "gold_share": 0.3,
        "platinum_profit": 80.0,
        "gold_profit": 40.0,
        "iron_revenue": 200.0,
    }


def test_the_12800_example_puts_no_profitable_customer_in_lead() -> None:
    # A, R1..R4 of SPEC §1.3: realized value = revenue (no cost but A's)
    values = frame([4700.0, 2750, 2250, 1550, 1550], [5950.0, 2750, 2250, 1550, 1550])
    tiered = profitability_tiers(values)
    assert tiers_of(tiered) == {
        "C000": "platinum",
        "C001": "gold",
        "C002": "gold",
        "C003": "iron",
        "C004": "iron",
    }
    assert tiered["rank"].to_list() == [1, 2, 3, 4, 4]  # R3 and R4 share a rank and a tier
    summary = tier_summary(tiered)
    assert summary["customers"].to_list() == [1, 2, 2, 0]


def test_explicit_thresholds() -> None:
    values = frame([100.0, 50, 10, -1, -2], [1000.0, 500, 100, 90, 10])
    tiered = profitability_tiers(values, platinum_profit=60, gold_profit=10, iron_revenue=50)
    assert tiered["tier"].to_list() == ["platinum", "gold", "gold", "iron", "lead"]
    rule = tier_rule(values, platinum_profit=60, gold_profit=10, iron_revenue=50)
    assert (rule.platinum_profit, rule.gold_profit, rule.iron_revenue) == (60.0, 10.0, 50.0)
    # iron_revenue=inf: every loss-maker is lead, whatever its volume
    every = profitability_tiers(values, iron_revenue=math.inf)
    assert every["tier"].to_list()[-2:] == ["lead", "lead"]
    assert tier_rule(values, iron_revenue=math.inf).as_dict()["iron_revenue"] is None
    # a platinum threshold below the data-driven gold one empties gold
    low = tier_rule(values, platinum_profit=5)
    assert low.gold_profit == 5.0
    assert "gold" not in profitability_tiers(values, platinum_profit=5)["tier"].to_list()


def test_shares_set_the_default_thresholds() -> None:
    values = frame([float(x) for x in range(1, 11)])
    rule = tier_rule(values, platinum_share=0.1, gold_share=0.4)
    assert (rule.platinum_profit, rule.gold_profit) == (10.0, 6.0)
    tiered = profitability_tiers(values, platinum_share=0.1, gold_share=0.0)
    assert tiered["tier"].to_list() == ["platinum"] + ["iron"] * 9


def test_no_profitable_customer_and_no_volume() -> None:
    losses = frame([-1.0, -2.0, 0.0], [100.0, 10.0, 5.0])
    rule = tier_rule(losses)
    assert (rule.platinum_profit, rule.gold_profit, rule.iron_revenue) == (None, None, None)
    assert set(profitability_tiers(losses)["tier"]) == {"lead"}
    # sorted by profit: 0 (revenue 5), -1 (revenue 100), -2 (revenue 10)
    assert profitability_tiers(losses, iron_revenue=50)["tier"].to_list() == [
        "lead",
        "iron",
        "lead",
    ]
    no_revenue = frame([5.0, -1.0]).drop("revenue")
    assert tier_rule(no_revenue).volume is None
    assert profitability_tiers(no_revenue)["tier"].to_list() == ["platinum", "lead"]
    assert tier_rule(frame([5.0, -1.0]), volume=None).iron_revenue is None
    with pytest.raises(DataValidationError) as info:
        tier_rule(no_revenue, iron_revenue=10)  # a volume threshold needs the column
    assert info.value.code == "validation.missing_columns"


def test_summary_by_hand() -> None:
    values = frame([float(x) for x in range(10, 0, -1)], revenue=[10.0] * 10)
    summary = tier_summary(profitability_tiers(values, rule="bands"))
    assert summary.columns == [
        "tier",
        "tier_label",
        "customers",
        "customer_share",
        "value_sum",
        "value_share",
        "revenue_sum",
        "revenue_share",
        "value_mean",
        "value_min",
        "value_max",
    ]
    assert summary["tier"].to_list() == list(TIER_NAMES)
    assert summary["customers"].to_list() == [2, 3, 3, 2]
    assert summary["customer_share"].to_list() == pytest.approx([0.2, 0.3, 0.3, 0.2])
    assert summary["value_sum"].to_list() == [19.0, 21.0, 12.0, 3.0]
    assert summary["value_share"].to_list() == pytest.approx([19 / 55, 21 / 55, 12 / 55, 3 / 55])
    assert summary["revenue_sum"].to_list() == [20.0, 30.0, 30.0, 20.0]
    assert summary["revenue_share"].to_list() == pytest.approx([0.2, 0.3, 0.3, 0.2])
    assert summary["value_mean"].to_list() == [9.5, 7.0, 4.0, 1.5]
    assert summary["value_min"].to_list() == [9.0, 6.0, 3.0, 1.0]
    assert summary["value_max"].to_list() == [10.0, 8.0, 5.0, 2.0]


# -- percentile bands (an option) --------------------------------------------------------


def test_bands_by_hand() -> None:
    values = frame([float(x) for x in range(1, 11)])  # C009 is the most valuable
    tiered = profitability_tiers(values, rule="bands")
    assert tiered["customer_id"].to_list()[:3] == ["C009", "C008", "C007"]
    assert tiered["rank"].to_list() == list(range(1, 11))
    assert tiered["tier"].to_list() == ["platinum"] * 2 + ["gold"] * 3 + ["iron"] * 3 + ["lead"] * 2
    assert tiered["tier_label"].unique(maintain_order=True).to_list() == [
        "Platinum",
        "Gold",
        "Iron",
        "Lead",
    ]
    rule = tier_rule(values, rule="bands")
    assert rule.minimums == (9.0, 6.0, 3.0)
    assert rule.as_dict()["minimums"] == {"platinum": 9.0, "gold": 6.0, "iron": 3.0}


def test_rounding_is_half_up_on_cumulative_percentages() -> None:
    # n = 5: cuts at 1 (20 % of 5), round(2.5) = 3, 4, 5
    tiered = profitability_tiers(frame([5.0, 4, 3, 2, 1]), rule="bands")
    assert tiered["tier"].to_list() == ["platinum", "gold", "gold", "iron", "lead"]
    # n = 1: the only customer is at 50 % of the way down
    assert profitability_tiers(frame([1.0]), rule="bands")["tier"].to_list() == ["gold"]


def test_a_tie_at_a_cut_goes_into_the_higher_band() -> None:
    values = frame([1.0] * 5)[[3, 1, 4, 0, 2]]
    tiered = profitability_tiers(values, rule="bands", bands=(40, 60))
    assert tiered["customer_id"].to_list() == ["C000", "C001", "C002", "C003", "C004"]
    assert tiered["tier"].to_list() == ["tier_1"] * 5
    assert tiered["rank"].to_list() == [1] * 5
    assert tiered["tier_label"].to_list()[0] == "Tier 1"
    mixed = profitability_tiers(frame([5.0, 3, 3, 3, 1]), rule="bands", bands=(20, 20, 60))
    assert mixed["tier"].to_list() == ["tier_1", "tier_2", "tier_2", "tier_2", "tier_3"]
    assert mixed["rank"].to_list() == [1, 2, 2, 2, 5]


def test_other_band_counts_and_columns() -> None:
    values = frame([float(x) for x in range(10, 0, -1)]).with_columns(
        pl.Series("sustained_value", [float(x) for x in range(10)])
    )
    tiered = profitability_tiers(values, value="sustained_value", rule="bands", bands=[10, 40, 50])
    assert tiered["tier"].to_list() == ["tier_1"] + ["tier_2"] * 4 + ["tier_3"] * 5
    assert tiered["customer_id"][0] == "C009"
    summary = tier_summary(tiered, value="sustained_value")
    assert summary["tier"].to_list() == ["tier_1", "tier_2", "tier_3"]
    assert summary["value_sum"].to_list() == [9.0, 26.0, 10.0]
    six = profitability_tiers(values, rule="bands", bands=np.array([10, 10, 20, 20, 20, 20]))
    assert six["tier"].n_unique() == 6
    small = (10, 10, 20, 20, 20, 20)
    lonely = tier_summary(profitability_tiers(frame([1.0]), rule="bands", bands=small))
    assert lonely["tier"].to_list() == ["tier_1", "tier_2", "tier_3", "tier_4"]  # 60 % down
    assert lonely["customers"].to_list() == [0, 0, 0, 1]
    again = profitability_tiers(tiered, rule="bands", bands=(50, 50))  # re-tiering replaces
    assert again.columns == tiered.columns
    assert again["tier"].to_list() == ["tier_1"] * 5 + ["tier_2"] * 5


def test_summary_edge_cases() -> None:
    one = tier_summary(profitability_tiers(frame([3.0]), rule="bands"))
    assert one["tier"].to_list() == list(TIER_NAMES)  # empty tiers are listed
    assert one["customers"].to_list() == [0, 1, 0, 0]
    assert one["value_sum"].to_list() == [0.0, 3.0, 0.0, 0.0]
    assert one["value_mean"].null_count() == 3
    assert one["tier_label"].to_list() == ["Platinum", "Gold", "Iron", "Lead"]
    losses = tier_summary(profitability_tiers(frame([-1.0, -2.0, 1.0])))
    assert losses["value_share"].null_count() == 4  # net total not positive
    assert losses["revenue_share"].null_count() == 0
    no_revenue = tier_summary(profitability_tiers(frame([1.0, 2.0]).drop("revenue")))
    assert no_revenue["revenue_sum"].null_count() == 4
    empty = tier_summary(profitability_tiers(frame([])))
    assert empty["customers"].sum() == 0
    assert tier_rule(frame([]), rule="bands").minimums == (None, None, None)


def test_labels_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    set_lang(None)
    tiered = profitability_tiers(frame([4.0, 3, 2, 1]), rule="bands")
    assert tiered["tier_label"].to_list() == ["白金", "黄金", "黑铁", "铅"]
    assert tier_summary(tiered)["tier_label"].to_list() == ["白金", "黄金", "黑铁", "铅"]
    assert profitability_tiers(frame([-1.0]))["tier_label"].to_list() == ["铅"]
    two = profitability_tiers(frame([1.0, 2.0]), rule="bands", bands=(50, 50))
    assert two["tier_label"][0] == "第 1 层"


# -- bad arguments -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "bands",
    [
        (50, 40),
        (0, 100),
        (-20, 120),
        (20, 30, 30, 20, 0),
        (100,),
        (10,) * 7 + (30,),
        (20.0, 30, 30, 20),
        (True, 99),
        "20,30,30,20",
        20,
        None,
    ],
)
def test_bad_bands(bands: object) -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(frame([1.0]), rule="bands", bands=bands)  # type: ignore[arg-type]
    assert info.value.code == "segment.bad_bands"
    assert "20,30,30,20" in str(info.value)  # the message shows how to fix it
    assert info.value.message("zh") != str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "code", "named"),
    [
        ({"rule": "percentile"}, "validation.choice", "percentile"),
        ({"platinum_profit": 0}, "validation.number_range", "platinum_profit > 0"),
        ({"platinum_profit": -5.0}, "validation.number_range", "-5.0"),
        ({"gold_profit": math.nan}, "validation.not_a_number", "gold_profit: nan"),
        ({"gold_profit": math.inf}, "validation.not_a_number", "gold_profit: inf"),
        ({"gold_profit": "100"}, "validation.not_a_number", "gold_profit: '100'"),
        ({"iron_revenue": True}, "validation.not_a_number", "iron_revenue: True"),
        ({"iron_revenue": -1}, "validation.number_range", "iron_revenue > 0"),
        ({"platinum_share": 0}, "segment.bad_share", "platinum_share=0"),
        ({"gold_share": 0.9}, "validation.number_range", "gold_share ≤ 0.8"),
        ({"gold_share": -0.1}, "validation.number_range", "0 ≤ gold_share"),
        ({"platinum_profit": 10, "gold_profit": 20}, "segment.gold_above_platinum", "20.00 元"),
    ],
)
def test_bad_rule_arguments(kwargs: dict[str, object], code: str, named: str) -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(frame([1.0, 2.0]), **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code
    assert named in str(info.value)
    assert info.value.message("zh") != str(info.value)


def test_bad_value_columns() -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(frame([1.0]), value="margin")
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError, match="'name'") as info:
        profitability_tiers(frame([1.0]), value="name")
    assert info.value.code == "segment.not_numeric"
    with pytest.raises(DataValidationError, match="'name'") as info:
        profitability_tiers(frame([1.0]), volume="name")
    assert info.value.code == "segment.not_numeric"
    holes = frame([1.0, 2.0]).with_columns(pl.Series("realized_value", [1.0, None]))
    with pytest.raises(DataValidationError, match="C001") as info:
        profitability_tiers(holes)
    assert info.value.code == "segment.missing_values"
    gaps = frame([1.0, 2.0]).with_columns(pl.Series("revenue", [None, 1.0]))
    with pytest.raises(DataValidationError, match="C000") as info:
        profitability_tiers(gaps)
    assert info.value.code == "segment.missing_values"
    with pytest.raises(DataValidationError) as info:
        tier_summary(frame([1.0]))
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError) as info:
        tier_summary(profitability_tiers(frame([1.0])), value="name")
    assert info.value.code == "segment.not_numeric"
    with pytest.raises(DataValidationError) as info:
        apply_tier_rule(frame([1.0]), {"rule": "profit"})  # type: ignore[arg-type]
    assert info.value.code == "segment.bad_rule"


# -- properties --------------------------------------------------------------------------

# few distinct amounts, so that ties are frequent
_amount = st.integers(-40, 40).map(lambda c: c * 25.0)
_volume = st.integers(0, 8).map(lambda c: c * 100.0)
_customers = st.lists(st.tuples(_amount, _volume), max_size=60)


@given(_customers, st.integers(0, 2**32 - 1))
def test_profit_rule_properties(rows: list[tuple[float, float]], seed: int) -> None:
    values = frame([p for p, _ in rows], [v for _, v in rows])
    rule = tier_rule(values)
    tiered = profitability_tiers(values)
    assert tiered.height == len(rows) and tiered["customer_id"].n_unique() == len(rows)
    found = list(tiered.select("realized_value", "revenue", "tier").iter_rows())
    by_values: dict[tuple[float, float], str] = {}
    for profit, volume, tier in found:
        # equal values share a tier
        assert by_values.setdefault((profit, volume), tier) == tier
        # no profitable customer is lead; a loss-maker is lead unless its volume is useful
        if profit > 0:
            assert tier != "lead"
        else:
            useful = rule.iron_revenue is not None and volume >= rule.iron_revenue
            assert tier == ("iron" if useful else "lead")
        # the thresholds shown are the ones used
        if rule.platinum_profit is not None:
            assert (tier == "platinum") == (profit >= rule.platinum_profit)
    # monotone: more profit at no less volume never gives a lower tier
    for p1, v1, t1 in found:
        for p2, v2, t2 in found:
            if p1 >= p2 and v1 >= v2:
                assert _ORDER[t1] <= _ORDER[t2]
    # among the profitable customers the tier follows the profit alone
    profitable = tiered.filter(pl.col("realized_value") > 0)
    assert pl.Series([_ORDER[t] for t in profitable["tier"]]).is_sorted()
    shuffled = values.sample(fraction=1.0, shuffle=True, seed=seed)
    assert profitability_tiers(shuffled).equals(tiered)


_amounts = st.lists(st.integers(-20, 20).map(lambda c: c / 4), max_size=120)
_bands = st.sampled_from(
    [(20, 30, 30, 20), (25, 25, 25, 25), (10, 90), (1, 2, 3, 94), (10, 10, 20, 20, 20, 20)]
)


@given(_amounts, _bands, st.integers(0, 2**32 - 1))
def test_bands_properties(amounts: list[float], bands: tuple[int, ...], seed: int) -> None:
    values = frame(amounts)
    tiered = profitability_tiers(values, rule="bands", bands=bands)
    n = len(amounts)
    assert tiered.height == n and tiered["customer_id"].n_unique() == n  # one tier each
    assert tiered["realized_value"].is_sorted(descending=True)
    keys = list(TIER_NAMES) if len(bands) == 4 else [f"tier_{i}" for i in range(1, len(bands) + 1)]
    index = [keys.index(k) for k in tiered["tier"]]
    assert pl.Series(index).is_sorted()  # monotone in value
    value_list = tiered["realized_value"].to_list()
    for i in range(1, n):  # equal values share a tier and a rank
        if value_list[i] == value_list[i - 1]:
            assert index[i] == index[i - 1]
            assert tiered["rank"][i] == tiered["rank"][i - 1]
    ranks = tiered["rank"].to_list()
    assert ranks == [1 + sum(v > x for v in value_list) for x in value_list]
    running = 0
    for i, band in enumerate(bands[:-1]):  # the cut customer and those above it are in
        running += band  # this band or higher; ties at the cut go up
        cut = (n * running + 50) // 100
        assert all(b <= i for b in index[:cut])
        assert sum(b <= i for b in index) >= cut
    shuffled = values.sample(fraction=1.0, shuffle=True, seed=seed)
    assert profitability_tiers(shuffled, rule="bands", bands=bands).equals(tiered)
    summary = tier_summary(tiered)
    assert summary["customers"].sum() == n
    assert summary["value_sum"].sum() == pytest.approx(sum(amounts), abs=1e-6)


def test_tier_rule_is_a_frozen_record() -> None:
    rule = tier_rule(frame([1.0, 2.0]))
    assert isinstance(rule, TierRule)
    with pytest.raises(AttributeError):
        rule.platinum_profit = 5.0  # type: ignore[misc]
    assert apply_tier_rule(frame([1.0, 2.0]), rule).equals(profitability_tiers(frame([1.0, 2.0])))


def test_a_rule_comes_back_from_its_dict() -> None:
    values = frame([100.0, 50, 10, -1], [1000.0, 500, 100, 90])
    for rule in (tier_rule(values), tier_rule(values, rule="bands", bands=(40, 60))):
        again = TierRule.from_dict(rule.as_dict())
        assert again == rule and TierRule.from_dict(rule) is rule
        assert apply_tier_rule(values, again).equals(apply_tier_rule(values, rule))
    for bad in ({"rule": "nosuch"}, None, {"rule": "bands", "bands": [1, 2]}):
        with pytest.raises(DataValidationError) as info:
            TierRule.from_dict(bad)  # type: ignore[arg-type]
        assert info.value.code in ("segment.bad_rule", "segment.bad_bands")

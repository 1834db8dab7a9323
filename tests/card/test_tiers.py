"""Member tiers from the card ledger: growth value, upgrades, refunds, the yearly review."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.card import (
    DEFAULT_TIERS,
    CardPolicy,
    Movement,
    Tier,
    TierPolicy,
    Tiers,
    current_tier,
    recharge,
    refund,
    replay,
    spend,
    tier_history,
)
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.card.test_properties import _run, policies


class Card:
    def __init__(self) -> None:
        self.state = replay([], card_id="M1")
        self.movements: list[Movement] = []

    def recharge(self, cents: int, at: datetime) -> None:
        self._post(recharge(self.state, cents, at))

    def spend(self, cents: int, at: datetime, ref: str, **kw: Any) -> None:
        self._post(spend(self.state, cents, at, "rooms", ref, from_stored=cents, **kw))

    def refund(self, ref: str, at: datetime) -> None:
        self._post(refund(self.state, ref, at))

    def _post(self, posting: Any) -> None:
        self.movements.extend(posting.movements)
        self.state = posting.state


def _steps(history: list[Any]) -> list[tuple[str, str, int]]:
    return [(h.tier, h.reason, h.growth) for h in history]


def test_upgrades_at_once_and_refunds_downgrade_at_once() -> None:
    card = Card()
    card.recharge(10_000_000, datetime(2024, 1, 1, 9))
    card.spend(49_999, datetime(2024, 1, 2), "A")  # 499.99 元 → growth 499: standard
    card.spend(1, datetime(2024, 1, 3), "B")  # 50 000 cents → 500: silver
    card.spend(150_000, datetime(2024, 1, 4), "C")  # 200 000 cents → 2 000: gold
    card.refund("C", datetime(2024, 1, 5))  # back to 500 < 2 000: silver at once
    card.refund("B", datetime(2024, 1, 6))  # 49 999 cents → 499 < 500: standard
    card.spend(600_001, datetime(2024, 1, 7), "D")  # 650 000 → 6 500: platinum, skipping gold
    assert _steps(tier_history(card.movements)) == [
        ("standard", "joined", 0),
        ("silver", "upgrade", 500),
        ("gold", "upgrade", 2_000),
        ("silver", "refund", 500),
        ("standard", "refund", 499),
        ("platinum", "upgrade", 6_500),
    ]
    assert current_tier(card.movements).key == "platinum"
    assert current_tier(card.movements, as_of=date(2024, 1, 4)).key == "gold"
    assert current_tier([]) is DEFAULT_TIERS.tiers[0]
    assert json.dumps([h.to_dict() for h in tier_history(card.movements)])


def test_the_part_paid_with_points_grows_nothing_and_the_bonus_counts() -> None:
    card = Card()
    card.recharge(100_000, datetime(2024, 1, 1, 9))
    card.spend(60_000, datetime(2024, 1, 1, 12), "R")  # 600 元 and 3 000 points
    # 100 元 bill, 30 元 of it with points: 7 000 cents of money → growth 600 + 70 = 670
    card._post(
        spend(
            card.state,
            10_000,
            datetime(2024, 1, 2),
            "bar",
            "F",
            from_stored=7_000,
            points_used=3_000,
        )
    )
    assert tier_history(card.movements)[-1].growth == 600
    assert tier_history(card.movements, as_of=date(2024, 1, 2))[-1].growth == 600
    assert current_tier(card.movements).key == "silver"
    assert [h.growth for h in tier_history(card.movements)] == [0, 600]
    # the registration bonus of 100 counts from the first movement
    bonus = TierPolicy(registration_bonus=100)
    small = Card()
    small.recharge(40_000, datetime(2024, 1, 1, 9))
    small.spend(40_000, datetime(2024, 1, 2), "A")  # 400 + 100 = 500: silver
    assert _steps(tier_history(small.movements, policy=bonus)) == [
        ("standard", "joined", 100),
        ("silver", "upgrade", 500),
    ]
    # a growth unit of 10 元: 40 000 cents → 40
    assert tier_history(small.movements, policy=TierPolicy(cents_per_growth=1_000))[-1].growth == 0


def _reviewed() -> Card:
    card = Card()
    card.recharge(1_000_000, datetime(2023, 3, 1, 10))  # registration: reviews every 1 March
    card.spend(60_000, datetime(2023, 5, 1), "A")  # 600: silver
    card.spend(10_000, datetime(2024, 6, 1), "B")  # 700
    card.spend(45_000, datetime(2025, 4, 1), "C")
    return card


def test_the_yearly_review_keeps_or_lowers_the_tier_and_resets_growth() -> None:
    card = _reviewed()
    review = TierPolicy(yearly_review=True)
    # 2024-03-01: 600 grown since 2023-03-01 ≥ silver's 500: kept
    # 2025-03-01: 100 grown since 2024-03-01 < 500: standard, growth reset to 0
    # 2025-04-01: 0 + 450 = 450 < 500: still standard (without the reset: 1 150, silver)
    assert [
        (h.at, h.tier, h.reason, h.growth) for h in tier_history(card.movements, policy=review)
    ] == [
        (datetime(2023, 3, 1, 10), "standard", "joined", 0),
        (datetime(2023, 5, 1), "silver", "upgrade", 600),
        (datetime(2024, 3, 1), "silver", "kept", 600),
        (datetime(2025, 3, 1), "standard", "review", 0),
    ]
    assert current_tier(card.movements, policy=review).key == "standard"
    assert current_tier(card.movements, policy=review, as_of=date(2025, 2, 28)).key == "silver"
    assert current_tier(card.movements).key == "silver"  # no review: lifetime growth 1 150
    # reviews run through as_of, after the last movement too
    later = tier_history(card.movements[:2], policy=review, as_of=date(2024, 3, 1))
    assert _steps(later)[-1] == ("silver", "kept", 600)
    # with a keep threshold (保级) of 50, the 100 grown in the second year keeps silver
    easy = Tiers.from_mapping(
        {"standard": {"threshold": 0}, "silver": {"threshold": 500, "keep": 50}}
    )
    kept = tier_history(card.movements, easy, review)
    assert [(h.tier, h.reason) for h in kept[2:4]] == [("silver", "kept"), ("silver", "kept")]
    assert len(kept) == 4  # 2025-04-01: 700 + 450 = 1 150, silver is the top tier: no change


def test_the_review_lowers_to_the_tier_the_year_keeps() -> None:
    card = Card()
    card.recharge(10_000_000, datetime(2023, 1, 10, 9))
    card.spend(250_000, datetime(2023, 2, 1), "A")  # 2 500: gold
    card.spend(60_000, datetime(2024, 2, 1), "B")  # 3 100
    tiers = Tiers.from_mapping(
        {
            "gold": {"threshold": 2_000, "keep": 1_000, "name": "金卡"},
            "silver": {"threshold": 500, "keep": 300},
            "standard": {"threshold": 0},
        }
    )
    yearly = TierPolicy(yearly_review=True)
    steps = _steps(tier_history(card.movements, tiers, yearly, as_of=date(2025, 1, 10)))
    # 2024-01-10: 2 500 in the year ≥ 1 000: kept; 2025-01-10: 600 < 1 000 but ≥ silver's
    # 300: silver, growth reset to silver's 500
    assert steps == [
        ("standard", "joined", 0),
        ("gold", "upgrade", 2_500),
        ("gold", "kept", 2_500),
        ("silver", "review", 500),
    ]
    # a refund after the reset drops below silver's 500 at once: 500 − 600 = −100
    card.refund("B", datetime(2025, 2, 1))
    steps = _steps(tier_history(card.movements, tiers, TierPolicy(yearly_review=True)))
    assert steps[-1] == ("standard", "refund", -100)


def test_a_card_opened_on_29_february_is_reviewed_on_28_february() -> None:
    card = Card()
    card.recharge(100_000, datetime(2024, 2, 29, 10))
    card.spend(60_000, datetime(2024, 3, 1), "A")
    history = tier_history(
        card.movements, policy=TierPolicy(yearly_review=True), as_of=date(2025, 3, 1)
    )
    assert (history[-1].at, history[-1].reason) == (datetime(2025, 2, 28), "kept")


def test_default_tiers_member_price_and_settings() -> None:
    assert [(t.key, t.name, t.threshold) for t in DEFAULT_TIERS.tiers] == [
        ("standard", "普通会员", 0),
        ("silver", "银卡", 500),
        ("gold", "金卡", 2_000),
        ("platinum", "白金卡", 5_000),
        ("diamond", "钻石卡", 10_000),
    ]
    assert [t.discount for t in DEFAULT_TIERS.tiers] == [
        Decimal(x) for x in ("0", "0.02", "0.05", "0.08", "0.10")
    ]
    gold = DEFAULT_TIERS.get("gold")
    # 123.45 元 × 0.95 = 117.2775 元 → 11 727.75 cents → 11 728
    assert gold.member_price(12_345) == 11_728
    assert DEFAULT_TIERS.for_growth(9_999).key == "platinum"
    assert DEFAULT_TIERS.for_growth(-5).key == "standard"
    assert gold.to_dict() == {
        "key": "gold",
        "name": "金卡",
        "name_en": "Gold",
        "threshold": 2_000,
        "discount": "0.05",
        "earn_multiplier": "1.25",
        "keep": 2_000,
    }
    assert json.dumps(DEFAULT_TIERS.to_dict())
    # the tier's multiplier goes into spend; 5 % × 2 (diamond) × 1 cent = 10 % ≤ 100 %
    state = replay([], CardPolicy(), card_id="M1")
    state = recharge(state, 10_000, datetime(2024, 1, 1)).state
    diamond = DEFAULT_TIERS.get("diamond")
    posting = spend(
        state,
        10_000,
        datetime(2024, 1, 2),
        "rooms",
        "R",
        from_stored=10_000,
        earn_multiplier=diamond.earn_multiplier,
    )
    assert posting.movements[-1].points == 1_000  # 10 000 × 0.05 × 2
    assert TierPolicy(registration_bonus=100).to_dict() == {
        "cents_per_growth": 100,
        "registration_bonus": 100,
        "yearly_review": False,
    }


@pytest.mark.parametrize(
    "mapping, code",
    [
        ({}, "card.tiers_empty"),
        ({"silver": {"threshold": 500}}, "card.tier_thresholds"),
        ({"standard": {"threshold": 0}, "silver": {"threshold": 0}}, "card.tier_thresholds"),
        ({"standard": {"threshold": 0}, "silver": 500}, "card.tier_not_mapping"),
        ({"standard": {"threshold": 0}, "silver": {"discount": "0.02"}}, "card.tier_no_threshold"),
        ({"standard": {"threshold": 0, "colour": "grey"}}, "card.unknown_setting"),
        ({"standard": {"threshold": 0, "discount": 1}}, "card.bad_rate"),
        ({"standard": {"threshold": 0, "earn_multiplier": "0"}}, "card.bad_rate"),
        ({"standard": {"threshold": -1}}, "validation.number_range"),
        ({"standard": {"threshold": 0, "keep": 2.5}}, "validation.not_whole"),
        ({"": {"threshold": 0}}, "card.tier_duplicate"),
    ],
)
def test_bad_tiers_are_refused(mapping: dict[str, Any], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        Tiers.from_mapping(mapping)
    assert err.value.code == code


def test_tier_lookups_and_policies_are_checked() -> None:
    with pytest.raises(NotFoundError) as err:
        DEFAULT_TIERS.get("bronze")
    assert err.value.code == "card.unknown_tier"
    with pytest.raises(DataValidationError) as err:
        Tiers((Tier("a", 0), Tier("a", 10)))
    assert err.value.code == "card.tier_duplicate"
    with pytest.raises(DataValidationError) as err:
        TierPolicy(cents_per_growth=0)
    assert err.value.code == "validation.number_range"
    backwards = [
        Movement(2, "M1", datetime(2024, 1, 2), "recharge", stored_cents=1),
        Movement(1, "M1", datetime(2024, 1, 1), "recharge", stored_cents=1),
    ]
    with pytest.raises(DataValidationError) as err:
        tier_history(backwards)
    assert err.value.code == "card.out_of_order"


@settings(max_examples=40, deadline=None)
@given(data=st.data(), policy=policies(), bonus=st.sampled_from([0, 100]))
def test_without_review_the_tier_is_that_of_the_net_money_paid(
    data: st.DataObject, policy: CardPolicy, bonus: int
) -> None:
    movements, state = _run(data, policy)
    rule = TierPolicy(registration_bonus=bonus)
    history = tier_history(movements, policy=rule)
    net = sum(r.paid_cents for r in state.spends if not r.refunded)
    growth = (bonus * 100 + net) // 100
    assert current_tier(movements, policy=rule) == DEFAULT_TIERS.for_growth(growth)
    for before, after in zip(history, history[1:], strict=False):
        assert before.at <= after.at and before.tier != after.tier

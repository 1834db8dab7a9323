"""The referral programme, rule by rule, on hand-made claims and orders."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.referral import (
    RewardRules,
    credit_referrals,
    reason_label,
    state_label,
)
from tests.referral.helpers import at, claims, orders

RULES = RewardRules(referrer_reward=500, min_order_cents=5000, freeze_days=30)
NO_ORDERS = orders()


def decided(result: object) -> dict[tuple[str, str], str | None]:
    frame = result.claims  # type: ignore[attr-defined]
    return {
        (r["referee_id"], r["referrer_id"]): r["reason"] or r["status"]
        for r in frame.iter_rows(named=True)
    }


# -- who is credited ---------------------------------------------------------------------------


def test_the_first_bound_wins() -> None:
    result = credit_referrals(
        claims(("B", "X", at(1, 2), "code"), ("B", "A", at(1, 1), "link")), NO_ORDERS, RULES
    )
    assert decided(result) == {("B", "A"): "credited", ("B", "X"): "already_credited"}
    assert result.credits.select("referee_id", "referrer_id", "state").rows() == [
        ("B", "A", "awaiting_order")
    ]
    # claims come back in the order given
    assert result.claims["referrer_id"].to_list() == ["X", "A"]


def test_ties_go_code_then_link_then_import_then_other_sources_then_referrer() -> None:
    same = at(1, 1, 9)
    result = credit_referrals(
        claims(
            ("B", "A", same, "import"),
            ("B", "Z", same, "link"),
            ("B", "Y", same, "code"),
            ("C", "A", same, "wechat"),
            ("C", "Q", same, "import"),
            ("D", "N", same, "link"),
            ("D", "M", same, "link"),
        ),
        NO_ORDERS,
        RULES,
    )
    assert decided(result) == {
        ("B", "Y"): "credited",
        ("B", "Z"): "already_credited",
        ("B", "A"): "already_credited",
        ("C", "Q"): "credited",
        ("C", "A"): "already_credited",
        ("D", "M"): "credited",
        ("D", "N"): "already_credited",
    }


def test_self_referral_is_refused_and_the_next_claim_can_win() -> None:
    result = credit_referrals(
        claims(("B", "B", at(1, 1), "code"), ("B", "A", at(1, 3), "link")), NO_ORDERS, RULES
    )
    assert decided(result) == {("B", "B"): "self_referral", ("B", "A"): "credited"}


def test_the_same_referrer_twice_is_a_duplicate() -> None:
    result = credit_referrals(
        claims(("B", "A", at(1, 1), "code"), ("B", "A", at(1, 5), "import")), NO_ORDERS, RULES
    )
    assert result.claims["reason"].to_list() == [None, "duplicate"]


def test_a_customer_who_ordered_before_binding_is_not_new() -> None:
    bought = orders(("o1", "B", at(1, 2), 9000), ("o2", "C", at(1, 3, 10), 9000))
    result = credit_referrals(
        claims(("B", "A", at(1, 3), "code"), ("C", "A", at(1, 3, 10), "code")), bought, RULES
    )
    # B ordered a day before; C's order is at the very instant of binding: after it
    assert decided(result) == {("B", "A"): "ordered_before_binding", ("C", "A"): "credited"}
    assert result.rewards["referee_id"].to_list() == ["C"]


def test_reasons_and_states_have_words_in_both_languages() -> None:
    assert reason_label("self_referral", "zh") == "自己推荐自己"
    assert reason_label("ordered_before_binding", "en").startswith("had ordered before")
    assert state_label("clawed_back", "zh") == "已追回（订单退款）"
    assert state_label("awaiting_order", "en") == "awaiting a first valid order"


# -- the reward: pending → earned → clawed back -------------------------------------------------

BOUND = claims(("B", "A", at(1, 1), "code"))


def test_pending_inside_the_window_earned_when_it_passes() -> None:
    sold = orders(("o1", "B", at(1, 10), 12000))
    release = at(2, 9)  # 10 January + 30 days
    pending = credit_referrals(BOUND, sold, RULES, as_of=release - timedelta(minutes=1))
    row = pending.rewards.row(0, named=True)
    assert (row["state"], row["release_at"], row["earned_at"]) == ("pending", release, None)
    assert pending.events.height == 0
    earned = credit_referrals(BOUND, sold, RULES, as_of=release)
    row = earned.rewards.row(0, named=True)
    assert (row["state"], row["earned_at"], row["amount"]) == ("earned", release, 500)
    assert earned.events.select("event_id", "action", "at", "beneficiary_id", "amount").rows() == [
        ("o1/referrer/pay", "pay", release, "A", 500)
    ]
    assert earned.credits["state"].to_list() == ["earned"]


def test_a_refund_inside_the_window_means_no_reward_and_the_next_order_counts() -> None:
    sold = orders(
        ("o1", "B", at(1, 10), 12000),
        ("r1", "B", at(1, 15), -12000, "o1"),
        ("o2", "B", at(1, 20), 8000),
    )
    result = credit_referrals(BOUND, sold, RULES, as_of=at(3, 1))
    assert result.rewards.select("order_id", "state", "earned_at").rows() == [
        ("o2", "earned", at(2, 19))
    ]
    assert result.events["amount"].to_list() == [500]
    # before o2 the referee is still waiting for a valid order
    early = credit_referrals(BOUND, sold, RULES, as_of=at(1, 16))
    assert early.credits["state"].to_list() == ["awaiting_order"]
    assert early.rewards.height == 0


def test_a_refund_after_the_window_claws_back_and_a_later_order_does_not_re_earn() -> None:
    sold = orders(
        ("o1", "B", at(1, 10), 12000),
        ("r1", "B", at(3, 1), 12000, "o1"),  # a refund given as a positive amount
        ("o2", "B", at(3, 5), 20000),
    )
    result = credit_referrals(BOUND, sold, RULES, as_of=at(5, 1))
    row = result.rewards.row(0, named=True)
    assert result.rewards.height == 1
    assert (row["state"], row["earned_at"], row["clawed_back_at"], row["void_refund_id"]) == (
        "clawed_back",
        at(2, 9),
        at(3, 1),
        "r1",
    )
    assert result.events.select("action", "at", "amount").rows() == [
        ("pay", at(2, 9), 500),
        ("claw_back", at(3, 1), -500),
    ]
    assert result.credits.select("state", "order_id", "rounds").rows() == [("clawed_back", "o1", 1)]


def test_with_reearn_the_first_valid_order_after_the_clawback_earns_again() -> None:
    rules = RewardRules(referrer_reward=500, min_order_cents=5000, freeze_days=30, reearn=True)
    sold = orders(
        ("o1", "B", at(1, 10), 12000),
        ("o2", "B", at(2, 20), 9000),  # placed while o1's reward stood: not a new round
        ("r1", "B", at(3, 1), -12000, "o1"),
        ("o3", "B", at(3, 5), 20000),
    )
    result = credit_referrals(BOUND, sold, rules, as_of=at(5, 1))
    assert result.rewards.select("round", "order_id", "state").rows() == [
        (1, "o1", "clawed_back"),
        (2, "o3", "earned"),
    ]
    assert result.events["amount"].sum() == 500
    assert result.credits.select("state", "order_id", "rounds").rows() == [("earned", "o3", 2)]


def test_an_order_below_the_minimum_does_not_qualify() -> None:
    sold = orders(("o1", "B", at(1, 10), 4999), ("o2", "B", at(1, 12), 5000))
    result = credit_referrals(BOUND, sold, RULES, as_of=at(3, 1))
    assert result.rewards["order_id"].to_list() == ["o2"]


def test_a_partial_refund_voids_only_below_the_minimum() -> None:
    sold = orders(
        ("o1", "B", at(1, 10), 10000),
        ("r1", "B", at(1, 12), -3000, "o1"),  # net 7000 ≥ 5000: stands
        ("r2", "B", at(3, 1), -2500, "o1"),  # net 4500 < 5000: voided, after the window
    )
    result = credit_referrals(BOUND, sold, RULES, as_of=at(2, 20))
    assert result.rewards["state"].to_list() == ["earned"]
    later = credit_referrals(BOUND, sold, RULES, as_of=at(3, 2))
    assert later.rewards.select("state", "void_refund_id").rows() == [("clawed_back", "r2")]


def test_without_a_minimum_only_a_full_refund_voids() -> None:
    rules = RewardRules(referrer_reward=500, freeze_days=0)
    sold = orders(
        ("o1", "B", at(1, 10), 10000),
        ("r1", "B", at(1, 12), -9999, "o1"),
        ("o2", "C", at(1, 10), 10000),
        ("r2", "C", at(1, 12), -10000, "o2"),
        ("o3", "D", at(1, 10), 0),
    )
    bound = claims(
        ("B", "A", at(1, 1), "code"), ("C", "A", at(1, 1), "code"), ("D", "A", at(1, 1), "code")
    )
    result = credit_referrals(bound, sold, rules, as_of=at(2, 1))
    assert result.rewards.select("referee_id", "state").sort("referee_id").rows() == [
        ("B", "earned"),
        ("C", "clawed_back"),
    ]
    assert result.credits.filter(pl.col("referee_id") == "D")["state"].to_list() == [
        "awaiting_order"
    ]


def test_the_referee_reward_follows_the_same_states_and_is_paid_to_the_referee() -> None:
    rules = RewardRules(referrer_reward=500, referee_reward=2000, kind="cash", freeze_days=7)
    sold = orders(("o1", "B", at(1, 10), 12000), ("r1", "B", at(2, 1), -12000, "o1"))
    result = credit_referrals(BOUND, sold, rules, as_of=at(3, 1))
    assert result.rewards.select(
        "reward_id", "beneficiary_id", "kind", "amount", "state"
    ).rows() == [
        ("o1/referrer", "A", "cash", 500, "clawed_back"),
        ("o1/referee", "B", "cash", 2000, "clawed_back"),
    ]
    assert result.events.select("event_id", "at", "amount").rows() == [
        ("o1/referee/pay", at(1, 17), 2000),
        ("o1/referrer/pay", at(1, 17), 500),
        ("o1/referee/claw_back", at(2, 1), -2000),
        ("o1/referrer/claw_back", at(2, 1), -500),
    ]


# -- the monthly cap -----------------------------------------------------------------------------


def test_the_monthly_cap_counts_rewards_in_order_and_keeps_clawed_back_ones() -> None:
    rules = RewardRules(referrer_reward=500, referee_reward=100, freeze_days=10, monthly_cap=2)
    bound = claims(*[(r, "A", at(2, 1), "code") for r in ("B", "C", "D", "E", "F", "G")])
    sold = orders(
        ("o1", "B", at(3, 1), 9000),
        ("r1", "B", at(3, 30), -9000, "o1"),  # after the window: clawed back, keeps its place
        ("o2", "C", at(3, 2), 9000),
        ("r2", "C", at(3, 3), -9000, "o2"),  # inside the window: never valid, no place
        ("o3", "D", at(3, 5), 9000),
        ("o4", "E", at(3, 6), 9000),  # the third in March: capped
        ("o5", "F", at(4, 2), 9000),  # April: a new month
        ("o6", "G", at(3, 6), 9000),  # same instant as o4: o4 before o6 by order id
    )
    result = credit_referrals(bound, sold, rules, as_of=at(5, 1))
    mine = result.rewards.filter(pl.col("role") == "referrer")
    assert mine.select("order_id", "month", "state", "amount").rows() == [
        ("o1", "2026-03", "clawed_back", 500),
        ("o3", "2026-03", "earned", 500),
        ("o4", "2026-03", "capped", 0),
        ("o6", "2026-03", "capped", 0),
        ("o5", "2026-04", "earned", 500),
    ]
    theirs = result.rewards.filter(pl.col("role") == "referee")
    assert theirs["state"].to_list() == ["clawed_back", "earned", "earned", "earned", "earned"]
    paid_to_a = result.events.filter(pl.col("beneficiary_id") == "A")["amount"].to_list()
    assert paid_to_a == [500, 500, -500, 500]
    assert result.credits.filter(pl.col("referee_id") == "E")["state"].to_list() == ["capped"]
    board = result.leaderboard.select(
        "month",
        "referrer_id",
        "bound",
        "conversions",
        "earned",
        "clawed_back",
        "capped",
        "amount_earned",
    )
    assert board.rows() == [
        ("2026-02", "A", 6, 0, 0, 0, 0, 0),
        ("2026-03", "A", 0, 3, 1, 1, 2, 500),
        ("2026-04", "A", 0, 1, 1, 0, 0, 500),
    ]


def test_the_leaderboard_ranks_by_conversions_then_bound() -> None:
    bound = claims(
        ("B", "A", at(1, 1), "code"),
        ("C", "A", at(1, 2), "code"),
        ("D", "X", at(1, 3), "code"),
        ("E", "X", at(1, 4), "code"),
        ("F", "X", at(1, 5), "code"),
        ("G", "Y", at(1, 6), "code"),
        ("H", "Z", at(1, 7), "code"),
    )
    sold = orders(
        ("o1", "B", at(1, 10), 9000),
        ("o2", "C", at(1, 11), 9000),
        ("o3", "D", at(1, 12), 9000),
        ("o4", "G", at(1, 13), 9000),
        ("o5", "H", at(1, 14), 9000),
    )
    result = credit_referrals(bound, sold, RULES, as_of=at(1, 31))
    assert result.leaderboard.select("rank", "referrer_id", "bound", "conversions").rows() == [
        (1, "A", 2, 2),
        (2, "X", 3, 1),
        (3, "Y", 1, 1),
        (3, "Z", 1, 1),
    ]
    assert result.leaderboard["pending"].to_list() == [2, 1, 1, 1]


# -- what is known at as_of ----------------------------------------------------------------------


def test_only_what_is_known_at_as_of_counts_and_the_default_is_the_latest_time() -> None:
    bound = claims(("B", "A", at(1, 1), "code"), ("C", "A", at(3, 1), "code"))
    sold = orders(("o1", "B", at(1, 10), 9000), ("r1", "B", at(2, 20), -9000, "o1"))
    early = credit_referrals(bound, sold, RULES, as_of=date(2026, 2, 15))
    assert early.as_of == at(2, 15)
    assert early.claims["referee_id"].to_list() == ["B"]
    assert early.rewards["state"].to_list() == ["earned"]
    latest = credit_referrals(bound, sold, RULES)
    assert latest.as_of == at(3, 1)
    assert latest.rewards["state"].to_list() == ["clawed_back"]


def test_zoned_times_are_read_in_utc() -> None:
    zoned = claims(("B", "A", at(1, 1, 8), "code")).with_columns(
        pl.col("bound_at").dt.replace_time_zone("Asia/Shanghai")
    )
    sold = orders(("o1", "B", at(1, 1, 1), 9000))  # 01:00 UTC = 09:00 in Shanghai
    result = credit_referrals(zoned, sold, RULES, as_of=datetime(2026, 3, 1))
    assert result.claims["bound_at"].to_list() == [at(1, 1, 0)]
    assert result.claims["status"].to_list() == ["credited"]


def test_the_result_is_json_ready() -> None:
    sold = orders(("o1", "B", at(1, 10), 9000))
    out = credit_referrals(BOUND, sold, RULES, as_of=at(3, 1)).to_dict()
    text = json.dumps(out)
    assert '"earned_at": "2026-02-09T00:00:00"' in text
    assert out["rules"]["freeze_days"] == 30
    assert out["as_of"] == "2026-03-01T00:00:00"
    assert out["events"][0]["event_id"] == "o1/referrer/pay"


# -- refusals: bad data and bad rules ------------------------------------------------------------


def test_missing_columns_and_empty_values_are_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        credit_referrals(BOUND.drop("source"), NO_ORDERS, RULES)
    assert err.value.code == "validation.missing_columns"
    blank = claims(("B", "A", at(1, 1), "code"), ("C", None, at(1, 2), "code"))  # type: ignore[arg-type]
    with pytest.raises(DataValidationError) as err:
        credit_referrals(blank, NO_ORDERS, RULES)
    assert err.value.code == "referral.missing_value"
    assert err.value.params == {"frame": "claims", "column": "referrer_id", "row": 2}


def test_times_must_be_dates_and_money_whole_cents() -> None:
    text = BOUND.with_columns(pl.col("bound_at").dt.strftime("%Y-%m-%d"))
    with pytest.raises(DataValidationError) as err:
        credit_referrals(text, NO_ORDERS, RULES)
    assert err.value.code == "referral.not_a_time"
    assert "bound_at" in str(err.value)
    floats = orders(("o1", "B", at(1, 10), 9000)).with_columns(pl.col("amount_cents") / 100)
    with pytest.raises(DataValidationError) as err:
        credit_referrals(BOUND, floats, RULES)
    assert err.value.code == "referral.not_cents"


def test_refunds_must_name_an_order_and_order_ids_be_unique() -> None:
    stray = orders(("o1", "B", at(1, 10), 9000), ("r1", "B", at(1, 12), -9000, "o9"))
    with pytest.raises(DataValidationError) as err:
        credit_referrals(BOUND, stray, RULES)
    assert err.value.code == "referral.unknown_refund"
    assert err.value.params == {"order_id": "r1", "refund_of": "o9"}
    twice = orders(("o1", "B", at(1, 10), 9000), ("o1", "B", at(1, 12), 9000))
    with pytest.raises(DataValidationError) as err:
        credit_referrals(BOUND, twice, RULES)
    assert err.value.code == "validation.not_unique"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"kind": "coupons"}, "validation.choice"),
        ({"referrer_reward": -1}, "validation.number_range"),
        ({"referee_reward": 2.5}, "validation.not_whole"),
        ({"min_order_cents": "50"}, "validation.not_a_number"),
        ({"freeze_days": -3}, "validation.number_range"),
        ({"monthly_cap": 0}, "validation.number_range"),
        ({"reearn": "yes"}, "validation.choice"),
    ],
)
def test_bad_rules_are_refused(options: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        RewardRules(**{"referrer_reward": 500, **options})  # type: ignore[arg-type]
    assert err.value.code == code


def test_rules_must_be_reward_rules() -> None:
    with pytest.raises(DataValidationError) as err:
        credit_referrals(BOUND, NO_ORDERS, {"referrer_reward": 500})  # type: ignore[arg-type]
    assert err.value.code == "validation.choice"
    assert "RewardRules" in str(err.value)


def test_empty_frames_give_empty_results() -> None:
    result = credit_referrals(claims(), NO_ORDERS, RULES)
    assert result.claims.height == result.rewards.height == result.events.height == 0
    assert result.leaderboard.height == 0
    assert result.as_of == datetime(1970, 1, 1)

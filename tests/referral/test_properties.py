"""Invariants of the programme and the plan on generated data."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.referral import Goal, RewardRules, credit_referrals, plan_progress
from tests.referral.helpers import at, claims, customers, orders

PEOPLE = ["A", "B", "C", "D", "E", "F"]
START = at(1, 1)

claim_rows = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from(PEOPLE),
        st.integers(0, 60),
        st.sampled_from(["code", "link", "import", "wechat"]),
    ),
    max_size=12,
)
order_rows = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.integers(0, 120),
        st.integers(0, 20000),
        st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20000)), max_size=2),
    ),
    max_size=12,
)
rules = st.builds(
    RewardRules,
    referrer_reward=st.integers(0, 1000),
    referee_reward=st.integers(0, 1000),
    min_order_cents=st.integers(0, 10000),
    freeze_days=st.integers(0, 40),
    monthly_cap=st.none() | st.integers(1, 3),
    reearn=st.booleans(),
)


def build(
    claim_data: list[tuple[str, str, int, str]],
    order_data: list[tuple[str, int, int, list[tuple[int, int]]]],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    bound = claims(*[(a, b, START + timedelta(days=d), s) for a, b, d, s in claim_data])
    rows: list[tuple[str, str, object, int] | tuple[str, str, object, int, str]] = []
    for n, (who, day, amount, refunds) in enumerate(order_data):
        placed = START + timedelta(days=day)
        rows.append((f"o{n}", who, placed, amount))
        for k, (later, back) in enumerate(refunds):
            rows.append((f"r{n}.{k}", who, placed + timedelta(days=later), -back, f"o{n}"))
    return bound, orders(*rows)  # type: ignore[arg-type]


@settings(max_examples=80)
@given(claim_rows, order_rows, rules, st.integers(0, 200))
def test_programme_invariants(
    claim_data: list[tuple[str, str, int, str]],
    order_data: list[tuple[str, int, int, list[tuple[int, int]]]],
    rule: RewardRules,
    days: int,
) -> None:
    bound, sold = build(claim_data, order_data)
    result = credit_referrals(bound, sold, rule, as_of=START + timedelta(days=days))
    credited = result.claims.filter(pl.col("status") == "credited")
    # one credited referrer per referee at most, never the referee themselves
    assert credited["referee_id"].is_unique().all()
    assert (credited["referee_id"] != credited["referrer_id"]).all()
    assert result.credits.height == credited.height
    # every refusal has a reason, no credited claim has one
    assert result.claims.filter(pl.col("status") == "refused")["reason"].null_count() == 0
    assert credited["reason"].null_count() == credited.height
    # a credited referee had not ordered before binding
    known = sold.filter(pl.col("refund_of").is_null() & (pl.col("ordered_at") <= result.as_of))
    for row in credited.iter_rows(named=True):
        mine = known.filter(pl.col("customer_id") == row["referee_id"])
        assert (mine["ordered_at"] >= row["bound_at"]).all()
    # total earned − clawed back ≥ 0 for every beneficiary at every moment, and per reward
    # the net is the amount (standing) or nothing (clawed back)
    # (events come in time order, a payment before a clawback of the same instant)
    for who in result.events["beneficiary_id"].unique():
        mine = result.events.filter(pl.col("beneficiary_id") == who)
        assert (mine["amount"].cum_sum() >= 0).all()
    for reward in result.rewards.iter_rows(named=True):
        paid = result.events.filter(pl.col("reward_id") == reward["reward_id"])
        net = int(paid["amount"].sum())
        expected = reward["amount"] if reward["state"] == "earned" else 0
        assert net == expected
        if reward["state"] == "clawed_back" and reward["amount"] > 0:
            assert paid["action"].to_list() == ["pay", "claw_back"]
    # the cap holds
    if rule.monthly_cap is not None:
        counted = result.rewards.filter(
            (pl.col("role") == "referrer") & (pl.col("state") != "capped")
        )
        per_month = counted.group_by("referrer_id", "month").len()
        assert (per_month["len"] <= rule.monthly_cap).all()
    # one round unless reearn
    if not rule.reearn:
        assert (result.rewards["round"] == 1).all()


customer_rows = st.lists(
    st.tuples(st.integers(-400, 800), st.one_of(st.none(), st.integers(0, 30))),
    min_size=1,
    max_size=30,
)


@settings(max_examples=80)
@given(
    customer_rows,
    st.integers(1, 8),
    st.sampled_from(["month", "quarter", "year"]),
    st.integers(-30, 900),
)
def test_plan_invariants(
    rows: list[tuple[int, int | None]], periods: int, unit: str, days: int
) -> None:
    start = date(2026, 1, 1)
    made: list[tuple[str, date, str | None]] = [("base", start - timedelta(days=500), None)]
    for n, (day, referrer) in enumerate(rows):
        # a referrer is always an earlier row: no loops
        by = f"c{referrer % (n + 1) - 1}" if referrer is not None and n > 0 else None
        made.append((f"c{n}", start + timedelta(days=day), by))
    frame = customers(*[(c, d, b if b != "c-1" else "base") for c, d, b in made])
    progress = plan_progress(frame, Goal(start, periods, unit), as_of=start + timedelta(days=days))
    counted = progress.periods.filter(pl.col("status") != "future")
    cumulative = counted["cumulative"].to_list()
    assert cumulative == sorted(cumulative)
    assert all(c >= progress.base for c in cumulative)
    assert (counted["referred"] <= counted["new"]).all()
    if cumulative:
        assert progress.base + int(counted["new"].sum()) == cumulative[-1]
    else:
        assert progress.cumulative is None and progress.on_track is None
    required = progress.periods["required_growth"].to_list()
    assert required == sorted(required) and abs(required[-1] - 2.0) < 1e-12
    statuses = progress.periods["status"].to_list()
    assert statuses == sorted(statuses, key=["done", "current", "future"].index)
    assert (
        int(progress.generations["customers"].sum())
        == frame.filter(pl.col("acquired_at") <= progress.as_of).height
    )

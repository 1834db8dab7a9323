"""Invariants of the card ledger for any valid sequence of operations (hypothesis)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.card import (
    CardPolicy,
    Movement,
    adjust,
    expire,
    recharge,
    refund,
    renumbered,
    replay,
    spend,
)
from custvalue.card.ledger import CardState, Posting
from custvalue.exceptions import DataValidationError

VENUES = ("rooms", "restaurant", "spa", "")


@st.composite
def policies(draw: st.DrawFn) -> CardPolicy:
    rate = draw(st.sampled_from(["0", "0.01", "0.05", "0.1", "0.5"]))
    value = draw(st.sampled_from([1, 2]))
    return CardPolicy(
        earn_rate=Decimal(rate) / (2 if rate == "0.5" and value == 2 else 1),
        point_value_cents=value,
        expiry_days=draw(st.sampled_from([30, 365, None])),
        rounding=draw(st.sampled_from(["floor", "half_up"])),
        earn_on_points=draw(st.booleans()),
    )


def _step(data: st.DataObject, state: CardState, at: datetime, i: int) -> Posting | None:
    """One valid operation drawn for ``state`` (None when the one drawn has nothing to do)."""
    op = data.draw(
        st.sampled_from(
            ["recharge", "spend", "spend", "spend", "refund", "refund", "expire", "adjust"]
        )
    )
    pv = state.policy.point_value_cents
    if op == "recharge":
        return recharge(state, data.draw(st.integers(1, 200_000)), at, ref=f"P{i}")
    if op == "spend":
        amount = data.draw(st.integers(1, 100_000))
        usable = state.usable_points(at.date())
        most = min(usable, amount // pv)
        points = data.draw(st.one_of(st.just(most), st.integers(0, most)))  # often all of them
        stored = data.draw(st.integers(0, min(state.stored_cents, amount - points * pv)))
        venue = data.draw(st.sampled_from(VENUES))
        return spend(state, amount, at, venue, f"S{i}", from_stored=stored, points_used=points)
    if op == "refund":
        open_bills = [s.ref for s in state.spends if not s.refunded]
        if not open_bills:
            return None
        return refund(state, data.draw(st.sampled_from(open_bills)), at)
    if op == "expire":
        return expire(state, at.date())
    stored = data.draw(st.integers(-state.stored_cents, 5_000))
    points = data.draw(st.integers(-state.points, 2_000))
    if stored == 0 and points == 0:
        return None
    return adjust(state, at, reason="correction", stored_cents=stored, points=points)


def _run(data: st.DataObject, policy: CardPolicy) -> tuple[list[Movement], CardState]:
    state = replay([], policy, card_id="C1")
    movements: list[Movement] = []
    at = datetime(2024, 1, 1, 8)
    for i in range(data.draw(st.integers(1, 14), label="steps")):
        at += timedelta(hours=data.draw(st.integers(0, 24 * 120)))
        posting = _step(data, state, at, i)
        if posting is None:
            continue
        movements.extend(posting.movements)
        # the state the operation claims is the state of the extended ledger
        assert replay(movements, policy, card_id="C1") == posting.state
        state = posting.state
    return movements, state


def _sum(movements: list[Movement], kind: str, attr: str, sign: int = 0) -> int:
    values = [getattr(m, attr) for m in movements if m.kind == kind]
    return sum(v for v in values if sign == 0 or (v > 0 if sign > 0 else v < 0))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), policy=policies())
def test_balances_are_the_sums_of_the_ledger(data: st.DataObject, policy: CardPolicy) -> None:
    movements, state = _run(data, policy)
    recharged = _sum(movements, "recharge", "stored_cents")
    spent = -_sum(movements, "spend", "stored_cents")
    refunded = _sum(movements, "refund", "stored_cents", +1)
    charged = -_sum(movements, "refund", "stored_cents", -1)
    adjusted = _sum(movements, "adjust", "stored_cents")
    assert state.stored_cents == recharged + refunded - spent - charged + adjusted >= 0
    earned = _sum(movements, "earn", "points")
    redeemed = -_sum(movements, "redeem", "points")
    expired = -_sum(movements, "expire", "points")
    clawed = -_sum(movements, "refund", "points", -1)
    restored = _sum(movements, "refund", "points", +1)
    adjusted_points = _sum(movements, "adjust", "points")
    points = earned - redeemed - expired - clawed + restored + adjusted_points
    assert state.points == points == sum(lot.remaining for lot in state.lots) >= 0
    assert all(lot.remaining >= 0 for lot in state.lots)
    # a refund returns exactly the stored value its bill took, and cancels its money
    for record in state.spends:
        mains = [
            m for m in movements if m.kind == "refund" and m.ref == record.ref and m.paid_cents
        ]
        if record.refunded and record.paid_cents:
            assert [(m.stored_cents, m.paid_cents) for m in mains] == [
                (record.stored_cents, -record.paid_cents)
            ]
        # never more clawed back than earned, never more charged than the clawback left
        assert record.clawed <= record.points_earned
        assert (
            record.charged_cents
            <= (record.points_earned - record.clawed) * policy.point_value_cents
        )
    assert sum(v.paid_cents for v in state.by_venue.values()) == sum(
        r.paid_cents for r in state.spends if not r.refunded
    )


@settings(max_examples=40, deadline=None)
@given(data=st.data(), policy=policies())
def test_every_prefix_of_a_valid_ledger_is_valid(data: st.DataObject, policy: CardPolicy) -> None:
    movements, state = _run(data, policy)
    for k in range(len(movements) + 1):
        prefix = replay(movements[:k], policy, card_id="C1")
        assert prefix.movements == k
    assert prefix == state


@settings(max_examples=60, deadline=None)
@given(data=st.data(), policy=policies())
def test_a_redemption_from_a_stale_state_is_refused(
    data: st.DataObject, policy: CardPolicy
) -> None:
    movements, state = _run(data, policy)
    at = (state.last_at or datetime(2024, 1, 1)) + timedelta(hours=1)
    if state.usable_points(at.date()) == 0:  # make sure there are points to fight over
        extra = adjust(state, at, reason="test points", points=data.draw(st.integers(1, 3_000)))
        movements, state = [*movements, *extra.movements], extra.state
    have = state.usable_points(at.date())
    pv = policy.point_value_cents
    first_points = data.draw(st.integers(1, have))
    second_points = data.draw(st.integers(have - first_points + 1, have))
    first = spend(state, first_points * pv, at, "spa", "X1", points_used=first_points)
    stale = spend(state, second_points * pv, at, "bar", "X2", points_used=second_points)
    after_first = [*movements, *first.movements]
    assert replay(after_first, policy) == first.state
    # appended as computed, the stale one repeats the first one's movement ids
    with pytest.raises(DataValidationError) as err:
        replay([*after_first, *stale.movements], policy)
    assert err.value.code == "card.out_of_order"
    # renumbered by the store, it takes points that are no longer there
    again = renumbered(stale.movements, first.state.next_id)
    with pytest.raises(DataValidationError) as err:
        replay([*after_first, *again], policy)
    assert err.value.code == "card.insufficient_points"
    # computed again from the fresh state, it is refused before it is written
    with pytest.raises(DataValidationError) as err:
        spend(first.state, second_points * pv, at, "bar", "X2", points_used=second_points)
    assert err.value.code == "card.points_short"


@settings(max_examples=40, deadline=None)
@given(data=st.data(), policy=policies())
def test_a_stale_stored_value_spend_is_refused(data: st.DataObject, policy: CardPolicy) -> None:
    movements, state = _run(data, policy)
    at = (state.last_at or datetime(2024, 1, 1)) + timedelta(hours=1)
    top = recharge(state, data.draw(st.integers(1, 50_000)), at, ref="TOP")
    movements, state = [*movements, *top.movements], top.state
    have = state.stored_cents
    a = data.draw(st.integers(1, have))
    b = data.draw(st.integers(have - a + 1, have))
    first = spend(state, a, at, "rooms", "Y1", from_stored=a)
    stale = spend(state, b, at, "rooms", "Y2", from_stored=b)
    again = renumbered(stale.movements, first.state.next_id)
    with pytest.raises(DataValidationError) as err:
        replay([*movements, *first.movements, *again], policy)
    assert err.value.code == "card.insufficient_stored"
    # a movement changed by hand is refused too: the ledger, not the row, is the truth
    forged = dataclasses.replace(first.movements[0], paid_cents=-1)
    with pytest.raises(DataValidationError) as err:
        replay([*movements, forged], policy)
    assert err.value.code == "card.bad_field"


@settings(max_examples=60, deadline=None)
@given(
    policy=policies(),
    top=st.integers(0, 100_000),
    bill=st.integers(1, 100_000),
    share=st.integers(0, 100),
    second=st.integers(1, 50_000),
)
def test_points_spent_before_a_refund_are_paid_for_exactly(
    policy: CardPolicy, top: int, bill: int, share: int, second: int
) -> None:
    """Earn on bill X, spend every point on bill Y, refund X: the points that cannot be
    clawed back are paid for at their value, first from X's stored part, the rest withheld."""
    pv = policy.point_value_cents
    state = replay([], policy, card_id="C1")
    movements: list[Movement] = []
    day = datetime(2024, 1, 1, 9)
    steps = []
    if top:
        steps.append(lambda s: recharge(s, top, day))
    stored = min(top, bill * share // 100)
    steps.append(lambda s: spend(s, bill, day, "rooms", "X", from_stored=stored))
    for step in steps:
        posting = step(state)
        movements.extend(posting.movements)
        state = posting.state
    earned = state.spend_record("X").points_earned
    used = min(state.usable_points(day.date()), second // pv)
    y = spend(state, max(second, used * pv), day, "bar", "Y", points_used=used)
    movements.extend(y.movements)
    back = refund(y.state, "X", day + timedelta(hours=1))
    movements.extend(back.movements)
    record = back.state.spend_record("X")
    short = earned - record.clawed
    assert record.charged_cents + back.withheld_cents == short * pv
    assert record.charged_cents == min(short * pv, stored)
    assert back.outside_cents == -(bill - stored - back.withheld_cents) <= 0
    assert replay(movements, policy) == back.state
    # after the refund, stored value = the recharge less what Y's points could not cover
    assert back.state.stored_cents == top - record.charged_cents

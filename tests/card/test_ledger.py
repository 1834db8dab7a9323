"""The card ledger by hand: every rule on a short sequence whose arithmetic is written out."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from custvalue.card import (
    CardPolicy,
    Movement,
    adjust,
    earned_points,
    expire,
    opening,
    recharge,
    refund,
    renumbered,
    replay,
    spend,
    statement,
)
from custvalue.card.ledger import CardState, Posting
from custvalue.exceptions import DataValidationError


def _card(policy: CardPolicy | None = None) -> CardState:
    return replay([], policy or CardPolicy(), card_id="C1")


class Ledger:
    """Posts operations one after the other, keeping the movements and the state."""

    def __init__(self, policy: CardPolicy | None = None) -> None:
        self.policy = policy or CardPolicy()
        self.state = _card(self.policy)
        self.movements: list[Movement] = []

    def post(self, posting: Posting) -> Posting:
        self.movements.extend(posting.movements)
        self.state = posting.state
        assert replay(self.movements, self.policy) == posting.state
        return posting


def test_recharge_spend_points_and_refund_of_the_brief() -> None:
    card = Ledger()
    # recharge 1 000 元 = 100 000 cents
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 10, 9), ref="PAY-1"))
    assert card.state.stored_cents == 100_000
    # rooms 600 元 from stored value: 100 000 − 60 000 = 40 000 left; earns
    # floor(60 000 × 0.05) = 3 000 points (worth 30 元), lot 3, valid 365 days:
    # 2024-01-10 + 365 days = 2025-01-09 (2024 has 29 February)
    rooms = card.post(
        spend(card.state, 60_000, datetime(2024, 1, 10, 12), "rooms", "R-1", from_stored=60_000)
    )
    assert [m.kind for m in rooms.movements] == ["spend", "earn"]
    assert rooms.outside_cents == 0
    assert card.state.stored_cents == 40_000
    assert card.state.points == 3_000
    (lot,) = card.state.lots
    assert (lot.lot_id, lot.points, lot.expires_on) == (3, 3_000, date(2025, 1, 9))
    # 200 元 at the restaurant paying 100 元 with points would need 10 000 points: refused
    with pytest.raises(DataValidationError) as err:
        spend(
            card.state,
            20_000,
            datetime(2024, 2, 1, 19),
            "restaurant",
            "F-1",
            from_stored=10_000,
            points_used=10_000,
        )
    assert err.value.code == "card.points_short"
    assert err.value.params["balance"] == 3_000
    # so: 2 000 points (20 元) + 180 元 from stored value; stored 40 000 − 18 000 = 22 000;
    # the points part earns nothing: floor(18 000 × 0.05) = 900 points, lot 6
    food = card.post(
        spend(
            card.state,
            20_000,
            datetime(2024, 2, 1, 19),
            "restaurant",
            "F-1",
            from_stored=18_000,
            points_used=2_000,
        )
    )
    assert [(m.kind, m.stored_cents, m.points, m.lot) for m in food.movements] == [
        ("spend", -18_000, 0, None),
        ("redeem", 0, -2_000, 3),
        ("earn", 0, 900, None),
    ]
    assert food.movements[0].paid_cents == 18_000  # 20 000 − 2 000 points × 1 cent
    assert card.state.stored_cents == 22_000
    assert card.state.points == 1_000 + 900  # lot 3: 3 000 − 2 000; lot 6: 900
    # refund of the rooms bill: 60 000 back (22 000 + 60 000 = 82 000); its 3 000 points are
    # clawed back: 1 000 left in its own lot 3, then 900 from lot 6 (the one expiring last);
    # 3 000 − 1 900 = 1 100 points were already spent: 1 100 × 1 cent charged to the stored
    # value returned: 82 000 − 1 100 = 80 900
    back = card.post(refund(card.state, "R-1", datetime(2024, 3, 1, 10)))
    assert [(m.stored_cents, m.points, m.lot, m.paid_cents) for m in back.movements] == [
        (60_000, 0, None, -60_000),
        (0, -1_000, 3, 0),
        (0, -900, 6, 0),
        (-1_100, 0, None, 0),
    ]
    assert {m.kind for m in back.movements} == {"refund"}
    assert (back.withheld_cents, back.outside_cents) == (0, 0)
    assert card.state.stored_cents == 80_900
    assert card.state.points == 0
    record = card.state.spend_record("R-1")
    assert (record.refunded, record.clawed, record.charged_cents) == (True, 1_900, 1_100)
    # the ledger's totals: recharge 100 000 − spends 78 000 + refund 60 000 − 1 100 = 80 900
    assert card.state.by_kind["spend"].stored_cents == -78_000
    assert card.state.by_kind["refund"].stored_cents == 58_900
    assert card.state.by_venue["rooms"].paid_cents == 0  # 60 000 paid, 60 000 refunded
    assert card.state.by_venue["restaurant"].paid_cents == 18_000


def test_refund_before_the_points_are_used_gives_everything_back() -> None:
    card = Ledger()
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 10, 9)))
    card.post(
        spend(card.state, 60_000, datetime(2024, 1, 10, 12), "rooms", "R-1", from_stored=60_000)
    )
    back = card.post(refund(card.state, "R-1", datetime(2024, 1, 11, 9)))
    # 40 000 + 60 000 = 100 000; 3 000 − 3 000 = 0 points; nothing charged
    assert [(m.stored_cents, m.points) for m in back.movements] == [(60_000, 0), (0, -3_000)]
    assert (card.state.stored_cents, card.state.points) == (100_000, 0)
    with pytest.raises(DataValidationError) as err:
        refund(card.state, "R-1", datetime(2024, 1, 12))
    assert err.value.code == "card.already_refunded"


def test_expiry_takes_only_the_remainder_and_redemption_uses_the_oldest_lot_first() -> None:
    card = Ledger()
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 1, 10)))
    # A: 200 元 → 1 000 points, lot 3, 2024-01-01 + 365 days = 2024-12-31
    card.post(spend(card.state, 20_000, datetime(2024, 1, 1, 12), "rooms", "A", from_stored=20_000))
    # B: 400 元 → 2 000 points, lot 5, 2024-06-01 + 365 days = 2025-06-01
    card.post(spend(card.state, 40_000, datetime(2024, 6, 1, 12), "rooms", "B", from_stored=40_000))
    # C: 150 元 with 600 points, all from lot 3 (expires first); 144 元 paid → 720 points,
    # lot 8, until 2025-07-01
    c = card.post(
        spend(
            card.state,
            15_000,
            datetime(2024, 7, 1, 12),
            "spa",
            "C",
            from_stored=14_400,
            points_used=600,
        )
    )
    assert [(m.kind, m.lot, m.points) for m in c.movements[1:]] == [
        ("redeem", 3, -600),
        ("earn", None, 720),
    ]
    assert card.state.stored_cents == 100_000 - 20_000 - 40_000 - 14_400  # 25 600
    assert card.state.points == 1_000 + 2_000 - 600 + 720  # 3 120
    # the day before lot 3's date nothing expires
    assert expire(card.state, date(2024, 12, 30)).movements == ()
    # on 2024-12-31 lot 3 expires: only its unused 1 000 − 600 = 400
    gone = card.post(expire(card.state, date(2024, 12, 31)))
    assert [(m.kind, m.lot, m.points, m.at) for m in gone.movements] == [
        ("expire", 3, -400, datetime(2024, 12, 31))
    ]
    assert card.state.points == 3_120 - 400  # 2 720
    assert card.state.lot(3).expired == 400
    # D on 2025-01-10: 2 100 points, oldest expiring first: 2 000 from lot 5 (2025-06-01),
    # 100 from lot 8 (2025-07-01); 50 元 − 21 元 = 29 元 paid → 145 points
    d = card.post(
        spend(
            card.state,
            5_000,
            datetime(2025, 1, 10, 12),
            "spa",
            "D",
            from_stored=2_900,
            points_used=2_100,
        )
    )
    assert [(m.lot, m.points) for m in d.movements if m.kind == "redeem"] == [
        (5, -2_000),
        (8, -100),
    ]
    assert card.state.points == 2_720 - 2_100 + 145  # 765
    assert card.state.stored_cents == 25_600 - 2_900  # 22 700
    # refund C: its 600 points go back to lot 3 with lot 3's date (already past: no free
    # extension); its 720 earned points come back from lot 8 (620 left) then lot 13
    # (the latest expiring, 100 of its 145)
    back = card.post(refund(card.state, "C", datetime(2025, 1, 20, 9)))
    assert [(m.points, m.lot) for m in back.movements[1:]] == [(600, 3), (-620, 8), (-100, 13)]
    assert card.state.points == 765 + 600 - 720  # 645, of which 600 past their date
    assert card.state.usable_points(date(2025, 1, 20)) == 45
    assert card.state.stored_cents == 22_700 + 14_400  # 37 100
    late = card.post(expire(card.state, date(2025, 1, 20)))
    assert [(m.lot, m.points) for m in late.movements] == [(3, -600)]
    # the expiry comes after the refund's time (09:00), not at 00:00: the ledger never goes back
    assert late.movements[0].at == datetime(2025, 1, 20, 9)
    assert card.state.points == 45


def test_points_of_the_own_lot_that_expired_are_not_clawed_back_twice() -> None:
    card = Ledger()
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 1, 10)))
    # E: 200 元 → 1 000 points in lot 3 until 2024-12-31
    card.post(spend(card.state, 20_000, datetime(2024, 1, 1, 12), "rooms", "E", from_stored=20_000))
    # F: 100 元 with 300 points from lot 3; 97 元 paid → 485 points in lot 6 (spend 4,
    # redeem 5, earn 6), until 2025-01-31
    card.post(
        spend(
            card.state,
            10_000,
            datetime(2024, 2, 1, 12),
            "bar",
            "F",
            from_stored=9_700,
            points_used=300,
        )
    )
    card.post(expire(card.state, date(2024, 12, 31)))  # lot 3: 1 000 − 300 = 700 expire
    # refund E: of its 1 000 points, 700 expired unused; only the 300 the member spent come
    # back, from lot 6 (lot 3 is empty): 485 − 300 = 185 left, nothing charged
    back = card.post(refund(card.state, "E", datetime(2025, 1, 5, 9)))
    assert [(m.stored_cents, m.points, m.lot) for m in back.movements] == [
        (20_000, 0, None),
        (0, -300, 6),
    ]
    assert card.state.points == 185


def test_points_already_spent_are_charged_then_withheld_at_the_counter() -> None:
    card = Ledger()
    card.post(recharge(card.state, 1_000, datetime(2024, 3, 1, 9)))
    # G: 400 元, 10 元 from stored value, 390 元 paid at the counter → 2 000 points
    g = card.post(
        spend(card.state, 40_000, datetime(2024, 3, 1, 12), "rooms", "G", from_stored=1_000)
    )
    assert g.outside_cents == 39_000
    # H: 50 元 with 2 000 points, 30 元 at the counter → 150 points
    card.post(spend(card.state, 5_000, datetime(2024, 3, 2, 12), "bar", "H", points_used=2_000))
    # refund G: 2 000 to claw back, 150 left (lot of H): 1 850 × 1 cent = 1 850 owed; 1 000
    # charged to the stored value returned, 850 withheld from the 390 元 given back:
    # 39 000 − 850 = 38 150 at the counter
    back = card.post(refund(card.state, "G", datetime(2024, 3, 5, 9)))
    assert [(m.stored_cents, m.points) for m in back.movements] == [
        (1_000, 0),
        (0, -150),
        (-1_000, 0),
    ]
    assert (back.withheld_cents, back.outside_cents) == (850, -38_150)
    assert (card.state.stored_cents, card.state.points) == (0, 0)
    assert json.dumps(back.to_dict())


def test_earning_rules_rate_rounding_multiplier_points_part_and_cap() -> None:
    base = CardPolicy()
    # 12 345 × 0.05 = 617.25 → 617; 12 350 × 0.05 = 617.5 → 617 (floor) or 618 (half up)
    assert earned_points(base, amount_cents=12_345, paid_cents=12_345) == 617
    assert earned_points(base, amount_cents=12_350, paid_cents=12_350) == 617
    assert (
        earned_points(CardPolicy(rounding="half_up"), amount_cents=12_350, paid_cents=12_350) == 618
    )
    # gold (× 1.25): 60 000 × 0.05 × 1.25 = 3 750
    assert (
        earned_points(base, amount_cents=60_000, paid_cents=60_000, multiplier=Decimal("1.25"))
        == 3_750
    )
    # the part paid with points earns only with earn_on_points: 20 000 instead of 18 000 → 1 000
    assert earned_points(base, amount_cents=20_000, paid_cents=18_000) == 900
    assert (
        earned_points(CardPolicy(earn_on_points=True), amount_cents=20_000, paid_cents=18_000)
        == 1_000
    )
    # never worth more than the money paid: rate 1 on the whole 1 000 bill would be 1 000,
    # capped at the 500 cents paid
    full = CardPolicy(earn_rate=Decimal(1), earn_on_points=True)
    assert earned_points(full, amount_cents=1_000, paid_cents=500) == 500
    # through spend: a multiplier as text, and no earn movement when nothing is earned
    card = Ledger()
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 1, 9)))
    gold = card.post(
        spend(
            card.state,
            60_000,
            datetime(2024, 1, 1, 12),
            "rooms",
            "R",
            from_stored=60_000,
            earn_multiplier="1.25",
        )
    )
    assert gold.movements[-1].points == 3_750
    small = card.post(spend(card.state, 19, datetime(2024, 1, 1, 13), "bar", "B", from_stored=19))
    assert [m.kind for m in small.movements] == ["spend"]  # 19 × 0.05 = 0.95 → 0


def test_policy_settings_and_points_that_never_expire() -> None:
    policy = CardPolicy.from_mapping(
        {"earn_rate": "0.1", "point_value_cents": 2, "expiry_days": None}
    )
    assert (policy.earn_rate, policy.point_value_cents, policy.expiry_days) == (
        Decimal("0.1"),
        2,
        None,
    )
    assert CardPolicy(earn_rate=0.05).earn_rate == Decimal("0.05")  # a float read as written
    assert policy.to_dict()["earn_rate"] == "0.1"
    card = Ledger(policy)
    card.post(recharge(card.state, 10_000, datetime(2024, 1, 1, 9)))
    # 100 元 → 10 000 × 0.1 = 1 000 points, each worth 2 cents, never expiring
    card.post(spend(card.state, 10_000, datetime(2024, 1, 1, 12), "rooms", "R", from_stored=10_000))
    assert card.state.lots[0].expires_on is None
    assert expire(card.state, date(2099, 1, 1)).movements == ()
    # 30 元 with 500 points = 1 000 cents; 2 000 cents paid outside → 200 points
    bar = card.post(spend(card.state, 3_000, datetime(2030, 1, 1, 12), "bar", "B", points_used=500))
    assert (bar.movements[0].paid_cents, bar.outside_cents, bar.movements[-1].points) == (
        2_000,
        2_000,
        200,
    )


def test_adjustments_are_audited_corrections() -> None:
    card = Ledger()
    card.post(recharge(card.state, 5_000, datetime(2024, 1, 1, 9)))
    # + 300 points as a goodwill gesture: a lot of its own, 365 days
    plus = card.post(
        adjust(card.state, datetime(2024, 1, 2, 9), reason="complaint 1042", points=300)
    )
    assert (plus.movements[0].note, plus.movements[0].expires_on) == (
        "complaint 1042",
        date(2025, 1, 1),
    )
    card.post(
        adjust(
            card.state,
            datetime(2024, 1, 3, 9),
            reason="bonus",
            points=200,
            expires_on=date(2024, 6, 30),
        )
    )
    # − 250 points taken from the lot expiring first (the 200 of 2024-06-30, then 50 of the
    # 300); − 1 000 cents of stored value wrongly recharged
    minus = card.post(
        adjust(
            card.state,
            datetime(2024, 1, 4, 9),
            reason="duplicate recharge",
            stored_cents=-1_000,
            points=-250,
        )
    )
    assert [(m.stored_cents, m.points, m.lot) for m in minus.movements] == [
        (-1_000, 0, None),
        (0, -200, 3),
        (0, -50, 2),
    ]
    assert (card.state.stored_cents, card.state.points) == (4_000, 250)
    with pytest.raises(DataValidationError) as err:
        adjust(card.state, datetime(2024, 1, 5), reason="x", points=-251)
    assert err.value.code == "card.points_short"


def test_opening_balances_come_first() -> None:
    card = Ledger()
    card.post(
        opening(
            card.state,
            datetime(2023, 12, 31),
            stored_cents=12_300,
            points=800,
            expires_on=date(2024, 3, 31),
            note="migrated",
        )
    )
    card.post(
        opening(card.state, datetime(2023, 12, 31), points=100)
    )  # a second lot, never expiring
    assert (card.state.stored_cents, card.state.points) == (12_300, 900)
    assert [lot.expires_on for lot in card.state.lots] == [date(2024, 3, 31), None]
    card.post(recharge(card.state, 100, datetime(2024, 1, 1)))
    with pytest.raises(DataValidationError) as err:
        opening(card.state, datetime(2024, 1, 2), stored_cents=1)
    assert err.value.code == "card.opening_late"


def test_statement_balances_and_totals() -> None:
    card = Ledger()
    card.post(recharge(card.state, 100_000, datetime(2024, 1, 10, 9)))
    card.post(
        spend(card.state, 60_000, datetime(2024, 1, 10, 12), "rooms", "R-1", from_stored=60_000)
    )
    card.post(
        spend(
            card.state,
            20_000,
            datetime(2024, 2, 1, 19),
            "restaurant",
            "F-1",
            from_stored=18_000,
            points_used=2_000,
        )
    )
    card.post(refund(card.state, "R-1", datetime(2024, 3, 1, 10)))
    st = statement(card.movements, start=date(2024, 2, 1), end=date(2024, 2, 29))
    # before February: 100 000 − 60 000 = 40 000 cents and 3 000 points
    assert (st.opening_stored_cents, st.opening_points) == (40_000, 3_000)
    assert [(line.movement.kind, line.stored_cents, line.points) for line in st.lines] == [
        ("spend", 22_000, 3_000),
        ("redeem", 22_000, 1_000),
        ("earn", 22_000, 1_900),
    ]
    assert (st.closing_stored_cents, st.closing_points) == (22_000, 1_900)
    assert [(k.kind, k.movements, k.stored_cents, k.points) for k in st.by_kind] == [
        ("spend", 1, -18_000, 0),
        ("redeem", 1, 0, -2_000),
        ("earn", 1, 0, 900),
    ]
    assert [(v.venue, v.movements, v.paid_cents) for v in st.by_venue] == [
        ("restaurant", 3, 18_000)
    ]
    data = st.to_dict()
    assert data["lines"][0]["stored_after"] == 22_000
    assert json.loads(json.dumps(data))["closing"] == {"stored_cents": 22_000, "points": 1_900}
    # a period with no movement: closing = opening; datetimes are read as their dates
    quiet = statement(card.movements, start=datetime(2024, 6, 1, 8), end=date(2024, 6, 30))
    assert (quiet.lines, quiet.closing_stored_cents, quiet.closing_points) == ((), 80_900, 0)
    assert quiet.start == date(2024, 6, 1)
    whole = statement(card.movements, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert whole.lines[-1].stored_cents == card.state.stored_cents
    assert json.dumps(card.state.to_dict())


def test_an_operation_never_changes_the_state_it_reads() -> None:
    state = replay(
        [Movement(1, "C1", datetime(2024, 1, 1), "recharge", stored_cents=500)], card_id="C1"
    )
    before = state.to_dict()
    posting = spend(state, 400, datetime(2024, 1, 2), "bar", "B", from_stored=400)
    assert state.to_dict() == before
    assert (state.stored_cents, posting.state.stored_cents) == (500, 100)
    assert posting.state.next_id == 4 and state.next_id == 2


def test_renumbered_batches_stay_valid_and_aware_times_work() -> None:
    tz = datetime(2024, 1, 1).astimezone().tzinfo
    state = _card()
    first = recharge(state, 10_000, datetime(2024, 1, 1, 9, tzinfo=tz))
    batch = spend(
        first.state, 8_000, datetime(2024, 1, 1, 10, tzinfo=tz), "rooms", "R", from_stored=8_000
    )
    moved = renumbered(batch.movements, 100)
    assert [m.movement_id for m in moved] == [100, 101]
    after = replay([*first.movements, *moved])
    assert (after.stored_cents, after.points, after.next_id) == (2_000, 400, 102)
    # expire at 00:00 in the ledger's own time zone
    lapsed = expire(after, date(2025, 6, 1))
    assert lapsed.movements[0].at.tzinfo is tz
    assert lapsed.movements[0].at == datetime(2025, 6, 1, tzinfo=tz)

"""The member card over the store, on both engines: a sequence worked out by hand, the
stored ledger always replaying to what the app shows, one transaction per operation
(a failure leaves nothing), two redemptions racing on PostgreSQL, rewards, the policy,
the member list import by line, and every refusal."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from custvalue.app import card as cards
from custvalue.card import Movement, replay
from custvalue.data.db import Database, connect
from custvalue.data.importing import import_frames
from custvalue.data.writer import StrictImportError
from custvalue.exceptions import CustValueError, DataValidationError, NotFoundError

NOW = datetime(2025, 6, 1, 12, 0)


def _ledger(db: Database) -> None:
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {"customer_id": ["A", "B", "C"], "name": ["甲先生", "乙女士", "丙"]}
            ),
            "orders": pl.DataFrame(
                {
                    "order_id": ["o1", "o2"],
                    "customer_id": ["A", "B"],
                    "date": ["2023-05-01", "2023-06-01"],
                    "amount": ["1000.00", "300.00"],
                }
            ),
        },
        source="ledger",
    )


def _stored(db: Database, card_id: str) -> list[Movement]:
    """The card's movements read straight from the table (not through the app)."""
    out = []
    for r in db.fetchall(
        "SELECT card_id, movement_id, happened_at, kind, venue, stored_cents, points, ref, "
        "expires_on, note, paid_cents, lot FROM card_movements WHERE card_id = ? "
        "ORDER BY movement_id",
        [card_id],
    ):
        out.append(
            Movement(
                int(r[1]), str(r[0]), r[2], str(r[3]), str(r[4]), int(r[5]), int(r[6]),
                str(r[7]), r[8], str(r[9]), int(r[10]), None if r[11] is None else int(r[11]),
            )
        )  # fmt: skip
    return out


def _balances(db: Database, card_id: str) -> tuple[int, int]:
    """(stored cents, points): the app's view, checked against the library's replay of the
    stored rows and against plain sums in SQL."""
    shown = cards.card_state(db, card_id, as_of=NOW.date())
    state = replay(_stored(db, card_id), cards.card_policy(db), card_id=card_id)
    sums = db.fetchall(
        "SELECT coalesce(sum(stored_cents), 0), coalesce(sum(points), 0) FROM card_movements "
        "WHERE card_id = ?",
        [card_id],
    )[0]
    assert (shown.state.stored_cents, shown.state.points) == (state.stored_cents, state.points)
    assert (int(sums[0]), int(sums[1])) == (state.stored_cents, state.points)
    return state.stored_cents, state.points


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_card_worked_through_by_hand(db: Database) -> None:
    _ledger(db)
    opened = cards.open_card(
        db, customer_id="A", at=_at("2024-01-01 09:00"), actor="cli:t", now=NOW
    )
    vip = opened.card_id
    assert vip == "VIP000001" and opened.card["holder"] == "甲先生"
    assert opened.tier.key == "standard" and _balances(db, vip) == (0, 0)
    # recharge 1 000 元: stored value, no points (they are earned when money is spent)
    done = cards.recharge(
        db, card_id=vip, amount_cents=100_000, at=_at("2024-01-02 10:00"), actor="cli:t", now=NOW
    )
    assert (done.stored_before, done.stored_cents, done.points) == (0, 100_000, 0)
    # 600 元 in the rooms from stored value: 5 % of the money paid = 3 000 points
    done = cards.spend(
        db, card_id=vip, amount_cents=60_000, ref="R1", venue="客房", from_stored=60_000,
        at=_at("2024-01-03 12:00"), actor="cli:t", now=NOW,
    )  # fmt: skip
    assert [m.kind for m in done.movements] == ["spend", "earn"]
    assert done.movements[1].points == 3000 and done.movements[1].venue == "rooms"
    assert done.movements[1].expires_on == date(2025, 1, 2)  # 365 days later (2024 is leap)
    assert _balances(db, vip) == (40_000, 3000)
    assert (done.tier_before, done.tier) == ("standard", "silver")  # growth 600 ≥ 500
    # a welcome gift expiring before the rooms lot
    cards.adjust(
        db, card_id=vip, reason="welcome gift", points=500, expires_on=date(2024, 12, 31),
        at=_at("2024-01-20 08:00"), actor="cli:t", now=NOW,
    )  # fmt: skip
    assert _balances(db, vip) == (40_000, 3500)
    # 200 元 at the restaurant: 2 000 points (20 元) + 180 元 stored value; the lot that
    # expires first goes first; silver earns 5 % × 1.1 on the 180 元 paid = 990 points
    done = cards.spend(
        db, card_id=vip, amount_cents=20_000, ref="F1", venue="restaurant", from_stored=18_000,
        points_used=2000, at=_at("2024-02-01 19:00"), actor="cli:t", now=NOW,
    )  # fmt: skip
    redeemed = [(m.lot, -m.points) for m in done.movements if m.kind == "redeem"]
    assert redeemed == [(4, 500), (3, 1500)]
    assert done.total("earn") == 990 and done.outside_cents == 0
    assert _balances(db, vip) == (22_000, 2490)
    # expiry: nothing before the rooms lot's day, then its unused 1 500 points
    assert cards.expire(db, card_id=vip, today=date(2025, 1, 1), now=NOW).postings == ()
    run = cards.expire(db, today=date(2025, 1, 2), actor="cli:t", now=NOW)
    assert (run.checked, run.points) == (1, 1500)
    (posted,) = run.postings
    assert [(m.lot, m.points) for m in posted.movements] == [(3, -1500)]
    assert _balances(db, vip) == (22_000, 990)
    assert cards.expire(db, today=date(2025, 1, 2), now=NOW).postings == ()  # nothing twice
    # refund of the rooms bill: its 600 元 back; of its 3 000 points 1 500 expired (the
    # member never had their use) and 1 500 were redeemed: 990 clawed back from the other
    # lot, the 510 already spent charged to the stored value returned
    done = cards.refund(
        db, card_id=vip, spend_ref="R1", at=_at("2025-01-05 10:00"), actor="cli:t", now=NOW
    )
    assert [(m.stored_cents, m.points, m.lot) for m in done.movements] == [
        (60_000, 0, None),
        (0, -990, 8),
        (-510, 0, None),
    ]
    assert done.movements[0].paid_cents == -60_000
    assert (done.outside_cents, done.withheld_cents) == (0, 0)
    assert _balances(db, vip) == (22_000 + 60_000 - 510, 0)
    assert (done.tier_before, done.tier) == ("silver", "standard")  # growth 180 < 500
    detail = cards.card_state(db, vip, as_of=NOW.date())
    assert detail.growth == 180 and detail.to_next_tier == 320
    assert [h.reason for h in detail.history] == ["joined", "upgrade", "refund"]
    # the statement of 2024 and the list
    statement = cards.card_statement(db, vip, start=date(2024, 1, 1), end=date(2024, 12, 31))
    s = statement.statement
    assert (s.opening_stored_cents, s.opening_points) == (0, 0)
    assert (s.closing_stored_cents, s.closing_points) == (22_000, 2490)
    assert {v.venue: v.paid_cents for v in s.by_venue} == {
        "": 0,
        "rooms": 60_000,
        "restaurant": 18_000,
    }
    listed = cards.list_cards(db, as_of=NOW.date())
    assert (listed.total, listed.stored_cents, listed.points) == (1, 81_490, 0)
    assert listed.table.row(0, named=True)["tier"] == "standard"
    json.dumps(detail.to_dict(), allow_nan=False)
    json.dumps(statement.to_dict(), allow_nan=False)
    # every change audited with the balances before and after
    lines = db.fetchall(
        "SELECT action, target, details FROM audit WHERE action LIKE 'card.%' ORDER BY audit_id"
    )
    assert [a for a, _, _ in lines] == [
        "card.open", "card.recharge", "card.spend", "card.adjust", "card.spend",
        "card.expire", "card.refund",
    ]  # fmt: skip
    refund_line = json.loads(lines[-1][2])
    assert refund_line["before"] == {"stored_cents": 22_000, "points": 990, "tier": "silver"}
    assert refund_line["after"] == {"stored_cents": 81_490, "points": 0, "tier": "standard"}
    with pytest.raises(DataValidationError) as again:
        cards.refund(db, card_id=vip, spend_ref="R1", now=NOW)
    assert again.value.code == "card.already_refunded"


VENUES = ("rooms", "restaurant", "spa", "")


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_stored_balance_is_always_the_library_replay(db: Database, data: Any) -> None:
    number = int(db.scalar("SELECT count(*) FROM cards") or 0) + 1
    vip = cards.open_card(
        db, card_id=f"P{number}", holder="测试", at=_at("2024-01-01 08:00"), now=NOW
    ).card_id
    at = _at("2024-01-01 09:00")
    for i in range(data.draw(st.integers(1, 10), label="steps")):
        at += timedelta(hours=data.draw(st.integers(0, 24 * 90)))
        if at > NOW:
            break
        state = cards.card_state(db, vip, as_of=at.date()).state
        op = data.draw(
            st.sampled_from(["recharge", "spend", "spend", "refund", "expire", "adjust"])
        )
        try:
            if op == "recharge":
                cards.recharge(
                    db, card_id=vip, amount_cents=data.draw(st.integers(1, 200_000)), at=at,
                    now=NOW,
                )  # fmt: skip
            elif op == "spend":
                amount = data.draw(st.integers(1, 100_000))
                usable = state.usable_points(at.date())
                points = data.draw(st.integers(0, min(usable, amount)))
                stored = data.draw(st.integers(0, min(state.stored_cents, amount - points)))
                cards.spend(
                    db, card_id=vip, amount_cents=amount, ref=f"S{i}", from_stored=stored,
                    points_used=points, venue=data.draw(st.sampled_from(VENUES)), at=at, now=NOW,
                )  # fmt: skip
            elif op == "refund":
                open_bills = [s.ref for s in state.spends if not s.refunded]
                if open_bills:
                    ref = data.draw(st.sampled_from(open_bills))
                    cards.refund(db, card_id=vip, spend_ref=ref, at=at, now=NOW)
            elif op == "expire":
                cards.expire(db, card_id=vip, today=at.date(), now=NOW)
            else:
                stored = data.draw(st.integers(-state.stored_cents, 5_000))
                points = data.draw(st.integers(-state.points, 2_000))
                if stored or points:
                    cards.adjust(
                        db, card_id=vip, reason="correction", stored_cents=stored,
                        points=points, at=at, now=NOW,
                    )  # fmt: skip
        except CustValueError as error:  # pragma: no cover - a valid operation was drawn
            pytest.fail(f"{op} refused: {error.code} {error.message()}")
        stored_cents, points = _balances(db, vip)
        assert stored_cents >= 0 and points >= 0
        ids = [m.movement_id for m in _stored(db, vip)]
        assert ids == list(range(1, len(ids) + 1))


def test_a_failure_inside_the_transaction_leaves_no_movement(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from custvalue.app import users

    vip = cards.open_card(db, holder="王五", at=_at("2024-03-01 09:00"), now=NOW).card_id
    cards.recharge(db, card_id=vip, amount_cents=50_000, at=_at("2024-03-01 10:00"), now=NOW)
    before = (_balances(db, vip), len(_stored(db, vip)), db.scalar("SELECT count(*) FROM audit"))

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(users, "audit", broken)
    with pytest.raises(RuntimeError):
        cards.spend(
            db, card_id=vip, amount_cents=30_000, ref="B1", from_stored=30_000,
            at=_at("2024-03-02 12:00"), now=NOW,
        )  # fmt: skip
    with pytest.raises(RuntimeError):
        cards.open_card(db, holder="赵六", now=NOW)
    with pytest.raises(RuntimeError):
        cards.adjust(db, card_id=vip, reason="x", points=10, at=_at("2024-03-02 12:00"), now=NOW)
    monkeypatch.undo()
    after = (_balances(db, vip), len(_stored(db, vip)), db.scalar("SELECT count(*) FROM audit"))
    assert after == before
    assert db.scalar("SELECT count(*) FROM cards") == 1
    # and the card works on: the same bill goes through now
    done = cards.spend(
        db, card_id=vip, amount_cents=30_000, ref="B1", from_stored=30_000,
        at=_at("2024-03-02 12:00"), now=NOW,
    )  # fmt: skip
    assert done.movement_ids == (2, 3)


def _card_with_points(url: str) -> str:
    with connect(url) as db:
        vip = cards.open_card(db, holder="竞争", at=_at("2024-01-01 08:00"), now=NOW).card_id
        cards.recharge(db, card_id=vip, amount_cents=100_000, at=_at("2024-01-01 09:00"), now=NOW)
        cards.spend(
            db, card_id=vip, amount_cents=60_000, ref="R0", from_stored=60_000,
            at=_at("2024-01-01 10:00"), now=NOW,
        )  # fmt: skip
    return vip


@pytest.mark.postgres
@pytest.mark.parametrize("what", ["points", "stored"])
def test_two_redemptions_racing_on_postgresql_cannot_both_pass(
    pg_server: Any, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    url = pg_server.new_database()
    vip = _card_with_points(url)  # 400 元 stored, 3 000 points
    real_load = cards._load

    def slow_load(db: Database, card_id: str) -> list[Movement]:
        loaded = real_load(db, card_id)
        time.sleep(0.3)  # hold the card: the other connection must wait for this one
        return loaded

    monkeypatch.setattr(cards, "_load", slow_load)
    start = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def redeem(name: str) -> None:
        with connect(url) as db:
            start.wait()
            try:
                outcomes[name] = cards.spend(
                    db, card_id=vip, amount_cents=40_000, ref=f"bill-{name}",
                    points_used=3000 if what == "points" else 0,
                    from_stored=40_000 if what == "stored" else 0,
                    at=_at("2024-01-02 12:00"), now=NOW,
                )  # fmt: skip
            except CustValueError as error:
                outcomes[name] = error

    threads = [threading.Thread(target=redeem, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [o for o in outcomes.values() if isinstance(o, cards.CardPosted)]
    lost = [o for o in outcomes.values() if isinstance(o, CustValueError)]
    assert len(won) == 1 and len(lost) == 1
    expected = "card.points_short" if what == "points" else "cards.stored_short"
    assert lost[0].code == expected
    monkeypatch.undo()
    with connect(url) as db:
        winner = won[0]
        # 400 元 bill: with 3 000 points (30 元) 370 元 paid → 370 × 5 % × 1.1 = 2 035
        # points; from stored value all 400 元 paid → 2 200 points
        if what == "points":
            assert _balances(db, vip) == (40_000, 2035)
        else:
            assert _balances(db, vip) == (0, 3000 + 2200)
        assert winner.movements[0].ref in {"bill-a", "bill-b"}
        refs = {m.ref for m in _stored(db, vip) if m.kind == "spend"}
        assert refs == {"R0", winner.movements[0].ref}


def test_two_connections_racing_on_duckdb_refuse_the_later_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DuckDB only: PostgreSQL serialises on the row lock (the test above)
    db_url = str(tmp_path / "race.db")
    vip = _card_with_points(db_url)
    real_append = cards._append
    with connect(db_url) as db:
        other = db.another()
        raced: list[Any] = []

        def racing_append(on: Database, movements: Any, who: str, stamp: datetime) -> None:
            if not raced:  # another connection of this process spends the same points first
                raced.append(on)
                cards.spend(
                    other, card_id=vip, amount_cents=40_000, ref="other", points_used=3000,
                    at=_at("2024-01-02 12:00"), now=NOW,
                )  # fmt: skip
            real_append(on, movements, who, stamp)

        monkeypatch.setattr(cards, "_append", racing_append)
        with pytest.raises(DataValidationError) as busy:
            cards.spend(
                db, card_id=vip, amount_cents=40_000, ref="mine", points_used=3000,
                at=_at("2024-01-02 12:00"), now=NOW,
            )  # fmt: skip
        assert busy.value.code == "cards.busy"
        monkeypatch.undo()
        other.close()
        assert _balances(db, vip) == (40_000, 2035)
        assert {m.ref for m in _stored(db, vip)} == {"", "R0", "other"}
        # tried again, it is computed from the new balances and refused for what it is
        with pytest.raises(DataValidationError) as short:
            cards.spend(
                db, card_id=vip, amount_cents=40_000, ref="mine", points_used=3000,
                at=_at("2024-01-02 12:00"), now=NOW,
            )  # fmt: skip
        assert short.value.code == "card.points_short"


def test_referral_reward_points(db: Database) -> None:
    _ledger(db)
    assert cards.post_reward_points(db, customer_id="A", points=800, ref="rw1", at=NOW) is None
    first = cards.open_card(db, customer_id="A", at=_at("2024-01-01 09:00"), now=NOW).card_id
    cards.open_card(db, customer_id="A", card_id="A-2", at=_at("2024-02-01 09:00"), now=NOW)
    cards.recharge(db, card_id=first, amount_cents=1_000, at=_at("2024-06-01 10:00"), now=NOW)
    # credited to the first open card, at its last movement when given earlier
    paid = cards.post_reward_points(
        db, customer_id="A", points=800, ref="rw1", at=_at("2024-05-01 00:00"), actor="referrals"
    )
    assert paid == 2
    (m,) = [m for m in _stored(db, first) if m.movement_id == paid]
    assert (m.kind, m.points, m.note, m.ref) == ("adjust", 800, "referral reward rw1", "rw1")
    assert m.at == _at("2024-06-01 10:00") and m.expires_on == date(2025, 6, 1)
    # posted again (a retry): the same movement, nothing more
    again = cards.post_reward_points(db, customer_id="A", points=800, ref="rw1", at=NOW)
    assert again == paid and _balances(db, first) == (1_000, 800)
    # a clawback takes at most what is left
    cards.spend(
        db, card_id=first, amount_cents=600, ref="X", points_used=500,
        at=_at("2024-07-01 10:00"), now=NOW,
    )  # fmt: skip
    points_now = _balances(db, first)[1]
    clawed = cards.post_reward_points(
        db, customer_id="A", points=-800, ref="rw1", at=_at("2024-08-01 10:00")
    )
    assert clawed is not None
    assert _balances(db, first)[1] == 0
    assert -sum(m.points for m in _stored(db, first) if m.movement_id >= clawed) == points_now
    assert cards.post_reward_points(db, customer_id="A", points=-5, ref="rw2", at=NOW) is None
    audit = db.fetchall("SELECT user_name FROM audit WHERE action = 'card.reward'")
    assert ("referrals",) in audit
    with pytest.raises(DataValidationError) as zero:
        cards.post_reward_points(db, customer_id="A", points=0, ref="rw3", at=NOW)
    assert zero.value.code == "cards.adjust_nothing"
    with pytest.raises(DataValidationError) as when:
        cards.post_reward_points(
            db,
            customer_id="A",
            points=5,
            ref="rw3",
            at="today",  # type: ignore[arg-type]
        )
    assert when.value.code == "card.bad_time"


def test_the_policy_in_force(db: Database) -> None:
    setup = cards.card_setup(db)
    assert (setup.policy_source, setup.tiers_source) == ("default", "default")
    assert setup.policy.earn_rate == cards.CardPolicy().earn_rate
    changed = cards.set_card_policy(
        db, {"earn_rate": "0.1", "expiry_days": "never", "earn_on_points": "yes"},
        actor="cli:t", now=NOW,
    )  # fmt: skip
    assert str(changed.policy.earn_rate) == "0.1" and changed.policy.expiry_days is None
    assert changed.policy.earn_on_points and changed.policy_source == "settings"
    vip = cards.open_card(db, holder="x", at=_at("2024-01-01 08:00"), now=NOW).card_id
    done = cards.spend(db, card_id=vip, amount_cents=10_000, ref="a", at=_at("2024-01-02"), now=NOW)
    assert done.total("earn") == 1000 and done.movements[-1].expires_on is None
    tiers = cards.set_card_policy(
        db,
        {"tiers": {"base": {"threshold": 0}, "vip": {"threshold": 50, "earn_multiplier": "2",
                                                      "name": "贵宾", "name_en": "VIP"}},
         "registration_bonus": "10"},
        now=NOW,
    )  # fmt: skip
    assert [t.key for t in tiers.tiers.tiers] == ["base", "vip"]
    assert tiers.tier_policy.registration_bonus == 10
    # growth 10 + 100 = 110 ≥ 50: vip, points × 2
    detail = cards.card_state(db, vip, as_of=NOW.date())
    assert (detail.tier.key, detail.growth, detail.next_tier) == ("vip", 110, None)
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'card.policy'") == 2
    for mapping, code in (
        ({"earn_percent": "5"}, "card.unknown_setting"),
        ({"earn_rate": "lots"}, "card.bad_rate"),
        ({"earn_rate": "0.6"}, "card.earn_above_value"),  # × 2 at vip: points above money
        ({"earn_on_points": "maybe"}, "cards.bad_setting"),
        ({"point_value_cents": "two"}, "cards.bad_setting"),
        ({"rounding": "up"}, "validation.choice"),
        ({"tiers": {"a": {"threshold": 5}}}, "card.tier_thresholds"),
        ({"tiers": ["a"]}, "card.tier_not_mapping"),
    ):
        with pytest.raises(DataValidationError) as refused:
            cards.set_card_policy(db, mapping, now=NOW)
        assert refused.value.code == code, mapping
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'card.policy'") == 2


def test_a_policy_that_would_break_a_stored_ledger_is_refused(db: Database) -> None:
    cards.set_card_policy(db, {"point_value_cents": 2}, now=NOW)
    vip = cards.open_card(db, holder="y", at=_at("2024-01-01 08:00"), now=NOW).card_id
    t0 = _at("2024-01-02 09:00")
    cards.recharge(db, card_id=vip, amount_cents=150_000, at=t0, now=NOW)
    cards.spend(  # 5 000 points
        db, card_id=vip, amount_cents=100_000, ref="big", from_stored=100_000, at=t0, now=NOW
    )
    cards.spend(
        db, card_id=vip, amount_cents=20_000, ref="use", points_used=5000, from_stored=10_000,
        at=t0, now=NOW,
    )  # fmt: skip
    done = cards.refund(db, card_id=vip, spend_ref="big", at=t0, now=NOW)
    assert any(m.stored_cents < 0 for m in done.movements)  # used points charged at 2 分
    with pytest.raises(DataValidationError) as refused:
        cards.set_card_policy(db, {"point_value_cents": 1}, now=NOW)
    assert refused.value.code == "cards.policy_breaks_ledger"
    assert cards.card_policy(db).point_value_cents == 2


def test_refusals(db: Database) -> None:
    _ledger(db)
    vip = cards.open_card(db, customer_id="B", at=_at("2024-01-01 09:00"), now=NOW).card_id
    cards.recharge(db, card_id=vip, amount_cents=10_000, at=_at("2024-01-02 09:00"), now=NOW)
    fresh = cards.open_card(db, holder="新会员", at=_at("2024-01-01 09:00"), now=NOW).card_id
    cases: list[tuple[str, Any]] = [
        ("cards.needs_holder", lambda: cards.open_card(db, now=NOW)),
        ("cards.unknown_customer", lambda: cards.open_card(db, customer_id="ZZ", now=NOW)),
        ("cards.card_exists", lambda: cards.open_card(
            db, card_id="vip000001", holder="x", now=NOW)),
        ("cards.bad_card_id", lambda: cards.open_card(db, card_id="A B", holder="x", now=NOW)),
        ("cards.too_long", lambda: cards.open_card(db, holder="x" * 201, now=NOW)),
        ("cards.bad_number", lambda: cards.open_card(db, holder="x", points=-1, now=NOW)),
        ("cards.future_time", lambda: cards.open_card(
            db, holder="x", at=NOW + timedelta(1), now=NOW)),
        ("cards.unknown_card", lambda: cards.recharge(db, card_id="nope", amount_cents=1, now=NOW)),
        ("cards.needs_text", lambda: cards.recharge(db, card_id=" ", amount_cents=1, now=NOW)),
        ("card.bad_amount", lambda: cards.recharge(db, card_id=vip, amount_cents=0, now=NOW)),
        ("cards.bad_number", lambda: cards.recharge(db, card_id=vip, amount_cents=1.5, now=NOW)),
        ("cards.before_last", lambda: cards.recharge(
            db, card_id=vip, amount_cents=100, at=_at("2024-01-01 12:00"), now=NOW)),
        ("cards.before_opened", lambda: cards.recharge(
            db, card_id=fresh, amount_cents=100, at=_at("2023-12-31 12:00"), now=NOW)),
        ("cards.needs_text", lambda: cards.spend(
            db, card_id=vip, amount_cents=100, ref="", now=NOW)),
        ("cards.exceeds_bill", lambda: cards.spend(
            db, card_id=vip, amount_cents=100, ref="b", from_stored=200, now=NOW)),
        ("cards.stored_short", lambda: cards.spend(
            db, card_id=vip, amount_cents=20_000, ref="b", from_stored=20_000, now=NOW)),
        ("card.points_short", lambda: cards.spend(
            db, card_id=vip, amount_cents=20_000, ref="b", points_used=1, now=NOW)),
        ("card.unknown_spend", lambda: cards.refund(db, card_id=vip, spend_ref="nope", now=NOW)),
        ("cards.adjust_nothing", lambda: cards.adjust(db, card_id=vip, reason="x", now=NOW)),
        ("cards.needs_text", lambda: cards.adjust(db, card_id=vip, reason=" ", points=5, now=NOW)),
        ("cards.stored_short", lambda: cards.adjust(
            db, card_id=vip, reason="x", stored_cents=-10_001, now=NOW)),
        ("card.points_short", lambda: cards.adjust(
            db, card_id=vip, reason="x", points=-1, now=NOW)),
        ("cards.future_time", lambda: cards.expire(db, today=date(2025, 6, 2), now=NOW)),
        ("card.bad_time", lambda: cards.expire(db, today="2025-01-01", now=NOW)),
        ("cards.unknown_card", lambda: cards.card_state(db, "nope")),
        ("card.bad_period", lambda: cards.card_statement(
            db, vip, start=date(2024, 2, 1), end=date(2024, 1, 1))),
        ("validation.number_range", lambda: cards.list_cards(db, limit=0)),
    ]  # fmt: skip
    for code, call in cases:
        with pytest.raises(CustValueError) as refused:
            call()
        assert refused.value.code == code, (code, refused.value.code)
    cards.spend(db, card_id=vip, amount_cents=100, ref="b1", now=NOW)
    with pytest.raises(DataValidationError) as twice:
        cards.spend(db, card_id=vip, amount_cents=100, ref="b1", now=NOW)
    assert twice.value.code == "card.duplicate_ref"
    db.execute("UPDATE cards SET closed_at = ? WHERE card_id IN (?, ?)", [NOW, vip, fresh])
    with pytest.raises(DataValidationError) as closed:
        cards.recharge(db, card_id=vip, amount_cents=100, now=NOW)
    assert closed.value.code == "cards.closed"
    assert cards.expire(db, now=NOW).checked == 0  # a closed card is not visited
    assert cards.list_cards(db, open_only=True).total == 0
    assert _balances(db, vip) == (10_000, 5)


def test_venues_are_codes_when_known() -> None:
    assert cards.venue_code("客房") == "rooms" and cards.venue_code(" Restaurant ") == "restaurant"
    assert cards.venue_code("水疗") == "spa" and cards.venue_code("大堂咖啡") == "大堂咖啡"
    assert cards.venue_code(None) == ""


MEMBERS = (
    "卡号,客户编号,持卡人,开卡日期,储值余额,积分,积分到期日\n"
    'M001,A,,2023-03-01,"1,200.50",3000,2025-12-31\n'  # line 2: good
    "M002,,李雷,2023-04-01,0,0,\n"  # 3: good, no balances
    "M003,ZZ,,2023-04-01,10,0,\n"  # 4: unknown customer
    "M004,,,2023-04-01,10,0,\n"  # 5: neither customer nor holder
    "M005,,韩梅梅,2023-04-01,-5,0,\n"  # 6: negative stored value
    "M006,,韩梅梅,2023-04-01,10,2.5,\n"  # 7: points not whole
    "M007,,韩梅梅,someday,10,0,\n"  # 8: not a date
    "VIP000001,,韩梅梅,2023-04-01,10,0,\n"  # 9: already stored
    "M009,,韩梅梅,2026-01-01,10,0,\n"  # 10: opened in the future
    'M001,A,,2023-03-01,"1,200.50",3000,2025-12-31\n'  # 11: an identical repeat
    "M010,,A,2023-04-01,10,abc,\n"  # 12: points not a number
)


def test_member_list_import_names_every_bad_row(db: Database, tmp_path: Path) -> None:
    _ledger(db)
    cards.open_card(db, holder="先来", at=_at("2023-01-01 09:00"), now=NOW)
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    with pytest.raises(StrictImportError):
        cards.member_import(db, path, strict=True, now=NOW)
    assert db.scalar("SELECT count(*) FROM cards") == 1  # strict: nothing stored
    result = cards.member_import(db, path, actor="cli:t", now=NOW)
    assert (result.imported, result.duplicates) == (2, 1)
    refused = {r.line: (r.column, r.value, r.reason) for r in result.rejected}
    assert refused[4] == ("客户编号", "ZZ", "cards.import_unknown_customer")
    assert refused[5][2] == "cards.import_needs_holder"
    assert refused[6][:2] == ("储值余额", "-5")
    assert refused[7] == ("积分", "2.5", "cards.import_not_whole")
    assert refused[8][:2] == ("开卡日期", "someday")
    assert refused[9] == ("卡号", "VIP000001", "cards.import_card_exists")
    assert refused[10][2] == "cards.import_opened_future"
    assert refused[12][:2] == ("积分", "abc")
    assert sorted(refused) == [4, 5, 6, 7, 8, 9, 10, 12]
    assert all(r.message("zh") and r.message("en") for r in result.rejected)
    # the balances carried over, one lot expiring on the given day
    assert _balances(db, "M001") == (120_050, 3000)
    m001 = cards.card_state(db, "M001", as_of=NOW.date())
    assert m001.card["customer_id"] == "A" and m001.card["import_id"] == result.import_id
    ((kind, expires),) = [(lot.kind, lot.expires_on) for lot in m001.state.lots]
    assert (kind, expires) == ("opening", date(2025, 12, 31))
    assert _balances(db, "M002") == (0, 0) and _stored(db, "M002") == []
    assert db.scalar("SELECT kind FROM imports WHERE import_id = ?", [result.import_id]) == "cards"
    # imported again: every card is already there, nothing counted twice
    again = cards.member_import(db, path, now=NOW)
    assert again.imported == 0
    assert {r.line for r in again.rejected if r.reason == "cards.import_card_exists"} >= {2, 3}
    assert db.scalar("SELECT count(*) FROM cards") == 3
    with pytest.raises(CustValueError) as missing:
        cards.member_import(db, tmp_path / "none.csv", now=NOW)
    assert missing.value.code == "import.file_missing"
    with pytest.raises(NotFoundError):
        cards.card_state(db, "M003")


def test_a_reward_earned_before_the_card_arrives_when_it_opened(db: Database) -> None:
    _ledger(db)
    vip = cards.open_card(db, customer_id="A", at=_at("2024-03-01 09:00"), now=NOW).card_id
    paid = cards.post_reward_points(
        db, customer_id="A", points=300, ref="old", at=_at("2023-06-01 10:00"), actor="t"
    )
    (m,) = [m for m in _stored(db, vip) if m.movement_id == paid]
    assert m.at == _at("2024-03-01 09:00") and m.points == 300

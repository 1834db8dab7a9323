"""The referral programme over the store, on both engines: claims (the first bound wins,
self-referrals and later claims kept and refused), rewards pending through the refund
window then paid once, clawed back once on a refund, points onto the member card (and
waiting for one), the ledger's referrals as claims, excellent customers and the doubling
plan worked by hand."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from custvalue.app import referrals
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.exceptions import DataValidationError, NotFoundError

NOW = datetime(2024, 7, 10, 9, 0)


def _ledger(db: Database) -> None:
    """Six customers; B was referred by A and E by B in the ledger; D's order is refunded
    after the refund window, E's second order inside it."""
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {
                    "customer_id": ["A", "B", "C", "D", "E", "F"],
                    "name": ["甲", "乙", "丙", "丁", "戊", "己"],
                    "acquired_on": [
                        "2023-01-01",
                        "2023-02-01",
                        "2024-03-01",
                        "2024-03-05",
                        "2024-04-10",
                        "2024-05-01",
                    ],
                    "referred_by": [None, "A", None, None, "B", None],
                    "industry": ["制造", "零售", "制造", None, "制造", None],
                    "size": ["SMB", None, "Enterprise", None, "SMB", None],
                }
            ),  # fmt: skip
            "orders": pl.DataFrame(
                {
                    "order_id": ["o1", "o2", "o3", "o4", "r1", "o5", "o6", "o7", "r2", "o8"],
                    "customer_id": ["A", "B", "C", "D", "D", "A", "E", "E", "E", "E"],
                    "date": [
                        "2023-01-05 10:00",
                        "2023-02-03 10:00",
                        "2024-03-02 10:00",
                        "2024-03-06 10:00",
                        "2024-05-01 10:00",
                        "2024-02-01 10:00",
                        "2024-04-12 10:00",
                        "2024-04-20 10:00",
                        "2024-04-25 10:00",
                        "2024-06-01 10:00",
                    ],
                    "amount": [
                        "1000.00",
                        "300.00",
                        "500.00",
                        "800.00",
                        "-800.00",
                        "2000.00",
                        "150.00",
                        "400.00",
                        "-400.00",
                        "600.00",
                    ],
                }
            ),  # fmt: skip
        },
        source="ledger",
    )


def _cash_rules(db: Database, **extra: int) -> None:
    referrals.set_rules(
        db, referrer_reward=5000, kind="cash", referee_reward=1000, min_order_cents=20000,
        freeze_days=30, actor="cli:test", now=NOW, **extra,
    )  # fmt: skip


def _credit(db: Database, day: date, **extra: object) -> referrals.Credited:
    now = datetime.combine(day, datetime.min.time()).replace(hour=12)
    return referrals.credit(db, as_of=day, actor="cli:test", now=now, **extra)  # type: ignore[arg-type]


def test_the_first_bound_wins_and_refused_claims_are_kept(db: Database) -> None:
    _ledger(db)
    first = referrals.bind(
        db, referee_id="C", referrer_id="A", at=datetime(2024, 3, 1, 9), actor="cli:t", now=NOW
    )
    assert (first.status, first.reason, first.credited_referrer) == ("credited", None, "A")
    later = referrals.bind(
        db, referee_id="C", referrer_id="B", at=datetime(2024, 3, 1, 12), now=NOW
    )
    assert (later.status, later.reason, later.credited_referrer) == (
        "refused", "already_credited", "A",
    )  # fmt: skip
    again = referrals.bind(db, referee_id="C", referrer_id="A", source="link", now=NOW)
    assert (again.status, again.reason) == ("refused", "duplicate")
    itself = referrals.bind(db, referee_id="D", referrer_id="D", at=datetime(2024, 3, 5), now=NOW)
    assert (itself.status, itself.reason, itself.credited_referrer) == (
        "refused", "self_referral", None,
    )  # fmt: skip
    old = referrals.bind(db, referee_id="A", referrer_id="B", at=datetime(2024, 6, 1), now=NOW)
    assert (old.status, old.reason) == ("refused", "ordered_before_binding")
    claims = referrals.list_claims(db, customer_id="C", as_of=NOW).table
    assert claims["status"].to_list() == ["credited", "refused", "refused"]
    assert claims["claim_id"].to_list() == [first.claim_id, later.claim_id, again.claim_id]
    # as of a moment before the later claims, only the first one exists
    early = referrals.list_claims(db, as_of=datetime(2024, 3, 1, 10)).table
    assert early["claim_id"].to_list() == [first.claim_id]
    audit = db.fetchall("SELECT action, target FROM audit WHERE action = 'referrals.bind'")
    assert len(audit) == 5 and ("referrals.bind", "C") in audit


def test_bind_refusals_leave_nothing_behind(db: Database) -> None:
    _ledger(db)
    with pytest.raises(NotFoundError) as unknown:
        referrals.bind(db, referee_id="Z9", referrer_id="A", now=NOW)
    assert unknown.value.code == "referrals.unknown_customer" and "Z9" in unknown.value.message()
    with pytest.raises(NotFoundError) as no_referrer:
        referrals.bind(db, referee_id="C", referrer_id=" ", now=NOW)
    assert no_referrer.value.code == "referrals.unknown_customer"
    with pytest.raises(DataValidationError) as ahead:
        referrals.bind(db, referee_id="C", referrer_id="A", at=datetime(2024, 7, 11), now=NOW)
    assert ahead.value.code == "referrals.in_future"
    with pytest.raises(DataValidationError) as source:
        referrals.bind(db, referee_id="C", referrer_id="A", source="poster", now=NOW)
    assert source.value.code == "validation.choice"
    assert db.scalar("SELECT count(*) FROM referral_claims") == 0


def test_a_reward_is_pending_then_earned_after_the_freeze_and_paid_once(db: Database) -> None:
    _ledger(db)
    _cash_rules(db)
    referrals.bind(db, referee_id="C", referrer_id="A", at=datetime(2024, 3, 1, 9), now=NOW)
    pending = _credit(db, date(2024, 3, 20))
    assert pending.payouts.height == 0 and db.scalar("SELECT count(*) FROM referral_payouts") == 0
    states = dict(pending.credits.rewards.select("role", "state").iter_rows())
    assert states == {"referrer": "pending", "referee": "pending"}
    assert pending.credits.rewards["release_at"][0] == datetime(2024, 4, 1, 10)
    paid = _credit(db, date(2024, 4, 5))
    table = {r["role"]: r for r in paid.payouts.iter_rows(named=True)}
    assert (table["referrer"]["beneficiary_id"], table["referrer"]["amount"]) == ("A", 5000)
    assert (table["referee"]["beneficiary_id"], table["referee"]["amount"]) == ("C", 1000)
    assert table["referrer"]["happened_at"] == datetime(2024, 4, 1, 10)
    assert table["referrer"]["card_id"] is None  # cash: for the cashier, no card
    assert paid.totals == {
        "points_paid": 0, "points_clawed_back": 0, "cash_paid_cents": 6000,
        "cash_clawed_back_cents": 0,
    }  # fmt: skip
    # running again pays nothing twice; a dry run shows nothing either
    assert _credit(db, date(2024, 4, 5)).payouts.height == 0
    assert _credit(db, date(2024, 4, 6), dry_run=True).payouts.height == 0
    assert db.scalar("SELECT count(*) FROM referral_payouts") == 2
    stored = db.fetchall("SELECT event_id, paid_by FROM referral_payouts ORDER BY event_id")
    assert stored == [("o3/referee/pay", "cli:test"), ("o3/referrer/pay", "cli:test")]
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'referrals.credit'") == 1


def test_too_small_and_refunded_in_the_window_orders_do_not_qualify(db: Database) -> None:
    _ledger(db)
    _cash_rules(db)
    referrals.bind(db, referee_id="E", referrer_id="B", at=datetime(2024, 4, 10), now=NOW)
    # o6 is below the smallest order, o7 is refunded (r2) inside its window: o8 qualifies
    waiting = _credit(db, date(2024, 6, 15))
    rewards = waiting.credits.rewards.filter(pl.col("role") == "referrer")
    assert rewards.select("order_id", "state").rows() == [("o8", "pending")]
    assert waiting.payouts.height == 0
    paid = _credit(db, date(2024, 7, 5))
    assert set(paid.payouts["order_id"]) == {"o8"} and paid.totals["cash_paid_cents"] == 6000


def test_a_refund_claws_back_once_what_was_paid(db: Database) -> None:
    _ledger(db)
    _cash_rules(db)
    referrals.bind(db, referee_id="D", referrer_id="B", at=datetime(2024, 3, 5, 9), now=NOW)
    assert _credit(db, date(2024, 4, 10)).totals["cash_paid_cents"] == 6000
    # the rules change before the refund: the clawback takes back what was paid
    referrals.set_rules(db, referrer_reward=9000, referee_reward=3000, now=NOW)
    back = _credit(db, date(2024, 5, 10))
    moves = sorted(back.payouts.select("event_id", "amount", "happened_at").rows())
    assert moves == [
        ("o4/referee/claw_back", -1000, datetime(2024, 5, 1, 10)),
        ("o4/referrer/claw_back", -5000, datetime(2024, 5, 1, 10)),
    ]
    assert back.totals["cash_clawed_back_cents"] == 6000
    assert _credit(db, date(2024, 5, 11)).payouts.height == 0
    net = db.fetchall(
        "SELECT beneficiary_id, sum(amount) FROM referral_payouts GROUP BY beneficiary_id "
        "ORDER BY beneficiary_id"
    )
    assert [(b, int(a)) for b, a in net] == [("B", 0), ("D", 0)]
    assert db.scalar("SELECT count(*) FROM referral_payouts") == 4
    board = referrals.leaderboard(db, as_of=date(2024, 5, 11), month="2024-03").table
    row = board.filter(pl.col("referrer_id") == "B").row(0, named=True)
    assert (row["bound"], row["conversions"], row["clawed_back"], row["name"]) == (1, 0, 1, "乙")


def test_refunds_are_linked_to_the_order_they_most_likely_return() -> None:
    t = datetime
    orders = pl.DataFrame(
        {
            "order_id": ["x0", "s1", "s2", "x1", "x2", "k1", "b1"],
            "customer_id": ["P", "P", "P", "P", "P", "P", "Q"],
            "ordered_at": [t(2024, 1, 1), t(2024, 1, 2), t(2024, 1, 3), t(2024, 1, 4),
                           t(2024, 1, 5), t(2024, 1, 6), t(2024, 1, 1)],
            "amount_cents": [-100, 1000, 300, -500, -600, 200, 400],
            "kind": ["refund", None, None, None, "refund", "refund", None],
        }
    )  # fmt: skip
    linked, unlinked = referrals.link_refunds(orders)
    refund_of = dict(linked.select("order_id", "refund_of").iter_rows())
    # x0 comes before any order: left out; x1 (500) skips s2 (300 < 500) for s1; x2 (600)
    # fits no order any more (s1 has 500 left, s2 300): the most recent earlier one, s2;
    # k1 (a refund by its kind although its amount is positive) fits s1's 500 left
    assert unlinked == 1 and "x0" not in refund_of
    assert (refund_of["x1"], refund_of["x2"], refund_of["k1"]) == ("s1", "s2", "s1")
    assert refund_of["s1"] is None and refund_of["b1"] is None
    amounts = dict(linked.select("order_id", "amount_cents").iter_rows())
    assert (amounts["k1"], amounts["x1"], amounts["s1"]) == (-200, -500, 1000)


def test_rules_are_validated_changed_in_part_and_audited(db: Database) -> None:
    _ledger(db)
    assert referrals.reward_rules(db) is None
    with pytest.raises(DataValidationError) as first:
        referrals.set_rules(db, freeze_days=10)
    assert first.value.code == "referrals.no_rules"
    with pytest.raises(DataValidationError) as nothing:
        referrals.credit(db, now=NOW)
    assert nothing.value.code == "referrals.no_rules"
    rules = referrals.set_rules(db, referrer_reward=500, actor="cli:test", now=NOW)
    assert (rules.kind, rules.referrer_reward, rules.freeze_days, rules.monthly_cap) == (
        "points", 500, 30, None,
    )  # fmt: skip
    with pytest.raises(DataValidationError) as unit:
        referrals.set_rules(db, kind="cash")
    assert unit.value.code == "referrals.restate_rewards"
    rules = referrals.set_rules(db, kind="cash", referrer_reward=5000, monthly_cap=3, now=NOW)
    assert (rules.kind, rules.referrer_reward, rules.monthly_cap) == ("cash", 5000, 3)
    assert referrals.set_rules(db, monthly_cap=0, reearn=True, now=NOW).monthly_cap is None
    changed = referrals.set_rules(db, freeze_days=7, now=NOW)
    assert referrals.reward_rules(db) == changed and changed.freeze_days == 7
    for bad, code in (
        ({"referrer_reward": -5}, "validation.number_range"),
        ({"referrer_reward": 1.5}, "validation.not_whole"),
        ({"freeze_days": 5000}, "validation.number_range"),
        ({"kind": "coupon"}, "validation.choice"),
    ):
        with pytest.raises(DataValidationError) as refused:
            referrals.set_rules(db, **bad)  # type: ignore[arg-type]
        assert refused.value.code == code
    lines = db.fetchall("SELECT action, user_name FROM audit WHERE action = 'referrals.rules'")
    assert len(lines) == 4 and lines[0] == ("referrals.rules", "cli:test")


def test_credit_and_leaderboard_refusals(db: Database) -> None:
    _ledger(db)
    _cash_rules(db)
    with pytest.raises(DataValidationError) as ahead:
        referrals.credit(db, as_of=date(2024, 7, 11), now=NOW)
    assert ahead.value.code == "referrals.in_future"
    # a dry run may look ahead; today means now
    assert referrals.credit(db, as_of=date(2024, 8, 1), dry_run=True, now=NOW).dry_run
    assert referrals.credit(db, as_of=NOW.date(), now=NOW).as_of == NOW
    with pytest.raises(DataValidationError) as month:
        referrals.leaderboard(db, month="2024-13")
    assert month.value.code == "referrals.bad_month"


def test_a_claim_cannot_take_away_a_paid_credit(db: Database) -> None:
    _ledger(db)
    _cash_rules(db)
    referrals.bind(db, referee_id="C", referrer_id="A", at=datetime(2024, 3, 1, 9), now=NOW)
    _credit(db, date(2024, 4, 5))
    with pytest.raises(DataValidationError) as paid:
        referrals.bind(db, referee_id="C", referrer_id="B", at=datetime(2024, 2, 28), now=NOW)
    assert paid.value.code == "referrals.credit_paid" and "A" in paid.value.message()
    assert db.scalar("SELECT count(*) FROM referral_claims") == 1
    later = referrals.bind(db, referee_id="C", referrer_id="B", at=datetime(2024, 4, 6), now=NOW)
    assert later.reason == "already_credited"


def test_the_ledgers_referrals_become_claims_once(db: Database) -> None:
    _ledger(db)
    db.execute("UPDATE customers SET referred_by = 'F' WHERE customer_id = 'F'")
    db.execute("UPDATE customers SET referred_by = 'ZZ' WHERE customer_id = 'D'")
    db.execute("INSERT INTO customers (customer_id, name, referred_by) VALUES ('G', '庚', 'A')")
    done = referrals.import_ledger_claims(db, actor="cli:test", now=NOW)
    assert (done.imported, done.already, done.unknown_referrer, done.self_referral) == (2, 0, 1, 1)
    assert done.undated == 1
    claims = db.fetchall(
        "SELECT referee_id, referrer_id, bound_at, source, created_by FROM referral_claims "
        "ORDER BY referee_id"
    )
    assert claims == [
        ("B", "A", datetime(2023, 2, 1), "import", "cli:test"),
        ("E", "B", datetime(2024, 4, 10), "import", "cli:test"),
    ]
    again = referrals.import_ledger_claims(db, now=NOW)
    assert (again.imported, again.already) == (0, 2)
    # an acquisition date after the first order: bound at the first order
    db.execute("UPDATE customers SET acquired_on = DATE '2024-05-01' WHERE customer_id = 'C'")
    db.execute("UPDATE customers SET referred_by = 'A' WHERE customer_id = 'C'")
    assert referrals.import_ledger_claims(db, now=NOW).imported == 1
    bound = db.scalar("SELECT bound_at FROM referral_claims WHERE referee_id = 'C'")
    assert bound == datetime(2024, 3, 2, 10)
    _cash_rules(db)
    credited = referrals.list_claims(db, as_of=NOW).table
    assert set(credited["status"]) == {"credited"}


def test_points_go_onto_the_card_and_wait_for_one(db: Database) -> None:
    from custvalue.app.card import open_card

    _ledger(db)
    referrals.set_rules(db, referrer_reward=500, referee_reward=100, kind="points", now=NOW)
    referrals.bind(db, referee_id="C", referrer_id="A", at=datetime(2024, 3, 1, 9), now=NOW)
    first = _credit(db, date(2024, 4, 5))
    assert first.totals["points_paid"] == 600 and first.waiting_for_card == 2
    assert first.payouts["card_id"].null_count() == 2
    card = open_card(db, customer_id="A", at=datetime(2024, 4, 6, 9), now=NOW).card_id
    later = _credit(db, date(2024, 4, 6))
    assert (later.payouts.height, later.posted_now, later.waiting_for_card) == (0, 1, 1)
    row = db.fetchall(
        "SELECT card_id, movement_id FROM referral_payouts WHERE event_id = 'o3/referrer/pay'"
    )[0]
    assert row[0] == card and row[1] is not None
    points = db.fetchall(
        "SELECT points, ref FROM card_movements WHERE card_id = ? AND movement_id = ?",
        [card, row[1]],
    )
    assert points == [(500, "o3/referrer/pay")]
    # C's order refunded: A's points come off the card, C's waiting reward is cancelled
    import_frames(
        db,
        {"orders": pl.DataFrame({"order_id": ["r3"], "customer_id": ["C"],
                                 "date": ["2024-04-20 10:00"], "amount": ["-500.00"]})},
        source="ledger",
    )  # fmt: skip
    back = _credit(db, date(2024, 4, 25))
    assert back.totals["points_clawed_back"] == 600 and back.waiting_for_card == 0
    moves = db.fetchall(
        "SELECT points FROM card_movements WHERE card_id = ? AND ref LIKE 'o3/%' "
        "ORDER BY movement_id",
        [card],
    )
    assert [m[0] for m in moves] == [500, -500]
    cancelled = db.fetchall(
        "SELECT action, card_id FROM referral_payouts WHERE beneficiary_id = 'C' ORDER BY action"
    )
    assert cancelled == [("claw_back", None), ("pay", None)]
    assert _credit(db, date(2024, 4, 26)).payouts.height == 0


def _nps(db: Database) -> None:
    for customer, score, day, wave in (
        ("A", 9, "2024-01-10", "w1"), ("A", 6, "2024-05-10", "w2"), ("B", 10, "2024-05-10", "w2"),
        ("E", 7, "2024-06-01", "w2"), ("E", 9, "2024-07-15", "w3"),
    ):  # fmt: skip
        db.execute(
            "INSERT INTO voice_nps (wave, segment, respondent, customer_id, answered_on, score) "
            "VALUES (?, 'all', ?, ?, ?, ?)",
            [wave, f"{customer}-{wave}", customer, date.fromisoformat(day), score],
        )


def test_excellent_customers_by_hand(db: Database) -> None:
    _ledger(db)
    _nps(db)
    day = date(2024, 6, 30)
    criteria = {"min_orders_per_year": 1, "industries": ["制造"], "min_contribution_cents": 40000}
    found = referrals.excellent(db, criteria=criteria, as_of=day)
    table = {r["customer_id"]: r for r in found.table.iter_rows(named=True)}
    a = table["A"]
    years = (day - date(2023, 1, 5)).days / 365.25
    assert a["orders"] == 2 and a["years"] == pytest.approx(years)
    assert a["orders_per_year"] == pytest.approx(2 / years)
    assert (a["contribution_cents"], a["satisfaction"], a["referred"]) == (300000, 6, 1)
    assert (a["industry"], a["size"], a["name"]) == ("制造", "SMB", "甲")
    assert table["D"]["contribution_cents"] == 0  # refunded in full
    assert (table["E"]["orders"], table["E"]["orders_per_year"]) == (3, 3)  # < a year: per year
    assert table["E"]["contribution_cents"] == 75000 and table["E"]["satisfaction"] == 7
    assert table["F"]["orders"] == 0 and table["F"]["years"] is None
    assert {c for c, r in table.items() if r["excellent"]} == {"A", "C", "E"}
    # A referred B: not to ask; E before C by contribution
    assert found.to_ask == ("E", "C") and found.excellent_count == 3
    assert found.table["customer_id"].to_list()[:3] == ["E", "C", "A"]
    strict = referrals.excellent(db, criteria={**criteria, "min_satisfaction": 7}, as_of=day)
    assert strict.to_ask == ("E",)  # A scores 6 now, C never answered
    # a credited claim counts as a referral
    referrals.bind(db, referee_id="D", referrer_id="C", at=datetime(2024, 3, 5, 9), now=NOW)
    assert referrals.excellent(db, criteria=criteria, as_of=day).to_ask == ("E",)


def test_excellent_refusals_and_the_snapshot_value(db: Database) -> None:
    from custvalue.app.snapshots import refresh

    _ledger(db)
    with pytest.raises(DataValidationError) as none:
        referrals.excellent(db, criteria={}, as_of=date(2024, 6, 30))
    assert none.value.code == "referral.no_criteria"
    with pytest.raises(DataValidationError) as source:
        referrals.excellent(db, criteria={"min_years": 1}, contribution="profit")
    assert source.value.code == "validation.choice"
    with pytest.raises(DataValidationError) as snapshot:
        referrals.excellent(db, criteria={"min_years": 1}, contribution="value")
    assert snapshot.value.code == "referrals.no_snapshot"
    refresh(db)
    valued = referrals.excellent(db, criteria={"min_years": 1}, contribution="value")
    realized = db.scalar(
        "SELECT realized_value FROM snapshot_customers WHERE customer_id = 'A' AND snapshot_id = "
        "(SELECT max(snapshot_id) FROM snapshots WHERE state = 'ready')"
    )
    a = valued.table.filter(pl.col("customer_id") == "A").row(0, named=True)
    assert a["contribution_cents"] == round(realized * 100) and valued.contribution == "value"


def test_the_doubling_plan_by_hand(db: Database) -> None:
    _ledger(db)
    db.execute("INSERT INTO customers (customer_id, name) VALUES ('G', '庚')")  # no date
    referrals.bind(db, referee_id="C", referrer_id="A", at=datetime(2024, 3, 1), now=NOW)
    referrals.bind(db, referee_id="D", referrer_id="D", at=datetime(2024, 3, 5), now=NOW)
    with pytest.raises(DataValidationError) as missing:
        referrals.plan(db)
    assert missing.value.code == "referrals.no_goal"
    with pytest.raises(DataValidationError) as no_start:
        referrals.set_goal(db, periods=2)
    assert no_start.value.code == "referrals.no_goal"
    goal = referrals.set_goal(db, start=date(2024, 1, 1), periods=2, actor="cli:t", now=NOW)
    assert (goal.unit, goal.factor) == ("quarter", 2.0)
    done = referrals.plan(db, as_of=date(2024, 6, 30))
    progress = done.progress
    assert (progress.base, done.undated) == (2, 1)  # A and B before the start; G undated
    periods = progress.periods.select(
        "period", "new", "referred", "cumulative", "required_growth", "status"
    ).rows()
    # Q1: C (referred by A's credited claim) and D (self-referral refused); Q2: E (the
    # ledger says B referred E) and F
    assert periods == [(1, 2, 1, 4, pytest.approx(2**0.5), "done"),
                       (2, 2, 1, 6, pytest.approx(2.0), "done")]  # fmt: skip
    assert (progress.cumulative, progress.growth, progress.on_track) == (6, 3.0, True)
    assert progress.periods["gap"][1] == pytest.approx(6 - 2 * 2)
    middle = referrals.plan(db, as_of=date(2024, 5, 15)).progress
    share = (date(2024, 5, 16) - date(2024, 4, 1)).days / (date(2024, 7, 1) - date(2024, 4, 1)).days
    assert middle.required_now == pytest.approx(2 ** ((1 + share) / 2))
    assert middle.periods["status"][1] == "current" and middle.periods["new"][1] == 2
    # a goal changed in part keeps the rest
    assert referrals.set_goal(db, factor=3, now=NOW).start == date(2024, 1, 1)
    for bad, code in (
        ({"periods": 0}, "validation.number_range"),
        ({"unit": "week"}, "validation.choice"),
        ({"factor": 1}, "validation.number_range"),
    ):
        with pytest.raises(DataValidationError) as refused:
            referrals.set_goal(db, **bad)  # type: ignore[arg-type]
        assert refused.value.code == code
    assert db.scalar("SELECT count(*) FROM audit WHERE action = 'referrals.goal'") == 2

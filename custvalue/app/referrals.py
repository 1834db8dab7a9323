"""The referral programme and the doubling plan from the store (docs/keeping.md §8): who
referred whom, the rewards paid and clawed back, excellent customers to ask, and the
plan's progress. The rules themselves are :mod:`custvalue.referral`'s.

* **Rules in force**: settings ``referral.rules`` (the JSON of a
  :class:`~custvalue.referral.RewardRules`), set with :func:`set_rules`; nothing is
  credited before rules are set (``referrals.no_rules``: a reward is money or points, so
  no default is assumed). The doubling goal: settings ``referral.goal``
  (:func:`set_goal`).
* **Claims** (``referral_claims``, append-only) bind a referee to a referrer:
  :func:`bind` (a code entered, a link followed) and :func:`import_ledger_claims` (the
  ledger's ``customers.referred_by`` as claims of source ``import``, bound at the earlier
  of the referee's ``acquired_on`` (start of day) and first order; a self-referral or an
  unknown referrer in the ledger is skipped). Every claim is kept; the library decides
  which one is credited (the first bound wins) and why the others are refused. A claim
  dated before the binding of a referrer already paid for that referee is refused
  (``referrals.credit_paid``): it would take a paid credit away.
* **Refunds**: the ledger does not say which order a refund returns. A refund is a row
  with a negative amount (or kind ``refund``) for ``|amount|``; it is linked, in time
  order, to the same customer's most recent order placed at or before it whose amount not
  yet refunded is at least the refund's; failing that, to the customer's most recent
  earlier order; a refund with no earlier order is left out (counted as
  ``unlinked_refunds``).
* **Payouts** (``referral_payouts``, append-only, keyed by the library's stable
  ``event_id``): :func:`credit` appends every event not stored yet in one transaction
  (on PostgreSQL under an advisory lock), so running it again pays nothing twice. A
  clawback takes back what its payment paid. Points go onto the beneficiary's member
  card (:func:`custvalue.app.card.post_reward_points`, ``ref`` = the event id); a
  customer without a card has the payout recorded with no card: it waits, and each later
  :func:`credit` posts the waiting ones (at that run's time) once a card exists; a
  clawback of a reward still waiting cancels it without touching a card. Cash payouts
  are recorded for the cashier to pay.
* **The referral graph**: who referred each customer: the credited claim, else the
  ledger's ``referred_by`` (self-referrals ignored). Excellent customers count whom
  they referred in it; the plan reads each customer's referrer from it.
* **Excellent customers**: per customer, from the store: industry and size from the
  customer's attributes (``industry`` / ``行业``; ``size`` / ``规模``, else ``segment``),
  orders (sales, refunds excluded) and the first order up to ``as_of``, contribution =
  net spend (sales − refunds, in cents) or the ready snapshot's realized value, and
  satisfaction = the customer's latest NPS score (0–10).
* **The plan**: a customer's acquisition is ``acquired_on``, else the day of the first
  order (a customer with neither is left out, counted as ``undated``).

Every change is one transaction with an audit line. Times are the company's local time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.users import User
    from custvalue.data.db import Database
    from custvalue.referral import Credits, Criteria, Goal, Progress, RewardRules

__all__ = [
    "CONTRIBUTIONS",
    "GOAL_SETTING",
    "RULES_SETTING",
    "Bound",
    "ClaimList",
    "Credited",
    "ExcellentCustomers",
    "LedgerClaims",
    "PlanProgress",
    "ReferralBoard",
    "bind",
    "credit",
    "excellent",
    "goal_in_force",
    "import_ledger_claims",
    "leaderboard",
    "link_refunds",
    "list_claims",
    "merged_goal",
    "plan",
    "referral_graph",
    "reward_rules",
    "set_goal",
    "set_rules",
]

RULES_SETTING = "referral.rules"
GOAL_SETTING = "referral.goal"
#: where an excellent customer's contribution comes from
CONTRIBUTIONS = ("spend", "value")
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('custvalue.referrals'))"
_PAYOUT_COLUMNS = (
    "event_id", "reward_id", "action", "happened_at", "beneficiary_id", "role", "kind",
    "amount", "referee_id", "order_id", "card_id", "movement_id", "paid_at", "paid_by",
)  # fmt: skip
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _payout_schema() -> dict[str, Any]:
    import polars as pl

    text, stamp = pl.String, pl.Datetime("us")
    return {
        "event_id": text, "reward_id": text, "action": text, "happened_at": stamp,
        "beneficiary_id": text, "role": text, "kind": text, "amount": pl.Int64,
        "referee_id": text, "order_id": text, "card_id": text, "movement_id": pl.Int64,
        "paid_at": stamp, "paid_by": text,
    }  # fmt: skip


# --- results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bound(Result):
    """A claim recorded, and what the programme makes of it now."""

    claim_id: int
    referee_id: str
    referrer_id: str
    bound_at: datetime
    source: str
    status: str
    reason: str | None
    credited_referrer: str | None

    def data(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id, "referee_id": self.referee_id,
            "referrer_id": self.referrer_id, "bound_at": self.bound_at, "source": self.source,
            "status": self.status, "reason": self.reason,
            "credited_referrer": self.credited_referrer,
        }  # fmt: skip


@dataclass(frozen=True)
class LedgerClaims(Result):
    """What :func:`import_ledger_claims` did: claims added, and the ledger's referrals
    not turned into claims (already imported, unknown referrer, self, no date)."""

    imported: int
    already: int
    unknown_referrer: int
    self_referral: int
    undated: int

    def data(self) -> dict[str, Any]:
        return {
            "imported": self.imported, "already": self.already,
            "unknown_referrer": self.unknown_referrer, "self_referral": self.self_referral,
            "undated": self.undated,
        }  # fmt: skip


@dataclass(frozen=True)
class ClaimList(Result):
    """Claims with their ``status`` and ``reason`` (``claim_id, referee_id, referrer_id,
    bound_at, source, created_by, status, reason``), oldest first."""

    table: pl.DataFrame
    as_of: datetime

    def data(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "claims": rows(self.table)}


@dataclass(frozen=True)
class Credited(Result):
    """One run of :func:`credit`: the library's ``credits`` (claims, credits, rewards,
    events, leaderboard), the ``payouts`` made now (or that would be, in a dry run), their
    ``totals`` (points and cents paid and clawed back), the point payouts waiting for a
    card after the run, the waiting ones posted now, and the refunds left unlinked."""

    as_of: datetime
    dry_run: bool
    credits: Credits
    payouts: pl.DataFrame
    totals: dict[str, int]
    waiting_for_card: int
    posted_now: int
    unlinked_refunds: int

    def data(self) -> dict[str, Any]:
        c = self.credits
        return {
            "as_of": self.as_of, "dry_run": self.dry_run, "rules": c.rules.to_dict(),
            "totals": self.totals, "waiting_for_card": self.waiting_for_card,
            "posted_now": self.posted_now, "unlinked_refunds": self.unlinked_refunds,
            "payouts": rows(self.payouts), "claims": rows(c.claims),
            "credits": rows(c.credits), "rewards": rows(c.rewards),
            "leaderboard": rows(c.leaderboard),
        }  # fmt: skip


@dataclass(frozen=True)
class ReferralBoard(Result):
    """The monthly leaderboard (the library's columns and the referrer's ``name``), in
    the programme's reward ``kind``."""

    table: pl.DataFrame
    as_of: datetime
    kind: str
    months: tuple[str, ...]

    def data(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "kind": self.kind,
            "months": list(self.months),
            "leaderboard": rows(self.table),
        }


@dataclass(frozen=True)
class ExcellentCustomers(Result):
    """The library's table with each customer's ``name, industry, size, orders,
    satisfaction``; ``to_ask`` in rank order."""

    as_of: date
    criteria: Criteria
    contribution: str
    table: pl.DataFrame
    to_ask: tuple[str, ...]

    @property
    def excellent_count(self) -> int:
        return int(self.table["excellent"].sum()) if self.table.height else 0

    def data(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of, "criteria": self.criteria.to_dict(),
            "contribution": self.contribution, "customers": self.table.height,
            "excellent": self.excellent_count, "to_ask": list(self.to_ask),
            "table": rows(self.table),
        }  # fmt: skip


@dataclass(frozen=True)
class PlanProgress(Result):
    """The library's progress, with the customers left out for want of a date."""

    progress: Progress
    undated: int

    def data(self) -> dict[str, Any]:
        return {**self.progress.to_dict(), "undated": self.undated}


# --- helpers -------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def _who(by: User | None, actor: str | None) -> str:
    return by.name if by is not None else (actor or "cli")


def _moment(value: date | datetime | None, now: datetime) -> datetime:
    """``value`` as a time: a day means its end; ``None`` means ``now``."""
    if value is None:
        return now
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time.max)


def _setting(db: Database, key: str) -> Any:
    text = db.scalar("SELECT value FROM settings WHERE key = ?", [key])
    return json.loads(text) if text else None


def _store_setting(db: Database, key: str, value: dict[str, Any]) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, json.dumps(value)])


def _known(db: Database, option: str, customer_id: str) -> str:
    from custvalue.exceptions import NotFoundError

    cid = str(customer_id or "").strip()
    found = cid and db.scalar("SELECT count(*) FROM customers WHERE customer_id = ?", [cid])
    if not found:
        raise NotFoundError("referrals.unknown_customer", option=option, customer=cid or "—")
    return cid


# --- rules and goal ------------------------------------------------------------------


def reward_rules(db: Database) -> RewardRules | None:
    """The reward rules in force, ``None`` before any are set."""
    from custvalue.referral import RewardRules

    stored = _setting(db, RULES_SETTING)
    return RewardRules(**stored) if stored else None


def _rules(db: Database) -> RewardRules:
    from custvalue.exceptions import DataValidationError

    rules = reward_rules(db)
    if rules is None:
        raise DataValidationError("referrals.no_rules")
    return rules


def set_rules(
    db: Database,
    *,
    referrer_reward: int | None = None,
    kind: str | None = None,
    referee_reward: int | None = None,
    min_order_cents: int | None = None,
    freeze_days: int | None = None,
    monthly_cap: int | None = None,
    reearn: bool | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> RewardRules:
    """Change the rules in force (``None``: unchanged; ``monthly_cap=0``: no cap) and
    return them. Rewards are whole points or cents, in the rules' ``kind``: changing the
    kind needs the rewards restated (``referrals.restate_rewards``); the first rules need
    ``referrer_reward`` (``referrals.no_rules``)."""
    from custvalue._validation import check_choice, check_number
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError
    from custvalue.referral import KINDS, RewardRules

    given: dict[str, Any] = {}
    if kind is not None:
        given["kind"] = check_choice("--kind", kind, KINDS)
    for name, option, value in (
        ("referrer_reward", "--referrer-reward", referrer_reward),
        ("referee_reward", "--referee-reward", referee_reward),
        ("min_order_cents", "--min-order", min_order_cents),
        ("freeze_days", "--freeze-days", freeze_days),
        ("monthly_cap", "--monthly-cap", monthly_cap),
    ):
        if value is not None:
            top = 3650 if name == "freeze_days" else 10**12
            given[name] = int(check_number(option, value, minimum=0, maximum=top, integer=True))
    if given.get("monthly_cap") == 0:
        given["monthly_cap"] = None
    if reearn is not None:
        given["reearn"] = bool(reearn)
    with db.transaction():
        before = reward_rules(db)
        if before is None and referrer_reward is None:
            raise DataValidationError("referrals.no_rules")
        if before is not None and given.get("kind", before.kind) != before.kind:
            restated = referrer_reward is not None and (
                before.referee_reward == 0 or referee_reward is not None
            )
            if not restated:
                raise DataValidationError(
                    "referrals.restate_rewards", before=before.kind, after=given["kind"]
                )
        base = before.to_dict() if before is not None else {}
        after = RewardRules(**{**base, **given})
        _store_setting(db, RULES_SETTING, after.to_dict())
        audit(
            db, action="referrals.rules", by=by, actor=_who(by, actor),
            details={"before": before.to_dict() if before else None, "after": after.to_dict()},
            now=now,
        )  # fmt: skip
    return after


def goal_in_force(db: Database) -> Goal | None:
    """The doubling goal in force, ``None`` before one is set."""
    from custvalue.referral import Goal

    stored = _setting(db, GOAL_SETTING)
    if not stored:
        return None
    return Goal(
        start=date.fromisoformat(stored["start"]),
        periods=int(stored["periods"]),
        unit=str(stored["unit"]),
        factor=float(stored["factor"]),
    )


def merged_goal(
    db: Database,
    *,
    start: date | None = None,
    periods: int | None = None,
    unit: str | None = None,
    factor: float | None = None,
) -> Goal:
    """The goal in force with the parts given changed (not stored); the first goal needs
    ``start`` (``referrals.no_goal``), then periods 4, unit quarter, factor 2 by default."""
    from custvalue._validation import check_choice, check_number
    from custvalue.exceptions import DataValidationError
    from custvalue.referral import UNITS, Goal

    if periods is not None:
        periods = int(check_number("--periods", periods, minimum=1, maximum=1200, integer=True))
    if unit is not None:
        unit = check_choice("--unit", unit, tuple(UNITS))
    if factor is not None:
        factor = check_number("--factor", factor, above=1, maximum=1000)
    base = goal_in_force(db)
    if base is None:
        if start is None:
            raise DataValidationError("referrals.no_goal")
        base = Goal(start=start, periods=4, unit="quarter", factor=2.0)
    return Goal(
        start=start or base.start,
        periods=periods or base.periods,
        unit=unit or base.unit,
        factor=factor or base.factor,
    )


def set_goal(
    db: Database,
    *,
    start: date | None = None,
    periods: int | None = None,
    unit: str | None = None,
    factor: float | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> Goal:
    """Change the doubling goal (:func:`merged_goal`), store it and return it."""
    from custvalue.app.users import audit

    with db.transaction():
        before = goal_in_force(db)
        after = merged_goal(db, start=start, periods=periods, unit=unit, factor=factor)
        _store_setting(db, GOAL_SETTING, after.to_dict())
        audit(
            db, action="referrals.goal", by=by, actor=_who(by, actor),
            details={"before": before.to_dict() if before else None, "after": after.to_dict()},
            now=now,
        )  # fmt: skip
    return after


# --- claims and orders from the store ------------------------------------------------


def _claims(db: Database, referee: str | None = None) -> pl.DataFrame:
    import polars as pl

    where, params = ("WHERE referee_id = ?", [referee]) if referee is not None else ("", [])
    return db.frame(
        "SELECT claim_id, referee_id, referrer_id, bound_at, source, created_by "
        f"FROM referral_claims {where} ORDER BY claim_id",
        params,
        schema={
            "claim_id": pl.Int64, "referee_id": pl.String, "referrer_id": pl.String,
            "bound_at": pl.Datetime("us"), "source": pl.String, "created_by": pl.String,
        },
    )  # fmt: skip


def link_refunds(orders: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """``orders`` (``order_id, customer_id, ordered_at, amount_cents, kind``) with the
    ``refund_of`` the library wants, by the rule of the module docstring; returns the
    frame (unlinked refunds left out) and how many refunds were left out."""
    import polars as pl

    ordered = orders.sort("customer_id", "ordered_at", "order_id")
    refund_of: list[str | None] = []
    keep: list[bool] = []
    unlinked = 0
    customer: str | None = None
    sales: list[list[Any]] = []  # [order_id, amount not yet refunded], in time order
    for row in ordered.iter_rows(named=True):
        if row["customer_id"] != customer:
            customer, sales = row["customer_id"], []
        amount = int(row["amount_cents"])
        if amount >= 0 and row["kind"] != "refund":
            sales.append([row["order_id"], amount])
            refund_of.append(None)
            keep.append(True)
            continue
        size = abs(amount)
        target = next((s for s in reversed(sales) if s[1] >= size), None)
        target = target or (sales[-1] if sales else None)
        if target is None:
            unlinked += 1
            refund_of.append(None)
            keep.append(False)
            continue
        target[1] -= size
        refund_of.append(str(target[0]))
        keep.append(True)
    linked = ordered.with_columns(
        pl.Series("refund_of", refund_of, dtype=pl.String),
        pl.when(pl.col("amount_cents") > 0)
        .then(-pl.col("amount_cents"))
        .otherwise(pl.col("amount_cents"))
        .alias("_refund_amount"),
    )
    linked = linked.with_columns(
        pl.when(pl.col("refund_of").is_not_null())
        .then(pl.col("_refund_amount"))
        .otherwise(pl.col("amount_cents"))
        .alias("amount_cents")
    ).filter(pl.Series(keep, dtype=pl.Boolean))
    columns = ("order_id", "customer_id", "ordered_at", "amount_cents", "refund_of")
    return linked.select(columns), unlinked


def _orders(db: Database, referee: str | None = None) -> tuple[pl.DataFrame, int]:
    """The orders of the referees (of one, or of every claim), refunds linked."""
    import polars as pl

    if referee is not None:
        where, params = "customer_id = ?", [referee]
    else:
        where, params = "customer_id IN (SELECT referee_id FROM referral_claims)", []
    raw = db.frame(
        f"SELECT order_id, customer_id, ordered_at, amount_cents, kind FROM orders WHERE {where}",
        params,
        schema={
            "order_id": pl.String, "customer_id": pl.String, "ordered_at": pl.Datetime("us"),
            "amount_cents": pl.Int64, "kind": pl.String,
        },
    )  # fmt: skip
    return link_refunds(raw)


def _decided(
    db: Database,
    rules: RewardRules | None,
    as_of: datetime | None,
    referee: str | None = None,
) -> tuple[Credits, pl.DataFrame, int]:
    """The library's credits over the store's claims (bound up to ``as_of``), the claims
    with ``claim_id`` and their status, and the refunds left unlinked."""
    import polars as pl

    from custvalue.referral import RewardRules, credit_referrals

    claims = _claims(db, referee)
    if as_of is not None:
        claims = claims.filter(pl.col("bound_at") <= as_of)
    orders, unlinked = _orders(db, referee)
    credits = credit_referrals(
        claims.select("referee_id", "referrer_id", "bound_at", "source"),
        orders,
        rules or RewardRules(referrer_reward=0),
        as_of=as_of,
    )
    decided = claims.with_columns(
        credits.claims["status"].alias("status"), credits.claims["reason"].alias("reason")
    )
    return credits, decided, unlinked


def _paid_referrers(db: Database, referee: str) -> set[str]:
    return {
        str(r[0])
        for r in db.fetchall(
            "SELECT DISTINCT beneficiary_id FROM referral_payouts "
            "WHERE referee_id = ? AND role = 'referrer'",
            [referee],
        )
    }


def bind(
    db: Database,
    *,
    referee_id: str,
    referrer_id: str,
    source: str = "code",
    at: datetime | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> Bound:
    """Record that ``referee_id`` was bound to ``referrer_id`` at ``at`` (default now;
    not in the future). Both must be customers of the ledger. The claim is kept whatever
    the programme makes of it; the result says whether it is credited and, if not, why."""
    import polars as pl

    from custvalue._validation import check_choice
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError
    from custvalue.referral import SOURCES

    source = check_choice("--source", str(source).strip(), SOURCES)
    now = _now(now)
    when = (at or now).replace(tzinfo=None)
    if when > now:
        raise DataValidationError(
            "referrals.in_future", option="--at", value=f"{when:%Y-%m-%d %H:%M}",
            now=f"{now:%Y-%m-%d %H:%M}",
        )  # fmt: skip
    who = _who(by, actor)
    with db.transaction():
        if db.dialect == "postgresql":
            db.execute(_LOCK)
        referee = _known(db, "REFEREE", referee_id)
        referrer = _known(db, "--by", referrer_id)
        _, before, _ = _decided(db, None, None, referee)
        credited_before = before.filter(pl.col("status") == "credited")["referrer_id"].to_list()
        claim_id = int(db.scalar("SELECT nextval('referral_claims_seq')"))
        db.execute(
            "INSERT INTO referral_claims (claim_id, referee_id, referrer_id, bound_at, source, "
            "created_by) VALUES (?, ?, ?, ?, ?, ?)",
            [claim_id, referee, referrer, when, source, who],
        )
        _, after, _ = _decided(db, None, None, referee)
        credited = after.filter(pl.col("status") == "credited")["referrer_id"].to_list()
        if credited_before and credited != credited_before:
            paid = _paid_referrers(db, referee)
            if credited_before[0] in paid:
                first = before.filter(pl.col("status") == "credited")["bound_at"][0]
                raise DataValidationError(
                    "referrals.credit_paid", referee=referee, referrer=credited_before[0],
                    bound_at=f"{first:%Y-%m-%d %H:%M}",
                )  # fmt: skip
        mine = after.filter(pl.col("claim_id") == claim_id).row(0, named=True)
        audit(
            db, action="referrals.bind", by=by, actor=who, target=referee,
            details={"after": {"claim_id": claim_id, "referrer_id": referrer,
                               "bound_at": str(when), "source": source,
                               "status": mine["status"], "reason": mine["reason"]}},
            now=now,
        )  # fmt: skip
    return Bound(
        claim_id, referee, referrer, when, source, mine["status"], mine["reason"],
        credited[0] if credited else None,
    )  # fmt: skip


def import_ledger_claims(
    db: Database,
    *,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> LedgerClaims:
    """Turn the ledger's ``customers.referred_by`` into claims of source ``import`` (rules:
    the module docstring); a referee who already has an imported claim is left as it is,
    so running it again adds only what the ledger gained."""
    import polars as pl

    from custvalue.app.users import audit

    now = _now(now)
    who = _who(by, actor)
    with db.transaction():
        if db.dialect == "postgresql":
            db.execute(_LOCK)
        frame = db.frame(
            "SELECT c.customer_id AS referee_id, c.referred_by AS referrer_id, "
            "CAST(c.acquired_on AS TIMESTAMP) AS acquired_at, f.first_at, "
            "CASE WHEN r.customer_id IS NULL THEN FALSE ELSE TRUE END AS known, "
            "CASE WHEN k.referee_id IS NULL THEN FALSE ELSE TRUE END AS already "
            "FROM customers c "
            "LEFT JOIN (SELECT customer_id, min(ordered_at) AS first_at FROM orders "
            "GROUP BY customer_id) f ON f.customer_id = c.customer_id "
            "LEFT JOIN customers r ON r.customer_id = c.referred_by "
            "LEFT JOIN (SELECT DISTINCT referee_id FROM referral_claims "
            "WHERE source = 'import') k ON k.referee_id = c.customer_id "
            "WHERE c.referred_by IS NOT NULL AND trim(c.referred_by) <> ''",
            schema={
                "referee_id": pl.String, "referrer_id": pl.String,
                "acquired_at": pl.Datetime("us"), "first_at": pl.Datetime("us"),
                "known": pl.Boolean, "already": pl.Boolean,
            },
        )  # fmt: skip
        self_ref = pl.col("referee_id") == pl.col("referrer_id")
        bound = pl.min_horizontal("acquired_at", "first_at")
        counts = frame.select(
            pl.col("already").sum().alias("already"),
            (~pl.col("already") & self_ref).sum().alias("self"),
            (~pl.col("already") & ~self_ref & ~pl.col("known")).sum().alias("unknown"),
            (~pl.col("already") & ~self_ref & pl.col("known") & bound.is_null())
            .sum()
            .alias("undated"),
        ).row(0, named=True)
        new = (
            frame.filter(~pl.col("already") & ~self_ref & pl.col("known") & bound.is_not_null())
            .select("referee_id", "referrer_id", bound.alias("bound_at"))
            .sort("bound_at", "referee_id")
        )
        if new.height:
            with db.staged("_referral_import", new) as staged:
                db.execute(
                    "INSERT INTO referral_claims (claim_id, referee_id, referrer_id, bound_at, "
                    "source, created_by) SELECT nextval('referral_claims_seq'), referee_id, "
                    f"referrer_id, bound_at, 'import', ? FROM {staged}",
                    [who],
                )
            audit(
                db, action="referrals.import_ledger", by=by, actor=who,
                details={"after": {"imported": new.height, **counts}}, now=now,
            )  # fmt: skip
    return LedgerClaims(
        new.height, int(counts["already"] or 0), int(counts["unknown"] or 0),
        int(counts["self"] or 0), int(counts["undated"] or 0),
    )  # fmt: skip


def list_claims(
    db: Database,
    *,
    customer_id: str | None = None,
    as_of: date | datetime | None = None,
) -> ClaimList:
    """Every claim bound up to ``as_of`` (default now) with its status and reason; with
    ``customer_id``, the claims where that customer is the referee or the referrer."""
    import polars as pl

    moment = _moment(as_of, _now(None))
    _, decided, _ = _decided(db, None, moment)
    if customer_id is not None:
        cid = str(customer_id).strip()
        decided = decided.filter((pl.col("referee_id") == cid) | (pl.col("referrer_id") == cid))
    return ClaimList(decided, moment)


# --- crediting -----------------------------------------------------------------------


def _stored_payouts(db: Database) -> pl.DataFrame:
    return db.frame(
        f"SELECT {', '.join(_PAYOUT_COLUMNS)} FROM referral_payouts ORDER BY happened_at, event_id",
        schema=_payout_schema(),
    )


def _post(
    db: Database, customer_id: str, points: int, ref: str, at: datetime, who: str
) -> tuple[str | None, int | None]:
    """Points onto the customer's card: ``(card_id, movement_id)``; ``(None, None)`` when
    the customer has no open card; ``(card_id, None)`` when a clawback found no points
    left on it."""
    from custvalue.app.card import post_reward_points

    movement = post_reward_points(
        db, customer_id=customer_id, points=points, ref=ref, at=at, actor=who
    )
    card = None
    if movement is not None:
        card = db.scalar(
            "SELECT card_id FROM card_movements WHERE ref = ? AND movement_id = ?",
            [ref, movement],
        )
    if card is None:
        card = db.scalar(
            "SELECT card_id FROM cards WHERE customer_id = ? AND closed_at IS NULL "
            "ORDER BY opened_at, card_id LIMIT 1",
            [customer_id],
        )
    return (None if card is None else str(card)), movement


def _waiting(payouts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Point payouts not on a card yet: a payment without a card (unless its clawback
    cancelled it), a clawback without a card whose payment is on one."""
    by_reward: dict[str, dict[str, dict[str, Any]]] = {}
    for p in payouts:
        by_reward.setdefault(p["reward_id"], {})[p["action"]] = p
    out: list[dict[str, Any]] = []
    for p in payouts:
        if p["kind"] != "points" or p["card_id"] is not None:
            continue
        pair = by_reward[p["reward_id"]]
        if p["action"] == "pay" and "claw_back" not in pair:
            out.append(p)
        elif p["action"] == "claw_back" and pair.get("pay", {}).get("card_id") is not None:
            out.append(p)
    return out


def _totals(payouts: pl.DataFrame) -> dict[str, int]:
    import polars as pl

    def total(kind: str, action: str) -> int:
        chosen = payouts.filter((pl.col("kind") == kind) & (pl.col("action") == action))
        return int(chosen["amount"].sum() or 0)

    return {
        "points_paid": total("points", "pay"),
        "points_clawed_back": -total("points", "claw_back"),
        "cash_paid_cents": total("cash", "pay"),
        "cash_clawed_back_cents": -total("cash", "claw_back"),
    }


def _new_payouts(
    db: Database,
    events: pl.DataFrame,
    stored: list[dict[str, Any]],
    *,
    post: bool,
    now: datetime,
    who: str,
) -> list[dict[str, Any]]:
    """The events not stored yet as payout rows, points posted to cards when ``post``. A
    clawback takes back what its payment paid, and only cancels a payment still waiting."""
    known = {p["event_id"] for p in stored}
    pays = {p["reward_id"]: p for p in stored if p["action"] == "pay"}
    made: list[dict[str, Any]] = []
    for event in events.iter_rows(named=True):
        if event["event_id"] in known:
            continue
        row = {
            **{k: event[k] for k in ("event_id", "reward_id", "action", "beneficiary_id",
                                     "role", "kind", "amount", "referee_id", "order_id")},
            "happened_at": event["at"], "card_id": None, "movement_id": None,
            "paid_at": now, "paid_by": who,
        }  # fmt: skip
        pay = pays.get(event["reward_id"])
        if event["action"] == "claw_back" and pay is not None:
            row.update(kind=pay["kind"], amount=-int(pay["amount"]))
        elif event["action"] == "pay":
            pays[event["reward_id"]] = row
        cancels = row["action"] == "claw_back" and pay is not None and pay["card_id"] is None
        if row["kind"] == "points" and post and not cancels:
            row["card_id"], row["movement_id"] = _post(
                db, row["beneficiary_id"], row["amount"], row["event_id"], row["happened_at"], who
            )
        made.append(row)
    return made


def _post_waiting(db: Database, waiting: list[dict[str, Any]], now: datetime, who: str) -> int:
    """Post the point payouts that waited for a card, at ``now``; how many were posted."""
    posted = 0
    for row in waiting:
        card, movement = _post(
            db, row["beneficiary_id"], int(row["amount"]), row["event_id"], now, who
        )
        if card is not None:
            db.execute(
                "UPDATE referral_payouts SET card_id = ?, movement_id = ? WHERE event_id = ?",
                [card, movement, row["event_id"]],
            )
            posted += 1
    return posted


def credit(
    db: Database,
    *,
    as_of: date | datetime | None = None,
    dry_run: bool = False,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> Credited:
    """Decide every claim as of ``as_of`` (default now; a day means its end; not in the
    future unless ``dry_run``) under the rules in force, and pay what is due: every
    event not paid yet is appended to ``referral_payouts`` (points onto the card) in one
    transaction; point payouts waiting for a card are posted once it exists. ``dry_run``
    writes nothing and shows what would be paid."""
    import polars as pl

    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError

    now = _now(now)
    today = as_of is not None and not isinstance(as_of, datetime) and as_of == now.date()
    moment = now if today else _moment(as_of, now)
    if moment > now and not dry_run:
        raise DataValidationError(
            "referrals.in_future", option="--as-of", value=f"{moment:%Y-%m-%d %H:%M}",
            now=f"{now:%Y-%m-%d %H:%M}",
        )  # fmt: skip
    who = _who(by, actor)
    with db.transaction():
        if db.dialect == "postgresql":
            db.execute(_LOCK)
        rules = _rules(db)
        credits, _, unlinked = _decided(db, rules, moment)
        stored = _stored_payouts(db).to_dicts()
        made = _new_payouts(db, credits.events, stored, post=not dry_run, now=now, who=who)
        payouts = pl.DataFrame(made, schema=_payout_schema(), orient="row")
        posted_now = 0
        if not dry_run:
            db.insert_frame("referral_payouts", payouts)
            known = {p["event_id"] for p in stored}
            earlier = [w for w in _waiting(stored + made) if w["event_id"] in known]
            posted_now = _post_waiting(db, earlier, now, who)
        after = stored if dry_run else _stored_payouts(db).to_dicts()
        waiting_now = len(_waiting(after))
        totals = _totals(payouts)
        if (payouts.height or posted_now) and not dry_run:
            audit(
                db, action="referrals.credit", by=by, actor=who,
                details={"after": {"as_of": str(moment), "payouts": payouts.height,
                                   **totals, "posted_now": posted_now,
                                   "waiting_for_card": waiting_now}},
                now=now,
            )  # fmt: skip
    return Credited(moment, dry_run, credits, payouts, totals, waiting_now, posted_now, unlinked)


def _names(db: Database) -> pl.DataFrame:
    import polars as pl

    return db.frame(
        "SELECT customer_id, name FROM customers",
        schema={"customer_id": pl.String, "name": pl.String},
    )


def leaderboard(
    db: Database, *, as_of: date | datetime | None = None, month: str | None = None
) -> ReferralBoard:
    """The monthly leaderboard under the rules in force, as of ``as_of`` (default now),
    of one ``month`` (``YYYY-MM``) or of every month (newest first)."""
    import polars as pl

    from custvalue.exceptions import DataValidationError

    if month is not None and not _MONTH.match(str(month).strip()):
        raise DataValidationError("referrals.bad_month", value=str(month))
    moment = _moment(as_of, _now(None))
    rules = _rules(db)
    credits, _, _ = _decided(db, rules, moment)
    board = credits.leaderboard
    if month is not None:
        board = board.filter(pl.col("month") == str(month).strip())
    board = board.join(
        _names(db).rename({"customer_id": "referrer_id"}), on="referrer_id", how="left"
    ).sort(["month", "rank", "referrer_id"], descending=[True, False, False])
    months = tuple(dict.fromkeys(board["month"].to_list()))
    return ReferralBoard(board, moment, rules.kind, months)


# --- the referral graph, excellent customers, the plan ---------------------------------


def referral_graph(db: Database, *, as_of: date | datetime | None = None) -> dict[str, str]:
    """Who referred each customer (referee → referrer): the claim credited as of
    ``as_of`` (default: every claim), else the ledger's ``referred_by``."""
    moment = None if as_of is None else _moment(as_of, _now(None))
    graph = {
        str(r[0]): str(r[1])
        for r in db.fetchall(
            "SELECT customer_id, referred_by FROM customers WHERE referred_by IS NOT NULL "
            "AND trim(referred_by) <> '' AND referred_by <> customer_id"
        )
    }
    credits, _, _ = _decided(db, None, moment)
    graph.update(dict(credits.credits.select("referee_id", "referrer_id").iter_rows()))
    return graph


def _attribute(attributes: Any, keys: Sequence[str]) -> str | None:
    if not attributes:
        return None
    try:
        values = json.loads(attributes)
    except (TypeError, ValueError):
        return None
    if not isinstance(values, dict):
        return None
    for key in keys:
        value = values.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _customers_for_excellent(db: Database, day: date, contribution: str) -> pl.DataFrame:
    import polars as pl

    from custvalue.exceptions import DataValidationError

    end = datetime.combine(day, time.max)
    sale = "o.amount_cents >= 0 AND (o.kind IS NULL OR o.kind <> 'refund')"
    frame = db.frame(
        "SELECT c.customer_id, c.name, c.attributes, "
        f"CAST(sum(CASE WHEN {sale} THEN 1 ELSE 0 END) AS BIGINT) AS orders, "
        f"min(CASE WHEN {sale} THEN o.ordered_at END) AS first_order_at, "
        f"CAST(sum(CASE WHEN o.order_id IS NULL THEN 0 WHEN {sale} THEN o.amount_cents "
        "ELSE -abs(o.amount_cents) END) AS BIGINT) AS spend_cents "
        "FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id "
        "AND o.ordered_at <= ? GROUP BY c.customer_id, c.name, c.attributes",
        [end],
        schema={
            "customer_id": pl.String, "name": pl.String, "attributes": pl.String,
            "orders": pl.Int64, "first_order_at": pl.Datetime("us"), "spend_cents": pl.Int64,
        },
    )  # fmt: skip
    attributes = frame["attributes"].to_list()
    frame = frame.with_columns(
        pl.Series("industry", [_attribute(a, ("industry", "行业")) for a in attributes],
                  dtype=pl.String),
        pl.Series("size", [_attribute(a, ("size", "规模", "segment")) for a in attributes],
                  dtype=pl.String),
    ).drop("attributes")  # fmt: skip
    if contribution == "value":
        from custvalue.app.snapshots import freshness

        fresh = freshness(db)
        if not fresh.exists:
            raise DataValidationError("referrals.no_snapshot")
        values = db.frame(
            "SELECT customer_id, realized_value FROM snapshot_customers WHERE snapshot_id = ?",
            [fresh.snapshot_id],
            schema={"customer_id": pl.String, "realized_value": pl.Float64},
        ).select(
            "customer_id",
            (pl.col("realized_value") * 100).round().cast(pl.Int64).alias("contribution_cents"),
        )
        frame = frame.join(values, on="customer_id", how="left")
    else:
        frame = frame.with_columns(pl.col("spend_cents").alias("contribution_cents"))
    nps = db.frame(
        "SELECT customer_id, score, answered_on, wave FROM voice_nps "
        "WHERE customer_id IS NOT NULL AND (answered_on IS NULL OR answered_on <= ?)",
        [day],
        schema={
            "customer_id": pl.String, "score": pl.Float64, "answered_on": pl.Date,
            "wave": pl.String,
        },
    )  # fmt: skip
    latest = (
        nps.sort(["answered_on", "wave"], nulls_last=False)
        .group_by("customer_id")
        .agg(pl.col("score").last().alias("satisfaction"))
    )
    graph = referral_graph(db, as_of=day)
    counts: dict[str, int] = {}
    for referrer in graph.values():
        counts[referrer] = counts.get(referrer, 0) + 1
    return frame.join(latest, on="customer_id", how="left").with_columns(
        pl.col("customer_id")
        .replace_strict(counts, default=0, return_dtype=pl.Int64)
        .alias("referred")
    )


def excellent(
    db: Database,
    *,
    criteria: Mapping[str, Any] | Criteria,
    as_of: date | None = None,
    contribution: str = "spend",
) -> ExcellentCustomers:
    """Which customers the ``criteria`` (:class:`~custvalue.referral.Criteria` or its
    mapping) call excellent as of ``as_of`` (default today), and whom of them to ask for
    a referral: those who have referred nobody yet, by contribution (``spend``: net
    spend; ``value``: the ready snapshot's realized value)."""
    from custvalue._validation import check_choice
    from custvalue.referral import excellent_customers

    contribution = check_choice("--contribution", contribution, CONTRIBUTIONS)
    day = as_of or date.today()
    customers = _customers_for_excellent(db, day, contribution)
    found = excellent_customers(customers, criteria, as_of=day)
    extra = customers.select("customer_id", "name", "industry", "size", "orders", "satisfaction")
    table = found.table.join(extra, on="customer_id", how="left").sort(
        ["excellent", "ask_rank", "contribution_cents", "customer_id"],
        descending=[True, False, True, False],
        nulls_last=True,
    )
    return ExcellentCustomers(day, found.criteria, contribution, table, found.to_ask)


def plan(db: Database, *, goal: Goal | None = None, as_of: date | None = None) -> PlanProgress:
    """The doubling plan's progress: ``goal`` (default the goal in force) against the
    customers acquired period by period, the referred ones from the referral graph."""
    import polars as pl

    from custvalue.exceptions import DataValidationError
    from custvalue.referral import plan_progress

    goal = goal or goal_in_force(db)
    if goal is None:
        raise DataValidationError("referrals.no_goal")
    frame = db.frame(
        "SELECT c.customer_id, coalesce(c.acquired_on, CAST(f.first_at AS DATE)) AS acquired_at "
        "FROM customers c LEFT JOIN (SELECT customer_id, min(ordered_at) AS first_at "
        "FROM orders GROUP BY customer_id) f ON f.customer_id = c.customer_id",
        schema={"customer_id": pl.String, "acquired_at": pl.Date},
    )
    undated = int(frame["acquired_at"].is_null().sum())
    graph = referral_graph(db, as_of=as_of)
    customers = frame.filter(pl.col("acquired_at").is_not_null()).with_columns(
        pl.col("customer_id")
        .replace_strict(graph, default=None, return_dtype=pl.String)
        .alias("referred_by")
    )
    return PlanProgress(plan_progress(customers, goal, as_of=as_of), undated)

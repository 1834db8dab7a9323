"""The referral programme: who is credited with bringing in a new customer, and the
rewards that earns.

**Claims** (``referee_id, referrer_id, bound_at, source``) say that a referee was bound
to a referrer (a referral code entered, a link followed, a list imported). Each claim is
decided, in this order, for each referee:

1. claims are read by ``bound_at``; claims bound at the same instant by source
   (:data:`SOURCES`: ``code`` before ``link`` before ``import`` — what the customer did
   before what was done for them; any other source after these, alphabetically), then by
   ``referrer_id``;
2. ``self_referral``: the referrer is the referee — refused;
3. ``duplicate``: the same referrer as the claim already credited — refused;
   ``already_credited``: another referrer was credited first — refused (the first bound
   wins: one credited referrer per new customer);
4. ``ordered_before_binding``: the referee had ordered before ``bound_at`` (an order at the
   very instant counts as after: the checkout that used the code) — refused, they were
   not a new customer;
5. otherwise the claim is **credited**.

Refusals are data facts, not errors: every claim comes back with its ``status`` and
``reason`` (:data:`REASONS`).

**Orders** (``order_id, customer_id, ordered_at, amount_cents, refund_of``): a row with
``refund_of`` refunds that order by ``|amount_cents|``. An order *stands* while its net
amount (amount − refunds so far) is at least ``min_order_cents`` and more than zero; the
first refund after which it does not is the order's **void** time.

**Rewards.** The qualifying order is the referee's first order at or after ``bound_at``
that is *valid*: amount ≥ ``min_order_cents`` (and > 0), and not voided within the
freeze window ``[ordered_at, ordered_at + freeze_days)``. An order voided inside its window
never was valid, and the next order is looked at. The reward of the qualifying order goes

    pending  ──(window passes, at ordered_at + freeze_days)──►  earned
    earned   ──(the order is voided later)──────────────────►  clawed_back

``capped``: the referrer already has ``monthly_cap`` rewards in the calendar month of the
qualifying order (counted in order of ``ordered_at``; a clawed-back reward keeps its
place, it was paid); a capped reward pays nothing. The cap is the referrer's only; the
referee's reward (``referee_reward`` > 0) follows the same order and states, never capped.

A later order does **not** earn again after a clawback (one reward per new customer),
unless ``reearn=True``: then the first valid order placed after the clawback qualifies as
the next ``round``.

Only what is known at ``as_of`` counts (claims, orders and refunds after it are left out);
by default ``as_of`` is the latest time in the data. Amounts are whole points or cents
(``kind``). Pure functions over polars frames; the store appends :attr:`Credits.events`
(one row per payment or clawback, with a stable ``event_id``) as card movements or payouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from custvalue._validation import check_choice, check_columns, check_number, check_unique
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.referral._frames import ResultDict, filled, ids, money, to_datetime, utc_naive

__all__ = [
    "KINDS",
    "REASONS",
    "SOURCES",
    "STATES",
    "Credits",
    "RewardRules",
    "credit_referrals",
    "reason_label",
    "state_label",
]

#: tie order of claims bound at the same instant (others after these, alphabetically)
SOURCES = ("code", "link", "import")
#: why a claim is refused
REASONS = ("self_referral", "duplicate", "already_credited", "ordered_before_binding")
#: the states of a reward
STATES = ("pending", "earned", "clawed_back", "capped")
#: what a reward is paid in: card points, or cash in cents
KINDS = ("points", "cash")

CLAIM_COLUMNS = ("referee_id", "referrer_id", "bound_at", "source")
ORDER_COLUMNS = ("order_id", "customer_id", "ordered_at", "amount_cents", "refund_of")


@dataclass(frozen=True)
class RewardRules:
    """The rules of the programme (see the module docstring).

    ``referrer_reward`` / ``referee_reward``: whole points or cents (``kind``), 0 for none;
    ``min_order_cents``: the smallest qualifying order; ``freeze_days``: the refund window
    during which a reward is pending; ``monthly_cap``: the most rewards one referrer earns
    per calendar month (``None``: no cap); ``reearn``: a later order earns again after a
    clawback.
    """

    referrer_reward: int
    kind: str = "points"
    referee_reward: int = 0
    min_order_cents: int = 0
    freeze_days: int = 30
    monthly_cap: int | None = None
    reearn: bool = False

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, KINDS)
        for name in ("referrer_reward", "referee_reward", "min_order_cents", "freeze_days"):
            check_number(name, getattr(self, name), minimum=0, integer=True)
        if self.monthly_cap is not None:
            check_number("monthly_cap", self.monthly_cap, minimum=1, integer=True)
        if not isinstance(self.reearn, bool):
            raise DataValidationError(
                "validation.choice", name="reearn", got=self.reearn, allowed="True, False"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "referrer_reward": self.referrer_reward,
            "kind": self.kind,
            "referee_reward": self.referee_reward,
            "min_order_cents": self.min_order_cents,
            "freeze_days": self.freeze_days,
            "monthly_cap": self.monthly_cap,
            "reearn": self.reearn,
        }


@dataclass(frozen=True)
class Credits(ResultDict):
    """What the programme owes, as of ``as_of``.

    - ``claims``: every claim with ``status`` (``credited`` / ``refused``) and ``reason``;
    - ``credits``: one row per credited referee: ``referee_id, referrer_id, bound_at,
      source, state`` (the latest referrer reward's state, ``awaiting_order`` before a
      qualifying order), ``order_id``, ``rounds``;
    - ``rewards``: one row per reward: ``reward_id, referee_id, referrer_id, role,
      beneficiary_id, round, order_id, ordered_at, month, kind, amount, state,
      release_at, earned_at, clawed_back_at, void_refund_id``;
    - ``events``: what to pay and claw back: ``event_id, reward_id, action`` (``pay`` /
      ``claw_back``), ``at, beneficiary_id, role, kind, amount`` (negative for a
      clawback), ``referee_id, order_id``, in time order;
    - ``leaderboard``: per calendar month (``YYYY-MM``) and referrer: ``bound`` (their
      credited claims bound that month), ``conversions`` (their rewards whose qualifying
      order was placed that month and not clawed back, capped ones included),
      ``pending, earned, clawed_back, capped`` (those rewards by state), ``amount_earned``
      (of the ones earned) and ``rank`` within the month (by conversions, then bound;
      ties share a rank).
    """

    as_of: datetime
    rules: RewardRules
    claims: pl.DataFrame
    credits: pl.DataFrame
    rewards: pl.DataFrame
    events: pl.DataFrame
    leaderboard: pl.DataFrame


def reason_label(reason: str, lang: str | None = None) -> str:
    """The words for a refusal reason (:data:`REASONS`) in ``lang``."""
    return t(f"referral.reason_{reason}", lang)


def state_label(state: str, lang: str | None = None) -> str:
    """The words for a reward state (:data:`STATES`, ``awaiting_order``) in ``lang``."""
    return t(f"referral.state_{state}", lang)


def _source_rank(source: str) -> tuple[int, str]:
    return (SOURCES.index(source), "") if source in SOURCES else (len(SOURCES), source)


def _read_claims(claims: pl.DataFrame) -> pl.DataFrame:
    check_columns(claims, CLAIM_COLUMNS, frame_name="claims")
    filled(claims, CLAIM_COLUMNS, frame_name="claims")
    return claims.select(
        ids("referee_id"),
        ids("referrer_id"),
        to_datetime(claims, "bound_at", frame_name="claims"),
        ids("source"),
    ).with_row_index("_row")


def _read_orders(orders: pl.DataFrame) -> pl.DataFrame:
    check_columns(orders, ORDER_COLUMNS, frame_name="orders")
    filled(orders, ORDER_COLUMNS[:4], frame_name="orders")
    frame = orders.select(
        ids("order_id"),
        ids("customer_id"),
        to_datetime(orders, "ordered_at", frame_name="orders"),
        money(orders, "amount_cents", frame_name="orders"),
        ids("refund_of"),
    )
    check_unique(frame, "order_id", id_column="order_id")
    sales = set(frame.filter(pl.col("refund_of").is_null())["order_id"].to_list())
    bad = frame.filter(pl.col("refund_of").is_not_null() & ~pl.col("refund_of").is_in(sales))
    if bad.height:
        raise DataValidationError(
            "referral.unknown_refund", order_id=bad["order_id"][0], refund_of=bad["refund_of"][0]
        )
    return frame


@dataclass(frozen=True)
class _Order:
    order_id: str
    ordered_at: datetime
    amount: int
    void_at: datetime | None
    void_refund_id: str | None


def _sales(orders: pl.DataFrame, threshold: int) -> dict[str, list[_Order]]:
    """Each customer's orders (refunds folded in), in time order."""
    refunds: dict[str, list[tuple[datetime, str, int]]] = {}
    for row in orders.filter(pl.col("refund_of").is_not_null()).iter_rows(named=True):
        refunds.setdefault(row["refund_of"], []).append(
            (row["ordered_at"], row["order_id"], abs(row["amount_cents"]))
        )
    out: dict[str, list[_Order]] = {}
    sales = orders.filter(pl.col("refund_of").is_null()).sort("ordered_at", "order_id")
    for row in sales.iter_rows(named=True):
        net, void_at, void_id = row["amount_cents"], None, None
        for at, refund_id, amount in sorted(refunds.get(row["order_id"], [])):
            net -= amount
            if net < threshold:
                void_at, void_id = at, refund_id
                break
        out.setdefault(row["customer_id"], []).append(
            _Order(row["order_id"], row["ordered_at"], row["amount_cents"], void_at, void_id)
        )
    return out


def _decide(
    claims: pl.DataFrame, sales: dict[str, list[_Order]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(every claim with status and reason, the credited claims)."""
    decided: list[dict[str, Any]] = []
    credited: list[dict[str, Any]] = []
    rows = sorted(
        claims.iter_rows(named=True),
        key=lambda r: (
            r["referee_id"],
            r["bound_at"],
            _source_rank(r["source"]),
            r["referrer_id"],
            r["_row"],
        ),
    )
    winner: dict[str, str] = {}
    for row in rows:
        referee = row["referee_id"]
        orders = sales.get(referee, [])
        reason: str | None
        if row["referrer_id"] == referee:
            reason = "self_referral"
        elif referee in winner:
            reason = "duplicate" if winner[referee] == row["referrer_id"] else "already_credited"
        elif orders and orders[0].ordered_at < row["bound_at"]:
            reason = "ordered_before_binding"
        else:
            reason = None
            winner[referee] = row["referrer_id"]
            credited.append(row)
        decided.append({**row, "status": "refused" if reason else "credited", "reason": reason})
    decided.sort(key=lambda r: r["_row"])
    return decided, credited


def _qualifying(
    claim: dict[str, Any], orders: list[_Order], rules: RewardRules, threshold: int
) -> list[tuple[int, _Order]]:
    """The rounds of a credited claim: (round, qualifying order)."""
    rounds: list[tuple[int, _Order]] = []
    freeze = timedelta(days=rules.freeze_days)
    after, strictly = claim["bound_at"], False
    for order in orders:
        if order.ordered_at < after or (strictly and order.ordered_at == after):
            continue
        if order.amount < threshold:
            continue
        if order.void_at is not None and order.void_at < order.ordered_at + freeze:
            continue  # refunded inside the window: never valid
        rounds.append((len(rounds) + 1, order))
        if order.void_at is None or not rules.reearn:
            break
        after, strictly = order.void_at, True
    return rounds


def _state(order: _Order, rules: RewardRules, as_of: datetime) -> dict[str, Any]:
    release = order.ordered_at + timedelta(days=rules.freeze_days)
    if release > as_of:
        return {"state": "pending", "release_at": release, "earned_at": None}
    out: dict[str, Any] = {"state": "earned", "release_at": release, "earned_at": release}
    if order.void_at is not None:
        out.update(state="clawed_back", clawed_back_at=order.void_at)
    return out


REWARD_SCHEMA: dict[str, Any] = {
    "reward_id": pl.String,
    "referee_id": pl.String,
    "referrer_id": pl.String,
    "role": pl.String,
    "beneficiary_id": pl.String,
    "round": pl.Int64,
    "order_id": pl.String,
    "ordered_at": pl.Datetime("us"),
    "month": pl.String,
    "kind": pl.String,
    "amount": pl.Int64,
    "state": pl.String,
    "release_at": pl.Datetime("us"),
    "earned_at": pl.Datetime("us"),
    "clawed_back_at": pl.Datetime("us"),
    "void_refund_id": pl.String,
}
EVENT_SCHEMA: dict[str, Any] = {
    "event_id": pl.String,
    "reward_id": pl.String,
    "action": pl.String,
    "at": pl.Datetime("us"),
    "beneficiary_id": pl.String,
    "role": pl.String,
    "kind": pl.String,
    "amount": pl.Int64,
    "referee_id": pl.String,
    "order_id": pl.String,
}


def _rewards(
    credited: list[dict[str, Any]],
    sales: dict[str, list[_Order]],
    rules: RewardRules,
    as_of: datetime,
) -> list[dict[str, Any]]:
    threshold = max(rules.min_order_cents, 1)
    rows: list[dict[str, Any]] = []
    for claim in credited:
        referee, referrer = claim["referee_id"], claim["referrer_id"]
        for number, order in _qualifying(claim, sales.get(referee, []), rules, threshold):
            state = _state(order, rules, as_of)
            roles = [("referrer", referrer, rules.referrer_reward)]
            if rules.referee_reward > 0:
                roles.append(("referee", referee, rules.referee_reward))
            for role, beneficiary, amount in roles:
                rows.append(
                    {
                        "reward_id": f"{order.order_id}/{role}",
                        "referee_id": referee,
                        "referrer_id": referrer,
                        "role": role,
                        "beneficiary_id": beneficiary,
                        "round": number,
                        "order_id": order.order_id,
                        "ordered_at": order.ordered_at,
                        "month": order.ordered_at.strftime("%Y-%m"),
                        "kind": rules.kind,
                        "amount": amount,
                        "clawed_back_at": None,
                        **state,
                        "void_refund_id": (
                            order.void_refund_id if state["state"] == "clawed_back" else None
                        ),
                    }
                )
    if rules.monthly_cap is not None:
        _cap(rows, rules.monthly_cap)
    return rows


def _cap(rows: list[dict[str, Any]], cap: int) -> None:
    """Mark the referrer rewards beyond ``cap`` in a month as capped (in time order)."""
    used: dict[tuple[str, str], int] = {}
    mine = [r for r in rows if r["role"] == "referrer"]
    for row in sorted(mine, key=lambda r: (r["ordered_at"], r["order_id"])):
        slot = (row["referrer_id"], row["month"])
        used[slot] = used.get(slot, 0) + 1
        if used[slot] > cap:
            row.update(
                state="capped", amount=0, earned_at=None, clawed_back_at=None, void_refund_id=None
            )


def _events(rewards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for row in rewards:
        if row["amount"] <= 0:
            continue
        moves = [("pay", row["earned_at"], row["amount"])]
        moves.append(("claw_back", row["clawed_back_at"], -row["amount"]))
        for action, at, amount in moves:
            if at is None:
                continue
            events.append(
                {
                    "event_id": f"{row['reward_id']}/{action}",
                    "reward_id": row["reward_id"],
                    "action": action,
                    "at": at,
                    "beneficiary_id": row["beneficiary_id"],
                    "role": row["role"],
                    "kind": row["kind"],
                    "amount": amount,
                    "referee_id": row["referee_id"],
                    "order_id": row["order_id"],
                }
            )
    events.sort(key=lambda e: (e["at"], e["action"] == "claw_back", e["event_id"]))
    return events


def _credits(credited: list[dict[str, Any]], rewards: pl.DataFrame) -> pl.DataFrame:
    latest = (
        rewards.filter(pl.col("role") == "referrer")
        .sort("round")
        .group_by("referee_id")
        .agg(
            pl.col("state").last(),
            pl.col("order_id").last(),
            pl.col("round").max().alias("rounds"),
        )
    )
    base = pl.DataFrame(
        [{k: c[k] for k in CLAIM_COLUMNS} for c in credited],
        schema={
            "referee_id": pl.String,
            "referrer_id": pl.String,
            "bound_at": pl.Datetime("us"),
            "source": pl.String,
        },
        orient="row",
    )
    return (
        base.join(latest, on="referee_id", how="left")
        .with_columns(
            pl.col("state").fill_null("awaiting_order"),
            pl.col("rounds").fill_null(0).cast(pl.Int64),
        )
        .sort("bound_at", "referee_id")
    )


def _leaderboard(credits: pl.DataFrame, rewards: pl.DataFrame) -> pl.DataFrame:
    bound = credits.group_by(
        pl.col("bound_at").dt.strftime("%Y-%m").alias("month"), pl.col("referrer_id")
    ).agg(pl.len().cast(pl.Int64).alias("bound"))
    state = pl.col("state")
    won = (
        rewards.filter(pl.col("role") == "referrer")
        .group_by("month", "referrer_id")
        .agg(
            (state != "clawed_back").sum().cast(pl.Int64).alias("conversions"),
            *[(state == s).sum().cast(pl.Int64).alias(s) for s in STATES],
            pl.col("amount").filter(state == "earned").sum().cast(pl.Int64).alias("amount_earned"),
        )
    )
    counts = ["conversions", *STATES, "amount_earned"]
    board = bound.join(won, on=["month", "referrer_id"], how="full", coalesce=True).with_columns(
        pl.col("bound").fill_null(0), *[pl.col(c).fill_null(0) for c in counts]
    )
    return (
        board.with_columns(
            pl.struct("conversions", "bound")
            .rank("min", descending=True)
            .over("month")
            .cast(pl.Int64)
            .alias("rank")
        )
        .select("month", "rank", "referrer_id", "bound", *counts)
        .sort("month", "rank", "referrer_id")
    )


def credit_referrals(
    claims: pl.DataFrame,
    orders: pl.DataFrame,
    rules: RewardRules,
    *,
    as_of: datetime | date | None = None,
) -> Credits:
    """Decide every claim and the rewards it earns, as of ``as_of`` (rules: the module
    docstring). ``as_of`` defaults to the latest ``bound_at`` or ``ordered_at`` given."""
    if not isinstance(rules, RewardRules):
        raise DataValidationError(
            "validation.choice", name="rules", got=type(rules).__name__, allowed="RewardRules"
        )
    bound = _read_claims(claims)
    sold = _read_orders(orders)
    if as_of is None:
        latest = [v for v in (bound["bound_at"].max(), sold["ordered_at"].max()) if v]
        moment = max(latest) if latest else datetime(1970, 1, 1)
        assert isinstance(moment, datetime)
    else:
        moment = utc_naive(as_of)
    bound = bound.filter(pl.col("bound_at") <= moment)
    sold = sold.filter(pl.col("ordered_at") <= moment)
    sales = _sales(sold, max(rules.min_order_cents, 1))
    decided, credited = _decide(bound, sales)
    reward_rows = _rewards(credited, sales, rules, moment)
    rewards = pl.DataFrame(reward_rows, schema=REWARD_SCHEMA, orient="row")
    events = pl.DataFrame(_events(reward_rows), schema=EVENT_SCHEMA, orient="row")
    claims_out = pl.DataFrame(
        decided,
        schema={
            "_row": pl.UInt32,
            "referee_id": pl.String,
            "referrer_id": pl.String,
            "bound_at": pl.Datetime("us"),
            "source": pl.String,
            "status": pl.String,
            "reason": pl.String,
        },
        orient="row",
    ).drop("_row")
    credits = _credits(credited, rewards)
    return Credits(
        as_of=moment,
        rules=rules,
        claims=claims_out,
        credits=credits,
        rewards=rewards.sort("ordered_at", "order_id", "role", descending=[False, False, True]),
        events=events,
        leaderboard=_leaderboard(credits, rewards),
    )

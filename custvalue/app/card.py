"""The member card [贵宾卡] over the store (docs/keeping.md §7): cards, their append-only
movement ledger, the policy and tiers in force, statements and the import of an existing
member list. The rules of points and stored value are the pure library's
(:mod:`custvalue.card.ledger`, :mod:`custvalue.card.tiers`); this module keeps them in
the store.

Store
-----
* ``cards`` (migration 17): one row per card — ``card_id``, the ledger customer it
  belongs to (``customer_id``, optional) or the ``holder``'s name, ``opened_at``,
  ``closed_at`` (a closed card takes no movement), who opened it, and the ``import_id``
  of the member list it came from.
* ``card_movements``: the ledger, one row per :class:`~custvalue.card.ledger.Movement`
  (``happened_at`` is ``Movement.at``) with ``recorded_at`` / ``recorded_by`` (when and
  by whom the row was written). Rows are appended, never updated nor deleted; a mistake
  is corrected by an ``adjust`` movement or a refund.
* **No balance is stored.** Every balance, lot and tier shown is replayed from the ledger
  (:func:`~custvalue.card.ledger.replay`, :func:`~custvalue.card.tiers.tier_history`).

One operation, one transaction
------------------------------
Every movement operation (:func:`recharge`, :func:`spend`, :func:`refund`,
:func:`expire`, :func:`adjust`, :func:`post_reward_points`) is one transaction:

1. lock the card (PostgreSQL: ``SELECT … FROM cards WHERE card_id = ? FOR UPDATE``);
2. load its movements in order and ``replay`` them under the policy in force;
3. compute the :class:`~custvalue.card.ledger.Posting` with the library (the member's
   tier, as of the movement's time, gives the earn multiplier of a spend);
4. renumber its movements from the card's next id
   (:func:`~custvalue.card.ledger.renumbered`) and append them;
5. ``replay`` the extended ledger (the library refuses an invalid one: nothing is
   written), write an audit line with the balances before and after, and only then
   commit.

Any error — a refused operation, a failed audit, a crash, Ctrl-C — rolls the whole
operation back: no movement without its audit line, no half of a spend.

Concurrency
-----------
*PostgreSQL*: the row lock makes a second operation on the same card wait until the
first commits; it then reads the first one's movements (READ COMMITTED: each statement
sees what was committed before it) and is computed from the new balances. Two
redemptions of the same points can therefore never both succeed: the second is refused
(``card.points_short``, ``cards.stored_short``). Operations on different cards do not
wait for each other. New card numbers are drawn under a transaction-level advisory lock.

*DuckDB*: a store file is held by one process at a time, and that process writes one
transaction at a time in practice. Two connections of one process (the workbench's
threads) that do race on a card read the same snapshot and compute the same movement
ids; the primary key ``(card_id, movement_id)`` then fails the later commit (the
library's rule 5), which is refused as ``cards.busy`` with nothing written: try again.

Times and money
---------------
Money is integer cents (分), points are whole points. Times are the company's local time
(naive). A movement may not be dated in the future (``cards.future_time``: it would hold
back every later movement) nor before the card's last movement (``cards.before_last``).

Policy and tiers
----------------
``settings`` ``card.policy`` holds the :class:`~custvalue.card.ledger.CardPolicy` fields
as JSON, ``card.tiers`` the tiers (``{"tiers": {key: {threshold, discount,
earn_multiplier, keep, name, name_en}}, "cents_per_growth", "registration_bonus",
"yearly_review"}``); without them the library's defaults (5 %, 1 point = 1 分, 365 days;
普通/银/金/白金/钻石). :func:`set_card_policy` changes them, audited, and refuses a change
under which a tier would earn points worth more than the money paid
(``card.earn_above_value``) or a stored ledger would no longer replay
(``cards.policy_breaks_ledger``: a lower point value would make an old refund's charge
too high). History is read from the movements, never recomputed with today's rates.

Referral rewards
----------------
:func:`post_reward_points` credits (or, negative, claws back) referral reward points on
the customer's first open card as an ``adjust`` movement noted ``referral reward {ref}``.
A clawback takes at most what the card holds (points never go below 0). Posting the same
``ref`` in the same direction twice returns the first movement's id (a retry is not a
second reward).

Member lists
------------
:func:`member_import` reads an existing member list (card, customer or holder, opened,
stored balance in 元, points, points expiry) through the data pipeline
(:func:`custvalue.data.pipeline.read_spec` with :data:`MEMBERS`), so every bad row is
named by line, column and value, and stores cards with one ``opening`` movement each
(balances carried over, the points one lot expiring on the given day) through the one
import writer: one transaction, recorded in ``imports``. A card id already stored, a
customer the ledger does not know, a row with neither customer nor holder and an opening
in the future are refused by line; ``strict``: any bad row stores nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from custvalue.app.results import Result, rows
from custvalue.card import (
    DEFAULT_TIERS,
    CardPolicy,
    CardState,
    Movement,
    Posting,
    Statement,
    Tier,
    TierChange,
    TierPolicy,
    Tiers,
    current_tier,
    renumbered,
    replay,
    tier_history,
)
from custvalue.data.columns import COLUMNS as LEDGER_COLUMNS
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec
from custvalue.exceptions import DataValidationError, NotFoundError

if TYPE_CHECKING:
    from custvalue.app.users import User
    from custvalue.data.db import Database
    from custvalue.data.writer import ImportResult

__all__ = [
    "MEMBERS",
    "POLICY_SETTING",
    "TIERS_SETTING",
    "VENUES",
    "CardDetail",
    "CardList",
    "CardPosted",
    "CardSetup",
    "CardStatement",
    "ExpiryRun",
    "adjust",
    "card_policy",
    "card_setup",
    "card_state",
    "card_statement",
    "card_tiers",
    "expire",
    "list_cards",
    "member_import",
    "open_card",
    "post_reward_points",
    "recharge",
    "refund",
    "set_card_policy",
    "spend",
    "venue_code",
]

POLICY_SETTING = "card.policy"
TIERS_SETTING = "card.tiers"

#: venue codes and the words that mean them (anything else is kept as typed)
VENUES: dict[str, tuple[str, ...]] = {
    "rooms": ("rooms", "room", "客房", "房费", "住宿", "accommodation", "lodging"),
    "restaurant": ("restaurant", "餐厅", "餐饮", "dining", "f&b", "food"),
    "spa": ("spa", "水疗", "spa中心"),
    "bar": ("bar", "酒吧", "大堂吧", "lounge"),
    "banquet": ("banquet", "宴会", "会议", "meeting", "events"),
    "shop": ("shop", "商店", "商场", "零售", "retail", "store"),
    "fitness": ("fitness", "gym", "健身", "健身房", "泳池", "pool"),
}
_VENUE_WORDS = {word.casefold(): code for code, words in VENUES.items() for word in words}

_MOVEMENT_COLUMNS = (
    "card_id, movement_id, happened_at, kind, venue, stored_cents, points, ref, expires_on, "
    "note, paid_cents, lot"
)
_CARD_COLUMNS = "card_id, customer_id, holder, opened_at, closed_at, created_by, import_id"
_MAX_TEXT = 200
_MAX_CENTS = 10**14  # a trillion 元: far beyond any card, far inside BIGINT


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardSetup(Result):
    """The policy and tiers in force and where they come from (``default`` or
    ``settings``, for each)."""

    policy: CardPolicy
    tiers: Tiers
    tier_policy: TierPolicy
    policy_source: str
    tiers_source: str

    def data(self) -> dict[str, Any]:
        return {
            "policy": self.policy.to_dict(),
            "policy_source": self.policy_source,
            "tiers": [t.to_dict() for t in self.tiers.tiers],
            "tier_policy": self.tier_policy.to_dict(),
            "tiers_source": self.tiers_source,
        }


@dataclass(frozen=True)
class CardPosted(Result):
    """What one operation appended to a card and the balances before and after it.

    ``outside_cents``: for a spend, what the member pays by other means; for a refund,
    minus the money given back by those means. ``withheld_cents``: of a refund, the value
    of earned points already spent that is kept back at the counter.
    """

    card_id: str
    operation: str
    movements: tuple[Movement, ...]
    stored_before: int
    points_before: int
    stored_cents: int
    points: int
    tier_before: str
    tier: str
    outside_cents: int = 0
    withheld_cents: int = 0

    @property
    def movement_ids(self) -> tuple[int, ...]:
        return tuple(m.movement_id for m in self.movements)

    def total(self, kind: str, what: str = "points") -> int:
        """The sum of ``what`` (``points``, ``stored_cents``) over this posting's ``kind``
        movements."""
        return sum(int(getattr(m, what)) for m in self.movements if m.kind == kind)

    def data(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "operation": self.operation,
            "movements": [m.to_dict() for m in self.movements],
            "before": {"stored_cents": self.stored_before, "points": self.points_before},
            "after": {"stored_cents": self.stored_cents, "points": self.points},
            "tier_before": self.tier_before,
            "tier": self.tier,
            "outside_cents": self.outside_cents,
            "withheld_cents": self.withheld_cents,
        }


@dataclass(frozen=True)
class ExpiryRun(Result):
    """What an expiry run removed: one posting per card that had expired points."""

    today: date
    checked: int
    postings: tuple[CardPosted, ...]

    @property
    def points(self) -> int:
        return -sum(p.total("expire") for p in self.postings)

    def data(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "cards_checked": self.checked,
            "cards_expired": len(self.postings),
            "points_expired": self.points,
            "postings": [p.data() for p in self.postings],
        }


@dataclass(frozen=True)
class CardDetail(Result):
    """One card: its row, the replayed state, the tier and its history, the growth value
    and what the next tier needs, as of ``as_of``."""

    card: dict[str, Any]
    state: CardState
    movements: tuple[Movement, ...]
    tier: Tier
    next_tier: Tier | None
    growth: int
    history: tuple[TierChange, ...]
    as_of: date

    @property
    def card_id(self) -> str:
        return str(self.card["card_id"])

    @property
    def usable_points(self) -> int:
        return self.state.usable_points(self.as_of)

    @property
    def to_next_tier(self) -> int | None:
        return None if self.next_tier is None else max(0, self.next_tier.threshold - self.growth)

    def data(self) -> dict[str, Any]:
        policy = self.state.policy
        return {
            "card": self.card,
            "as_of": self.as_of,
            "stored_cents": self.state.stored_cents,
            "points": self.state.points,
            "usable_points": self.usable_points,
            "points_value_cents": self.usable_points * policy.point_value_cents,
            "tier": self.tier.to_dict(),
            "next_tier": self.next_tier.to_dict() if self.next_tier else None,
            "growth": self.growth,
            "to_next_tier": self.to_next_tier,
            "tier_history": [h.to_dict() for h in self.history],
            "lots": [lot.to_dict() for lot in self.state.lots],
            "spends": [s.to_dict() for s in self.state.spends],
            "movements": [m.to_dict() for m in self.movements],
            "policy": policy.to_dict(),
        }


@dataclass(frozen=True)
class CardStatement(Result):
    """A card's statement of a period (the library's :class:`Statement`) with its row."""

    card: dict[str, Any]
    statement: Statement

    def data(self) -> dict[str, Any]:
        return {"card": self.card, **self.statement.to_dict()}


@dataclass(frozen=True)
class CardList(Result):
    """Cards with their replayed balances (``table``: one row each, ``limit`` of them from
    ``offset``) and the totals over every card that matched."""

    table: pl.DataFrame
    total: int
    stored_cents: int
    points: int
    as_of: date

    def data(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "as_of": self.as_of,
            "stored_cents": self.stored_cents,
            "points": self.points,
            "cards": rows(self.table),
        }


# -- small helpers -----------------------------------------------------------------------------


def _who(by: User | None, actor: str | None) -> str:
    return by.name if by is not None else (actor or "cli")


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


_AMOUNT = re.compile(r"^[+-]?\d+(?:\.\d{1,2})?$")
_MAX_YUAN = Decimal(10**12)


def parse_yuan(
    option: str, text: str | None, *, signed: bool = False, field: str | None = None
) -> int:
    """An amount typed in 元 (``600``, ``600.50``, ``1,000``, ``¥600``, ``600元``) as cents,
    as both fronts read it; more than two decimals, zero, or a negative amount (unless
    ``signed``) are refused (``error.option`` naming ``option``; ``field``: the form
    input to mark)."""
    from custvalue.i18n import t

    raw = (text or "").strip()
    cleaned = re.sub(r"[,，\s]", "", raw)
    cleaned = re.sub(r"^[¥￥]|元$|^RMB", "", cleaned, flags=re.IGNORECASE)
    ok = bool(_AMOUNT.match(cleaned))
    value = Decimal(cleaned) if ok else Decimal(0)
    if not ok or value == 0 or (value < 0 and not signed) or abs(value) > _MAX_YUAN:
        extra = {"field": field} if field else {}
        raise DataValidationError(
            "error.option", option=option, value=raw,
            reason=t("cards.reason_signed_yuan" if signed else "cards.reason_yuan"),
            hint=t("cards.hint_signed_yuan" if signed else "cards.hint_yuan"), **extra,
        )  # fmt: skip
    return int(value * 100)


def _yuan(cents: int) -> str:
    """Cents as 元 for a message: ``60000`` → ``600.00``."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole:,}.{part:02d}"


def _text(option: str, value: Any, *, required: bool = True, limit: int = _MAX_TEXT) -> str:
    """Trimmed text of at most ``limit`` characters; empty is refused when ``required``."""
    text = str(value).strip() if value is not None else ""
    if not text and required:
        raise DataValidationError("cards.needs_text", option=option)
    if len(text) > limit:
        raise DataValidationError("cards.too_long", option=option, limit=limit, got=len(text))
    return text


def _int(option: str, value: Any, *, minimum: int | None = None) -> int:
    """A whole number (not a bool, not a float) of at most :data:`_MAX_CENTS`."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or abs(value) > _MAX_CENTS
        or (minimum is not None and value < minimum)
    ):
        low = "−∞" if minimum is None else str(minimum)
        raise DataValidationError("cards.bad_number", option=option, got=repr(value), minimum=low)
    return int(value)


def venue_code(value: str | None) -> str:
    """A venue as stored: the code of a known word (``客房`` → ``rooms``), else the text
    as typed (trimmed, at most 60 characters); empty for none."""
    text = _text("--venue", value, required=False, limit=60)
    return _VENUE_WORDS.get(text.casefold(), text)


def _card_key(value: Any) -> str:
    from custvalue.data.ids import normalize_id

    text = _text("CARD", value)
    return normalize_id(text)


# -- policy and tiers --------------------------------------------------------------------------


def _setting(db: Database, key: str) -> Any:
    text = db.scalar("SELECT value FROM settings WHERE key = ?", [key])
    return json.loads(text) if text else None


def _tiers_from(stored: Mapping[str, Any]) -> tuple[Tiers, TierPolicy]:
    tiers = Tiers.from_mapping(stored.get("tiers") or {}) if stored.get("tiers") else DEFAULT_TIERS
    policy = TierPolicy(**{k: v for k, v in stored.items() if k != "tiers"})
    return tiers, policy


def card_policy(db: Database) -> CardPolicy:
    """The :class:`CardPolicy` in force: ``settings`` ``card.policy``, else the default."""
    stored = _setting(db, POLICY_SETTING)
    return CardPolicy.from_mapping(stored) if stored else CardPolicy()


def card_tiers(db: Database) -> tuple[Tiers, TierPolicy]:
    """The tiers and growth rules in force: ``settings`` ``card.tiers``, else the default."""
    stored = _setting(db, TIERS_SETTING)
    return _tiers_from(stored) if stored else (DEFAULT_TIERS, TierPolicy())


def card_setup(db: Database) -> CardSetup:
    """The policy and the tiers in force (see the module docstring)."""
    policy, (tiers, tier_policy) = card_policy(db), card_tiers(db)
    return CardSetup(
        policy,
        tiers,
        tier_policy,
        "settings" if _setting(db, POLICY_SETTING) else "default",
        "settings" if _setting(db, TIERS_SETTING) else "default",
    )


_POLICY_KEYS = ("earn_rate", "point_value_cents", "expiry_days", "rounding", "earn_on_points")
_TIER_POLICY_KEYS = ("cents_per_growth", "registration_bonus", "yearly_review")
_NONE_WORDS = {"none", "never", "null", "", "无", "永不", "永久"}
_TRUE_WORDS = {"true", "yes", "on", "1", "是", "y"}
_FALSE_WORDS = {"false", "no", "off", "0", "否", "n"}


def _coerce(name: str, value: Any) -> Any:
    """A setting typed as text (``expiry_days=never``, ``earn_on_points=yes``,
    ``point_value_cents=2``) as the value the library takes; other values unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if name == "expiry_days" and text.lower() in _NONE_WORDS:
        return None
    if name in ("earn_on_points", "yearly_review"):
        if text.lower() in _TRUE_WORDS:
            return True
        if text.lower() in _FALSE_WORDS:
            return False
        raise DataValidationError("cards.bad_setting", name=name, got=value, rule="true/false")
    if name in ("point_value_cents", "expiry_days", "cents_per_growth", "registration_bonus"):
        try:
            return int(text)
        except ValueError:
            raise DataValidationError(
                "cards.bad_setting", name=name, got=value, rule="a whole number"
            ) from None
    return text


def _tier_mapping(tiers: Tiers) -> dict[str, dict[str, Any]]:
    return {
        t.key: {
            "threshold": t.threshold,
            "discount": str(t.discount),
            "earn_multiplier": str(t.earn_multiplier),
            "keep": t.keep,
            "name": t.name,
            "name_en": t.name_en,
        }
        for t in tiers.tiers
    }


def _check_setup(policy: CardPolicy, tiers: Tiers) -> None:
    """Points earned at every tier stay worth at most the money paid (library rule 2)."""
    for tier in tiers.tiers:
        product = policy.earn_rate * tier.earn_multiplier * policy.point_value_cents
        if product > 1:
            raise DataValidationError(
                "card.earn_above_value",
                rate=str(policy.earn_rate),
                multiplier=str(tier.earn_multiplier),
                value=policy.point_value_cents,
                product=str(product),
            )


def set_card_policy(
    db: Database,
    mapping: Mapping[str, Any],
    *,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardSetup:
    """Change the policy and tiers in force: ``mapping`` holds any of the
    :class:`CardPolicy` fields, the :class:`TierPolicy` fields and ``tiers`` (a mapping
    as :meth:`Tiers.from_mapping` takes, replacing every tier); values may be text.
    Refused whole when any part is bad, when a tier would earn more than the money paid,
    or when a stored card's ledger would no longer replay; audited."""
    from custvalue.app.users import audit

    allowed = (*_POLICY_KEYS, *_TIER_POLICY_KEYS, "tiers")
    for key in mapping:
        if key not in allowed:
            raise DataValidationError(
                "card.unknown_setting", name=str(key), allowed=", ".join(allowed)
            )
    stamp = _now(now)
    with db.transaction():
        before = card_setup(db)
        policy_map = {**before.policy.to_dict()}
        policy_map.update({k: _coerce(k, v) for k, v in mapping.items() if k in _POLICY_KEYS})
        policy = CardPolicy.from_mapping(policy_map)
        tier_map: dict[str, Any] = {
            "tiers": _tier_mapping(before.tiers),
            **before.tier_policy.to_dict(),
        }
        tier_map.update({k: _coerce(k, v) for k, v in mapping.items() if k in _TIER_POLICY_KEYS})
        if "tiers" in mapping:
            given = mapping["tiers"]
            if not isinstance(given, Mapping):
                raise DataValidationError(
                    "card.tier_not_mapping", tier="tiers", got=repr(given)[:80]
                )
            tier_map["tiers"] = _tier_mapping(Tiers.from_mapping(given))
        tiers, tier_policy = _tiers_from(tier_map)
        _check_setup(policy, tiers)
        for card_id in [str(r[0]) for r in db.fetchall("SELECT card_id FROM cards")]:
            try:
                replay(_load(db, card_id), policy, card_id=card_id)
            except DataValidationError as error:
                raise DataValidationError(
                    "cards.policy_breaks_ledger", card=card_id, detail=error.message()
                ) from None
        stored_policy = policy.to_dict()
        stored_tiers = {"tiers": _tier_mapping(tiers), **tier_policy.to_dict()}
        for key, value in ((POLICY_SETTING, stored_policy), (TIERS_SETTING, stored_tiers)):
            db.execute("DELETE FROM settings WHERE key = ?", [key])
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)",
                [key, json.dumps(value, ensure_ascii=False)],
            )
        audit(
            db, action="card.policy", by=by, actor=_who(by, actor),
            details={"before": before.data(), "after": {"policy": stored_policy,
                                                         "tiers": stored_tiers}},
            now=stamp,
        )  # fmt: skip
    return card_setup(db)


# -- the store: cards and movements ------------------------------------------------------------


def _movement(row: Sequence[Any]) -> Movement:
    return Movement(
        movement_id=int(row[1]),
        card_id=str(row[0]),
        at=row[2],
        kind=str(row[3]),
        venue=str(row[4]),
        stored_cents=int(row[5]),
        points=int(row[6]),
        ref=str(row[7]),
        expires_on=row[8],
        note=str(row[9]),
        paid_cents=int(row[10]),
        lot=None if row[11] is None else int(row[11]),
    )


def _load(db: Database, card_id: str) -> list[Movement]:
    """The card's movements in ledger order."""
    return [
        _movement(r)
        for r in db.fetchall(
            f"SELECT {_MOVEMENT_COLUMNS} FROM card_movements WHERE card_id = ? "
            "ORDER BY movement_id",
            [card_id],
        )
    ]


def _append(db: Database, movements: Sequence[Movement], who: str, stamp: datetime) -> None:
    for m in movements:
        db.execute(
            f"INSERT INTO card_movements ({_MOVEMENT_COLUMNS}, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [m.card_id, m.movement_id, m.at, m.kind, m.venue, m.stored_cents, m.points, m.ref,
             m.expires_on, m.note, m.paid_cents, m.lot, stamp, who],
        )  # fmt: skip


def _card_dict(row: Sequence[Any]) -> dict[str, Any]:
    names = [c.strip() for c in _CARD_COLUMNS.split(",")]
    return dict(zip(names, row, strict=True))


def _find(db: Database, card_id: Any, *, lock: bool = False) -> dict[str, Any]:
    """The card's row (``card_id`` as typed: its normal form, else a case-insensitive
    match); ``lock``: ``FOR UPDATE`` on PostgreSQL, inside the caller's transaction."""
    key = _card_key(card_id)
    suffix = " FOR UPDATE" if lock and db.dialect == "postgresql" else ""
    found = db.fetchall(f"SELECT {_CARD_COLUMNS} FROM cards WHERE card_id = ?{suffix}", [key])
    if not found:
        near = db.fetchall(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE upper(card_id) = ? ORDER BY card_id",
            [key.upper()],
        )
        if len(near) == 1:
            found = db.fetchall(
                f"SELECT {_CARD_COLUMNS} FROM cards WHERE card_id = ?{suffix}", [near[0][0]]
            )
    if not found:
        raise NotFoundError("cards.unknown_card", card=key)
    return _card_dict(found[0])


def _is_key_conflict(exc: BaseException) -> bool:
    module = (type(exc).__module__ or "").split(".")[0]
    if module not in {"duckdb", "_duckdb", "psycopg"}:
        return False
    text = str(exc).lower()
    return "duplicate key" in text or "primary key" in text or "unique" in text


@contextmanager
def _guarded(db: Database, card_id: str) -> Iterator[None]:
    """A store refusing a movement id another connection took first (the ``(card_id,
    movement_id)`` key) is ``cards.busy``; other store errors are translated."""
    from custvalue.data.writer import store_errors

    try:
        with store_errors(db):
            yield
    except Exception as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        if _is_key_conflict(cause):
            raise DataValidationError("cards.busy", card=card_id) from exc
        raise


def _when(at: datetime | None, stamp: datetime) -> datetime:
    when = stamp if at is None else at
    if not isinstance(when, datetime):
        raise DataValidationError("card.bad_time", name="at", got=repr(at))
    if when > stamp:
        raise DataValidationError(
            "cards.future_time", at=f"{when:%Y-%m-%d %H:%M}", now=f"{stamp:%Y-%m-%d %H:%M}"
        )
    return when


def _not_before(state: CardState, when: datetime) -> None:
    if state.last_at is not None and when < state.last_at:
        raise DataValidationError(
            "cards.before_last",
            card=state.card_id,
            at=f"{when:%Y-%m-%d %H:%M}",
            last=f"{state.last_at:%Y-%m-%d %H:%M}",
        )


#: an operation: (state, ledger, tiers, tier policy) -> the posting to append
Compute = Callable[[CardState, list[Movement], Tiers, TierPolicy], Posting]


def _operate(
    db: Database,
    card_id: Any,
    operation: str,
    compute: Compute,
    *,
    by: User | None,
    actor: str | None,
    stamp: datetime,
    details: Mapping[str, Any] | None = None,
) -> CardPosted:
    """One operation on one card, in one transaction (the module docstring, steps 1–5)."""
    from custvalue.app.users import audit

    who = _who(by, actor)
    key = _card_key(card_id)
    with _guarded(db, key), db.transaction():
        row = _find(db, key, lock=True)
        key = str(row["card_id"])
        if row["closed_at"] is not None:
            raise DataValidationError(
                "cards.closed", card=key, closed=f"{row['closed_at']:%Y-%m-%d}"
            )
        policy = card_policy(db)
        tiers, tier_policy = card_tiers(db)
        ledger = _load(db, key)
        state = replay(ledger, policy, card_id=key)
        posting = compute(state, ledger, tiers, tier_policy)
        new = renumbered(posting.movements, state.next_id)
        early = [m for m in new if m.at < row["opened_at"]]
        if early:  # a card holds nothing from before it was opened
            raise DataValidationError(
                "cards.before_opened", card=key, at=f"{early[0].at:%Y-%m-%d %H:%M}",
                opened=f"{row['opened_at']:%Y-%m-%d %H:%M}",
            )  # fmt: skip
        extended = [*ledger, *new]
        after = replay(extended, policy, card_id=key)  # the library refuses a bad ledger
        tier_before = current_tier(ledger, tiers, tier_policy).key
        tier_after = current_tier(extended, tiers, tier_policy).key
        result = CardPosted(
            card_id=key,
            operation=operation,
            movements=new,
            stored_before=state.stored_cents,
            points_before=state.points,
            stored_cents=after.stored_cents,
            points=after.points,
            tier_before=tier_before,
            tier=tier_after,
            outside_cents=posting.outside_cents,
            withheld_cents=posting.withheld_cents,
        )
        if new:
            _append(db, new, who, stamp)
            audit(
                db, action=f"card.{operation}", by=by, actor=who, target=key,
                details={
                    "before": {"stored_cents": state.stored_cents, "points": state.points,
                               "tier": tier_before},
                    "after": {"stored_cents": after.stored_cents, "points": after.points,
                              "tier": tier_after},
                    "movements": [m.movement_id for m in new],
                    **(details or {}),
                },
                now=stamp,
            )  # fmt: skip
    return result


# -- opening a card ----------------------------------------------------------------------------


def _known_customer(db: Database, customer_id: str) -> tuple[str, str | None]:
    from custvalue.data.ids import lookup_forms

    for form in lookup_forms(customer_id):
        found = db.fetchall("SELECT customer_id, name FROM customers WHERE customer_id = ?", [form])
        if found:
            return str(found[0][0]), found[0][1]
    raise NotFoundError("cards.unknown_customer", customer=customer_id)


def _next_card_id(db: Database) -> str:
    if db.dialect == "postgresql":  # one opening at a time draws the next number
        db.execute("SELECT pg_advisory_xact_lock(hashtext('custvalue.cards'))")
    numbers = [
        int(str(r[0])[3:])
        for r in db.fetchall("SELECT card_id FROM cards WHERE card_id LIKE 'VIP%'")
        if str(r[0])[3:].isdigit()
    ]
    return f"VIP{(max(numbers, default=0) + 1):06d}"


def open_card(
    db: Database,
    *,
    card_id: str | None = None,
    customer_id: str | None = None,
    holder: str | None = None,
    at: datetime | None = None,
    stored_cents: int = 0,
    points: int = 0,
    points_expire_on: date | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardDetail:
    """Open a card for a ledger customer (``customer_id``) or a named ``holder`` (one of
    them required; a customer's holder defaults to their name). ``card_id`` defaults to
    the next ``VIP`` number (``VIP000001`` …). ``stored_cents`` / ``points`` carried over
    from an older system become its ``opening`` movement (the points one lot expiring
    on ``points_expire_on``, ``None`` = never). Returns the new card."""
    from custvalue.app.users import audit
    from custvalue.card import opening

    stamp = _now(now)
    when = _when(at, stamp)
    cid = _text("--customer", customer_id, required=False, limit=100) or None
    name = _text("--holder", holder, required=False) or None
    if cid is None and name is None:
        raise DataValidationError("cards.needs_holder")
    stored = _int("stored_cents", stored_cents, minimum=0)
    pts = _int("points", points, minimum=0)
    who = _who(by, actor)
    wanted = _card_key(card_id) if card_id is not None else None
    if wanted is not None and (" " in wanted or len(wanted) > 40):
        raise DataValidationError("cards.bad_card_id", card=wanted)
    with _guarded(db, wanted or "VIP"), db.transaction():
        if cid is not None:
            cid, known_name = _known_customer(db, cid)
            name = name or known_name
        if wanted is not None:
            taken = db.scalar(
                "SELECT card_id FROM cards WHERE upper(card_id) = ?", [wanted.upper()]
            )
            if taken is not None:
                raise DataValidationError("cards.card_exists", card=str(taken))
        key = wanted or _next_card_id(db)
        db.execute(
            f"INSERT INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, NULL, ?, NULL)",
            [key, cid, name, when, who],
        )
        if stored or pts:
            posting = opening(
                replay([], card_policy(db), card_id=key),
                when,
                stored_cents=stored,
                points=pts,
                expires_on=points_expire_on,
                note="carried over",
            )
            _append(db, posting.movements, who, stamp)
        audit(
            db, action="card.open", by=by, actor=who, target=key,
            details={"after": {"customer_id": cid, "holder": name, "opened_at": str(when),
                               "stored_cents": stored, "points": pts}},
            now=stamp,
        )  # fmt: skip
    return card_state(db, key, as_of=stamp.date())


# -- the operations ----------------------------------------------------------------------------


def recharge(
    db: Database,
    *,
    card_id: str,
    amount_cents: int,
    venue: str = "",
    ref: str = "",
    at: datetime | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardPosted:
    """Money paid onto the card (``amount_cents`` > 0; ``ref``: the payment, unique on the
    card when given). Recharging earns no points (they are earned when money is spent)."""
    from custvalue.card import recharge as post

    stamp = _now(now)
    when = _when(at, stamp)
    place = venue_code(venue)
    payment = _text("--ref", ref, required=False)
    amount = _int("amount_cents", amount_cents)

    def compute(state: CardState, *_: Any) -> Posting:
        _not_before(state, when)
        return post(state, amount, when, place, payment)

    return _operate(db, card_id, "recharge", compute, by=by, actor=actor, stamp=stamp)


def spend(
    db: Database,
    *,
    card_id: str,
    amount_cents: int,
    ref: str,
    venue: str = "",
    from_stored: int = 0,
    points_used: int = 0,
    at: datetime | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardPosted:
    """A bill of ``amount_cents`` at ``venue`` (``ref``: the bill, unique on the card):
    ``from_stored`` cents paid from stored value, ``points_used`` points redeemed (the
    lots expiring first), the rest paid by other means (``outside_cents``). Points are
    earned on the money paid, at the member's tier's multiplier as of the bill."""
    from custvalue.card import spend as post

    stamp = _now(now)
    when = _when(at, stamp)
    place = venue_code(venue)
    bill = _text("--ref", ref)
    amount = _int("amount_cents", amount_cents)
    stored = _int("from_stored", from_stored, minimum=0)
    used = _int("points_used", points_used, minimum=0)

    def compute(
        state: CardState, ledger: list[Movement], tiers: Tiers, tier_policy: TierPolicy
    ) -> Posting:
        _not_before(state, when)
        covered = stored + used * state.policy.point_value_cents
        if amount > 0 and covered > amount:
            raise DataValidationError(
                "cards.exceeds_bill", amount=_yuan(amount), covered=_yuan(covered)
            )
        if stored > state.stored_cents:
            raise DataValidationError(
                "cards.stored_short",
                card=state.card_id,
                need=_yuan(stored),
                balance=_yuan(state.stored_cents),
            )
        tier = current_tier(ledger, tiers, tier_policy, as_of=when.date())
        return post(
            state, amount, when, place, bill, from_stored=stored, points_used=used,
            earn_multiplier=tier.earn_multiplier,
        )  # fmt: skip

    return _operate(
        db, card_id, "spend", compute, by=by, actor=actor, stamp=stamp, details={"ref": bill}
    )


def refund(
    db: Database,
    *,
    card_id: str,
    spend_ref: str,
    at: datetime | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardPosted:
    """Undo bill ``spend_ref`` whole (library rule 4): its stored value back, its redeemed
    points back to their lots, the points it earned clawed back, the value of those
    already spent charged to the stored value returned or withheld at the counter."""
    from custvalue.card import refund as post

    stamp = _now(now)
    when = _when(at, stamp)
    bill = _text("BILL", spend_ref)

    def compute(state: CardState, *_: Any) -> Posting:
        _not_before(state, when)
        return post(state, bill, when)

    return _operate(
        db, card_id, "refund", compute, by=by, actor=actor, stamp=stamp, details={"ref": bill}
    )


def expire(
    db: Database,
    *,
    card_id: str | None = None,
    today: date | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ExpiryRun:
    """Remove the unused remainder of every points lot whose expiry date is on or before
    ``today`` (default: the day of ``now``), on one card or on every open card. Each card
    is its own transaction (a long run holds no lock on the others); running it again
    finds nothing more to do."""
    from custvalue.card import expire as post

    stamp = _now(now)
    day = stamp.date() if today is None else today
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        raise DataValidationError("card.bad_time", name="today", got=repr(today))
    if day > stamp.date():
        raise DataValidationError(
            "cards.future_time", at=day.isoformat(), now=f"{stamp:%Y-%m-%d %H:%M}"
        )
    if card_id is not None:
        keys = [str(_find(db, card_id)["card_id"])]
    else:
        keys = [
            str(r[0])
            for r in db.fetchall(
                "SELECT card_id FROM cards WHERE closed_at IS NULL ORDER BY card_id"
            )
        ]

    def compute(state: CardState, *_: Any) -> Posting:
        return post(state, day)

    postings = []
    for key in keys:
        done = _operate(
            db, key, "expire", compute, by=by, actor=actor, stamp=stamp,
            details={"today": day.isoformat()},
        )  # fmt: skip
        if done.movements:
            postings.append(done)
    return ExpiryRun(day, len(keys), tuple(postings))


def adjust(
    db: Database,
    *,
    card_id: str,
    reason: str,
    stored_cents: int = 0,
    points: int = 0,
    expires_on: date | None = None,
    venue: str = "",
    ref: str = "",
    at: datetime | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> CardPosted:
    """A manual correction, kept with its ``reason``: ``stored_cents`` and ``points`` of
    any sign (points added make a lot expiring ``expires_on``, by default the policy's
    days from now; points removed come from the lots expiring first)."""
    from custvalue.card import adjust as post

    stamp = _now(now)
    when = _when(at, stamp)
    why = _text("--reason", reason)
    stored = _int("stored_cents", stored_cents)
    pts = _int("points", points)
    if stored == 0 and pts == 0:
        raise DataValidationError("cards.adjust_nothing")
    place = venue_code(venue)
    doc = _text("--ref", ref, required=False)

    def compute(state: CardState, *_: Any) -> Posting:
        _not_before(state, when)
        if -stored > state.stored_cents:
            raise DataValidationError(
                "cards.stored_short",
                card=state.card_id,
                need=_yuan(-stored),
                balance=_yuan(state.stored_cents),
            )
        return post(
            state, when, reason=why, stored_cents=stored, points=pts, expires_on=expires_on,
            venue=place, ref=doc,
        )  # fmt: skip

    return _operate(
        db, card_id, "adjust", compute, by=by, actor=actor, stamp=stamp,
        details={"reason": why},
    )  # fmt: skip


def post_reward_points(
    db: Database,
    *,
    customer_id: str,
    points: int,
    ref: str,
    at: datetime,
    actor: str | None = None,
    by: User | None = None,
) -> int | None:
    """Credit referral reward ``points`` to the customer's first open card (by opening
    time, then card id) as an ``adjust`` movement noted ``referral reward {ref}``; a
    negative ``points`` claws back, at most what the card holds. Returns the (first)
    movement's id, or ``None`` when the customer has no open card or a clawback finds
    nothing left. The same ``ref`` posted again in the same direction returns the first
    movement's id without posting twice. ``at`` earlier than the card's opening or its
    last movement is posted at that time (the ledger never goes back: a reward earned
    before the card existed arrives when it opened)."""
    from custvalue.card import adjust as post

    pts = _int("points", points)
    if pts == 0:
        raise DataValidationError("cards.adjust_nothing")
    if not isinstance(at, datetime):
        raise DataValidationError("card.bad_time", name="at", got=repr(at))
    reference = _text("ref", ref)
    note = f"referral reward {reference}"
    found = db.fetchall(
        "SELECT card_id FROM cards WHERE customer_id = ? AND closed_at IS NULL "
        "ORDER BY opened_at, card_id LIMIT 1",
        [str(customer_id).strip()],
    )
    if not found:
        return None
    key = str(found[0][0])
    opened = db.scalar("SELECT opened_at FROM cards WHERE card_id = ?", [key])
    start = max(at, opened) if isinstance(opened, datetime) else at  # a card opened later
    sign = "points > 0" if pts > 0 else "points < 0"
    with db.transaction():
        _find(db, key, lock=True)
        earlier = db.scalar(
            f"SELECT min(movement_id) FROM card_movements WHERE card_id = ? AND kind = 'adjust' "
            f"AND note = ? AND {sign}",
            [key, note],
        )
        if earlier is not None:
            return int(earlier)
        stamp = _now(None)

        def compute(state: CardState, *_: Any) -> Posting:
            when = start if state.last_at is None or start >= state.last_at else state.last_at
            take = pts if pts > 0 else -min(-pts, state.points)
            if take == 0:
                return Posting((), state)
            return post(state, when, reason=note, points=take, ref=reference)

        done = _operate(
            db, key, "reward", compute, by=by, actor=actor, stamp=stamp,
            details={"ref": reference, "asked": pts},
        )  # fmt: skip
    return done.movements[0].movement_id if done.movements else None


# -- reading -----------------------------------------------------------------------------------


def _growth(ledger: Sequence[Movement], history: Sequence[TierChange], cpg: int) -> int:
    """The growth value after ``ledger``: from the last time it was set exactly (joining,
    a yearly review), plus the money paid since (tiers docstring)."""
    if not history:
        return 0
    base = next(h for h in reversed(history) if h.reason in ("joined", "review"))
    cents = base.growth * cpg
    since = [m for m in ledger if m.at >= base.at] if base.reason == "review" else ledger
    cents += sum(m.paid_cents for m in since if m.kind in ("spend", "refund"))
    return cents // cpg


def card_state(db: Database, card_id: str, *, as_of: date | None = None) -> CardDetail:
    """One card as of ``as_of`` (default today): balances replayed from its ledger, the
    points usable that day, the tier from its tier history and what the next one needs."""
    row = _find(db, card_id)
    key = str(row["card_id"])
    day = as_of or date.today()
    policy = card_policy(db)
    tiers, tier_policy = card_tiers(db)
    ledger = [m for m in _load(db, key) if m.at.date() <= day]
    state = replay(ledger, policy, card_id=key)
    history = tuple(tier_history(ledger, tiers, tier_policy, as_of=day))
    tier = tiers.get(history[-1].tier) if history else tiers.tiers[0]
    rank = tiers.rank(tier)
    following = tiers.tiers[rank + 1] if rank + 1 < len(tiers.tiers) else None
    growth = _growth(ledger, history, tier_policy.cents_per_growth)
    return CardDetail(row, state, tuple(ledger), tier, following, growth, history, day)


def card_statement(
    db: Database, card_id: str, start: date | None = None, end: date | None = None
) -> CardStatement:
    """The card's statement from ``start`` (default: the day it was opened) to ``end``
    (default: today), both included: balances before, each movement with the balances
    after it, balances after, totals per kind and per venue."""
    from custvalue.card import statement

    row = _find(db, card_id)
    key = str(row["card_id"])
    first = start or row["opened_at"].date()
    last = end or date.today()
    ledger = _load(db, key)
    return CardStatement(row, statement(ledger, card_policy(db), start=first, end=last))


_LIST_SCHEMA: dict[str, Any] = {
    "card_id": pl.String,
    "customer_id": pl.String,
    "holder": pl.String,
    "opened_at": pl.Datetime("us"),
    "closed_at": pl.Datetime("us"),
    "stored_cents": pl.Int64,
    "points": pl.Int64,
    "usable_points": pl.Int64,
    "tier": pl.String,
    "movements": pl.Int64,
    "last_at": pl.Datetime("us"),
}


def list_cards(
    db: Database,
    *,
    customer_id: str | None = None,
    holder: str | None = None,
    open_only: bool = False,
    as_of: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> CardList:
    """Cards by id with their balances replayed (every matching card is replayed, so the
    totals are over all of them; fine for thousands), filtered by customer, holder (part
    of the name) or open ones only."""
    from custvalue._validation import check_number

    limit = int(check_number("--limit", limit, minimum=1, maximum=10_000, integer=True))
    offset = int(check_number("--offset", offset, minimum=0, integer=True))
    day = as_of or date.today()
    where, params = ["1 = 1"], []
    if customer_id:
        where.append("customer_id = ?")
        params.append(str(customer_id).strip())
    if holder:
        where.append("holder LIKE ?")
        params.append(f"%{str(holder).strip()}%")
    if open_only:
        where.append("closed_at IS NULL")
    clause = " AND ".join(where)
    cards = db.fetchall(
        f"SELECT {_CARD_COLUMNS} FROM cards WHERE {clause} ORDER BY card_id", params
    )
    ledgers: dict[str, list[Movement]] = {}
    for r in db.fetchall(
        f"SELECT {_MOVEMENT_COLUMNS} FROM card_movements WHERE card_id IN "
        f"(SELECT card_id FROM cards WHERE {clause}) ORDER BY card_id, movement_id",
        params,
    ):
        ledgers.setdefault(str(r[0]), []).append(_movement(r))
    policy = card_policy(db)
    tiers, tier_policy = card_tiers(db)
    out: list[dict[str, Any]] = []
    for row in cards:
        card = _card_dict(row)
        key = str(card["card_id"])
        ledger = [m for m in ledgers.get(key, []) if m.at.date() <= day]
        state = replay(ledger, policy, card_id=key)
        out.append(
            {
                "card_id": key,
                "customer_id": card["customer_id"],
                "holder": card["holder"],
                "opened_at": card["opened_at"],
                "closed_at": card["closed_at"],
                "stored_cents": state.stored_cents,
                "points": state.points,
                "usable_points": state.usable_points(day),
                "tier": current_tier(ledger, tiers, tier_policy, as_of=day).key,
                "movements": state.movements,
                "last_at": state.last_at,
            }
        )
    table = pl.DataFrame(out, schema=_LIST_SCHEMA)
    return CardList(
        table.slice(offset, limit),
        table.height,
        int(sum(r["stored_cents"] for r in out)),
        int(sum(r["points"] for r in out)),
        day,
    )


# -- member lists ------------------------------------------------------------------------------


def _needs_holder(
    rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, list[Rejection]]:
    """A card belongs to a ledger customer or a named holder."""
    bad = rows.filter(pl.col("customer_id").is_null() & pl.col("holder").is_null())
    out = [
        Rejection(int(line), context.header("holder"), "", "cards.import_needs_holder")
        for (line,) in bad.select("_line").iter_rows()
    ]
    return (rows.filter(~pl.col("_line").is_in(bad["_line"].to_list())) if out else rows), out


def _whole_points(
    rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, list[Rejection]]:
    """Points are whole."""
    bad = rows.filter(
        pl.col("points").is_not_null() & (pl.col("points") != pl.col("points").floor())
    )
    out = [
        Rejection(int(line), context.header("points"), f"{value:g}", "cards.import_not_whole")
        for line, value in bad.select("_line", "points").iter_rows()
    ]
    return (rows.filter(~pl.col("_line").is_in(bad["_line"].to_list())) if out else rows), out


MEMBERS = TableSpec(
    "cards.kind",
    (
        Field(
            "card_id", "id",
            ("卡号", "会员卡号", "贵宾卡号", "储值卡号", "card", "card no", "card number",
             "member card", "vip card", "card_no"),
            max_length=40,
        ),
        Field("customer_id", "id", LEDGER_COLUMNS["orders"]["customer_id"], required=False),
        Field(
            "holder", "text",
            ("持卡人", "会员姓名", "姓名", "会员", "客户姓名", "holder", "name", "member",
             "member name"),
            required=False, max_length=_MAX_TEXT,
        ),
        Field(
            "opened_at", "datetime",
            ("开卡日期", "开卡时间", "入会日期", "办卡日期", "opened", "open date", "opened on",
             "joined", "since"),
        ),
        Field(
            "stored", "money",
            ("储值余额", "余额", "卡内余额", "储值", "stored", "stored value", "balance",
             "stored balance"),
            required=False, minimum=0, default=0,
        ),
        Field(
            "points", "number",
            ("积分", "积分余额", "可用积分", "points", "points balance"),
            required=False, minimum=0, default=0,
        ),
        Field(
            "points_expire_on", "date",
            ("积分到期日", "积分有效期", "积分到期", "到期日", "points expiry", "expires",
             "expires on", "points expire on"),
            required=False,
        ),
    ),
    kind="cards",
    key=("card_id",),
    table="cards",
    duplicates="refuse_all",
    checks=(_needs_holder, _whole_points),
)  # fmt: skip
"""The member list :func:`member_import` reads: one row per card (stored in 元)."""


def _against_store(
    db: Database,
    good: pl.DataFrame,
    headers: Mapping[str, str],
    stamp: datetime,
) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """The rows that can be stored and the refusals by line: a card id already stored
    (any case), a customer the ledger does not know, an opening in the future."""
    from custvalue.data.ids import match_id

    taken = {str(r[0]).upper() for r in db.fetchall("SELECT card_id FROM cards")}
    known = {str(r[0]) for r in db.fetchall("SELECT customer_id FROM customers")}
    kept: list[dict[str, Any]] = []
    out: list[Rejection] = []
    seen: set[str] = set()
    for row in good.sort("_line").iter_rows(named=True):
        line, card = int(row["_line"]), str(row["card_id"])
        if card.upper() in taken or card.upper() in seen:
            out.append(
                Rejection(line, headers.get("card_id", "card_id"), card, "cards.import_card_exists")
            )
            continue
        if row["customer_id"] is not None:
            matched = match_id(str(row["customer_id"]), known)
            if matched is None:
                out.append(
                    Rejection(
                        line, headers.get("customer_id", "customer_id"), str(row["customer_id"]),
                        "cards.import_unknown_customer",
                    )
                )  # fmt: skip
                continue
            row["customer_id"] = matched
        if row["opened_at"] > stamp:
            out.append(
                Rejection(
                    line, headers.get("opened_at", "opened_at"),
                    f"{row['opened_at']:%Y-%m-%d %H:%M}", "cards.import_opened_future",
                    {"now": f"{stamp:%Y-%m-%d %H:%M}"},
                )
            )  # fmt: skip
            continue
        seen.add(card.upper())
        kept.append(row)
    return kept, out


def member_import(
    db: Database,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import an existing member list (:data:`MEMBERS`; the module docstring): each good
    row becomes a card with an ``opening`` movement of its balances, in one transaction
    recorded in ``imports`` (kind ``cards``). Every refused row is in ``rejected`` by
    line, column and value; ``strict``: any refused row stores nothing
    (:class:`~custvalue.data.writer.StrictImportError`)."""
    from custvalue.app.users import audit
    from custvalue.card import opening
    from custvalue.data.pipeline import read_spec
    from custvalue.data.reading import read_table
    from custvalue.data.writer import ImportResult, write_import

    stamp = _now(now)
    who = _who(by, actor)
    batch = read_spec(MEMBERS, read_table(path, sheet=sheet), mapping=mapping)
    result = ImportResult(
        kind="cards",
        file=batch.file,
        checksum=batch.checksum,
        total_rows=batch.total_rows,
        duplicates=batch.duplicates,
        rejected=list(batch.rejected),
    )
    headers = dict(batch.column_map)

    def store(import_id: int) -> dict[str, int]:
        kept, refused = _against_store(db, batch.rows, headers, stamp)
        result.rejected.extend(refused)
        policy = card_policy(db)
        stored = points = 0
        for row in kept:
            key = str(row["card_id"])
            db.execute(
                f"INSERT INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, NULL, ?, ?)",
                [key, row["customer_id"], row["holder"], row["opened_at"], who, import_id],
            )
            cents, pts = int(row["stored"] or 0), int(row["points"] or 0)
            if cents or pts:
                posting = opening(
                    replay([], policy, card_id=key),
                    row["opened_at"],
                    stored_cents=cents,
                    points=pts,
                    expires_on=row["points_expire_on"],
                    ref=f"import {import_id}",
                    note="carried over",
                )
                replay(posting.movements, policy, card_id=key)
                _append(db, posting.movements, who, stamp)
            stored, points = stored + cents, points + pts
        result.imported = len(kept)
        audit(
            db, action="card.import", by=by, actor=who, target=os.path.basename(result.file),
            details={"after": {"import_id": import_id, "cards": len(kept),
                               "stored_cents": stored, "points": points,
                               "rejected": len({r.line for r in result.rejected})}},
            now=stamp,
        )  # fmt: skip
        return {"cards": len(kept)}

    write_import(db, result, store, encoding=batch.encoding, strict=strict)
    return result

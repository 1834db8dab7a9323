"""The member card (贵宾卡): stored value and points over an append-only movement ledger.

Nothing here keeps a balance. A card is the ordered list of its :class:`Movement` rows;
:func:`replay` derives every balance from them and refuses a list that breaks a rule.
The operations (:func:`recharge`, :func:`spend`, :func:`refund`, :func:`expire`,
:func:`adjust`, :func:`opening`) read a :class:`CardState`, never change it, and return a
:class:`Posting`: the new movements to append and the state they lead to. The store appends
them inside a transaction and runs :func:`replay` on the whole list before committing.

Movements
---------
``movement_id`` increases strictly along a card, ``at`` never goes back. Signs by kind
(``stored_cents``, ``points``, ``paid_cents``; ``lot`` is the ``movement_id`` of the points
lot a movement takes from or gives back to):

==========  =================================================================================
opening     balances carried over from an older system: ``stored_cents ≥ 0``, ``points ≥ 0``
            (a lot expiring on ``expires_on``, ``None`` = never); only before any other kind.
recharge    money paid onto the card: ``stored_cents > 0``; ``ref`` (the payment) unique.
spend       a bill (``ref`` unique, required): ``stored_cents = −`` the part paid from stored
            value, ``paid_cents`` = the money paid for it (stored value + other means), so
            ``paid_cents ≥ −stored_cents``. The part paid with points is not money: it is in
            the ``redeem`` rows that follow.
redeem      points paying part of bill ``ref``: ``points < 0`` from ``lot``.
earn        points earned on bill ``ref``: ``points > 0``, a new lot expiring ``expires_on``.
expire      the unused remainder of ``lot`` on or after its ``expires_on``: ``points < 0``.
refund      of bill ``ref``. The first refund row returns the bill's stored part
            (``stored_cents`` = what the spend took) and cancels its money
            (``paid_cents = −`` the spend's); then rows that give redeemed points back to their
            lots (``points > 0``), that claw earned points back (``points < 0``), and at most
            the value of clawed points already used, charged to stored value
            (``stored_cents < 0``).
adjust      an audited manual correction: ``note`` (the reason) required; ``points > 0``
            makes a lot, ``points < 0`` takes from ``lot``.
==========  =================================================================================

Rules, with their reasons
-------------------------
1. **Stored value is money the member paid**, in integer cents (分); it never goes below 0
   (``card.insufficient_stored``). Recharging earns nothing: points are earned when money is
   spent, otherwise a recharge spent later would earn twice.
2. **Points are earned on the money paid for a bill**:
   ``points = round(paid_cents × earn_rate × multiplier)``, ``rounding`` ``"floor"``
   (default) or ``"half_up"``; default rate 5 % with 1 point = 1 cent of cash value
   (``point_value_cents``), so a 600 元 bill earns 3 000 points worth 30 元. The part paid
   with points earns nothing by default (points are a discount, not money;
   ``earn_on_points=True`` earns on the whole bill). ``multiplier`` is the member tier's
   (:mod:`custvalue.card.tiers`). The points earned on a bill are never worth more than the
   money paid for it (``earn_rate × multiplier × point_value_cents ≤ 1``, and the points are
   capped at ``paid_cents // point_value_cents``), so a refund can always recover them.
3. **Points come in lots**: each earn (and each opening or adjustment that adds points) is a
   lot identified by its ``movement_id``, with ``expires_on = date earned + expiry_days``
   (default 365; ``None`` = never). A lot is usable before its ``expires_on`` and expires on
   that day: :func:`expire` removes only its unused remainder. A redemption takes from the
   lots that expire first (FIFO by expiry, then by lot id; never-expiring lots last), so the
   member loses as little as possible to expiry; each lot it takes from is one ``redeem``
   row, so history says which award paid which bill.
4. **A refund undoes the whole bill** (a partial refund is a refund and a new spend): the
   stored value it took comes back; the points it redeemed go back to the lots they came from
   with their original expiry (no free extension); the points it earned are clawed back —
   first from the bill's own lot, then from the other lots that expire last (they are the
   ones the member would have had left without this bill) — except points of its own lot
   that already expired (the member never had their use). What cannot be clawed back
   because it was already spent is charged at ``point_value_cents`` per point: first to
   the stored value the refund returns, the rest withheld from the money returned at the
   counter (``Posting.withheld_cents``). The points balance never goes negative and no debt
   is carried: this is the rule of Chinese retail refunds (已使用的赠送积分按抵扣金额从退款中扣除).
5. **The ledger is authoritative**: a movement that takes more points from a lot than it
   holds, more stored value than the card holds, refunds an unknown or refunded bill, or
   comes out of order makes :func:`replay` fail with a coded error. Two operations computed
   from the same state therefore cannot both stand: appended as computed, the second
   repeats the first one's ``movement_id`` (``card.out_of_order``; keep
   ``(card_id, movement_id)`` unique in the store); renumbered after the first, it takes
   points or stored value that the first already took (``card.insufficient_points`` /
   ``card.insufficient_stored``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from custvalue._validation import check_choice, check_number
from custvalue.exceptions import DataValidationError, NotFoundError

__all__ = [
    "KINDS",
    "ROUNDINGS",
    "CardPolicy",
    "CardState",
    "KindTotal",
    "Lot",
    "Movement",
    "Posting",
    "SpendRecord",
    "Statement",
    "StatementLine",
    "VenueTotal",
    "adjust",
    "earned_points",
    "expire",
    "opening",
    "recharge",
    "refund",
    "renumbered",
    "replay",
    "spend",
    "statement",
]

KINDS = ("opening", "recharge", "spend", "redeem", "earn", "expire", "refund", "adjust")
ROUNDINGS = ("floor", "half_up")


# -- the movement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """One row of a card's ledger (signs by kind in the module docstring).

    ``paid_cents`` (money paid for a bill, minus it on its refund) and ``lot`` (the points
    lot a row takes from or gives back to) are what makes history authoritative: the growth
    value and the refunds are read from them, never recomputed with today's rates.
    """

    movement_id: int
    card_id: str
    at: datetime
    kind: str
    venue: str = ""
    stored_cents: int = 0
    points: int = 0
    ref: str = ""
    expires_on: date | None = None
    note: str = ""
    paid_cents: int = 0
    lot: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes and dates as ISO strings."""
        return {
            "movement_id": self.movement_id,
            "card_id": self.card_id,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "venue": self.venue,
            "stored_cents": self.stored_cents,
            "points": self.points,
            "ref": self.ref,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "note": self.note,
            "paid_cents": self.paid_cents,
            "lot": self.lot,
        }


# -- the policy --------------------------------------------------------------------------------


def _rate(
    name: str,
    value: Any,
    *,
    maximum: Decimal | None = None,
    below: Decimal | None = None,
    positive: bool = False,
) -> Decimal:
    """``value`` (Decimal, int, float or text) as a Decimal ≥ 0 (> 0 when ``positive``),
    ≤ ``maximum``, < ``below``; else ``card.bad_rate`` naming the rule."""
    rule = ("> 0" if positive else "≥ 0") + (f", ≤ {maximum}" if maximum is not None else "")
    rule += f", < {below}" if below is not None else ""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
        raise DataValidationError("card.bad_rate", name=name, got=repr(value), rule=rule)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise DataValidationError("card.bad_rate", name=name, got=repr(value), rule=rule) from None
    if (
        not number.is_finite()
        or number < 0
        or (positive and number == 0)
        or (maximum is not None and number > maximum)
        or (below is not None and number >= below)
    ):
        raise DataValidationError("card.bad_rate", name=name, got=repr(value), rule=rule)
    return number


@dataclass(frozen=True)
class CardPolicy:
    """How points are earned and valued (rules 2–3 of the module docstring).

    ``earn_rate``: points per cent of money paid (``0.05`` = 5 %); ``point_value_cents``:
    cash value of one point; ``expiry_days``: life of a lot (``None`` = never expires);
    ``rounding``: ``"floor"`` or ``"half_up"`` for the points of a bill; ``earn_on_points``:
    whether the part of a bill paid with points earns too.
    """

    earn_rate: Decimal = Decimal("0.05")
    point_value_cents: int = 1
    expiry_days: int | None = 365
    rounding: str = "floor"
    earn_on_points: bool = False

    def __post_init__(self) -> None:
        rate = _rate("earn_rate", self.earn_rate, maximum=Decimal(1))
        object.__setattr__(self, "earn_rate", rate)
        value = int(
            check_number("point_value_cents", self.point_value_cents, minimum=1, integer=True)
        )
        object.__setattr__(self, "point_value_cents", value)
        if self.expiry_days is not None:
            days = int(check_number("expiry_days", self.expiry_days, minimum=1, integer=True))
            object.__setattr__(self, "expiry_days", days)
        check_choice("rounding", self.rounding, ROUNDINGS)
        object.__setattr__(self, "earn_on_points", bool(self.earn_on_points))
        _check_value(rate, Decimal(1), value)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> CardPolicy:
        """A policy from settings (a TOML table): keys are the field names."""
        allowed = [f.name for f in dataclasses.fields(cls)]
        for key in mapping:
            if key not in allowed:
                raise DataValidationError(
                    "card.unknown_setting", name=str(key), allowed=", ".join(allowed)
                )
        return cls(**dict(mapping))

    def to_dict(self) -> dict[str, Any]:
        return {
            "earn_rate": str(self.earn_rate),
            "point_value_cents": self.point_value_cents,
            "expiry_days": self.expiry_days,
            "rounding": self.rounding,
            "earn_on_points": self.earn_on_points,
        }


def _check_value(rate: Decimal, multiplier: Decimal, value: int) -> None:
    """Points earned may not be worth more than the money paid (rule 2)."""
    if rate * multiplier * value > 1:
        raise DataValidationError(
            "card.earn_above_value",
            rate=str(rate),
            multiplier=str(multiplier),
            value=value,
            product=str(rate * multiplier * value),
        )


def earned_points(
    policy: CardPolicy, *, amount_cents: int, paid_cents: int, multiplier: Decimal = Decimal(1)
) -> int:
    """Points a bill of ``amount_cents`` with ``paid_cents`` of money earns (rule 2):
    ``round(base × earn_rate × multiplier)``, base = ``paid_cents`` (or the whole bill with
    ``earn_on_points``), at most ``paid_cents // point_value_cents``."""
    base = amount_cents if policy.earn_on_points else paid_cents
    raw = Decimal(base) * policy.earn_rate * multiplier
    mode = ROUND_FLOOR if policy.rounding == "floor" else ROUND_HALF_UP
    return min(int(raw.to_integral_value(rounding=mode)), paid_cents // policy.point_value_cents)


DEFAULT_POLICY = CardPolicy()


# -- the state ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lot:
    """A lot of points: created by movement ``lot_id`` (``kind`` earn, opening or adjust)."""

    lot_id: int
    kind: str
    at: datetime
    ref: str
    venue: str
    expires_on: date | None
    points: int  # credited when created
    remaining: int
    expired: int = 0

    def usable_on(self, day: date) -> bool:
        """Whether the lot's points can pay on ``day`` (before ``expires_on``)."""
        return self.remaining > 0 and (self.expires_on is None or day < self.expires_on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lot_id": self.lot_id,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "ref": self.ref,
            "venue": self.venue,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "points": self.points,
            "remaining": self.remaining,
            "expired": self.expired,
        }


def _pairs(pairs: tuple[tuple[int, int], ...]) -> list[dict[str, int]]:
    return [{"lot": lot, "points": n} for lot, n in pairs]


def _add(pairs: tuple[tuple[int, int], ...], lot: int, n: int) -> tuple[tuple[int, int], ...]:
    """``pairs`` (lot, points) with ``n`` more points for ``lot``."""
    if any(p[0] == lot for p in pairs):
        return tuple((p[0], p[1] + n) if p[0] == lot else p for p in pairs)
    return (*pairs, (lot, n))


@dataclass(frozen=True)
class SpendRecord:
    """A bill as the ledger tells it: what it took, earned and, once refunded, gave back."""

    ref: str
    movement_id: int
    at: datetime
    venue: str
    paid_cents: int
    stored_cents: int  # taken from stored value (≥ 0)
    redeemed: tuple[tuple[int, int], ...] = ()  # (lot, points) it paid with
    earned: tuple[tuple[int, int], ...] = ()  # (lot, points) it earned
    refunded: bool = False
    restored: tuple[tuple[int, int], ...] = ()  # (lot, points) given back on refund
    clawed: int = 0  # earned points taken back
    charged_cents: int = 0  # value of clawed-back points already used, charged to stored

    @property
    def points_redeemed(self) -> int:
        return sum(n for _, n in self.redeemed)

    @property
    def points_earned(self) -> int:
        return sum(n for _, n in self.earned)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "movement_id": self.movement_id,
            "at": self.at.isoformat(),
            "venue": self.venue,
            "paid_cents": self.paid_cents,
            "stored_cents": self.stored_cents,
            "redeemed": _pairs(self.redeemed),
            "earned": _pairs(self.earned),
            "refunded": self.refunded,
            "restored": _pairs(self.restored),
            "clawed": self.clawed,
            "charged_cents": self.charged_cents,
        }


@dataclass(frozen=True)
class KindTotal:
    """Signed sums of the movements of one kind."""

    kind: str
    movements: int = 0
    stored_cents: int = 0
    points: int = 0
    paid_cents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class VenueTotal:
    """Signed sums of the movements of one venue (``""``: none). ``paid_cents`` is the money
    paid there net of refunds; ``stored_cents`` and ``points`` the net flows."""

    venue: str
    movements: int = 0
    stored_cents: int = 0
    points: int = 0
    paid_cents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _count(total: Any, m: Movement) -> Any:
    return dataclasses.replace(
        total,
        movements=total.movements + 1,
        stored_cents=total.stored_cents + m.stored_cents,
        points=total.points + m.points,
        paid_cents=total.paid_cents + m.paid_cents,
    )


@dataclass(frozen=True)
class CardState:
    """Everything the ledger says about a card (the result of :func:`replay`).

    ``points`` is the sum of the lots' ``remaining`` (lots past their date included until
    :func:`expire` removes them; :meth:`usable_points` leaves them out). ``lots`` and
    ``spends`` are in ledger order; ``next_id`` is the ``movement_id`` the next operation
    uses.
    """

    card_id: str | None
    policy: CardPolicy
    stored_cents: int = 0
    points: int = 0
    lots: tuple[Lot, ...] = ()
    spends: tuple[SpendRecord, ...] = ()
    by_kind: Mapping[str, KindTotal] = field(default_factory=dict)
    by_venue: Mapping[str, VenueTotal] = field(default_factory=dict)
    recharge_refs: frozenset[str] = frozenset()
    movements: int = 0
    next_id: int = 1
    last_at: datetime | None = None

    def usable_points(self, on: date) -> int:
        """Points that can pay a bill on ``on`` (lots before their ``expires_on``)."""
        return sum(lot.remaining for lot in self.lots if lot.usable_on(on))

    def lot(self, lot_id: int) -> Lot:
        for lot in self.lots:
            if lot.lot_id == lot_id:
                return lot
        raise NotFoundError("card.unknown_lot", movement_id=self.next_id, lot=lot_id)

    def spend_record(self, ref: str) -> SpendRecord:
        for record in self.spends:
            if record.ref == ref:
                return record
        raise NotFoundError("card.unknown_spend", ref=ref)

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "policy": self.policy.to_dict(),
            "stored_cents": self.stored_cents,
            "points": self.points,
            "lots": [lot.to_dict() for lot in self.lots],
            "spends": [s.to_dict() for s in self.spends],
            "by_kind": [self.by_kind[k].to_dict() for k in KINDS if k in self.by_kind],
            "by_venue": [self.by_venue[v].to_dict() for v in sorted(self.by_venue)],
            "movements": self.movements,
            "next_id": self.next_id,
            "last_at": self.last_at.isoformat() if self.last_at else None,
        }


# -- the book: one movement at a time, every rule checked --------------------------------------

_RULES: dict[str, Callable[[int], bool]] = {
    "> 0": lambda v: v > 0,
    "< 0": lambda v: v < 0,
    "= 0": lambda v: v == 0,
    "≥ 0": lambda v: v >= 0,
    "≤ 0": lambda v: v <= 0,
    "∈ ℤ": lambda v: True,
}


class _Book:
    """A mutable copy of a :class:`CardState` that applies movements (private)."""

    def __init__(self, state: CardState) -> None:
        self.policy = state.policy
        self.card_id = state.card_id
        self.stored = state.stored_cents
        self.points = state.points
        self.lots = {lot.lot_id: lot for lot in state.lots}
        self.spends = {s.ref: s for s in state.spends}
        self.by_kind = dict(state.by_kind)
        self.by_venue = dict(state.by_venue)
        self.recharge_refs = set(state.recharge_refs)
        self.movements = state.movements
        self.next_id = state.next_id
        self.last_at = state.last_at

    def state(self) -> CardState:
        return CardState(
            card_id=self.card_id,
            policy=self.policy,
            stored_cents=self.stored,
            points=self.points,
            lots=tuple(self.lots.values()),
            spends=tuple(self.spends.values()),
            by_kind=dict(self.by_kind),
            by_venue=dict(self.by_venue),
            recharge_refs=frozenset(self.recharge_refs),
            movements=self.movements,
            next_id=self.next_id,
            last_at=self.last_at,
        )

    # -- checks

    def _order(self, m: Movement) -> None:
        if self.card_id is None:
            self.card_id = m.card_id
        elif m.card_id != self.card_id:
            raise DataValidationError(
                "card.other_card", movement_id=m.movement_id, got=m.card_id, card_id=self.card_id
            )
        if m.kind not in KINDS:
            raise DataValidationError(
                "card.bad_kind", movement_id=m.movement_id, got=m.kind, allowed=", ".join(KINDS)
            )
        if not isinstance(m.at, datetime):
            raise DataValidationError(
                "card.bad_time", name=f"at (#{m.movement_id})", got=repr(m.at)
            )
        previous = self.next_id - 1
        late = False
        if self.last_at is not None:
            try:
                late = m.at < self.last_at
            except TypeError:  # a naive and an aware datetime
                raise DataValidationError(
                    "card.bad_time", name=f"at (#{m.movement_id})", got=repr(m.at)
                ) from None
        if m.movement_id < self.next_id or late:
            raise DataValidationError(
                "card.out_of_order",
                movement_id=m.movement_id,
                at=m.at.isoformat(),
                previous_id=previous,
                previous_at=self.last_at.isoformat() if self.last_at else "",
            )

    def _field(self, m: Movement, name: str, rule: str) -> None:
        value = getattr(m, name)
        if isinstance(value, bool) or not isinstance(value, int) or not _RULES[rule](value):
            raise DataValidationError(
                "card.bad_field",
                movement_id=m.movement_id,
                kind=m.kind,
                field=name,
                got=value,
                rule=rule,
            )

    def _no_lot(self, m: Movement) -> None:
        if m.lot is not None:
            raise DataValidationError(
                "card.bad_field",
                movement_id=m.movement_id,
                kind=m.kind,
                field="lot",
                got=m.lot,
                rule="= None",
            )

    def _lot(self, m: Movement) -> Lot:
        lot = self.lots.get(m.lot) if m.lot is not None else None
        if lot is None:
            raise DataValidationError("card.unknown_lot", movement_id=m.movement_id, lot=m.lot)
        return lot

    def _open_spend(self, m: Movement) -> SpendRecord:
        record = self.spends.get(m.ref)
        if record is None:
            raise DataValidationError("card.unknown_spend", ref=m.ref)
        if record.refunded:
            raise DataValidationError("card.already_refunded", ref=m.ref)
        return record

    def _debit(self, m: Movement, cents: int) -> None:
        if cents > self.stored:
            raise DataValidationError(
                "card.insufficient_stored",
                movement_id=m.movement_id,
                need=cents,
                balance=self.stored,
            )
        self.stored -= cents

    def _take(self, m: Movement, lot: Lot, n: int, *, expired: bool = False) -> None:
        if n > lot.remaining:
            raise DataValidationError(
                "card.insufficient_points",
                movement_id=m.movement_id,
                lot=lot.lot_id,
                need=n,
                balance=lot.remaining,
            )
        self.lots[lot.lot_id] = dataclasses.replace(
            lot, remaining=lot.remaining - n, expired=lot.expired + (n if expired else 0)
        )
        self.points -= n

    def _new_lot(self, m: Movement) -> int:
        self.lots[m.movement_id] = Lot(
            lot_id=m.movement_id,
            kind=m.kind,
            at=m.at,
            ref=m.ref,
            venue=m.venue,
            expires_on=m.expires_on,
            points=m.points,
            remaining=m.points,
        )
        self.points += m.points
        return m.movement_id

    # -- the kinds

    def apply(self, m: Movement) -> None:
        self._order(m)
        if m.kind not in ("spend", "refund"):
            self._field(m, "paid_cents", "= 0")
        getattr(self, f"_{m.kind}")(m)
        self.by_kind[m.kind] = _count(self.by_kind.get(m.kind, KindTotal(m.kind)), m)
        self.by_venue[m.venue] = _count(self.by_venue.get(m.venue, VenueTotal(m.venue)), m)
        self.movements += 1
        self.next_id = m.movement_id + 1
        self.last_at = m.at

    def _opening(self, m: Movement) -> None:
        if any(k != "opening" for k in self.by_kind):
            raise DataValidationError("card.opening_late", movement_id=m.movement_id)
        self._field(m, "stored_cents", "≥ 0")
        self._field(m, "points", "≥ 0")
        self._no_lot(m)
        self.stored += m.stored_cents
        if m.points > 0:
            self._new_lot(m)

    def _recharge(self, m: Movement) -> None:
        self._field(m, "stored_cents", "> 0")
        self._field(m, "points", "= 0")
        self._no_lot(m)
        if m.ref and m.ref in self.recharge_refs:
            raise DataValidationError("card.duplicate_ref", kind=m.kind, ref=m.ref)
        if m.ref:
            self.recharge_refs.add(m.ref)
        self.stored += m.stored_cents

    def _spend(self, m: Movement) -> None:
        self._field(m, "stored_cents", "≤ 0")
        self._field(m, "points", "= 0")
        self._no_lot(m)
        if (
            isinstance(m.paid_cents, bool)
            or not isinstance(m.paid_cents, int)
            or m.paid_cents < -m.stored_cents
        ):
            raise DataValidationError(
                "card.bad_field",
                movement_id=m.movement_id,
                kind=m.kind,
                field="paid_cents",
                got=m.paid_cents,
                rule=f"≥ {-m.stored_cents}",
            )
        if not m.ref:
            raise DataValidationError("card.missing_ref", movement_id=m.movement_id, kind=m.kind)
        if m.ref in self.spends:
            raise DataValidationError("card.duplicate_ref", kind=m.kind, ref=m.ref)
        self._debit(m, -m.stored_cents)
        self.spends[m.ref] = SpendRecord(
            ref=m.ref,
            movement_id=m.movement_id,
            at=m.at,
            venue=m.venue,
            paid_cents=m.paid_cents,
            stored_cents=-m.stored_cents,
        )

    def _earn(self, m: Movement) -> None:
        self._field(m, "stored_cents", "= 0")
        self._field(m, "points", "> 0")
        self._no_lot(m)
        record = self._open_spend(m)
        lot = self._new_lot(m)
        self.spends[m.ref] = dataclasses.replace(record, earned=_add(record.earned, lot, m.points))

    def _redeem(self, m: Movement) -> None:
        self._field(m, "stored_cents", "= 0")
        self._field(m, "points", "< 0")
        record = self._open_spend(m)
        lot = self._lot(m)
        if lot.expires_on is not None and m.at.date() >= lot.expires_on:
            raise DataValidationError(
                "card.lot_expired",
                movement_id=m.movement_id,
                lot=lot.lot_id,
                expires_on=lot.expires_on.isoformat(),
            )
        self._take(m, lot, -m.points)
        self.spends[m.ref] = dataclasses.replace(
            record, redeemed=_add(record.redeemed, lot.lot_id, -m.points)
        )

    def _expire(self, m: Movement) -> None:
        self._field(m, "stored_cents", "= 0")
        self._field(m, "points", "< 0")
        lot = self._lot(m)
        if lot.expires_on is None or m.at.date() < lot.expires_on:
            raise DataValidationError(
                "card.not_expired",
                movement_id=m.movement_id,
                lot=lot.lot_id,
                expires_on=lot.expires_on.isoformat() if lot.expires_on else "",
            )
        self._take(m, lot, -m.points, expired=True)

    def _mismatch(self, m: Movement, name: str, rule: str) -> DataValidationError:
        return DataValidationError(
            "card.refund_mismatch",
            movement_id=m.movement_id,
            ref=m.ref,
            field=name,
            got=getattr(m, name),
            rule=rule,
        )

    def _refund(self, m: Movement) -> None:
        record = self.spends.get(m.ref)
        if record is None:
            raise DataValidationError("card.unknown_spend", ref=m.ref)
        if not record.refunded:  # the refund itself: the bill's stored value and money
            self._field(m, "points", "= 0")
            self._no_lot(m)
            if m.stored_cents != record.stored_cents:
                raise self._mismatch(m, "stored_cents", f"= {record.stored_cents}")
            if m.paid_cents != -record.paid_cents:
                raise self._mismatch(m, "paid_cents", f"= {-record.paid_cents}")
            self.stored += m.stored_cents
            self.spends[m.ref] = dataclasses.replace(record, refunded=True)
            return
        if m.points == 0 and m.stored_cents >= 0:
            raise DataValidationError("card.already_refunded", ref=m.ref)
        self._field(m, "paid_cents", "= 0")
        if m.points > 0:  # redeemed points given back to their lot
            self._field(m, "stored_cents", "= 0")
            lot = self._lot(m)
            room = dict(record.redeemed).get(lot.lot_id, 0) - dict(record.restored).get(
                lot.lot_id, 0
            )
            if m.points > room:
                raise self._mismatch(m, "points", f"≤ {room}")
            self.lots[lot.lot_id] = dataclasses.replace(lot, remaining=lot.remaining + m.points)
            self.points += m.points
            self.spends[m.ref] = dataclasses.replace(
                record, restored=_add(record.restored, lot.lot_id, m.points)
            )
        elif m.points < 0:  # earned points clawed back
            self._field(m, "stored_cents", "= 0")
            lot = self._lot(m)
            room = record.points_earned - record.clawed
            if -m.points > room:
                raise self._mismatch(m, "points", f"≥ {-room}")
            self._take(m, lot, -m.points)
            self.spends[m.ref] = dataclasses.replace(record, clawed=record.clawed - m.points)
        else:  # the value of clawed-back points already used, charged to stored value
            self._no_lot(m)
            room = (
                record.points_earned - record.clawed
            ) * self.policy.point_value_cents - record.charged_cents
            if -m.stored_cents > room:
                raise self._mismatch(m, "stored_cents", f"≥ {-room}")
            self._debit(m, -m.stored_cents)
            self.spends[m.ref] = dataclasses.replace(
                record, charged_cents=record.charged_cents - m.stored_cents
            )

    def _adjust(self, m: Movement) -> None:
        if not m.note.strip():
            raise DataValidationError("card.no_reason", movement_id=m.movement_id)
        self._field(m, "stored_cents", "∈ ℤ")
        self._field(m, "points", "∈ ℤ")
        if m.stored_cents == 0 and m.points == 0:
            raise DataValidationError(
                "card.bad_field",
                movement_id=m.movement_id,
                kind=m.kind,
                field="points",
                got=0,
                rule="≠ 0",
            )
        if m.stored_cents < 0:
            self._debit(m, -m.stored_cents)
        else:
            self.stored += m.stored_cents
        if m.points < 0:
            self._take(m, self._lot(m), -m.points)
        else:
            self._no_lot(m)
            if m.points > 0:
                self._new_lot(m)


def renumbered(movements: Iterable[Movement], first_id: int) -> tuple[Movement, ...]:
    """``movements`` (one operation's) with ids ``first_id``, ``first_id + 1`` … in order,
    for a store that assigns ids itself: an operation's movements never refer to each
    other's ids (a ``lot`` is always an older movement), so renumbering keeps them valid."""
    return tuple(dataclasses.replace(m, movement_id=first_id + i) for i, m in enumerate(movements))


def _empty(policy: CardPolicy, card_id: str | None) -> CardState:
    return CardState(card_id=card_id, policy=policy)


def replay(
    movements: Iterable[Movement],
    policy: CardPolicy = DEFAULT_POLICY,
    *,
    card_id: str | None = None,
) -> CardState:
    """The card's state from its ledger alone, every rule checked (the module docstring);
    a ledger that breaks one raises its coded error. ``card_id`` names the card when the
    ledger is empty (and must then match every movement). The store runs it on the whole
    ledger, new movements included, inside the transaction that appends them. ``policy``
    is kept in the state for the next operations; of history it only bounds what a refund
    may charge for clawed-back points (``point_value_cents``): earned points, expiry dates
    and money paid are read from the movements, never recomputed with today's rates."""
    book = _Book(_empty(policy, card_id))
    for m in movements:
        book.apply(m)
    return book.state()


# -- operations: the movements to append -------------------------------------------------------


@dataclass(frozen=True)
class Posting:
    """What an operation does: ``movements`` to append, in order, and the ``state`` they
    lead to (what :func:`replay` of the extended ledger gives).

    ``outside_cents`` is money settled at the counter outside the card: for a spend, the
    part of the bill the member pays by other means (cash, bank card, WeChat Pay); for a
    refund, minus the money given back by those means (``withheld_cents`` already
    deducted: the value of earned points that were spent and could not be clawed back nor
    charged to the stored value the refund returned).
    """

    movements: tuple[Movement, ...]
    state: CardState
    outside_cents: int = 0
    withheld_cents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "movements": [m.to_dict() for m in self.movements],
            "stored_cents": self.state.stored_cents,
            "points": self.state.points,
            "outside_cents": self.outside_cents,
            "withheld_cents": self.withheld_cents,
        }


def _cents(name: str, value: Any, *, positive: bool = False, signed: bool = False) -> int:
    """A whole number of cents (not a float, not a bool): > 0, ≥ 0, or any sign."""
    ok = isinstance(value, int) and not isinstance(value, bool)
    rule = "> 0" if positive else ("≠ None" if signed else "≥ 0")
    if not ok or (positive and value <= 0) or (not signed and not positive and value < 0):
        raise DataValidationError("card.bad_amount", name=name, got=repr(value), rule=rule)
    return int(value)


def _when(at: Any) -> datetime:
    if not isinstance(at, datetime):
        raise DataValidationError("card.bad_time", name="at", got=repr(at))
    return at


def _card(state: CardState) -> str:
    if state.card_id is None:
        raise DataValidationError("card.no_card")
    return state.card_id


def _post(state: CardState, movements: Sequence[Movement], **extra: int) -> Posting:
    book = _Book(state)
    for m in movements:
        book.apply(m)
    return Posting(movements=tuple(movements), state=book.state(), **extra)


def opening(
    state: CardState,
    at: datetime,
    *,
    stored_cents: int = 0,
    points: int = 0,
    expires_on: date | None = None,
    ref: str = "",
    note: str = "",
) -> Posting:
    """Balances carried over from an older system (only before any other movement); the
    points form one lot expiring ``expires_on`` (``None`` = never)."""
    stored = _cents("stored_cents", stored_cents)
    pts = _cents("points", points)
    m = Movement(
        state.next_id,
        _card(state),
        _when(at),
        "opening",
        "",
        stored,
        pts,
        ref,
        expires_on if pts else None,
        note,
    )
    return _post(state, [m])


def recharge(
    state: CardState, amount_cents: int, at: datetime, venue: str = "", ref: str = ""
) -> Posting:
    """Money paid onto the card: one ``recharge`` movement of ``amount_cents`` > 0."""
    amount = _cents("amount_cents", amount_cents, positive=True)
    m = Movement(state.next_id, _card(state), _when(at), "recharge", venue, amount, 0, ref)
    return _post(state, [m])


def _fifo(lots: Iterable[Lot], need: int) -> list[tuple[Lot, int]]:
    """Take ``need`` points from ``lots`` in their order: (lot, points) per lot used."""
    out: list[tuple[Lot, int]] = []
    for lot in lots:
        if need <= 0:
            break
        n = min(lot.remaining, need)
        if n > 0:
            out.append((lot, n))
            need -= n
    return out


def _by_expiry(lot: Lot) -> tuple[bool, date, int]:
    return (lot.expires_on is None, lot.expires_on or date.max, lot.lot_id)


def spend(
    state: CardState,
    amount_cents: int,
    at: datetime,
    venue: str,
    ref: str,
    *,
    from_stored: int = 0,
    points_used: int = 0,
    earn_multiplier: Decimal | int | str = 1,
) -> Posting:
    """A bill of ``amount_cents`` at ``venue`` (``ref``: the order or folio number):
    ``from_stored`` cents paid from stored value, ``points_used`` points redeemed (oldest
    expiring lots first, rule 3), the rest paid by other means (``Posting.outside_cents``).
    Movements: the ``spend``, one ``redeem`` per lot used, the ``earn`` on the money paid
    (rule 2; ``earn_multiplier`` is the member tier's)."""
    card = _card(state)
    when = _when(at)
    amount = _cents("amount_cents", amount_cents, positive=True)
    stored = _cents("from_stored", from_stored)
    used = _cents("points_used", points_used)
    multiplier = _rate("earn_multiplier", earn_multiplier, positive=True)
    policy = state.policy
    _check_value(policy.earn_rate, multiplier, policy.point_value_cents)
    covered = stored + used * policy.point_value_cents
    if covered > amount:
        raise DataValidationError("card.exceeds_bill", amount=amount, covered=covered)
    if not ref:
        raise DataValidationError("card.missing_ref", movement_id=state.next_id, kind="spend")
    paid = amount - used * policy.point_value_cents
    next_id = state.next_id
    out = [Movement(next_id, card, when, "spend", venue, -stored, 0, ref, paid_cents=paid)]
    usable = sorted((lot for lot in state.lots if lot.usable_on(when.date())), key=_by_expiry)
    have = sum(lot.remaining for lot in usable)
    if used > have:
        raise DataValidationError(
            "card.points_short", need=used, balance=have, on=when.date().isoformat()
        )
    for lot, n in _fifo(usable, used):
        next_id += 1
        out.append(
            Movement(
                next_id, card, when, "redeem", venue, 0, -n, ref, lot.expires_on, lot=lot.lot_id
            )
        )
    earned = earned_points(policy, amount_cents=amount, paid_cents=paid, multiplier=multiplier)
    if earned > 0:
        days = policy.expiry_days
        expires = when.date() + timedelta(days=days) if days is not None else None
        out.append(Movement(next_id + 1, card, when, "earn", venue, 0, earned, ref, expires))
    return _post(state, out, outside_cents=paid - stored)


def refund(state: CardState, spend_ref: str, at: datetime) -> Posting:
    """Undo bill ``spend_ref`` (rule 4): its stored value back, its redeemed points back to
    their lots, its earned points clawed back (own lot first, then the lots expiring last),
    the value of what was already spent charged to the stored value returned, the rest
    withheld at the counter (``Posting.withheld_cents``)."""
    card = _card(state)
    when = _when(at)
    record = state.spend_record(spend_ref)
    if record.refunded:
        raise DataValidationError("card.already_refunded", ref=spend_ref)
    pv = state.policy.point_value_cents
    venue, next_id = record.venue, state.next_id
    out = [
        Movement(
            next_id,
            card,
            when,
            "refund",
            venue,
            record.stored_cents,
            0,
            spend_ref,
            paid_cents=-record.paid_cents,
        )
    ]
    lots = {lot.lot_id: lot for lot in state.lots}
    for lot_id, n in record.redeemed:
        next_id += 1
        out.append(
            Movement(
                next_id,
                card,
                when,
                "refund",
                venue,
                0,
                n,
                spend_ref,
                lots[lot_id].expires_on,
                lot=lot_id,
            )
        )
        lots[lot_id] = dataclasses.replace(lots[lot_id], remaining=lots[lot_id].remaining + n)
    own = [lot_id for lot_id, _ in record.earned]
    target = sum(max(0, lots[i].points - lots[i].expired) for i in own)
    others = sorted((lot for i, lot in lots.items() if i not in own), key=_by_expiry, reverse=True)
    order = [lots[i] for i in own] + others
    clawed = 0
    for lot, n in _fifo(order, target):
        next_id += 1
        clawed += n
        out.append(
            Movement(
                next_id,
                card,
                when,
                "refund",
                venue,
                0,
                -n,
                spend_ref,
                lot.expires_on,
                lot=lot.lot_id,
            )
        )
    value = (target - clawed) * pv
    charged = min(value, record.stored_cents)
    if charged > 0:
        out.append(
            Movement(
                next_id + 1,
                card,
                when,
                "refund",
                venue,
                -charged,
                0,
                spend_ref,
                note=f"{target - clawed} × {pv}",
            )
        )
    withheld = value - charged
    outside = record.paid_cents - record.stored_cents - withheld
    return _post(state, out, outside_cents=-outside, withheld_cents=withheld)


def expire(state: CardState, today: date, *, at: datetime | None = None) -> Posting:
    """One ``expire`` movement per lot whose ``expires_on`` ≤ ``today`` with points left
    (only the unused remainder goes). ``at`` defaults to ``today`` 00:00, or the last
    movement's time when that is later (the ledger never goes back)."""
    card = _card(state)
    day = today.date() if isinstance(today, datetime) else today
    if not isinstance(day, date):
        raise DataValidationError("card.bad_time", name="today", got=repr(today))
    if at is None:
        tz = state.last_at.tzinfo if state.last_at else None
        when = datetime.combine(day, time(), tzinfo=tz)
        if state.last_at is not None and state.last_at > when:
            when = state.last_at
    else:
        when = _when(at)
    out: list[Movement] = []
    for lot in sorted(state.lots, key=_by_expiry):
        if lot.remaining > 0 and lot.expires_on is not None and lot.expires_on <= day:
            out.append(
                Movement(
                    state.next_id + len(out),
                    card,
                    when,
                    "expire",
                    lot.venue,
                    0,
                    -lot.remaining,
                    lot.ref,
                    lot.expires_on,
                    lot=lot.lot_id,
                )
            )
    return _post(state, out)


def adjust(
    state: CardState,
    at: datetime,
    *,
    reason: str,
    stored_cents: int = 0,
    points: int = 0,
    expires_on: date | None = None,
    venue: str = "",
    ref: str = "",
) -> Posting:
    """A manual correction, audited by ``reason`` (kept in ``note``): ``stored_cents`` and
    ``points`` of any sign. Points added make a lot (expiring ``expires_on``, by default
    ``expiry_days`` from ``at``); points removed come from the lots expiring first."""
    card = _card(state)
    when = _when(at)
    stored = _cents("stored_cents", stored_cents, signed=True)
    pts = _cents("points", points, signed=True)
    if not isinstance(reason, str) or not reason.strip():
        raise DataValidationError("card.no_reason", movement_id=state.next_id)
    if stored == 0 and pts == 0:
        raise DataValidationError(
            "card.bad_amount", name="stored_cents, points", got="0, 0", rule="≠ 0"
        )
    out: list[Movement] = []
    if stored:
        out.append(
            Movement(state.next_id, card, when, "adjust", venue, stored, 0, ref, note=reason)
        )
    if pts > 0:
        days = state.policy.expiry_days
        if expires_on is None and days is not None:
            expires_on = when.date() + timedelta(days=days)
        out.append(
            Movement(
                state.next_id + len(out),
                card,
                when,
                "adjust",
                venue,
                0,
                pts,
                ref,
                expires_on,
                reason,
            )
        )
    elif pts < 0:
        lots = sorted((lot for lot in state.lots if lot.remaining > 0), key=_by_expiry)
        have = sum(lot.remaining for lot in lots)
        if -pts > have:
            raise DataValidationError(
                "card.points_short", need=-pts, balance=have, on=when.date().isoformat()
            )
        for lot, n in _fifo(lots, -pts):
            out.append(
                Movement(
                    state.next_id + len(out),
                    card,
                    when,
                    "adjust",
                    venue,
                    0,
                    -n,
                    ref,
                    lot.expires_on,
                    reason,
                    lot=lot.lot_id,
                )
            )
    return _post(state, out)


# -- the statement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    """A movement with the balances after it."""

    movement: Movement
    stored_cents: int
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.movement.to_dict(),
            "stored_after": self.stored_cents,
            "points_after": self.points,
        }


@dataclass(frozen=True)
class Statement:
    """A card's movements from ``start`` to ``end`` (dates, both included), with the
    balances before and after and the totals per kind and per venue of the period."""

    card_id: str | None
    start: date
    end: date
    opening_stored_cents: int
    opening_points: int
    lines: tuple[StatementLine, ...]
    closing_stored_cents: int
    closing_points: int
    by_kind: tuple[KindTotal, ...]
    by_venue: tuple[VenueTotal, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "opening": {"stored_cents": self.opening_stored_cents, "points": self.opening_points},
            "lines": [line.to_dict() for line in self.lines],
            "closing": {"stored_cents": self.closing_stored_cents, "points": self.closing_points},
            "by_kind": [k.to_dict() for k in self.by_kind],
            "by_venue": [v.to_dict() for v in self.by_venue],
        }


def statement(
    movements: Iterable[Movement], policy: CardPolicy = DEFAULT_POLICY, *, start: date, end: date
) -> Statement:
    """The statement of ``start``–``end``: opening balances (after every movement before
    ``start``), each movement of the period with the running balances, closing balances,
    totals per kind and per venue. The whole ledger is checked as by :func:`replay`."""
    if not isinstance(start, date) or not isinstance(end, date):
        raise DataValidationError("card.bad_period", start=str(start), end=str(end))
    first = start.date() if isinstance(start, datetime) else start
    last = end.date() if isinstance(end, datetime) else end
    if first > last:
        raise DataValidationError("card.bad_period", start=str(start), end=str(end))
    book = _Book(_empty(policy, None))
    opening_balance = (0, 0)
    lines: list[StatementLine] = []
    kinds: dict[str, KindTotal] = {}
    venues: dict[str, VenueTotal] = {}
    for m in movements:
        book.apply(m)
        day = m.at.date()
        if day < first:
            opening_balance = (book.stored, book.points)
        elif day <= last:
            lines.append(StatementLine(m, book.stored, book.points))
            kinds[m.kind] = _count(kinds.get(m.kind, KindTotal(m.kind)), m)
            venues[m.venue] = _count(venues.get(m.venue, VenueTotal(m.venue)), m)
    closing = (lines[-1].stored_cents, lines[-1].points) if lines else opening_balance
    return Statement(
        card_id=book.card_id,
        start=first,
        end=last,
        opening_stored_cents=opening_balance[0],
        opening_points=opening_balance[1],
        lines=tuple(lines),
        closing_stored_cents=closing[0],
        closing_points=closing[1],
        by_kind=tuple(kinds[k] for k in KINDS if k in kinds),
        by_venue=tuple(venues[v] for v in sorted(venues)),
    )

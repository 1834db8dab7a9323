"""Member tiers (会员等级) of the card, read from its movement ledger.

Growth value (成长值)
---------------------
``growth = (registration_bonus × cents_per_growth + Σ paid_cents of spends and refunds)
// cents_per_growth``: 1 point of growth per 元 (100 cents) of money paid for bills, net of
refunds (a refund's ``paid_cents`` is minus its bill's), plus an optional registration
bonus counted at the card's first movement. The part of a bill paid with points is not
money and grows nothing. The sum is kept in cents and divided once, so a refund takes back
exactly what its bill gave, with no rounding left over.

Tiers
-----
Default: 普通会员 standard 0 / 银卡 silver 500 / 金卡 gold 2 000 / 白金卡 platinum 5 000 /
钻石卡 diamond 10 000, member price discounts 0 / 2 / 5 / 8 / 10 % and earn-rate multipliers
1 / 1.1 / 1.25 / 1.5 / 2 (:meth:`Tiers.from_mapping` replaces them).

* **Upgrade at once**: the spend that takes growth to a tier's threshold moves the member
  up (to the highest tier reached, skipping tiers if the bill is large).
* **Refunds downgrade at once**: a refund that drops growth below the current tier's
  threshold moves the member to the tier the remaining growth reaches (a tier is earned by
  money actually kept, not by bills later cancelled).
* **Yearly review (保级, optional)**: on each anniversary of the card's first movement
  (00:00), a member keeps the tier if the growth of the 12 months before it is at least
  the tier's ``keep`` threshold (default: its threshold); otherwise the member goes to the
  highest lower tier whose ``keep`` that year's growth meets, and growth is reset to that
  tier's threshold (the excess is forfeited, otherwise lifetime growth would put the member
  straight back). The lowest tier has nothing to keep and is not reviewed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from custvalue._validation import check_number
from custvalue.card.ledger import Movement, _rate
from custvalue.exceptions import DataValidationError, NotFoundError

__all__ = [
    "DEFAULT_TIERS",
    "REASONS",
    "Tier",
    "TierChange",
    "TierPolicy",
    "Tiers",
    "current_tier",
    "tier_history",
]

REASONS = ("joined", "upgrade", "refund", "kept", "review")
"""Why a :class:`TierChange` happened: the card's first movement, a spend crossing a
threshold, a refund dropping below one, a yearly review that kept or lowered the tier."""

_FIELDS = ("threshold", "discount", "earn_multiplier", "keep", "name", "name_en")


@dataclass(frozen=True)
class Tier:
    """A member tier: from ``threshold`` growth on; ``discount`` off the rack rate (member
    price, 0 ≤ discount < 1); ``earn_multiplier`` on the card's earn rate; ``keep``: growth
    over the 12 months before a yearly review needed to keep it (``None``: the threshold)."""

    key: str
    threshold: int
    discount: Decimal = Decimal(0)
    earn_multiplier: Decimal = Decimal(1)
    keep: int | None = None
    name: str = ""
    name_en: str = ""

    def __post_init__(self) -> None:
        where = f"tiers.{self.key}"
        value = check_number(f"{where}.threshold", self.threshold, minimum=0, integer=True)
        object.__setattr__(self, "threshold", int(value))
        discount = _rate(f"{where}.discount", self.discount, below=Decimal(1))
        object.__setattr__(self, "discount", discount)
        multiplier = _rate(f"{where}.earn_multiplier", self.earn_multiplier, positive=True)
        object.__setattr__(self, "earn_multiplier", multiplier)
        if self.keep is not None:
            keep = check_number(f"{where}.keep", self.keep, minimum=0, integer=True)
            object.__setattr__(self, "keep", int(keep))

    @property
    def keep_threshold(self) -> int:
        return self.threshold if self.keep is None else self.keep

    def member_price(self, amount_cents: int) -> int:
        """``amount_cents × (1 − discount)``, rounded half up to the cent."""
        price = Decimal(amount_cents) * (1 - self.discount)
        return int(price.to_integral_value(rounding=ROUND_HALF_UP))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name or self.key,
            "name_en": self.name_en or self.key,
            "threshold": self.threshold,
            "discount": str(self.discount),
            "earn_multiplier": str(self.earn_multiplier),
            "keep": self.keep_threshold,
        }


@dataclass(frozen=True)
class Tiers:
    """The tiers, lowest first: thresholds start at 0 and strictly increase."""

    tiers: tuple[Tier, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "tiers", tuple(self.tiers))
        if not self.tiers:
            raise DataValidationError("card.tiers_empty")
        keys = [t.key for t in self.tiers]
        for key in keys:
            if not key or keys.count(key) > 1:
                raise DataValidationError("card.tier_duplicate", tier=key)
        thresholds = [t.threshold for t in self.tiers]
        if thresholds[0] != 0 or any(b <= a for a, b in pairwise(thresholds)):
            raise DataValidationError(
                "card.tier_thresholds",
                tiers=", ".join(f"{t.key} {t.threshold}" for t in self.tiers),
            )

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Tiers:
        """Tiers from settings: ``{key: {"threshold": 500, "discount": "0.02",
        "earn_multiplier": "1.1", "keep": 300, "name": "银卡", "name_en": "Silver"}}``
        (only ``threshold`` required), in any order (sorted by threshold)."""
        tiers = []
        for key, entry in mapping.items():
            if not isinstance(entry, Mapping):
                raise DataValidationError("card.tier_not_mapping", tier=str(key), got=repr(entry))
            for name in entry:
                if name not in _FIELDS:
                    raise DataValidationError(
                        "card.unknown_setting",
                        name=f"tiers.{key}.{name}",
                        allowed=", ".join(_FIELDS),
                    )
            if "threshold" not in entry:
                raise DataValidationError("card.tier_no_threshold", tier=str(key))
            tiers.append(Tier(key=str(key), **dict(entry)))
        return cls(tuple(sorted(tiers, key=lambda t: t.threshold)))

    def for_growth(self, growth: int) -> Tier:
        """The highest tier whose threshold ``growth`` reaches (the lowest one below 0)."""
        reached = [t for t in self.tiers if t.threshold <= growth]
        return reached[-1] if reached else self.tiers[0]

    def get(self, key: str) -> Tier:
        for tier in self.tiers:
            if tier.key == key:
                return tier
        raise NotFoundError(
            "card.unknown_tier", tier=key, allowed=", ".join(t.key for t in self.tiers)
        )

    def rank(self, tier: Tier) -> int:
        return self.tiers.index(tier)

    def to_dict(self) -> dict[str, Any]:
        return {"tiers": [t.to_dict() for t in self.tiers]}


DEFAULT_TIERS = Tiers(
    (
        Tier("standard", 0, Decimal("0"), Decimal("1"), name="普通会员", name_en="Standard"),
        Tier("silver", 500, Decimal("0.02"), Decimal("1.1"), name="银卡", name_en="Silver"),
        Tier("gold", 2000, Decimal("0.05"), Decimal("1.25"), name="金卡", name_en="Gold"),
        Tier("platinum", 5000, Decimal("0.08"), Decimal("1.5"), name="白金卡", name_en="Platinum"),
        Tier("diamond", 10000, Decimal("0.10"), Decimal("2"), name="钻石卡", name_en="Diamond"),
    )
)


@dataclass(frozen=True)
class TierPolicy:
    """How growth is counted: ``cents_per_growth`` (100: 1 per 元), ``registration_bonus``
    (growth given at the first movement, e.g. 100), ``yearly_review`` (保级 on each
    anniversary)."""

    cents_per_growth: int = 100
    registration_bonus: int = 0
    yearly_review: bool = False

    def __post_init__(self) -> None:
        cents = check_number("cents_per_growth", self.cents_per_growth, minimum=1, integer=True)
        object.__setattr__(self, "cents_per_growth", int(cents))
        bonus = check_number("registration_bonus", self.registration_bonus, minimum=0, integer=True)
        object.__setattr__(self, "registration_bonus", int(bonus))
        object.__setattr__(self, "yearly_review", bool(self.yearly_review))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


DEFAULT_TIER_POLICY = TierPolicy()


@dataclass(frozen=True)
class TierChange:
    """The member's tier from ``at`` on, why (one of :data:`REASONS`) and the growth then."""

    at: datetime
    tier: str
    reason: str
    growth: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "tier": self.tier,
            "reason": self.reason,
            "growth": self.growth,
        }


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year
        return date(start.year + years, 2, 28)


def tier_history(
    movements: Iterable[Movement],
    tiers: Tiers = DEFAULT_TIERS,
    policy: TierPolicy = DEFAULT_TIER_POLICY,
    *,
    as_of: date | None = None,
) -> list[TierChange]:
    """Every tier change of the card (the rules of the module docstring), and each yearly
    review's outcome, up to ``as_of`` (default: the date of the last movement; reviews
    happen through that date). Movements as :func:`~custvalue.card.ledger.replay` accepts
    them; an empty ledger has no history."""
    ledger = list(movements)
    for before, m in pairwise(ledger):
        if m.movement_id <= before.movement_id or m.at < before.at:
            raise DataValidationError(
                "card.out_of_order",
                movement_id=m.movement_id,
                at=m.at.isoformat(),
                previous_id=before.movement_id,
                previous_at=before.at.isoformat(),
            )
    if as_of is not None:
        ledger = [m for m in ledger if m.at.date() <= as_of]
    if not ledger:
        return []
    cpg = policy.cents_per_growth
    start = ledger[0].at
    last_day = as_of if as_of is not None else ledger[-1].at.date()
    cents = policy.registration_bonus * cpg
    flows: list[tuple[datetime, int]] = [(start, cents)]
    tier = tiers.for_growth(cents // cpg)
    history = [TierChange(start, tier.key, "joined", cents // cpg)]
    reviews: list[datetime] = []
    if policy.yearly_review:
        year = 1
        while _anniversary(start.date(), year) <= last_day:
            reviews.append(datetime.combine(_anniversary(start.date(), year), time(), start.tzinfo))
            year += 1

    def review(at: datetime, since: datetime) -> None:
        nonlocal tier, cents
        if tiers.rank(tier) == 0:
            return
        year_growth = sum(c for t, c in flows if since <= t < at) // cpg
        if year_growth >= tier.keep_threshold:
            history.append(TierChange(at, tier.key, "kept", cents // cpg))
            return
        kept = [t for t in tiers.tiers[: tiers.rank(tier)] if t.keep_threshold <= year_growth]
        tier = kept[-1] if kept else tiers.tiers[0]
        cents = tier.threshold * cpg
        history.append(TierChange(at, tier.key, "review", cents // cpg))

    since = datetime.combine(start.date(), time(), start.tzinfo)
    pending = list(reviews)
    for m in ledger:
        while pending and pending[0] <= m.at:
            review(pending[0], since)
            since = pending.pop(0)
        delta = m.paid_cents if m.kind in ("spend", "refund") else 0
        if delta == 0:
            continue
        cents += delta
        flows.append((m.at, delta))
        growth = cents // cpg
        reached = tiers.for_growth(growth)
        if delta > 0 and tiers.rank(reached) > tiers.rank(tier):
            tier = reached
            history.append(TierChange(m.at, tier.key, "upgrade", growth))
        elif delta < 0 and growth < tier.threshold:
            tier = reached
            history.append(TierChange(m.at, tier.key, "refund", growth))
    for at in pending:
        review(at, since)
        since = at
    return history


def current_tier(
    movements: Iterable[Movement],
    tiers: Tiers = DEFAULT_TIERS,
    policy: TierPolicy = DEFAULT_TIER_POLICY,
    *,
    as_of: date | None = None,
) -> Tier:
    """The member's tier on ``as_of`` (the last entry of :func:`tier_history`); the lowest
    tier for a card without movements."""
    history = tier_history(movements, tiers, policy, as_of=as_of)
    return tiers.get(history[-1].tier) if history else tiers.tiers[0]

"""The demo company: a store emptied (only if it is empty or holds the demo already),
the generated company loaded, its values and headline report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from custvalue.app.report import Headline, headline
from custvalue.app.results import Result
from custvalue.exceptions import DatabaseError, DataValidationError
from custvalue.i18n import t

if TYPE_CHECKING:
    from custvalue.data.db import Database
    from custvalue.demo.company import DemoLedger

__all__ = [
    "DEMO_USER",
    "demo_account",
    "DemoResult",
    "check_demo_size",
    "create_demo",
    "generate",
    "is_empty_or_demo",
    "reset_store",
]

#: the ledger tables the demo fills (``imports`` records its history)
_TABLES = ("orders", "costs", "customers", "imports")
#: what keeping customers adds (docs/keeping.md): emptied with the demo
_KEEPING = (
    "complaints", "complaint_events", "shipments", "notices", "customer_owners", "contacts",
    "cards", "card_movements", "referral_claims", "referral_payouts",
)  # fmt: skip
MIN_CUSTOMERS, MAX_CUSTOMERS = 10, 2_000_000


def _survey_tables() -> tuple[str, ...]:
    from custvalue.cva.store import TABLES
    from custvalue.data.kinds import VOICE_KINDS

    return (*TABLES.values(), *(f"voice_{kind}" for kind in VOICE_KINDS))


def check_demo_size(customers: int) -> int:
    """``customers`` if the demo can be built with that many (10 to 2,000,000)."""
    if customers < MIN_CUSTOMERS or customers > MAX_CUSTOMERS:
        raise DataValidationError(
            "error.option",
            option="--customers",
            value=customers,
            reason=t("cli.reason_demo_size"),
            hint="3000",
        )
    return customers


def is_empty_or_demo(db: Database) -> bool:
    """True when the store has no ledger or survey rows, or only the demo's."""
    from custvalue.demo.loading import HISTORY_KIND

    kinds = {r[0] for r in db.fetchall("SELECT DISTINCT kind FROM imports")}
    has_rows = any(
        db.scalar(f"SELECT COUNT(*) FROM {tbl}")
        for tbl in (*_TABLES[:3], *_survey_tables(), *_KEEPING)
    )
    return not has_rows or kinds == {HISTORY_KIND}


def reset_store(db: Database, *, force: bool = False) -> None:
    """Empty the ledger, the survey tables and the settings in one transaction; refuses
    (``db.demo_refuses``) a store holding other data unless ``force``."""
    if not (is_empty_or_demo(db) or force):
        raise DatabaseError("db.demo_refuses", url=db.url)
    with db.transaction():
        # the demo also fills the survey tables and our brand (settings)
        for table in (*_TABLES, *_survey_tables(), *_KEEPING, "settings"):
            db.execute(f"DELETE FROM {table}")


@dataclass(frozen=True)
class DemoResult(Result):
    """What the demo stored (rows per kind) and its headline report."""

    counts: dict[str, int]
    headline: Headline

    def data(self) -> dict[str, Any]:
        return {"counts": dict(self.counts), "headline": self.headline.to_dict()}


def generate(*, customers: int = 3000, seed: int = 20240101) -> DemoLedger:
    """The demo company's ledger (the same for the same seed and size)."""
    from custvalue.demo.company import generate_demo

    return generate_demo(seed=seed, n_customers=check_demo_size(customers))


def create_demo(
    db: Database,
    *,
    ledger: DemoLedger,
    seed: int = 20240101,
    force: bool = False,
    export: Path | None = None,
) -> DemoResult:
    """Reset the store (:func:`reset_store`), load ``ledger`` (:func:`generate` with
    ``seed``), the demo survey and offerings, and compute the headline report; with
    ``export``, also write the ledger as CSV files into that folder."""
    from custvalue.demo.company import write_demo_files
    from custvalue.demo.loading import load_demo
    from custvalue.value import customer_values, ledger_from_db

    reset_store(db, force=force)
    counts = load_demo(db, ledger, seed=seed)
    counts.update(_keeping(db, ledger, seed=seed))
    values = customer_values(ledger_from_db(db))
    if export is not None:
        export.mkdir(parents=True, exist_ok=True)
        write_demo_files(export, ledger)
    return DemoResult(counts=counts, headline=headline(values))


#: how many of the demo's key customers hold a member card
DEMO_CARDS = 20


def _keeping(db: Database, ledger: DemoLedger, *, seed: int) -> dict[str, int]:
    """What the demo company does to keep its customers, through the application's own
    functions (each one transaction, audited as ``demo``): owners by class and the next
    contacts planned, member cards used at the group's venues in the last year, the
    ledger's referrals as programme claims and a doubling goal."""
    from datetime import timedelta

    import polars as pl

    from custvalue.app import card, contacts, referrals
    from custvalue.app.snapshots import customer_segments
    from custvalue.demo.keeping import OWNERS, demo_card_plan

    end = ledger.orders["ordered_at"].max()
    assert isinstance(end, datetime)
    now = end + timedelta(hours=1)
    who = "demo"
    classes = customer_segments(db).select(
        pl.col("customer_id").cast(pl.String), pl.col("class").cast(pl.String)
    )
    for klass, people in OWNERS.items():
        ids = sorted(classes.filter(pl.col("class") == klass)["customer_id"].to_list())
        for k, person in enumerate(people):
            mine = ids[k :: len(people)]
            if mine:
                contacts.assign_owner(db, customer_ids=mine, owner=person, actor=who, now=now)
    planned = contacts.plan_contacts(db, as_of=end.date(), actor=who, now=now)
    key = sorted(classes.filter(pl.col("class") == "key")["customer_id"].to_list())
    cards: dict[str, str] = {}
    movements = 0
    for customer, operation, args in demo_card_plan(key[:DEMO_CARDS], end, seed=seed):
        at = args["at"]
        assert isinstance(at, datetime)
        if operation == "open":
            cards[customer] = card.open_card(
                db, customer_id=customer, at=at, actor=who, now=now
            ).card_id
            continue
        card_id = cards[customer]
        if operation == "recharge":
            posted = card.recharge(
                db, card_id=card_id, amount_cents=int(args["amount_cents"]),  # type: ignore[call-overload]
                at=at, actor=who, now=now,
            )  # fmt: skip
        elif operation == "spend":
            amount = int(args["amount_cents"])  # type: ignore[call-overload]
            held = card.card_state(db, card_id, as_of=at.date())
            from_stored = min(amount, held.state.stored_cents) if args["stored"] else 0
            points = min(held.usable_points, amount - from_stored) if args["points"] else 0
            posted = card.spend(
                db, card_id=card_id, amount_cents=amount, ref=str(args["ref"]),
                venue=str(args["venue"]), from_stored=from_stored, points_used=points, at=at,
                actor=who, now=now,
            )  # fmt: skip
        else:
            posted = card.refund(
                db, card_id=card_id, spend_ref=str(args["ref"]), at=at, actor=who, now=now
            )
        movements += len(posted.movements)
    claims = referrals.import_ledger_claims(db, actor=who, now=now)
    referrals.set_goal(
        db, start=end.date().replace(month=1, day=1), periods=8, unit="quarter", factor=2.0,
        actor=who, now=now,
    )  # fmt: skip
    return {
        "contacts": planned,
        "cards": len(cards),
        "card_movements": movements,
        "referral_claims": claims.imported,
    }


#: the account ``custvalue demo --serve`` opens the workbench with
DEMO_USER = "demo"


def demo_account(db: Database, *, now: datetime | None = None) -> tuple[str, str]:
    """The demo's analyst account with a new random password: (name, password). An
    existing ``demo`` account gets the new password (its sessions end); the password is
    never stored in clear, so the caller shows it once."""
    import secrets

    from custvalue.app import users
    from custvalue.exceptions import NotFoundError

    password = secrets.token_urlsafe(12)
    try:
        found = users.get_user(db, name=DEMO_USER)
    except NotFoundError:
        users.add_user(db, name=DEMO_USER, password=password, role="analyst", now=now)
    else:
        users.set_password(db, user_id=found.user_id, password=password, now=now)
        if not found.active:
            users.set_active(db, user_id=found.user_id, active=True, by=None, now=now)
    return DEMO_USER, password

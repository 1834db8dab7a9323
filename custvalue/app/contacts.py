"""The contact plan [接触计划] (docs/keeping.md §4): who looks after each customer, the
visits and calls planned for them, what was done, and handing a departing owner's
customers to someone else with their history.

* ``customer_owners`` keeps every assignment (``since``, ``until``): the current owner
  is the row without ``until``; reassigning closes it and opens the next, so the
  history stays with the customer, not with the person.
* ``contacts``: a planned contact (``planned``, with a due date), what was done
  (``done``: when, by whom, the outcome) or dropped (``cancelled``). An unplanned
  interaction is a contact recorded as done.
* Frequencies: the next contact of a customer falls ``days`` after the last done one
  (or on ``as_of`` when there has been none), by the customer's class (key customers
  most often; :data:`DEFAULT_FREQUENCIES`, stored settings override them). Logging a
  planned contact as done plans the next one.

Every change is one transaction with an audit line (who, when, what, before → after).
Times are the company's local time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.users import User
    from custvalue.data.db import Database

__all__ = [
    "CONTACT_KINDS",
    "DEFAULT_FREQUENCIES",
    "ContactList",
    "OwnerLoad",
    "Reassigned",
    "add_contact",
    "assign_owner",
    "cancel_contact",
    "contact_frequencies",
    "customer_contacts",
    "list_contacts",
    "log_contact",
    "overdue_by_owner",
    "plan_contacts",
    "reassign",
    "set_frequencies",
]

CONTACT_KINDS = ("visit", "call", "meeting", "email")
#: days between contacts by customer class (custvalue.segmentation.classes)
DEFAULT_FREQUENCIES: dict[str, int] = {"key": 30, "develop": 60, "ordinary": 120}
_SETTING = "contacts.frequencies"
_COLUMNS = (
    "contact_id, customer_id, owner, kind, due_on, state, done_at, done_by, outcome, note, "
    "created_at, created_by"
)


@dataclass(frozen=True)
class ContactList(Result):
    """One page of contacts (``table``) and how many match in all."""

    table: pl.DataFrame
    total: int
    as_of: date

    def data(self) -> dict[str, Any]:
        return {"total": self.total, "as_of": self.as_of, "contacts": rows(self.table)}


@dataclass(frozen=True)
class OwnerLoad(Result):
    """Per owner: customers, planned, overdue, done in the last 30 days."""

    table: pl.DataFrame
    as_of: date

    def data(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "owners": rows(self.table)}


@dataclass(frozen=True)
class Reassigned(Result):
    """What a reassignment moved."""

    from_owner: str
    to_owner: str
    customers: int
    planned: int

    def data(self) -> dict[str, Any]:
        return {
            "from_owner": self.from_owner,
            "to_owner": self.to_owner,
            "customers": self.customers,
            "planned": self.planned,
        }


def _actor(by: User | None, actor: str | None) -> str:
    return by.name if by is not None else (actor or "cli")


def _name(option: str, value: Any) -> str:
    """An owner's or a note's text: trimmed, not empty, at most 200 characters."""
    from custvalue.exceptions import DataValidationError

    text = str(value or "").strip()
    if not text or len(text) > 200:
        raise DataValidationError("contacts.bad_name", option=option, value=str(value or ""))
    return text


def _known_customers(db: Database, ids: Sequence[str]) -> list[str]:
    from custvalue.exceptions import NotFoundError

    wanted = sorted({str(i).strip() for i in ids if str(i).strip()})
    if not wanted:
        raise NotFoundError("contacts.no_customers_named")
    marks = ", ".join("?" for _ in wanted)
    found = {
        r[0]
        for r in db.fetchall(
            f"SELECT customer_id FROM customers WHERE customer_id IN ({marks})", wanted
        )
    }
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFoundError("contacts.unknown_customer", ids=", ".join(missing[:10]))
    return wanted


def contact_frequencies(db: Database) -> dict[str, int]:
    """Days between contacts per class: the stored ones over the defaults."""
    stored = db.scalar("SELECT value FROM settings WHERE key = ?", [_SETTING])
    out = dict(DEFAULT_FREQUENCIES)
    if stored:
        out.update({str(k): int(v) for k, v in json.loads(stored).items()})
    return out


def set_frequencies(
    db: Database,
    frequencies: Mapping[str, Any],
    *,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Store days between contacts per class (1–3650 each; classes key, develop,
    ordinary); returns the frequencies in force."""
    from custvalue._validation import check_choice, check_number
    from custvalue.app.users import audit

    checked = {
        check_choice("class", k, tuple(DEFAULT_FREQUENCIES)): int(
            check_number(f"--every {k}", v, minimum=1, maximum=3650, integer=True)
        )
        for k, v in frequencies.items()
    }
    with db.transaction():
        before = contact_frequencies(db)
        after = {**before, **checked}
        db.execute("DELETE FROM settings WHERE key = ?", [_SETTING])
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [_SETTING, json.dumps(after)])
        audit(
            db, action="contacts.frequencies", by=by, actor=_actor(by, actor),
            details={"before": before, "after": after}, now=now,
        )  # fmt: skip
    return after


def _current_owners(db: Database, ids: Sequence[str] | None = None) -> dict[str, str]:
    sql = "SELECT customer_id, owner FROM customer_owners WHERE until IS NULL"
    if ids is None:
        return {r[0]: r[1] for r in db.fetchall(sql)}
    marks = ", ".join("?" for _ in ids)
    return {r[0]: r[1] for r in db.fetchall(f"{sql} AND customer_id IN ({marks})", list(ids))}


def assign_owner(
    db: Database,
    *,
    customer_ids: Sequence[str],
    owner: str,
    reason: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """Make ``owner`` the one who looks after ``customer_ids`` (known customers); their
    planned contacts go with them. Returns how many customers changed owner."""
    from custvalue.app.users import audit

    owner = _name("--owner", owner)
    now = now or datetime.now().replace(microsecond=0)
    with db.transaction():
        ids = _known_customers(db, customer_ids)
        before = _current_owners(db, ids)
        moving = [i for i in ids if before.get(i) != owner]
        _move(db, moving, owner, reason, now)
        if moving:
            # one line per change; each customer's before → after is in customer_owners
            audit(
                db, action="contacts.owner", by=by, actor=_actor(by, actor), target=owner,
                details=_changes(moving, before, owner, reason), now=now,
            )  # fmt: skip
    return len(moving)


#: customers named one by one in an audit line (the rest are in customer_owners)
_AUDIT_NAMED = 1000


def _changes(
    moving: Sequence[str], before: Mapping[str, str], owner: str, reason: str | None
) -> dict[str, Any]:
    named = moving[:_AUDIT_NAMED]
    return {
        "customers": len(moving),
        "before": {cid: before.get(cid) for cid in named},
        "after": owner,
        "reason": reason,
        "more": max(0, len(moving) - len(named)),
    }


def _move(db: Database, ids: Sequence[str], owner: str, reason: str | None, now: datetime) -> int:
    """Close the current assignments of ``ids``, open ``owner``'s, move their planned
    contacts; returns the planned contacts moved."""
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    db.execute(
        f"UPDATE customer_owners SET until = ? WHERE until IS NULL AND customer_id IN ({marks})",
        [now, *ids],
    )
    import polars as pl

    with db.staged("_new_owners", pl.DataFrame({"customer_id": list(ids)})) as staged:
        db.execute(
            "INSERT INTO customer_owners (owner_id, customer_id, owner, since, until, reason) "
            f"SELECT nextval('customer_owners_seq'), customer_id, ?, ?, NULL, ? FROM {staged} "
            "ORDER BY customer_id",
            [owner, now, reason],
        )
    planned = int(
        db.scalar(
            f"SELECT count(*) FROM contacts WHERE state = 'planned' AND customer_id IN ({marks})",
            list(ids),
        )
        or 0
    )
    db.execute(
        f"UPDATE contacts SET owner = ? WHERE state = 'planned' AND customer_id IN ({marks})",
        [owner, *ids],
    )
    return planned


def reassign(
    db: Database,
    *,
    from_owner: str,
    to_owner: str,
    reason: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> Reassigned:
    """Hand every customer of ``from_owner`` (someone leaving) to ``to_owner`` with their
    planned contacts, in one transaction; done contacts keep who did them."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError, NotFoundError

    source, target = _name("--from", from_owner), _name("--to", to_owner)
    if source == target:
        raise DataValidationError("contacts.same_owner", owner=source)
    now = now or datetime.now().replace(microsecond=0)
    with db.transaction():
        ids = [
            r[0]
            for r in db.fetchall(
                "SELECT customer_id FROM customer_owners WHERE until IS NULL AND owner = ? "
                "ORDER BY customer_id",
                [source],
            )
        ]
        if not ids:
            owners = sorted(set(_current_owners(db).values()))
            raise NotFoundError(
                "contacts.unknown_owner", owner=source, owners=", ".join(owners[:20]) or "—"
            )
        planned = _move(db, ids, target, reason or f"reassigned from {source}", now)
        audit(
            db, action="contacts.reassign", by=by, actor=_actor(by, actor), target=source,
            details={"before": source, "after": target, "customers": len(ids),
                     "planned": planned, "reason": reason}, now=now,
        )  # fmt: skip
    return Reassigned(source, target, len(ids), planned)


def _check_kind(kind: str) -> str:
    from custvalue._validation import check_choice

    return check_choice("--kind", kind, CONTACT_KINDS)


def add_contact(
    db: Database,
    *,
    customer_id: str,
    kind: str = "visit",
    due_on: date,
    owner: str | None = None,
    note: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """Plan one contact; the owner defaults to the customer's current owner (a customer
    without one needs ``owner``). Returns the contact's id."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError

    kind = _check_kind(kind)
    now = now or datetime.now().replace(microsecond=0)
    with db.transaction():
        (cid,) = _known_customers(db, [customer_id])
        chosen = _name("--owner", owner) if owner else _current_owners(db, [cid]).get(cid)
        if chosen is None:
            raise DataValidationError("contacts.no_owner", customer=cid)
        contact_id = _insert(db, cid, chosen, kind, due_on, "planned", note, _actor(by, actor), now)
        audit(
            db, action="contacts.plan", by=by, actor=_actor(by, actor), target=cid,
            details={"after": {"contact_id": contact_id, "kind": kind, "due_on": str(due_on),
                               "owner": chosen}}, now=now,
        )  # fmt: skip
    return contact_id


def _insert(
    db: Database,
    customer_id: str,
    owner: str,
    kind: str,
    due_on: date | None,
    state: str,
    note: str | None,
    who: str,
    now: datetime,
    *,
    outcome: str | None = None,
    done_at: datetime | None = None,
) -> int:
    contact_id = int(db.scalar("SELECT nextval('contacts_seq')"))
    db.execute(
        f"INSERT INTO contacts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contact_id, customer_id, owner, kind, due_on, state, done_at,
         who if state == "done" else None, outcome, note, now, who],
    )  # fmt: skip
    return contact_id


def _contact(db: Database, contact_id: int) -> tuple[Any, ...]:
    from custvalue.exceptions import NotFoundError

    found = db.fetchall(f"SELECT {_COLUMNS} FROM contacts WHERE contact_id = ?", [contact_id])
    if not found:
        raise NotFoundError("contacts.unknown_contact", contact=contact_id)
    return found[0]


def log_contact(
    db: Database,
    *,
    contact_id: int | None = None,
    customer_id: str | None = None,
    kind: str = "call",
    outcome: str,
    note: str | None = None,
    done_at: datetime | None = None,
    plan_next: bool = True,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """Record what was done: a planned contact (``contact_id``) marked done, or an
    unplanned interaction with ``customer_id``. Then, unless ``plan_next`` is off, the
    customer's next contact is planned at their class's frequency after it (when they
    have an owner and nothing else planned). Returns the done contact's id."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError

    outcome = _name("--outcome", outcome)
    now = now or datetime.now().replace(microsecond=0)
    when = done_at or now
    who = _actor(by, actor)
    with db.transaction():
        if contact_id is not None:
            row = _contact(db, int(contact_id))
            if row[5] != "planned":
                raise DataValidationError("contacts.not_planned", contact=contact_id, state=row[5])
            db.execute(
                "UPDATE contacts SET state = 'done', done_at = ?, done_by = ?, outcome = ?, "
                "note = coalesce(?, note) WHERE contact_id = ?",
                [when, who, outcome, note, int(contact_id)],
            )
            done, cid = int(contact_id), str(row[1])
            before: Any = {"state": "planned", "due_on": str(row[4])}
        else:
            if customer_id is None:
                raise DataValidationError("contacts.log_needs_target")
            (cid,) = _known_customers(db, [customer_id])
            owner = _current_owners(db, [cid]).get(cid, who)
            done = _insert(
                db, cid, owner, _check_kind(kind), None, "done", note, who, now,
                outcome=outcome, done_at=when,
            )  # fmt: skip
            before = None
        audit(
            db, action="contacts.log", by=by, actor=who, target=cid,
            details={"before": before, "after": {"contact_id": done, "state": "done",
                                                 "outcome": outcome}}, now=now,
        )  # fmt: skip
        if plan_next:
            _plan(db, [cid], when.date(), who, now)
    return done


def cancel_contact(
    db: Database,
    *,
    contact_id: int,
    reason: str,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> None:
    """Drop a planned contact, saying why."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError

    reason = _name("--reason", reason)
    now = now or datetime.now().replace(microsecond=0)
    with db.transaction():
        row = _contact(db, int(contact_id))
        if row[5] != "planned":
            raise DataValidationError("contacts.not_planned", contact=contact_id, state=row[5])
        db.execute(
            "UPDATE contacts SET state = 'cancelled', note = ? WHERE contact_id = ?",
            [reason, int(contact_id)],
        )
        audit(
            db, action="contacts.cancel", by=by, actor=_actor(by, actor), target=str(row[1]),
            details={"before": "planned", "after": "cancelled", "reason": reason}, now=now,
        )  # fmt: skip


def _plan(db: Database, ids: Sequence[str] | None, as_of: date, who: str, now: datetime) -> int:
    """Plan the next contact of each owned customer (of ``ids``, or all) with none
    planned: its class's days after the last done contact, not before ``as_of``."""
    import polars as pl

    from custvalue.app.snapshots import customer_segments

    owners = _current_owners(db, ids) if ids is not None else _current_owners(db)
    if not owners:
        return 0
    planned = {
        r[0] for r in db.fetchall("SELECT customer_id FROM contacts WHERE state = 'planned'")
    }
    todo = sorted(c for c in owners if c not in planned)
    if not todo:
        return 0
    last = {
        r[0]: r[1]
        for r in db.fetchall(
            "SELECT customer_id, max(done_at) FROM contacts WHERE state = 'done' "
            "GROUP BY customer_id"
        )
    }
    classes = dict(
        customer_segments(db)
        .select(pl.col("customer_id").cast(pl.String), pl.col("class").cast(pl.String))
        .iter_rows()
    )
    every = contact_frequencies(db)
    rows: list[tuple[str, str, str, date]] = []
    for cid in todo:
        days = every.get(classes.get(cid) or "ordinary", every["ordinary"])
        previous = last.get(cid)
        due = as_of if previous is None else max(as_of, previous.date() + timedelta(days=days))
        kind = "visit" if classes.get(cid) == "key" else "call"
        rows.append((cid, owners[cid], kind, due))
    frame = pl.DataFrame(
        rows, schema={"customer_id": pl.String, "owner": pl.String, "kind": pl.String,
                      "due_on": pl.Date}, orient="row",
    )  # fmt: skip
    with db.staged("_planned_contacts", frame) as staged:
        db.execute(
            f"INSERT INTO contacts ({_COLUMNS}) SELECT nextval('contacts_seq'), customer_id, "
            f"owner, kind, due_on, 'planned', NULL, NULL, NULL, NULL, ?, ? FROM {staged} "
            "ORDER BY customer_id",
            [now, who],
        )
    return len(todo)


def plan_contacts(
    db: Database,
    *,
    as_of: date | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """Plan the next contact of every owned customer who has none planned (a visit for
    key customers, a call for the others; see the module docstring). Returns how many
    were planned."""
    from custvalue.app.users import audit

    now = now or datetime.now().replace(microsecond=0)
    day = as_of or now.date()
    with db.transaction():
        count = _plan(db, None, day, _actor(by, actor), now)
        if count:
            audit(
                db, action="contacts.plan_all", by=by, actor=_actor(by, actor),
                details={"after": {"planned": count, "as_of": str(day)}}, now=now,
            )  # fmt: skip
    return count


def list_contacts(
    db: Database,
    *,
    owner: str | None = None,
    customer_id: str | None = None,
    state: str | None = None,
    overdue: bool = False,
    as_of: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> ContactList:
    """Contacts by due date (planned) or when done, filtered; ``overdue``: planned ones
    due before ``as_of``."""
    import polars as pl

    from custvalue._validation import check_choice, check_number

    limit = int(check_number("--limit", limit, minimum=1, maximum=10_000, integer=True))
    offset = int(check_number("--offset", offset, minimum=0, integer=True))
    day = as_of or date.today()
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if owner:
        where.append("owner = ?")
        params.append(owner.strip())
    if customer_id:
        where.append("customer_id = ?")
        params.append(customer_id.strip())
    if state:
        where.append("state = ?")
        params.append(check_choice("--state", state, ("planned", "done", "cancelled")))
    if overdue:
        where.append("state = 'planned' AND due_on < ?")
        params.append(day)
    clause = " AND ".join(where)
    total = int(db.scalar(f"SELECT count(*) FROM contacts WHERE {clause}", params) or 0)
    frame = db.frame(
        f"SELECT {_COLUMNS} FROM contacts WHERE {clause} "
        "ORDER BY CASE WHEN state = 'planned' THEN 0 ELSE 1 END, due_on, done_at DESC, "
        "contact_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if frame.height:
        frame = frame.with_columns(
            (pl.col("state").eq("planned") & (pl.col("due_on").cast(pl.Date) < day)).alias(
                "overdue"
            )
        )
    return ContactList(frame, total, day)


def overdue_by_owner(db: Database, *, as_of: date | None = None) -> OwnerLoad:
    """Per current owner: customers, planned contacts, overdue ones, done in the 30
    days before ``as_of``."""
    day = as_of or date.today()
    frame = db.frame(
        "SELECT o.owner, count(DISTINCT o.customer_id) AS customers, "
        "count(DISTINCT CASE WHEN c.state = 'planned' THEN c.contact_id END) AS planned, "
        "count(DISTINCT CASE WHEN c.state = 'planned' AND c.due_on < ? THEN c.contact_id END) "
        "AS overdue, "
        "count(DISTINCT CASE WHEN c.state = 'done' AND c.done_at >= ? THEN c.contact_id END) "
        "AS done_30d "
        "FROM customer_owners o LEFT JOIN contacts c ON c.customer_id = o.customer_id "
        "WHERE o.until IS NULL GROUP BY o.owner ORDER BY overdue DESC, o.owner",
        [day, datetime.combine(day - timedelta(days=30), datetime.min.time())],
    )
    return OwnerLoad(frame, day)


def customer_contacts(db: Database, *, customer_id: str) -> dict[str, Any]:
    """One customer's owners over time and contacts (newest first), for their page."""
    owners = db.frame(
        "SELECT owner, since, until, reason FROM customer_owners WHERE customer_id = ? "
        "ORDER BY since DESC, owner_id DESC",
        [customer_id],
    )
    contacts = db.frame(
        f"SELECT {_COLUMNS} FROM contacts WHERE customer_id = ? "
        "ORDER BY coalesce(done_at, CAST(due_on AS TIMESTAMP)) DESC, contact_id DESC",
        [customer_id],
    )
    return {"owners": owners, "contacts": contacts}

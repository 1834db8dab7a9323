"""The contact plan on both engines: owners with their history, contacts planned by
class frequency, logged, overdue per owner, and a departing owner's customers handed
over in one transaction with everything audited."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from custvalue.app import contacts
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.exceptions import DataValidationError, NotFoundError

NOW = datetime(2024, 6, 3, 9, 30)


def _ledger(db: Database) -> None:
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {"customer_id": ["A", "B", "C", "D"], "name": ["甲", "乙", "丙", "丁"]}
            ),
            "orders": pl.DataFrame(
                {
                    "order_id": ["o1", "o2", "o3", "o4"],
                    "customer_id": ["A", "A", "B", "C"],
                    "date": ["2024-01-05", "2024-03-01", "2024-02-01", "2023-05-01"],
                    "amount": ["90000.00", "80000.00", "300.00", "50.00"],
                }
            ),
        },
        source="ledger",
    )


def _classes(db: Database) -> dict[str, str]:
    from custvalue.app.snapshots import customer_segments

    return dict(customer_segments(db).select("customer_id", "class").iter_rows())


def test_plan_log_and_the_next_contact(db: Database) -> None:
    _ledger(db)
    classes = _classes(db)
    assert contacts.assign_owner(db, customer_ids=["A", "B", "C"], owner="张三", now=NOW) == 3
    # the same owner again changes nothing
    assert contacts.assign_owner(db, customer_ids=["A"], owner="张三", now=NOW) == 0
    planned = contacts.plan_contacts(db, as_of=date(2024, 6, 3), actor="cli:test", now=NOW)
    assert planned == 3  # D has no owner: nothing planned for it
    page = contacts.list_contacts(db, state="planned", as_of=date(2024, 6, 3))
    assert page.total == 3 and set(page.table["due_on"].to_list()) == {date(2024, 6, 3)}
    kinds = dict(page.table.select("customer_id", "kind").iter_rows())
    assert kinds == {c: ("visit" if classes[c] == "key" else "call") for c in "ABC"}
    a_contact = int(page.table.filter(pl.col("customer_id") == "A")["contact_id"][0])
    done = contacts.log_contact(
        db, contact_id=a_contact, outcome="签了年度框架协议", done_at=datetime(2024, 6, 4, 15),
        actor="cli:test", now=NOW,
    )  # fmt: skip
    assert done == a_contact
    # the next one: the class's days after the done contact
    every = contacts.contact_frequencies(db)[classes["A"]]
    nxt = contacts.list_contacts(db, customer_id="A", state="planned")
    assert nxt.total == 1
    assert nxt.table["due_on"][0] == date.fromordinal(date(2024, 6, 4).toordinal() + every)
    with pytest.raises(DataValidationError) as again:
        contacts.log_contact(db, contact_id=a_contact, outcome="x")
    assert again.value.code == "contacts.not_planned"
    # an unplanned interaction
    contacts.log_contact(db, customer_id="D", kind="call", outcome="询价", actor="cli:t", now=NOW)
    history = contacts.customer_contacts(db, customer_id="D")
    assert history["contacts"]["state"].to_list() == ["done"]
    audit = db.fetchall("SELECT action, user_name FROM audit ORDER BY audit_id")
    assert ("contacts.log", "cli:test") in audit and ("contacts.plan_all", "cli:test") in audit


def test_overdue_per_owner_and_reassignment_keeps_the_history(db: Database) -> None:
    _ledger(db)
    contacts.assign_owner(db, customer_ids=["A", "B"], owner="张三", now=NOW)
    contacts.assign_owner(db, customer_ids=["C"], owner="李四", now=NOW)
    contacts.plan_contacts(db, as_of=date(2024, 5, 1), now=NOW)
    b = int(contacts.list_contacts(db, customer_id="B").table["contact_id"][0])
    contacts.log_contact(db, contact_id=b, outcome="ok", plan_next=False, now=NOW)
    load = contacts.overdue_by_owner(db, as_of=date(2024, 6, 3))
    table = {r["owner"]: r for r in load.table.iter_rows(named=True)}
    assert (table["张三"]["customers"], table["张三"]["planned"], table["张三"]["overdue"]) == (
        2, 1, 1,
    )  # fmt: skip
    assert table["张三"]["done_30d"] == 1 and table["李四"]["overdue"] == 1
    moved = contacts.reassign(db, from_owner="张三", to_owner="王五", reason="离职", now=NOW)
    assert (moved.customers, moved.planned) == (2, 1)
    owners = contacts.customer_contacts(db, customer_id="A")["owners"]
    assert owners["owner"].to_list() == ["王五", "张三"] and owners["until"][1] is not None
    # the done contact keeps who did it and whose customer it was then
    done = contacts.list_contacts(db, customer_id="B", state="done").table
    assert done["owner"].to_list() == ["张三"]
    planned = contacts.list_contacts(db, customer_id="A", state="planned").table
    assert planned["owner"].to_list() == ["王五"]
    assert "张三" not in contacts.overdue_by_owner(db).table["owner"].to_list()


def test_refusals(db: Database) -> None:
    _ledger(db)
    with pytest.raises(NotFoundError) as unknown:
        contacts.assign_owner(db, customer_ids=["A", "Z9"], owner="张三")
    assert unknown.value.code == "contacts.unknown_customer" and "Z9" in unknown.value.message()
    assert db.scalar("SELECT count(*) FROM customer_owners") == 0  # nothing half-done
    with pytest.raises(NotFoundError) as none:
        contacts.assign_owner(db, customer_ids=[" "], owner="张三")
    assert none.value.code == "contacts.no_customers_named"
    with pytest.raises(DataValidationError) as blank:
        contacts.assign_owner(db, customer_ids=["A"], owner="  ")
    assert blank.value.code == "contacts.bad_name"
    with pytest.raises(DataValidationError) as same:
        contacts.reassign(db, from_owner="张三", to_owner="张三")
    assert same.value.code == "contacts.same_owner"
    with pytest.raises(NotFoundError) as nobody:
        contacts.reassign(db, from_owner="赵六", to_owner="张三")
    assert nobody.value.code == "contacts.unknown_owner"
    with pytest.raises(DataValidationError) as owner:
        contacts.add_contact(db, customer_id="A", due_on=date(2024, 7, 1))
    assert owner.value.code == "contacts.no_owner"
    with pytest.raises(DataValidationError) as kind:
        contacts.add_contact(db, customer_id="A", kind="fax", due_on=date(2024, 7, 1), owner="x")
    assert kind.value.code == "validation.choice"
    with pytest.raises(NotFoundError) as missing:
        contacts.cancel_contact(db, contact_id=999, reason="dup")
    assert missing.value.code == "contacts.unknown_contact"
    with pytest.raises(DataValidationError) as target:
        contacts.log_contact(db, outcome="x")
    assert target.value.code == "contacts.log_needs_target"
    with pytest.raises(DataValidationError) as days:
        contacts.set_frequencies(db, {"key": 0})
    assert days.value.code == "validation.number_range"
    assert contacts.set_frequencies(db, {"key": 14})["key"] == 14
    assert contacts.contact_frequencies(db) == {"key": 14, "develop": 60, "ordinary": 120}
    cid = contacts.add_contact(db, customer_id="A", due_on=date(2024, 7, 1), owner="张三")
    contacts.cancel_contact(db, contact_id=cid, reason="客户出差")
    assert contacts.list_contacts(db, state="cancelled").total == 1

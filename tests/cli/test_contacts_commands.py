"""``custvalue contacts …`` on the demo company (both engines, both languages): what
each command prints is what the store holds; refusals exit 1 with their key."""

from __future__ import annotations

import json

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=60, seed=7), seed=7)
        # the demo plans its own contacts: start these tests from none
        db.execute("DELETE FROM contacts")
        db.execute("DELETE FROM customer_owners")
    return db_url


def test_the_demo_plans_its_contacts(db_url: str) -> None:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=60, seed=7), seed=7)
        owned = db.scalar("SELECT count(DISTINCT customer_id) FROM customer_owners")
        planned = db.scalar("SELECT count(*) FROM contacts WHERE state = 'planned'")
        assert owned == planned == 60
        assert db.scalar("SELECT count(*) FROM cards") > 0


def test_a_plan_worked_through(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url)
    done = invoke(
        capsys, *cli, "--lang", "en", "contacts", "assign", "C00001", "C00002", "--owner", "张三"
    )
    assert done.code == 0 and "2 customer(s) now looked after by 张三" in done.out
    assert invoke(capsys, *cli, "contacts", "assign", "C00003", "--owner", "李四").code == 0
    plan = invoke(capsys, *cli, "--lang", "zh", "contacts", "plan", "--as-of", "2024-12-01")
    assert "已安排 3 次接触" in plan.out
    listed = json.loads(invoke(capsys, *cli, "contacts", "list", "--format", "json").out)
    assert listed["total"] == 3 and {c["owner"] for c in listed["contacts"]} == {"张三", "李四"}
    first = listed["contacts"][0]["contact_id"]
    logged = invoke(capsys, *cli, "contacts", "log", "--contact", str(first), "--outcome", "续约")
    assert logged.code == 0
    with connect(demo_url) as db:
        assert db.scalar("SELECT state FROM contacts WHERE contact_id = ?", [first]) == "done"
        owner = db.scalar("SELECT owner FROM contacts WHERE contact_id = ?", [first])
    load = json.loads(
        invoke(capsys, *cli, "contacts", "overdue", "--as-of", "2025-06-01", "--format", "json").out
    )
    assert sum(o["customers"] for o in load["owners"]) == 3
    moved = invoke(capsys, *cli, "--lang", "zh", "contacts", "reassign", "--from", owner,
                   "--to", "王五", "--reason", "离职")  # fmt: skip
    assert moved.code == 0 and "移交给 王五" in moved.out
    with connect(demo_url) as db:
        left = db.scalar(
            "SELECT count(*) FROM customer_owners WHERE owner = ? AND until IS NULL", [owner]
        )
        assert left == 0
        assert db.scalar("SELECT done_by FROM contacts WHERE contact_id = ?", [first]).startswith(
            "cli"
        )
    for lang in ("en", "zh"):
        shown = invoke(capsys, *cli, "--lang", lang, "contacts", "list")
        assert shown.code == 0 and "_" not in shown.out.splitlines()[0]
    every = invoke(capsys, *cli, "--lang", "en", "contacts", "every", "key=14")
    assert "key customers 14" in every.out


def test_refusals(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url)
    refused(capsys, "contacts.unknown_customer", *cli, "contacts", "assign", "ZZ", "--owner", "a")
    refused(capsys, "contacts.unknown_owner", *cli, "contacts", "reassign", "--from", "a",
            "--to", "b")  # fmt: skip
    refused(capsys, "contacts.no_owner", *cli, "contacts", "add", "C00001", "--due", "2025-01-01")
    refused(capsys, "error.option", *cli, "contacts", "add", "C00001", "--due", "2025-13-01")
    refused(capsys, "contacts.log_needs_target", *cli, "contacts", "log", "--outcome", "x")
    refused(capsys, "contacts.unknown_contact", *cli, "contacts", "cancel", "42", "--reason", "x")
    refused(capsys, "validation.choice", *cli, "contacts", "every", "vip=3")
    refused(capsys, "error.option", *cli, "contacts", "every", "key")
    refused(capsys, "validation.choice", *cli, "contacts", "list", "--state", "open")

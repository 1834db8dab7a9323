"""``custvalue demo``'s load goes through the importer and stores exactly the generated data."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.cva.store import get_us, load_survey
from custvalue.data.db import Database
from custvalue.data.importing import StrictImportError
from custvalue.demo.company import DemoLedger, generate_demo
from custvalue.demo.keeping import generate_demo_keeping
from custvalue.demo.loading import HISTORY_KIND, demo_frames, load_demo, load_frames
from custvalue.demo.offerings import generate_demo_offerings
from custvalue.demo.survey import US, generate_demo_survey
from custvalue.demo.voice import generate_demo_voice
from custvalue.value import customer_values, ledger_from_db, ledger_from_frames


@pytest.fixture(scope="module")
def ledger() -> DemoLedger:
    return generate_demo(seed=20240101, n_customers=3000)


def test_the_default_company_is_the_documented_one(ledger: DemoLedger) -> None:
    assert (ledger.customers.height, ledger.orders.height) == (3000, 17457)


def test_load_stores_the_generated_rows_and_values(db: Database, ledger: DemoLedger) -> None:
    counts = load_demo(db, ledger, seed=20240101)
    survey = generate_demo_survey()
    assert counts == {
        "customers": 3000,
        "orders": 17457,
        "costs": ledger.costs.height,
        **{kind: frame.height for kind, frame in survey.items()},
        "offerings": generate_demo_offerings().height,
        **{kind: frame.height for kind, frame in generate_demo_voice(ledger).items()},
        **{kind: frame.height for kind, frame in generate_demo_keeping(ledger).items()},
    }
    # every complaint and shipment of the history stored, each linked to its customer
    keeping = generate_demo_keeping(ledger)
    assert db.scalar("SELECT count(*) FROM complaints") == keeping["complaints"].height > 100
    assert db.scalar("SELECT count(DISTINCT number) FROM complaints") == counts["complaints"]
    assert (
        db.scalar(
            "SELECT count(*) FROM complaints c JOIN customers k ON k.customer_id = c.customer_id"
        )
        == counts["complaints"]
    )
    assert db.scalar("SELECT count(*) FROM shipments WHERE truck_no = ''") == 0
    for kind, frame in generate_demo_voice(ledger).items():  # every answer linked and stored
        assert db.scalar(f"SELECT count(*) FROM voice_{kind}") == frame.height
        assert db.scalar(f"SELECT count(*) FROM voice_{kind} WHERE customer_id IS NULL") == 0
    columns = ", ".join(ledger.orders.columns)
    orders = db.frame(
        f"SELECT {columns} FROM orders ORDER BY order_id", schema=dict(ledger.orders.schema)
    )
    expected = ledger.orders.sort("order_id")
    assert orders.equals(expected)
    costs = db.frame(
        f"SELECT {', '.join(ledger.costs.columns)} FROM costs ORDER BY cost_id",
        schema=dict(ledger.costs.schema),
    )
    assert costs.equals(ledger.costs.sort("cost_id"))
    from_db = customer_values(ledger_from_db(db))
    from_frames = customer_values(
        ledger_from_frames(ledger.orders, costs=ledger.costs, customers=ledger.customers)
    )
    assert from_db.equals(from_frames)
    assert get_us(db) == US
    stored = load_survey(db)
    assert stored.ratings.height == survey["ratings"].height and stored.us == US


def test_every_kind_is_one_import_of_the_demo(db: Database) -> None:
    small = generate_demo(seed=5, n_customers=50)
    load_demo(db, small, seed=5)
    history = db.fetchall("SELECT kind, file_name, imported FROM imports ORDER BY file_name")
    frames = demo_frames(small)
    assert {row[0] for row in history} == {HISTORY_KIND}
    assert sorted(row[1] for row in history) == sorted(f"demo(seed=5):{k}" for k in frames)
    assert sum(row[2] for row in history) == sum(f.height for f in frames.values())


def test_a_bad_frame_stores_nothing(db: Database) -> None:
    small = generate_demo(seed=5, n_customers=50)
    bad = small.orders.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(None)
        .otherwise(pl.col("customer_id"))
        .alias("customer_id")
    )
    frames = {**demo_frames(small), "orders": bad}
    with pytest.raises(StrictImportError):
        load_frames(db, frames, source="bad")
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    assert db.scalar("SELECT COUNT(*) FROM imports") == 0

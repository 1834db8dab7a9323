"""app.report and app.demo: the headline report; the demo's reset, load and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from custvalue.app.demo import check_demo_size, create_demo, generate, reset_store
from custvalue.app.imports import import_file
from custvalue.app.report import headline_report
from custvalue.data.db import Database
from custvalue.exceptions import DatabaseError, DataValidationError
from tests.app.conftest import SEED, json_ready
from tests.refusals import refusal


def test_the_headline_report_of_the_demo(demo_db: Database) -> None:
    result = headline_report(demo_db, top=5)
    assert result is not None and result.top_customers.height == 5
    doc = json_ready(result.to_dict())
    assert list(doc) == ["top_customers", "tiers", "pareto", "rfm_segments", "tier_rule"]
    assert list(result.parts()) == list(doc)
    values = [r["sustained_value"] for r in doc["top_customers"]]
    assert values == sorted(values, reverse=True)


def test_no_report_before_any_order(db: Database) -> None:
    assert headline_report(db) is None


def test_the_demo_loads_again_over_itself(demo_db: Database, tmp_path: Path) -> None:
    again = create_demo(
        demo_db, ledger=generate(customers=50, seed=SEED), seed=SEED, export=tmp_path / "x"
    )
    assert again.counts["customers"] == 50
    assert demo_db.scalar("SELECT COUNT(*) FROM customers") == 50
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [
        "costs.csv",
        "customers.csv",
        "orders.csv",
    ]
    doc = json_ready(again.to_dict())
    assert doc["counts"]["customers"] == 50 and "top_customers" in doc["headline"]


def test_the_demo_refuses_a_store_with_other_data(db: Database, tmp_path: Path) -> None:
    file = tmp_path / "c.csv"
    file.write_text("customer_id,name\nC1,Ana\n", encoding="utf-8")
    import_file(db, kind="customers", file=file)
    error = refusal(lambda: reset_store(db), DatabaseError)
    assert error.code == "db.demo_refuses" and error.params["url"] == db.url
    assert db.scalar("SELECT COUNT(*) FROM customers") == 1  # nothing deleted
    reset_store(db, force=True)
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0


@pytest.mark.parametrize("customers", [9, 2_000_001])
def test_a_demo_size_out_of_range_is_refused(customers: int) -> None:
    error = refusal(lambda: check_demo_size(customers), DataValidationError)
    assert error.code == "error.option" and error.params["value"] == customers
    refusal(lambda: generate(customers=customers), DataValidationError)

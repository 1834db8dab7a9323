"""The demo company: deterministic, consistent, realistic enough to tell a story."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_file
from custvalue.demo import generate_demo, write_demo_files
from custvalue.value import customer_values, ledger_from_db, ledger_from_frames


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return generate_demo(seed=11, n_customers=1500)


def test_same_seed_same_company_other_seed_other_company() -> None:
    a, b = generate_demo(seed=3, n_customers=300), generate_demo(seed=3, n_customers=300)
    assert a.orders.equals(b.orders) and a.costs.equals(b.costs) and a.customers.equals(b.customers)
    c = generate_demo(seed=4, n_customers=300)
    assert not a.orders.equals(c.orders)


def test_schema(demo) -> None:  # type: ignore[no-untyped-def]
    assert demo.customers.schema == pl.Schema(
        {
            "customer_id": pl.String,
            "name": pl.String,
            "attributes": pl.String,
            "acquired_on": pl.Date,
            "referred_by": pl.String,
        }
    )
    assert demo.orders.schema == pl.Schema(
        {
            "order_id": pl.String,
            "customer_id": pl.String,
            "ordered_at": pl.Datetime("us"),
            "amount_cents": pl.Int64,
            "cost_cents": pl.Int64,
            "product": pl.String,
            "category": pl.String,
            "kind": pl.String,
        }
    )
    assert demo.costs.schema == pl.Schema(
        {
            "cost_id": pl.String,
            "customer_id": pl.String,
            "incurred_on": pl.Date,
            "amount_cents": pl.Int64,
            "kind": pl.String,
            "note": pl.String,
        }
    )


def test_invariants(demo) -> None:  # type: ignore[no-untyped-def]
    customers, orders, costs = demo.customers, demo.orders, demo.costs
    assert customers["customer_id"].is_unique().all() and orders["order_id"].is_unique().all()
    assert costs["cost_id"].is_unique().all()
    acquired = dict(zip(customers["customer_id"], customers["acquired_on"], strict=True))
    referred = customers.filter(pl.col("referred_by").is_not_null())
    assert 0.15 < referred.height / customers.height < 0.3
    for child, parent in referred.select("customer_id", "referred_by").iter_rows():
        assert acquired[parent] < acquired[child]  # so no cycles and no self-referral
    assert orders["ordered_at"].min() >= datetime(2020, 1, 1)
    assert orders["ordered_at"].max() < datetime(2025, 1, 1)
    joined = orders.join(customers, on="customer_id")
    assert (joined["ordered_at"].dt.date() >= joined["acquired_on"]).all()
    refunds = orders.filter(pl.col("kind") == "refund")
    assert refunds.height > 0 and (refunds["amount_cents"] < 0).all()
    assert (orders.filter(pl.col("kind").is_null())["amount_cents"] > 0).all()
    assert (costs["amount_cents"] >= 0).all()
    acq = costs.filter(pl.col("kind") == "acquisition")
    assert sorted(acq["customer_id"]) == sorted(customers["customer_id"])
    assert set(costs["kind"]) == {"acquisition", "service", "other"}


def test_realism(demo) -> None:  # type: ignore[no-untyped-def]
    values = customer_values(
        ledger_from_frames(demo.orders, costs=demo.costs, customers=demo.customers)
    )
    revenue = values.sort("revenue", descending=True)["revenue"]
    share = revenue.head(len(revenue) // 5).sum() / revenue.sum()
    assert 0.5 < share < 0.9
    lapsed = values.filter(pl.col("last_order") < date(2024, 1, 1)).height
    assert lapsed > 0.1 * values.height
    categories = demo.orders.group_by("customer_id").agg(pl.col("category").n_unique())
    assert (categories["category"] >= 3).sum() > 0
    assert (values["cross_sell"] > 0).sum() > 0 and (values["upsell"] > 0).sum() > 0
    assert (values["referral_revenue"] > 0).sum() > 0


def test_files_round_trip_through_import(demo, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    small = generate_demo(seed=5, n_customers=200)
    paths = write_demo_files(tmp_path, small)
    for kind in ("customers", "orders", "costs"):
        result = import_file(db, kind, paths[kind])  # type: ignore[arg-type]
        assert not result.rejected, result.rejected[:3]
    assert db.scalar("SELECT SUM(amount_cents) FROM orders") == small.orders["amount_cents"].sum()
    assert db.scalar("SELECT SUM(amount_cents) FROM costs") == small.costs["amount_cents"].sum()
    from_db = customer_values(ledger_from_db(db))
    from_frames = customer_values(
        ledger_from_frames(small.orders, costs=small.costs, customers=small.customers)
    )
    cols = ["customer_id", "revenue", "realized_value", "sustained_value"]
    assert from_db.select(cols).equals(from_frames.select(cols))

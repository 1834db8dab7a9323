"""The demo company: deterministic, consistent, realistic enough to tell a story."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_file
from custvalue.demo import DemoLedger, demo_period, generate_demo, write_demo_files
from custvalue.value import customer_values, ledger_from_db, ledger_from_frames

CUSTOMERS = pl.Schema(
    {
        "customer_id": pl.String(),
        "name": pl.String(),
        "attributes": pl.String(),
        "acquired_on": pl.Date(),
        "referred_by": pl.String(),
    }
)
ORDERS = pl.Schema(
    {
        "order_id": pl.String(),
        "customer_id": pl.String(),
        "ordered_at": pl.Datetime("us"),
        "amount_cents": pl.Int64(),
        "cost_cents": pl.Int64(),
        "product": pl.String(),
        "category": pl.String(),
        "kind": pl.String(),
    }
)
COSTS = pl.Schema(
    {
        "cost_id": pl.String(),
        "customer_id": pl.String(),
        "incurred_on": pl.Date(),
        "amount_cents": pl.Int64(),
        "kind": pl.String(),
        "note": pl.String(),
    }
)


@pytest.fixture(scope="module")
def demo() -> DemoLedger:
    return generate_demo(seed=11, n_customers=1500)


def test_same_seed_same_company() -> None:
    a = generate_demo(seed=3, n_customers=300)
    b = generate_demo(seed=3, n_customers=300)
    assert a.customers.equals(b.customers)
    assert a.orders.equals(b.orders)
    assert a.costs.equals(b.costs)


def test_other_seed_other_company() -> None:
    a = generate_demo(seed=3, n_customers=300)
    c = generate_demo(seed=4, n_customers=300)
    assert not a.customers.equals(c.customers)
    assert not a.orders.equals(c.orders)
    assert not a.costs.equals(c.costs)


@pytest.mark.parametrize(
    ("kwargs"), [{"seed": 11, "n_customers": 1500}, {"n_customers": 40, "years": 1}]
)
def test_schema(kwargs: dict[str, int]) -> None:
    ledger = generate_demo(**kwargs)  # type: ignore[arg-type]
    assert ledger.customers.schema == CUSTOMERS
    assert ledger.orders.schema == ORDERS
    assert ledger.costs.schema == COSTS


def test_ids(demo: DemoLedger) -> None:
    ids = demo.customers["customer_id"]
    assert ids.to_list() == [f"C{i:05d}" for i in range(1, 1501)]
    assert demo.orders["order_id"].is_unique().all()
    assert demo.costs["cost_id"].is_unique().all()
    known = set(ids)
    assert set(demo.orders["customer_id"]) <= known
    assert set(demo.costs["customer_id"]) <= known
    wide = generate_demo(seed=1, n_customers=100_000).customers["customer_id"]
    assert wide[0] == "C000001" and wide[-1] == "C100000"


def test_customers(demo: DemoLedger) -> None:
    names = demo.customers["name"]
    assert names.null_count() == 0 and names.str.len_chars().min() >= 6  # type: ignore[operator]
    attrs = [json.loads(a) for a in demo.customers["attributes"]]
    assert all(set(a) == {"city", "industry", "segment"} for a in attrs)
    assert {a["segment"] for a in attrs} == {"SMB", "Mid-Market", "Enterprise"}
    assert all(name.startswith(a["city"]) for name, a in zip(names, attrs, strict=True))


def test_referrals_point_to_earlier_customers_without_cycles() -> None:
    customers = generate_demo(seed=11, n_customers=5000).customers  # long chains need many
    acquired = dict(customers.select("customer_id", "acquired_on").iter_rows())
    parent = dict(
        customers.filter(pl.col("referred_by").is_not_null())
        .select("customer_id", "referred_by")
        .iter_rows()
    )
    assert 0.18 < len(parent) / customers.height < 0.27
    depths = []
    for child, ref in parent.items():
        assert ref in acquired and ref != child
        assert acquired[ref] < acquired[child]
        depth, node, seen = 0, child, {child}
        while node in parent:
            node = parent[node]
            assert node not in seen  # no cycle
            seen.add(node)
            depth += 1
        depths.append(depth)
    assert max(depths) == 4 and sum(d >= 3 for d in depths) > 10  # chains, but not endless


def test_everything_happens_within_the_period(demo: DemoLedger) -> None:
    first, last = demo_period()
    assert (first, last) == (date(2020, 1, 1), date(2024, 12, 31))
    assert demo.customers["acquired_on"].min() >= first  # type: ignore[operator]
    assert demo.customers["acquired_on"].max() <= last  # type: ignore[operator]
    assert demo.orders["ordered_at"].min() >= datetime(2020, 1, 1)  # type: ignore[operator]
    assert demo.orders["ordered_at"].max() < datetime(2025, 1, 1)  # type: ignore[operator]
    assert demo.costs["incurred_on"].min() >= first  # type: ignore[operator]
    assert demo.costs["incurred_on"].max() <= last  # type: ignore[operator]


def test_other_period() -> None:
    ledger = generate_demo(seed=2, n_customers=200, start=date(2021, 3, 15), years=2)
    assert demo_period(date(2021, 3, 15), 2) == (date(2021, 3, 15), date(2023, 3, 14))
    assert ledger.customers["acquired_on"].min() >= date(2021, 3, 15)  # type: ignore[operator]
    assert ledger.orders["ordered_at"].min() >= datetime(2021, 3, 15)  # type: ignore[operator]
    assert ledger.orders["ordered_at"].max() < datetime(2023, 3, 15)  # type: ignore[operator]
    assert ledger.costs["incurred_on"].max() < date(2023, 3, 15)  # type: ignore[operator]


def test_orders_and_costs_start_when_the_customer_is_won(demo: DemoLedger) -> None:
    orders = demo.orders.join(demo.customers, on="customer_id")
    assert (orders["ordered_at"].dt.date() >= orders["acquired_on"]).all()
    costs = demo.costs.join(demo.customers, on="customer_id")
    assert (costs["incurred_on"] >= costs["acquired_on"]).all()
    first = demo.orders.group_by("customer_id").agg(pl.col("ordered_at").min().dt.date())
    won = first.join(demo.customers, on="customer_id")
    assert won.height == demo.customers.height  # everyone bought at least once
    assert (won["ordered_at"] == won["acquired_on"]).all()  # the first order on the day won


def test_amounts_and_refunds(demo: DemoLedger) -> None:
    orders = demo.orders
    assert set(orders["kind"].drop_nulls()) == {"refund"}
    sales = orders.filter(pl.col("kind").is_null())
    refunds = orders.filter(pl.col("kind") == "refund")
    assert (sales["amount_cents"] > 0).all() and (refunds["amount_cents"] < 0).all()
    assert (orders["cost_cents"] >= 0).all()
    share = sales["cost_cents"] / sales["amount_cents"]
    assert share.min() >= 0.549 and share.max() <= 0.801  # type: ignore[operator]
    assert 0.005 < refunds.height / sales.height < 0.02
    # each refund credits an earlier order of the same customer, at most its amount
    original = refunds.with_columns(pl.col("order_id").str.strip_suffix("-R")).join(
        sales, on="order_id", suffix="_sale"
    )
    assert original.height == refunds.height
    assert (original["customer_id"] == original["customer_id_sale"]).all()
    assert (original["ordered_at"] > original["ordered_at_sale"]).all()
    assert (-original["amount_cents"] <= original["amount_cents_sale"]).all()


def test_costs(demo: DemoLedger) -> None:
    costs = demo.costs
    assert (costs["amount_cents"] >= 0).all()
    assert set(costs["kind"]) == {"acquisition", "service", "other"}
    acquisition = costs.filter(pl.col("kind") == "acquisition").join(
        demo.customers, on="customer_id"
    )
    assert sorted(acquisition["customer_id"]) == sorted(demo.customers["customer_id"])
    assert (acquisition["incurred_on"] == acquisition["acquired_on"]).all()
    assert (acquisition["amount_cents"] > 0).all()
    by_channel = acquisition.group_by(pl.col("referred_by").is_not_null().alias("referred")).agg(
        pl.col("amount_cents").mean()
    )
    mean = dict(by_channel.iter_rows())
    assert mean[True] < 0.5 * mean[False]  # a referral is cheaper than a paid channel
    service = costs.filter(pl.col("kind") == "service")
    assert service["customer_id"].n_unique() > 0.3 * demo.customers.height
    assert 0 < costs.filter(pl.col("kind") == "other").height < 0.1 * demo.customers.height


def test_realism(demo: DemoLedger) -> None:
    revenue = demo.orders.group_by("customer_id").agg(pl.col("amount_cents").sum())
    ranked = revenue.sort("amount_cents", descending=True)["amount_cents"]
    share = int(ranked.head(demo.customers.height // 5).sum()) / int(ranked.sum())
    assert 0.6 < share < 0.85
    # growing: more customers won in the last year than in the first
    per_year = demo.customers.group_by(pl.col("acquired_on").dt.year()).len()
    won = dict(per_year.iter_rows())
    assert won[2024] > 1.5 * won[2020]
    # churn: many customers won before the last year have not bought in it
    last = demo.orders.group_by("customer_id").agg(pl.col("ordered_at").max().dt.date())
    old = last.join(demo.customers, on="customer_id").filter(
        pl.col("acquired_on") < date(2024, 1, 1)
    )
    lapsed = old.filter(pl.col("ordered_at") < date(2024, 1, 1)).height
    assert 0.2 < lapsed / old.height < 0.8
    # cross-buying: some customers buy in three or more categories, most in one
    categories = demo.orders.group_by("customer_id").agg(pl.col("category").n_unique())
    assert (categories["category"] >= 3).sum() > 0.03 * demo.customers.height
    assert (categories["category"] == 1).sum() > 0.5 * demo.customers.height
    assert demo.orders["category"].n_unique() == 5
    # up-selling: the same customer pays more per order later in a category
    first_last = (
        demo.orders.filter(pl.col("kind").is_null())
        .sort("ordered_at")
        .group_by("customer_id", "category")
        .agg(pl.col("product").first().alias("first"), pl.col("product").last().alias("last"))
    )
    assert (first_last["first"] != first_last["last"]).sum() > 0.05 * demo.customers.height


def test_value_model_sees_the_story(demo: DemoLedger) -> None:
    values = customer_values(
        ledger_from_frames(demo.orders, costs=demo.costs, customers=demo.customers)
    )
    assert (values["cross_sell"] > 0).sum() > 0
    assert (values["upsell"] > 0).sum() > 0
    assert (values["referral_revenue"] > 0).sum() > 0


def test_files_read_back_with_the_same_totals(demo: DemoLedger, tmp_path: Path) -> None:
    paths = write_demo_files(tmp_path / "out", demo)
    assert set(paths) == {"customers", "orders", "costs"}
    read = {k: pl.read_csv(p, infer_schema=False) for k, p in paths.items()}
    assert read["customers"].columns == [
        "customer_id",
        "name",
        "acquired_on",
        "referred_by",
        "city",
        "industry",
        "segment",
    ]
    assert read["orders"].columns == [
        "order_id",
        "customer_id",
        "ordered_at",
        "amount",
        "cost",
        "product",
        "category",
        "kind",
    ]
    assert read["costs"].columns == ["cost_id", "customer_id", "date", "amount", "kind", "note"]
    assert {k: f.height for k, f in read.items()} == {
        "customers": demo.customers.height,
        "orders": demo.orders.height,
        "costs": demo.costs.height,
    }

    def fen(frame: pl.DataFrame, column: str) -> int:
        assert frame[column].str.contains(r"^-?\d+\.\d\d$").all()
        return int(frame[column].cast(pl.Decimal(20, 2)).sum() * 100)

    assert fen(read["orders"], "amount") == demo.orders["amount_cents"].sum()
    assert fen(read["orders"], "cost") == demo.orders["cost_cents"].sum()
    assert fen(read["costs"], "amount") == demo.costs["amount_cents"].sum()
    assert (
        read["orders"]["amount"].str.starts_with("-").sum()
        == (demo.orders["kind"] == "refund").sum()
    )
    # dates and times as text, empty cells for nulls, attributes as columns
    orders = read["orders"]
    assert orders["ordered_at"].str.contains(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$").all()
    assert (
        orders["ordered_at"]
        .str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us")
        .equals(demo.orders["ordered_at"], check_names=False)
    )
    assert orders["kind"].null_count() == demo.orders["kind"].null_count()
    customers = read["customers"]
    assert (
        customers["acquired_on"]
        .str.to_date("%Y-%m-%d")
        .equals(demo.customers["acquired_on"], check_names=False)
    )
    assert customers["referred_by"].equals(demo.customers["referred_by"])
    attrs = customers.select(pl.struct("city", "industry", "segment").struct.json_encode())
    assert attrs.to_series().equals(demo.customers["attributes"], check_names=False)
    assert (
        read["costs"]["date"]
        .str.to_date("%Y-%m-%d")
        .equals(demo.costs["incurred_on"], check_names=False)
    )
    assert "\r" not in paths["orders"].read_text(encoding="utf-8")


def test_files_round_trip_through_import(db: Database, tmp_path: Path) -> None:
    small = generate_demo(seed=5, n_customers=200)
    paths = write_demo_files(tmp_path, small)
    for kind in ("customers", "orders", "costs"):
        result = import_file(db, kind, paths[kind])
        assert not result.rejected, result.rejected[:3]
    assert db.scalar("SELECT SUM(amount_cents) FROM orders") == small.orders["amount_cents"].sum()
    assert db.scalar("SELECT SUM(amount_cents) FROM costs") == small.costs["amount_cents"].sum()
    from_db = customer_values(ledger_from_db(db))
    from_frames = customer_values(
        ledger_from_frames(small.orders, costs=small.costs, customers=small.customers)
    )
    cols = ["customer_id", "revenue", "realized_value", "sustained_value"]
    assert from_db.select(cols).equals(from_frames.select(cols))


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        generate_demo(n_customers=0)
    with pytest.raises(ValueError):
        generate_demo(years=0)

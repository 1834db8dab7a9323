"""Value added (增值价值) is the revenue of the added services a customer buys: orders
whose category (or, without a category, product) is a service name."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError
from custvalue.value import (
    SERVICE_CATEGORIES,
    customer_values,
    ledger_from_db,
    ledger_from_frames,
    service_names,
    yearly_values,
)

ROWS = [
    ("A", "2023-01-10", 1000.0, 600.0, "打印机", "设备"),
    ("A", "2023-01-10", 120.0, 20.0, "安装", "安装服务"),  # service on the first day
    ("A", "2023-03-01", 300.0, 100.0, "上门维修", "售后服务"),
    ("A", "2023-04-01", 400.0, 250.0, "扫描仪", "扫描"),  # a new line: cross-sell
    ("A", "2023-05-01", 80.0, 10.0, "Remote help", None),  # no category: its product
    ("A", "2023-06-01", -300.0, -100.0, "上门维修", "售后服务"),  # a refunded service
    ("B", "2023-02-01", 200.0, 50.0, "咨询", "Consulting"),  # a service first
    ("B", "2023-02-15", 900.0, 500.0, "打印机", "设备"),
]


def _orders() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": [r[0] for r in ROWS],
            "ordered_at": [datetime.fromisoformat(r[1]) for r in ROWS],
            "amount": [r[2] for r in ROWS],
            "cost": [r[3] for r in ROWS],
            "product": [r[4] for r in ROWS],
            "category": [r[5] for r in ROWS],
        }
    )


def _by_id(values: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {r["customer_id"]: r for r in values.to_dicts()}


def test_default_service_names_make_value_added() -> None:
    v = _by_id(customer_values(ledger_from_frames(_orders())))
    a, b = v["A"], v["B"]
    assert a["service"] == 120.0 + 300.0 == a["value_added"]  # install + repair
    assert a["refund"] == -300.0 and a["cross_sell"] == 400.0 and a["first"] == 1000.0
    assert a["upsell"] == 80.0  # a product new to A, not a service name by default
    # a service bought before any goods does not make the goods a later purchase
    assert (b["service"], b["first"]) == (200.0, 900.0)
    for row in (a, b):  # the seeds' identity: basic + value added − cost = realized value
        assert row["basic_value"] + row["value_added"] - row["cogs"] - row["cost"] == (
            pytest.approx(row["realized_value"])
        )
        assert row["basic_value"] + row["value_added"] == pytest.approx(row["revenue"])


def test_the_user_names_the_service_categories() -> None:
    ledger = ledger_from_frames(_orders(), service_categories=["  remote HELP ", "售后服务"])
    a = _by_id(customer_values(ledger))["A"]
    assert a["value_added"] == 300.0 + 80.0  # the install is goods now, the product matched
    assert ledger.service_categories == ("remote help", "售后服务")
    none = _by_id(customer_values(ledger_from_frames(_orders(), service_categories=[])))
    assert none["A"]["value_added"] == 0.0 and none["B"]["value_added"] == 0.0
    years = yearly_values(ledger)
    assert years.filter(pl.col("customer_id") == "A")["service"].to_list() == [380.0]


@pytest.mark.parametrize("bad", ["售后服务", ["售后服务", ""], [3], 7])
def test_service_names_must_be_a_list_of_names(bad: object) -> None:
    with pytest.raises(DataValidationError) as info:
        ledger_from_frames(_orders(), service_categories=bad)  # type: ignore[arg-type]
    assert info.value.code == "value.bad_service_categories"
    assert "售后服务" in info.value.message("zh")


def test_the_default_list_has_both_languages_normalised() -> None:
    names = service_names()
    assert len(names) == len(SERVICE_CATEGORIES)
    assert {"*服务", "咨询", "*service", "consulting"} <= set(names)
    assert all(n == n.strip().lower() for n in names)
    assert service_names([" *  Pack ", "Care"]) == ("*pack", "care")
    with pytest.raises(DataValidationError):
        service_names(["*"])


@pytest.mark.parametrize(
    ("category", "service"),
    [
        ("维保服务", True),
        ("打印管理服务", True),
        ("服务", True),
        ("服务器", False),  # a server is goods
        ("After-Sales Service", True),
        ("Consulting", True),
        ("IT设备", False),
        ("Servicer", False),
    ],
)
def test_default_names_by_whole_name_or_suffix(category: str, service: bool) -> None:
    orders = pl.DataFrame(
        {
            "customer_id": ["A", "A"],
            "ordered_at": [datetime(2023, 1, 1), datetime(2023, 2, 1)],
            "amount": [100.0, 40.0],
            "category": ["设备", category],
        }
    )
    a = customer_values(ledger_from_frames(orders)).row(0, named=True)
    assert a["value_added"] == (40.0 if service else 0.0)


def test_the_store_counts_the_same_services(db: Database) -> None:
    orders = _orders()
    db.execute("INSERT INTO customers (customer_id) VALUES ('A'), ('B')")
    for i, r in enumerate(orders.iter_rows(named=True)):
        db.execute(
            "INSERT INTO orders (order_id, customer_id, ordered_at, amount_cents, cost_cents, "
            "product, category, key_source) VALUES (?, ?, ?, ?, ?, ?, ?, 'id')",
            [
                f"o{i}",
                r["customer_id"],
                r["ordered_at"],
                round(r["amount"] * 100),
                round(r["cost"] * 100),
                r["product"],
                r["category"],
            ],
        )
    for names in (None, ["Remote help", "售后服务"], []):
        from_db = customer_values(ledger_from_db(db, service_categories=names))
        from_frames = customer_values(ledger_from_frames(_orders(), service_categories=names))
        assert from_db.select("customer_id", "service", "value_added", "basic_value").equals(
            from_frames.select("customer_id", "service", "value_added", "basic_value")
        )

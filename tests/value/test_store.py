"""The value package reads the store in its store module only; the ledger works on frames."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import polars as pl

import custvalue.value.ledger as ledger_module
from custvalue.data.db import Database
from custvalue.value import customer_values, ledger_from_db, ledger_from_frames
from custvalue.value.ledger import aggregate


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_only_the_store_module_of_value_imports_the_store() -> None:
    folder = Path(ledger_module.__file__).parent
    for path in folder.glob("*.py"):
        store = {
            m for m in _imports(path) if m == "custvalue.data" or m.startswith("custvalue.data.")
        }
        if path.name == "store.py":
            assert store == {"custvalue.data.db"}
        else:
            assert store == set(), (path.name, store)


def test_the_store_and_frames_give_the_same_ledger(db: Database) -> None:
    orders = pl.DataFrame(
        {
            "order_id": ["o1", "o2", "o3"],
            "customer_id": ["A", "A", "B"],
            "ordered_at": [datetime(2022, 3, 1), datetime(2023, 5, 2), datetime(2023, 6, 1)],
            "amount_cents": [80_000, -5_000, 50_000],
            "cost_cents": [30_000, None, 20_000],
            "product": ["p", "p", "维保服务"],
            "category": ["x", "x", None],
            "kind": [None, None, None],
            "key_source": ["id", "id", "id"],
        },
        schema_overrides={"cost_cents": pl.Int64, "kind": pl.String},
    )
    customers = pl.DataFrame(
        {
            "customer_id": ["A", "B"],
            "name": ["甲", "乙"],
            "acquired_on": [date(2022, 1, 1), None],
            "referred_by": [None, "A"],
        },
        schema_overrides={"acquired_on": pl.Date, "referred_by": pl.String},
    )
    db.insert_frame("customers", customers)
    db.insert_frame("orders", orders)
    stored = ledger_from_db(db)
    framed = ledger_from_frames(orders.drop("order_id", "key_source"), customers=customers)
    assert stored.as_of == framed.as_of == date(2023, 6, 1)
    for name in ("orders", "costs", "activity", "customers"):
        left = getattr(stored, name).sort(pl.all())
        right = getattr(framed, name).sort(pl.all())
        assert left.schema == right.schema, name
        assert left.equals(right), name
    assert customer_values(stored).equals(customer_values(framed))
    assert "service" in stored.orders["kind"].to_list()


def test_aggregate_takes_any_query_function() -> None:
    seen: list[str] = []

    def query(sql: str, params: object) -> pl.DataFrame:
        seen.append(sql)
        return pl.DataFrame()

    ledger = aggregate(
        query, tables={"orders": "o", "costs": "c", "customers": "k"}, as_of=date(2024, 1, 1)
    )
    assert ledger.is_empty
    assert ledger.as_of == date(2024, 1, 1)
    assert len(seen) == 4 and all(" o" in s or " c" in s or " k" in s for s in seen)

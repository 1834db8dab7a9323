"""Golden test: the "1 = 12800" table (SPEC §1.3) from transaction-level files,
imported into DuckDB and a real PostgreSQL."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_file
from custvalue.value import customer_values, ledger_from_db, yearly_values

H12800 = Path(str(files("custvalue") / "examples" / "h12800"))


def _load(db: Database) -> None:
    for kind in ("customers", "orders", "costs"):
        result = import_file(db, kind, H12800 / f"{kind}.csv")  # type: ignore[arg-type]
        assert result.rejected == [], [r.message() for r in result.rejected]


def test_h12800_yearly_table_is_reproduced(db: Database) -> None:
    _load(db)
    ledger = ledger_from_db(db)
    years = yearly_values(ledger).filter(pl.col("customer_id") == "A")
    assert years["year"].to_list() == [2019, 2020, 2021, 2022, 2023]
    assert years["profit"].to_list() == [-50.0, 1450.0, 2150.0, 3450.0, 5800.0]
    assert years["revenue"].to_list() == [800.0, 750.0, 700.0, 500.0, 3200.0]
    assert years["upsell"].to_list() == [0.0, 500.0, 0.0, 500.0, 3000.0]
    assert years["cross_sell"].to_list() == [0.0, 250.0, 700.0, 0.0, 0.0]
    assert years["referral_revenue"].to_list() == [0.0, 800.0, 1550.0, 3050.0, 2700.0]
    assert years["cost"].to_list() == [850.0, 100.0, 100.0, 100.0, 100.0]
    a = customer_values(ledger).filter(pl.col("customer_id") == "A").row(0, named=True)
    assert a["sustained_value"] == 12800.0
    assert a["revenue"] - a["first"] == 5150.0  # A's own purchases in years 2-5
    assert a["referral_revenue"] == 8100.0
    assert a["referred_customers"] == 2 and a["referral_network"] == 4
    assert a["cost"] == 1250.0


def test_h12800_inferred_kinds_match_the_table(db: Database) -> None:
    """Without the explicit kind column the inference rule gives the same up/cross split
    for years 2-4 (year 5's suite is a new line, so it counts as cross-sell)."""
    _load(db)
    db.execute("UPDATE orders SET kind = NULL")
    years = yearly_values(ledger_from_db(db)).filter(pl.col("customer_id") == "A")
    assert years["upsell"].to_list()[:4] == [0.0, 500.0, 0.0, 500.0]
    assert years["cross_sell"].to_list() == [0.0, 250.0, 700.0, 0.0, 3000.0]
    assert years["profit"].to_list() == [-50.0, 1450.0, 2150.0, 3450.0, 5800.0]


# depth 1: R3 (800 + 750) and R4 (800 + 750) are not counted
@pytest.mark.parametrize(
    ("depth", "expected"), [(1, 12800.0 - 3100.0), (2, 12800.0), (None, 12800.0)]
)
def test_h12800_referral_depth(db: Database, depth: int | None, expected: float) -> None:
    _load(db)
    values = customer_values(ledger_from_db(db), referral_depth=depth)
    assert values.filter(pl.col("customer_id") == "A")["sustained_value"].item() == expected


def test_h12800_has_no_added_services_so_all_of_a_is_basic_value(db: Database) -> None:
    """A buys software only: up-sell and cross-sell are goods (basic value), not value added."""
    _load(db)
    a = customer_values(ledger_from_db(db)).filter(pl.col("customer_id") == "A").row(0, named=True)
    assert (a["basic_value"], a["value_added"], a["service"]) == (5950.0, 0.0, 0.0)
    assert a["basic_value"] + a["value_added"] - a["cogs"] - a["cost"] == a["realized_value"]

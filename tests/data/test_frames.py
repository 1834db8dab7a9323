"""Frames built in code go through the file pipeline and the one import writer."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.writer import StrictImportError
from custvalue.exceptions import DataValidationError

CUSTOMERS = pl.DataFrame(
    {
        "customer_id": ["C1", "C2"],
        "name": ["甲公司", "乙公司"],
        "attributes": ['{"city": "南京"}', None],
        "acquired_on": [date(2023, 1, 1), date(2023, 2, 1)],
        "referred_by": [None, "C1"],
    }
)
ORDERS = pl.DataFrame(
    {
        "order_id": ["O1", "O2", "O3"],
        "customer_id": ["C1", "C2", "C3"],
        "ordered_at": [datetime(2023, 3, 1, 9, 30), datetime(2023, 3, 2), datetime(2023, 3, 3)],
        "amount_cents": [12_345, 100, -5_000],
        "kind": ["first", "first", "refund"],
    }
)


def test_frames_are_stored_once_with_one_imports_row_each(db: Database) -> None:
    results = import_frames(db, {"orders": ORDERS, "customers": CUSTOMERS}, source="demo")
    assert list(results) == ["customers", "orders"]
    assert results["orders"].imported == 3
    assert results["orders"].customers_created == 1  # C3 has no customer row yet
    stored = db.frame("SELECT order_id, amount_cents FROM orders ORDER BY order_id")
    assert stored["amount_cents"].to_list() == [12_345, 100, -5_000]
    attributes = db.scalar("SELECT attributes FROM customers WHERE customer_id = 'C1'")
    assert "南京" in attributes
    history = db.fetchall("SELECT kind, file_name FROM imports ORDER BY import_id")
    assert history == [("customers", "demo:customers"), ("orders", "demo:orders")]
    again = import_frames(db, {"orders": ORDERS}, source="demo")
    assert again["orders"].imported == 0 and again["orders"].duplicates == 3
    assert again["orders"].previous_imports[0][0] == results["orders"].import_id


def test_history_kind_labels_every_import(db: Database) -> None:
    import_frames(db, {"customers": CUSTOMERS}, source="demo", history_kind="demo")
    assert db.fetchall("SELECT DISTINCT kind FROM imports") == [("demo",)]


def test_a_bad_row_rolls_back_every_frame(db: Database) -> None:
    costs = pl.DataFrame(
        {
            "cost_id": ["K1", "K2"],
            "customer_id": ["C1", "C1"],
            "incurred_on": [date(2023, 1, 1), date(2023, 1, 2)],
            "amount_cents": [100, -1],
            "kind": ["service", "service"],
        }
    )
    with pytest.raises(StrictImportError) as caught:
        import_frames(db, {"customers": CUSTOMERS, "costs": costs})
    assert caught.value.rejected[0].line == 3  # row 2 of the frame, as if under a header
    assert caught.value.rejected[0].column == "amount"
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    assert db.scalar("SELECT COUNT(*) FROM imports") == 0


def test_not_strict_keeps_the_good_rows(db: Database) -> None:
    bad = ORDERS.with_columns(pl.Series("kind", ["first", "nonsense", "refund"]))
    result = import_frames(db, {"orders": bad}, strict=False)["orders"]
    assert result.imported == 2
    assert [(r.line, r.value) for r in result.rejected] == [(3, "nonsense")]


def test_survey_frames_get_the_survey_checks(db: Database) -> None:
    weights = pl.DataFrame(
        {
            "wave": ["W1", "W1"],
            "segment": ["", ""],
            "respondent": ["r1", "r1"],
            "attribute": ["质量", "价格"],
            "kind": ["quality", "price"],
            "weight": [60.0, 30.0],
        }
    )
    with pytest.raises(StrictImportError) as caught:
        import_frames(db, {"weights": weights})
    assert {r.reason for r in caught.value.rejected} == {"survey.weights_sum"}
    fixed = weights.with_columns(pl.Series("weight", [70.0, 30.0]))
    assert import_frames(db, {"weights": fixed})["weights"].imported == 2


def test_unknown_kind_and_not_a_frame_are_refused(db: Database) -> None:
    with pytest.raises(DataValidationError, match="kind: .invoices. is not one of"):
        import_frames(db, {"invoices": ORDERS})
    with pytest.raises(DataValidationError, match="polars DataFrame"):
        import_frames(db, {"orders": [1, 2]})  # type: ignore[dict-item]


def test_customer_attributes_pass_through_and_are_checked(db: Database) -> None:
    extra = CUSTOMERS.with_columns(pl.Series("行业", ["制造", None]))
    import_frames(db, {"customers": extra})
    stored = dict(db.fetchall("SELECT customer_id, attributes FROM customers"))
    assert stored["C1"] == '{"city": "南京", "行业": "制造"}' and stored["C2"] is None
    bad = CUSTOMERS.with_columns(pl.Series("attributes", ["city=南京", None]))
    with pytest.raises(DataValidationError) as caught:
        import_frames(db, {"customers": bad})
    assert caught.value.code == "frames.bad_attributes"

"""app.imports: one import function for every kind, and the import history."""

from __future__ import annotations

from pathlib import Path

from custvalue.app.imports import StrictImportError, import_file, import_history
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError
from tests.app.conftest import json_ready
from tests.refusals import refusal

CUSTOMERS = "customer_id,name,signup_date\nC1,Ana,2024-01-05\nC2,Bo,2024-02-01\n"
ORDERS = (
    "order_id,customer_id,ordered_at,amount\n"
    "O1,C1,2024-03-01,120.50\nO2,C2,2024-03-02,80\nO3,C1,2024-04-01,oops\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_empty_store_has_an_empty_history(db: Database) -> None:
    history = import_history(db)
    assert history.is_empty
    assert json_ready(history.to_dict()) == {"imports": []}


def test_the_history_lists_each_import_with_its_counts(db: Database, tmp_path: Path) -> None:
    first = import_file(db, kind="customers", file=_write(tmp_path, "c.csv", CUSTOMERS))
    second = import_file(db, kind="orders", file=_write(tmp_path, "o.csv", ORDERS))
    assert (first.imported, second.imported) == (2, 2)
    assert [r.line for r in second.rejected] == [4]  # the bad amount, named
    history = import_history(db)
    rows = json_ready(history.to_dict())["imports"]
    assert [(r["kind"], r["imported"], r["rejected"]) for r in rows] == [
        ("customers", 2, 0),
        ("orders", 2, 1),
    ]
    assert set(rows[0]) == {
        "import_id",
        "kind",
        "file_name",
        "rows_total",
        "imported",
        "updated",
        "duplicates",
        "rejected",
        "customers_created",
        "imported_at",
    }
    assert rows[0]["import_id"] < rows[1]["import_id"]
    assert isinstance(rows[0]["imported_at"], str)  # a date as ISO text


def test_strict_stores_nothing_and_names_every_bad_row(db: Database, tmp_path: Path) -> None:
    import_file(db, kind="customers", file=_write(tmp_path, "c.csv", CUSTOMERS))
    error = refusal(
        lambda: import_file(db, kind="orders", file=_write(tmp_path, "o.csv", ORDERS), strict=True),
        StrictImportError,
    )
    assert [r.line for r in error.rejected] == [4]
    assert db.scalar("SELECT COUNT(*) FROM orders") == 0
    assert [r["kind"] for r in import_history(db).to_dict()["imports"]] == ["customers"]


def test_a_survey_kind_goes_to_the_survey_tables(db: Database) -> None:
    owners = Path(__file__).parents[2] / "custvalue" / "examples" / "survey" / "owners.csv"
    result = import_file(db, kind="owners", file=owners)
    assert result.imported > 0 and result.kind == "owners"
    assert import_history(db).imports["kind"].to_list() == ["owners"]


def test_an_unreadable_file_is_refused_with_its_key(db: Database, tmp_path: Path) -> None:
    error = refusal(
        lambda: import_file(db, kind="orders", file=tmp_path / "missing.csv"), DataValidationError
    )
    assert error.code == "import.file_missing"
    assert import_history(db).is_empty

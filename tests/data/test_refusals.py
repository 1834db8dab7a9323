"""Refusals of the store and of file reading, by message code, on both engines."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from custvalue._validation import check_non_negative
from custvalue.data.db import connect
from custvalue.data.kinds import TABLE_SPECS, declare
from custvalue.data.kinds.ledger import ORDERS
from custvalue.data.reading import read_table
from custvalue.data.spec import TableSpec
from custvalue.exceptions import DatabaseError, DataValidationError, ImportFileError
from tests.pg_server import PostgresServer
from tests.refusals import refusal

# --- opening the store -------------------------------------------------------------


def test_a_database_in_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    path = str(tmp_path / "nope" / "x.db")
    error = refusal(lambda: connect(path), DatabaseError)
    assert error.code == "db.folder_missing"
    assert error.params["folder"] == str(tmp_path / "nope")
    assert not (tmp_path / "nope").exists()


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A DuckDB file another process has open."""
    path = tmp_path / "held.db"
    connect(str(path)).close()
    code = (
        f"import duckdb, sys; c = duckdb.connect({str(path)!r}); "
        "print('ok', flush=True); sys.stdin.read()"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
            yield path
        finally:
            holder.kill()


def test_a_database_another_process_holds(held: Path) -> None:
    error = refusal(lambda: connect(str(held)), DatabaseError)
    assert error.code == "db.locked"
    assert error.params["path"] == str(held)


def test_waiting_for_a_database_another_process_holds_ends_at_the_deadline(held: Path) -> None:
    error = refusal(lambda: connect(str(held), wait=0.4), DatabaseError)
    assert error.code == "db.locked_waited" and error.params["seconds"] == "0.4"
    assert error.params["path"] == str(held)


def test_a_damaged_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    connect(str(path)).close()
    path.write_bytes(path.read_bytes()[:4096])  # the header survives, the blocks are gone
    error = refusal(lambda: connect(str(path)), DatabaseError)
    assert error.code == "db.connect_failed"
    assert str(path) in error.message("en")


def test_an_unreachable_server_hides_the_password() -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
    error = refusal(lambda: connect(url), DatabaseError)
    assert error.code == "db.connect_failed"
    assert "secret" not in error.message("en") and "secret" not in error.message("zh")
    assert "nobody:***@127.0.0.1:1" in error.message("en")


@pytest.mark.postgres
def test_a_database_the_server_does_not_have(pg_server: PostgresServer) -> None:
    url = pg_server.new_database()
    missing = url.rsplit("/", 1)[0] + "/no_such_database"
    error = refusal(lambda: connect(missing), DatabaseError)
    assert error.code == "db.connect_failed"
    assert "no_such_database" in error.message("en")


def test_a_schema_newer_than_this_version(db_url: str) -> None:
    with connect(db_url) as db:
        newest = int(db.scalar("SELECT MAX(version) FROM schema_migrations"))
        db.execute(
            "INSERT INTO schema_migrations VALUES (?, 'future', ?)",
            [newest + 1, datetime(2030, 1, 1)],
        )
    error = refusal(lambda: connect(db_url), DatabaseError)
    assert error.code == "db.newer_schema"
    assert (error.params["found"], error.params["known"]) == (newest + 1, newest)


# --- reading files -----------------------------------------------------------------


def test_a_sheet_the_workbook_lacks(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "订单"  # type: ignore[union-attr]
    book.active.append(["订单号", "客户编号"])  # type: ignore[union-attr]
    book.create_sheet("客户")
    path = tmp_path / "book.xlsx"
    book.save(path)
    error = refusal(lambda: read_table(path, sheet="Sheet1"), ImportFileError)
    assert error.code == "import.sheet_missing"
    assert (error.params["sheet"], error.params["sheets"]) == ("Sheet1", "订单, 客户")
    assert read_table(path, sheet="订单").headers == ["订单号", "客户编号"]


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    listener = socket.socket(socket.AF_UNIX)  # a name that exists but holds no bytes
    try:
        listener.bind(str(path))
        error = refusal(lambda: read_table(path), ImportFileError)
    finally:
        listener.close()
    assert error.code == "import.unreadable"
    assert error.params["file"] == str(path) and error.params["detail"]


# --- declaring a kind --------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        TableSpec("import.kind_orders", ORDERS.fields, table="t", key=("order_id",)),
        TableSpec("import.kind_orders", ORDERS.fields, kind="x", key=("order_id",)),
        TableSpec("import.kind_orders", ORDERS.fields, kind="x", table="t"),
    ],
)
def test_a_kind_declared_without_name_table_or_key(spec: TableSpec) -> None:
    error = refusal(lambda: declare(spec), DataValidationError)
    assert error.code == "kinds.incomplete_spec"
    assert error.params["kind"] == (spec.kind or "?")
    assert "x" not in TABLE_SPECS


# --- the shared checks -------------------------------------------------------------


def test_negative_values_name_the_column_the_count_and_the_first_id() -> None:
    frame = pl.DataFrame({"customer_id": ["c1", "c2", "c3"], "amount": [1.0, -2.0, -0.5]})
    check_non_negative(frame.head(1), ["amount"])
    error = refusal(lambda: check_non_negative(frame, ["amount"]), DataValidationError)
    assert error.code == "validation.negative"
    assert (error.params["column"], error.params["count"], error.params["first"]) == (
        "amount",
        2,
        "c2",
    )

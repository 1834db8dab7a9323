"""The store: URLs, migrations, transactions, bulk loads on both engines."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database, connect, resolve_url
from custvalue.data.schema import MIGRATIONS, current_version, migrate
from custvalue.exceptions import DatabaseError


def test_resolve_url_defaults_to_env_then_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUSTVALUE_DB", raising=False)
    assert resolve_url(None) == "custvalue.db"
    monkeypatch.setenv("CUSTVALUE_DB", "/tmp/x.db")
    assert resolve_url(None) == "/tmp/x.db"
    assert resolve_url("other.db") == "other.db"


def test_connect_migrates_to_newest(db: Database) -> None:
    assert current_version(db) == MIGRATIONS[-1].version
    assert migrate(db) == []
    tables = {"customers", "orders", "costs", "imports"}
    for table in tables:
        assert db.scalar(f"SELECT COUNT(*) FROM {table}") == 0


def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(KeyboardInterrupt), db.transaction():
        db.execute("INSERT INTO customers (customer_id) VALUES (?)", ["c1"])
        raise KeyboardInterrupt
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    with db.transaction():
        db.execute("INSERT INTO customers (customer_id) VALUES (?)", ["c1"])
    assert db.scalar("SELECT COUNT(*) FROM customers") == 1


def test_insert_frame_keeps_exact_cents_and_nulls(db: Database) -> None:
    frame = pl.DataFrame(
        {
            "order_id": ["o1", "o2"],
            "customer_id": ["A", "甲"],
            "ordered_at": [datetime(2023, 1, 5, 10, 5), datetime(2023, 1, 6)],
            "amount_cents": [9_007_199_254_740_993, -1],
            "cost_cents": [None, 5],
            "product": ["设计软件", None],
            "category": [None, "x"],
            "kind": [None, "refund"],
            "key_source": ["id", "id"],
        },
        schema_overrides={"cost_cents": pl.Int64},
    )
    db.insert_frame("orders", frame)
    back = db.frame(
        "SELECT order_id, customer_id, amount_cents, cost_cents, product, kind "
        "FROM orders ORDER BY order_id",
        schema={"amount_cents": pl.Int64, "cost_cents": pl.Int64},
    )
    assert back["amount_cents"].to_list() == [9_007_199_254_740_993, -1]
    assert back["cost_cents"].to_list() == [None, 5]
    assert back["customer_id"].to_list() == ["A", "甲"]
    assert back["product"].to_list() == ["设计软件", None]


def test_schema_rejects_bad_cost_kind(db: Database) -> None:
    with pytest.raises(Exception, match="(?i)check|constraint"):
        db.execute(
            "INSERT INTO costs (cost_id, customer_id, incurred_on, amount_cents, kind) "
            "VALUES (?, ?, ?, ?, ?)",
            ["x", "A", date(2023, 1, 1), 100, "bogus"],
        )


def test_staged_frame_is_queryable(db: Database) -> None:
    frame = pl.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    with db.staged("tmp_stage", frame) as name:
        assert db.scalar(f"SELECT SUM(v) FROM {name}") == 3


def test_connect_bad_scheme_names_the_url() -> None:
    with pytest.raises(DatabaseError, match="sqlite:///x.db"):
        connect("sqlite:///x.db")


def test_connect_missing_folder_is_clear(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        connect(str(tmp_path / "nope" / "x.db"))


def test_connect_locked_file_is_clear(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "locked.db"
    connect(str(path)).close()
    code = (
        f"import duckdb,time; c=duckdb.connect({str(path)!r}); "
        "print('ok', flush=True); time.sleep(30)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
            with pytest.raises(DatabaseError, match="in use"):
                connect(str(path))
        finally:
            holder.kill()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    with connect(path) as db:
        db.execute(
            "INSERT INTO schema_migrations VALUES (999, 'future', ?)", [datetime(2030, 1, 1)]
        )
    with pytest.raises(DatabaseError, match="newer"):
        connect(path)


def test_unreachable_postgres_is_clear() -> None:
    with pytest.raises(DatabaseError, match="Cannot connect"):
        connect("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")


def test_db_path_must_be_a_database_file(tmp_path: Path) -> None:
    csv = tmp_path / "orders.csv"
    csv.write_text("订单号,客户编号\nO1,C1\n", encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        connect(str(csv))
    assert caught.value.code == "db.not_duckdb" and "custvalue import" in str(caught.value)
    assert csv.read_text(encoding="utf-8").startswith("订单号")  # left untouched
    with pytest.raises(DatabaseError) as caught:
        connect(str(tmp_path / "some.csv"))
    assert caught.value.code == "db.not_a_db_name" and ".duckdb" in str(caught.value)
    assert not (tmp_path / "some.csv").exists()
    with pytest.raises(DatabaseError) as caught:
        connect(str(tmp_path))
    assert caught.value.code == "db.is_folder"
    assert "不是数据库文件名" in DatabaseError(
        "db.not_a_db_name", path="x", suffix=".csv", suffixes=".db"
    ).message("zh")


def test_db_path_accepts_new_and_existing_database_files(tmp_path: Path) -> None:
    for name in ("a.db", "b.duckdb", "c.ddb"):
        connect(str(tmp_path / name)).close()
    renamed = tmp_path / "store.bin"
    (tmp_path / "a.db").rename(renamed)
    with connect(str(renamed)) as db:  # an existing DuckDB file, whatever its name
        assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    with connect(f"duckdb:///{tmp_path / 'd.duckdb'}") as db:
        assert db.dialect == "duckdb"
    with connect(":memory:") as db:
        assert db.dialect == "duckdb"


def test_schema_does_not_import_the_store_module() -> None:
    """db.py runs the migrations of schema.py; schema.py must not import db.py back."""
    import ast

    import custvalue.data.schema as schema

    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    runtime = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "custvalue.data.db"
    ]
    assert runtime == []


def test_frame_keeps_dates_cents_and_nulls(db: Database) -> None:
    db.execute(
        "INSERT INTO orders (order_id, customer_id, ordered_at, amount_cents, cost_cents, "
        "key_source) VALUES (?, ?, ?, ?, ?, ?)",
        ["o1", "甲", datetime(2023, 1, 5, 10, 5), 9_007_199_254_740_993, None, "id"],
    )
    back = db.frame(
        "SELECT customer_id, ordered_at, CAST(ordered_at AS DATE) AS day, amount_cents, "
        "cost_cents, SUM(amount_cents) OVER () AS total FROM orders",
        schema={"total": pl.Int64},
    )
    assert back.schema["ordered_at"] == pl.Datetime("us")
    assert back.schema["day"] == pl.Date
    assert back.schema["amount_cents"] == pl.Int64
    assert back.row(0) == (
        "甲",
        datetime(2023, 1, 5, 10, 5),
        date(2023, 1, 5),
        9_007_199_254_740_993,
        None,
        9_007_199_254_740_993,
    )


def test_duckdb_frame_has_the_dtypes_of_the_arrow_conversion() -> None:
    """The Arrow C stream gives exactly the frame ``.pl()`` (through pyarrow) gives."""
    sql = (
        "SELECT 1 AS i, 9007199254740993::BIGINT AS cents, 12.5::DECIMAL(18, 2) AS money, "
        "SUM(2::BIGINT) OVER () AS total, NULL::BIGINT AS nothing, NULL AS untyped, "
        "DATE '2023-01-02' AS day, TIMESTAMP '2023-01-02 03:04:05' AS at, '甲' AS name, "
        "TRUE AS flag, 0.5::DOUBLE AS share, [1, 2] AS items"
    )
    with connect(":memory:") as db:
        frame = db.frame(sql)
        expected = pl.DataFrame(db._con.sql(sql).pl())
        empty = db.frame("SELECT * FROM orders")
        expected_empty = pl.DataFrame(db._con.sql("SELECT * FROM orders").pl())
    assert frame.schema == expected.schema
    assert frame.equals(expected)
    assert empty.height == 0
    assert empty.schema == expected_empty.schema


def test_duckdb_frame_refuses_an_interval_with_an_error_not_a_crash() -> None:
    with connect(":memory:") as db, pytest.raises(pl.exceptions.ComputeError):
        db.frame("SELECT INTERVAL 1 DAY AS span")


def test_reading_a_frame_loads_neither_pyarrow_nor_numpy() -> None:
    code = (
        "import sys\n"
        "from custvalue.data.db import connect\n"
        "with connect(':memory:') as db:\n"
        "    frame = db.frame('SELECT customer_id, acquired_on FROM customers')\n"
        "    frame = db.frame('SELECT 1 AS n, DATE \\'2023-01-01\\' AS day')\n"
        "assert frame.height == 1\n"
        "print(sorted(m for m in ('pyarrow', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

"""The edges a new user meets first: a wrong --db, store errors, all in plain words."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from custvalue.cli.main import main
from custvalue.data.db import Database, connect
from custvalue.data.importing import import_file
from custvalue.exceptions import DatabaseError

ORDERS = "订单号,客户编号,下单日期,金额\nO1,C1,2023-01-05,100\nO2,C2,2023-01-06,200\n"


def _orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return path


def test_cli_refuses_a_csv_as_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    orders = _orders(tmp_path)
    code = main(["--db", str(tmp_path / "some.csv"), "import", "orders", str(orders)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "not a database file name" in err and "imported" not in err
    assert not (tmp_path / "some.csv").exists()
    code = main(["--lang", "zh", "--db", str(orders), "import", "orders", str(orders)])
    _, err = capsys.readouterr()
    assert code == 1 and "不是 custvalue（DuckDB）数据库" in err
    assert orders.read_text(encoding="utf-8") == ORDERS


def test_cli_import_into_a_database_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store.duckdb"
    assert main(["--db", str(store), "import", "orders", str(_orders(tmp_path))]) == 0
    capsys.readouterr()
    with connect(str(store)) as db:
        assert db.scalar("SELECT COUNT(*) FROM orders") == 2


class _Failing(Database):
    """A store whose bulk insert fails the way a full disk or a damaged file does."""

    def insert_frame(self, table: str, frame: object) -> int:  # type: ignore[override]
        raise duckdb.IOException('IO Error: could not write to file "x.db": No space left')


def test_raw_database_errors_are_wrapped(tmp_path: Path) -> None:
    real = connect(str(tmp_path / "s.db"))
    failing = _Failing(real.url, real.dialect, real._con)
    with pytest.raises(DatabaseError) as caught:
        import_file(failing, "orders", _orders(tmp_path))
    assert caught.value.code == "store.write_failed"
    assert "nothing was written" in caught.value.message()
    assert "没有写入任何数据" in caught.value.message("zh")
    assert caught.value.params["detail"].startswith("IO Error")
    assert real.scalar("SELECT COUNT(*) FROM imports") == 0
    real.close()


def test_the_writer_checks_counts_against_the_store(db: Database) -> None:
    from custvalue.data.writer import ImportResult, write_import

    def store(import_id: int) -> dict[str, int]:
        db.execute(
            "INSERT INTO customers (customer_id, import_id) VALUES (?, ?)", ["C1", import_id]
        )
        return {"customers": 2}  # one row written, two reported

    result = ImportResult(kind="customers", file="x.csv", checksum="c", total_rows=2)
    with pytest.raises(DatabaseError) as caught:
        write_import(db, result, store, encoding="utf-8")
    assert caught.value.code == "store.count_mismatch"
    assert "nothing was kept" in str(caught.value)
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    assert db.scalar("SELECT COUNT(*) FROM imports") == 0

"""Imports into the store (DuckDB and PostgreSQL): nothing lost, nothing counted twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from custvalue.data.db import Database, connect
from custvalue.data.importing import StrictImportError, import_file
from custvalue.exceptions import ImportFileError

EXAMPLES = Path(str(files("custvalue") / "examples"))


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _count(db: Database, table: str) -> int:
    return int(db.scalar(f"SELECT COUNT(*) FROM {table}"))


ORDERS = """订单号,客户编号,下单日期,金额,产品,类别
O1,C1,2023-01-05,100.00,p1,cat1
O2,C1,2023/2/5,"1,200.50",p2,cat1
O3,C2,2023年3月5日,¥300,p1,cat1
"""


def test_reimport_same_file_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "orders.csv", ORDERS)
    first = import_file(db, "orders", path)
    assert (first.imported, first.duplicates, first.customers_created) == (3, 0, 2)
    again = import_file(db, "orders", path)
    assert (again.imported, again.duplicates, again.customers_created) == (0, 3, 0)
    assert again.previous_imports and again.previous_imports[0][0] == first.import_id
    assert _count(db, "orders") == 3
    assert db.scalar("SELECT SUM(amount_cents) FROM orders") == 10000 + 120050 + 30000
    assert _count(db, "imports") == 2


def test_overlapping_export_without_order_ids_counts_once(db: Database, tmp_path: Path) -> None:
    rows = [f"C{i % 3},2023-01-{1 + i:02d},{10 + i}.00,p" for i in range(12)]
    head = "客户编号,日期,金额,产品\n"
    jan = _write(tmp_path / "a.csv", head + "\n".join(rows[:8]) + "\n")
    overlap = _write(tmp_path / "b.csv", head + "\n".join(rows[5:]) + "\n")
    assert import_file(db, "orders", jan).imported == 8
    second = import_file(db, "orders", overlap)
    assert (second.imported, second.duplicates) == (4, 3)
    assert _count(db, "orders") == 12


def test_identical_rows_without_ids_are_separate_purchases(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "o.csv", "customer_id,date,amount\nC1,2023-01-01,5\nC1,2023-01-01,5\n")
    assert import_file(db, "orders", path).imported == 2
    assert import_file(db, "orders", path).imported == 0
    assert _count(db, "orders") == 2


def test_conflicting_stored_order_is_rejected_with_its_line(db: Database, tmp_path: Path) -> None:
    import_file(db, "orders", _write(tmp_path / "a.csv", ORDERS))
    changed = ORDERS.replace("O3,C2,2023年3月5日,¥300", "O3,C2,2023年3月5日,¥301")
    result = import_file(db, "orders", _write(tmp_path / "b.csv", changed))
    assert result.imported == 0 and result.duplicates == 2
    assert [(r.line, r.reason) for r in result.rejected] == [(4, "store.conflicts_existing")]
    assert "O3" in result.rejected[0].message()
    assert db.scalar("SELECT amount_cents FROM orders WHERE order_id = 'O3'") == 30000


def test_strict_writes_nothing(db: Database, tmp_path: Path) -> None:
    bad = ORDERS + "O4,C3,not a date,5,p,c\n"
    with pytest.raises(StrictImportError, match="line 5"):
        import_file(db, "orders", _write(tmp_path / "bad.csv", bad), strict=True)
    assert _count(db, "orders") == 0 and _count(db, "customers") == 0
    assert _count(db, "imports") == 0


def test_strict_store_conflict_rolls_back(db: Database, tmp_path: Path) -> None:
    import_file(db, "orders", _write(tmp_path / "a.csv", ORDERS))
    changed = ORDERS.replace("¥300", "¥301") + "O9,C9,2023-04-01,1,p,c\n"
    with pytest.raises(StrictImportError):
        import_file(db, "orders", _write(tmp_path / "b.csv", changed), strict=True)
    assert _count(db, "orders") == 3 and _count(db, "customers") == 2


def test_unreadable_file_writes_nothing(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError):
        import_file(db, "orders", tmp_path / "missing.csv")
    _write(tmp_path / "nohead.csv", "foo,bar\n1,2\n")
    with pytest.raises(ImportFileError, match="customer_id"):
        import_file(db, "orders", tmp_path / "nohead.csv")
    assert _count(db, "imports") == 0


def test_error_during_write_rolls_back(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after the orders were written but before the import finished leaves nothing."""
    import custvalue.data.importing as importing

    def boom(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(importing, "_create_missing_customers", boom)
    with pytest.raises(KeyboardInterrupt):
        import_file(db, "orders", _write(tmp_path / "a.csv", ORDERS))
    assert _count(db, "orders") == 0 and _count(db, "imports") == 0
    monkeypatch.undo()
    assert import_file(db, "orders", tmp_path / "a.csv").imported == 3


KILL_SCRIPT = """
import sys, time
import custvalue.data.importing as importing
from custvalue.data.db import connect
real = importing._create_missing_customers
def slow(*a, **k):
    n = real(*a, **k)
    print("written", flush=True)
    time.sleep(60)
    return n
importing._create_missing_customers = slow
db = connect(sys.argv[1])
importing.import_file(db, "orders", sys.argv[2])
"""


def test_killed_import_leaves_database_as_before(db_url: str, tmp_path: Path) -> None:
    """SIGKILL in the middle of the transaction: the store is unchanged."""
    path = _write(tmp_path / "a.csv", ORDERS)
    connect(db_url).close()
    with subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, db_url, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "written"
        child.send_signal(signal.SIGKILL)
        child.wait()
    with connect(db_url) as db:
        assert _count(db, "orders") == 0 and _count(db, "customers") == 0
        assert _count(db, "imports") == 0
        assert import_file(db, "orders", path).imported == 3


CUSTOMERS = """customer_id,name,referred_by,city
A,Ann,,Shanghai
B,Bob,A,Beijing
C,Cat,B,
"""


def test_orders_first_then_customers_fills_bare_records(db: Database, tmp_path: Path) -> None:
    orders = _write(tmp_path / "o.csv", "customer_id,date,amount\nA,2023-01-01,5\nB,2023-01-02,6\n")
    assert import_file(db, "orders", orders).customers_created == 2
    result = import_file(db, "customers", _write(tmp_path / "c.csv", CUSTOMERS))
    assert (result.imported, result.updated) == (1, 2)
    rows = db.fetchall("SELECT customer_id, name, referred_by FROM customers ORDER BY 1")
    assert rows == [("A", "Ann", None), ("B", "Bob", "A"), ("C", "Cat", "B")]
    attrs = json.loads(db.scalar("SELECT attributes FROM customers WHERE customer_id = 'A'"))
    assert attrs == {"city": "Shanghai"}
    again = import_file(db, "customers", tmp_path / "c.csv")
    assert (again.imported, again.updated, again.duplicates) == (0, 0, 3)


def test_referrer_rules(db: Database, tmp_path: Path) -> None:
    import_file(db, "customers", _write(tmp_path / "c.csv", CUSTOMERS))
    bad = """customer_id,referred_by
B,C
A,C
D,ZZZ
E,D
F,F
G,A
"""
    result = import_file(db, "customers", _write(tmp_path / "bad.csv", bad))
    reasons = [(r.line, r.reason) for r in result.rejected]
    assert reasons == [
        (2, "store.referrer_conflict"),  # B already referred by A: first referrer stays
        (3, "store.referral_cycle"),  # A <- C <- B <- A
        (4, "store.unknown_referrer"),
        (5, "store.unknown_referrer"),  # its referrer D was rejected
        (6, "import.self_referral"),
    ]
    assert result.imported == 1  # G
    assert "A → C → B → A" in result.rejected[1].message()
    assert db.scalar("SELECT referred_by FROM customers WHERE customer_id = 'A'") is None


def test_cycle_within_one_file_is_rejected(db: Database, tmp_path: Path) -> None:
    text = "customer_id,referred_by\nX,Y\nY,Z\nZ,X\n"
    result = import_file(db, "customers", _write(tmp_path / "c.csv", text))
    assert [(r.line, r.reason) for r in result.rejected] == [
        (2, "store.unknown_referrer"),  # Y: rejected below, so X's referrer is unknown
        (3, "store.unknown_referrer"),  # Z: rejected below
        (4, "store.referral_cycle"),  # Z <- X closes X <- Y <- Z
    ]
    assert result.imported == 0


def test_messy_gbk_file_imports_exactly_its_good_rows_once(db: Database) -> None:
    path = EXAMPLES / "messy_orders_gbk.csv"
    expected = json.loads((EXAMPLES / "messy_orders_gbk.expected.json").read_text("utf-8"))
    result = import_file(db, "orders", path)
    assert result.imported == expected["good_rows"]
    assert result.duplicates == expected["duplicates_in_file"]
    got = [(r.line, r.column, r.value, r.reason) for r in result.rejected]
    assert got == [(b["line"], b["column"], b["value"], b["code"]) for b in expected["bad_rows"]]
    assert all(r.message() and r.message(lang="zh") != r.message() for r in result.rejected)
    assert db.scalar("SELECT SUM(amount_cents) FROM orders") == expected["good_amount_cents"]
    again = import_file(db, "orders", path)
    assert again.imported == 0
    assert _count(db, "orders") == expected["good_rows"]


def test_concurrent_imports_of_one_file_store_it_once(db_url: str, tmp_path: Path) -> None:
    """Two imports of the same file at the same time, each waiting for the other: one stores
    every order, the other finds them all stored (duplicates) and the earlier import."""
    import threading

    path = _write(tmp_path / "a.csv", ORDERS)
    connect(db_url).close()
    results: list[tuple[int, int, int]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with connect(db_url, wait=120) as own:
                done = import_file(own, "orders", path)
                results.append((done.imported, done.duplicates, len(done.previous_imports)))
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [(0, 3, 1), (3, 0, 0)]  # the loser: all duplicates, seen before
    with connect(db_url) as db:
        assert _count(db, "orders") == 3 and _count(db, "imports") == 2

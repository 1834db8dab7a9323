"""Interrupts tell the truth: a real import, stopped at each phase with SIGINT or SIGKILL, on
DuckDB and PostgreSQL. Ctrl-C exits 130 saying what the store holds (checked in it); the
store holds all rows of the import or none, and importing the file again never counts a
row twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from custvalue import interrupts
from custvalue.data import journal
from custvalue.data.db import Database, connect
from custvalue.data.importing import import_file
from custvalue.data.writer import check_write
from custvalue.exceptions import DatabaseError
from custvalue.i18n import t
from tests.data.faults import ORDERS, ROOT, counts, finish, reached, start

#: the phases of an import, and whether the import is stored when it stops there
PHASES = {
    "reading": False,
    "parsing": False,
    "writing": False,
    "committing": False,  # everything written, COMMIT not yet sent
    "committed": True,  # COMMIT returned, the result not yet printed
}


def _expected_statement(phase: str, db_url: str, path: Path) -> str:
    if phase in ("reading", "parsing"):
        return t("outcome.nothing_written")
    if PHASES[phase]:
        return t("outcome.stored", ids="1", files=str(path), db=db_url, imported=3, updated=0)
    return t("outcome.rolled_back_checked", ids="1", files=str(path), db=db_url)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_an_import_stopped_at_each_phase(
    db_url: str, tmp_path: Path, phase: str, sig: signal.Signals
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    connect(db_url).close()
    marker = tmp_path / "held"
    child = start(db_url, path, phase=phase, marker=marker)
    reached(child, marker)
    child.send_signal(sig)
    code, out, err = finish(child)
    stored = PHASES[phase]
    if sig == signal.SIGINT:
        assert code == 130, err
        assert err == f"{t('outcome.interrupted')} {_expected_statement(phase, db_url, path)}"
        assert "Traceback" not in out + err and "unexpected" not in err
    else:
        assert code == -signal.SIGKILL
    with connect(db_url, wait=60) as db:  # wait: a killed PostgreSQL session ends soon after
        assert counts(db) == ((3, 1) if stored else (0, 0))
        again = import_file(db, "orders", path)
        assert (again.imported, again.duplicates) == ((0, 3) if stored else (3, 0))
        assert counts(db) == (3, 2 if stored else 1)


def test_the_interrupt_message_is_translated(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "订单.csv"
    path.write_text(ORDERS, encoding="utf-8")
    connect(db_url).close()
    marker = tmp_path / "held"
    child = start(db_url, path, phase="committed", marker=marker, lang="zh")
    reached(child, marker)
    child.send_signal(signal.SIGINT)
    code, _, err = finish(child)
    assert code == 130
    expected = t(
        "outcome.stored", lang="zh", ids="1", files=str(path), db=db_url, imported=3, updated=0
    )
    assert err == f"已中断。 {expected}"
    assert "导入 1" in err and "已提交" in err


STARTUP = """
import os, signal, sys
sys.argv = ['custvalue', '--db', sys.argv[1], 'value']

class CtrlC:
    # sends a real SIGINT to this process while the CLI's modules are being imported
    def find_spec(self, name, path=None, target=None):
        if name == 'typer':
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
from custvalue.cli import run
run()
"""


def test_ctrl_c_during_start_up_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", STARTUP, str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CUSTVALUE_LANG": "en"},
        check=False,
    )
    assert done.returncode == 130
    assert done.stderr.strip() == t("outcome.interrupted_start")
    assert "Traceback" not in done.stderr and not (tmp_path / "x.db").exists()


IN_EXTENSION = """
import enum, os, signal, sys
sys.argv = ['custvalue', '--db', sys.argv[1], 'import', 'orders', sys.argv[2]]
loading = []

class Watch:
    # notes when DuckDB's compiled module starts to initialise
    def find_spec(self, name, path=None, target=None):
        if name == '_duckdb':
            loading.append(name)
        return None

real = enum.EnumType.__setattr__

def setattr_then_ctrl_c(cls, name, value):
    # DuckDB's bindings build enums while the module initialises: a real SIGINT there
    if loading and loading.pop():
        os.kill(os.getpid(), signal.SIGINT)
    real(cls, name, value)

enum.EnumType.__setattr__ = setattr_then_ctrl_c
sys.meta_path.insert(0, Watch())
from custvalue.cli import run
run()
"""


def test_ctrl_c_while_a_compiled_module_initialises_does_not_crash(tmp_path: Path) -> None:
    """An exception inside the initialisation of DuckDB's compiled module aborts the
    process ("Critical nanobind error", SIGABRT): the interrupt waits until it is ready."""
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    store = tmp_path / "s.db"
    done = subprocess.run(
        [sys.executable, "-c", IN_EXTENSION, str(store), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CUSTVALUE_LANG": "en"},
        check=False,
    )
    assert done.returncode == 130, done.stderr
    err = " ".join(done.stderr.split())
    assert err.startswith(t("outcome.interrupted")) and "Traceback" not in err, err
    assert err.endswith((t("outcome.nothing_written"), "(import 1 is not in its imports table)."))
    if store.exists():
        with connect(str(store)) as db:
            assert db.scalar("SELECT COUNT(*) FROM imports") == 0


class _CommitThenCtrlC(Database):
    """A store where Ctrl-C arrives while COMMIT returns: before or after it took effect."""

    commit_first = True

    def execute(self, sql: str, params: object = ()) -> None:  # type: ignore[override]
        if sql == "COMMIT":
            if self.commit_first:
                super().execute(sql)
            raise KeyboardInterrupt
        super().execute(sql, params)  # type: ignore[arg-type]


@pytest.mark.parametrize("commit_first", [True, False], ids=["committed", "not-committed"])
def test_an_interrupt_during_commit_is_settled_by_the_store(
    db_url: str, tmp_path: Path, commit_first: bool
) -> None:
    """The journal cannot know whether an interrupted COMMIT took effect: the imports table
    says, and the statement follows it."""
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    real = connect(db_url)
    db = _CommitThenCtrlC(real.url, real.dialect, real._con)
    db.commit_first = commit_first
    journal.clear()
    with pytest.raises(KeyboardInterrupt):
        import_file(db, "orders", path)
    (write,) = journal.writes()
    assert write.state == "committing" and write.import_ids == [1]
    found = check_write(write)
    assert (found.stored, found.checked) == (commit_first, True)
    assert found.imported == (3 if commit_first else 0)
    with connect(db_url) as fresh:
        assert counts(fresh) == ((3, 1) if commit_first else (0, 0))
    real.close()


class _CommitThenFail(Database):
    """A store whose COMMIT reports a driver error, before or after it took effect."""

    commit_first = True

    def execute(self, sql: str, params: object = ()) -> None:  # type: ignore[override]
        if sql == "COMMIT":
            if self.commit_first:
                super().execute(sql)
            raise duckdb.IOException("IO Error: could not fsync the write-ahead log")
        super().execute(sql, params)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("commit_first", "key"),
    [(True, "store.commit_error_kept"), (False, "store.write_failed")],
    ids=["committed", "not-committed"],
)
def test_a_failed_commit_says_what_the_store_holds(
    tmp_path: Path, commit_first: bool, key: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    real = connect(str(tmp_path / "s.db"))
    db = _CommitThenFail(real.url, real.dialect, real._con)
    db.commit_first = commit_first
    with pytest.raises(DatabaseError) as caught:
        import_file(db, "orders", path)
    assert caught.value.code == key
    assert "fsync" in caught.value.message()
    assert counts(real) == ((3, 1) if commit_first else (0, 0))
    real.close()


def test_a_failed_commit_that_nobody_can_check_says_so(tmp_path: Path) -> None:
    """In memory there is no second connection to look in: the message says the outcome
    is unknown (and how to look), never that nothing was written."""
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    real = connect(":memory:")
    db = _CommitThenFail(real.url, real.dialect, real._con)
    with pytest.raises(DatabaseError) as caught:
        import_file(db, "orders", path)
    assert caught.value.code == "store.commit_unknown"
    assert "fsync" in caught.value.message() and "nothing" not in caught.value.message().lower()
    real.close()


def test_a_query_duckdb_stopped_is_an_interrupt(tmp_path: Path) -> None:
    """DuckDB stops a query with its own error and the KeyboardInterrupt is gone (on SIGINT:
    RuntimeError("Query interrupted"); stopped by ``interrupt()``, as here:
    InterruptException). The writer raises KeyboardInterrupt for it, also for a library
    caller (no handler noted a signal), rolls back and leaves the connection usable."""
    from custvalue.data.writer import ImportResult, write_import

    db = connect(str(tmp_path / "s.db"))
    result = ImportResult(kind="orders", file="x.csv", checksum="c", total_rows=0)
    done = threading.Event()

    def keep_interrupting() -> None:
        while not done.wait(0.05):
            db._con.interrupt()

    def store(import_id: int) -> dict[str, int]:
        db.execute("INSERT INTO customers (customer_id, import_id) VALUES ('A', ?)", [import_id])
        threading.Thread(target=keep_interrupting, daemon=True).start()
        db.fetchall("SELECT count(*) FROM range(1000000000000) t(x) WHERE x % 7 = 3")
        raise AssertionError("the query ends only by the interrupt")

    try:
        with pytest.raises(KeyboardInterrupt) as caught:
            write_import(db, result, store, encoding=None)
    finally:
        done.set()
    assert type(caught.value.__cause__).__name__ == "InterruptException"
    assert db.scalar("SELECT COUNT(*) FROM customers") == 0
    assert db.scalar("SELECT COUNT(*) FROM imports") == 0
    db.close()


def _after(error: Exception, cause: BaseException) -> Exception:
    error.__context__ = cause
    return error


def _cancelled(reason: str) -> Exception:
    from psycopg.errors import QueryCanceled

    return QueryCanceled(f"canceling statement due to {reason}")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (RuntimeError("Query interrupted"), True),  # DuckDB stopped the query
        (_after(RuntimeError("Current transaction is aborted"), KeyboardInterrupt()), True),
        (_cancelled("user request"), True),  # psycopg cancelled the statement on Ctrl-C
        (_cancelled("statement timeout"), False),
        (RuntimeError("Query failed"), False),
        (_after(ValueError("bad"), TypeError("worse")), False),
    ],
)
def test_is_interrupt_recognises_what_drivers_raise(error: Exception, expected: bool) -> None:
    assert interrupts.is_interrupt(error) is expected

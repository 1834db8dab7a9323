"""Two imports at once, on DuckDB and PostgreSQL: the second is refused with a clear message
or waits (``--wait SECONDS``), and the same file imported twice is stored once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from custvalue.data.db import connect
from custvalue.data.importing import import_file
from custvalue.data.writer import exclusive
from custvalue.exceptions import DatabaseError, DataValidationError
from custvalue.i18n import t
from tests.cli.helpers import refused
from tests.data.faults import ORDERS, counts, finish, reached, start


def _orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return path


def _busy_message(db_url: str, waited: str | None = None) -> str:
    """What the second import says, by engine: a DuckDB file is held by the first process
    as a whole; PostgreSQL sessions meet at the import lock."""
    if db_url.startswith("postgresql"):
        if waited:
            return t("store.import_busy_waited", db=db_url, seconds=waited)
        return t("store.import_busy", db=db_url)
    if waited:
        return t("db.locked_waited", path=db_url, seconds=waited)
    return t("db.locked", path=db_url)


@pytest.mark.parametrize("wait", [None, "0.5"], ids=["at-once", "after-waiting"])
def test_a_second_import_is_refused_while_one_runs(
    db_url: str, tmp_path: Path, wait: str | None
) -> None:
    path = _orders(tmp_path)
    connect(db_url).close()
    marker = tmp_path / "first-held"
    first = start(db_url, path, phase="writing", marker=marker)
    try:
        reached(first, marker)
        second = start(db_url, path, *(["--wait", wait] if wait else []))
        code, out, err = finish(second)
        assert code == 1, out + err
        assert err == f"{t('cli.error_prefix')}{_busy_message(db_url, wait)}"
        assert "another" in err and "--wait" in err
    finally:
        marker.unlink(missing_ok=True)  # the first goes on
    code, out, err = finish(first)
    assert code == 0, err
    assert "3 imported" in out
    with connect(db_url) as db:
        assert counts(db) == (3, 1)


def test_a_waiting_import_runs_after_the_first_and_stores_nothing_twice(
    db_url: str, tmp_path: Path
) -> None:
    """The same file, the second import started while the first is writing: it waits for the
    lock (it says so through the test hook), then finds every row stored (duplicates) and the
    earlier import of the file (checksum looked up under the lock)."""
    path = _orders(tmp_path)
    connect(db_url).close()
    held, waiting = tmp_path / "first-held", tmp_path / "second-waiting"
    first = start(db_url, path, phase="writing", marker=held)
    try:
        reached(first, held)
        second = start(db_url, path, "--wait", "120", phase="lock-wait", marker=waiting)
        reached(second, waiting)  # the second met the lock and is waiting for it
        waiting.unlink()
    finally:
        held.unlink(missing_ok=True)
    code, out, err = finish(first)
    assert (code, err) == (0, "")
    assert "3 imported, 0 updated, 0 duplicates skipped" in out
    code, out, err = finish(second)
    assert (code, err) == (0, ""), out
    assert "0 imported, 0 updated, 3 duplicates skipped" in out
    assert "imported before (import #1" in out  # the checksum, looked up under the lock
    with connect(db_url) as db:
        assert counts(db) == (3, 2)
        history = db.fetchall("SELECT import_id, imported, duplicates FROM imports ORDER BY 1")
        assert [tuple(map(int, r)) for r in history] == [(1, 3, 0), (2, 0, 3)]


def test_threads_of_one_process_take_turns(db_url: str, tmp_path: Path) -> None:
    """In one process the import lock is per store: a second import is refused while the
    first holds it (at once, or after ``wait``), and writes nothing."""
    path = _orders(tmp_path)
    connect(db_url).close()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with connect(db_url) as other, exclusive(other):
            holding.set()
            release.wait(120)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(120)
        for wait, key in [(0.0, "store.import_busy"), (0.3, "store.import_busy_waited")]:
            with connect(db_url, wait=wait) as db, pytest.raises(DatabaseError) as refused:
                import_file(db, "orders", path)
            assert refused.value.code == key
            assert "another import" in refused.value.message()
    finally:
        release.set()
        holder.join()
    with connect(db_url) as db:
        assert counts(db) == (0, 0)
        assert import_file(db, "orders", path).imported == 3


def test_wait_must_be_a_number_of_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(DataValidationError) as caught:
        connect(str(tmp_path / "s.db"), wait=-1)
    assert caught.value.code == "validation.number_range"
    store, path = str(tmp_path / "s.db"), str(_orders(tmp_path))
    done = refused(
        capsys, "validation.number_range", "--db", store, "import", "orders", path, "--wait=-1"
    )
    assert "--wait" in done.err

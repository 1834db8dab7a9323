"""The web layer's connections: pooled on PostgreSQL, and nothing of one request
reaches the next."""

from __future__ import annotations

import pytest

from custvalue.data import pool
from custvalue.data.db import connect
from custvalue.exceptions import DatabaseError
from custvalue.web import store
from custvalue.web.store import close_pools, open_store


@pytest.fixture
def pg_store(pg_server: object) -> object:
    url = pg_server.new_database()  # type: ignore[attr-defined]
    connect(url).close()  # the schema, as the app makes it
    yield url
    close_pools(url)


def _backend_pid(db: store.Database) -> int:
    return int(db.scalar("SELECT pg_backend_pid()"))


@pytest.mark.postgres
def test_requests_share_pooled_connections_and_leave_nothing_behind(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "POOL_SIZE", 1)  # the next request must get the same one
    with open_store(pg_store) as db:
        first = _backend_pid(db)
        db.execute("SET statement_timeout = 1234")
        db.execute("CREATE TEMPORARY TABLE leftover (x INT)")
        db.execute("SELECT pg_advisory_lock(42)")
        db.execute("BEGIN")
        db.execute("INSERT INTO leftover VALUES (1)")  # a transaction left open
    with open_store(pg_store) as db:
        assert _backend_pid(db) == first  # the same server session, reused
        assert db.scalar("SHOW statement_timeout") == "0"
        assert db.scalar("SELECT to_regclass('pg_temp.leftover')") is None
        assert db.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == 0
        assert db.scalar("SELECT count(*) FROM imports") == 0  # the store's own tables


@pytest.mark.postgres
def test_a_connection_closed_by_the_work_is_replaced(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "POOL_SIZE", 1)
    with open_store(pg_store) as db:
        first = _backend_pid(db)
        db.close()
    with open_store(pg_store) as db:
        assert _backend_pid(db) != first
        assert db.scalar("SELECT 1") == 1


@pytest.mark.postgres
def test_a_pool_with_no_free_connection_answers_a_clear_error(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "POOL_SIZE", 1)
    monkeypatch.setattr(pool, "POOL_WAIT", 0.2)
    close_pools(pg_store)
    with open_store(pg_store), pytest.raises(DatabaseError) as caught:
        with open_store(pg_store):
            pass
    assert caught.value.code == "db.connect_failed"
    with open_store(pg_store) as db:  # the held one came back
        assert db.scalar("SELECT 1") == 1


def test_duckdb_requests_open_their_own_connection(tmp_path: object) -> None:
    url = str(tmp_path) + "/web.db"  # type: ignore[operator]
    connect(url).close()
    with open_store(url) as db:
        db.execute("CREATE TEMPORARY TABLE t (x INT)")
    with open_store(url) as db:
        assert db.dialect == "duckdb"
        assert db.scalar("SELECT count(*) FROM imports") == 0

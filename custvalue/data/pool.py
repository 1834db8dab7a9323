"""Pooled PostgreSQL connections, for a server answering many short requests.

At most :data:`POOL_SIZE` connections per store and process (``psycopg_pool``), idle
ones closed after five minutes, so a request does not pay for a new server session. A
connection goes back with no transaction open, no session settings, no temporary
tables and no advisory locks; a broken one is replaced. When every connection is in
use a request waits up to :data:`POOL_WAIT` seconds, then gets ``db.connect_failed``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from custvalue.data.db import Database
from custvalue.exceptions import DatabaseError

__all__ = ["POOL_SIZE", "POOL_WAIT", "close_pools", "pooled"]

#: the most PostgreSQL connections one process keeps to one store
POOL_SIZE = 16
#: seconds a request waits for a free pooled connection
POOL_WAIT = 10.0

_pools: dict[str, Any] = {}
_lock = threading.Lock()


def _reset(con: Any) -> None:
    """Leave nothing of one piece of work's session for the next."""
    con.execute("RESET ALL")
    con.execute("DISCARD TEMP")
    con.execute("SELECT pg_advisory_unlock_all()")


def _pool(url: str) -> Any:
    with _lock:
        pool = _pools.get(url)
        if pool is None:
            from psycopg_pool import ConnectionPool

            conninfo = re.sub(r"^(postgresql\+psycopg|postgres)://", "postgresql://", url)
            pool = ConnectionPool(
                conninfo,
                min_size=1,
                max_size=POOL_SIZE,
                kwargs={"autocommit": True, "connect_timeout": 10},
                reset=_reset,
                check=ConnectionPool.check_connection,
                max_idle=300.0,
                timeout=POOL_WAIT,
                name="custvalue",
                open=True,
            )
            _pools[url] = pool
        return pool


def close_pools(url: str | None = None) -> None:
    """Close the pool of the store at ``url`` (a server's shutdown), or every pool."""
    with _lock:
        keys = [key for key in _pools if url is None or key == url]
        pools = [_pools.pop(key) for key in keys]
    for pool in pools:
        pool.close()


@contextmanager
def pooled(url: str) -> Iterator[Database]:
    """A pooled connection to the PostgreSQL store at ``url``, given back after the block
    (schema not migrated: the server did that when it started)."""
    from psycopg.pq import TransactionStatus
    from psycopg_pool import PoolTimeout

    pool = _pool(url)
    try:
        con = pool.getconn()
    except PoolTimeout as exc:
        masked = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
        raise DatabaseError("db.connect_failed", url=masked, detail=str(exc).strip()) from exc
    db = Database(url, "postgresql", con)
    try:
        yield db
    finally:
        db.detach()
        if not con.closed and con.info.transaction_status != TransactionStatus.IDLE:
            with suppress(Exception):  # a broken one the pool replaces
                con.rollback()
        pool.putconn(con)

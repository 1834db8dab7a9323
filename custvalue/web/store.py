"""Connections for requests: one per request, on the store the app serves.

This is the web layer's only door to the store (as ``cli/common.py`` is the command
line's): the other modules take a :class:`Database` from here and hand it to
:mod:`custvalue.app`. The schema is brought up to date once, when the app is made;
requests open without migrating.

* **PostgreSQL**: connections come from a pool (:mod:`custvalue.data.pool`), so a
  request does not pay for a new server session.
* **DuckDB**: the driver keeps one database instance per file and process, so a
  request's connection is only a cursor on it (DuckDB allows one writing process per
  file: a second ``custvalue serve`` or an import from another process while this one
  serves is refused with ``db.locked``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from custvalue.data.db import Database, connect, dialect_of, resolve_url
from custvalue.data.pool import close_pools, pooled

__all__ = ["Database", "close_pools", "connect", "open_store"]


@contextmanager
def open_store(url: str) -> Iterator[Database]:
    """A connection to the store for one piece of work, closed or given back after it."""
    resolved = resolve_url(url)
    if dialect_of(resolved) == "postgresql":
        with pooled(resolved) as db:
            yield db
        return
    db = connect(resolved, migrate=False)
    try:
        yield db
    finally:
        db.close()

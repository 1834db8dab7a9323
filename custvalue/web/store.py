"""Connections for requests: a short one per request, on the store the app serves.

This is the web layer's only door to the store (as ``cli/common.py`` is the command
line's): the other modules take a :class:`Database` from here and hand it to
:mod:`custvalue.app`. The schema is brought up to date once, when the app is made;
requests open without migrating. For a DuckDB file the app keeps one connection open for
its lifetime, so the database stays open in the process and a request's connection is
only a cursor on it (DuckDB allows one writing process per file: a second
``custvalue serve`` or an import from another process while this one serves is refused
with ``db.locked``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from custvalue.data.db import Database, connect

__all__ = ["Database", "connect", "open_store"]


@contextmanager
def open_store(url: str) -> Iterator[Database]:
    """A connection to the store for one piece of work, closed after it."""
    db = connect(url, migrate=False)
    try:
        yield db
    finally:
        db.close()

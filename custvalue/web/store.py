"""Connections for requests: one per request, on the store the app serves.

This is the web layer's only door to the store (as ``cli/common.py`` is the command
line's): the other modules take a :class:`Database` from here and hand it to
:mod:`custvalue.app`. The schema is brought up to date once, when the app is made;
requests open without migrating.

* **PostgreSQL**: connections come from a pool (:mod:`custvalue.data.pool`), so a
  request does not pay for a new server session.
* **DuckDB**: the server keeps the file open (:func:`hold`) and a request's
  connection is a cursor of that connection (DuckDB allows one writing process per
  file: a second ``custvalue serve`` or an import from another process while this one
  serves is refused with ``db.locked``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from custvalue.data.db import Database, connect, dialect_of, resolve_url
from custvalue.data.pool import close_pools, pooled

__all__ = ["Database", "close_pools", "connect", "hold", "open_store", "release"]


#: the DuckDB stores a server keeps open (its anchor connection), by URL; an app that
#: is gone takes its anchor with it
_HELD: weakref.WeakValueDictionary[str, Database] = weakref.WeakValueDictionary()


def hold(anchor: Database) -> None:
    """Keep ``anchor`` (an open DuckDB store) for the requests: each gets a cursor of
    it. The file is then this process's alone (DuckDB locks it), so the connections
    are :attr:`~Database.exclusive`."""
    anchor.exclusive = True
    _HELD[anchor.url] = anchor


def release(anchor: Database) -> None:
    """Stop handing out cursors of ``anchor`` (the server is stopping)."""
    if _HELD.get(anchor.url) is anchor:
        del _HELD[anchor.url]


@contextmanager
def open_store(url: str) -> Iterator[Database]:
    """A connection to the store for one piece of work, closed or given back after it."""
    resolved = resolve_url(url)
    if dialect_of(resolved) == "postgresql":
        with pooled(resolved) as db:
            yield db
        return
    anchor = _HELD.get(resolved)
    held = anchor is not None and anchor.is_open
    db = anchor.another() if anchor is not None and held else connect(resolved, migrate=False)
    try:
        yield db
    finally:
        db.close()

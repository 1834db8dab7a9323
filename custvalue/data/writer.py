"""The one import writer: every kind of table is recorded and stored by :func:`write_import`.

One call, one transaction, one import at a time per store (:func:`exclusive`):

1. earlier imports of the same content (``checksum`` and history kind) are looked up, under
   the lock, so that an import that ran meanwhile is seen;
2. a new import id is drawn from ``imports_seq``;
3. the kind's ``store`` function compares the rows with the store and writes the new ones,
   filling in the :class:`ImportResult` counts and adding refusals;
4. with ``strict`` any refusal rolls everything back (:class:`StrictImportError`);
5. the rows tagged with the new import id are counted in each table written and checked
   against what ``store`` reported (a mismatch rolls back);
6. the ``imports`` row records the file (or source), its checksum and the counts.

Any error, a crash or Ctrl-C rolls everything back; raw database errors are wrapped in a
:class:`~custvalue.exceptions.DatabaseError` with a translated sentence, and an error a
driver raised because of Ctrl-C (:func:`custvalue.interrupts.is_interrupt`) is raised as
:class:`KeyboardInterrupt`. The transaction and its import ids are recorded in
:mod:`custvalue.data.journal`, where an interrupt's outcome is checked against the store.

One import at a time: threads of one process take a lock per store; PostgreSQL sessions
take a transaction-level advisory lock (:data:`PG_LOCK_KEY`); a DuckDB file is held by one
process at a time anyway (:func:`~custvalue.data.db.connect` waits for it). Another import
running is refused at once (``store.import_busy``) or, with ``connect(wait=SECONDS)``,
waited for until then (``store.import_busy_waited``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from custvalue import interrupts
from custvalue.data import journal
from custvalue.data.db import RETRY_EVERY, Database, connect
from custvalue.data.rejection import Rejection
from custvalue.exceptions import CustValueError, DatabaseError, DataValidationError

__all__ = [
    "PG_LOCK_KEY",
    "ImportResult",
    "StrictImportError",
    "check_write",
    "exclusive",
    "kept_spans",
    "store_errors",
    "write_import",
    "write_lock",
]


@dataclass
class ImportResult:
    """What an import did. ``rejected`` lists every bad row, sorted by line."""

    kind: str
    file: str
    checksum: str
    total_rows: int
    imported: int = 0
    updated: int = 0
    duplicates: int = 0
    customers_created: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    import_id: int | None = None
    previous_imports: list[tuple[int, datetime]] = field(default_factory=list)
    #: stored rows whose quoted values span several physical lines: (first, last line)
    multiline: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON shape of ``custvalue import --format json``."""
        return {
            "file": self.file,
            "kind": self.kind,
            "imported": self.imported,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "customers_created": self.customers_created,
            "rows": self.total_rows,
            "import_id": self.import_id,
            "checksum": self.checksum,
            "rejected": [r.to_dict(lang) for r in self.rejected],
            "multiline": [{"line": a, "last_line": b} for a, b in self.multiline],
        }


def kept_spans(spans: list[tuple[int, int]], rejected: list[Rejection]) -> list[tuple[int, int]]:
    """The rows spanning several lines that were not refused (the report lists them)."""
    refused = {r.line for r in rejected}
    return [(first, last) for first, last in spans if first not in refused]


class StrictImportError(DataValidationError):
    """``strict=True`` met bad rows; nothing was written. ``rejected`` lists them."""

    default_code = "store.strict_failed"

    def __init__(self, file: str, rejected: list[Rejection]) -> None:
        self.rejected = rejected
        first = rejected[0]
        super().__init__("store.strict_failed", file=file, count=len(rejected), line=first.line)


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def write_lock(db: Database) -> threading.RLock:
    """One import at a time per database in this process (see :func:`exclusive` for other
    processes). Re-entrant, so several kinds can be written under one lock and one
    transaction."""
    key = db.url
    if db.dialect == "duckdb" and "://" not in key and key != ":memory:":
        key = os.path.realpath(os.path.expanduser(key))  # one lock however the path is spelt
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.RLock())


#: the PostgreSQL advisory lock every import takes (advisory locks belong to one database,
#: so one fixed key serialises the imports of each store): "custvalu" in ASCII
PG_LOCK_KEY = 0x637573747661_6C75


def _busy(db: Database, waited: float) -> DatabaseError:
    if waited:
        return DatabaseError("store.import_busy_waited", db=db.display_url, seconds=f"{waited:g}")
    return DatabaseError("store.import_busy", db=db.display_url)


@contextmanager
def exclusive(db: Database) -> Iterator[Database]:
    """One transaction during which no other import runs on the store (module docstring),
    waiting up to ``db.lock_wait`` seconds for one that does; re-entrant."""
    wait = db.lock_wait
    deadline = time.monotonic() + wait
    lock = write_lock(db)
    acquired = lock.acquire(timeout=wait) if wait else lock.acquire(blocking=False)
    if not acquired:
        raise _busy(db, wait)
    try:
        with db.transaction():
            if db.dialect == "postgresql":
                while not db.scalar("SELECT pg_try_advisory_xact_lock(?)", [PG_LOCK_KEY]):
                    if time.monotonic() >= deadline:
                        raise _busy(db, wait)
                    interrupts.pause("lock-wait")
                    time.sleep(min(RETRY_EVERY, max(0.0, deadline - time.monotonic())))
            yield db
    finally:
        lock.release()


def _is_driver_error(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.split(".")[0] in {"duckdb", "_duckdb", "psycopg", "psycopg2"}


@contextmanager
def store_errors(db: Database) -> Iterator[None]:
    """Turn a raw database error inside the block into a translated :class:`DatabaseError`,
    and any error caused by Ctrl-C into :class:`KeyboardInterrupt`.

    A write the error left in doubt (``COMMIT`` sent, no answer) is looked up in the store:
    the message then says whether its rows are stored.
    """
    before = db.last_write
    try:
        yield
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        if interrupts.is_interrupt(exc):
            raise KeyboardInterrupt from exc
        if isinstance(exc, CustValueError) or not _is_driver_error(exc):
            raise
        detail = " ".join(str(exc).split())[:300]
        write = db.last_write
        if write is not None and write is not before and write.state == "committing":
            found = check_write(write)
            if found.stored is None:
                raise DatabaseError(
                    "store.commit_unknown", db=db.display_url, detail=detail, ids=_ids(found)
                ) from exc
            if found.stored:
                raise DatabaseError(
                    "store.commit_error_kept", db=db.display_url, detail=detail, ids=_ids(found)
                ) from exc
        raise DatabaseError("store.write_failed", db=db.display_url, detail=detail) from exc


def _ids(found: journal.Finding) -> str:
    return ", ".join(str(i) for i in found.write.import_ids)


def _in_memory(url: str) -> bool:
    return url.strip().lower() in {":memory:", "duckdb:///:memory:", "duckdb://:memory:"}


def check_write(write: journal.Write, db: Database | None = None) -> journal.Finding:
    """What the store holds of ``write``: an import with an id is looked up in ``imports``
    (on ``db``, else on a new connection to the write's store); any other write is known
    from its state (``committing`` stays unknown)."""
    if not write.import_ids or _in_memory(write.url):
        if write.state == "committed":
            return journal.Finding(write, True)
        if write.state == "committing":
            return journal.Finding(write, None)
        return journal.Finding(write, False)  # rolled back: no import id was even drawn, or closed
    try:
        if db is None:
            with connect(write.url, migrate=False) as own:
                row = _lookup(own, write.import_ids)
        else:
            row = _lookup(db, write.import_ids)
    except KeyboardInterrupt:
        return journal.Finding(write, None, detail="Ctrl-C")
    except Exception as error:  # noqa: BLE001 - reported as "could not check", with the reason
        return journal.Finding(write, None, detail=" ".join(str(error).split())[:200])
    if row is None:
        return journal.Finding(write, False, checked=True)
    return journal.Finding(write, True, checked=True, imported=row[0], updated=row[1])


def _lookup(db: Database, import_ids: list[int]) -> tuple[int, int] | None:
    """The imports' rows written and updated, if the store holds them (all or none: they
    were written in one transaction)."""
    marks = ", ".join("?" for _ in import_ids)
    rows = db.fetchall(
        f"SELECT imported, updated FROM imports WHERE import_id IN ({marks})", import_ids
    )
    if not rows:
        return None
    return sum(int(r[0] or 0) for r in rows), sum(int(r[1] or 0) for r in rows)


#: the store function: given the new import id, write the rows and fill in the result;
#: returns, per table written, how many rows carry the new import id
StoreRows = Callable[[int], Mapping[str, int]]


def write_import(
    db: Database,
    result: ImportResult,
    store: StoreRows,
    *,
    encoding: str | None,
    strict: bool = False,
    history_kind: str | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> ImportResult:
    """Record one import of ``result.kind`` and store its rows (see the module docstring).

    ``result`` comes with ``file``, ``checksum``, ``total_rows``, the in-file
    ``duplicates`` and the refusals found in the file; ``store`` adds the rest.
    ``history_kind`` is the ``kind`` recorded in ``imports`` (default: ``result.kind``).
    """
    kind = history_kind or result.kind
    if progress:
        progress("write", 0.0)
    with store_errors(db), exclusive(db):
        write = db.current_write
        if write is not None:
            write.files.append(result.file)
        if result.checksum:
            result.previous_imports = [
                (int(r[0]), r[1])
                for r in db.fetchall(
                    "SELECT import_id, imported_at FROM imports WHERE checksum = ? AND kind = ? "
                    "ORDER BY import_id",
                    [result.checksum, kind],
                )
            ]
        import_id = int(db.scalar("SELECT nextval('imports_seq')"))
        if write is not None:
            write.import_ids.append(import_id)
        expected = store(import_id)
        interrupts.pause("writing", db)
        result.rejected.sort(key=lambda r: (r.line, r.column or ""))
        if strict and result.rejected:
            raise StrictImportError(result.file, result.rejected)
        for table, count in expected.items():
            found = int(
                db.scalar(f"SELECT COUNT(*) FROM {table} WHERE import_id = ?", [import_id]) or 0
            )
            if found != count:
                raise DatabaseError(
                    "store.count_mismatch", table=table, expected=count, found=found
                )
        db.execute(
            "INSERT INTO imports (import_id, kind, file_name, checksum, encoding, rows_total, "
            "imported, updated, duplicates, rejected, customers_created, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                import_id,
                kind,
                os.path.basename(result.file) or result.file,
                result.checksum,
                encoding,
                result.total_rows,
                result.imported,
                result.updated,
                result.duplicates,
                len({r.line for r in result.rejected}),
                result.customers_created,
                datetime.now().replace(microsecond=0),
            ],
        )
        result.import_id = import_id
        interrupts.pause("committing", db)
    interrupts.pause("committed", db)
    if progress:
        progress("write", 1.0)
    return result

"""The one import writer: every kind of table is recorded and stored by :func:`write_import`.

One call, one transaction:

1. earlier imports of the same content (``checksum`` and history kind) are looked up;
2. a new import id is drawn from ``imports_seq``;
3. the kind's ``store`` function compares the rows with the store and writes the new ones,
   filling in the :class:`ImportResult` counts and adding refusals;
4. with ``strict`` any refusal rolls everything back (:class:`StrictImportError`);
5. the rows tagged with the new import id are counted in each table written and checked
   against what ``store`` reported (a mismatch rolls back);
6. the ``imports`` row records the file (or source), its checksum and the counts.

Any error, a crash or Ctrl-C rolls everything back; raw database errors are wrapped in a
:class:`~custvalue.exceptions.DatabaseError` with a translated sentence.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from custvalue.data.db import Database
from custvalue.data.rejection import Rejection
from custvalue.exceptions import CustValueError, DatabaseError, DataValidationError

__all__ = [
    "ImportResult",
    "StrictImportError",
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
    """One import at a time per database in this process (other processes cannot open a
    DuckDB file while it is being written; PostgreSQL has its primary keys). Re-entrant, so
    several kinds can be written under one lock and one transaction."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(db.url, threading.RLock())


def _is_driver_error(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.split(".")[0] in {"duckdb", "_duckdb", "psycopg", "psycopg2"}


@contextmanager
def store_errors(db: Database) -> Iterator[None]:
    """Turn a raw database error inside the block into a translated :class:`DatabaseError`."""
    try:
        yield
    except CustValueError:
        raise
    except Exception as exc:
        if not _is_driver_error(exc):
            raise
        detail = " ".join(str(exc).split())[:300]
        raise DatabaseError("store.write_failed", db=db.display_url, detail=detail) from exc


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
    with store_errors(db):
        if result.checksum:
            result.previous_imports = [
                (int(r[0]), r[1])
                for r in db.fetchall(
                    "SELECT import_id, imported_at FROM imports WHERE checksum = ? AND kind = ? "
                    "ORDER BY import_id",
                    [result.checksum, kind],
                )
            ]
        if progress:
            progress("write", 0.0)
        with write_lock(db), db.transaction():
            import_id = int(db.scalar("SELECT nextval('imports_seq')"))
            expected = store(import_id)
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
    if progress:
        progress("write", 1.0)
    return result

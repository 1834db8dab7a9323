"""Storing the rows of a keyed kind (the survey tables, offerings and kinds declared later).

:func:`import_table` reads a file of any kind declared in :mod:`custvalue.data.kinds`
other than the ledger's (which have their own rules in :mod:`custvalue.data.importing`)
and :func:`import_checked` stores rows already read, through the one writer
(:func:`custvalue.data.writer.write_import`), in one transaction:

- a row whose natural key is already stored with the same values counts as a duplicate;
  with a different value it is refused, naming the column, the stored and the new value
  (stored data is never overwritten);
- ``strict=True``: any bad row (in the file or against the store) writes nothing;
- the import is recorded in the ``imports`` history (``kind`` = the table kind);
- ratings: ``us`` names our brand; it must be one of the competitors rated and is kept
  in ``settings`` under ``cva.us``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from custvalue.data.db import Database
from custvalue.data.ids import match_id
from custvalue.data.kinds import COLUMNS, spec_of
from custvalue.data.pipeline import show
from custvalue.data.rejection import Rejection
from custvalue.data.spec import TableSpec
from custvalue.data.surveys import CheckedTable, read_kind_table
from custvalue.data.writer import ImportResult, StrictImportError, kept_spans, write_import
from custvalue.exceptions import DataValidationError, NotFoundError

__all__ = [
    "US_SETTING",
    "KeyedImportResult",
    "get_us",
    "import_checked",
    "import_table",
    "rated_competitors",
    "set_us",
    "store_rows",
]

US_SETTING = "cva.us"


@dataclass
class KeyedImportResult(ImportResult):
    """What an import of a keyed kind did. ``rejected`` lists every bad row, by line."""

    normalized_sets: int = 0
    us: str | None = None
    competitors: list[str] = field(default_factory=list)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON shape of ``custvalue import KIND --format json``."""
        return {
            "file": self.file,
            "kind": self.kind,
            "imported": self.imported,
            "updated": 0,
            "duplicates": self.duplicates,
            "normalized_sets": self.normalized_sets,
            "rows": self.total_rows,
            "import_id": self.import_id,
            "checksum": self.checksum,
            "us": self.us,
            "rejected": [r.to_dict(lang) for r in self.rejected],
            "multiline": [{"line": a, "last_line": b} for a, b in self.multiline],
        }


def import_table(
    db: Database,
    kind: str,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    options: Mapping[str, Any] | None = None,
    us: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    history_kind: str | None = None,
) -> KeyedImportResult:
    """Read, check and store ``path`` as ``kind`` in one transaction.

    ``options`` are the kind's reading options (``normalize_weights``, ``per_point`` …).

    Raises
    ------
    ImportFileError
        The file cannot be read (nothing written).
    StrictImportError
        ``strict`` and some rows are bad (nothing written).
    DataValidationError
        ``us`` is not a competitor of the ratings (nothing written).
    """
    if progress:
        progress("read", 0.0)
    checked = read_kind_table(kind, path, sheet=sheet, mapping=mapping, options=options)
    if progress:
        progress("validate", 1.0)
    if strict and checked.rejected:
        raise StrictImportError(checked.file, checked.rejected)
    return import_checked(
        db, checked, strict=strict, us=us, progress=progress, history_kind=history_kind
    )


def import_checked(
    db: Database,
    checked: CheckedTable,
    *,
    strict: bool = False,
    us: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    history_kind: str | None = None,
) -> KeyedImportResult:
    """Store a table already read and checked (see :func:`import_table`)."""
    kind = checked.kind
    spec = spec_of(kind)
    result = KeyedImportResult(
        kind=kind,
        file=checked.file,
        checksum=checked.checksum,
        total_rows=checked.total_rows,
        duplicates=checked.duplicates,
        normalized_sets=checked.normalized_sets,
        rejected=list(checked.rejected),
        multiline=kept_spans(checked.spans, checked.rejected),
    )

    def store(import_id: int) -> dict[str, int]:
        written = store_rows(db, spec, checked.rows, checked.column_map, result, import_id)
        if kind == "ratings" and not (strict and result.rejected):
            result.competitors = rated_competitors(db)
            if us is not None:
                set_us(db, _check_us(db, us, result.competitors))
            result.us = get_us(db)
        return written

    write_import(
        db,
        result,
        store,
        encoding=checked.encoding,
        strict=strict,
        history_kind=history_kind,
        progress=progress,
    )
    return result


def store_rows(
    db: Database,
    spec: TableSpec,
    rows: pl.DataFrame,
    column_map: Mapping[str, str],
    result: ImportResult,
    import_id: int,
) -> dict[str, int]:
    """Compare ``rows`` with the store by the spec's key and insert the new ones into its
    table, tagged with ``import_id``; returns the rows written per table."""
    rows = _linked(db, spec, rows, column_map, result)
    new = _against_store(db, spec, rows, column_map, result)
    columns = {f.name: f.store_name for f in spec.fields}
    schema = COLUMNS.get(spec.kind, spec.schema)
    stored = new.select(
        [pl.col(c).cast(schema[c]).alias(s) for c, s in columns.items()]
    ).with_columns(pl.lit(import_id, pl.Int64).alias("import_id"))
    result.imported = db.insert_frame(spec.table, stored)
    return {spec.table: result.imported}


#: the reason a row naming a customer the ledger does not know is refused, by kind
_UNKNOWN = {
    "": "voice.unknown_customer",  # a survey answer: may be anonymous instead
    "complaints": "complaints.unknown_customer",
    "shipments": "shipments.unknown_customer",
}


def _linked(
    db: Database,
    spec: TableSpec,
    rows: pl.DataFrame,
    column_map: Mapping[str, str],
    result: ImportResult,
) -> pl.DataFrame:
    """Rows naming a customer the ledger does not know are refused (a survey answer is
    linked to a customer, never to an orphan id); rows without one are kept."""
    if "customer_id" not in spec.names or rows.height == 0:
        return rows
    named = rows.filter(pl.col("customer_id").is_not_null()).select("_line", "customer_id")
    if named.height == 0:
        return rows
    with db.staged("_linked_rows", named) as staged:
        unknown = db.frame(
            f"SELECT i._line, i.customer_id FROM {staged} i WHERE NOT EXISTS "
            "(SELECT 1 FROM customers c WHERE c.customer_id = i.customer_id)"
        )
    if unknown.height == 0:
        return rows
    header = column_map.get("customer_id", "customer_id")
    # a wide file's row gives several answers: its customer is named once
    for line, customer in unknown.unique("_line").sort("_line").iter_rows():
        result.rejected.append(
            Rejection(int(line), header, str(customer), _UNKNOWN.get(spec.kind, _UNKNOWN[""]))
        )
    return rows.join(unknown.select(pl.col("_line").cast(pl.Int64)), on="_line", how="anti")


def _against_store(
    db: Database,
    spec: TableSpec,
    rows: pl.DataFrame,
    column_map: Mapping[str, str],
    result: ImportResult,
) -> pl.DataFrame:
    """The rows not stored yet; stored same → duplicates, stored different → refused."""
    if rows.height == 0:
        return rows
    key = spec.key
    content = spec.content
    stored = {f.name: f.store_name for f in spec.fields}
    select = ", ".join(f"s.{stored[c]} AS {c}" for c in content)
    on = " AND ".join(f"s.{stored[c]} = i.{c}" for c in key)
    with db.staged("_incoming_rows", rows.select(*key, "_line")) as staged:
        found = db.frame(f"SELECT i._line, {select} FROM {staged} i JOIN {spec.table} s ON {on}")
    if found.height == 0:
        return rows
    schema = {c: rows.schema[c] for c in content}
    found = found.with_columns(
        pl.col("_line").cast(pl.Int64), *[pl.col(c).cast(t) for c, t in schema.items()]
    )
    paired = rows.join(found, on="_line", how="inner", suffix="_stored")
    for row in paired.iter_rows(named=True):
        differing = [c for c in content if not _same(row[c], row[f"{c}_stored"])]
        if not differing:
            result.duplicates += 1
            continue
        column = differing[0]
        header = column_map.get(column, column)
        result.rejected.append(
            Rejection(
                line=int(row["_line"]),
                column=header,
                value=_shown(row[column]),
                reason="survey.conflicts_stored",
                params={
                    "key": " / ".join(str(row[c]) for c in key),
                    "column": header,
                    "stored": _shown(row[f"{column}_stored"]),
                    "new": _shown(row[column]),
                },
            )
        )
    return rows.join(found.select("_line"), on="_line", how="anti")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return bool(a == b)


def _shown(value: Any) -> str:
    return "—" if value is None else show(value)


# --- our brand ------------------------------------------------------------------------


def get_us(db: Database) -> str | None:
    """Our brand as stored by ``import ratings --us`` or :func:`set_us` (``None`` if unset)."""
    value = db.scalar("SELECT value FROM settings WHERE key = ?", [US_SETTING])
    return None if value is None else str(value)


def set_us(db: Database, name: str) -> None:
    """Remember ``name`` as our brand in this database."""
    with db.transaction():
        db.execute("DELETE FROM settings WHERE key = ?", [US_SETTING])
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [US_SETTING, name.strip()])


def rated_competitors(db: Database) -> list[str]:
    """The competitors of the stored ratings, sorted."""
    return sorted(str(r[0]) for r in db.fetchall("SELECT DISTINCT competitor FROM cva_ratings"))


def _check_us(db: Database, us: str, competitors: list[str]) -> str:
    """The rated competitor ``us`` means (matched as ids are: :mod:`custvalue.data.ids`)."""
    if not competitors:
        raise NotFoundError("survey.no_ratings", db=db.display_url)
    found = match_id(us, competitors)
    if found is None:
        raise DataValidationError("survey.us_unknown", us=us, competitors=", ".join(competitors))
    return found

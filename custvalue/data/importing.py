"""Importing files into the store: all good rows once, every bad row named.

:func:`import_file` reads and validates a file with
:func:`custvalue.data.preparing.prepare`, then writes in one transaction:

- rows whose key (order id, cost id or content key; customer id) is already
  stored with the same content are counted as ``duplicates`` and skipped;
  with different content they are rejected (``store.conflicts_existing``) —
  except customers, whose name, acquisition date and attributes are updated;
- a customer's referrer must be a known customer (stored or in the same file),
  may not change once set (the first-bound referrer wins) and may not close a
  cycle;
- orders and costs of customers not yet stored create bare customer records
  (``customers_created``), filled in by a later customer import;
- an ``imports`` row records the file, its checksum and the counts
  (:func:`custvalue.data.writer.write_import`, the one writer of every kind).

:func:`import_frames` imports frames built in code (the demo) through the same
pipeline and writer.

Any error, a crash or Ctrl-C rolls everything back. With ``strict=True`` a
single bad row aborts the import and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from custvalue.data.db import Database
from custvalue.data.frames import frame_to_raw
from custvalue.data.preparing import (
    CONTENT,
    KEYS,
    SCHEMAS,
    ImportKind,
    PreparedBatch,
    Rejection,
    prepare,
    prepare_table,
)
from custvalue.data.writer import (
    ImportResult,
    StrictImportError,
    exclusive,
    kept_spans,
    store_errors,
    write_import,
    write_lock,
)

__all__ = [
    "FRAME_ORDER",
    "ImportResult",
    "StrictImportError",
    "import_batch",
    "import_file",
    "import_frames",
]

#: kept for callers of the former private name
_write_lock = write_lock


def import_file(
    db: Database,
    kind: ImportKind | str,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    progress: Callable[[str, float], None] | None = None,
    options: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Read, validate and store ``path`` as ``kind`` in one transaction.

    Parameters
    ----------
    db
        An open store (:func:`custvalue.data.db.connect`).
    kind
        ``"customers"``, ``"orders"``, ``"costs"`` or any other declared kind
        (:mod:`custvalue.data.kinds`: the survey tables, offerings …), which is stored by
        :func:`custvalue.data.storing.import_table`.
    path
        CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or .xlsx file.
    sheet
        Excel sheet name (default: the first).
    mapping
        Source header → canonical column, for headers the synonyms miss.
    strict
        Abort on the first bad row instead of importing the good ones.
    progress
        Called with (stage, fraction) during long work.
    options
        Reading options of the kind (``normalize_weights``, ``per_point`` …).

    Raises
    ------
    ImportFileError
        The file cannot be read at all (nothing written).
    StrictImportError
        ``strict`` and some rows are bad (nothing written).
    """
    if kind not in ("customers", "orders", "costs"):
        from custvalue.data.kinds import spec_of
        from custvalue.data.storing import import_table

        spec_of(kind)  # an unknown kind is refused naming every declared kind
        return import_table(
            db,
            kind,
            path,
            sheet=sheet,
            mapping=mapping,
            strict=strict,
            options=options,
            progress=progress,
        )
    batch = prepare(
        kind,
        path,
        sheet=sheet,
        mapping=mapping,
        progress=progress,
    )
    if strict and batch.rejected:
        raise StrictImportError(batch.file, batch.rejected)
    return import_batch(db, batch, strict=strict, progress=progress)


def import_batch(
    db: Database,
    batch: PreparedBatch,
    *,
    strict: bool = False,
    progress: Callable[[str, float], None] | None = None,
    history_kind: str | None = None,
) -> ImportResult:
    """Store an already prepared batch (see :func:`import_file`)."""
    result = ImportResult(
        kind=batch.kind,
        file=batch.file,
        checksum=batch.checksum,
        total_rows=batch.total_rows,
        duplicates=batch.duplicates_in_file,
        rejected=list(batch.rejected),
        multiline=kept_spans(batch.spans, batch.rejected),
    )

    def store(import_id: int) -> dict[str, int]:
        if batch.kind == "customers":
            _store_customers(db, batch.rows, result, import_id)
            return {"customers": result.imported}
        _store_facts(db, batch.kind, batch.rows, result, import_id)
        return {batch.kind: result.imported, "customers": result.customers_created}

    return write_import(
        db,
        result,
        store,
        encoding=batch.encoding,
        strict=strict,
        history_kind=history_kind,
        progress=progress,
    )


#: the order in which :func:`import_frames` stores kinds: customers before the facts that
#: name them, ratings before the rest of the survey (kinds declared later come after)
FRAME_ORDER: tuple[str, ...] = (
    "customers",
    "orders",
    "costs",
    "ratings",
    "weights",
    "market",
    "deals",
    "events",
    "owners",
    "offerings",
)


def import_frames(
    db: Database,
    frames: Mapping[str, pl.DataFrame],
    *,
    source: str = "frames",
    strict: bool = True,
    history_kind: str | None = None,
    us: str | None = None,
) -> dict[str, ImportResult]:
    """Import frames built in code through the same pipeline as files, in one transaction.

    Parameters
    ----------
    frames
        Kind (``customers``, ``orders``, ``costs``, ``ratings``, ``weights``, ``market``,
        ``deals``, ``events``, ``owners``, ``offerings``) → frame. Ledger frames may use
        the store's columns (``amount_cents``, ``ordered_at`` …) or the file columns;
        survey frames the canonical columns. Every cell is checked as in a file
        (:mod:`custvalue.data.frames`); rows are reported as lines (row 1 = line 2).
    source
        Name recorded as the file of each import, e.g. ``"demo"`` (recorded as
        ``demo:orders``).
    strict
        Any bad row rolls everything back (default: frames from code should be clean).
    history_kind
        ``kind`` recorded in the ``imports`` history for every frame (default: its kind).
    us
        Our brand, when ``ratings`` is among the frames.

    Returns
    -------
    dict
        Kind → :class:`ImportResult`, in the order stored.

    Raises
    ------
    DataValidationError
        An unknown kind or not a frame.
    StrictImportError
        ``strict`` and some row is bad (nothing written).
    """
    from custvalue._validation import check_choice
    from custvalue.data.kinds import TABLE_SPECS
    from custvalue.data.storing import import_checked
    from custvalue.data.surveys import read_kind_frame

    for kind in frames:
        check_choice("kind", kind, tuple(TABLE_SPECS))
    results: dict[str, ImportResult] = {}
    ordered = [k for k in FRAME_ORDER if k in frames] + [k for k in frames if k not in FRAME_ORDER]
    with store_errors(db), exclusive(db):
        for kind in ordered:
            name = f"{source}:{kind}"
            if kind in ("customers", "orders", "costs"):
                raw = frame_to_raw(frames[kind], file=name, ledger=True)
                batch = prepare_table(kind, raw)  # type: ignore[arg-type]
                if strict and batch.rejected:
                    raise StrictImportError(batch.file, batch.rejected)
                results[kind] = import_batch(db, batch, strict=strict, history_kind=history_kind)
            else:
                checked = read_kind_frame(kind, frames[kind], file=name)
                if strict and checked.rejected:
                    raise StrictImportError(checked.file, checked.rejected)
                results[kind] = import_checked(
                    db,
                    checked,
                    strict=strict,
                    history_kind=history_kind,
                    us=us if kind == "ratings" else None,
                )
    return results


def _existing(db: Database, kind: str, rows: pl.DataFrame) -> pl.DataFrame:
    """Stored rows sharing a key with ``rows``, tagged with the incoming ``_line``."""
    key = KEYS[kind]
    cols = ", ".join(f"s.{c}" for c in CONTENT[kind])
    with db.staged("_incoming_keys", rows.select(key, "_line")) as staged:
        found = db.frame(
            f"SELECT i._line, {cols} FROM {staged} i JOIN {kind} s ON s.{key} = i.{key}"
        )
    schema = {c: rows.schema[c] for c in CONTENT[kind]}
    if found.height == 0:
        return pl.DataFrame(schema={"_line": pl.Int64, **schema})
    return found.with_columns(
        pl.col("_line").cast(pl.Int64), *[pl.col(c).cast(t) for c, t in schema.items()]
    )


def _same(left: str, right: str) -> pl.Expr:
    return pl.col(left).eq_missing(pl.col(right))


def _store_facts(
    db: Database, kind: ImportKind, rows: pl.DataFrame, result: ImportResult, import_id: int
) -> None:
    existing = _existing(db, kind, rows)
    compare = CONTENT[kind]
    paired = rows.join(existing, on="_line", how="inner", suffix="_stored")
    same = pl.all_horizontal([_same(c, f"{c}_stored") for c in compare])
    result.duplicates += paired.filter(same).height
    for row in paired.filter(~same).iter_rows(named=True):
        result.rejected.append(
            Rejection(
                line=row["_line"],
                column=None,
                value=row[KEYS[kind]],
                reason="store.conflicts_existing",
                params={"key": row[KEYS[kind]], "kind": kind},
            )
        )
    new = rows.join(existing.select("_line"), on="_line", how="anti")
    stored = new.select(list(SCHEMAS[kind])).with_columns(
        pl.lit(import_id, pl.Int64).alias("import_id")
    )
    result.imported = db.insert_frame(kind, stored)
    result.customers_created = _create_missing_customers(db, new, import_id)


def _create_missing_customers(db: Database, rows: pl.DataFrame, import_id: int) -> int:
    ids = rows.select("customer_id").unique()
    if ids.height == 0:
        return 0
    with db.staged("_incoming_customers", ids) as staged:
        missing = db.frame(
            f"SELECT i.customer_id FROM {staged} i "
            "LEFT JOIN customers c ON c.customer_id = i.customer_id WHERE c.customer_id IS NULL"
        )
    if missing.height == 0:
        return 0
    return db.insert_frame(
        "customers",
        missing.select(pl.col("customer_id").cast(pl.String)).with_columns(
            pl.lit(import_id, pl.Int64).alias("import_id")
        ),
    )


def _referral_parents(db: Database) -> dict[str, str]:
    return {
        str(c): str(p)
        for c, p in db.fetchall(
            "SELECT customer_id, referred_by FROM customers WHERE referred_by IS NOT NULL"
        )
    }


def _reject(result: ImportResult, row: Mapping[str, Any], reason: str, **params: Any) -> None:
    result.rejected.append(
        Rejection(
            line=row["_line"],
            column=params.pop("column", None),
            value=params.pop("value", None),
            reason=reason,
            params=params,
        )
    )


def _store_customers(
    db: Database, rows: pl.DataFrame, result: ImportResult, import_id: int
) -> None:
    existing = _existing(db, "customers", rows).with_columns(pl.lit(True).alias("_stored"))
    paired = rows.join(existing, on="_line", how="left", suffix="_stored").with_columns(
        pl.col("_stored").fill_null(False)
    )
    known = set(str(x) for x in (r[0] for r in db.fetchall("SELECT customer_id FROM customers")))
    parents = _referral_parents(db)
    accepted: list[dict[str, Any]] = []
    column = "referred_by"
    for row in paired.iter_rows(named=True):
        if row["_stored"]:
            changes = [
                c
                for c in CONTENT["customers"]
                if row[c] is not None and row[c] != row[f"{c}_stored"]
            ]
            if not changes:
                result.duplicates += 1
                continue
            old, new = row["referred_by_stored"], row["referred_by"]
            if old is not None and new is not None and old != new:
                _reject(
                    result,
                    row,
                    "store.referrer_conflict",
                    column=column,
                    value=new,
                    current=old,
                    customer=row["customer_id"],
                )
                continue
        accepted.append(row)
    batch_ids = {r["customer_id"] for r in accepted}
    final: list[dict[str, Any]] = []
    for row in accepted:
        referrer = row["referred_by"]
        if referrer is None or (row["_stored"] and row["referred_by_stored"] == referrer):
            final.append(row)
            continue
        if referrer not in known and referrer not in batch_ids:
            _reject(result, row, "store.unknown_referrer", column=column, value=referrer)
            continue
        cycle = _closes_cycle(parents, row["customer_id"], referrer)
        if cycle:
            _reject(
                result,
                row,
                "store.referral_cycle",
                column=column,
                value=referrer,
                chain=" → ".join(cycle),
            )
            continue
        parents[row["customer_id"]] = referrer
        final.append(row)
    _drop_orphans(final, known, result)
    _write_customers(db, final, result, import_id)


def _closes_cycle(parents: dict[str, str], child: str, referrer: str) -> list[str] | None:
    """The chain ``child → referrer → … → child`` if adding the link closes a cycle."""
    chain = [child, referrer]
    node: str | None = referrer
    seen = {referrer}
    while node is not None:
        node = parents.get(node)
        if node is None:
            return None
        chain.append(node)
        if node == child:
            return chain
        if node in seen:
            return None
        seen.add(node)
    return None


def _drop_orphans(final: list[dict[str, Any]], known: set[str], result: ImportResult) -> None:
    """Reject rows whose referrer, from the same file, was itself rejected (repeat until stable)."""
    changed = True
    while changed:
        changed = False
        ids = {r["customer_id"] for r in final} | known
        for row in list(final):
            referrer = row["referred_by"]
            if referrer is not None and referrer not in ids:
                final.remove(row)
                _reject(result, row, "store.unknown_referrer", column="referred_by", value=referrer)
                changed = True


def _write_customers(
    db: Database, final: list[dict[str, Any]], result: ImportResult, import_id: int
) -> None:
    schema = SCHEMAS["customers"]
    cols = list(schema)
    new = pl.DataFrame([{c: r[c] for c in cols} for r in final if not r["_stored"]], schema=schema)
    result.imported = db.insert_frame(
        "customers", new.with_columns(pl.lit(import_id, pl.Int64).alias("import_id"))
    )
    updates = pl.DataFrame([{c: r[c] for c in cols} for r in final if r["_stored"]], schema=schema)
    if updates.height:
        with db.staged("_customer_updates", updates) as staged:
            db.execute(
                f"UPDATE customers SET "
                f"name = COALESCE(u.name, customers.name), "
                f"attributes = COALESCE(u.attributes, customers.attributes), "
                f"acquired_on = COALESCE(u.acquired_on, customers.acquired_on), "
                f"referred_by = COALESCE(customers.referred_by, u.referred_by) "
                f"FROM {staged} u WHERE customers.customer_id = u.customer_id"
            )
    result.updated = updates.height

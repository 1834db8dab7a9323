"""From a file to rows ready to store: read, map columns, parse, check.

:func:`prepare` does everything that can be decided from the file alone;
:mod:`custvalue.data.importing` then compares with what is stored. A
:class:`PreparedBatch` holds the good rows in the canonical schema (plus
``_line``) and a :class:`Rejection` for every bad one; a row is either good
or rejected, never both.

Keys: rows with an order (cost) id keep it; without an id column, the key is
``k:`` + the first 24 hex digits of the MD5 of the row's content + ``:`` +
its occurrence number among identical rows of the file. So two identical
purchases on one day stay two purchases, and re-importing the same or an
overlapping export finds the same keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl

from custvalue import interrupts
from custvalue._validation import check_choice
from custvalue.data.columns import ImportKind
from custvalue.data.kinds.ledger import COSTS, CUSTOMERS, ORDERS
from custvalue.data.pipeline import read_spec
from custvalue.data.reading import RawTable, read_table
from custvalue.data.rejection import Rejection
from custvalue.exceptions import ImportFileError

__all__ = [
    "CONTENT",
    "KEYS",
    "SCHEMAS",
    "ImportKind",
    "PreparedBatch",
    "Rejection",
    "prepare",
    "prepare_table",
]

_KINDS: tuple[ImportKind, ...] = ("customers", "orders", "costs")

LEDGER = {"customers": CUSTOMERS, "orders": ORDERS, "costs": COSTS}

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "customers": {
        "customer_id": pl.String(),
        "name": pl.String(),
        "acquired_on": pl.Date(),
        "referred_by": pl.String(),
        "attributes": pl.String(),
    },
    "orders": {
        "order_id": pl.String(),
        "customer_id": pl.String(),
        "ordered_at": pl.Datetime("us"),
        "amount_cents": pl.Int64(),
        "cost_cents": pl.Int64(),
        "product": pl.String(),
        "category": pl.String(),
        "kind": pl.String(),
        "key_source": pl.String(),
    },
    "costs": {
        "cost_id": pl.String(),
        "customer_id": pl.String(),
        "incurred_on": pl.Date(),
        "amount_cents": pl.Int64(),
        "kind": pl.String(),
        "note": pl.String(),
    },
}


@dataclass
class PreparedBatch:
    """A file's good rows in the canonical schema and its rejected rows."""

    kind: ImportKind
    file: str
    checksum: str
    encoding: str
    rows: pl.DataFrame
    rejected: list[Rejection]
    duplicates_in_file: int
    total_rows: int
    column_map: dict[str, str]
    ignored_columns: list[str]
    #: rows spanning several physical lines (first, last line), as read
    spans: list[tuple[int, int]] = field(default_factory=list)


def prepare(
    kind: ImportKind,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> PreparedBatch:
    """Read ``path`` and validate every row for ``kind`` (no database needed)."""
    check_choice("kind", kind, _KINDS, error=ImportFileError)
    interrupts.pause("reading")
    raw = read_table(path, sheet=sheet, progress=progress)
    return prepare_table(kind, raw, mapping=mapping, progress=progress)


def prepare_table(
    kind: ImportKind,
    raw: RawTable,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> PreparedBatch:
    """:func:`prepare` on a table already read: the kind's spec
    (:mod:`custvalue.data.kinds.ledger`) through the one pipeline, rows in the store's
    columns."""
    check_choice("kind", kind, _KINDS, error=ImportFileError)
    spec = LEDGER[kind]
    if progress:
        progress("parse", 0.0)
    batch = read_spec(spec, raw, mapping=mapping)
    if progress:
        progress("validate", 1.0)
    renamed = batch.rows.rename({f.name: f.store_name for f in spec.fields if f.stored})
    schema = SCHEMAS[kind]
    rows = renamed.with_columns(
        pl.lit(None, dtype).alias(name) for name, dtype in schema.items() if name not in renamed
    ).select("_line", *[pl.col(n).cast(d) for n, d in schema.items()])
    return PreparedBatch(
        kind=kind,
        file=raw.file,
        checksum=raw.checksum,
        encoding=raw.encoding,
        rows=rows,
        rejected=batch.rejected,
        duplicates_in_file=batch.duplicates,
        total_rows=batch.total_rows,
        column_map={h: c for c, h in batch.column_map.items()},
        ignored_columns=batch.ignored_columns,
        spans=raw.spans,
    )


#: key column of each kind
KEYS: dict[str, str] = {"orders": "order_id", "costs": "cost_id", "customers": "customer_id"}
#: the columns that make up a row's content: what identical repeats must share
CONTENT: dict[str, tuple[str, ...]] = {
    kind: tuple(c for c in schema if c not in {KEYS[kind], "key_source"})
    for kind, schema in SCHEMAS.items()
}

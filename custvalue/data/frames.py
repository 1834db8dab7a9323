"""Frames built in code (the demo, a notebook) as tables the importer reads like a file.

:func:`frame_to_raw` writes every cell as the text a user would type — dates as ISO
text, money in cents as ``123.45``, numbers in their shortest form — so a frame goes
through exactly the same header resolution, cell parsing, row checks, keys and
duplicate detection as a CSV file. Row ``n`` of the frame is reported as line ``n + 1``
(as if the header were line 1).

Ledger frames may use the store's column names (``ordered_at``, ``incurred_on``,
``amount_cents``, ``cost_cents``) or the canonical file columns (``date``, ``amount``,
``cost``). A customers frame's ``attributes`` (JSON objects as text) is kept as given;
other extra columns become attributes as in a file.
"""

from __future__ import annotations

import hashlib

import polars as pl

from custvalue._validation import check_frame
from custvalue.data.reading import RawTable

__all__ = ["frame_to_raw"]

#: store column -> canonical file column (ledger kinds)
_FROM_STORED = {
    "ordered_at": "date",
    "incurred_on": "date",
    "amount_cents": "amount",
    "cost_cents": "cost",
}
#: columns the importer adds itself
_INTERNAL = frozenset({"import_id", "key_source", "_line"})


def _cents_text(column: str) -> pl.Expr:
    cents = pl.col(column).cast(pl.Int64)
    whole = (cents.abs() // 100).cast(pl.String)
    fraction = (cents.abs() % 100).cast(pl.String).str.zfill(2)
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str([sign, whole, pl.lit("."), fraction])


def _text(frame: pl.DataFrame, column: str) -> pl.Expr:
    dtype = frame.schema[column]
    if column in {"amount_cents", "cost_cents"}:
        return _cents_text(column)
    if isinstance(dtype, pl.Datetime):
        return pl.col(column).dt.strftime("%Y-%m-%d %H:%M:%S")
    if dtype == pl.Date:
        return pl.col(column).dt.strftime("%Y-%m-%d")
    return pl.col(column).cast(pl.String)


def _attributes(frame: pl.DataFrame) -> pl.Series:
    """A customers frame's ``attributes``: JSON objects as text (checked, passed through)."""
    texts = frame["attributes"].cast(pl.String)
    present = texts.drop_nulls()
    if present.len():
        ok = present.str.starts_with("{") & present.str.ends_with("}")
        # JSON holds no raw control character but white space (PostgreSQL no NUL at all)
        ok = ok & ~present.str.contains("[\x00-\x08\x0b\x0c\x0e-\x1f]")
        if not bool(ok.all()):
            from custvalue.exceptions import DataValidationError

            bad = present.filter(~ok)[0]
            raise DataValidationError("frames.bad_attributes", value=bad)
    return texts.rename("attributes")


def frame_to_raw(frame: pl.DataFrame, *, file: str, ledger: bool) -> RawTable:
    """``frame`` as a :class:`RawTable` of text cells (see the module docstring)."""
    check_frame(frame, name=file)
    frame = frame.drop([c for c in frame.columns if c in _INTERNAL])
    attributes = None
    if ledger and "attributes" in frame.columns:
        attributes = _attributes(frame)
        frame = frame.drop("attributes")
    headers = [_FROM_STORED.get(c, c) if ledger else c for c in frame.columns]
    cells = frame.select([_text(frame, c).alias(f"c{i}") for i, c in enumerate(frame.columns)])
    digest = hashlib.sha256()
    digest.update("\x1f".join(headers).encode("utf-8"))
    digest.update(cells.write_csv(include_header=False).encode("utf-8"))
    lines = pl.int_range(2, frame.height + 2, dtype=pl.Int64, eager=True).alias("line")
    return RawTable(
        file=file,
        checksum=digest.hexdigest(),
        encoding="frame",
        headers=headers,
        cells=cells,
        lines=lines,
        attributes=attributes,
    )

"""Frames built in code (the demo, a notebook) as tables the importer reads like a file.

:func:`frame_to_raw` writes every cell as the text a user would type — dates as ISO
text, money in cents as ``123.45``, numbers in their shortest form — so a frame goes
through exactly the same header resolution, cell parsing, row checks, keys and
duplicate detection as a CSV file. Row ``n`` of the frame is reported as line ``n + 1``
(as if the header were line 1).

Ledger frames may use the store's column names (``ordered_at``, ``incurred_on``,
``amount_cents``, ``cost_cents``; a customers frame's ``attributes`` as JSON text) or
the canonical file columns (``date``, ``amount``, ``cost``).
"""

from __future__ import annotations

import hashlib
from typing import Any

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


def _expand_attributes(frame: pl.DataFrame) -> pl.DataFrame:
    """A customers frame's ``attributes`` JSON text back into one column per attribute."""
    if "attributes" not in frame.columns:
        return frame
    texts = frame["attributes"].cast(pl.String)
    if texts.is_null().all():
        return frame.drop("attributes")
    import json

    keys: dict[str, None] = {}
    decoded: list[dict[str, Any]] = []
    for text in texts.to_list():
        item = json.loads(text) if text else {}
        decoded.append(item if isinstance(item, dict) else {})
        keys.update(dict.fromkeys(item if isinstance(item, dict) else {}))
    taken = [k for k in keys if k in frame.columns]
    columns = {
        k: pl.Series(k, [None if d.get(k) is None else str(d[k]) for d in decoded], pl.String)
        for k in keys
        if k not in taken
    }
    return frame.drop("attributes").with_columns(list(columns.values()))


def frame_to_raw(frame: pl.DataFrame, *, file: str, ledger: bool) -> RawTable:
    """``frame`` as a :class:`RawTable` of text cells (see the module docstring)."""
    check_frame(frame, name=file)
    frame = frame.drop([c for c in frame.columns if c in _INTERNAL])
    if ledger:
        frame = _expand_attributes(frame)
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
    )

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

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from custvalue._validation import check_choice
from custvalue.data.columns import (
    COST_KIND_SYNONYMS,
    ORDER_KIND_SYNONYMS,
    REQUIRED,
    ImportKind,
    resolve_columns,
)
from custvalue.data.parsing import (
    Parsed,
    parse_amounts,
    parse_choice,
    parse_dates,
    parse_ids,
    parse_text,
)
from custvalue.data.reading import RawTable, read_table, require_rows
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

#: canonical file column -> stored column name
_STORED_NAME = {
    "date": {"orders": "ordered_at", "costs": "incurred_on"},
    "amount": {"orders": "amount_cents", "costs": "amount_cents"},
    "cost": {"orders": "cost_cents"},
}

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
    raw = read_table(path, sheet=sheet, progress=progress)
    return prepare_table(kind, raw, mapping=mapping, progress=progress)


def prepare_table(
    kind: ImportKind,
    raw: RawTable,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> PreparedBatch:
    """:func:`prepare` on a table already read."""
    cmap = resolve_columns(kind, raw.headers, file=raw.file, mapping=mapping)
    require_rows(raw)
    if progress:
        progress("parse", 0.0)
    lines = raw.lines.alias("_line")
    parsed: dict[str, Parsed] = {}
    for column, index in cmap.used.items():
        parsed[column] = _parse_column(kind, column, raw.cells[f"c{index}"], raw.is_excel)
    if progress:
        progress("parse", 1.0)
    rejected = _collect_rejections(kind, raw, cmap.used, parsed, lines)
    values = pl.DataFrame([lines, *[p.values.alias(_stored(kind, c)) for c, p in parsed.items()]])
    if kind == "customers":
        values = values.with_columns(_attributes(raw, cmap.ignored))
    values = _complete(kind, values)
    if kind == "customers":
        self_ref = values.filter(pl.col("referred_by") == pl.col("customer_id"))
        header = raw.headers[cmap.used["referred_by"]] if "referred_by" in cmap.used else None
        rejected += [
            Rejection(line, header, ref, "import.self_referral")
            for line, ref in self_ref.select("_line", "referred_by").iter_rows()
        ]
    bad_lines = pl.Series("_line", sorted({r.line for r in rejected}), dtype=pl.Int64)
    good = values.filter(~pl.col("_line").is_in(bad_lines.implode())) if rejected else values
    if progress:
        progress("validate", 0.5)
    good = _keys(kind, good, has_id=_key_column(kind) in cmap.used)
    good, duplicates, conflicts = _in_file_duplicates(kind, good, raw, cmap.used)
    rejected += conflicts
    rejected.sort(key=lambda r: (r.line, r.column or ""))
    if progress:
        progress("validate", 1.0)
    return PreparedBatch(
        kind=kind,
        file=raw.file,
        checksum=raw.checksum,
        encoding=raw.encoding,
        rows=good,
        rejected=rejected,
        duplicates_in_file=duplicates,
        total_rows=raw.cells.height,
        column_map={raw.headers[i]: c for c, i in cmap.used.items()},
        ignored_columns=[raw.headers[i] for i in cmap.ignored if raw.headers[i]],
    )


def _stored(kind: str, column: str) -> str:
    return _STORED_NAME.get(column, {}).get(kind, column)


def _key_column(kind: str) -> str:
    return KEYS[kind]


def _parse_column(kind: str, column: str, cells: pl.Series, excel: bool) -> Parsed:
    if column in {"customer_id", "order_id", "cost_id", "referred_by"}:
        return parse_ids(cells)
    if column == "date":
        return parse_dates(cells, excel=excel, with_time=kind == "orders")
    if column == "acquired_on":
        return parse_dates(cells, excel=excel)
    if column == "amount":
        return parse_amounts(cells, excel=excel, allow_negative=kind == "orders")
    if column == "cost":
        return parse_amounts(cells, excel=excel, allow_negative=False)
    if column == "kind" and kind == "orders":
        return parse_choice(cells, ORDER_KIND_SYNONYMS)
    if column == "kind":
        return parse_choice(cells, COST_KIND_SYNONYMS)
    return parse_text(cells)


def _allowed(kind: str) -> str:
    synonyms = ORDER_KIND_SYNONYMS if kind == "orders" else COST_KIND_SYNONYMS
    by_code: dict[str, list[str]] = {}
    for word, code in synonyms.items():
        by_code.setdefault(code, []).append(word)
    return "; ".join(
        f"{code} ({', '.join(w for w in words if w != code)[:40]})"
        for code, words in by_code.items()
    )


def _collect_rejections(
    kind: ImportKind,
    raw: RawTable,
    used: dict[str, int],
    parsed: dict[str, Parsed],
    lines: pl.Series,
) -> list[Rejection]:
    out = [
        Rejection(
            line, None, None, "import.ragged_row", {"found": found, "expected": len(raw.headers)}
        )
        for line, found in raw.ragged
    ]
    ragged_lines = {line for line, _ in raw.ragged}
    for column, result in parsed.items():
        header = raw.headers[used[column]]
        cells = raw.cells[f"c{used[column]}"]
        frame = pl.DataFrame({"line": lines, "value": cells, "reason": result.reasons})
        if column in REQUIRED[kind] or column == _key_column(kind):
            # a parser returns null without a reason exactly for empty (or blank) cells
            missing = result.values.is_null() & result.reasons.is_null()
            frame = frame.with_columns(
                pl.when(missing)
                .then(pl.lit("import.missing_value"))
                .otherwise(pl.col("reason"))
                .alias("reason")
            )
        params: dict[str, Any] = {}
        if column == "kind":
            params["allowed"] = _allowed(kind)
        for line, value, reason in frame.filter(pl.col("reason").is_not_null()).iter_rows():
            if line not in ragged_lines:  # a ragged row's cells are not where the header says
                out.append(Rejection(line, header, value, reason, params))
    return out


def _attributes(raw: RawTable, ignored: list[int]) -> pl.Expr | pl.Series:
    names = [(i, raw.headers[i]) for i in ignored if raw.headers[i]]
    if not names:
        return pl.lit(None, pl.String).alias("attributes")
    columns = [raw.cells[f"c{i}"].str.strip_chars().to_list() for i, _ in names]
    texts: list[str | None] = []
    for row in zip(*columns, strict=True):
        present = {name: v for (_, name), v in zip(names, row, strict=True) if v}
        texts.append(json.dumps(present, ensure_ascii=False) if present else None)
    return pl.Series("attributes", texts, dtype=pl.String)


def _complete(kind: str, values: pl.DataFrame) -> pl.DataFrame:
    schema = SCHEMAS[kind]
    missing = [
        pl.lit(None, dtype).alias(name)
        for name, dtype in schema.items()
        if name not in values.columns
    ]
    values = values.with_columns(missing)
    return values.select("_line", *[pl.col(n).cast(d) for n, d in schema.items()])


#: key column of each kind
KEYS: dict[str, str] = {"orders": "order_id", "costs": "cost_id", "customers": "customer_id"}
#: the columns that make up a row's content: what identical repeats must share
CONTENT: dict[str, tuple[str, ...]] = {
    kind: tuple(c for c in schema if c not in {KEYS[kind], "key_source"})
    for kind, schema in SCHEMAS.items()
}


def _keys(kind: str, rows: pl.DataFrame, *, has_id: bool) -> pl.DataFrame:
    if kind == "customers":
        return rows
    key = _key_column(kind)
    if kind == "orders":
        rows = rows.with_columns(pl.lit("id" if has_id else "content").alias("key_source"))
    if has_id or rows.height == 0:
        return rows
    content = CONTENT[kind]
    parts = [pl.col(c).cast(pl.String).fill_null("\x00") for c in content]
    joined = rows.select("_line", pl.concat_str(parts, separator="\x1f").alias("_content"))
    with duckdb.connect() as con:  # MD5 in a vectorised engine; stable across versions
        con.register("joined", joined.to_arrow(compat_level=pl.CompatLevel.newest()))
        hashed = pl.DataFrame(
            con.sql("SELECT _line, substr(md5(_content), 1, 24) AS h FROM joined").pl()
        ).with_columns(pl.col("_line").cast(pl.Int64))
    rows = rows.join(hashed, on="_line", how="left").sort("_line")
    occurrence = pl.int_range(pl.len()).over("h") + 1
    return rows.with_columns(
        ("k:" + pl.col("h") + ":" + occurrence.cast(pl.String)).alias(key)
    ).drop("h")


def _in_file_duplicates(
    kind: str, rows: pl.DataFrame, raw: RawTable, used: dict[str, int]
) -> tuple[pl.DataFrame, int, list[Rejection]]:
    """Keep the first of repeated keys; identical repeats count as duplicates."""
    key = _key_column(kind)
    content = [c for c in rows.columns if c not in {"_line", key}]
    is_first = rows[key].is_first_distinct()
    if is_first.all():
        return rows, 0, []
    first = rows.filter(is_first)
    later = rows.join(first.select("_line"), on="_line", how="anti")
    paired = later.join(first, on=key, suffix="_first")
    same = pl.all_horizontal([pl.col(c).eq_missing(pl.col(f"{c}_first")) for c in content])
    duplicates = paired.filter(same).height
    header = raw.headers[used[key]] if key in used else None
    conflicts = [
        Rejection(
            line,
            header,
            value,
            "import.conflicting_duplicate",
            {"key": value, "first_line": first_line},
        )
        for line, value, first_line in paired.filter(~same)
        .select("_line", key, "_line_first")
        .iter_rows()
    ]
    return first, duplicates, conflicts

"""The one pipeline that reads every kind of table, from a file or a frame.

:func:`read_spec` takes a :class:`~custvalue.data.spec.TableSpec` and a table as read
(:func:`~custvalue.data.reading.read_table` for files,
:func:`~custvalue.data.frames.frame_to_raw` for frames) through the same steps for
every kind:

1. headers resolved (``--map`` first, then synonyms; missing required columns are
   refused with a ``--map`` suggestion of the likely header);
2. a header-only file is refused (no data rows);
3. every cell parsed by its field's kind (ids and key names by the one rule of
   :mod:`custvalue.data.ids`); each bad cell becomes a
   :class:`~custvalue.data.rejection.Rejection` naming the physical line, the header
   as written, the value (invisible characters escaped, a long value cut short:
   :func:`~custvalue.data.ids.shown_value`) and the reason (zh/en); ragged rows and
   rows refused while reading (another encoding, a quote swallowing rows) are refused
   whole, and so are rows with an Excel cell that holds no readable value (an error such
   as ``#N/A``, a formula without a saved result) in a column the kind uses;
4. defaults for optional columns; extra columns kept as attributes or reported ignored;
5. the spec's checks over several cells;
6. keys: the natural key, or one made from the content where the spec says so;
7. repeated keys within the file: identical repeats counted once (``duplicates``), a
   repeat with other content refused (the spec says whether the first row stays);
8. the spec's set checks (e.g. one respondent's weights summing to 100).

A row is either good or refused, never both, and nothing is stored twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import polars as pl

from custvalue import interrupts
from custvalue.data.columns import resolve_headers
from custvalue.data.ids import MAX_ID_LENGTH, MAX_TEXT_LENGTH, problem_params, shown_value
from custvalue.data.parsing import (
    Parsed,
    parse_amounts,
    parse_choice,
    parse_dates,
    parse_ids,
    parse_numbers,
    parse_text,
)
from custvalue.data.reading import RawTable, require_rows
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec
from custvalue.i18n import t

__all__ = ["Batch", "check_spec", "parse_spec", "read_spec"]


@dataclass
class Batch:
    """A table's good rows (canonical columns plus ``_line``) and every refused row."""

    spec: TableSpec
    raw: RawTable
    rows: pl.DataFrame
    rejected: list[Rejection]
    column_map: dict[str, str]
    ignored_columns: list[str]
    duplicates: int = 0
    has_key_column: bool = False
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def checksum(self) -> str:
        return self.raw.checksum

    @property
    def encoding(self) -> str:
        return self.raw.encoding

    @property
    def total_rows(self) -> int:
        return self.raw.cells.height


def read_spec(
    spec: TableSpec,
    raw: RawTable,
    *,
    mapping: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> Batch:
    """Every step of the module docstring; a wide file of a kind with a wide layout is
    read as its long rows (:mod:`custvalue.data.kinds.wide`)."""
    interrupts.pause("parsing")
    if spec.wide is not None:
        from custvalue.data.kinds.wide import melt

        melted = melt(spec, spec.wide, raw, mapping)
        if melted is not None:
            batch = check_spec(parse_spec(spec, melted.raw), options=options)
            return melted.restore(batch)
    return check_spec(parse_spec(spec, raw, mapping=mapping), options=options)


def parse_spec(
    spec: TableSpec, raw: RawTable, *, mapping: Mapping[str, str] | None = None
) -> Batch:
    """Steps 1–4: headers, cells, refusals and defaults (no key or duplicate handling)."""
    columns = resolve_headers(
        spec.synonyms,
        spec.required,
        raw.headers,
        file=raw.file,
        kind_label=t(spec.label),
        mapping=mapping,
    )
    require_rows(raw)
    lines = pl.Series("_line", raw.lines, dtype=pl.Int64)
    parsed: dict[str, Parsed] = {}
    for f in spec.fields:
        if f.name in columns.used:
            cells = raw.cells[f"c{columns.used[f.name]}"].rename(f.name)
            parsed[f.name] = parse_field(f, cells, raw.is_excel)
    rejected = _rejections(spec, raw, columns.used, parsed, lines)
    data: dict[str, pl.Series] = {"_line": lines}
    for f in spec.fields:
        if f.name in parsed:
            values = parsed[f.name].values
            if f.default is not None:
                values = values.fill_null(f.default)
            data[f.name] = values.cast(f.dtype).rename(f.name)
        else:
            data[f.name] = pl.Series(f.name, [f.default] * raw.cells.height, dtype=f.dtype)
    frame = pl.DataFrame(data)
    if spec.extra_columns == "attributes":
        frame = frame.with_columns(_attributes(raw, columns.ignored))
    bad_lines = {r.line for r in rejected}
    if bad_lines:
        frame = frame.filter(~pl.col("_line").is_in(sorted(bad_lines)))
    return Batch(
        spec=spec,
        raw=raw,
        rows=frame,
        rejected=rejected,
        column_map={name: raw.headers[i] for name, i in columns.used.items()},
        ignored_columns=[raw.headers[i] for i in columns.ignored if raw.headers[i]],
        has_key_column=spec.content_key is not None and spec.content_key in columns.used,
    )


def check_spec(batch: Batch, *, options: Mapping[str, Any] | None = None) -> Batch:
    """Steps 5–8 on a parsed batch: the spec's checks, keys, in-file repeats, set checks."""
    spec = batch.spec
    rows = batch.rows
    rejected = list(batch.rejected)
    context = CheckContext(spec, dict(batch.column_map), batch.raw, options or {})
    for check in spec.checks:
        rows, more = check(rows, context)
        rejected += more
    rows = _keys(spec, rows, has_key_column=batch.has_key_column)
    duplicates = 0
    if spec.key:
        rows, duplicates, more = _in_file_repeats(spec, rows, context)
        rejected += more
    context.rejected_lines = {r.line for r in rejected}
    for check in spec.set_checks:
        rows, more = check(rows, context)
        rejected += more
    rejected.sort(key=lambda r: (r.line, r.column or ""))
    return replace(
        batch,
        rows=rows,
        rejected=rejected,
        duplicates=batch.duplicates + duplicates,
        counters={**batch.counters, **context.counters},
    )


# --- cells ----------------------------------------------------------------------------


def parse_field(f: Field, cells: pl.Series, excel: bool) -> Parsed:
    """The parser of ``f``'s kind on ``cells``; reasons are i18n keys."""
    if f.kind == "number":
        return parse_numbers(cells, minimum=f.minimum, maximum=f.maximum)
    if f.kind == "money":
        negative = f.minimum is None or f.minimum < 0
        return parse_amounts(cells, excel=excel, allow_negative=negative)
    if f.kind == "date":
        return parse_dates(cells, excel=excel)
    if f.kind == "datetime":
        return parse_dates(cells, excel=excel, with_time=True)
    if f.kind == "choice":
        return parse_choice(cells, f.choices or {})
    limit = f.length_limit
    if f.kind in ("id", "key"):
        return parse_ids(cells, limit=MAX_ID_LENGTH if limit is None else limit)
    return parse_text(cells, limit=MAX_TEXT_LENGTH if limit is None else limit)


def allowed_text(f: Field) -> str:
    """The accepted values of a choice field: each code with some of its spellings."""
    by_code: dict[str, list[str]] = {}
    for word, code in (f.choices or {}).items():
        by_code.setdefault(code, []).append(word)
    parts = []
    for code, words in by_code.items():
        others = ", ".join(w for w in words if w != code)[:40]
        parts.append(f"{code} ({others})" if others else code)
    return "; ".join(parts)


def _rejections(
    spec: TableSpec,
    raw: RawTable,
    used: dict[str, int],
    parsed: dict[str, Parsed],
    lines: pl.Series,
) -> list[Rejection]:
    refused = {r.line for r in raw.rejected}  # refused while reading: the root cause
    out = list(raw.rejected) + [
        Rejection(
            line, None, None, "import.ragged_row", {"found": found, "expected": len(raw.headers)}
        )
        for line, found in raw.ragged
        if line not in refused
    ]
    ragged = {line for line, _ in raw.ragged} | refused
    # Excel cells that hold no readable value, in a column the kind uses or keeps as an
    # attribute: the cell's own parser would see an empty cell
    kept = set(used.values())
    if spec.extra_columns == "attributes":
        kept |= {i for i, header in enumerate(raw.headers) if header}
    unreadable = {(i.line, i.column) for i in raw.issues if i.column in kept}
    out += [
        Rejection(i.line, raw.headers[i.column], i.value, i.reason)
        for i in raw.issues
        if (i.line, i.column) in unreadable and i.line not in ragged
    ]
    for name, result in parsed.items():
        f = spec.field(name)
        header = raw.headers[used[name]]
        frame = pl.DataFrame(
            {"line": lines, "value": raw.cells[f"c{used[name]}"], "reason": result.reasons}
        )
        if f.must_have_value:
            # a parser returns null without a reason exactly for empty (or blank) cells
            missing = result.values.is_null() & result.reasons.is_null()
            frame = frame.with_columns(
                pl.when(missing)
                .then(pl.lit("import.missing_value"))
                .otherwise(pl.col("reason"))
                .alias("reason")
            )
        params: dict[str, Any] = {
            "allowed": allowed_text(f),
            "minimum": "−∞" if f.minimum is None else f"{f.minimum:g}",
            "maximum": "∞" if f.maximum is None else f"{f.maximum:g}",
        }
        limit = f.length_limit or 0
        column = used[name]
        for line, value, reason in frame.filter(pl.col("reason").is_not_null()).iter_rows():
            if (line, column) in unreadable:
                continue  # refused for what the cell holds, not for looking empty
            if line not in ragged:  # a ragged or refused row's cells are not judged
                found = {**params, **problem_params(reason, value, limit)}
                out.append(Rejection(line, header, shown_value(value), reason, found))
    return out


def _attributes(raw: RawTable, ignored: list[int]) -> pl.Series | pl.Expr:
    """Columns no field claims, kept per row as JSON text (``{"城市": "南京"}``)."""
    names = [(i, raw.headers[i]) for i in ignored if raw.headers[i]]
    if raw.attributes is not None and not names:
        return raw.attributes.alias("attributes")
    if not names:
        return pl.lit(None, pl.String).alias("attributes")
    columns = [raw.cells[f"c{i}"].str.strip_chars().to_list() for i, _ in names]
    given = [None] * raw.cells.height if raw.attributes is None else raw.attributes.to_list()
    texts: list[str | None] = []
    for row, before in zip(zip(*columns, strict=True), given, strict=True):
        present = json.loads(before) if before else {}
        present.update({name: v for (_, name), v in zip(names, row, strict=True) if v})
        texts.append(json.dumps(present, ensure_ascii=False) if present else None)
    return pl.Series("attributes", texts, dtype=pl.String)


# --- keys and repeats -------------------------------------------------------------------


def _keys(spec: TableSpec, rows: pl.DataFrame, *, has_key_column: bool) -> pl.DataFrame:
    """A content key (``k:`` + 24 hex digits of MD5 + ``:`` + occurrence) where the spec
    makes one and the file has no key column; ``key_source`` says which."""
    key = spec.content_key
    if key is None:
        return rows
    rows = rows.with_columns(pl.lit("id" if has_key_column else "content").alias("key_source"))
    if has_key_column or rows.height == 0:
        return rows
    content = [c for c in spec.names if c != key]
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


def _in_file_repeats(
    spec: TableSpec, rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, int, list[Rejection]]:
    if spec.duplicates == "keep_first":
        return _keep_first(spec, rows, context)
    return _refuse_all(spec, rows, context)


def _keep_first(
    spec: TableSpec, rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, int, list[Rejection]]:
    """Keep the first of repeated keys; identical repeats count as duplicates, the others
    are refused naming the first line."""
    (key,) = spec.key
    content = [c for c in rows.columns if c not in {"_line", key}]
    is_first = rows[key].is_first_distinct()
    if is_first.all():
        return rows, 0, []
    first = rows.filter(is_first)
    later = rows.join(first.select("_line"), on="_line", how="anti")
    paired = later.join(first, on=key, suffix="_first")
    same = pl.all_horizontal([pl.col(c).eq_missing(pl.col(f"{c}_first")) for c in content])
    duplicates = paired.filter(same).height
    header = context.headers.get(key)
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


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return bool(a == b)


def show(value: Any) -> str:
    """A value as the messages show it (floats without trailing zeros)."""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _key_text(row: Mapping[str, Any], key: tuple[str, ...], context: CheckContext) -> str:
    """The key as the file names it, e.g. ``波次=W1, 受访者=r1``; empty parts left out."""
    return ", ".join(
        f"{context.header(c)}={row[c]}" for c in key if row[c] is not None and row[c] != ""
    )


def _refuse_all(
    spec: TableSpec, rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, int, list[Rejection]]:
    """Identical repeats of a key count as duplicates (the first kept); with different
    content every row of the key is refused, naming the other lines."""
    key = spec.key
    content = spec.content
    repeated = rows.group_by(key).len().filter(pl.col("len") > 1)
    if repeated.height == 0:
        return rows, 0, []
    groups = rows.join(repeated.select(key), on=key, how="semi", nulls_equal=True)
    drop: set[int] = set()
    duplicates = 0
    out: list[Rejection] = []
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in groups.sort("_line").iter_rows(named=True):
        grouped.setdefault(tuple(row[c] for c in key), []).append(row)
    for members in grouped.values():
        first = members[0]
        differing = [c for c in content if not all(_equal(first[c], m[c]) for m in members)]
        if not differing:
            duplicates += len(members) - 1
            drop.update(int(m["_line"]) for m in members[1:])
            continue
        lines = [int(m["_line"]) for m in members]
        for m in members:
            others = ", ".join(str(n) for n in lines if n != m["_line"])
            value = m[differing[0]]
            out.append(
                Rejection(
                    int(m["_line"]),
                    context.header(differing[0]),
                    None if value is None else show(value),
                    "survey.conflict_in_file",
                    {"key": _key_text(m, key, context), "lines": others},
                )
            )
            drop.add(int(m["_line"]))
    return rows.filter(~pl.col("_line").is_in(sorted(drop))), duplicates, out

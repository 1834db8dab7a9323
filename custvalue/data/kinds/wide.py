"""Wide survey files: one row per respondent, one column per answer.

Survey tools export answers side by side. A survey kind declares a :class:`WideLayout`:
the column its long layout names the answer by (``attribute``, ``item``, ``feature``,
``touchpoint``) and the answer's value columns. A file is read wide when that column is
missing and some headers name a value and an answer:

* ``satisfaction``: ``产品质量_期望``, ``产品质量_表现``, ``产品质量_重要性`` (or
  ``speed expected`` / ``speed performance`` …; the measure before or after the name);
* ``servqual``: ``E1`` … ``E22`` and ``P1`` … ``P22`` (also ``期望1``, ``感知1``);
* ``kano``: ``一键补货_正向`` and ``一键补货_反向`` (``feature functional`` / ``…
  dysfunctional``);
* ``csat``, ``ces``: ``满意度_配送``, ``满意度_安装`` (one score per touchpoint);
* ``loyalty``: every column that is not the respondent, customer, wave, segment or date
  is a statement (its header the statement's id or text).

The wide rows become long ones (one per respondent and answer; an answer with every
cell empty is no answer) that go through the same pipeline as a long file; every
refusal is then given back its file line and the header of the cell it is about, so a
report reads ``line 5, column E7`` as the file does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import polars as pl

from custvalue.data.columns import normalize_header
from custvalue.data.reading import RawTable
from custvalue.data.rejection import Rejection

if TYPE_CHECKING:
    from custvalue.data.pipeline import Batch
    from custvalue.data.spec import TableSpec

__all__ = ["Melted", "WideLayout", "melt"]

_SEPARATORS = " _-:：|/.·"


@dataclass(frozen=True)
class WideLayout:
    """How a kind's answers sit side by side.

    ``key``: the long layout's answer column; ``values``: value column -> the words a
    header uses for it (besides the field's own synonyms when ``own_synonyms``);
    ``key_pattern``: what the answer part of a header must look like (``\\d+`` for
    SERVQUAL items); ``each``: every other column is one answer of the ``values``'
    single column (the loyalty statements)."""

    key: str
    values: Mapping[str, tuple[str, ...]]
    key_pattern: str = r".+"
    own_synonyms: bool = True
    each: bool = False


@dataclass(frozen=True)
class Melted:
    """A wide file as long rows, and where each long row and cell came from."""

    raw: RawTable
    #: long row number -> (file line, value column -> header as written)
    origin: dict[int, tuple[int, dict[str, str]]]
    #: refusals found while melting (rows the reader refused, ragged rows, Excel cells)
    rejected: list[Rejection]
    #: the answer column of the long rows
    key: str
    #: headers that are neither a common column nor an answer (reported as ignored)
    ignored: list[str]
    #: the value columns of the long rows
    values: tuple[str, ...] = ()

    def restore(self, batch: Batch) -> Batch:
        """``batch`` of the long rows with file lines and headers again."""
        # an answer with a value column the file lacks (E23 without P23) is refused once,
        # for what is wrong with the cells it has when something is
        found: dict[int, list[Rejection]] = {}
        for r in batch.rejected:
            found.setdefault(r.line, []).append(r)
        kept: list[Rejection] = []
        for line, some in found.items():
            present = self.origin.get(line, (0, {}))[1]
            absent = [r for r in some if r.column in self.values and r.column not in present]
            others = [r for r in some if r not in absent]
            kept += others or absent
        rejected = [self._back(r) for r in kept] + self.rejected
        rejected.sort(key=lambda r: (r.line, r.column or ""))
        lines = {synthetic: line for synthetic, (line, _) in self.origin.items()}
        rows = batch.rows.with_columns(pl.col("_line").replace_strict(lines, return_dtype=pl.Int64))
        ignored = [*batch.ignored_columns, *self.ignored]
        return replace(batch, rows=rows, rejected=rejected, ignored_columns=ignored)

    def _back(self, rejection: Rejection) -> Rejection:
        line, headers = self.origin.get(rejection.line, (rejection.line, {}))
        column = rejection.column
        if column in headers:
            column = headers[column]
        elif (column == self.key or column in self.values) and headers:
            column = next(iter(headers.values()))  # the answer's header names it
        return replace(rejection, line=line, column=column)


def _words(spec: TableSpec, layout: WideLayout) -> list[tuple[str, str]]:
    """(word, value column), longest first (so ``dysfunctional`` wins over ``functional``)."""
    pairs = []
    for name, extra in layout.values.items():
        own = (name, *spec.field(name).synonyms) if layout.own_synonyms else ()
        pairs += [(w.lower(), name) for w in (*own, *extra) if w]
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p[0], p[1]))


def _split(header: str, words: list[tuple[str, str]], pattern: str) -> tuple[str, str] | None:
    """(answer, value column) of ``header``, or ``None``."""
    text = header.strip()
    lowered = text.lower()
    for word, name in words:
        for key in (
            text[: -len(word)] if lowered.endswith(word) else None,
            text[len(word) :] if lowered.startswith(word) else None,
        ):
            if key is None:
                continue
            key = key.strip(_SEPARATORS)
            if key and re.fullmatch(pattern, key):
                return key, name
    return None


def _is_common(header: str, spec: TableSpec, layout: WideLayout) -> bool:
    norm = normalize_header(header)
    for f in spec.fields:
        if f.name == layout.key or f.name in layout.values:
            continue
        if norm in {normalize_header(s) for s in (f.name, *f.synonyms)}:
            return True
    return False


def melt(
    spec: TableSpec, layout: WideLayout, raw: RawTable, mapping: Mapping[str, str] | None
) -> Melted | None:
    """``raw`` as long rows when it is a wide file of ``spec`` (else ``None``)."""
    if mapping:
        return None  # a --map names the long layout's columns
    names = {normalize_header(s) for s in (layout.key, *spec.field(layout.key).synonyms)}
    if any(normalize_header(h) in names for h in raw.headers):
        return None  # the answer column is there: a long file
    words = _words(spec, layout)
    common: list[int] = []
    answers: dict[str, dict[str, int]] = {}
    ignored: list[str] = []
    for i, header in enumerate(raw.headers):
        if not header:
            continue
        if _is_common(header, spec, layout):
            common.append(i)
            continue
        if layout.each:
            (value,) = layout.values
            answers.setdefault(header.strip(), {})[value] = i
            continue
        found = _split(header, words, layout.key_pattern)
        if found is None:
            ignored.append(header)
            continue
        key, value = found
        answers.setdefault(key, {})[value] = i
    if not answers:
        return None
    return replace(_long(raw, layout, common, answers), ignored=ignored)


def _long(
    raw: RawTable, layout: WideLayout, common: list[int], answers: dict[str, dict[str, int]]
) -> Melted:
    values = list(layout.values)
    refused = {r.line for r in raw.rejected}
    rejected = list(raw.rejected) + [
        Rejection(line, None, None, "import.ragged_row",
                  {"found": found, "expected": len(raw.headers)})
        for line, found in raw.ragged if line not in refused
    ]  # fmt: skip
    skip = refused | {line for line, _ in raw.ragged}
    issues = {(i.line, i.column): i for i in raw.issues}
    used = {i for where in answers.values() for i in where.values()}
    bad_rows = {line for (line, column) in issues if column in common}
    rejected += [
        Rejection(i.line, raw.headers[i.column], i.value, i.reason)
        for (line, column), i in issues.items()
        if line not in skip and (column in common or column in used)
    ]
    skip |= bad_rows
    width = len(common) + 1 + len(values)
    columns: dict[str, list[str | None]] = {f"c{k}": [] for k in range(width)}
    origin: dict[int, tuple[int, dict[str, str]]] = {}
    cells = raw.cells
    lines = raw.lines.to_list()
    for row, line in enumerate(lines):
        if line in skip:
            continue
        for key, where in answers.items():
            picked = {v: i for v, i in where.items() if (line, i) not in issues}
            got = [cells[f"c{i}"][row] for i in picked.values()]
            if not any(g is not None and str(g).strip() for g in got):
                continue  # no answer to this one
            synthetic = len(origin) + 1
            origin[synthetic] = (int(line), {v: raw.headers[i] for v, i in where.items()})
            for k, i in enumerate(common):
                columns[f"c{k}"].append(cells[f"c{i}"][row])
            columns[f"c{len(common)}"].append(key)
            for k, value in enumerate(values):
                i = picked.get(value, -1)
                cell = cells[f"c{i}"][row] if i >= 0 else None
                columns[f"c{len(common) + 1 + k}"].append(cell)
    headers = [raw.headers[i] for i in common] + [layout.key, *values]
    long = RawTable(
        file=raw.file,
        checksum=raw.checksum,
        encoding=raw.encoding,
        headers=headers,
        cells=pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)),
        lines=pl.Series("line", list(origin), dtype=pl.Int64),
        is_excel=raw.is_excel,
    )
    return Melted(long, origin, rejected, layout.key, [], tuple(values))

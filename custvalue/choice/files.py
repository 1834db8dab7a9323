"""Reading choice files and scenario files (CSV/Excel, Chinese or English headers).

A choice file is long: one row per alternative per choice situation. Role columns are
found by their header (any of the synonyms below, or named with ``situation=`` etc.,
the CLI's ``--situation COL``); every other column is an attribute — numeric unless
listed as categorical — unless ``attributes`` names the ones to use. The file is read
by :func:`custvalue.data.tables.load_table` (encodings, number spellings such as
``1,200``, every bad cell named by line, header and value) and then checked by
:func:`custvalue.choice.checks.check_choices`; any bad row stops the read with
:class:`~custvalue.data.tables.TableRowsError` listing them all.

=========== ================================================================
role        header synonyms
=========== ================================================================
situation   situation, choice_set, set, task, 情境, 选择情境, 选择集, 题号, 任务
alternative alternative, alt, option, 备选方案, 方案, 选项
chosen      chosen, choice, selected, 是否选择, 选择, 已选, 选中
weight      weight, 权重 (optional; only with ``weight=True``)
=========== ================================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from custvalue.choice.checks import check_choices
from custvalue.choice.logit import ConditionalLogit
from custvalue.data.columns import normalize_header
from custvalue.data.preparing import Rejection
from custvalue.data.reading import read_table
from custvalue.data.tables import Field, TableRowsError, TableSpec, load_table
from custvalue.exceptions import DataValidationError

__all__ = ["ChoiceTable", "read_choices", "read_scenario"]

SYNONYMS: dict[str, tuple[str, ...]] = {
    "situation": ("choice_set", "set", "task", "情境", "选择情境", "选择集", "题号", "任务"),
    "alternative": ("alt", "option", "备选方案", "方案", "选项"),
    "chosen": ("choice", "selected", "是否选择", "选择", "已选", "选中"),
    "weight": ("权重",),
}
_FLAGS = {
    "1": "1",
    "1.0": "1",
    "yes": "1",
    "y": "1",
    "true": "1",
    "t": "1",
    "是": "1",
    "选": "1",
    "选中": "1",
    "√": "1",
    "0": "0",
    "0.0": "0",
    "no": "0",
    "n": "0",
    "false": "0",
    "f": "0",
    "否": "0",
    "不选": "0",
    "未选": "0",
}


@dataclass(frozen=True)
class ChoiceTable:
    """The rows (canonical role columns, attributes by header, ``_line``) and how to
    read them."""

    file: str
    rows: pl.DataFrame
    numeric: tuple[str, ...]
    categorical: dict[str, str | None]
    headers: dict[str, str]
    weight: bool


def _roles(
    situation: str | None,
    alternative: str | None,
    chosen: str | None,
    weight: str | None,
) -> dict[str, str]:
    """``--situation COL`` etc. as a ``--map``-style mapping header -> role."""
    pairs = {"situation": situation, "alternative": alternative, "chosen": chosen}
    pairs["weight"] = weight
    return {header: role for role, header in pairs.items() if header}


def read_choices(
    path: str | os.PathLike[str],
    *,
    situation: str | None = None,
    alternative: str | None = None,
    chosen: str | None = None,
    weight: str | None = None,
    attributes: Sequence[str] | None = None,
    categorical: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
) -> ChoiceTable:
    """Read and check a choice file (see the module docstring).

    Raises
    ------
    ImportFileError
        Unreadable file, missing role columns, unknown attribute or categorical column.
    TableRowsError
        Bad cells or broken choice rules, every row named.
    """
    raw = read_table(path, sheet=sheet)
    mapping = _roles(situation, alternative, chosen, weight)
    role_headers = _role_headers(raw.headers, mapping, with_weight=weight is not None)
    cats = dict(categorical or {})
    free = [h for h in raw.headers if h and h not in role_headers.values()]
    for column in [*cats, *(attributes or [])]:
        if column not in free:
            raise DataValidationError(
                "choice.unknown_column", file=raw.file, column=column, allowed=", ".join(free)
            )
    numeric = [h for h in (attributes if attributes is not None else free) if h not in cats]
    fields = [
        Field("situation", "id", SYNONYMS["situation"]),
        Field("alternative", "id", SYNONYMS["alternative"]),
        Field("chosen", "choice", SYNONYMS["chosen"], choices=_FLAGS),
    ]
    if weight is not None:
        fields.append(Field("weight", "number", SYNONYMS["weight"], minimum=0.0))
    fields += [Field(h, "number") for h in numeric]
    fields += [Field(h, "text") for h in cats]
    spec = TableSpec("choice.table_choices", tuple(fields))
    loaded = load_table(spec, path, sheet=sheet, mapping=mapping)
    if loaded.rejected:
        _text_columns(loaded.file, loaded.rejected, numeric, loaded.total_rows)
        raise TableRowsError(loaded.file, loaded.rejected)
    rows = loaded.rows.with_columns(pl.col("chosen").cast(pl.Int8))
    rejected = check_choices(
        rows,
        situation="situation",
        alternative="alternative",
        chosen="chosen",
        numeric=numeric,
        categorical=list(cats),
        weight="weight" if weight is not None else None,
        headers=loaded.column_map,
    )
    if rejected:
        raise TableRowsError(loaded.file, rejected)
    keep = ["_line", "situation", "alternative", "chosen", *numeric, *cats]
    if weight is not None:
        keep.insert(4, "weight")
    return ChoiceTable(
        loaded.file,
        rows.select(keep),
        tuple(numeric),
        cats,
        dict(loaded.column_map),
        weight is not None,
    )


def _text_columns(file: str, rejected: list[Rejection], numeric: Sequence[str], total: int) -> None:
    """A numeric attribute that is text on every row was meant to be categorical."""
    for column in numeric:
        bad = {r.line for r in rejected if r.column == column and r.reason == "table.bad_number"}
        if total and len(bad) == total:
            raise DataValidationError("choice.text_attribute", file=file, column=column)


def _role_headers(
    headers: list[str], mapping: Mapping[str, str], *, with_weight: bool
) -> dict[str, str]:
    """Which header plays each role (mapping first, then synonyms)."""
    found = {role: header for header, role in mapping.items() if header in headers}
    roles = ["situation", "alternative", "chosen"] + (["weight"] if with_weight else [])
    for role in roles:
        if role in found:
            continue
        names = {normalize_header(s) for s in (role, *SYNONYMS[role])}
        for header in headers:
            if normalize_header(header) in names and header not in found.values():
                found[role] = header
                break
    return found


def read_scenario(
    path: str | os.PathLike[str],
    model: ConditionalLogit,
    *,
    situation: str | None = None,
    alternative: str | None = None,
    sheet: str | None = None,
) -> tuple[pl.DataFrame, dict[str, str], str]:
    """Read a scenario for ``model``: the alternative column, optionally a situation
    column, and the model's attribute columns (others are ignored).

    Returns the rows (with ``_line``), the column -> header map and the file name. The
    rows are not yet checked against the model: prediction does that, naming lines.
    """
    design = model._fitted()
    fields = [
        Field("situation", "id", SYNONYMS["situation"], required=False, default="1"),
        Field("alternative", "id", SYNONYMS["alternative"]),
        *(Field(h, "number") for h in design.numeric),
        *(Field(c.column, "text") for c in design.categorical),
    ]
    spec = TableSpec("choice.table_scenario", tuple(fields))
    mapping = _roles(situation, alternative, None, None)
    loaded = load_table(spec, path, sheet=sheet, mapping=mapping)
    if loaded.rejected:
        raise TableRowsError(loaded.file, loaded.rejected)
    return loaded.rows, dict(loaded.column_map), loaded.file

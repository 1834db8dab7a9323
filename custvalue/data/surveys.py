"""Reading the survey, deal and offerings tables: files, frames and rows already loaded.

The kinds (``ratings``, ``weights``, ``market``, ``deals``, ``events``, ``owners``,
``offerings``) are declared in :mod:`custvalue.data.kinds.survey` — columns, synonyms,
natural keys and the checks of docs/customer-value.md — and read by the one pipeline
(:mod:`custvalue.data.pipeline`) as every other kind is.
:func:`read_survey_table` (a file), :func:`read_survey_frame` (a frame) and
:func:`check_table` (rows already loaded) return a :class:`CheckedTable`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from custvalue import interrupts
from custvalue._validation import check_choice
from custvalue.data.frames import frame_to_raw
from custvalue.data.kinds import TABLE_SPECS, spec_of
from custvalue.data.kinds.survey import (
    CONTENT,
    KEYS,
    KINDS,
    SPECS,
    WEIGHT_TOLERANCE,
    SurveyKind,
)
from custvalue.data.pipeline import Batch, check_spec, read_spec
from custvalue.data.reading import RawTable, read_table
from custvalue.data.rejection import Rejection
from custvalue.data.spec import TableSpec
from custvalue.data.tables import LoadedTable
from custvalue.exceptions import ImportFileError

__all__ = [
    "CONTENT",
    "KEYS",
    "KINDS",
    "SPECS",
    "WEIGHT_TOLERANCE",
    "CheckedTable",
    "SurveyKind",
    "check_table",
    "read_kind_frame",
    "read_kind_table",
    "read_survey_frame",
    "read_survey_table",
]


@dataclass
class CheckedTable:
    """The good rows of a survey table (canonical columns + ``_line``) and every refusal."""

    kind: str
    file: str
    encoding: str
    checksum: str
    rows: pl.DataFrame
    rejected: list[Rejection]
    total_rows: int
    duplicates: int = 0
    normalized_sets: int = 0
    column_map: dict[str, str] = field(default_factory=dict)
    #: rows spanning several physical lines (first, last line), as read
    spans: list[tuple[int, int]] = field(default_factory=list)


def _checked(kind: str, batch: Batch, checksum: str | None = None) -> CheckedTable:
    return CheckedTable(
        kind=kind,
        file=batch.file,
        encoding=batch.encoding,
        checksum=batch.checksum if checksum is None else checksum,
        rows=batch.rows,
        rejected=batch.rejected,
        total_rows=batch.total_rows,
        duplicates=batch.duplicates,
        normalized_sets=batch.counters.get("normalized_sets", 0),
        column_map=dict(batch.column_map),
        spans=batch.raw.spans,
    )


def _options(normalize_weights: bool, per_point: float | None) -> dict[str, object]:
    return {"normalize_weights": normalize_weights, "per_point": per_point}


def _keyed_spec(kind: str) -> TableSpec:
    """The spec of a kind stored by key (every kind but the ledger's)."""
    keyed = [k for k in TABLE_SPECS if k not in ("customers", "orders", "costs")]
    check_choice("kind", kind, keyed, error=ImportFileError)
    return spec_of(kind)


def read_kind_table(
    kind: str,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> CheckedTable:
    """Read and check ``path`` as a keyed kind (see :mod:`custvalue.data.kinds`)."""
    spec = _keyed_spec(kind)
    interrupts.pause("reading")
    raw = read_table(path, sheet=sheet)
    return _checked(kind, read_spec(spec, raw, mapping=mapping, options=options))


def read_kind_frame(
    kind: str, frame: pl.DataFrame, *, file: str, options: Mapping[str, Any] | None = None
) -> CheckedTable:
    """:func:`read_kind_table` on a frame with the kind's canonical columns."""
    spec = _keyed_spec(kind)
    raw = frame_to_raw(frame, file=file, ledger=False)
    return _checked(kind, read_spec(spec, raw, options=options))


def read_survey_table(
    kind: SurveyKind,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    normalize_weights: bool = False,
    per_point: float | None = None,
) -> CheckedTable:
    """Read ``path`` as a survey table of ``kind`` and check it (never raises for bad rows).

    ``per_point`` (offerings): money per score point for score rows that give none.

    Raises
    ------
    ImportFileError
        The file cannot be read, or required columns are missing.
    """
    check_choice("kind", kind, KINDS, error=ImportFileError)
    options = _options(normalize_weights, per_point)
    return read_kind_table(kind, path, sheet=sheet, mapping=mapping, options=options)


def read_survey_frame(
    kind: SurveyKind,
    frame: pl.DataFrame,
    *,
    file: str,
    normalize_weights: bool = False,
    per_point: float | None = None,
) -> CheckedTable:
    """:func:`read_survey_table` on a frame with the canonical columns (cells checked as
    text, exactly as in a file; row 1 is reported as line 2)."""
    check_choice("kind", kind, KINDS, error=ImportFileError)
    return read_kind_frame(kind, frame, file=file, options=_options(normalize_weights, per_point))


def check_table(
    kind: SurveyKind,
    loaded: LoadedTable,
    *,
    checksum: str = "",
    normalize_weights: bool = False,
    per_point: float | None = None,
) -> CheckedTable:
    """The checks of the kind (:mod:`custvalue.data.kinds.survey`) on rows read by
    :func:`~custvalue.data.tables.load_table` (or built by hand, with ``_line``)."""
    check_choice("kind", kind, KINDS, error=ImportFileError)
    raw = loaded.raw or RawTable(
        loaded.file,
        checksum,
        loaded.encoding,
        [],
        pl.DataFrame(),
        pl.Series("line", [], dtype=pl.Int64),
    )
    batch = Batch(
        spec=SPECS[kind],
        raw=raw,
        rows=loaded.rows,
        rejected=list(loaded.rejected),
        column_map=dict(loaded.column_map),
        ignored_columns=list(loaded.ignored_columns),
    )
    batch = check_spec(batch, options=_options(normalize_weights, per_point))
    checked = _checked(kind, batch, checksum)
    checked.total_rows = loaded.total_rows
    return checked

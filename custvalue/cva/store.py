"""Survey and deal data in the store: imports, our brand, and a :class:`Survey` back.

:func:`import_survey_table` reads a file with :func:`custvalue.cva.inputs.read_survey_table`
and writes its good rows in one transaction, as order imports do:

- a row whose natural key is already stored with the same values counts as a duplicate;
  with a different value it is refused, naming the column, the stored and the new value
  (stored survey data is never overwritten);
- ``strict=True``: any bad row (in the file or against the store) writes nothing;
- the import is recorded in the ``imports`` history (``kind`` = the table kind);
- ``us`` (ratings) names our brand; it must be one of the competitors rated and is kept
  in ``settings`` under ``cva.us``.

Any error, a crash or Ctrl-C rolls everything back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from custvalue.cva.inputs import (
    CONTENT,
    KEYS,
    KINDS,
    CheckedTable,
    SurveyKind,
    read_survey_frame,
    read_survey_table,
)
from custvalue.cva.survey import COLUMNS, Survey
from custvalue.data.db import Database
from custvalue.data.rejection import Rejection
from custvalue.data.writer import ImportResult, StrictImportError, write_import
from custvalue.exceptions import DataValidationError, NotFoundError

__all__ = [
    "SurveyImportResult",
    "TABLES",
    "US_SETTING",
    "get_us",
    "import_survey_frame",
    "import_survey_table",
    "load_offerings",
    "load_survey",
    "set_us",
]

#: table of each kind in the store
TABLES: dict[SurveyKind, str] = {kind: f"cva_{kind}" for kind in KINDS}
#: canonical column -> stored column, where they differ
_STORED = {"deals": {"date": "deal_date"}, "events": {"date": "event_date"}}
US_SETTING = "cva.us"


def _stored(kind: SurveyKind, column: str) -> str:
    return _STORED.get(kind, {}).get(column, column)


@dataclass
class SurveyImportResult(ImportResult):
    """What a survey import did. ``rejected`` lists every bad row, sorted by line."""

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
        }


def import_survey_table(
    db: Database,
    kind: SurveyKind,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    normalize_weights: bool = False,
    us: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    history_kind: str | None = None,
    per_point: float | None = None,
) -> SurveyImportResult:
    """Read, check and store ``path`` as survey table ``kind`` in one transaction.

    Parameters
    ----------
    kind
        ``ratings``, ``weights``, ``market``, ``deals``, ``events`` or ``owners``.
    sheet, mapping
        Excel sheet; source header → canonical column for headers the synonyms miss.
    strict
        Write nothing if any row is bad.
    normalize_weights
        Weights: rescale a respondent's set to 100 instead of refusing it.
    us
        Ratings: our brand, one of the competitors rated (stored or in this file).
    per_point
        Offerings: money per score point for score rows that give none.
    progress
        Called with (stage, fraction).
    history_kind
        ``kind`` recorded in the ``imports`` history (default: ``kind``).

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
    checked = read_survey_table(
        kind,
        path,
        sheet=sheet,
        mapping=mapping,
        normalize_weights=normalize_weights,
        per_point=per_point,
    )
    if progress:
        progress("validate", 1.0)
    if strict and checked.rejected:
        raise StrictImportError(checked.file, checked.rejected)
    return store_checked(
        db, checked, strict=strict, us=us, progress=progress, history_kind=history_kind
    )


def import_survey_frame(
    db: Database,
    kind: SurveyKind,
    frame: pl.DataFrame,
    *,
    file: str | None = None,
    strict: bool = True,
    normalize_weights: bool = False,
    us: str | None = None,
    history_kind: str | None = None,
    per_point: float | None = None,
) -> SurveyImportResult:
    """Store a frame with the canonical columns of ``kind``, checked as a file would be.

    Usually called through :func:`custvalue.data.importing.import_frames`.
    """
    checked = read_survey_frame(
        kind,
        frame,
        file=file or f"frame:{kind}",
        normalize_weights=normalize_weights,
        per_point=per_point,
    )
    if strict and checked.rejected:
        raise StrictImportError(checked.file, checked.rejected)
    return store_checked(db, checked, strict=strict, us=us, history_kind=history_kind)


def store_checked(
    db: Database,
    checked: CheckedTable,
    *,
    strict: bool = False,
    us: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    history_kind: str | None = None,
) -> SurveyImportResult:
    """Store a table already read and checked (see :func:`import_survey_table`)."""
    kind = checked.kind
    result = SurveyImportResult(
        kind=kind,
        file=checked.file,
        checksum=checked.checksum,
        total_rows=checked.total_rows,
        duplicates=checked.duplicates,
        normalized_sets=checked.normalized_sets,
        rejected=list(checked.rejected),
    )

    def store(import_id: int) -> dict[str, int]:
        new = _against_store(db, checked, result)
        if strict and result.rejected:
            return {}
        columns = {c: _stored(kind, c) for c in COLUMNS[kind]}
        stored = new.select([pl.col(c).alias(s) for c, s in columns.items()]).with_columns(
            pl.lit(import_id, pl.Int64).alias("import_id")
        )
        result.imported = db.insert_frame(TABLES[kind], stored)
        if kind == "ratings":
            result.competitors = _competitors(db)
            if us is not None:
                _check_us(db, us, result.competitors)
                set_us(db, us)
            result.us = get_us(db)
        return {TABLES[kind]: result.imported}

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


def _against_store(db: Database, checked: CheckedTable, result: SurveyImportResult) -> pl.DataFrame:
    """The rows not stored yet; stored same → duplicates, stored different → refused."""
    kind = checked.kind
    rows = checked.rows
    if rows.height == 0:
        return rows
    key = KEYS[kind]
    content = CONTENT[kind]
    table = TABLES[kind]
    select = ", ".join(f"s.{_stored(kind, c)} AS {c}" for c in content)
    on = " AND ".join(f"s.{_stored(kind, c)} = i.{c}" for c in key)
    with db.staged("_incoming_survey", rows.select(*key, "_line")) as staged:
        found = db.frame(f"SELECT i._line, {select} FROM {staged} i JOIN {table} s ON {on}")
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
        result.rejected.append(
            Rejection(
                line=int(row["_line"]),
                column=checked.column_map.get(column, column),
                value=_show(row[column]),
                reason="survey.conflicts_stored",
                params={
                    "key": " / ".join(str(row[c]) for c in key),
                    "column": checked.column_map.get(column, column),
                    "stored": _show(row[f"{column}_stored"]),
                    "new": _show(row[column]),
                },
            )
        )
    return rows.join(found.select("_line"), on="_line", how="anti")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return bool(a == b)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


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


def _competitors(db: Database) -> list[str]:
    return sorted(
        str(r[0]) for r in db.fetchall(f"SELECT DISTINCT competitor FROM {TABLES['ratings']}")
    )


def _check_us(db: Database, us: str, competitors: list[str]) -> None:
    if not competitors:
        raise NotFoundError("survey.no_ratings", db=db.display_url)
    if us.strip() not in competitors:
        raise DataValidationError("survey.us_unknown", us=us, competitors=", ".join(competitors))


# --- reading back -----------------------------------------------------------------------


def _frame(db: Database, kind: SurveyKind) -> pl.DataFrame:
    columns = COLUMNS[kind]
    select = ", ".join(
        f"{_stored(kind, c)} AS {c}" if _stored(kind, c) != c else c for c in columns
    )
    order = ", ".join(_stored(kind, c) for c in KEYS[kind])
    frame = db.frame(f"SELECT {select} FROM {TABLES[kind]} ORDER BY {order}")
    if frame.height == 0:
        return pl.DataFrame(schema=columns)
    return frame.select([pl.col(c).cast(t) for c, t in columns.items()])


def load_offerings(db: Database) -> pl.DataFrame:
    """The stored offerings (``custvalue import offerings``); raises when there are none."""
    frame = _frame(db, "offerings")
    if frame.height == 0:
        raise NotFoundError("delivered.no_offerings", db=db.display_url)
    return frame


def load_survey(
    db: Database,
    *,
    us: str | None = None,
    wave: str | None = None,
    segment: str | None = None,
) -> Survey:
    """The stored survey and deal data as a :class:`Survey` (filtered by wave/segment).

    ``us`` overrides the stored brand. Raises :class:`NotFoundError` when no ratings are
    stored and :class:`DataValidationError` when our brand is unset or not rated (the
    message lists the competitors and says ``--us NAME``).
    """
    frames = {kind: _frame(db, kind) for kind in KINDS}
    competitors = sorted(set(frames["ratings"]["competitor"].to_list()))
    if not competitors:
        raise NotFoundError("survey.no_ratings", db=db.display_url)
    chosen = us if us is not None else get_us(db)
    if chosen is None:
        raise DataValidationError("survey.us_missing", competitors=", ".join(competitors))
    _check_us(db, chosen, competitors)
    survey = Survey(us=chosen.strip(), **frames)
    if wave is None and segment is None:
        return survey
    return survey.where(wave=wave, segment=segment)

"""Survey and deal data in the store: imports, our brand, and a :class:`Survey` back.

:func:`import_survey_table` reads a file with :func:`custvalue.cva.inputs.read_survey_table`
and writes its good rows in one transaction through the data layer's keyed store
(:mod:`custvalue.data.storing`) and its one import writer:

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

import polars as pl

from custvalue._validation import check_choice
from custvalue.cva.inputs import KEYS, KINDS, CheckedTable, SurveyKind, read_survey_frame
from custvalue.cva.survey import Survey
from custvalue.data.db import Database
from custvalue.data.ids import match_id
from custvalue.data.kinds.survey import COLUMNS, SPECS
from custvalue.data.storing import (
    US_SETTING,
    KeyedImportResult,
    get_us,
    import_checked,
    import_table,
    set_us,
)
from custvalue.data.storing import _check_us as _check_us
from custvalue.data.writer import StrictImportError
from custvalue.exceptions import DataValidationError, ImportFileError, NotFoundError

__all__ = [
    "TABLES",
    "US_SETTING",
    "SurveyImportResult",
    "get_us",
    "import_survey_frame",
    "import_survey_table",
    "load_offerings",
    "load_survey",
    "set_us",
    "store_checked",
]

#: table of each kind in the store
TABLES: dict[SurveyKind, str] = {kind: f"cva_{kind}" for kind in KINDS}


def _stored(kind: SurveyKind, column: str) -> str:
    """The store's column of a canonical one (``deals.date`` is ``deal_date``,
    ``offerings.group`` is ``value_group``), as the table spec declares it."""
    return {f.name: f.store_name for f in SPECS[kind].fields}.get(column, column)


#: what a survey import did (the result of every keyed kind)
SurveyImportResult = KeyedImportResult


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
    """Read, check and store ``path`` as survey table ``kind`` in one transaction
    (:func:`custvalue.data.storing.import_table`).

    Parameters
    ----------
    kind
        ``ratings``, ``weights``, ``market``, ``deals``, ``events``, ``owners`` or
        ``offerings``.
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
    check_choice("kind", kind, KINDS, error=ImportFileError)
    return import_table(
        db,
        kind,
        path,
        sheet=sheet,
        mapping=mapping,
        strict=strict,
        options={"normalize_weights": normalize_weights, "per_point": per_point},
        us=us,
        progress=progress,
        history_kind=history_kind,
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
    """Store a table already read and checked (:func:`custvalue.data.storing.import_checked`)."""
    return import_checked(
        db, checked, strict=strict, us=us, progress=progress, history_kind=history_kind
    )


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
    survey = Survey(us=_check_us(db, chosen, competitors), **frames)
    if wave is None and segment is None:
        return survey
    # as typed, they mean what the import stored (matched as ids are: custvalue.data.ids)
    wave = None if wave is None else (match_id(wave, survey.waves) or wave)
    segment = None if segment is None else (match_id(segment, survey.segments) or segment)
    return survey.where(wave=wave, segment=segment)

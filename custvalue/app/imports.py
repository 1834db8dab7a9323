"""Importing a file into the store, and the history of what was imported.

The import itself lives in the data layer (:func:`custvalue.data.importing.import_file`
for the ledger, :func:`custvalue.data.storing.import_table` for the survey tables);
:func:`import_file` here chooses between them, so a front names a kind and a file only.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.data.writer import ImportResult, StrictImportError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.data.storing import KeyedImportResult

__all__ = [
    "LEDGER_KINDS",
    "ImportHistory",
    "ImportResult",
    "StrictImportError",
    "check_import_job",
    "count_imports",
    "import_file",
    "import_history",
    "run_import_job",
]

#: the kinds of the ledger (the others are survey tables)
LEDGER_KINDS = ("customers", "orders", "costs")

_HISTORY = (
    "SELECT import_id, kind, file_name, rows_total, imported, updated, duplicates, "
    "rejected, customers_created, imported_at FROM imports ORDER BY import_id"
)


@dataclass(frozen=True)
class ImportHistory(Result):
    """Every import the store has recorded, oldest first (``imports``: one row each)."""

    imports: pl.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.imports.height == 0

    def data(self) -> dict[str, Any]:
        return {"imports": rows(self.imports)}


def import_history(db: Database) -> ImportHistory:
    """The store's imports: id, kind, file, row counts and when, by import id."""
    return ImportHistory(db.frame(_HISTORY))


def count_imports(db: Database) -> int:
    """How many imports the store has recorded."""
    return int(db.scalar("SELECT COUNT(*) FROM imports") or 0)


def import_file(
    db: Database,
    *,
    kind: str,
    file: str | Path,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    us: str | None = None,
    normalize_weights: bool = False,
    per_point: float | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> ImportResult | KeyedImportResult:
    """Import ``file`` as ``kind``: a ledger table or a survey table (both results have
    ``to_dict()``). Raises what the importer raises (``StrictImportError`` with every
    rejected row under ``strict``; ``DataValidationError`` for an unreadable file)."""
    mapped = dict(mapping or {})
    if kind in LEDGER_KINDS:
        from custvalue.data.importing import import_file as import_ledger

        return import_ledger(
            db,
            kind,
            file,
            sheet=sheet,
            mapping=mapped,
            strict=strict,
            progress=progress,
        )
    from custvalue.data.storing import import_table

    return import_table(
        db,
        kind,
        file,
        sheet=sheet,
        mapping=mapped,
        strict=strict,
        options={"normalize_weights": normalize_weights, "per_point": per_point},
        us=us,
        progress=progress,
    )


#: the parameters an ``import`` job takes (the options of ``custvalue import`` a file needs)
_JOB_PARAMS = ("kind", "file", "sheet", "mapping", "upload")


def check_import_job(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of an ``import`` job, checked before it is queued: ``kind`` (a kind
    the importer knows), ``file`` (a file that exists), optional ``sheet`` and ``mapping``
    (file header -> column of the kind, as ``--map``)."""
    from custvalue._validation import check_choice
    from custvalue.data.kinds import ALL_KINDS
    from custvalue.exceptions import DataValidationError, ImportFileError

    unknown = sorted(set(params) - set(_JOB_PARAMS))
    if unknown:
        raise DataValidationError("job.bad_params", option=unknown[0])
    kind = check_choice("kind", params.get("kind"), ALL_KINDS)
    file = params.get("file")
    if not isinstance(file, str) or not file or not Path(file).is_file():
        raise ImportFileError("job.no_file", file=str(file))
    sheet = params.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise DataValidationError("job.bad_params", option="sheet")
    mapping = params.get("mapping") or {}
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise DataValidationError("job.bad_params", option="mapping")
    checked = {"kind": kind, "file": file, "sheet": sheet, "mapping": dict(mapping)}
    upload = params.get("upload")
    if upload is not None:
        if not isinstance(upload, str) or Path(file).parent.name != upload:
            raise DataValidationError("job.bad_params", option="upload")
        checked["upload"] = upload
    return checked


def run_import_job(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """The runner of an ``import`` job: :func:`import_file` with the job's parameters; the
    result is the import's own ``to_dict()`` (what the store now holds)."""
    checked = check_import_job(params)
    folder = Path(checked["file"]).parent if checked.get("upload") else None
    try:
        outcome = import_file(
            db,
            kind=checked["kind"],
            file=checked["file"],
            sheet=checked["sheet"],
            mapping=checked["mapping"],
            progress=lambda _stage, fraction: progress(fraction),
        )
    except BaseException:
        if folder is not None and (folder / "committed.json").is_file():
            # not imported: the upload waits again, to be committed anew or discarded
            os.replace(folder / "committed.json", folder / "preview.json")
        raise
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)  # imported: the upload is done
    return dict(outcome.to_dict())

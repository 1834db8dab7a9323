"""Uploaded files waiting to be imported: saved, checked and previewed before anything is
stored, then committed as an import job or discarded (docs/web.md §4).

:func:`save_upload` writes the file under the uploads folder (one folder per upload,
named by a random token) and reads it with the importer's own pipeline *without
writing to the store* (:func:`custvalue.data.preparing.prepare` for the ledger,
:func:`custvalue.data.surveys.read_kind_table` for the other kinds): the rows it would
import, a sample of them, every refused row (line, column, value, reason) and the
headers as resolved. A file that cannot be read at all (a required column missing, an
encoding it cannot decode) is refused with the importer's message and nothing is kept.
The preview is stored beside the file, so it is shown again on a reload;
:func:`commit_upload` queues the import job (which rereads and checks the file, and
checks it against the store: an order of an unknown customer is refused then, and
named in the job's result), :func:`discard_upload` deletes the file.

Rows refused by the preview are stored as codes with their parameters and put in words
when shown, in the reader's language.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError, ImportFileError, NotFoundError
from custvalue.i18n import t

if TYPE_CHECKING:
    from custvalue.app.jobs import Job
    from custvalue.app.users import User
    from custvalue.data.db import Database

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Upload",
    "commit_upload",
    "copy_stream",
    "discard_upload",
    "get_upload",
    "list_uploads",
    "parse_mapping",
    "safe_file_name",
    "save_upload",
    "uploads_folder",
]

#: the largest file an upload may be (bytes)
MAX_BYTES = 512 * 2**20
#: the files the importer reads
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
#: good rows shown in the preview, refused rows kept in it
SAMPLE_ROWS = 20
KEPT_REJECTIONS = 1000
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CHUNK = 2**20


@dataclass(frozen=True)
class Upload(Result):
    """A file waiting to be imported, with its preview."""

    token: str
    kind: str
    file_name: str
    path: Path
    size: int
    uploaded_at: datetime
    uploaded_by: str | None
    sheet: str | None
    mapping: dict[str, str]
    encoding: str
    total_rows: int
    good_rows: int
    duplicates: int
    rejected_total: int
    rejected: list[dict[str, Any]]
    column_map: dict[str, str]
    ignored_columns: list[str]
    sample: list[dict[str, Any]] = field(default_factory=list)

    def rejected_rows(self, lang: str | None = None) -> list[dict[str, Any]]:
        """The refused rows with their reasons in ``lang``."""
        out = []
        for r in self.rejected:
            params = {"value": r["value"], "column": r["column"], **(r.get("params") or {})}
            try:
                reason = t(r["code"], lang=lang, **params)
            except Exception:  # noqa: BLE001 - a code that has left the catalogs
                reason = str(r["code"])
            out.append({**r, "reason": reason})
        return out

    def data(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "kind": self.kind,
            "file_name": self.file_name,
            "size": self.size,
            "uploaded_at": self.uploaded_at,
            "uploaded_by": self.uploaded_by,
            "sheet": self.sheet,
            "mapping": self.mapping,
            "encoding": self.encoding,
            "total_rows": self.total_rows,
            "good_rows": self.good_rows,
            "duplicates": self.duplicates,
            "rejected_total": self.rejected_total,
            "rejected": [
                {k: v for k, v in r.items() if k != "params"} for r in self.rejected_rows()
            ],
            "column_map": self.column_map,
            "ignored_columns": self.ignored_columns,
            "sample": self.sample,
        }


def uploads_folder(db_url: str) -> Path:
    """Where the uploads of the store at ``db_url`` wait: ``$CUSTVALUE_UPLOADS``, else a
    folder beside a DuckDB file (``<file>.uploads``), else one in the system's temporary
    folder for a PostgreSQL store (the workers must see it: on several machines, set
    ``CUSTVALUE_UPLOADS`` to a shared folder)."""
    from custvalue.data.db import dialect_of, resolve_url

    given = os.environ.get("CUSTVALUE_UPLOADS")
    if given:
        return Path(given)
    resolved = resolve_url(db_url)
    if dialect_of(resolved) == "duckdb" and resolved != ":memory:":
        return Path(resolved).with_name(Path(resolved).name + ".uploads")
    return Path(tempfile.gettempdir()) / "custvalue-uploads"


def parse_mapping(text: str | None) -> dict[str, str]:
    """``header = column`` pairs, one per line or separated by commas or ``；``/``，``
    (as ``--map`` takes them); refused by line when a pair has no ``=``."""
    mapping: dict[str, str] = {}
    for n, piece in enumerate(re.split(r"[\n,，;；]", text or ""), start=1):
        piece = piece.strip()
        if not piece:
            continue
        header, sep, column = piece.partition("=")
        if not sep or not header.strip() or not column.strip():
            raise DataValidationError(
                "error.option",
                option="mapping",
                value=piece[:80],
                reason=t("upload.reason_mapping", n=n),
                hint=t("upload.hint_mapping"),
            )
        mapping[header.strip()] = column.strip()
    return mapping


def safe_file_name(name: str) -> str:
    """An uploaded file's name without folders or characters a file system refuses."""
    base = Path(name.replace("\\", "/")).name.strip() or "upload"
    cleaned = re.sub(r"[\x00-\x1f/:*?\"<>|]+", "_", base)
    return cleaned[-120:]


def copy_stream(source: IO[bytes], target: Path, file_name: str) -> int:
    """Copy ``source`` to ``target`` in chunks; refuse an empty one or one larger than
    :data:`MAX_BYTES` (``file_name`` names it in the message). Returns the size."""
    size = 0
    with open(target, "wb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:
                raise ImportFileError(
                    "upload.too_large", file=file_name, limit=f"{MAX_BYTES // 2**20} MB"
                )
            out.write(chunk)
    if size == 0:
        raise ImportFileError("upload.empty", file=file_name)
    return size


def _checked(kind: str, path: Path, sheet: str | None, mapping: dict[str, str]) -> dict[str, Any]:
    """The preview of ``path``: what the importer would keep and refuse (no store)."""
    from custvalue.app.imports import LEDGER_KINDS
    from custvalue.output import jsonable

    if kind in LEDGER_KINDS:
        from custvalue.data.preparing import prepare

        batch = prepare(kind, path, sheet=sheet, mapping=mapping or None)  # type: ignore[arg-type]
        good, rejected, duplicates = batch.rows, batch.rejected, batch.duplicates_in_file
        encoding, total, column_map = batch.encoding, batch.total_rows, batch.column_map
        ignored = list(batch.ignored_columns)
    else:
        from custvalue.data.surveys import read_kind_table

        checked = read_kind_table(kind, path, sheet=sheet, mapping=mapping or None)
        good, rejected, duplicates = checked.rows, checked.rejected, checked.duplicates
        encoding, total, column_map = checked.encoding, checked.total_rows, checked.column_map
        ignored = []
    sample = good.drop([c for c in good.columns if c.startswith("_")]).head(SAMPLE_ROWS)
    return {
        "encoding": encoding,
        "total_rows": int(total),
        "good_rows": int(good.height),
        "duplicates": int(duplicates),
        "rejected_total": len(rejected),
        "rejected": jsonable(
            [
                {
                    "line": r.line,
                    "column": r.column,
                    "value": r.value,
                    "code": r.reason,
                    "params": dict(r.params),
                }
                for r in rejected[:KEPT_REJECTIONS]
            ]
        ),
        "column_map": dict(column_map),
        "ignored_columns": ignored,
        "sample": rows(sample),
    }


def save_upload(
    db_url: str,
    *,
    kind: str,
    file_name: str,
    content: IO[bytes],
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    by: User | None,
    now: datetime,
) -> Upload:
    """Save ``content`` as an upload of ``kind`` and check it; nothing is stored in the
    database. An unreadable file is refused (``ImportFileError``) and not kept."""
    from custvalue._validation import check_choice
    from custvalue.data.kinds import ALL_KINDS

    check_choice("kind", kind, ALL_KINDS)
    name = safe_file_name(file_name)
    if Path(name).suffix.lower() not in SUFFIXES:
        raise ImportFileError("upload.suffix", file=name, allowed=", ".join(SUFFIXES))
    token = secrets.token_urlsafe(18)
    folder = uploads_folder(db_url) / token
    folder.mkdir(parents=True, exist_ok=False)
    try:
        path = folder / name
        size = copy_stream(content, path, name)
        preview = _checked(kind, path, sheet or None, dict(mapping or {}))
        meta = {
            "token": token,
            "kind": kind,
            "file_name": name,
            "size": size,
            "uploaded_at": now.isoformat(),
            "uploaded_by": by.name if by else None,
            "user_id": by.user_id if by else None,
            "sheet": sheet or None,
            "mapping": dict(mapping or {}),
            **preview,
        }
        (folder / "preview.json").write_text(
            json.dumps(meta, ensure_ascii=False, default=str), encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _load(folder)


def _load(folder: Path) -> Upload:
    meta = json.loads((folder / "preview.json").read_text(encoding="utf-8"))
    return Upload(
        token=meta["token"],
        kind=meta["kind"],
        file_name=meta["file_name"],
        path=folder / meta["file_name"],
        size=int(meta["size"]),
        uploaded_at=datetime.fromisoformat(meta["uploaded_at"]),
        uploaded_by=meta.get("uploaded_by"),
        sheet=meta.get("sheet"),
        mapping=dict(meta.get("mapping") or {}),
        encoding=meta["encoding"],
        total_rows=int(meta["total_rows"]),
        good_rows=int(meta["good_rows"]),
        duplicates=int(meta["duplicates"]),
        rejected_total=int(meta["rejected_total"]),
        rejected=list(meta["rejected"]),
        column_map=dict(meta["column_map"]),
        ignored_columns=list(meta["ignored_columns"]),
        sample=list(meta["sample"]),
    )


def _folder(db_url: str, token: str) -> Path:
    folder = uploads_folder(db_url) / token
    if not _TOKEN.match(token) or not (folder / "preview.json").is_file():
        raise NotFoundError("upload.not_found", token=token[:64])
    return folder


def get_upload(db_url: str, *, token: str) -> Upload:
    """The upload ``token`` (``upload.not_found`` if it was committed, discarded or never
    was)."""
    return _load(_folder(db_url, token))


def list_uploads(db_url: str) -> list[Upload]:
    """The uploads waiting, newest first."""
    root = uploads_folder(db_url)
    found: Iterator[Path] = root.iterdir() if root.is_dir() else iter(())
    waiting = [_load(f) for f in found if (f / "preview.json").is_file() and _TOKEN.match(f.name)]
    return sorted(waiting, key=lambda u: u.uploaded_at, reverse=True)


def discard_upload(db_url: str, *, token: str) -> None:
    """Delete the upload ``token`` and its preview."""
    shutil.rmtree(_folder(db_url, token), ignore_errors=True)


def commit_upload(db: Database, *, token: str, by: User | None, now: datetime) -> Job:
    """Queue the import of the upload ``token`` (an ``import`` job); the file is deleted
    by the job once it is imported. The preview is dropped at once: a second commit of
    the same upload is refused (``upload.not_found``), so nothing is imported twice."""
    from custvalue.app import jobs

    folder = _folder(db.url, token)
    upload = _load(folder)
    claimed = folder / "preview.json"
    committed = folder / "committed.json"
    try:
        os.replace(claimed, committed)  # atomic: one commit wins
    except FileNotFoundError:
        raise NotFoundError("upload.not_found", token=token) from None
    try:
        return jobs.submit(
            db,
            kind="import",
            params={
                "kind": upload.kind,
                "file": str(upload.path),
                "sheet": upload.sheet,
                "mapping": upload.mapping,
                "upload": token,
            },
            by=by,
            now=now,
        )
    except BaseException:
        os.replace(committed, claimed)  # not queued: the upload waits again
        raise

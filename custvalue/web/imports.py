"""Imports on screen and in the API: upload a file, see what would be imported and what
refused **before** anything is stored, then commit (an import job) or discard; the
history of every import. The work is :mod:`custvalue.app.uploads` and
:mod:`custvalue.app.imports`; this module parses requests and renders.
"""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
from fastapi import Depends, FastAPI, File, Form, Path, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from custvalue.app import uploads
from custvalue.app.imports import LEDGER_KINDS, count_imports, import_history
from custvalue.exceptions import CustValueError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.errors import status_of
from custvalue.web.jobs import JobOut, job_out
from custvalue.web.paging import Page, PageQuery, encode_cursor, page_query
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["kind_label", "register"]

NOTICES = ("discarded",)
_Token = Annotated[str, Path(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class UploadOut(BaseModel):
    """A file waiting to be imported: what would be imported and what refused."""

    token: str
    kind: str
    file_name: str
    size: int
    uploaded_at: str
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
    sample: list[dict[str, Any]]


class ImportOut(BaseModel):
    """One import of the history."""

    import_id: int
    kind: str
    file_name: str | None
    rows_total: int | None
    imported: int | None
    updated: int | None
    duplicates: int | None
    rejected: int | None
    customers_created: int | None
    imported_at: str | None


def kind_label(kind: str) -> str:
    """A kind of table as a user reads it."""
    from custvalue.i18n import has_key

    keys = (f"cli.kind_{kind}", f"survey.kind_{kind}", f"voice.kind_{kind}", f"imports.kind_{kind}")
    for key in keys:
        if has_key(key):
            return t(key)
    return kind


def _kinds() -> list[tuple[str, str]]:
    from custvalue.data.kinds import ALL_KINDS

    return [(k, kind_label(k)) for k in ALL_KINDS]


def _config_url(request: Request) -> str:
    url: str = request.scope["state"]["config"].db_url
    return url


def _history_view(db: Database) -> TableView:
    frame = import_history(db).imports.sort("import_id", descending=True)
    frame = frame.with_columns(
        pl.col("kind")
        .cast(pl.String)
        .replace_strict({k: label for k, label in _kinds()}, default=pl.col("kind").cast(pl.String))
    )
    return table_view(
        frame,
        name="imports",
        title=t("imports.history"),
        kinds={"import_id": "id", "kind": "text", "imported_at": "datetime"},
    )


def _imports_page(
    request: Request,
    db: Database,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    history = _history_view(db)
    if (answer := exported(request, [history])) is not None:
        return answer
    notice = request.query_params.get("notice")
    context = {
        "history": history,
        "waiting": uploads.list_uploads(_config_url(request)),
        "kinds": _kinds(),
        "kind_label": kind_label,
        "error": error,
        "form": form or {"kind": "customers", "sheet": "", "mapping": ""},
        "notice": t(f"imports.notice_{notice}") if notice in NOTICES else None,
        "max_mb": uploads.MAX_BYTES // 2**20,
        "suffixes": ", ".join(uploads.SUFFIXES),
    }
    return render(request, "imports.html", context, status_code=status_code)


def _upload_views(upload: uploads.Upload, lang: str) -> list[TableView]:
    rejected = pl.DataFrame(
        [
            {"line": r["line"], "column": r["column"], "value": r["value"], "reason": r["reason"]}
            for r in upload.rejected_rows(lang)
        ],
        schema={"line": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String},
    )
    from custvalue.formatting import column_label

    headers = pl.DataFrame(
        {
            "header": list(upload.column_map),
            "column": [f"{column_label(c)} · {c}" for c in upload.column_map.values()],
        },
        schema={"header": pl.String, "column": pl.String},
    )
    sample = pl.DataFrame(upload.sample) if upload.sample else pl.DataFrame()
    return [
        table_view(
            rejected,
            name="rejected",
            title=t("imports.rejected_table"),
            kinds={"line": "id", "column": "text", "value": "text", "reason": "text"},
            labels={
                "line": t("imports.col_line"),
                "column": t("imports.col_column"),
                "value": t("imports.col_value"),
                "reason": t("imports.col_reason"),
            },
            total=upload.rejected_total,
        ),
        table_view(
            headers,
            name="headers",
            title=t("imports.headers_table"),
            kinds={"header": "text", "column": "text"},
            labels={"header": t("imports.col_header"), "column": t("imports.col_as")},
        ),
        table_view(
            sample,
            name="sample",
            title=t("imports.sample_table", n=len(upload.sample)),
            kinds={c: "text" for c in sample.columns if sample.schema[c] == pl.String},
        ),
    ]


def _out(upload: uploads.Upload) -> UploadOut:
    return UploadOut(**upload.to_dict())


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/imports", include_in_schema=False)
    def imports_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        return _imports_page(request, db)

    @app.post("/imports", include_in_schema=False)
    def upload_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        file: Annotated[UploadFile, File()],
        kind: Annotated[str, Form(max_length=40)] = "customers",
        sheet: Annotated[str, Form(max_length=200)] = "",
        mapping: Annotated[str, Form(max_length=5000)] = "",
    ) -> Response:
        form = {"kind": kind, "sheet": sheet, "mapping": mapping}
        try:
            upload = uploads.save_upload(
                _config_url(request),
                kind=kind,
                file_name=file.filename or "upload",
                content=file.file,
                sheet=sheet.strip() or None,
                mapping=uploads.parse_mapping(mapping),
                by=caller(request).user,
                now=request.scope["state"]["config"].clock(),
            )
        except CustValueError as error:
            return _imports_page(
                request, db, error=error.message(), form=form, status_code=status_of(error)
            )
        return RedirectResponse(f"/imports/uploads/{upload.token}", status_code=303)

    @app.get("/imports/uploads/{token}", include_in_schema=False)
    def preview_page(request: Request, token: _Token) -> Response:
        upload = uploads.get_upload(_config_url(request), token=token)
        views = _upload_views(upload, caller(request).lang)
        if (answer := exported(request, views)) is not None:
            return answer
        context = {
            "upload": upload,
            "views": views,
            "kind_text": kind_label(upload.kind),
            "ledger": upload.kind in LEDGER_KINDS,
            "kept_as_attributes": any("attributes" in row for row in upload.sample[:1]),
        }
        return render(request, "upload.html", context)

    @app.post("/imports/uploads/{token}/commit", include_in_schema=False)
    def commit_page(
        request: Request, db: Annotated[Database, Depends(get_db)], token: _Token
    ) -> Response:
        job = uploads.commit_upload(
            db, token=token, by=caller(request).user, now=request.scope["state"]["config"].clock()
        )
        return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)

    @app.post("/imports/uploads/{token}/discard", include_in_schema=False)
    def discard_page(request: Request, token: _Token) -> Response:
        uploads.discard_upload(_config_url(request), token=token)
        return RedirectResponse("/imports?notice=discarded", status_code=303)

    @app.get("/api/v1/imports", summary="The imports, newest first", responses=ERROR_RESPONSES)
    def imports_api(
        page: Annotated[PageQuery, Depends(page_query)],
        db: Annotated[Database, Depends(get_db)],
    ) -> Page[ImportOut]:
        from custvalue.exceptions import DataValidationError

        before = page.after
        if before is not None and (not isinstance(before, int) or isinstance(before, bool)):
            raise DataValidationError("api.bad_cursor", cursor=str(before)[:100])
        frame = import_history(db).imports.sort("import_id", descending=True)
        if before is not None:
            frame = frame.filter(pl.col("import_id") < before)
        shown = frame.head(page.limit)
        more = frame.height > page.limit
        items = [ImportOut(**row) for row in _rows(shown)]
        return Page[ImportOut](
            items=items,
            next=encode_cursor(items[-1].import_id) if more and items else None,
            total=count_imports(db),
        )

    @app.post(
        "/api/v1/imports/uploads",
        summary="Upload a file and check it: what would be imported and what refused",
        status_code=201,
        responses=ERROR_RESPONSES,
    )
    def upload_api(
        request: Request,
        file: Annotated[UploadFile, File()],
        kind: Annotated[str, Form(max_length=40)],
        sheet: Annotated[str | None, Form(max_length=200)] = None,
        mapping: Annotated[str | None, Form(max_length=5000)] = None,
    ) -> UploadOut:
        return _out(
            uploads.save_upload(
                _config_url(request),
                kind=kind,
                file_name=file.filename or "upload",
                content=file.file,
                sheet=sheet or None,
                mapping=uploads.parse_mapping(mapping),
                by=caller(request).user,
                now=request.scope["state"]["config"].clock(),
            )
        )

    @app.get(
        "/api/v1/imports/uploads/{token}",
        summary="A file waiting to be imported, with its check",
        responses=ERROR_RESPONSES,
    )
    def get_upload_api(request: Request, token: _Token) -> UploadOut:
        return _out(uploads.get_upload(_config_url(request), token=token))

    @app.post(
        "/api/v1/imports/uploads/{token}/commit",
        summary="Import a checked upload (queues an import job)",
        status_code=202,
        responses=ERROR_RESPONSES,
    )
    def commit_api(
        request: Request, db: Annotated[Database, Depends(get_db)], token: _Token
    ) -> JobOut:
        return job_out(
            uploads.commit_upload(
                db,
                token=token,
                by=caller(request).user,
                now=request.scope["state"]["config"].clock(),
            )
        )

    @app.post(
        "/api/v1/imports/uploads/{token}/discard",
        summary="Discard an upload without importing it",
        status_code=204,
        responses=ERROR_RESPONSES,
    )
    def discard_api(request: Request, token: _Token) -> Response:
        uploads.discard_upload(_config_url(request), token=token)
        return Response(status_code=204)


def _rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    from custvalue.app.results import rows

    return rows(frame)

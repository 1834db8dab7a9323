"""Jobs on screen and in the API: the list, one job with its progress bar and outcome,
cancelling a queued one.

A job's page survives a reload: everything it shows is read from the store
(:mod:`custvalue.app.jobs`); while the job runs, ``static/app.js`` asks
``/api/v1/jobs/{id}`` once a second and moves the bar, and reloads the page when the job
has ended, so the outcome is rendered by the server in the page's language.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from custvalue.app import jobs
from custvalue.exceptions import DataValidationError
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.paging import Page, PageQuery, encode_cursor, page_query
from custvalue.web.store import Database
from custvalue.web.templating import render

__all__ = ["JobOut", "job_out", "register"]

PAGE = 50
#: what a job's result shows on its page, by kind: (key, kind of value)
RESULT_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "import": (
        ("rows", "count"),
        ("imported", "count"),
        ("updated", "count"),
        ("duplicates", "count"),
        ("rejected", "count"),
        ("import_id", "id"),
    ),
    "snapshot": (("customers", "count"), ("as_of", "date"), ("seconds", "ratio")),
    "clv_score": (("run_id", "id"), ("scored", "count"), ("horizon", "count")),
    "clv_validate": (("holdout_customers", "count"),),
}


class JobOut(BaseModel):
    """One job: what, who, when, its state and progress, its result or its error."""

    job_id: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    progress: float
    created_by_name: str | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    finished: bool
    result: dict[str, Any] | None
    error: dict[str, Any] | None


def job_out(job: jobs.Job) -> JobOut:
    """``job`` as the API answers it, labels in the request's language."""
    data = job.to_dict()
    return JobOut(
        job_id=job.job_id,
        kind=job.kind,
        kind_label=jobs.kind_label(job.kind),
        state=job.state,
        state_label=jobs.state_label(job.state),
        progress=job.progress,
        created_by_name=job.created_by_name,
        created_at=data["created_at"],
        started_at=data["started_at"],
        finished_at=data["finished_at"],
        finished=job.finished,
        result=data["result"],
        error=data["error"],
    )


def _result_lines(job: jobs.Job) -> list[tuple[str, Any, str]]:
    """The result's figures the page shows: (label, value, kind)."""
    from custvalue.formatting import column_label

    result = job.result or {}
    fields = RESULT_FIELDS.get(job.kind, ())
    return [
        (column_label(key), len(value) if isinstance(value, list) else value, kind)
        for key, kind in fields
        if (value := result.get(key)) is not None
    ]


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/jobs", include_in_schema=False)
    def jobs_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    ) -> Response:
        found = jobs.list_jobs(db, limit=PAGE + 1, before=before)
        shown = found[:PAGE]
        context = {
            "jobs": shown,
            "total": jobs.count_jobs(db),
            "next_before": shown[-1].job_id if len(found) > PAGE else None,
            "kind_label": jobs.kind_label,
            "state_label": jobs.state_label,
        }
        return render(request, "jobs.html", context)

    @app.get("/jobs/{job_id}", include_in_schema=False)
    def job_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        job_id: Annotated[int, Path(ge=1, le=2**62)],
    ) -> Response:
        job = jobs.get_job(db, job_id=job_id)
        context = {
            "job": job,
            "kind_label": jobs.kind_label,
            "state_label": jobs.state_label,
            "result_lines": _result_lines(job),
            "error_text": job.error_message(caller(request).lang),
        }
        return render(request, "job.html", context)

    @app.post("/jobs/{job_id}/cancel", include_in_schema=False)
    def cancel_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        job_id: Annotated[int, Path(ge=1, le=2**62)],
    ) -> Response:
        config = request.scope["state"]["config"]
        jobs.cancel(db, job_id=job_id, by=caller(request).user, now=config.clock())
        return RedirectResponse(f"/jobs/{job_id}", status_code=303)

    @app.get("/api/v1/jobs", summary="The jobs, newest first", responses=ERROR_RESPONSES)
    def list_jobs_api(
        page: Annotated[PageQuery, Depends(page_query)],
        db: Annotated[Database, Depends(get_db)],
    ) -> Page[JobOut]:
        before = page.after
        if before is not None and (not isinstance(before, int) or isinstance(before, bool)):
            raise DataValidationError("api.bad_cursor", cursor=str(before)[:100])
        found = jobs.list_jobs(db, limit=page.limit + 1, before=before)
        shown = found[: page.limit]
        more = len(found) > page.limit
        return Page[JobOut](
            items=[job_out(j) for j in shown],
            next=encode_cursor(shown[-1].job_id) if more and shown else None,
            total=jobs.count_jobs(db),
        )

    @app.get("/api/v1/jobs/{job_id}", summary="One job", responses=ERROR_RESPONSES)
    def get_job_api(
        job_id: Annotated[int, Path(ge=1, le=2**62)],
        db: Annotated[Database, Depends(get_db)],
    ) -> JobOut:
        return job_out(jobs.get_job(db, job_id=job_id))

    @app.post(
        "/api/v1/jobs/{job_id}/cancel",
        summary="Cancel a job still waiting",
        responses=ERROR_RESPONSES,
    )
    def cancel_api(
        request: Request,
        job_id: Annotated[int, Path(ge=1, le=2**62)],
        db: Annotated[Database, Depends(get_db)],
    ) -> JobOut:
        config = request.scope["state"]["config"]
        return job_out(jobs.cancel(db, job_id=job_id, by=caller(request).user, now=config.clock()))

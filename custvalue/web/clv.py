"""Predictive CLV in the workbench: the scored run behind the figures, the customers of
highest CLV, a scoring run and a holdout validation started as jobs, and the
validation's charts (tracking with the calibration end, holdout purchases by frequency,
the P(alive) and expected-purchases matrices) with its metrics.

The work is :mod:`custvalue.app.clv` (``clv_score`` and ``clv_validate`` jobs); a
scoring run's success refreshes the snapshot, so the customer pages show the new CLV.
"""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
from fastapi import Depends, FastAPI, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from custvalue.app import clv, jobs, snapshots
from custvalue.exceptions import CustValueError, NotFoundError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.errors import status_of
from custvalue.web.jobs import JobOut, job_out
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["register"]

TOP = 20
UNITS = ("week", "month", "day")


class ScoreIn(BaseModel):
    """A scoring run: the model, the time unit and the CLV's terms."""

    model: str = "bgnbd"
    unit: str = "week"
    calibration_end: str | None = None
    horizon: float = 52.0
    discount: float = 0.1
    margin: float | None = None


class ValidateIn(BaseModel):
    """A holdout validation: fit up to ``calibration_end``, compare up to
    ``observation_end`` (default: the latest order)."""

    model: str = "bgnbd"
    unit: str = "week"
    calibration_end: str
    observation_end: str | None = None


class LatestRunOut(BaseModel):
    """The newest scored run (``run`` null: none yet)."""

    run: dict[str, Any] | None
    params: dict[str, float]
    spend_params: dict[str, float]
    scored: int


def _now(request: Request) -> Any:
    return request.scope["state"]["config"].clock()


def _top_view(db: Database, lang: str) -> TableView:
    page = snapshots.customer_list(db, sort="clv", limit=TOP)
    frame = page.customers.select(
        "customer_id", "name", "segment", "orders", "p_alive", "clv", "realized_value"
    )
    labels = snapshots.code_labels(lang)["segment"]
    frame = frame.with_columns(
        pl.col("segment").cast(pl.String).replace_strict(labels, default=pl.col("segment"))
    )
    return table_view(
        frame,
        name="top_clv",
        title=t("clvpage.top_table", n=TOP),
        kinds={"segment": "text", "p_alive": "share"},
        money=("clv", "realized_value"),
        labels={"segment": t("col.segment_label")},
        links={"customer_id": "/customers/{customer_id}"},
    )


def _params_view(latest: clv.LatestRun) -> TableView:
    names = list(latest.params) + list(latest.spend_params)
    values = list(latest.params.values()) + list(latest.spend_params.values())
    models = [t("clvpage.purchase_model")] * len(latest.params) + [t("clvpage.spend_model")] * len(
        latest.spend_params
    )
    frame = pl.DataFrame(
        {"model": models, "parameter": names, "value": values},
        schema={"model": pl.String, "parameter": pl.String, "value": pl.Float64},
    )
    return table_view(
        frame,
        name="params",
        title=t("clvpage.params_table"),
        kinds={"model": "text", "parameter": "text", "value": "ratio"},
        labels={
            "model": t("clvpage.col_model"),
            "parameter": t("clvpage.col_parameter"),
            "value": t("clvpage.col_value"),
        },
    )


def _clv_page(
    request: Request,
    db: Database,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    lang = caller(request).lang
    latest = clv.latest_run(db)
    views = [_params_view(latest), _top_view(db, lang)] if not latest.is_empty else []
    if (answer := exported(request, views)) is not None:
        return answer
    validations = [j for j in jobs.list_jobs(db, limit=200) if j.kind == "clv_validate"][:10]
    context = {
        "latest": latest,
        "views": views,
        "validations": validations,
        "models": clv.MODELS,
        "units": UNITS,
        "error": error,
        "form": form or {},
        "state_label": jobs.state_label,
    }
    return render(request, "clv.html", context, status_code=status_code)


def _submit_form(
    request: Request, db: Database, kind: str, form_name: str, params: dict[str, Any]
) -> Response:
    """Queue the form's job and go to its page; a refused form comes back with the error
    and what was typed."""
    try:
        job = jobs.submit(db, kind=kind, params=params, by=caller(request).user, now=_now(request))
    except CustValueError as error:
        form = {f"{form_name}_{k}": str(v or "") for k, v in params.items()}
        return _clv_page(
            request, db, error=error.message(), form=form, status_code=status_of(error)
        )
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/clv", include_in_schema=False)
    def clv_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        return _clv_page(request, db)

    @app.post("/clv/score", include_in_schema=False)
    def score_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        model: Annotated[str, Form(max_length=20)] = "bgnbd",
        unit: Annotated[str, Form(max_length=20)] = "week",
        calibration_end: Annotated[str, Form(max_length=20)] = "",
        horizon: Annotated[str, Form(max_length=30)] = "52",
        discount: Annotated[str, Form(max_length=30)] = "0.1",
        margin: Annotated[str, Form(max_length=30)] = "",
    ) -> Response:
        params = {
            "model": model,
            "unit": unit,
            "calibration_end": calibration_end or None,
            "horizon": horizon,
            "discount": discount,
            "margin": margin or None,
        }
        return _submit_form(request, db, "clv_score", "score", params)

    @app.post("/clv/validate", include_in_schema=False)
    def validate_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        model: Annotated[str, Form(max_length=20)] = "bgnbd",
        unit: Annotated[str, Form(max_length=20)] = "week",
        calibration_end: Annotated[str, Form(max_length=20)] = "",
        observation_end: Annotated[str, Form(max_length=20)] = "",
    ) -> Response:
        params = {
            "model": model,
            "unit": unit,
            "calibration_end": calibration_end or None,
            "observation_end": observation_end or None,
        }
        return _submit_form(request, db, "clv_validate", "validate", params)

    @app.get("/clv/validations/{job_id}", include_in_schema=False)
    def validation_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        job_id: Annotated[int, Path(ge=1, le=2**62)],
    ) -> Response:
        job = jobs.get_job(db, job_id=job_id)
        if job.kind != "clv_validate" or job.state != "done" or not job.result:
            raise NotFoundError("clvpage.no_validation", job_id=job_id)
        lang = caller(request).lang
        result = job.result
        by_frequency = table_view(
            pl.DataFrame(result["by_frequency"]),
            name="by_frequency",
            title=t("clvpage.by_frequency_table"),
        )
        if (answer := exported(request, [by_frequency])) is not None:
            return answer
        figures = result.get("figures", {}).get(lang) or result.get("figures", {}).get("en", [])
        context = {
            "job": job,
            "result": result,
            "metrics": result.get("metrics", {}),
            "figures": list(enumerate(figures)),
            "by_frequency": by_frequency,
        }
        return render(request, "clv_validation.html", context)

    @app.get(
        "/api/v1/clv/runs/latest",
        summary="The newest scored CLV run: model, terms, parameters",
        responses=ERROR_RESPONSES,
    )
    def latest_api(db: Annotated[Database, Depends(get_db)]) -> LatestRunOut:
        return LatestRunOut(**clv.latest_run(db).to_dict())

    @app.post(
        "/api/v1/clv/score",
        summary="Score every customer's CLV (queues a job)",
        status_code=202,
        responses=ERROR_RESPONSES,
    )
    def score_api(
        request: Request, body: ScoreIn, db: Annotated[Database, Depends(get_db)]
    ) -> JobOut:
        return job_out(
            jobs.submit(
                db,
                kind="clv_score",
                params=body.model_dump(),
                by=caller(request).user,
                now=_now(request),
            )
        )

    @app.post(
        "/api/v1/clv/validate",
        summary="Validate a model on a holdout period (queues a job)",
        status_code=202,
        responses=ERROR_RESPONSES,
    )
    def validate_api(
        request: Request, body: ValidateIn, db: Annotated[Database, Depends(get_db)]
    ) -> JobOut:
        return job_out(
            jobs.submit(
                db,
                kind="clv_validate",
                params=body.model_dump(),
                by=caller(request).user,
                now=_now(request),
            )
        )

"""The choice model in the workbench (``/value/choice``): fit a conditional logit as a
job on an uploaded choice file or the bundled TV shop survey, see its weights and
willingness to pay, and the scenario's shares before and after changes
(:mod:`custvalue.app.choice`, the same model ``custvalue choice fit|predict`` fits).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from custvalue.app import jobs
from custvalue.app.choice import ChoiceShares, choice_shares, latest_fit, save_choice_files
from custvalue.exceptions import CustValueError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.errors import status_of
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["register"]

#: change rows the what-if form offers
CHANGE_ROWS = 3
_JOB = Annotated[int | None, Query(ge=1, le=2**62)]
_LIST = Annotated[list[str] | None, Query()]


def _changes(
    alternatives: list[str] | None, attributes: list[str] | None, values: list[str] | None
) -> list[str]:
    """The form's rows (alternative, attribute, value) as ``ALT:ATTR=VALUE``; a row
    without a value is not a change. A value may start with ``+=`` or ``-=``."""
    out = []
    rows = zip(alternatives or [], attributes or [], values or [], strict=False)
    for alternative, attribute, value in rows:
        text = value.strip()
        if not (alternative.strip() and attribute.strip() and text):
            continue
        op = "" if text.startswith(("+=", "-=", "=")) else "="
        out.append(f"{alternative.strip()}:{attribute.strip()}{op}{text}")
    return out


def _views(shares: ChoiceShares) -> list[TableView]:
    fit = shares.fit
    coefficients = fit.coefficients.drop(
        [c for c in ("lower_95", "upper_95") if c in fit.coefficients.columns]
    )
    money = [c for c in ("wtp", "wtp_std_error") if c in coefficients.columns]
    estimates = ("estimate", "std_error", "z_value", "p_value")
    return [
        table_view(
            shares.table if shares.changes else shares.table.rename({"before_share": "share"}),
            name="shares",
            title=t("choicepage.shares_table"),
            percent=("share", "before_share", "after_share", "change_share"),
        ),
        table_view(
            coefficients,
            name="coefficients",
            title=t("choicepage.coefficients_table"),
            kinds={c: "estimate" for c in estimates if c in coefficients.columns},
            money=money,
        ),
        table_view(
            fit.scenario,
            name="scenario",
            title=t("choicepage.scenario_table", file=fit.scenario_file),
        ),
    ]


def _page(
    request: Request,
    db: Database,
    *,
    job_id: int | None,
    changes: list[str],
    form: dict[str, Any],
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    from custvalue.figures.choice import shares_figure

    fit = latest_fit(db, job_id=job_id)
    shares = choice_shares(fit, changes=changes) if fit is not None else None
    views = _views(shares) if shares is not None else []
    if (answer := exported(request, views)) is not None:
        return answer
    fits = [j for j in jobs.list_jobs(db, limit=200) if j.kind == "choice_fit"][:10]
    context = {
        "fit": fit,
        "shares": shares,
        "views": views,
        "figure": shares_figure(shares.table) if shares is not None else None,
        "fits": fits,
        "rows": CHANGE_ROWS,
        "form": form,
        "error": error,
        "state_label": jobs.state_label,
    }
    return render(request, "choice.html", context, status_code=status_code)


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/value/choice", include_in_schema=False)
    def choice_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        job: _JOB = None,
        alt: _LIST = None,
        attr: _LIST = None,
        value: _LIST = None,
    ) -> Response:
        form = {"alt": alt or [], "attr": attr or [], "value": value or []}
        return _page(request, db, job_id=job, changes=_changes(alt, attr, value), form=form)

    @app.post("/value/choice/fit", include_in_schema=False)
    def fit_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        choices: Annotated[UploadFile | None, File()] = None,
        scenario: Annotated[UploadFile | None, File()] = None,
        categorical: Annotated[str, Form(max_length=500)] = "",
        price: Annotated[str, Form(max_length=200)] = "",
        asc: Annotated[str, Form(max_length=5)] = "",
        example: Annotated[str, Form(max_length=20)] = "",
    ) -> Response:
        params: dict[str, Any] = {
            "categorical": categorical.strip() or None,
            "price": price.strip() or None,
            "asc": asc == "on",
        }
        try:
            if example:
                params["example"] = example
            elif choices is not None and choices.filename:
                url = request.scope["state"]["config"].db_url
                extra = (
                    (scenario.filename, scenario.file)
                    if scenario is not None and scenario.filename
                    else None
                )
                params["token"] = save_choice_files(
                    url, choices=(choices.filename, choices.file), scenario=extra
                )
            job = jobs.submit(
                db,
                kind="choice_fit",
                params=params,
                by=caller(request).user,
                now=request.scope["state"]["config"].clock(),
            )
        except CustValueError as error:
            form = {"categorical": categorical, "price": price}
            return _page(
                request,
                db,
                job_id=None,
                changes=[],
                form=form,
                error=error.message(),
                status_code=status_of(error),
            )
        return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)

    @app.get(
        "/api/v1/value/choice",
        summary="The newest (or a named) choice model fit and its scenario's shares",
        responses=ERROR_RESPONSES,
    )
    def choice_api(
        db: Annotated[Database, Depends(get_db)],
        job: _JOB = None,
        change: _LIST = None,
    ) -> dict[str, Any]:
        fit = latest_fit(db, job_id=job)
        if fit is None:
            return {"fit": None, "shares": None}
        return {"fit": fit.to_dict(), "shares": choice_shares(fit, changes=change or []).to_dict()}

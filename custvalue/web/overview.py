"""The overview (``/``) and the snapshot's refresh, as a page and in the API.

The page reads the stored snapshot only (:func:`custvalue.app.snapshots.overview`): the
headline figures, the tier pyramid, the Pareto and whale curves, the RFM heatmap, the
value histogram, and the counts per tier, segment and class as exportable tables; it
says how fresh they are and, for an analyst, offers a refresh (a ``snapshot`` job).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from custvalue.app import jobs, snapshots
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.jobs import JobOut, job_out
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["FreshnessOut", "pending_refresh", "register", "submit_refresh"]

#: the headline figures, in the order the page shows them, with their kinds
KPIS: tuple[tuple[str, str], ...] = (
    ("customers", "count"),
    ("buyers", "count"),
    ("revenue", "money"),
    ("realized_value", "money"),
    ("sustained_value", "money"),
    ("referral_net", "money"),
    ("revenue_last_12m", "money"),
    ("clv", "money"),
    ("top_value_share", "share"),
    ("customers_for_80pct_revenue", "share"),
    ("gini", "ratio"),
    ("loss_makers", "count"),
)


class FreshnessOut(BaseModel):
    """How current the snapshot is."""

    snapshot_id: int | None
    as_of: str | None
    created_at: str | None
    created_by: str | None
    customers: int
    imports_since: int
    clv_run_since: int | None
    stale: bool


class OverviewOut(BaseModel):
    """The overview's pieces (empty lists and no headline before the first snapshot)."""

    freshness: FreshnessOut
    headline: dict[str, Any] | None = None
    pyramid: list[dict[str, Any]] = []
    pareto: list[dict[str, Any]] = []
    pareto_revenue: list[dict[str, Any]] = []
    rfm_grid: list[dict[str, Any]] = []
    histogram: dict[str, Any] | None = None
    tiers: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    classes: list[dict[str, Any]] = []


def pending_refresh(db: Database) -> jobs.Job | None:
    """The snapshot job queued or running, if there is one."""
    for job in jobs.list_jobs(db, limit=20):
        if job.kind == "snapshot" and job.state in ("queued", "running"):
            return job
    return None


def submit_refresh(request: Request, db: Database) -> jobs.Job:
    """A snapshot job for the caller: the one already waiting or running, else a new one."""
    waiting = pending_refresh(db)
    if waiting is not None:
        return waiting
    config = request.scope["state"]["config"]
    return jobs.submit(db, kind="snapshot", params={}, by=caller(request).user, now=config.clock())


def _count_tables(summary: dict[str, Any], lang: str) -> list[TableView]:
    import polars as pl

    labels = snapshots.code_labels(lang)

    def label_of(column: str, code: Any) -> str:
        return labels[column].get(str(code), str(code)) if code else "—"

    views = []
    for key, column in (("tiers", "tier"), ("segments", "segment"), ("classes", "class")):
        found = summary.get(key, [])
        frame = pl.DataFrame(
            {
                column: [label_of(column, r[column]) for r in found],
                "customers": [int(r["customers"]) for r in found],
                "revenue_sum": [r["revenue_sum"] for r in found],
                "value_sum": [r["value_sum"] for r in found],
            },
            schema={
                column: pl.String,
                "customers": pl.Int64,
                "revenue_sum": pl.Float64,
                "value_sum": pl.Float64,
            },
        )
        views.append(
            table_view(
                frame,
                name=key,
                title=t(f"overview.table_{key}"),
                kinds={column: "text"},
                money=("revenue_sum", "value_sum"),
                labels={
                    column: t(f"col.{column}_label"),
                    "revenue_sum": t("col.revenue"),
                    "value_sum": t("col.realized_value"),
                },
            )
        )
    return views


def _figures(summary: dict[str, Any], lang: str) -> list[tuple[str, str, dict[str, Any]]]:
    from custvalue.figures.overview import (
        histogram_figure,
        pareto_figure,
        pyramid_figure,
        rfm_heatmap_figure,
    )

    headline = summary.get("headline", {})
    return [
        ("pyramid", t("overview.pyramid_title"), pyramid_figure(summary["pyramid"], lang)),
        (
            "pareto",
            t("overview.pareto_title"),
            pareto_figure(
                summary.get("pareto", []),
                summary.get("pareto_revenue", []),
                customers_for_80pct=headline.get("customers_for_80pct_revenue"),
                lang=lang,
            ),
        ),
        ("rfm", t("overview.rfm_title"), rfm_heatmap_figure(summary["rfm_grid"], lang)),
        ("histogram", t("overview.histogram_name"), histogram_figure(summary["histogram"], lang)),
    ]


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/", include_in_schema=False)
    def overview_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        who = caller(request)
        found = snapshots.overview(db)
        tables = _count_tables(found.summary, who.lang) if not found.is_empty else []
        if (answer := exported(request, tables)) is not None:
            return answer
        context = {
            "overview": found,
            "fresh": found.freshness,
            "kpis": KPIS,
            "headline": found.summary.get("headline", {}),
            "figures": _figures(found.summary, who.lang) if not found.is_empty else [],
            "tables": tables,
            "pending": pending_refresh(db),
            "store": request.app.state.store_name,
        }
        return render(request, "overview.html", context)

    @app.post("/snapshots/refresh", include_in_schema=False)
    def refresh_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        job = submit_refresh(request, db)
        return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)

    @app.get(
        "/api/v1/overview",
        summary="The overview's figures from the stored snapshot",
        responses=ERROR_RESPONSES,
    )
    def overview_api(db: Annotated[Database, Depends(get_db)]) -> OverviewOut:
        return OverviewOut(**snapshots.overview(db).to_dict())

    @app.get(
        "/api/v1/snapshots/freshness",
        summary="How current the stored snapshot is",
        responses=ERROR_RESPONSES,
    )
    def freshness_api(db: Annotated[Database, Depends(get_db)]) -> FreshnessOut:
        return FreshnessOut(**snapshots.freshness(db).to_dict())

    @app.post(
        "/api/v1/snapshots/refresh",
        summary="Queue a refresh of the snapshot (or give the one waiting)",
        status_code=202,
        responses=ERROR_RESPONSES,
    )
    def refresh_api(request: Request, db: Annotated[Database, Depends(get_db)]) -> JobOut:
        return job_out(submit_refresh(request, db))

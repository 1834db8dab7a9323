"""Loyalty in the workbench: ``/loyalty`` shows the loyalty ladder, the loyalty types
with their value, the kinds of loyalty and the loyalty index, the three lists to act on
and the total customer value ranking, from
:func:`custvalue.app.loyalty.loyalty` and
:func:`~custvalue.app.loyalty.total_customer_value` (what ``custvalue loyalty …`` calls);
``/api/v1/loyalty`` returns the same as JSON."""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import Response

from custvalue.app.loyalty import (
    LISTS,
    index_note,
    kinds_note,
    loyalty,
    total_customer_value,
    total_note,
    unmatched_note,
)
from custvalue.exceptions import NotFoundError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["register"]

#: rows of each list and of the ranking shown on the page (exports hold every row)
SHOWN = 50


def _labelled(frame: pl.DataFrame) -> pl.DataFrame:
    from custvalue.loyalty import DIMENSIONS, KINDS, LOYALTY_TYPES, STAGES

    out = frame
    for column, prefix, codes in (
        ("loyalty_kind", "kind", (*KINDS, "none_held", "not_measured")),
        ("dimension", "dimension", (*DIMENSIONS, "loyalty_index")),
    ):
        if column in out.columns:
            words = {c: t(f"loyalty.{prefix}_{c}") for c in codes}
            out = out.with_columns(pl.col(column).replace_strict(words, default=pl.col(column)))
    if "stage" in out.columns:
        words = {s: t(f"loyalty.stage_{s}") for s in STAGES}
        out = out.with_columns(pl.col("stage").replace_strict(words, default=pl.col("stage")))
    if "loyalty_type" in out.columns:
        kinds = {k: t(f"loyalty.type_{k}") for k in LOYALTY_TYPES}
        out = out.with_columns(
            pl.col("loyalty_type").replace_strict(kinds, default=pl.col("loyalty_type"))
        )
    return out


def _views(result: Any, total: Any, export: bool) -> list[TableView]:
    link = {"customer_id": "/customers/{customer_id}"}
    views = [
        table_view(_labelled(result.stages), name="stages", title=t("loyalty.title_ladder"),
                   percent=("share",)),
        table_view(_labelled(result.types), name="types", title=t("loyalty.title_types"),
                   money=("realized_value",)),
        table_view(_labelled(result.kinds), name="kinds", title=t("loyalty.title_kinds"),
                   money=("realized_value",)),
        table_view(_labelled(result.dimensions), name="index", title=t("loyalty.title_index"),
                   kinds={"mean": "count"}),
    ]  # fmt: skip
    for name in LISTS:
        frame = result.lists[name]
        views.append(
            table_view(
                _labelled(frame if export else frame.head(SHOWN)),
                name=name,
                title=t(f"loyalty.title_{name}"),
                money=("realized_value",),
                percent=("patronage", "p_alive"),
                links=link,
                total=frame.height,
            )
        )
    ranking = total.customers
    views.append(
        table_view(
            ranking if export else ranking.head(SHOWN),
            name="total",
            title=t("loyalty.title_total"),
            kinds={"total": "number", **dict.fromkeys(total.weights, "number")},
            links=link,
            total=ranking.height,
        )
    )
    return views


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/loyalty", include_in_schema=False)
    def loyalty_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        from custvalue.figures.voice import bars_figure, funnel_figure
        from custvalue.loyalty import STAGES

        try:
            result = loyalty(db)
            total = total_customer_value(db)
        except NotFoundError as error:
            if error.code != "loyalty.no_customers":
                raise
            return render(
                request,
                "value_empty.html",
                {"title_key": "loyalty.page_title", "message": error.message()},
            )
        views = _views(result, total, export=request.query_params.get("export") is not None)
        if (answer := exported(request, views)) is not None:
            return answer
        labels = {s: t(f"loyalty.stage_{s}") for s in STAGES}
        dims = result.dimensions.filter(pl.col("mean").is_not_null())
        context = {
            "kinds_note": kinds_note(result),
            "index_note": index_note(result),
            "unmatched": unmatched_note(result),
            "index_figure": bars_figure(
                _labelled(dims)["dimension"].to_list(), dims["mean"].to_list(),
                title=t("loyalty.title_index"), axis="0–100",
            ) if dims.height else None,
            "result": result,
            "views": views,
            "funnel": funnel_figure(result.stages, labels, caller(request).lang),
            "total_note": total_note(total),
            "at_risk_note": t("loyalty.at_risk_needs_clv") if result.clv_run is None else None,
        }  # fmt: skip
        return render(request, "loyalty.html", context)

    @app.get(
        "/api/v1/loyalty",
        summary="Loyalty stages, types, the three lists and the total customer value",
        responses=ERROR_RESPONSES,
    )
    def loyalty_api(
        db: Annotated[Database, Depends(get_db)],
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    ) -> dict[str, Any]:
        result = loyalty(db).to_dict()
        total = total_customer_value(db).to_dict()
        result["lists"] = {name: rows[:limit] for name, rows in result["lists"].items()}
        total["customers"] = total["customers"][:limit]
        return {**result, "total": total, "limit": limit}

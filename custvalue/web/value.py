"""Value to the customer in the workbench: Gale's seven tools on the stored survey
(``/value``), delivered value with its what-if panel (``/value/delivered``) and the
choice model's shares with theirs (``/value/choice``, :mod:`custvalue.web.choice`).

The analyses are :func:`custvalue.app.survey.gale_tools` and
:func:`custvalue.app.delivered.delivered_analysis`, the same the command line's
``custvalue cva …`` and ``custvalue delivered`` call; a page only chooses the scope from
its query (wave, segment, rival; a component's worth in the what-if) and draws.
"""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import Response

from custvalue.app.delivered import RULE_OPTIONS, ComponentWhatIf, Delivered
from custvalue.app.delivered import in_words as in_delivered_words
from custvalue.app.survey import GaleTools, gale_tools, in_words
from custvalue.delivered.components import component_label
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["register"]

_TEXT = Annotated[str | None, Query(max_length=200)]


def _blank(value: str | None) -> str | None:
    """An empty field of a form means "not chosen"."""
    return value.strip() or None if value is not None else None


def _tool_views(tools: GaleTools) -> dict[str, list[TableView]]:
    """Each tool's tables, in words (the export keeps the page's headers and words)."""
    views: dict[str, list[TableView]] = {}
    found = tools.results
    for kind in ("quality", "price"):
        if kind in found:
            prof = found[kind]
            views[kind] = [
                table_view(
                    in_words(prof.overall),
                    name=f"{kind}_overall",
                    title=t("valuepage.overall_table"),
                ),
                table_view(
                    in_words(prof.attributes),
                    name=f"{kind}_attributes",
                    title=t("valuepage.attributes_table"),
                ),
            ]
    if "value_map" in found:
        views["value_map"] = [
            table_view(
                in_words(found["value_map"].points.drop("is_us")),
                name="value_map",
                title=t("cva.chart_value_map"),
            )
        ]
    if "win_loss" in found:
        views["win_loss"] = [
            table_view(
                found["win_loss"].attributes,
                name="win_loss",
                title=t("cli.cva_winloss_title"),
                percent=("won_share", "lost_share"),
            )
        ]
    if "head_to_head" in found:
        views["head_to_head"] = [
            table_view(
                found["head_to_head"].attributes, name="head_to_head", title=t("valuepage.h2h")
            )
        ]
    if "events" in found:
        views["events"] = [
            table_view(in_words(found["events"]), name="events", title=t("cli.cva_events_title"))
        ]
    if "what_who" in found:
        views["what_who"] = [
            table_view(
                in_words(found["what_who"].owners),
                name="what_who",
                title=t("cli.cva_whatwho_title"),
            )
        ]
    if "trend" in found:
        trend = found["trend"].with_columns(
            pl.col("segment").replace("", t("cli.cva_all_segments"))
        )
        views["trend"] = [
            table_view(
                in_words(trend.rename({"segment": "market_segment"})),
                name="trend",
                title=t("valuepage.trend"),
            )
        ]
    return views


def _tool_figures(tools: GaleTools) -> dict[str, dict[str, Any]]:
    from custvalue.figures import cva as charts

    found = tools.results
    figures: dict[str, dict[str, Any]] = {}
    for kind in ("quality", "price"):
        if kind in found:
            figures[kind] = charts.profile_figure(found[kind])
    if "value_map" in found:
        figures["value_map"] = charts.value_map_figure(found["value_map"])
    if "win_loss" in found:
        figures["win_loss"] = charts.win_loss_figure(found["win_loss"])
    if "head_to_head" in found:
        figures["head_to_head"] = charts.head_to_head_figure(found["head_to_head"])
    if "events" in found and "trend" in found:
        figures["events"] = charts.key_events_figure(found["events"], found["trend"])
    if "trend" in found:
        figures["trend"] = charts.trend_figure(found["trend"])
    return figures


_COMPARISON = (
    "segment",
    "rival",
    "our_value",
    "rival_value",
    "gap",
    "winner_difference",
    "v1_v2_ratio",
    "winner_ratio",
    "price_premium",
    "extra_value",
    "value_needed",
    "anderson_pass",
    "max_price",
)
_FLIP = ("rival", "rule", "side", "offering", "component", "current", "flip_at", "change_pct")
_MONEY = ("total_value", "total_cost", "delivered_value", "our_value", "rival_value", "gap")


def _delivered_views(result: Delivered, segment: str) -> list[TableView]:
    """The tables of one segment, in words."""
    parts = result.parts
    mine = pl.col("segment") == segment
    components = result.offerings.filter(mine).select(
        "offering", "component", "kind", "level", "amount", "unit", "per_point", "money"
    )
    return [
        table_view(
            in_delivered_words(
                parts["offerings"]
                .filter(mine)
                .select(
                    "offering",
                    "total_value",
                    "total_cost",
                    "delivered_value",
                    "value_ratio",
                )
                .sort("delivered_value", descending=True)
            ),
            name="offerings",
            title=t("valuepage.offerings_table"),
            money=_MONEY,
        ),
        table_view(
            in_delivered_words(parts["choice"].filter(mine).drop("segment", "tie", "tied")),
            name="choice",
            title=t("valuepage.choice_table"),
            kinds={"winner_value": "number", "runner_up_value": "number"},
        ),
        table_view(
            in_delivered_words(
                parts["comparison"].filter(mine).select(_COMPARISON).drop("segment")
            ),
            name="comparison",
            title=t("valuepage.comparison_table", us=result.us),
            money=(*_MONEY, "price_premium", "extra_value", "value_needed", "max_price"),
        ),
        table_view(
            in_delivered_words(parts["flip"].filter(mine & pl.col("feasible")).select(_FLIP)),
            name="flip",
            title=t("valuepage.flip_table"),
            money=("current", "flip_at"),
            percent=("change_pct",),
        ),
        table_view(
            in_delivered_words(components),
            name="components",
            title=t("valuepage.components_table"),
            kinds={"amount": "number"},
            money=("per_point", "money"),
        ),
    ]


def _verdicts(what: ComponentWhatIf) -> list[tuple[bool, str]]:
    """One sentence per rule: who wins after the change, and by how much."""
    from custvalue.formatting import Kind, format_value

    out = []
    for row in what.choice.iter_rows(named=True):
        kind: Kind = "money" if row["rule"] == "difference" else "ratio"
        rule = t(f"delivered.rule_{row['rule']}")
        tie = t("valuepage.whatif_tie")
        if row["changed"]:
            text = t(
                "valuepage.whatif_flips",
                rule=rule,
                before=row["winner_before"] or tie,
                after=row["winner_after"] or tie,
                margin_after=format_value(row["margin_after"], kind),
            )
        else:
            text = t(
                "valuepage.whatif_stays",
                rule=rule,
                winner=row["winner_after"] or tie,
                margin_before=format_value(row["margin_before"], kind),
                margin_after=format_value(row["margin_after"], kind),
            )
        out.append((bool(row["changed"]), text))
    return out


def _delivered_page(
    request: Request,
    db: Database,
    *,
    segment: str | None,
    rival: str | None,
    rule: str,
    offering: str | None,
    component: str | None,
    amount: str | None,
) -> Response:
    from custvalue.app.delivered import component_what_if
    from custvalue.figures.delivered import delivered_figure, what_if_figure

    try:
        result = _delivered(db, rival=rival, rule=rule)
    except NotFoundError as error:
        if error.code != "delivered.no_offerings":
            raise
        return _nothing_yet(request, "valuepage.delivered_title", error)
    segments = list(dict.fromkeys(result.offerings["segment"].to_list()))
    chosen = _pick_segment(segment, segments)
    views = _delivered_views(result, chosen)
    what = None
    if offering and component and amount is not None:
        what = component_what_if(
            result.offerings,
            segment=chosen,
            offering=offering,
            component=component,
            amount=_amount(amount),
            rule=rule,
        )
        views.append(
            table_view(
                what.offerings,
                name="what_if",
                title=t("valuepage.whatif_table"),
                money=("delivered_value_before", "delivered_value_after", "delivered_change"),
            )
        )
    if (answer := exported(request, views)) is not None:
        return answer
    part = result.offerings.filter(pl.col("segment") == chosen)
    figures = [delivered_figure(result.parts["offerings"], chosen)]
    context = {
        "result": result,
        "segments": segments,
        "segment": chosen,
        "rival": rival,
        "rule": rule,
        "rules": RULE_OPTIONS,
        "rivals": [o for o in dict.fromkeys(part["offering"].to_list()) if o != result.us],
        "offerings": list(dict.fromkeys(part["offering"].to_list())),
        "components": [(c, component_label(c)) for c in dict.fromkeys(part["component"].to_list())],
        "views": views,
        "figures": figures,
        "what": what,
        "component_label": component_label,
        "what_figure": what_if_figure(what.offerings) if what is not None else None,
        "verdicts": _verdicts(what) if what is not None else [],
        "form": {"offering": offering, "component": component, "amount": amount},
    }
    return render(request, "delivered.html", context)


def _delivered(db: Database, **options: Any) -> Delivered:
    """The delivered-value analysis of the offerings in the request's store."""
    from contextlib import nullcontext

    from custvalue.app.delivered import delivered_analysis

    return delivered_analysis(store=lambda: nullcontext(db), **options)


def _nothing_yet(request: Request, title: str, error: NotFoundError) -> Response:
    """A page whose data has not been imported yet: what is missing and where to import it."""
    context = {"title_key": title, "message": error.message()}
    return render(request, "value_empty.html", context)


def _pick_segment(typed: str | None, segments: list[str]) -> str:
    from custvalue.app.delivered import known_value

    if typed is None:
        return segments[0]
    return known_value("segment", typed, segments)


def _amount(text: str) -> float:
    from custvalue.data.parsing import parse_numbers

    value = parse_numbers(pl.Series([text])).values[0]
    if value is None:
        raise DataValidationError("valuepage.whatif_bad_amount", value=text)
    return float(value)


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/value", include_in_schema=False)
    def tools_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        wave: _TEXT = None,
        segment: _TEXT = None,
        rival: _TEXT = None,
        kind: Annotated[str, Query(max_length=20)] = "quality",
    ) -> Response:
        from custvalue.app.survey import TOOLS

        try:
            tools = gale_tools(
                db, wave=_blank(wave), segment=_blank(segment), rival=_blank(rival), kind=kind
            )
        except NotFoundError as error:
            if error.code != "survey.no_ratings":
                raise
            return _nothing_yet(request, "valuepage.title", error)
        views = _tool_views(tools)
        if (answer := exported(request, [v for vs in views.values() for v in vs])) is not None:
            return answer
        context = {
            "tools": tools,
            "order": TOOLS,
            "views": views,
            "figures": _tool_figures(tools),
            "kind": kind,
            "lang": caller(request).lang,
        }
        return render(request, "value.html", context)

    @app.get(
        "/api/v1/value/tools",
        summary="Gale's seven tools and the trend on the stored survey",
        responses=ERROR_RESPONSES,
    )
    def tools_api(
        db: Annotated[Database, Depends(get_db)],
        wave: _TEXT = None,
        segment: _TEXT = None,
        rival: _TEXT = None,
        kind: Annotated[str, Query(max_length=20)] = "quality",
    ) -> dict[str, Any]:
        return gale_tools(
            db, wave=_blank(wave), segment=_blank(segment), rival=_blank(rival), kind=kind
        ).to_dict()

    @app.get("/value/delivered", include_in_schema=False)
    def delivered_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        segment: _TEXT = None,
        rival: _TEXT = None,
        rule: Annotated[str, Query(max_length=20)] = "both",
        offering: _TEXT = None,
        component: _TEXT = None,
        amount: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        return _delivered_page(
            request,
            db,
            segment=_blank(segment),
            rival=_blank(rival),
            rule=rule,
            offering=_blank(offering),
            component=_blank(component),
            amount=_blank(amount),
        )

    @app.get(
        "/api/v1/value/delivered",
        summary="Delivered value of the stored offerings: choice, comparison, flip points",
        responses=ERROR_RESPONSES,
    )
    def delivered_api(
        db: Annotated[Database, Depends(get_db)],
        segment: _TEXT = None,
        rival: _TEXT = None,
        rule: Annotated[str, Query(max_length=20)] = "both",
    ) -> dict[str, Any]:
        return _delivered(db, segment=_blank(segment), rival=_blank(rival), rule=rule).to_dict()

    @app.get(
        "/api/v1/value/delivered/what-if",
        summary="What if one component of one offering changes: value and choice before and after",
        responses=ERROR_RESPONSES,
    )
    def delivered_what_if_api(
        db: Annotated[Database, Depends(get_db)],
        segment: Annotated[str, Query(max_length=200)],
        offering: Annotated[str, Query(max_length=200)],
        component: Annotated[str, Query(max_length=200)],
        amount: Annotated[str, Query(max_length=40)],
        rule: Annotated[str, Query(max_length=20)] = "both",
    ) -> dict[str, Any]:
        from custvalue.app.delivered import component_what_if

        result = _delivered(db, rule=rule)
        return component_what_if(
            result.offerings,
            segment=segment,
            offering=offering,
            component=component,
            amount=_amount(amount),
            rule=rule,
        ).to_dict()

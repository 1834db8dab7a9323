"""What customers say, in the workbench: ``/satisfaction`` draws every survey measure
of :func:`custvalue.app.voice.measure` (the same the command line's ``custvalue survey``
calls) for the chosen wave, segment and grouping; ``/api/v1/satisfaction/{measure}``
returns one of them as JSON. A measure without answers says what to import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import Response

from custvalue.app.voice import (
    BY,
    CHANGE_PERCENT,
    MEASURES,
    NUMBERS,
    PERCENT,
    VoiceMeasure,
    attribute_names,
    by_label,
    change_note,
    in_words,
    measure,
    sentence,
)
from custvalue.exceptions import CustValueError, NotFoundError
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

__all__ = ["register"]

_TEXT = Annotated[str | None, Query(max_length=200)]
#: the page's sections, in order, and the groupings each takes
SECTIONS = ("nps", "csat", "ces", "gaps", "ipa", "drivers", "servqual", "kano")
_GROUPED = ("nps", "csat", "ces", "gaps", "servqual", "ipa", "drivers", "kano")
#: bootstrap resamples of the money interval on the page (the CLI defaults to 100)
WEB_DRAWS = 50


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _views(name: str, result: VoiceMeasure) -> list[TableView]:
    labels = {"group": by_label(result.by)} if result.by else None
    views = [
        table_view(
            in_words(result),
            name=name,
            title=t(f"voice.title_{name}"),
            percent=PERCENT.get(name, ()),
            kinds=dict.fromkeys(NUMBERS, "number"),
            labels=labels,
        )
    ]
    if result.changes is not None:
        views.append(
            table_view(
                in_words(result, result.changes),
                name=f"{name}_changes",
                title=t("voice.title_changes"),
                percent=CHANGE_PERCENT.get(name, ()),
                kinds=dict.fromkeys(NUMBERS, "number"),
                caption=change_note(result),
            )
        )
    return views


def _figure(name: str, result: VoiceMeasure, lang: str) -> dict[str, Any] | None:
    from custvalue.figures.voice import bars_figure, ipa_figure, kano_figure, nps_figure

    table = in_words(result)
    if result.by and name in ("ipa", "drivers", "kano"):
        return None  # one chart per group would crowd the page: the table shows them
    if name == "nps":
        return nps_figure(result.table, lang)
    if name == "gaps" and result.by is None:
        return bars_figure(
            table["attribute"].to_list(), table["satisfaction_gap"].to_list(),
            title=t("voice.title_gaps"), axis=t("col.satisfaction_gap"), signed=True,
        )  # fmt: skip
    if name == "ipa":
        return ipa_figure(
            result.table, result.facts["performance_line"], result.facts["importance_line"], lang
        )
    if name == "drivers":
        return bars_figure(
            table["attribute"].to_list(), [100 * v for v in table["share"].to_list()],
            title=t("voice.title_drivers"), axis=t("voice.drivers_axis"),
        )  # fmt: skip
    if name == "servqual":
        labels = table["dimension"].to_list()
        if "group" in table.columns:  # by wave or segment: one bar per group and dimension
            labels = [f"{g} · {d}" for g, d in zip(table["group"], labels, strict=True)]
        return bars_figure(
            labels, table["satisfaction_gap"].to_list(),
            title=t("voice.title_servqual"), axis=t("col.satisfaction_gap"), signed=True,
        )  # fmt: skip
    if name == "kano":
        return kano_figure(result.table, lang)
    return None


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/satisfaction", include_in_schema=False)
    def satisfaction_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        wave: _TEXT = None,
        segment: _TEXT = None,
        by: Annotated[str | None, Query(max_length=20)] = None,
    ) -> Response:
        lang = caller(request).lang
        by = _blank(by)
        sections: list[dict[str, Any]] = []
        views: list[TableView] = []
        for name in SECTIONS:
            try:
                result = measure(
                    db,
                    name=name,
                    wave=_blank(wave),
                    segment=_blank(segment),
                    by=by if name in _GROUPED else None,
                )
            except NotFoundError as error:
                sections.append({"name": name, "missing": error.message()})
                continue
            except CustValueError as error:
                if error.code in (
                    "cli.cva_unknown_value",
                    "validation.choice",
                    "voice.unknown_by",
                    "voice.by_clash",
                ):
                    raise
                sections.append({"name": name, "error": error.message()})
                continue
            own = _views(name, result)
            views += own
            sections.append(
                {
                    "name": name,
                    "result": result,
                    "views": own,
                    "figure": _figure(name, result, lang),
                    "caption": sentence(result),
                }
            )
        if (answer := exported(request, views)) is not None:
            return answer
        context = {
            "sections": sections,
            "wave": _blank(wave),
            "segment": _blank(segment),
            "by": by,
            "groupings": [
                (g, by_label(g)) for g in (*BY, *(a for a in attribute_names(db) if a not in BY))
            ],
        }
        return render(request, "satisfaction.html", context)

    @app.get("/satisfaction/value", include_in_schema=False)
    def value_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        holdout: Annotated[int, Query(ge=30, le=3650)] = 365,
    ) -> Response:
        import polars as pl

        from custvalue.app.moves import labelled, moves_sentence, value_moves
        from custvalue.figures.voice import bars_figure

        try:
            result = value_moves(db, holdout_days=holdout, draws=WEB_DRAWS)
        except NotFoundError as error:
            return render(
                request,
                "value_empty.html",
                {"title_key": "voice.title_value", "message": error.message()},
            )
        table = labelled(result.table)
        view = table_view(
            table, name="value", title=t("voice.title_value"),
            money=("delta_spend", "delta_low", "delta_high"),
            kinds=dict.fromkeys(
                ("odds_ratio", "odds_low", "odds_high", "purchases_ratio", "spend_ratio"), "ratio"
            ),
        )  # fmt: skip
        if (answer := exported(request, [view])) is not None:
            return answer
        shown = table.filter(pl.col("delta_spend").is_not_null())
        figure = bars_figure(
            shown["predictor"].to_list(), shown["delta_spend"].to_list(),
            title=t("voice.value_chart"), axis=t("col.delta_spend"), signed=True,
        ) if shown.height else None  # fmt: skip
        context = {"result": result, "view": view, "figure": figure,
                   "sentence": moves_sentence(result), "holdout": holdout}  # fmt: skip
        return render(request, "satisfaction_value.html", context)

    @app.get(
        "/api/v1/satisfaction-value",
        summary="What moves value: each satisfaction score against later buying, in money",
        responses=ERROR_RESPONSES,
    )
    def value_api(
        db: Annotated[Database, Depends(get_db)],
        holdout: Annotated[int, Query(ge=30, le=3650)] = 365,
        draws: Annotated[int, Query(ge=0, le=100)] = WEB_DRAWS,
    ) -> dict[str, Any]:
        from custvalue.app.moves import value_moves

        return value_moves(db, holdout_days=holdout, draws=draws).to_dict()

    @app.get(
        "/api/v1/satisfaction/{name}",
        summary="One survey measure (NPS, CSAT, CES, gaps, IPA, key drivers, SERVQUAL, Kano)",
        responses=ERROR_RESPONSES,
    )
    def satisfaction_api(
        db: Annotated[Database, Depends(get_db)],
        name: Annotated[str, Path(max_length=20)],
        wave: _TEXT = None,
        segment: _TEXT = None,
        by: Annotated[str | None, Query(max_length=20)] = None,
        confidence: Annotated[float, Query(gt=0, lt=1)] = 0.95,
    ) -> dict[str, Any]:
        from custvalue._validation import check_choice

        name = check_choice("measure", name, tuple(MEASURES))
        return measure(
            db, name=name, wave=_blank(wave), segment=_blank(segment), by=_blank(by),
            confidence=confidence,
        ).to_dict()  # fmt: skip

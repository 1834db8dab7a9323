"""``custvalue value``: realized, influence and sustained value per customer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from custvalue.app.values import check_value_options, customer_values
from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.cli.segments import nothing_yet
from custvalue.i18n import t
from custvalue.value import MONEY_COLUMNS

if TYPE_CHECKING:
    from custvalue.clv.store import ScoreRun

__all__ = ["register"]

_TABLE_COLUMNS = [
    "customer_id",
    "name",
    "orders",
    "revenue",
    "cost",
    "realized_value",
    "referred_customers",
    "referral_revenue",
    "sustained_value",
]
#: the columns left out first when the table is wider than the terminal (sustained
#: value = realized value + referral net stays; its detail makes room)
_LEAVE_OUT_FIRST = (
    "value_added",
    "cost",
    "referred_customers",
    "referral_revenue",
    "orders",
    "revenue",
    "realized_value",
    "potential_value",
)


def _potential_caption(run: ScoreRun) -> str:
    from custvalue.cli.clv import margin_text
    from custvalue.clv.store import MODEL_LABELS

    models = [MODEL_LABELS.get(run.model, run.model)]
    if run.spend_model and run.spend_model != run.model:
        models.append(MODEL_LABELS.get(run.spend_model, run.spend_model))
    return t(
        "value.potential_caption",
        models=" + ".join(models),
        horizon=f"{run.horizon:g}",
        unit=t(f"cli.unit_{run.unit}"),
        margin=margin_text(run.margin, run.margin_source),
        run_id=run.run_id,
        calibration_end=run.calibration_end.isoformat(),
    )


@output_options
def _value(
    customer: Annotated[str | None, typer.Option("--customer", help=t("cli.opt_customer"))] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help=t("cli.opt_by_year"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))] = None,
    depth: Annotated[int | None, typer.Option("--referral-depth", help=t("cli.opt_depth"))] = None,
    services: Annotated[
        list[str] | None,
        typer.Option("--service-category", help=t("value.opt_service_category")),
    ] = None,
    top: Annotated[int, typer.Option("--top", help=t("cli.opt_top"))] = 20,
    sort: Annotated[str, typer.Option("--sort", help=t("cli.opt_sort"))] = "sustained_value",
    fmt: Format = Format.table,
) -> None:
    as_of_date = parse_date_option("--as-of", as_of)
    check_value_options(referral_depth=depth, sort=sort, top=top)
    with open_db() as db:
        result = customer_values(
            db,
            customer=customer,
            by_year=by_year,
            as_of=as_of_date,
            referral_depth=depth,
            service_categories=services,
            sort=sort,
        )
    if result.is_empty:
        # nothing yet is not an error: say so, and keep JSON/CSV machine-readable (empty)
        nothing_yet(fmt, "value.nothing_yet")
        if fmt is Format.table:
            return
    values, years = result.values, result.years
    if fmt is Format.json:
        records = result.records()
        emit_json(records[0] if customer is not None else records)
        return
    if fmt is Format.csv:
        emit_frame(years if years is not None else values, fmt)
        return
    if fmt is Format.xlsx:
        emit_frame(values, fmt, sheet=t("cli.value_sheet"))
        if years is not None:
            emit_frame(years, fmt, sheet=t("cli.years_sheet"))
        return
    shown = values.head(top) if customer is None else values
    columns = list(_TABLE_COLUMNS)
    has_services = bool((values["value_added"] != 0).any())
    if has_services:
        columns.insert(columns.index("cost"), "value_added")
    notes = []
    if result.run is not None:
        columns += ["potential_value", "overall_value"]
        notes.append(_potential_caption(result.run))
    if has_services:
        names = [f"…{n[1:]}" if n.startswith("*") else n for n in result.service_categories]
        listed = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
        notes.append(t("value.services_caption", names=listed))
    emit_frame(
        shown.select(columns),
        fmt,
        money=MONEY_COLUMNS,
        title=t("cli.value_title", as_of=result.as_of),
        caption="\n".join(notes) or None,
        keep=("name", sort) if sort in columns else ("name",),
        priority=_LEAVE_OUT_FIRST,
    )
    if result.run is None:
        console.print(t("value.potential_missing"))
    if years is not None:
        for cid in shown["customer_id"]:
            part = years.filter(pl.col("customer_id") == cid)
            year_columns = ["year", "revenue", "upsell", "cross_sell"]
            if bool((part["service"] != 0).any()):
                year_columns.append("service")
            part = part.select(*year_columns, "referral_revenue", "cost", "profit")
            emit_frame(part, fmt, money=MONEY_COLUMNS, title=t("cli.years_title", id=cid))


def register(app: typer.Typer) -> None:
    """Add ``value`` to ``app``."""
    app.command("value", help=t("cli.value_help"))(_value)

"""``custvalue value``: realized, influence and sustained value per customer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import polars as pl
import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.cli.segments import nothing_yet
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.i18n import t
from custvalue.value import (
    MONEY_COLUMNS,
    VALUE_COLUMNS,
    customer_values,
    ledger_from_db,
    with_potential_value,
    yearly_values,
)

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
_YEAR_KEYS = [
    "year",
    "orders",
    "revenue",
    "first",
    "repeat",
    "upsell",
    "cross_sell",
    "service",
    "refund",
    "cogs",
    "margin",
    "acquisition_cost",
    "service_cost",
    "other_cost",
    "cost",
    "realized_value",
    "referral_revenue",
    "referral_net",
    "profit",
]


def _with_years(values: pl.DataFrame, years: pl.DataFrame) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in years.select(["customer_id", *_YEAR_KEYS]).iter_rows(named=True):
        grouped.setdefault(row.pop("customer_id"), []).append(row)
    out = []
    for row in values.to_dicts():
        row["years"] = grouped.get(row["customer_id"], [])
        out.append(row)
    return out


_POTENTIAL = ("potential_value", "overall_value")
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


def _check_sort(sort: str, columns: tuple[str, ...]) -> None:
    """``--sort`` names a column of the value table (the potential ones once scored)."""
    if sort not in columns:
        raise DataValidationError(
            "error.option",
            option="--sort",
            value=sort,
            reason=t("cli.reason_column"),
            hint=", ".join(columns),
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


def _stored_id(ids: pl.Series, typed: str) -> str:
    """The stored id ``typed`` means, by the rule ids are imported with (``Ｃ１`` is
    ``C1``); ``typed`` itself for an id stored before the rule, or when none matches."""
    from custvalue.data.ids import lookup_forms

    forms = lookup_forms(typed)
    found = ids.filter(ids.is_in(list(forms))).unique().to_list()
    return next((form for form in forms if form in found), typed)


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
    from custvalue.clv.store import latest_scores

    as_of_date = parse_date_option("--as-of", as_of)
    if depth is not None and depth < 1:
        raise DataValidationError(
            "error.option",
            option="--referral-depth",
            value=depth,
            reason=t("cli.reason_positive"),
            hint="",
        )
    if top < 1:
        raise DataValidationError(
            "error.option", option="--top", value=top, reason=t("cli.reason_positive"), hint=""
        )
    _check_sort(sort, (*VALUE_COLUMNS, *_POTENTIAL))
    with open_db() as db:
        ledger = ledger_from_db(db, as_of=as_of_date, service_categories=services or None)
        if ledger.is_empty:
            if customer is not None:
                raise NotFoundError("value.customer_nothing_yet", id=customer)
            # nothing yet is not an error: say so, and keep JSON/CSV machine-readable (empty)
            nothing_yet(fmt, "value.nothing_yet")
            if fmt is Format.table:
                return
        scored = latest_scores(db)
    values = customer_values(ledger, referral_depth=depth)
    if scored is not None:
        values = with_potential_value(values, scored[1])
    if sort in _POTENTIAL and scored is None:
        raise DataValidationError(
            "error.option",
            option="--sort",
            value=sort,
            reason=t("value.reason_no_scores"),
            hint=t("value.potential_missing"),
        )
    years = yearly_values(ledger, referral_depth=depth) if by_year else None
    if customer is not None:
        wanted = _stored_id(values["customer_id"], customer)
        values = values.filter(pl.col("customer_id") == wanted)
        if values.height == 0:
            raise NotFoundError("error.not_found", what=t("cli.what_customer", id=customer))
        if years is not None:
            years = years.filter(pl.col("customer_id") == wanted)
    else:
        values = values.sort(sort, "customer_id", descending=[True, False], nulls_last=True)
    if fmt is Format.json:
        rows = _with_years(values, years) if years is not None else values.to_dicts()
        emit_json(rows[0] if customer is not None else rows)
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
    if scored is not None:
        columns += ["potential_value", "overall_value"]
        notes.append(_potential_caption(scored[0]))
    if has_services:
        names = [f"…{n[1:]}" if n.startswith("*") else n for n in ledger.service_categories]
        listed = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
        notes.append(t("value.services_caption", names=listed))
    emit_frame(
        shown.select(columns),
        fmt,
        money=MONEY_COLUMNS,
        title=t("cli.value_title", as_of=ledger.as_of),
        caption="\n".join(notes) or None,
        keep=("name", sort) if sort in columns else ("name",),
        priority=_LEAVE_OUT_FIRST,
    )
    if scored is None:
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

"""``custvalue value``: realized, influence and sustained value per customer."""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.render import Format, emit_frame, emit_json
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.i18n import t
from custvalue.value import MONEY_COLUMNS, customer_values, ledger_from_db, yearly_values

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


def _value(
    customer: Annotated[str | None, typer.Option("--customer", help=t("cli.opt_customer"))] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help=t("cli.opt_by_year"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))] = None,
    depth: Annotated[int | None, typer.Option("--referral-depth", help=t("cli.opt_depth"))] = None,
    top: Annotated[int, typer.Option("--top", help=t("cli.opt_top"))] = 20,
    sort: Annotated[str, typer.Option("--sort", help=t("cli.opt_sort"))] = "sustained_value",
    fmt: Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))] = Format.table,
) -> None:
    as_of_date = parse_date_option("--as-of", as_of)
    if depth is not None and depth < 1:
        raise DataValidationError(
            "error.option",
            option="--referral-depth",
            value=depth,
            reason=t("cli.reason_positive"),
            hint="",
        )
    with open_db() as db:
        ledger = ledger_from_db(db, as_of=as_of_date)
    values = customer_values(ledger, referral_depth=depth)
    if sort not in values.columns:
        raise DataValidationError(
            "error.option",
            option="--sort",
            value=sort,
            reason=t("cli.reason_column"),
            hint=", ".join(values.columns),
        )
    years = yearly_values(ledger, referral_depth=depth) if by_year else None
    if customer is not None:
        values = values.filter(pl.col("customer_id") == customer)
        if values.height == 0:
            raise NotFoundError("error.not_found", what=t("cli.what_customer", id=customer))
        if years is not None:
            years = years.filter(pl.col("customer_id") == customer)
    else:
        values = values.sort(sort, "customer_id", descending=[True, False], nulls_last=True)
    if fmt is Format.json:
        rows = _with_years(values, years) if years is not None else values.to_dicts()
        emit_json(rows[0] if customer is not None else rows)
        return
    if fmt is Format.csv:
        emit_frame(years if years is not None else values, fmt)
        return
    shown = values.head(top) if customer is None else values
    emit_frame(
        shown.select(_TABLE_COLUMNS),
        fmt,
        money=MONEY_COLUMNS,
        title=t("cli.value_title", as_of=ledger.as_of),
    )
    if years is not None:
        for cid in shown["customer_id"]:
            part = years.filter(pl.col("customer_id") == cid).select(
                "year", "revenue", "upsell", "cross_sell", "referral_revenue", "cost", "profit"
            )
            emit_frame(part, fmt, money=MONEY_COLUMNS, title=t("cli.years_title", id=cid))


def register(app: typer.Typer) -> None:
    """Add ``value`` to ``app``."""
    app.command("value", help=t("cli.value_help"))(_value)

"""Customer value: every customer ranked, or one customer, with the years nested.

:func:`customer_values` reads the ledger from the store as of a date, computes realized,
influence and sustained value (with potential and overall value once a CLV run has
scores), sorts or finds one customer by the id as typed (``Ｃ１`` finds ``C1``), and
with ``by_year`` adds the figures per calendar year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.i18n import t
from custvalue.output import jsonable

if TYPE_CHECKING:
    from collections.abc import Sequence

    import polars as pl

    from custvalue.clv.store import ScoreRun
    from custvalue.data.db import Database

__all__ = [
    "POTENTIAL_COLUMNS",
    "YEAR_COLUMNS",
    "CustomerValues",
    "check_value_options",
    "customer_values",
    "stored_id",
]

#: the columns a CLV run adds (``clv score``)
POTENTIAL_COLUMNS = ("potential_value", "overall_value")
#: the figures of each year nested under a customer (``years``)
YEAR_COLUMNS = (
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
)


def _positive(option: str, value: int) -> None:
    if value < 1:
        raise DataValidationError(
            "error.option", option=option, value=value, reason=t("cli.reason_positive"), hint=""
        )


def check_value_options(
    *, referral_depth: int | None = None, sort: str = "sustained_value", top: int | None = None
) -> None:
    """Refuse a referral depth or a row count (``top``) below 1 and a ``sort`` that is
    not a column of the value table (nor a potential column)."""
    from custvalue.value import VALUE_COLUMNS

    if referral_depth is not None:
        _positive("--referral-depth", referral_depth)
    if top is not None:
        _positive("--top", top)
    columns = (*VALUE_COLUMNS, *POTENTIAL_COLUMNS)
    if sort not in columns:
        raise DataValidationError(
            "error.option",
            option="--sort",
            value=sort,
            reason=t("cli.reason_column"),
            hint=", ".join(columns),
        )


def stored_id(ids: pl.Series, typed: str) -> str:
    """The stored id ``typed`` means, by the rule ids are imported with (``Ｃ１`` is
    ``C1``); ``typed`` itself for an id stored before the rule, or when none matches."""
    from custvalue.data.ids import lookup_forms

    forms = lookup_forms(typed)
    found = ids.filter(ids.is_in(list(forms))).unique().to_list()
    return next((form for form in forms if form in found), typed)


@dataclass(frozen=True)
class CustomerValues(Result):
    """The value table (sorted, or the one customer asked for), the years when asked,
    the ledger's date and service categories, and the CLV run behind the potential
    value (``None`` before ``clv score``)."""

    values: pl.DataFrame
    years: pl.DataFrame | None
    as_of: date | None
    service_categories: tuple[str, ...]
    run: ScoreRun | None
    #: the stored id of the customer asked for (None: every customer)
    customer: str | None = None
    #: True when the store has no ledger yet (the tables are empty)
    is_empty: bool = False

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready dict per customer, with ``years`` nested when asked."""
        if self.years is None:
            return rows(self.values)
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in self.years.select(["customer_id", *YEAR_COLUMNS]).iter_rows(named=True):
            grouped.setdefault(row.pop("customer_id"), []).append(row)
        out = []
        for row in self.values.to_dicts():
            row["years"] = grouped.get(row["customer_id"], [])
            out.append(row)
        return jsonable(out)  # type: ignore[no-any-return]

    def data(self) -> dict[str, Any]:
        run = None
        if self.run is not None:
            run = {
                "run_id": self.run.run_id,
                "model": self.run.model,
                "spend_model": self.run.spend_model,
                "unit": self.run.unit,
                "calibration_end": self.run.calibration_end,
                "horizon": self.run.horizon,
                "margin": self.run.margin,
                "margin_source": self.run.margin_source,
            }
        return {
            "as_of": self.as_of,
            "service_categories": list(self.service_categories),
            "clv_run": run,
            "customers": self.records(),
        }


def customer_values(
    db: Database,
    *,
    customer: str | None = None,
    by_year: bool = False,
    as_of: date | None = None,
    referral_depth: int | None = None,
    service_categories: Sequence[str] | None = None,
    sort: str = "sustained_value",
) -> CustomerValues:
    """Every customer's value sorted by ``sort`` (highest first), or the one
    ``customer`` (``NotFoundError`` when unknown); ``by_year`` adds the years.

    An empty store is not an error when no customer is asked for: the result is empty
    (``is_empty``). Sorting by a potential column needs a CLV run with scores.
    """
    import polars as pl

    from custvalue.clv.store import latest_scores
    from custvalue.value import customer_values as compute_values
    from custvalue.value import ledger_from_db, with_potential_value, yearly_values

    check_value_options(referral_depth=referral_depth, sort=sort)
    ledger = ledger_from_db(db, as_of=as_of, service_categories=service_categories or None)
    if ledger.is_empty and customer is not None:
        raise NotFoundError("value.customer_nothing_yet", id=customer)
    scored = latest_scores(db)
    values = compute_values(ledger, referral_depth=referral_depth)
    if scored is not None:
        values = with_potential_value(values, scored[1])
    if sort in POTENTIAL_COLUMNS and scored is None and not ledger.is_empty:
        raise DataValidationError(
            "error.option",
            option="--sort",
            value=sort,
            reason=t("value.reason_no_scores"),
            hint=t("value.potential_missing"),
        )
    years = yearly_values(ledger, referral_depth=referral_depth) if by_year else None
    wanted = None
    if customer is not None:
        wanted = stored_id(values["customer_id"], customer)
        values = values.filter(pl.col("customer_id") == wanted)
        if values.height == 0:
            raise NotFoundError("error.not_found", what=t("cli.what_customer", id=customer))
        if years is not None:
            years = years.filter(pl.col("customer_id") == wanted)
    elif sort in values.columns:
        values = values.sort(sort, "customer_id", descending=[True, False], nulls_last=True)
    return CustomerValues(
        values=values,
        years=years,
        as_of=ledger.as_of,
        service_categories=tuple(ledger.service_categories),
        run=scored[0] if scored is not None else None,
        customer=wanted,
        is_empty=ledger.is_empty,
    )

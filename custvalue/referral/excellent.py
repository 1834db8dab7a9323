"""Excellent customers: the ones the user's own criteria call excellent, and which of
them to ask for a referral.

The criteria (:class:`Criteria`, read from a mapping the user writes, e.g. TOML)::

    min_orders_per_year     orders / years of history ≥ this (a history shorter than one
                            year counts as one year, so four orders in the first month
                            are four a year, not forty-eight)
    min_years               years of history (as_of − first order, in days / 365.25) ≥ this
    industries              the customer's industry is one of these
    size                    the customer's size class is one of these
    min_contribution_cents  contribution (whole cents) ≥ this
    min_satisfaction        satisfaction score ≥ this

A customer is excellent when they meet every criterion given; an unknown value (a null)
does not meet a criterion. ``to_ask``: the excellent customers who have not referred
anyone yet, by contribution (largest first, then by id): the ones to ask for a referral.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import polars as pl

from custvalue._validation import check_columns, check_number, check_unique
from custvalue.exceptions import DataValidationError
from custvalue.referral._frames import ResultDict, ids, money, to_date

__all__ = ["CRITERIA", "Criteria", "Excellent", "excellent_customers"]

#: every criterion key, with the customer column it reads
CRITERIA: dict[str, str] = {
    "min_orders_per_year": "orders",
    "min_years": "first_order_at",
    "industries": "industry",
    "size": "size",
    "min_contribution_cents": "contribution_cents",
    "min_satisfaction": "satisfaction",
}
DAYS_PER_YEAR = 365.25


def _names(key: str, value: Any) -> tuple[str, ...]:
    ok = (
        isinstance(value, (list, tuple))
        and len(value) > 0
        and all(isinstance(v, str) and v.strip() for v in value)
    )
    if not ok:
        raise DataValidationError("referral.criterion_not_list", key=key, value=repr(value))
    return tuple(v.strip() for v in value)


@dataclass(frozen=True)
class Criteria:
    """The criteria of an excellent customer (``None``: not used); see the module
    docstring. Build it with :meth:`from_mapping` from what the user wrote."""

    min_orders_per_year: float | None = None
    min_years: float | None = None
    industries: tuple[str, ...] | None = None
    size: tuple[str, ...] | None = None
    min_contribution_cents: int | None = None
    min_satisfaction: float | None = None

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Criteria:
        """Criteria from ``{"min_orders_per_year": 4, "industries": [...], ...}``.

        Refused: an unknown key (``referral.unknown_criterion``), no criterion at all
        (``referral.no_criteria``), a number that is not one or is negative
        (``validation.not_a_number``, ``validation.number_range``, cents not whole:
        ``validation.not_whole``), a list that is empty or not of names
        (``referral.criterion_not_list``). Each names the key and the value given."""
        if not isinstance(mapping, Mapping):
            raise DataValidationError("referral.no_criteria", got=type(mapping).__name__)
        for key in mapping:
            if key not in CRITERIA:
                raise DataValidationError(
                    "referral.unknown_criterion", key=str(key), allowed=", ".join(CRITERIA)
                )
        given = {k: v for k, v in mapping.items() if v is not None}
        if not given:
            raise DataValidationError("referral.no_criteria", got=repr(dict(mapping)))
        values: dict[str, Any] = {}
        for key, value in given.items():
            if key in ("industries", "size"):
                values[key] = _names(key, value)
            elif key == "min_contribution_cents":
                values[key] = int(check_number(key, value, minimum=0, integer=True))
            else:
                values[key] = check_number(key, value, minimum=0)
        return cls(**values)

    def used(self) -> tuple[str, ...]:
        """The keys of the criteria given, in the order of :data:`CRITERIA`."""
        return tuple(k for k in CRITERIA if getattr(self, k) is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            k: list(v) if isinstance(v, tuple) else v
            for k in self.used()
            for v in [getattr(self, k)]
        }


@dataclass(frozen=True)
class Excellent(ResultDict):
    """``table``: every customer with ``customer_id, years, orders_per_year,
    contribution_cents, referred``, one ``meets_<key>`` flag per criterion used,
    ``met`` / ``missed`` (the keys), ``excellent`` and ``ask_rank`` (1 = ask first; null
    when not to ask); ``to_ask``: the ids to ask, in rank order."""

    as_of: date
    criteria: Criteria
    table: pl.DataFrame
    to_ask: tuple[str, ...]


def _referred(customers: pl.DataFrame) -> pl.DataFrame:
    """``customer_id, referred``: a ``referred`` count column, or counted from
    ``referred_by`` (who referred each customer)."""
    if "referred" in customers.columns:
        return customers.select(ids("customer_id"), pl.col("referred").fill_null(0).cast(pl.Int64))
    check_columns(customers, ["referred_by"], frame_name="customers")
    counts = (
        customers.filter(pl.col("referred_by").is_not_null())
        .group_by(ids("referred_by").alias("customer_id"))
        .agg(pl.len().cast(pl.Int64).alias("referred"))
    )
    return (
        customers.select(ids("customer_id"))
        .join(counts, on="customer_id", how="left")
        .with_columns(pl.col("referred").fill_null(0))
    )


def _condition(key: str, criteria: Criteria) -> pl.Expr:
    value: Any = getattr(criteria, key)
    test: pl.Expr
    if key == "min_orders_per_year":
        test = pl.col("orders_per_year") >= value
    elif key == "min_years":
        test = pl.col("years") >= value
    elif key in ("industries", "size"):
        test = pl.col(CRITERIA[key]).is_in(list(value))
    else:
        test = pl.col(CRITERIA[key]) >= value
    return test.fill_null(False).alias(f"meets_{key}")


def excellent_customers(
    customers: pl.DataFrame, criteria: Criteria | Mapping[str, Any], *, as_of: date | datetime
) -> Excellent:
    """Which criteria each customer meets, who is excellent, and whom to ask.

    ``customers``: ``customer_id, contribution_cents`` and ``referred`` (how many they
    referred) or ``referred_by`` (who referred each), plus the column of each criterion
    used (:data:`CRITERIA`): ``orders`` and ``first_order_at`` (frequency needs both),
    ``industry``, ``size``, ``satisfaction``. ``criteria`` may be the mapping itself
    (read by :meth:`Criteria.from_mapping`)."""
    if not isinstance(criteria, Criteria):
        criteria = Criteria.from_mapping(criteria)
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    used = criteria.used()
    needed = ["customer_id", "contribution_cents"]
    if "min_orders_per_year" in used:
        needed += ["orders", "first_order_at"]
    needed += [CRITERIA[k] for k in used]
    check_columns(customers, needed, frame_name="customers")
    check_unique(customers, "customer_id")
    referred = _referred(customers)
    columns: list[pl.Expr] = [
        ids("customer_id"),
        money(customers, "contribution_cents", frame_name="customers"),
    ]
    if "first_order_at" in customers.columns:
        columns.append(to_date(customers, "first_order_at", frame_name="customers"))
    else:
        columns.append(pl.lit(None, pl.Date).alias("first_order_at"))
    orders = (
        pl.col("orders").cast(pl.Float64)
        if "orders" in customers.columns
        else pl.lit(None, pl.Float64)
    )
    columns.append(orders.alias("orders"))
    for key in ("industries", "size"):
        column = CRITERIA[key]
        present = column in customers.columns
        columns.append((ids(column) if present else pl.lit(None, pl.String)).alias(column))
    satisfaction = (
        pl.col("satisfaction").cast(pl.Float64)
        if "satisfaction" in customers.columns
        else pl.lit(None, pl.Float64)
    )
    columns.append(satisfaction.alias("satisfaction"))
    years = (pl.lit(day) - pl.col("first_order_at")).dt.total_days() / DAYS_PER_YEAR
    table = (
        customers.select(columns)
        .with_columns(years.alias("years"))
        .with_columns(
            (pl.col("orders") / pl.max_horizontal(pl.col("years"), pl.lit(1.0))).alias(
                "orders_per_year"
            )
        )
        .join(referred.unique("customer_id"), on="customer_id", how="left")
        .with_columns([_condition(k, criteria) for k in used])
    )
    flags = [f"meets_{k}" for k in used]
    table = table.with_columns(
        pl.concat_list(
            [pl.when(pl.col(f)).then(pl.lit(k)) for f, k in zip(flags, used, strict=True)]
        )
        .list.drop_nulls()
        .alias("met"),
        pl.concat_list(
            [pl.when(~pl.col(f)).then(pl.lit(k)) for f, k in zip(flags, used, strict=True)]
        )
        .list.drop_nulls()
        .alias("missed"),
        pl.all_horizontal(flags).alias("excellent"),
    )
    ask = (
        table.filter(pl.col("excellent") & (pl.col("referred") == 0))
        .sort(["contribution_cents", "customer_id"], descending=[True, False], nulls_last=True)
        .with_row_index("ask_rank", offset=1)
        .select("customer_id", pl.col("ask_rank").cast(pl.Int64))
    )
    table = table.join(ask, on="customer_id", how="left").select(
        "customer_id",
        "years",
        "orders_per_year",
        "contribution_cents",
        "referred",
        *flags,
        "met",
        "missed",
        "excellent",
        "ask_rank",
    )
    return Excellent(
        as_of=day,
        criteria=criteria,
        table=table.sort("customer_id"),
        to_ask=tuple(ask["customer_id"].to_list()),
    )

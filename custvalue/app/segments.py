"""Segmenting customers by value: RFM, the tier pyramid, the 80/20 summary, classes.

Each function reads the customer values from the store as of a date
(:func:`load_values`), checks its options and returns the per-customer frame and the
summary a front shows. An empty store is not an error: the frames are empty and
``is_empty`` says so (a front says what to import).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from custvalue._validation import check_choice, check_number
from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.segmentation import TierRule

__all__ = [
    "Classes",
    "Pareto",
    "Rfm",
    "Tiers",
    "check_tier_options",
    "check_value_column",
    "classes",
    "load_values",
    "pareto",
    "rfm",
    "tiers",
]

DEFAULT_BANDS = (20, 30, 30, 20)


def load_values(db: Database, *, as_of: date | None = None) -> pl.DataFrame:
    """Every customer's value (:func:`custvalue.value.customer_values`) from the store's
    ledger as of ``as_of`` (default: the latest order)."""
    from custvalue.value import customer_values, ledger_from_db

    return customer_values(ledger_from_db(db, as_of=as_of))


def check_value_column(values: pl.DataFrame, column: str, option: str = "--value") -> None:
    """Refuse a ``column`` that is not a numeric column of ``values`` (naming those)."""
    if column not in values.columns or not values.schema[column].is_numeric():
        numeric = [c for c in values.columns if values.schema[c].is_numeric()]
        raise DataValidationError(
            "error.option",
            option=option,
            value=column,
            reason=t("cli.reason_column"),
            hint=", ".join(numeric),
        )


# -- rfm ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rfm(Result):
    """RFM scores and segments per customer and the summary per segment."""

    values: pl.DataFrame
    customers: pl.DataFrame
    summary: pl.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.customers.height == 0

    def data(self) -> dict[str, Any]:
        return {"segments": rows(self.summary), "customers": rows(self.customers)}


def rfm(
    db: Database,
    *,
    bins: int = 5,
    ties: str = "first",
    segment_map: str = "standard11",
    as_of: date | None = None,
) -> Rfm:
    """Score recency, frequency and monetary value in ``bins`` quantile bins and name
    each customer's segment by ``segment_map``."""
    from custvalue.segmentation import rfm_scores, rfm_segments, segment_summary

    values = load_values(db, as_of=as_of)
    scores = rfm_scores(values, bins=bins, ties=ties)  # type: ignore[arg-type]
    segmented = rfm_segments(scores, segment_map=segment_map)
    summary = segment_summary(segmented, segment_map=segment_map)
    return Rfm(values=values, customers=segmented, summary=summary)


# -- tiers -------------------------------------------------------------------------------


def check_tier_options(
    *,
    rule: str | None = None,
    bands: tuple[int, ...] | str | None = None,
    platinum_profit: float | None = None,
    gold_profit: float | None = None,
    iron_revenue: float | None = None,
) -> str:
    """The tier rule in force (``bands`` when bands are given, as numbers or as typed,
    else ``profit``) after refusing bands with the profit rule and thresholds that are
    not positive."""
    from custvalue.segmentation import RULES

    default = "bands" if bands is not None else "profit"
    chosen = str(check_choice("--rule", rule or default, RULES))
    if chosen == "profit" and bands is not None:
        shown = bands if isinstance(bands, str) else ",".join(map(str, bands))
        raise DataValidationError(
            "error.option",
            option="--bands",
            value=shown,
            reason=t("cli.reason_bands_rule"),
            hint=f"--rule bands --bands {shown}",
        )
    for option, amount in (("--platinum-profit", platinum_profit), ("--gold-profit", gold_profit)):
        if amount is not None:
            check_number(option, amount, above=0)
    if iron_revenue is not None and iron_revenue != math.inf:
        check_number("--iron-revenue", iron_revenue, above=0)
    return chosen


@dataclass(frozen=True)
class Tiers(Result):
    """The tier pyramid: the rule used (thresholds in 元 or bands), each customer's tier,
    the summary per tier and the loss makers."""

    values: pl.DataFrame
    rule: TierRule
    customers: pl.DataFrame
    summary: pl.DataFrame
    losses: dict[str, Any]

    @property
    def is_empty(self) -> bool:
        return self.values.height == 0

    def data(self) -> dict[str, Any]:
        return {"rule": self.rule.as_dict(), "tiers": rows(self.summary), "losses": self.losses}


def tiers(
    db: Database,
    *,
    value: str = "realized_value",
    volume: str = "revenue",
    rule: str | None = None,
    bands: tuple[int, ...] | None = None,
    platinum_profit: float | None = None,
    gold_profit: float | None = None,
    iron_revenue: float | None = None,
    as_of: date | None = None,
) -> Tiers:
    """Cut the customers into platinum, gold, iron and lead by ``value``: by profit
    thresholds (``profit``, the default; ``volume`` for the iron line) or by ``bands``
    (percentages of customers from the top)."""
    from custvalue.segmentation import apply_tier_rule, loss_summary, tier_rule, tier_summary

    chosen = check_tier_options(
        rule=rule,
        bands=bands,
        platinum_profit=platinum_profit,
        gold_profit=gold_profit,
        iron_revenue=iron_revenue,
    )
    values = load_values(db, as_of=as_of)
    check_value_column(values, value)
    if chosen == "profit":
        check_value_column(values, volume, "--volume")
    used = tier_rule(
        values,
        value=value,
        volume=volume,
        rule=chosen,  # type: ignore[arg-type]
        platinum_profit=platinum_profit,
        gold_profit=gold_profit,
        iron_revenue=iron_revenue,
        bands=bands if bands is not None else DEFAULT_BANDS,
    )
    tiered = apply_tier_rule(values, used)
    return Tiers(
        values=values,
        rule=used,
        customers=tiered,
        summary=tier_summary(tiered, value=value),
        losses=loss_summary(values, value=value),
    )


# -- pareto ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pareto(Result):
    """The 80/20 summary of ``value`` (the top share's part, the Gini) and, when asked,
    the whole curve (cumulative share of value by share of customers)."""

    values: pl.DataFrame
    summary: dict[str, Any]
    curve: pl.DataFrame | None = None

    @property
    def is_empty(self) -> bool:
        return self.values.height == 0

    def data(self) -> dict[str, Any]:
        out = dict(self.summary)
        if self.curve is not None:
            out["curve"] = rows(self.curve)
        return out


def pareto(
    db: Database,
    *,
    value: str = "realized_value",
    top: float = 0.2,
    curve: bool = False,
    as_of: date | None = None,
) -> Pareto:
    """What the top ``top`` share of customers brings of ``value`` (and the curve)."""
    from custvalue.segmentation import pareto_curve, pareto_summary

    check_number("--top", top, above=0, maximum=1)
    values = load_values(db, as_of=as_of)
    check_value_column(values, value)
    return Pareto(
        values=values,
        summary=pareto_summary(values, value=value, top=top),
        curve=pareto_curve(values, value=value) if curve else None,
    )


# -- classes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Classes(Result):
    """Customer classes by value (key, major, ordinary, small), per customer and the
    summary per class: customers, their share and the value they bring."""

    values: pl.DataFrame
    customers: pl.DataFrame
    summary: pl.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.values.height == 0

    def data(self) -> dict[str, Any]:
        return {"classes": rows(self.summary), "customers": rows(self.customers)}


def classes(
    db: Database,
    *,
    value: str = "realized_value",
    key_share: float = 0.2,
    as_of: date | None = None,
) -> Classes:
    """Classify the customers by ``value`` (the top ``key_share`` are key customers)."""
    import polars as pl

    from custvalue.segmentation import classify_customers

    check_number("--key-share", key_share, above=0, maximum=1)
    values = load_values(db, as_of=as_of)
    check_value_column(values, value)
    classified = classify_customers(values, value=value, key_share=key_share)
    total = max(classified.height, 1)
    summary = classified.group_by("class", "class_label", "treatment", maintain_order=True).agg(
        pl.len().cast(pl.Int64).alias("customers"),
        (pl.len() / total).alias("class_share"),
        pl.col(value).sum().cast(pl.Float64).alias("value_sum"),
    )
    return Classes(values=values, customers=classified, summary=summary)

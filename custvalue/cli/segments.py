"""``custvalue rfm | tiers | pareto | classify``: segmenting customers by value.

The table helpers (:func:`emit_tier_summary`, :func:`emit_rfm_summary`,
:func:`emit_pareto`) are shared with ``report``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import polars as pl
import typer

from custvalue._validation import check_number
from custvalue.app import segments as app
from custvalue.cli.common import open_db, parse_date_option, store_url
from custvalue.cli.exports import output_options
from custvalue.cli.render import (
    Format,
    Metric,
    column_label,
    console,
    emit_frame,
    emit_json,
    emit_metrics,
    err_console,
)
from custvalue.exceptions import DataValidationError
from custvalue.formatting import Kind
from custvalue.i18n import t
from custvalue.segmentation import (
    TierRule,
    pareto_sentences,
    tier_conditions,
    tier_sentences,
)
from custvalue.value import MONEY_COLUMNS

__all__ = [
    "emit_pareto",
    "emit_rfm_summary",
    "emit_tier_summary",
    "nothing_yet",
    "print_sentences",
    "register",
]

_AS_OF = Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))]
_VALUE = Annotated[str, typer.Option("--value", help=t("cli.opt_value"))]
_PER_CUSTOMER = Annotated[bool, typer.Option("--customers", help=t("cli.opt_per_customer"))]
_TIER_MONEY = ("value_sum", "revenue_sum", "value_mean", "value_min", "value_max")


def print_sentences(lines: Iterable[str]) -> None:
    """Print each sentence on its own line, as it is (no markup)."""
    for line in lines:
        console.print(line, markup=False)


def nothing_yet(fmt: Format, key: str = "tiers.no_customers") -> None:
    """Say there is nothing yet and what to import: on stdout for a table, on stderr
    beside the (empty) JSON or CSV so that these stay machine-readable."""
    message = t(key, db=store_url(hide_password=True))
    (console if fmt is Format.table else err_console).print(message, markup=False)


# -- rfm ---------------------------------------------------------------------------------

_RFM_KINDS: dict[str, Kind] = {
    "recency_days": "count",
    "frequency": "count",
    "orders": "count",
    "monetary": "money",
    "r_score": "count",
    "f_score": "count",
    "m_score": "count",
    "rfm_score": "count",
}


def emit_rfm_summary(summary: pl.DataFrame, fmt: Format, *, title: str | None = None) -> None:
    """The RFM segment summary: in a table, days since the last purchase as whole days,
    orders with one decimal, money as money (means under their own labels)."""
    if fmt is not Format.table:
        emit_frame(summary, fmt)
        return
    table = summary.select(
        "segment_label",
        "customers",
        "share",
        pl.col("revenue").alias("monetary_sum"),
        pl.col("monetary").alias("monetary_mean"),
        pl.col("recency_days").round(0).alias("recency_days_mean"),
        pl.col("frequency").cast(pl.Float64).round(1).alias("frequency_mean"),
    )
    emit_frame(
        table,
        fmt,
        title=title,
        kinds={
            "customers": "count",
            "share": "share",
            "monetary_sum": "money",
            "monetary_mean": "money",
            "recency_days_mean": "count",
            "frequency_mean": "count",  # a mean of counts: one decimal
        },
    )


@output_options
def _rfm(
    bins: Annotated[int, typer.Option("--bins", help=t("cli.opt_bins"))] = 5,
    ties: Annotated[str, typer.Option("--ties", help=t("cli.opt_ties"))] = "first",
    segment_map: Annotated[
        str, typer.Option("--map", help=t("cli.opt_segment_map"))
    ] = "standard11",
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        result = app.rfm(db, bins=bins, ties=ties, segment_map=segment_map, as_of=as_of_date)
    segmented = result.customers
    if result.is_empty:
        nothing_yet(fmt, "tiers.no_customers" if result.values.height == 0 else "tiers.no_orders")
        if fmt is Format.table:
            return
    if per_customer:
        if fmt is Format.table:  # RFM frequency is the number of orders; the treatment
            # of each segment is in the summary (JSON and CSV keep every column)
            segmented = segmented.drop("segment", "treatment").rename({"frequency": "orders"})
        emit_frame(segmented, fmt, title=t("cli.rfm_title"), kinds=_RFM_KINDS)
    else:
        emit_rfm_summary(result.summary, fmt, title=t("cli.rfm_title"))


# -- tiers -------------------------------------------------------------------------------


def _parse_bands(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.split(","))
    except ValueError:
        raise DataValidationError(
            "error.option",
            option="--bands",
            value=text,
            reason=t("cli.reason_bands"),
            hint="20,30,30,20",
        ) from None


def emit_tier_summary(
    summary: pl.DataFrame,
    rule: TierRule,
    losses: dict[str, Any],
    fmt: Format,
    *,
    title: str | None = None,
) -> None:
    """The pyramid: the tier table, a sentence for a tier bringing more than all of the
    profit, and how the tiers are cut (the thresholds used, in 元). JSON is one object
    ``{"rule", "tiers", "losses"}``; CSV is the tier table with ``tier_condition``."""
    if fmt is Format.json:
        emit_json({"rule": rule.as_dict(), "tiers": summary.to_dicts(), "losses": losses})
        return
    if fmt.spreadsheet:  # each tier with who is in it, in words with the thresholds
        conditions = tier_conditions(rule).select("tier", "tier_condition")
        emit_frame(summary.join(conditions, on="tier", how="left", maintain_order="left"), fmt)
        return
    # the mean and the highest value stay in JSON and CSV: the table fits 120 columns
    shown = summary.drop("tier", "value_mean", "value_max")
    emit_frame(shown, fmt, title=title, money=_TIER_MONEY)
    print_sentences(tier_sentences(summary, losses, value=rule.value))
    if rule.rule == "bands":
        heading = t("tiers.rule_bands_title", bands=",".join(map(str, rule.bands or ())))
    else:
        heading = t("tiers.rule_profit_title")
    emit_frame(tier_conditions(rule).drop("tier"), fmt, title=heading)


@output_options
def _tiers(
    value: _VALUE = "realized_value",
    rule: Annotated[str | None, typer.Option("--rule", help=t("cli.opt_tier_rule"))] = None,
    bands: Annotated[str | None, typer.Option("--bands", help=t("cli.opt_bands"))] = None,
    platinum_profit: Annotated[
        float | None, typer.Option("--platinum-profit", help=t("cli.opt_platinum_profit"))
    ] = None,
    gold_profit: Annotated[
        float | None, typer.Option("--gold-profit", help=t("cli.opt_gold_profit"))
    ] = None,
    iron_revenue: Annotated[
        float | None, typer.Option("--iron-revenue", help=t("cli.opt_iron_revenue"))
    ] = None,
    volume: Annotated[str, typer.Option("--volume", help=t("cli.opt_volume"))] = "revenue",
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    chosen = app.check_tier_options(
        rule=rule,
        bands=bands,
        platinum_profit=platinum_profit,
        gold_profit=gold_profit,
        iron_revenue=iron_revenue,
    )
    parsed = _parse_bands(bands) if bands is not None else None
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        result = app.tiers(
            db,
            value=value,
            volume=volume,
            rule=chosen,
            bands=parsed,
            platinum_profit=platinum_profit,
            gold_profit=gold_profit,
            iron_revenue=iron_revenue,
            as_of=as_of_date,
        )
    if result.is_empty:
        nothing_yet(fmt)
        if fmt is Format.table:
            return
    tiered = result.customers
    if per_customer:
        if fmt is Format.table:
            shown = ["customer_id", "name", "tier_label", "rank", value]
            shown += [c for c in (volume, "orders") if c in tiered.columns and c not in shown]
            tiered = tiered.select(shown)
        emit_frame(tiered, fmt, title=t("cli.tiers_title"), money=(*MONEY_COLUMNS, value, volume))
        return
    emit_tier_summary(result.summary, result.rule, result.losses, fmt, title=t("cli.tiers_title"))


# -- pareto ------------------------------------------------------------------------------

_PARETO_KINDS: tuple[tuple[str, Kind], ...] = (
    ("value_column", "text"),
    ("customers", "count"),
    ("top", "share"),
    ("top_customers", "count"),
    ("total_value", "money"),
    ("top_value", "money"),
    ("top_value_share", "share"),
    ("loss_makers", "count"),
    ("loss_total", "money"),
    ("gain_total", "money"),
    ("total_revenue", "money"),
    ("top_revenue", "money"),
    ("top_revenue_share", "share"),
    ("customers_for_80pct_value", "share"),
    ("customers_for_80pct_revenue", "share"),
    ("gini", "ratio"),
)


def emit_pareto(summary: dict[str, Any], fmt: Format, *, title: str | None = None) -> None:
    """The 80/20 headline: in a table, the sentences (saying so when the top customers
    bring more than all of the profit) and every metric under its label; JSON the
    summary as it is; CSV metric, label, value."""
    if fmt is Format.json:
        emit_json(summary)
        return
    metrics = [Metric(key, summary.get(key), kind) for key, kind in _PARETO_KINDS]
    if fmt is Format.table:
        print_sentences(pareto_sentences(summary))
        metrics[0] = Metric("value_column", column_label(str(summary["value_column"])), "text")
    emit_metrics(metrics, fmt, title=title)


@output_options
def _pareto(
    value: _VALUE = "realized_value",
    top: Annotated[float, typer.Option("--top", help=t("cli.opt_pareto_top"))] = 0.2,
    curve: Annotated[bool, typer.Option("--curve", help=t("cli.opt_curve"))] = False,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    check_number("--top", top, above=0, maximum=1)
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        result = app.pareto(db, value=value, top=top, curve=curve, as_of=as_of_date)
    if result.is_empty:
        nothing_yet(fmt)
        if fmt is Format.table:
            return
    if result.curve is not None:
        emit_frame(
            result.curve,
            fmt,
            title=t("cli.pareto_title"),
            kinds={"rank": "count", "value": "money"},
        )
        return
    emit_pareto(result.summary, fmt, title=t("cli.pareto_title"))


# -- classify ----------------------------------------------------------------------------


@output_options
def _classify(
    value: _VALUE = "realized_value",
    key_share: Annotated[float, typer.Option("--key-share", help=t("cli.opt_key_share"))] = 0.2,
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    check_number("--key-share", key_share, above=0, maximum=1)
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        result = app.classes(db, value=value, key_share=key_share, as_of=as_of_date)
    classes = result.customers
    if result.is_empty:
        nothing_yet(fmt)
        if fmt is Format.table:
            return
    if per_customer:
        if fmt is Format.table:  # the treatment of each class is in the summary
            classes = classes.drop("class", "treatment")
        emit_frame(
            classes,
            fmt,
            title=t("cli.classify_title"),
            money=(*MONEY_COLUMNS, value),
            kinds={"rank": "count"},
        )
        return
    summary = result.summary
    if fmt is Format.table:
        summary = summary.drop("class")
    emit_frame(
        summary,
        fmt,
        title=t("cli.classify_title"),
        kinds={"customers": "count", "class_share": "share", "value_sum": "money"},
    )


def register(app: typer.Typer) -> None:
    """Add the segmentation commands to ``app``."""
    app.command("rfm", help=t("cli.rfm_help"))(_rfm)
    app.command("tiers", help=t("cli.tiers_help"))(_tiers)
    app.command("pareto", help=t("cli.pareto_help"))(_pareto)
    app.command("classify", help=t("cli.classify_help"))(_classify)

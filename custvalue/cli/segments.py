"""``custvalue rfm | tiers | pareto | classify``: segmenting customers by value."""

from __future__ import annotations

from typing import Annotated

import polars as pl
import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.segmentation import (
    classify_customers,
    pareto_curve,
    pareto_summary,
    profitability_tiers,
    rfm_scores,
    rfm_segments,
    segment_summary,
    tier_summary,
)
from custvalue.value import MONEY_COLUMNS, customer_values, ledger_from_db

__all__ = ["load_values", "register"]

_FORMAT = Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))]
_AS_OF = Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))]
_VALUE = Annotated[str, typer.Option("--value", help=t("cli.opt_value"))]
_PER_CUSTOMER = Annotated[bool, typer.Option("--customers", help=t("cli.opt_per_customer"))]


def load_values(as_of: str | None) -> pl.DataFrame:
    """Customer values from the store as of ``--as-of``."""
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        ledger = ledger_from_db(db, as_of=as_of_date)
    return customer_values(ledger)


def _check_value_column(values: pl.DataFrame, column: str) -> None:
    if column not in values.columns or not values.schema[column].is_numeric():
        numeric = [c for c in values.columns if values.schema[c].is_numeric()]
        raise DataValidationError(
            "error.option",
            option="--value",
            value=column,
            reason=t("cli.reason_column"),
            hint=", ".join(numeric),
        )


def _rfm(
    bins: Annotated[int, typer.Option("--bins", help=t("cli.opt_bins"))] = 5,
    ties: Annotated[str, typer.Option("--ties", help=t("cli.opt_ties"))] = "first",
    segment_map: Annotated[
        str, typer.Option("--map", help=t("cli.opt_segment_map"))
    ] = "standard11",
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: _FORMAT = Format.table,
) -> None:
    values = load_values(as_of)
    scores = rfm_scores(values, bins=bins, ties=ties)  # type: ignore[arg-type]
    segmented = rfm_segments(scores, segment_map=segment_map)
    if per_customer:
        emit_frame(segmented, fmt, title=t("cli.rfm_title"), money=("monetary",))
    else:
        emit_frame(
            segment_summary(segmented, segment_map=segment_map),
            fmt,
            title=t("cli.rfm_title"),
            money=("revenue", "monetary"),
        )


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


def _tiers(
    value: _VALUE = "realized_value",
    bands: Annotated[str, typer.Option("--bands", help=t("cli.opt_bands"))] = "20,30,30,20",
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: _FORMAT = Format.table,
) -> None:
    values = load_values(as_of)
    _check_value_column(values, value)
    tiered = profitability_tiers(values, value=value, bands=_parse_bands(bands))
    if per_customer:
        emit_frame(tiered, fmt, title=t("cli.tiers_title"), money=MONEY_COLUMNS)
    else:
        emit_frame(
            tier_summary(tiered, value=value),
            fmt,
            title=t("cli.tiers_title"),
            money=(
                *MONEY_COLUMNS,
                "value_sum",
                "revenue_sum",
                "value_mean",
                "value_min",
                "value_max",
            ),
        )


def _pareto(
    value: _VALUE = "realized_value",
    top: Annotated[float, typer.Option("--top", help=t("cli.opt_pareto_top"))] = 0.2,
    curve: Annotated[bool, typer.Option("--curve", help=t("cli.opt_curve"))] = False,
    as_of: _AS_OF = None,
    fmt: _FORMAT = Format.table,
) -> None:
    if not 0 < top <= 1:
        raise DataValidationError(
            "error.option", option="--top", value=top, reason=t("cli.reason_fraction"), hint="0.2"
        )
    values = load_values(as_of)
    _check_value_column(values, value)
    if curve:
        emit_frame(
            pareto_curve(values, value=value), fmt, title=t("cli.pareto_title"), money=("value",)
        )
        return
    summary = pareto_summary(values, value=value, top=top)
    if fmt is Format.json:
        emit_json(summary)
        return
    frame = pl.DataFrame({"metric": list(summary), "value": [str(v) for v in summary.values()]})
    if fmt is Format.csv:
        emit_frame(frame, fmt)
        return
    console.print(
        t(
            "cli.pareto_headline",
            top=round(top * 100),
            value_share=_pct(summary.get("top_value_share")),
            revenue_share=_pct(summary.get("top_revenue_share")),
        )
    )
    emit_frame(frame, fmt, title=t("cli.pareto_title"))


def _pct(x: object) -> str:
    return f"{float(x) * 100:.1f}%" if isinstance(x, (int, float)) else "—"


def _classify(
    value: _VALUE = "realized_value",
    key_share: Annotated[float, typer.Option("--key-share", help=t("cli.opt_key_share"))] = 0.2,
    per_customer: _PER_CUSTOMER = False,
    as_of: _AS_OF = None,
    fmt: _FORMAT = Format.table,
) -> None:
    values = load_values(as_of)
    _check_value_column(values, value)
    classes = classify_customers(values, value=value, key_share=key_share)
    if per_customer:
        emit_frame(classes, fmt, title=t("cli.classify_title"), money=MONEY_COLUMNS)
        return
    summary = classes.group_by("class", "class_label", "treatment", maintain_order=True).agg(
        pl.len().alias("customers")
    )
    emit_frame(summary, fmt, title=t("cli.classify_title"))


def register(app: typer.Typer) -> None:
    """Add the segmentation commands to ``app``."""
    app.command("rfm", help=t("cli.rfm_help"))(_rfm)
    app.command("tiers", help=t("cli.tiers_help"))(_tiers)
    app.command("pareto", help=t("cli.pareto_help"))(_pareto)
    app.command("classify", help=t("cli.classify_help"))(_classify)

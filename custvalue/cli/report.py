"""``custvalue report``: the headline report (top customers, pyramid, 80/20, RFM segments)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from custvalue.cli.exports import Format, output_options, refuse_csv
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.report import Headline

__all__ = ["print_headline", "register"]


def _print_tiers(tiers: pl.DataFrame) -> None:
    from custvalue.cli.render import emit_frame

    emit_frame(
        tiers.select(
            "tier_label", "customers", "value_sum", "value_share", "revenue_sum", "revenue_share"
        ),
        Format.table,
        title=t("cli.report_tiers"),
        money=("value_sum", "revenue_sum", "value_mean", "value_min", "value_max"),
    )


def _print_pareto(parts: dict[str, Any]) -> None:
    from custvalue.cli.segments import print_sentences
    from custvalue.segmentation import pareto_sentences, tier_rule_line, tier_sentences

    print_sentences(tier_sentences(parts["tiers"], parts["pareto"]))
    print_sentences([tier_rule_line(parts["tier_rule"])])
    print_sentences(pareto_sentences(parts["pareto"]))


def print_headline(result: Headline, fmt: Format) -> None:
    """Print the headline report as tables and sentences, or as one JSON object."""
    from custvalue.cli.render import emit_frame, emit_json
    from custvalue.value import MONEY_COLUMNS

    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    parts = result.parts()
    if fmt is Format.xlsx:  # one sheet per part
        from custvalue.cli.segments import emit_pareto

        emit_frame(parts["top_customers"], fmt, sheet=t("cli.report_top_sheet"))
        emit_frame(parts["tiers"], fmt, sheet=t("cli.report_tiers"))
        emit_pareto(parts["pareto"], fmt, title=t("cli.pareto_title"))
        emit_frame(parts["rfm_segments"], fmt, sheet=t("cli.report_rfm"))
        return
    emit_frame(parts["top_customers"], Format.table, title=t("cli.report_top"), money=MONEY_COLUMNS)
    _print_tiers(parts["tiers"])
    _print_pareto(parts)
    from custvalue.cli.segments import emit_rfm_summary

    emit_rfm_summary(parts["rfm_segments"], Format.table, title=t("cli.report_rfm"))


def _print_empty(fmt: Format, *, as_of: str | None) -> None:
    from custvalue.cli.common import store_url
    from custvalue.cli.render import console, emit_json, err_console

    db = store_url()
    message = (
        t("report.empty", db=db) if as_of is None else t("report.empty_as_of", db=db, as_of=as_of)
    )
    if fmt is Format.json:
        emit_json({"customers_with_orders": 0, "message": message})
    else:
        (console if fmt is Format.table else err_console).print(message)


@output_options
def _report(
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))] = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.report import headline_report
    from custvalue.cli.common import open_db, parse_date_option

    refuse_csv(fmt, "custvalue report")
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        result = headline_report(db, as_of=as_of_date)
    if result is None:
        _print_empty(fmt, as_of=as_of)
        return
    print_headline(result, fmt)


def register(app: typer.Typer) -> None:
    """Add ``report`` to ``app``."""
    app.command("report", help=t("cli.report_help"))(_report)

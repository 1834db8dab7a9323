"""``custvalue clv fit | score | validate``: predictive customer lifetime value."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from custvalue.app.clv import (
    ScoreResult,
    ValidationResult,
    check_model,
    check_score_options,
    check_unit,
    fit_models,
    score_customers,
    validate_models,
    validation_figures,
)
from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import (
    Format,
    Metric,
    console,
    emit_frame,
    emit_json,
    emit_metrics,
    err_console,
)
from custvalue.clv.store import MODEL_LABELS, SCORE_COLUMNS
from custvalue.formatting import Kind
from custvalue.i18n import t
from custvalue.output import check_writable

__all__ = ["register"]

_MODEL = Annotated[str, typer.Option("--model", help=t("cli.opt_clv_model"))]
_UNIT = Annotated[str, typer.Option("--unit", help=t("cli.opt_unit"))]
_CAL = Annotated[str | None, typer.Option("--calibration-end", help=t("cli.opt_calibration_end"))]
_PEN = Annotated[float, typer.Option("--penalizer", help=t("cli.opt_penalizer"))]


#: how each column of the CLV tables reads (P(alive) as %, purchases, money)
_KINDS: dict[str, Kind] = {
    "parameter": "text",
    "estimate": "estimate",
    "std_error": "estimate",
    "lower_95": "estimate",
    "upper_95": "estimate",
    "frequency": "count",  # the by-frequency table's groups are text ("7+")
    "recency": "number",
    "T": "number",
    "p_alive": "share",
    "expected_purchases": "number",
    "expected_spend": "money",
    "monetary_value": "money",
    "clv": "money",
    "clv_lower": "money",
    "clv_upper": "money",
    "customers": "count",
    "actual_mean": "number",
    "predicted_mean": "number",
    "period": "count",
    "survival": "share",
    "retention_rate": "share",
    "active": "number",
}
#: holdout metrics: key in the JSON and the metric table, label key, kind
_METRICS: tuple[tuple[str, str, Kind], ...] = (
    ("customers", "holdout_customers", "count"),
    ("actual_total", "actual_total", "count"),
    ("predicted_total", "predicted_total", "count"),
    ("total_error_pct", "total_error_pct", "percent"),
    ("mae", "mae", "number"),
    ("rmse", "rmse", "number"),
    ("correlation", "correlation", "ratio"),
)


def _unit_name(unit: str) -> str:
    return t(f"cli.unit_{unit}")


def _two_decimals(frame: pl.DataFrame, columns: tuple[str, ...], decimals: int = 2) -> pl.DataFrame:
    """Expected purchases as people read them: two decimals (tables only)."""
    present = [c for c in columns if c in frame.columns]
    return frame.with_columns(pl.col(present).round(decimals)) if present else frame


def _frequency_groups(by_frequency: pl.DataFrame, grouped_from: int = 7) -> pl.DataFrame:
    """The last calibration-frequency group reads "7+" (it holds 7 and more)."""
    if by_frequency.height == 0:
        return by_frequency
    top = int(by_frequency["frequency"].max())  # type: ignore[arg-type]
    if top < grouped_from:
        return by_frequency
    return by_frequency.with_columns(
        pl.when(pl.col("frequency") == top)
        .then(pl.lit(f"{top}+"))
        .otherwise(pl.col("frequency").cast(pl.String))
        .alias("frequency")
    )


def _print_fit(data: dict[str, Any]) -> None:
    for key, block in (("model", data), ("spend", data.get("spend"))):
        if not block or "params" not in block:
            continue
        name = block.get("model", data.get(key))
        rows = [
            {"parameter": p, "estimate": v, "std_error": block["standard_errors"].get(p)}
            for p, v in block["params"].items()
        ]
        emit_frame(
            pl.DataFrame(
                rows,
                schema={"parameter": pl.String, "estimate": pl.Float64, "std_error": pl.Float64},
            ),
            Format.table,
            title=t(
                "cli.clv_fit_title",
                model=MODEL_LABELS.get(str(name), str(name)),
                customers=f"{int(block.get('customers', data['customers'])):,}",
                unit=_unit_name(str(data["unit"])),
            ),
            kinds=_KINDS,
        )
        console.print(t("cli.clv_ll", ll=block["log_likelihood"]))


@output_options
def _fit(
    model: _MODEL = "bgnbd",
    unit: _UNIT = "week",
    calibration_end: _CAL = None,
    penalizer: _PEN = 0.0,
    fmt: Format = Format.table,
) -> None:
    chosen = check_model(model, fit=True)
    end = parse_date_option("--calibration-end", calibration_end)
    the_unit = check_unit(unit)
    with open_db() as db:
        result = fit_models(
            db, model=chosen, unit=the_unit, calibration_end=end, penalizer=penalizer
        )
    if fmt is Format.json:
        emit_json(result.to_dict())
    elif fmt.spreadsheet:
        emit_frame(result.table, fmt)
    else:
        _print_fit(result.data())  # as computed, before to_dict() writes NaN as null
        if result.projection is not None:
            emit_frame(
                _two_decimals(result.projection, ("active",), 1),
                Format.table,
                title=t("cli.sbg_projection_title", unit=_unit_name(the_unit)),
                kinds=_KINDS,
            )


def margin_text(margin: float, source: str) -> str:
    """``margin 30.0 %`` / ``margin 28.4 % from cost of goods`` / ``revenue terms``."""
    if source == "none":
        return t("clv.margin_none")
    share = f"{margin * 100:.1f}%"
    return (
        t("clv.margin_cogs", margin=share)
        if source == "cogs"
        else t("clv.margin_given", margin=share)
    )


@output_options
def _score(
    model: _MODEL = "bgnbd",
    unit: _UNIT = "week",
    calibration_end: _CAL = None,
    horizon: Annotated[float, typer.Option("--horizon", help=t("cli.opt_horizon"))] = 52.0,
    discount: Annotated[float, typer.Option("--discount", help=t("cli.opt_discount"))] = 0.1,
    margin: Annotated[float | None, typer.Option("--margin", help=t("clv.opt_margin"))] = None,
    intervals: Annotated[int, typer.Option("--intervals", help=t("cli.opt_intervals"))] = 0,
    penalizer: _PEN = 0.0,
    top: Annotated[int, typer.Option("--top", help=t("cli.opt_top"))] = 20,
    fmt: Format = Format.table,
) -> None:
    chosen = check_model(model)
    the_unit = check_unit(unit)
    end = parse_date_option("--calibration-end", calibration_end)
    check_score_options(
        horizon=horizon, discount=discount, intervals=intervals, margin=margin, top=top
    )
    with open_db() as db:
        result = score_customers(
            db,
            model=chosen,
            unit=the_unit,
            calibration_end=end,
            horizon=horizon,
            discount=discount,
            margin=margin,
            intervals=intervals,
            penalizer=penalizer,
        )
    ranked, run_id = result.scores, result.run_id
    share, source = result.margin, result.margin_source
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    if fmt.spreadsheet:
        emit_frame(ranked, fmt)
        return
    shown = [c for c in SCORE_COLUMNS if c in ranked.columns and c not in {"T", "monetary_value"}]
    emit_frame(
        _two_decimals(ranked.select(shown).head(top), ("recency", "expected_purchases")),
        Format.table,
        title=t(
            "cli.clv_score_title",
            horizon=f"{horizon:g}",
            unit=_unit_name(the_unit),
            run_id=run_id,
        ),
        caption=t(
            "clv.score_caption",
            models=_models_label(result),
            margin=margin_text(share, source),
            discount=f"{discount * 100:.1f}%",
            unit=_unit_name(the_unit),
        ),
        kinds=_KINDS,
        keep=("clv", "p_alive"),
        priority=("clv_lower", "clv_upper", "frequency", "recency", "expected_spend"),
    )
    console.print(t("cli.clv_saved", run_id=run_id, customers=f"{ranked.height:,}"))
    if source == "none":
        console.print(t("clv.margin_hint"))


def _models_label(result: ScoreResult) -> str:
    fit = result.fit
    names = [fit.model.name if fit.model is not None else "gg"]
    if fit.spend is not None and names[0] != "gg":
        names.append("gg")
    return " + ".join(MODEL_LABELS.get(n, n) for n in names)


@output_options
def _validate(
    calibration_end: Annotated[
        str, typer.Option("--calibration-end", help=t("cli.opt_calibration_end"))
    ],
    observation_end: Annotated[
        str | None, typer.Option("--observation-end", help=t("cli.opt_observation_end"))
    ] = None,
    model: _MODEL = "bgnbd",
    unit: _UNIT = "week",
    penalizer: _PEN = 0.0,
    chart: Annotated[Path | None, typer.Option("--chart", help=t("cli.opt_clv_chart"))] = None,
    fmt: Format = Format.table,
) -> None:
    chosen = check_model(model)
    cal = parse_date_option("--calibration-end", calibration_end)
    if chart is not None:
        check_writable(chart)
    with open_db() as db:
        obs = parse_date_option("--observation-end", observation_end)
        result = validate_models(
            db,
            calibration_end=cal,  # type: ignore[arg-type]
            observation_end=obs,
            model=chosen,
            unit=check_unit(unit),
            penalizer=penalizer,
            with_orders=chart is not None,
        )
    fit, obs = result.fit, result.observation_end
    per, metrics, by_frequency = result.customers, result.metrics, result.by_frequency
    if chart is not None and result.orders is not None:
        _validation_chart(result, result.orders, chart)
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    if fmt is Format.csv:
        emit_frame(per, fmt)
        return
    if fmt is Format.xlsx:  # the metrics, the groups by frequency and every customer
        emit_metrics(_metric_lines(metrics), fmt, sheet=t("cli.clv_metrics_sheet"))
        emit_frame(by_frequency, fmt, sheet=t("cli.clv_by_frequency_title"))
        emit_frame(per, fmt, sheet=t("cli.clv_customers_sheet"))
        return
    emit_metrics(
        _metric_lines(metrics),
        Format.table,
        title=t(
            "clv.validate_title",
            model=MODEL_LABELS.get(chosen, chosen),
            calibration_end=str(cal),
            observation_end=str(obs),
        ),
        caption=t("clv.validate_caption", unit=_unit_name(fit.unit)),
    )
    emit_frame(
        _frequency_groups(_two_decimals(by_frequency, ("actual_mean", "predicted_mean"))),
        Format.table,
        title=t("cli.clv_by_frequency_title"),
        kinds=_KINDS,
    )


def _metric_lines(metrics: dict[str, Any]) -> list[Metric]:
    return [Metric(label, metrics[key], kind) for key, label, kind in _METRICS if key in metrics]


def _validation_chart(result: ValidationResult, orders: pl.DataFrame, path: Path) -> None:
    """Tracking, conditional expectations and the two matrices on one offline page."""
    from custvalue.figures import write_html

    figures = validation_figures(result, orders=orders, unit_name=_unit_name(result.fit.unit))
    write_html(figures, path, title=t("cli.clv_validate_title"))
    err_console.print(t("cli.clv_chart_written", path=str(path)))


def register(app: typer.Typer) -> None:
    """Add ``custvalue clv ...``."""
    group = typer.Typer(help=t("cli.clv_help"), no_args_is_help=True)
    group.command("fit", help=t("cli.clv_fit_help"))(_fit)
    group.command("score", help=t("cli.clv_score_help"))(_score)
    group.command("validate", help=t("cli.clv_validate_help"))(_validate)
    app.add_typer(group, name="clv")

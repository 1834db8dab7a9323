"""``custvalue clv fit | score | validate``: predictive customer lifetime value."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from custvalue.cli.common import allowed_option, open_db, parse_date_option
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
from custvalue.clv.store import (
    MODEL_LABELS,
    PURCHASE_MODELS,
    SCORE_COLUMNS,
    ClvFit,
    cogs_margin,
    fit_sbg_store,
    fit_store,
    last_order_date,
    save_run,
)
from custvalue.clv.summary import UNITS, Unit
from custvalue.exceptions import DataValidationError
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


def _unit(value: str) -> Unit:
    return allowed_option("--unit", value, tuple(UNITS))  # type: ignore[no-any-return]


def _model(value: str, allowed: tuple[str, ...]) -> str:
    return str(allowed_option("--model", value, allowed))


def _option_error(option: str, value: object, reason_key: str, good: str) -> DataValidationError:
    """``Option --horizon: must be … (got -5.0). For example: --horizon 52.``"""
    return DataValidationError(
        "error.option",
        option=option,
        value=value,
        reason=t(reason_key),
        hint=t("clv.hint_example", example=f"{option} {good}"),
    )


def _check_score_options(horizon: float, discount: float, top: int, intervals: int) -> None:
    """The options of ``clv score`` named as the user wrote them."""
    if not (math.isfinite(horizon) and horizon > 0):
        raise _option_error("--horizon", horizon, "clv.reason_horizon", "52")
    if not (math.isfinite(discount) and 0 <= discount < 10):
        raise _option_error("--discount", discount, "clv.reason_discount", "0.1")
    if top < 1:
        raise _option_error("--top", top, "cli.reason_positive", "20")
    if intervals < 0 or intervals > 10_000:
        raise _option_error("--intervals", intervals, "clv.reason_intervals", "200")


def _unit_name(unit: str) -> str:
    return t(f"cli.unit_{unit}")


def _two_decimals(
    frame: pl.DataFrame, columns: tuple[str, ...], decimals: int = 2
) -> pl.DataFrame:
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
    chosen = _model(model, (*PURCHASE_MODELS, "gg", "sbg"))
    end = parse_date_option("--calibration-end", calibration_end)
    if chosen == "sbg":
        _fit_sbg(_unit(unit), end, fmt)
        return
    with open_db() as db:
        fit = fit_store(
            db, model=chosen, unit=_unit(unit), calibration_end=end, penalizer=penalizer
        )
        run_id = save_run(db, fit)
    data = {"run_id": run_id, **fit.to_dict()}
    if fmt is Format.json:
        emit_json(data)
    elif fmt.spreadsheet:
        emit_frame(fit.model.summary() if fit.model is not None else pl.DataFrame(), fmt)
    else:
        _print_fit(data)


def _fit_sbg(unit: Unit, end: date | None, fmt: Format) -> None:
    with open_db() as db:
        model, table = fit_sbg_store(db, unit=unit, calibration_end=end)
        cal = end or last_order_date(db)
        customers = int(table.filter(pl.col("period") == 0)["active"].sum())
        fit = ClvFit(model, None, table, unit, cal, customers=customers)
        run_id = save_run(db, fit)
    projection = model.projection(100, 12)
    data = {
        "run_id": run_id,
        **fit.to_dict(),
        "cohorts": int(table["cohort"].n_unique()),
        "projection": projection.to_dicts(),
    }
    if fmt is Format.json:
        emit_json(data)
    elif fmt.spreadsheet:
        emit_frame(table, fmt)
    else:
        _print_fit(data)
        emit_frame(
            _two_decimals(projection, ("active",), 1),
            Format.table,
            title=t("cli.sbg_projection_title", unit=_unit_name(unit)),
            kinds=_KINDS,
        )


def _given_margin(given: float | None) -> float | None:
    """``--margin`` checked before the store is read (a share of spend in (0, 1])."""
    from custvalue.clv.value import check_margin

    if given is None:
        return None
    try:
        return check_margin(given)
    except DataValidationError:
        raise _option_error("--margin", given, "clv.reason_margin", "0.3") from None


def _margin(db: Any, given: float | None, calibration_end: date) -> tuple[float, str]:
    """The margin of the CLV and its source: the option, else the orders' cost of goods,
    else 1 (revenue terms)."""
    if given is not None:
        return given, "option"
    from_costs = cogs_margin(db, calibration_end=calibration_end)
    if from_costs is not None and 0 < from_costs <= 1:
        return from_costs, "cogs"
    return 1.0, "none"


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
    from custvalue.clv.value import customer_lifetime_value, per_unit_discount

    chosen = _model(model, PURCHASE_MODELS)
    the_unit = _unit(unit)
    end = parse_date_option("--calibration-end", calibration_end)
    _check_score_options(horizon, discount, top, intervals)
    given_margin = _given_margin(margin)
    per_unit = per_unit_discount(discount, the_unit)
    with open_db() as db:
        fit = fit_store(db, model=chosen, unit=the_unit, calibration_end=end, penalizer=penalizer)
        share, source = _margin(db, given_margin, fit.calibration_end)
        scores = customer_lifetime_value(
            fit.model,
            fit.summary,
            spend=fit.spend,
            horizon=horizon,
            discount=per_unit,
            margin=share,
            draws=intervals,
        )
        run_id = save_run(
            db,
            fit,
            scores,
            horizon=horizon,
            discount_annual=discount,
            margin=share,
            margin_source=source,
        )
    ranked = scores.sort(["clv", "customer_id"], descending=[True, False], nulls_last=True)
    if fmt is Format.json:
        emit_json(
            {
                "run_id": run_id,
                "horizon": horizon,
                "discount_annual": discount,
                "discount_per_unit": per_unit,
                "margin": share,
                "margin_source": source,
                **fit.to_dict(),
                "scores": ranked.drop("first_purchase").to_dicts(),
            }
        )
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
            models=_models_label(fit),
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


def _models_label(fit: ClvFit) -> str:
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
    from custvalue.clv.validation import holdout_evaluation

    chosen = _model(model, PURCHASE_MODELS)
    cal = parse_date_option("--calibration-end", calibration_end)
    if chart is not None:
        check_writable(chart)
    with open_db() as db:
        obs = parse_date_option("--observation-end", observation_end) or last_order_date(db)
        fit = fit_store(
            db,
            model=chosen,
            unit=_unit(unit),
            calibration_end=cal,
            observation_end=obs,
            penalizer=penalizer,
            spend=False,
        )
        orders = (
            db.frame("SELECT customer_id, ordered_at FROM orders") if chart is not None else None
        )
    if "frequency_holdout" not in fit.summary.columns:
        raise DataValidationError(
            "error.option",
            option="--observation-end",
            value=str(obs),
            reason=t("cli.opt_observation_end"),
            hint=str(cal),
        )
    per, metrics, by_frequency = holdout_evaluation(fit.model, fit.summary)
    if chart is not None and orders is not None and cal is not None:
        _validation_chart(fit, orders, by_frequency, cal, obs, chart)
    if fmt is Format.json:
        emit_json(
            {
                **fit.to_dict(),
                "observation_end": str(obs),
                "metrics": metrics,
                "by_frequency": by_frequency.to_dicts(),
                "customers_detail": per.to_dicts(),
            }
        )
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


def _validation_chart(
    fit: ClvFit,
    orders: pl.DataFrame,
    by_frequency: pl.DataFrame,
    cal: date,
    obs: date,
    path: Path,
) -> None:
    """Tracking, conditional expectations and the two matrices on one offline page."""
    from custvalue.clv.validation import (
        frequency_recency_matrix,
        probability_alive_matrix,
        tracking,
    )
    from custvalue.figures import clv as clv_figures
    from custvalue.figures import write_html

    unit_name = _unit_name(fit.unit)
    track = tracking(fit.model, orders, calibration_end=cal, observation_end=obs, unit=fit.unit)
    age = float(fit.summary["T"].max())  # type: ignore[arg-type]
    write_html(
        [
            clv_figures.tracking_figure(track, unit_name),
            clv_figures.by_frequency_figure(by_frequency),
            clv_figures.matrix_figure(
                probability_alive_matrix(fit.model, T=age), "p_alive", "figures.clv_p_alive"
            ),
            clv_figures.matrix_figure(
                frequency_recency_matrix(fit.model, T=age), "expected", "figures.clv_expected"
            ),
        ],
        path,
        title=t("cli.clv_validate_title"),
    )
    err_console.print(t("cli.clv_chart_written", path=str(path)))


def register(app: typer.Typer) -> None:
    """Add ``custvalue clv ...``."""
    group = typer.Typer(help=t("cli.clv_help"), no_args_is_help=True)
    group.command("fit", help=t("cli.clv_fit_help"))(_fit)
    group.command("score", help=t("cli.clv_score_help"))(_score)
    group.command("validate", help=t("cli.clv_validate_help"))(_validate)
    app.add_typer(group, name="clv")

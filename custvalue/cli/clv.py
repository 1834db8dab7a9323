"""``custvalue clv fit | score | validate``: predictive customer lifetime value."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.render import Format, console, emit_frame, emit_json, err_console
from custvalue.clv.store import (
    PURCHASE_MODELS,
    SCORE_COLUMNS,
    ClvFit,
    fit_sbg_store,
    fit_store,
    last_order_date,
    save_run,
)
from custvalue.clv.summary import UNITS, Unit
from custvalue.clv.validation import (
    frequency_recency_matrix,
    holdout_evaluation,
    probability_alive_matrix,
    tracking,
)
from custvalue.clv.value import customer_lifetime_value, per_unit_discount
from custvalue.exceptions import DataValidationError
from custvalue.figures import clv as clv_figures
from custvalue.figures import write_html
from custvalue.i18n import t

__all__ = ["register"]

_MODEL = Annotated[str, typer.Option("--model", help=t("cli.opt_clv_model"))]
_UNIT = Annotated[str, typer.Option("--unit", help=t("cli.opt_unit"))]
_CAL = Annotated[str | None, typer.Option("--calibration-end", help=t("cli.opt_calibration_end"))]
_PEN = Annotated[float, typer.Option("--penalizer", help=t("cli.opt_penalizer"))]
_FMT = Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))]


def _unit(value: str) -> Unit:
    if value not in UNITS:
        raise DataValidationError(
            "error.option", option="--unit", value=value, reason=t("cli.opt_unit"), hint="week"
        )
    return value  # type: ignore[return-value]


def _model(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise DataValidationError(
            "error.option",
            option="--model",
            value=value,
            reason=t("cli.opt_clv_model"),
            hint=", ".join(allowed),
        )
    return value


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
            pl.DataFrame(rows),
            Format.table,
            title=t(
                "cli.clv_fit_title",
                model=name,
                customers=block.get("customers", data["customers"]),
                unit=data["unit"],
            ),
        )
        console.print(t("cli.clv_ll", ll=block["log_likelihood"]))


def _fit(
    model: _MODEL = "bgnbd",
    unit: _UNIT = "week",
    calibration_end: _CAL = None,
    penalizer: _PEN = 0.0,
    fmt: _FMT = Format.table,
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
    elif fmt is Format.csv:
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
    elif fmt is Format.csv:
        emit_frame(table, fmt)
    else:
        _print_fit(data)
        emit_frame(projection, Format.table, title=t("cli.sbg_projection_title", unit=unit))


def _score(
    model: _MODEL = "bgnbd",
    unit: _UNIT = "week",
    calibration_end: _CAL = None,
    horizon: Annotated[float, typer.Option("--horizon", help=t("cli.opt_horizon"))] = 52.0,
    discount: Annotated[float, typer.Option("--discount", help=t("cli.opt_discount"))] = 0.1,
    intervals: Annotated[int, typer.Option("--intervals", help=t("cli.opt_intervals"))] = 0,
    penalizer: _PEN = 0.0,
    top: Annotated[int, typer.Option("--top", help=t("cli.opt_top"))] = 20,
    fmt: _FMT = Format.table,
) -> None:
    chosen = _model(model, tuple(PURCHASE_MODELS))
    the_unit = _unit(unit)
    end = parse_date_option("--calibration-end", calibration_end)
    if intervals < 0 or intervals > 10_000:
        raise DataValidationError(
            "error.option",
            option="--intervals",
            value=intervals,
            reason=t("cli.opt_intervals"),
            hint="200",
        )
    per_unit = per_unit_discount(discount, the_unit)
    with open_db() as db:
        fit = fit_store(db, model=chosen, unit=the_unit, calibration_end=end, penalizer=penalizer)
        scores = customer_lifetime_value(
            fit.model,
            fit.summary,
            spend=fit.spend,
            horizon=horizon,
            discount=per_unit,
            draws=intervals,
        )
        run_id = save_run(db, fit, scores, horizon=horizon, discount_annual=discount)
    ranked = scores.sort(["clv", "customer_id"], descending=[True, False], nulls_last=True)
    if fmt is Format.json:
        emit_json(
            {
                "run_id": run_id,
                "horizon": horizon,
                "discount_annual": discount,
                "discount_per_unit": per_unit,
                **fit.to_dict(),
                "scores": ranked.drop("first_purchase").to_dicts(),
            }
        )
        return
    if fmt is Format.csv:
        emit_frame(ranked, fmt)
        return
    shown = [c for c in SCORE_COLUMNS if c in ranked.columns and c not in {"T", "monetary_value"}]
    emit_frame(
        ranked.select(shown).head(top),
        Format.table,
        title=t(
            "cli.clv_score_title",
            horizon=f"{horizon:g}",
            unit=t(f"cli.unit_{the_unit}"),
            run_id=run_id,
        ),
        money=("expected_spend", "clv", "clv_lower", "clv_upper"),
    )
    console.print(t("cli.clv_saved", run_id=run_id, customers=ranked.height))


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
    fmt: _FMT = Format.table,
) -> None:
    chosen = _model(model, tuple(PURCHASE_MODELS))
    cal = parse_date_option("--calibration-end", calibration_end)
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
    emit_frame(
        pl.DataFrame({"metric": list(metrics), "value": [f"{v:,.4g}" for v in metrics.values()]}),
        Format.table,
        title=t("cli.clv_validate_title"),
    )
    emit_frame(by_frequency, Format.table, title=t("cli.clv_by_frequency_title"))


def _validation_chart(
    fit: ClvFit,
    orders: pl.DataFrame,
    by_frequency: pl.DataFrame,
    cal: date,
    obs: date,
    path: Path,
) -> None:
    """Tracking, conditional expectations and the two matrices on one offline page."""
    unit_name = t(f"cli.unit_{fit.unit}")
    track = tracking(fit.model, orders, calibration_end=cal, observation_end=obs, unit=fit.unit)
    t_max = float(fit.summary["T"].max())  # type: ignore[arg-type]
    write_html(
        [
            clv_figures.tracking_figure(track, unit_name),
            clv_figures.by_frequency_figure(by_frequency),
            clv_figures.matrix_figure(
                probability_alive_matrix(fit.model, T=t_max), "p_alive", "figures.clv_p_alive"
            ),
            clv_figures.matrix_figure(
                frequency_recency_matrix(fit.model, T=t_max), "expected", "figures.clv_expected"
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

"""Predictive CLV: fit the models, score every customer, validate on a holdout.

:func:`fit_models` fits and saves a run; :func:`score_customers` is the score pipeline
(fit, the annual discount as a rate per time unit, CLV per customer, save, rank);
:func:`validate_models` fits on a calibration period and compares with the holdout,
with the orders the validation charts need (:func:`validation_figures`).

The options are checked (and refused with ``error.option`` naming the option as the
command line spells it) before the store is read. The models and SciPy are imported
when a function runs, not with this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from custvalue._validation import check_choice
from custvalue.app.results import Result, rows
from custvalue.clv import MAX_STEPS
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.clv.store import ClvFit
    from custvalue.data.db import Database

__all__ = [
    "MODELS",
    "FitResult",
    "LatestRun",
    "ScoreResult",
    "ValidationResult",
    "check_model",
    "check_score_job",
    "check_validate_job",
    "check_score_options",
    "check_unit",
    "fit_models",
    "latest_run",
    "run_score_job",
    "run_validate_job",
    "score_customers",
    "validate_models",
    "validation_figures",
]


#: the purchase models a score or a validation may use
MODELS = ("bgnbd", "mbgnbd", "pareto")


def _purchase_models() -> tuple[str, ...]:
    from custvalue.clv.store import PURCHASE_MODELS

    return tuple(PURCHASE_MODELS)


def check_model(model: str, *, fit: bool = False) -> str:
    """``model`` if it is a purchase model (or, with ``fit``, also ``gg`` or ``sbg``)."""
    allowed = (*_purchase_models(), "gg", "sbg") if fit else _purchase_models()
    return str(check_choice("--model", model, allowed))


def check_unit(unit: str) -> str:
    """``unit`` if it is a time unit of the models (day, week, month …)."""
    from custvalue.clv.summary import UNITS

    return str(check_choice("--unit", unit, tuple(UNITS)))


def _option_error(option: str, value: object, reason_key: str, good: str) -> DataValidationError:
    """``Option --horizon: must be … (got -5.0). For example: --horizon 52.``"""
    return DataValidationError(
        "error.option",
        option=option,
        value=value,
        reason=t(reason_key),
        hint=t("clv.hint_example", example=f"{option} {good}"),
    )


def check_score_options(
    *,
    horizon: float,
    discount: float,
    intervals: int,
    margin: float | None = None,
    top: int | None = None,
) -> float | None:
    """Refuse a horizon, an annual discount, a row count (``top``), a number of
    interval draws or a margin out of range; the margin checked (None: not given)."""
    if not (math.isfinite(horizon) and 0 < horizon <= MAX_STEPS):  # steps of one unit
        raise _option_error("--horizon", horizon, "clv.reason_horizon", "52")
    if not (math.isfinite(discount) and 0 <= discount < 10):
        raise _option_error("--discount", discount, "clv.reason_discount", "0.1")
    if top is not None and top < 1:
        raise _option_error("--top", top, "cli.reason_positive", "20")
    if intervals < 0 or intervals > 10_000:
        raise _option_error("--intervals", intervals, "clv.reason_intervals", "200")
    if margin is None:
        return None
    from custvalue.clv.value import check_margin

    try:
        return check_margin(margin)
    except DataValidationError:
        raise _option_error("--margin", margin, "clv.reason_margin", "0.3") from None


# -- fit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FitResult(Result):
    """A saved fit: its run id, the models and their data; for sBG also the cohort
    table and the projected survivors."""

    run_id: int
    fit: ClvFit
    cohorts: pl.DataFrame | None = None
    projection: pl.DataFrame | None = None

    @property
    def table(self) -> pl.DataFrame:
        """One table of the fit: the parameters, or for sBG the cohort table."""
        import polars as pl

        if self.cohorts is not None:
            return self.cohorts
        return self.fit.model.summary() if self.fit.model is not None else pl.DataFrame()

    def data(self) -> dict[str, Any]:
        out = {"run_id": self.run_id, **self.fit.to_dict()}
        if self.cohorts is not None and self.projection is not None:
            out["cohorts"] = int(self.cohorts["cohort"].n_unique())
            out["projection"] = rows(self.projection)
        return out


def fit_models(
    db: Database,
    *,
    model: str = "bgnbd",
    unit: str = "week",
    calibration_end: date | None = None,
    penalizer: float = 0.0,
) -> FitResult:
    """Fit ``model`` (with Gamma-Gamma spend when there are repeat buyers) on the
    stored orders up to ``calibration_end`` (default: the latest order) and save the run;
    ``sbg`` fits the retention model on the cohorts."""
    chosen = check_model(model, fit=True)
    the_unit = check_unit(unit)
    from custvalue.clv.store import fit_store, save_run

    if chosen == "sbg":
        return _fit_sbg(db, unit=the_unit, calibration_end=calibration_end)
    fit = fit_store(
        db,
        model=chosen,
        unit=the_unit,  # type: ignore[arg-type]
        calibration_end=calibration_end,
        penalizer=penalizer,
    )
    return FitResult(save_run(db, fit), fit)


def _fit_sbg(db: Database, *, unit: str, calibration_end: date | None) -> FitResult:
    import polars as pl

    from custvalue.clv.store import ClvFit, fit_sbg_store, last_order_date, save_run

    model, table = fit_sbg_store(db, unit=unit, calibration_end=calibration_end)  # type: ignore[arg-type]
    cal = calibration_end or last_order_date(db)
    customers = int(table.filter(pl.col("period") == 0)["active"].sum())
    fit = ClvFit(model, None, table, unit, cal, customers=customers)
    run_id = save_run(db, fit)
    return FitResult(run_id, fit, cohorts=table, projection=model.projection(100, 12))


# -- score -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreResult(Result):
    """A saved scoring run: every customer's P(alive), expected purchases and spend and
    CLV, ranked by CLV (highest first), with the terms it was computed on."""

    run_id: int
    fit: ClvFit
    scores: pl.DataFrame
    horizon: float
    discount_annual: float
    discount_per_unit: float
    margin: float
    #: where the margin came from: ``option``, ``cogs`` (the orders' cost of goods) or
    #: ``none`` (revenue terms)
    margin_source: str

    def data(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "horizon": self.horizon,
            "discount_annual": self.discount_annual,
            "discount_per_unit": self.discount_per_unit,
            "margin": self.margin,
            "margin_source": self.margin_source,
            **self.fit.to_dict(),
            "scores": rows(self.scores.drop("first_purchase", strict=False)),
        }


def _margin(db: Database, given: float | None, calibration_end: date) -> tuple[float, str]:
    """The margin of the CLV and its source: the option, else the orders' cost of goods,
    else 1 (revenue terms)."""
    from custvalue.clv.store import cogs_margin

    if given is not None:
        return given, "option"
    from_costs = cogs_margin(db, calibration_end=calibration_end)
    if from_costs is not None and 0 < from_costs <= 1:
        return from_costs, "cogs"
    return 1.0, "none"


def score_customers(
    db: Database,
    *,
    model: str = "bgnbd",
    unit: str = "week",
    calibration_end: date | None = None,
    horizon: float = 52.0,
    discount: float = 0.1,
    margin: float | None = None,
    intervals: int = 0,
    penalizer: float = 0.0,
) -> ScoreResult:
    """Fit, turn the annual ``discount`` into a rate per ``unit``, compute every
    customer's CLV over ``horizon`` units (with ``intervals`` bootstrap draws for
    bounds), save the run and rank by CLV."""
    from custvalue.clv.store import fit_store, save_run
    from custvalue.clv.value import customer_lifetime_value, per_unit_discount

    chosen = check_model(model)
    the_unit = check_unit(unit)
    given = check_score_options(
        horizon=horizon, discount=discount, intervals=intervals, margin=margin
    )
    per_unit = per_unit_discount(discount, the_unit)
    fit = fit_store(
        db,
        model=chosen,
        unit=the_unit,  # type: ignore[arg-type]
        calibration_end=calibration_end,
        penalizer=penalizer,
    )
    share, source = _margin(db, given, fit.calibration_end)
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
    return ScoreResult(
        run_id=run_id,
        fit=fit,
        scores=ranked,
        horizon=horizon,
        discount_annual=discount,
        discount_per_unit=per_unit,
        margin=share,
        margin_source=source,
    )


# -- validate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationResult(Result):
    """A fit on the calibration period judged on the holdout: the metrics, the means by
    calibration frequency, every customer; and the orders when charts are wanted."""

    fit: ClvFit
    calibration_end: date
    observation_end: date
    metrics: dict[str, Any]
    by_frequency: pl.DataFrame
    customers: pl.DataFrame
    orders: pl.DataFrame | None = field(default=None, repr=False)

    def data(self) -> dict[str, Any]:
        return {
            **self.fit.to_dict(),
            "observation_end": str(self.observation_end),
            "metrics": self.metrics,
            "by_frequency": rows(self.by_frequency),
            "customers_detail": rows(self.customers),
        }


def validate_models(
    db: Database,
    *,
    calibration_end: date,
    observation_end: date | None = None,
    model: str = "bgnbd",
    unit: str = "week",
    penalizer: float = 0.0,
    with_orders: bool = False,
) -> ValidationResult:
    """Fit ``model`` on the orders up to ``calibration_end`` and compare its predictions
    with what customers bought up to ``observation_end`` (default: the latest order);
    ``with_orders`` also returns the orders (for :func:`validation_figures`)."""
    from custvalue.clv.store import fit_store, last_order_date
    from custvalue.clv.validation import holdout_evaluation

    chosen = check_model(model)
    the_unit = check_unit(unit)
    obs = observation_end or last_order_date(db)
    fit = fit_store(
        db,
        model=chosen,
        unit=the_unit,  # type: ignore[arg-type]
        calibration_end=calibration_end,
        observation_end=obs,
        penalizer=penalizer,
        spend=False,
    )
    orders = db.frame("SELECT customer_id, ordered_at FROM orders") if with_orders else None
    if "frequency_holdout" not in fit.summary.columns:
        raise DataValidationError(
            "error.option",
            option="--observation-end",
            value=str(obs),
            reason=t("cli.opt_observation_end"),
            hint=str(calibration_end),
        )
    per, metrics, by_frequency = holdout_evaluation(fit.model, fit.summary)
    return ValidationResult(
        fit=fit,
        calibration_end=calibration_end,
        observation_end=obs,
        metrics=metrics,
        by_frequency=by_frequency,
        customers=per,
        orders=orders,
    )


def validation_figures(
    result: ValidationResult, *, orders: pl.DataFrame, unit_name: str
) -> list[dict[str, Any]]:
    """The validation charts as figure dicts: tracking (actual and predicted purchases
    per period, from ``orders``: ``result.orders`` of ``with_orders=True``), the holdout
    means by calibration frequency, and the P(alive) and expected-purchases matrices."""
    from custvalue.clv.validation import (
        frequency_recency_matrix,
        probability_alive_matrix,
        tracking,
    )
    from custvalue.figures import clv as clv_figures

    fit = result.fit
    track = tracking(
        fit.model,
        orders,
        calibration_end=result.calibration_end,
        observation_end=result.observation_end,
        unit=fit.unit,
    )
    age = float(fit.summary["T"].max())  # type: ignore[arg-type]
    return [
        clv_figures.tracking_figure(track, unit_name),
        clv_figures.by_frequency_figure(result.by_frequency),
        clv_figures.matrix_figure(
            probability_alive_matrix(fit.model, T=age), "p_alive", "figures.clv_p_alive"
        ),
        clv_figures.matrix_figure(
            frequency_recency_matrix(fit.model, T=age), "expected", "figures.clv_expected"
        ),
    ]


# -- jobs --------------------------------------------------------------------------------

#: the parameters of a ``clv_score`` job and of a ``clv_validate`` job
SCORE_PARAMS = ("model", "unit", "calibration_end", "horizon", "discount", "margin")
VALIDATE_PARAMS = ("model", "unit", "calibration_end", "observation_end")


def _job_date(params: dict[str, Any], name: str, *, required: bool = False) -> date | None:
    value = params.get(name)
    if value in (None, ""):
        if required:
            raise _option_error(name, value, "clv.reason_date", "2024-06-30")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _option_error(name, value, "clv.reason_date", "2024-06-30") from None


def _job_number(params: dict[str, Any], name: str, default: float | None) -> float | None:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _option_error(name, value, "clv.reason_number", str(default)) from None
    if not math.isfinite(number):
        raise _option_error(name, value, "clv.reason_number", str(default))
    return number


def _unknown(params: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise DataValidationError("job.bad_params", option=unknown[0])


def check_score_job(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of a ``clv_score`` job, checked as ``custvalue clv score`` checks
    its options, before the job is queued."""
    _unknown(params, SCORE_PARAMS)
    model = check_model(str(params.get("model") or "bgnbd"))
    unit = check_unit(str(params.get("unit") or "week"))
    calibration_end = _job_date(params, "calibration_end")
    horizon = _job_number(params, "horizon", 52.0)
    discount = _job_number(params, "discount", 0.1)
    margin = _job_number(params, "margin", None)
    check_score_options(
        horizon=float(horizon or 0), discount=float(discount or 0), intervals=0, margin=margin
    )
    return {
        "model": model,
        "unit": unit,
        "calibration_end": calibration_end.isoformat() if calibration_end else None,
        "horizon": horizon,
        "discount": discount,
        "margin": margin,
    }


def run_score_job(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """The ``clv_score`` job: :func:`score_customers`; the result is the run (its
    parameters and terms), without the per-customer scores (the snapshot shows them)."""
    checked = check_score_job(params)
    progress(0.05)
    result = score_customers(
        db,
        model=checked["model"],
        unit=checked["unit"],
        calibration_end=_job_date(checked, "calibration_end"),
        horizon=float(checked["horizon"]),
        discount=float(checked["discount"]),
        margin=checked["margin"],
    )
    progress(1.0)
    out = result.to_dict()
    out.pop("scores", None)
    out["scored"] = result.scores.height
    return out


def check_validate_job(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of a ``clv_validate`` job (a calibration end is required)."""
    _unknown(params, VALIDATE_PARAMS)
    model = check_model(str(params.get("model") or "bgnbd"))
    unit = check_unit(str(params.get("unit") or "week"))
    calibration_end = _job_date(params, "calibration_end", required=True)
    observation_end = _job_date(params, "observation_end")
    if calibration_end and observation_end and observation_end <= calibration_end:
        raise _option_error(
            "observation_end", str(observation_end), "clv.reason_after", str(calibration_end)
        )
    return {
        "model": model,
        "unit": unit,
        "calibration_end": calibration_end.isoformat() if calibration_end else None,
        "observation_end": observation_end.isoformat() if observation_end else None,
    }


def run_validate_job(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """The ``clv_validate`` job: :func:`validate_models` and its charts; the result holds
    the metrics, the means by frequency and the figures, labelled in both languages."""
    checked = check_validate_job(params)
    calibration_end = _job_date(checked, "calibration_end", required=True)
    assert calibration_end is not None  # required above
    progress(0.05)
    result = validate_models(
        db,
        calibration_end=calibration_end,
        observation_end=_job_date(checked, "observation_end"),
        model=checked["model"],
        unit=checked["unit"],
        with_orders=True,
    )
    progress(0.7)
    out = result.to_dict()
    out.pop("customers_detail", None)
    out["holdout_customers"] = result.customers.height
    assert result.orders is not None
    out["figures"] = {
        lang: validation_figures_in(result, orders=result.orders, lang=lang)
        for lang in ("en", "zh")
    }
    progress(1.0)
    return out


def validation_figures_in(
    result: ValidationResult, *, orders: pl.DataFrame, lang: str
) -> list[dict[str, Any]]:
    """:func:`validation_figures` with their labels in ``lang``."""
    from custvalue.i18n import using_lang

    with using_lang(lang):
        unit_name = t(f"cli.unit_{result.fit.unit}")
        return validation_figures(result, orders=orders, unit_name=unit_name)


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LatestRun(Result):
    """The newest scored run: its model, terms and parameters (``run`` None: no run)."""

    run: dict[str, Any] | None
    params: dict[str, float]
    spend_params: dict[str, float]
    scored: int

    @property
    def is_empty(self) -> bool:
        return self.run is None

    def data(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "params": self.params,
            "spend_params": self.spend_params,
            "scored": self.scored,
        }


def latest_run(db: Database) -> LatestRun:
    """The newest run with scores (what the snapshot's CLV comes from)."""
    import json

    from custvalue.clv.store import latest_scores

    found = latest_scores(db)
    if found is None:
        return LatestRun(None, {}, {}, 0)
    run, scores = found
    params, spend, fitted_at, ll = db.fetchall(
        "SELECT params, spend_params, fitted_at, log_likelihood FROM clv_runs WHERE run_id = ?",
        [run.run_id],
    )[0]
    return LatestRun(
        run={
            "run_id": run.run_id,
            "model": run.model,
            "spend_model": run.spend_model,
            "unit": run.unit,
            "calibration_end": run.calibration_end,
            "horizon": run.horizon,
            "discount_annual": run.discount_annual,
            "margin": run.margin,
            "margin_source": run.margin_source,
            "fitted_at": fitted_at,
            "log_likelihood": ll,
        },
        params={str(k): float(v) for k, v in json.loads(params or "{}").items()},
        spend_params={str(k): float(v) for k, v in json.loads(spend or "{}").items()},
        scored=scores.height,
    )

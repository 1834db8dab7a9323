"""Fitting from the store and saving runs: ``clv_runs`` (one row per fit) and
``clv_scores`` (one row per customer and run), written in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from custvalue.clv.bgnbd import BetaGeoModel, ModifiedBetaGeoModel
from custvalue.clv.gammagamma import GammaGammaModel
from custvalue.clv.pareto import ParetoNBDModel
from custvalue.clv.summary import Unit, summarize_store
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError

__all__ = ["PURCHASE_MODELS", "ClvFit", "fit_store", "last_order_date", "save_run"]

PURCHASE_MODELS: dict[str, type[BetaGeoModel] | type[ParetoNBDModel]] = {
    "bgnbd": BetaGeoModel,
    "mbgnbd": ModifiedBetaGeoModel,
    "pareto": ParetoNBDModel,
}


@dataclass
class ClvFit:
    """A purchase model, a spend model (None when too few repeat buyers) and their data."""

    model: Any
    spend: GammaGammaModel | None
    summary: pl.DataFrame
    unit: str
    calibration_end: date
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of ``custvalue clv fit``: every parameter by name, log-likelihoods."""
        out: dict[str, Any] = {
            "model": self.model.name if self.model is not None else None,
            "unit": self.unit,
            "calibration_end": self.calibration_end.isoformat(),
            "customers": self.summary.height,
        }
        if self.model is not None:
            out.update(
                params=self.model.params_,
                standard_errors=self.model.standard_errors_,
                log_likelihood=self.model.log_likelihood_,
            )
        if self.spend is not None:
            out["spend"] = self.spend.to_dict()
        out.update(self.extra)
        return out


def last_order_date(db: Database) -> date:
    """The date of the latest order (the default calibration end)."""
    value = db.scalar("SELECT CAST(MAX(ordered_at) AS DATE) FROM orders")
    if value is None:
        raise DataValidationError("clv.no_orders")
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def fit_store(
    db: Database,
    *,
    model: str = "bgnbd",
    unit: Unit = "week",
    calibration_end: date | None = None,
    observation_end: date | None = None,
    penalizer: float = 0.0,
    spend: bool = True,
) -> ClvFit:
    """Summarise the stored orders and fit the purchase model (and Gamma-Gamma)."""
    if model not in (*PURCHASE_MODELS, "gg"):
        raise DataValidationError(
            "clv.bad_model", value=model, choices=", ".join([*PURCHASE_MODELS, "gg", "sbg"])
        )
    end = calibration_end or last_order_date(db)
    summary = summarize_store(db, calibration_end=end, observation_end=observation_end, unit=unit)
    if summary.height == 0:
        raise DataValidationError("clv.empty_summary")
    purchase = None
    if model != "gg":
        purchase = PURCHASE_MODELS[model](penalizer=penalizer).fit(summary)
    spend_model = None
    repeaters = summary.filter((pl.col("frequency") > 0) & (pl.col("monetary_value") > 0)).height
    if (spend or model == "gg") and repeaters >= 3:
        spend_model = GammaGammaModel(penalizer=penalizer).fit(summary)
    elif model == "gg":
        raise DataValidationError("clv.too_few_repeaters", count=repeaters)
    return ClvFit(purchase, spend_model, summary, unit, end)


def save_run(
    db: Database,
    fit: ClvFit,
    scores: pl.DataFrame | None = None,
    *,
    horizon: float | None = None,
    discount_annual: float | None = None,
) -> int:
    """Record the fit (and the scores) in one transaction; returns the run id."""
    with db.transaction():
        run_id = int(db.scalar("SELECT nextval('clv_runs_seq')"))
        model = fit.model
        db.execute(
            "INSERT INTO clv_runs (run_id, model, spend_model, unit, calibration_end, customers, "
            "params, log_likelihood, spend_params, spend_log_likelihood, horizon, "
            "discount_annual, fitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                model.name if model is not None else "gg",
                fit.spend.name if fit.spend is not None else None,
                fit.unit,
                fit.calibration_end,
                fit.summary.height,
                json.dumps(model.params_ if model is not None else {}),
                model.log_likelihood_ if model is not None else None,
                json.dumps(fit.spend.params_) if fit.spend is not None else None,
                fit.spend.log_likelihood_ if fit.spend is not None else None,
                horizon,
                discount_annual,
                datetime.now().replace(microsecond=0),
            ],
        )
        if scores is not None and scores.height:
            columns = [
                "customer_id",
                "frequency",
                "recency",
                "T",
                "monetary_value",
                "p_alive",
                "expected_purchases",
                "expected_spend",
                "clv",
                "clv_lower",
                "clv_upper",
            ]
            present = [c for c in columns if c in scores.columns]
            frame = (
                scores.select(present)
                .rename({"T": "t"})
                .with_columns(pl.lit(run_id, pl.Int64).alias("run_id"))
            )
            db.insert_frame("clv_scores", frame)
    return run_id

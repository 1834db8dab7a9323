"""Fitting from the store and saving runs: ``clv_runs`` (one row per fit) and
``clv_scores`` (one row per customer and run), written in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from custvalue.clv.summary import (
    SUMMARY_SCHEMA,
    SUMMARY_SQL,
    SUMMARY_SQL_DUCKDB,
    UNITS,
    Unit,
    check_period,
    duckdb_params,
    finish_summary,
)
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError, NotFoundError

if TYPE_CHECKING:  # the models (and scipy) load when a fit runs, not to read saved scores
    from custvalue.clv.gammagamma import GammaGammaModel
    from custvalue.clv.sbg import ShiftedBetaGeometricModel

__all__ = [
    "PURCHASE_MODELS",
    "SCORE_COLUMNS",
    "MODEL_LABELS",
    "ClvFit",
    "cohort_survivors",
    "fit_sbg_store",
    "fit_store",
    "last_order_date",
    "purchase_model",
    "save_run",
    "ScoreRun",
    "cogs_margin",
    "latest_scores",
    "summarize_store",
]

#: the per-customer columns kept in ``clv_scores`` (``T`` is stored as ``t``)
SCORE_COLUMNS: tuple[str, ...] = (
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
)

#: the purchase models by the name the CLI and ``clv_runs`` use
PURCHASE_MODELS: tuple[str, ...] = ("bgnbd", "mbgnbd", "pareto")

#: how a run's models are named to people (``BG/NBD + Gamma-Gamma``)
MODEL_LABELS: dict[str, str] = {
    "bgnbd": "BG/NBD",
    "mbgnbd": "MBG/NBD",
    "pareto": "Pareto/NBD",
    "gg": "Gamma-Gamma",
    "sbg": "sBG",
}


def purchase_model(name: str, *, penalizer: float = 0.0) -> Any:
    """A new, unfitted purchase model called ``name`` (one of :data:`PURCHASE_MODELS`)."""
    from custvalue.clv.bgnbd import BetaGeoModel, ModifiedBetaGeoModel
    from custvalue.clv.pareto import ParetoNBDModel

    classes: dict[str, Any] = {
        "bgnbd": BetaGeoModel,
        "mbgnbd": ModifiedBetaGeoModel,
        "pareto": ParetoNBDModel,
    }
    if name not in classes:
        raise DataValidationError(
            "clv.bad_model", value=name, choices=", ".join([*PURCHASE_MODELS, "gg", "sbg"])
        )
    return classes[name](penalizer=penalizer)


@dataclass
class ClvFit:
    """A purchase model, a spend model (None when too few repeat buyers) and their data."""

    model: Any
    spend: GammaGammaModel | None
    summary: pl.DataFrame
    unit: str
    calibration_end: date
    extra: dict[str, Any] = field(default_factory=dict)
    customers: int | None = None

    @property
    def n_customers(self) -> int:
        """Customers behind the fit (the summary's rows unless given)."""
        return self.customers if self.customers is not None else self.summary.height

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of ``custvalue clv fit``: every parameter by name, log-likelihoods."""
        out: dict[str, Any] = {
            "model": self.model.name if self.model is not None else None,
            "unit": self.unit,
            "calibration_end": self.calibration_end.isoformat(),
            "customers": self.n_customers,
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


def summarize_store(
    db: Database,
    *,
    calibration_end: date,
    observation_end: date | None = None,
    unit: Unit = "week",
) -> pl.DataFrame:
    """The same summary from the store's ``orders`` table (amounts in yuan)."""
    end = check_period(unit, calibration_end, observation_end)
    if db.dialect == "duckdb":
        sql = SUMMARY_SQL_DUCKDB.format(
            cid="customer_id", ts="ordered_at", amount="amount_cents / 100.0", source="orders"
        )
        raw = db.frame(sql, duckdb_params(end, calibration_end))
    else:
        sql = SUMMARY_SQL.format(
            cid="customer_id", ts="ordered_at", amount="amount_cents / 100.0", source="orders"
        )
        raw = db.frame(sql, [end, calibration_end, calibration_end, calibration_end])
    if raw.height == 0:
        return finish_summary(pl.DataFrame(schema=SUMMARY_SCHEMA), unit, calibration_end, end)
    return finish_summary(raw, unit, calibration_end, end)


def last_order_date(db: Database) -> date:
    """The date of the latest order (the default calibration end); a clear error saying
    what to import when the store has no orders yet."""
    value = db.scalar("SELECT CAST(MAX(ordered_at) AS DATE) FROM orders")
    if value is None:
        raise NotFoundError("clv.no_orders")
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
    latest = last_order_date(db)  # refuses an empty store with what to import
    end = calibration_end or latest
    summary = summarize_store(db, calibration_end=end, observation_end=observation_end, unit=unit)
    if summary.height == 0:
        raise DataValidationError("clv.empty_summary")
    from custvalue.clv.gammagamma import GammaGammaModel

    purchase = None
    if model != "gg":
        purchase = purchase_model(model, penalizer=penalizer).fit(summary)
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
    margin: float | None = None,
    margin_source: str | None = None,
) -> int:
    """Record the fit (and the scores) in one transaction; returns the run id.

    ``margin`` is the profit share the scores' CLV was computed with and
    ``margin_source`` where it came from (``option``, ``cogs`` or ``none`` = revenue terms).
    """
    with db.transaction():
        run_id = int(db.scalar("SELECT nextval('clv_runs_seq')"))
        model = fit.model
        db.execute(
            "INSERT INTO clv_runs (run_id, model, spend_model, unit, calibration_end, customers, "
            "params, log_likelihood, spend_params, spend_log_likelihood, horizon, "
            "discount_annual, margin, margin_source, fitted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                model.name if model is not None else "gg",
                fit.spend.name if fit.spend is not None else None,
                fit.unit,
                fit.calibration_end,
                fit.n_customers,
                json.dumps(model.params_ if model is not None else {}),
                model.log_likelihood_ if model is not None else None,
                json.dumps(fit.spend.params_) if fit.spend is not None else None,
                fit.spend.log_likelihood_ if fit.spend is not None else None,
                horizon,
                discount_annual,
                margin,
                margin_source,
                datetime.now().replace(microsecond=0),
            ],
        )
        if scores is not None and scores.height:
            present = [c for c in SCORE_COLUMNS if c in scores.columns]
            frame = (
                scores.select(present)
                .rename({"T": "t"})
                .with_columns(pl.lit(run_id, pl.Int64).alias("run_id"))
            )
            db.insert_frame("clv_scores", frame)
    return run_id


def cogs_margin(db: Database, *, calibration_end: date) -> float | None:
    """The profit share of the stored orders that carry their cost of goods, up to
    ``calibration_end``: ``1 − Σ cost / Σ amount`` over those orders (refunds left out);
    None when no order carries a cost."""
    row = db.fetchall(
        "SELECT SUM(amount_cents), SUM(cost_cents) FROM orders WHERE cost_cents IS NOT NULL "
        "AND amount_cents > 0 AND CAST(ordered_at AS DATE) <= CAST(? AS DATE)",
        [calibration_end],
    )
    revenue, cost = row[0] if row else (None, None)
    if not revenue:
        return None
    return 1.0 - float(cost or 0) / float(revenue)


@dataclass(frozen=True)
class ScoreRun:
    """The scored run behind the potential value: what model, horizon and margin."""

    run_id: int
    model: str
    spend_model: str | None
    unit: str
    calibration_end: date
    horizon: float
    discount_annual: float | None
    margin: float
    margin_source: str


def latest_scores(db: Database) -> tuple[ScoreRun, pl.DataFrame] | None:
    """The newest run with saved scores and its customer_id, clv (None when no run has
    scores: ``custvalue clv score`` writes them)."""
    rows = db.fetchall(
        "SELECT run_id, model, spend_model, unit, calibration_end, horizon, discount_annual, "
        "margin, margin_source FROM clv_runs r WHERE EXISTS "
        "(SELECT 1 FROM clv_scores s WHERE s.run_id = r.run_id) ORDER BY run_id DESC LIMIT 1"
    )
    if not rows:
        return None
    run_id, model, spend, unit, cal, horizon, discount, margin, source = rows[0]
    run = ScoreRun(
        run_id=int(run_id),
        model=str(model),
        spend_model=spend,
        unit=str(unit),
        calibration_end=cal if isinstance(cal, date) else date.fromisoformat(str(cal)),
        horizon=float(horizon) if horizon is not None else float("nan"),
        discount_annual=float(discount) if discount is not None else None,
        margin=float(margin) if margin is not None else 1.0,
        margin_source=str(source) if source is not None else "none",
    )
    scores = db.frame(
        "SELECT customer_id, clv FROM clv_scores WHERE run_id = ? ORDER BY customer_id",
        [run.run_id],
    )
    if scores.height == 0:
        scores = pl.DataFrame(schema={"customer_id": pl.String, "clv": pl.Float64})
    return run, scores.with_columns(pl.col("clv").cast(pl.Float64))


def cohort_survivors(
    db: Database, *, unit: Unit = "month", calibration_end: date | None = None
) -> pl.DataFrame:
    """Customers still buying after k periods, per acquisition cohort (sBG input).

    Periods are calendar months (``unit="month"``) or ``unit``-long steps from the first
    order in the store; a customer's
    cohort is the period of their first order; they count as active after ``k`` periods
    while their last order (up to the calibration end) is in period cohort + k or later
    — exact for subscriptions renewed by an order each period, a lower bound otherwise.
    Returns cohort, period (k), active; k runs to the calibration end's period.
    """
    latest = last_order_date(db)
    end = calibration_end or latest
    per = UNITS[unit]
    spans = db.frame(
        "SELECT customer_id, CAST(MIN(ordered_at) AS DATE) AS first_day, "
        "CAST(MAX(ordered_at) AS DATE) AS last_day FROM orders "
        "WHERE CAST(ordered_at AS DATE) <= CAST(? AS DATE) GROUP BY customer_id",
        [end],
    )
    if spans.height == 0:
        raise DataValidationError("clv.no_orders")
    anchor = spans["first_day"].min()
    first_day: date = anchor  # type: ignore[assignment]

    def period(column: pl.Expr) -> pl.Expr:
        if unit == "month":  # calendar months
            day = column.cast(pl.Date)
            months = (day.dt.year() - first_day.year) * 12 + day.dt.month() - first_day.month
            return months.cast(pl.Int64)
        days = (column.cast(pl.Date) - pl.lit(first_day)).dt.total_days()
        return (days / per).floor().cast(pl.Int64)

    spans = spans.with_columns(
        period(pl.col("first_day")).alias("cohort"),
        period(pl.col("last_day")).alias("last_period"),
    )
    if unit == "month":
        end_period = (end.year - first_day.year) * 12 + end.month - first_day.month
    else:
        end_period = int((end - first_day).days // per)
    rows = []
    for cohort, group in spans.group_by("cohort"):
        c = int(cohort[0])
        lasts = group["last_period"].to_numpy()
        for k in range(0, end_period - c + 1):
            rows.append({"cohort": c, "period": k, "active": int((lasts >= c + k).sum())})
    return pl.DataFrame(rows).sort("cohort", "period")


def fit_sbg_store(
    db: Database, *, unit: Unit = "month", calibration_end: date | None = None
) -> tuple[ShiftedBetaGeometricModel, pl.DataFrame]:
    """Fit the sBG model jointly on every cohort with at least one full period."""
    from custvalue.clv.sbg import ShiftedBetaGeometricModel

    table = cohort_survivors(db, unit=unit, calibration_end=calibration_end)
    cohorts = [
        group.sort("period")["active"].to_list()
        for _, group in table.group_by("cohort", maintain_order=True)
        if group.height >= 2
    ]
    if not cohorts:
        raise DataValidationError("clv.empty_summary")
    return ShiftedBetaGeometricModel().fit(cohorts), table


def latest_run_id(db: Database) -> int | None:
    """The newest CLV run that saved scores (None before ``clv score``)."""
    found = db.scalar(
        "SELECT max(run_id) FROM clv_runs r WHERE EXISTS "
        "(SELECT 1 FROM clv_scores s WHERE s.run_id = r.run_id)"
    )
    return int(found) if found is not None else None


def latest_run_scores(db: Database) -> tuple[int, pl.DataFrame] | None:
    """The newest run's id and its scores per customer: customer_id, p_alive,
    expected_purchases, clv (None before ``clv score``)."""
    run_id = latest_run_id(db)
    if run_id is None:
        return None
    scores = db.frame(
        "SELECT customer_id, p_alive, expected_purchases, clv FROM clv_scores "
        "WHERE run_id = ? ORDER BY customer_id",
        [run_id],
    )
    return run_id, scores.with_columns(
        pl.col(c).cast(pl.Float64) for c in ("p_alive", "expected_purchases", "clv")
    )

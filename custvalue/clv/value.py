"""Discounted customer lifetime value (potential value, 潜在价值) in profit terms.

For each customer, over a finite horizon of ``horizon`` time units cut into steps of
``step`` units (the last one ends at the horizon)::

    CLV = margin · E(spend per purchase) · Σ_k [E(Y(k·step)) − E(Y((k−1)·step))] / (1 + d)^(k·step)

where ``E(Y(h))`` is the purchase model's expected number of purchases in the next ``h``
units, conditional on the customer's history (``expected_purchases``), and ``d`` is the
discount rate **per unit** (convert an annual rate with :func:`per_unit_discount`).
``margin`` is the share of spend that is profit (0.3 = 30 %): the spend models predict
revenue, so ``margin · expected spend`` is the expected profit; with ``margin=1`` the CLV
is in revenue terms. :func:`cogs_margin` gives the margin of orders that carry their cost
of goods. The result is labelled ``horizon``-limited: the value beyond the horizon (the
residual) is not included. Expected spend comes from the Gamma-Gamma model when given,
else the customer's own mean repeat spend.

Every argument is checked first, by the checks the CLI uses: ``horizon`` and
``step`` finite and > 0 with at most ``MAX_STEPS`` steps, ``discount`` in [0, 1),
``margin`` in (0, 1], ``draws`` a whole number from 0 to ``MAX_DRAWS``; the summary's
histories and mean spends as the models check them.

Intervals (``draws > 0``) are a parametric bootstrap: parameters are drawn from the
normal approximation of the maximum-likelihood estimate on the log scale (the
observed-information covariance), and the CLV is recomputed per draw; the 5th and
95th percentiles are reported. Work is done once per distinct history, not per
customer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from custvalue._validation import check_columns, check_number
from custvalue.clv import MAX_STEPS
from custvalue.clv.base import check_purchase_model, check_rfm, numbers
from custvalue.clv.gammagamma import GammaGammaModel, check_spend
from custvalue.clv.summary import UNITS
from custvalue.exceptions import DataValidationError

__all__ = [
    "MAX_DRAWS",
    "MAX_STEPS",
    "check_margin",
    "customer_lifetime_value",
    "per_unit_discount",
]

#: the most bootstrap draws (the CLI's ``--intervals`` allows as many)
MAX_DRAWS = 10_000


def _check_rate(value: Any, below: float) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not 0 <= value < below:  # NaN fails the comparison
        raise DataValidationError("clv.bad_discount", value=value)
    return float(value)


def per_unit_discount(annual: float, unit: str) -> float:
    """The per-unit rate equivalent to ``annual`` (e.g. 10 % a year ≈ 0.183 % a week)."""
    annual = _check_rate(annual, 10)
    if unit not in UNITS:
        raise DataValidationError("clv.bad_unit", value=unit, choices=", ".join(UNITS))
    return float((1 + annual) ** (UNITS[unit] / 365.25) - 1)


def check_margin(margin: Any) -> float:
    """``margin`` as a float if it is a share of spend in (0, 1] (0.3 = 30 % profit)."""
    if isinstance(margin, bool) or not isinstance(margin, int | float) or not 0 < margin <= 1:
        raise DataValidationError("clv.bad_margin", value=margin)
    return float(margin)


def _discounted_purchases(
    model: Any,
    x: np.ndarray,
    tx: np.ndarray,
    age: np.ndarray,
    horizon: float,
    step: float,
    discount: float,
) -> tuple[np.ndarray, np.ndarray]:
    ticks = np.minimum(step * np.arange(1, _steps(horizon, step) + 1), horizon)
    previous = np.zeros(len(x))
    total = np.zeros(len(x))
    for tick in ticks:
        cumulative = model.expected_purchases(x, tx, age, horizon=tick)
        total += (cumulative - previous) / (1 + discount) ** tick
        previous = cumulative
    return total, previous


def _steps(horizon: float, step: float) -> int:
    """The number of steps of ``step`` that reach ``horizon`` (the last one ends at the
    horizon, shorter if ``step`` does not divide it), refused beyond ``MAX_STEPS``."""
    steps = np.ceil(horizon / step * (1 - 1e-12))
    if steps > MAX_STEPS:
        raise DataValidationError(
            "clv.too_many_steps",
            horizon=f"{horizon:g}",
            step=f"{step:g}",
            steps=f"{steps:.0f}",
            limit=MAX_STEPS,
            suggested=f"{horizon / MAX_STEPS * 10:.3g}",
        )
    return max(int(steps), 1)


def _with_params(model: Any, values: np.ndarray) -> Any:
    clone = model.__class__.__new__(model.__class__)
    clone.__dict__.update(model.__dict__)
    clone.params_ = dict(zip(model.param_names, map(float, values), strict=True))
    return clone


def _draws(model: Any, n: int, rng: np.random.Generator) -> np.ndarray:
    theta = np.array([model.params_[k] for k in model.param_names])
    cov = model.result_.covariance
    if not np.all(np.isfinite(cov)):
        return np.repeat(theta[None, :], n, axis=0)
    log_cov = cov / np.outer(theta, theta)
    return np.exp(rng.multivariate_normal(np.log(theta), log_cov, size=n, method="eigh"))


def customer_lifetime_value(
    purchases: Any,
    summary: pl.DataFrame,
    *,
    spend: GammaGammaModel | None = None,
    horizon: float = 52.0,
    step: float = 1.0,
    discount: float = 0.0,
    margin: float = 1.0,
    draws: int = 0,
    seed: int = 0,
) -> pl.DataFrame:
    """Per customer: p_alive, expected_purchases, expected_spend, clv (and clv_lower/upper).

    ``purchases`` is a fitted BG/NBD, MBG/NBD or Pareto/NBD model; ``summary`` has
    frequency, recency, T and monetary_value (from :func:`summarize`). ``horizon`` and
    ``step`` are in the summary's time unit, ``discount`` is per unit, ``margin`` the
    profit share of spend (``clv`` = margin × discounted expected spend; 1 = revenue
    terms). ``expected_purchases`` is over the whole horizon and ``expected_spend`` per
    purchase (revenue).
    """
    check_purchase_model(purchases, "purchases")
    if spend is not None and not isinstance(spend, GammaGammaModel):
        raise DataValidationError(
            "clv.not_a_model", name="spend", expected="Gamma-Gamma", got=type(spend).__name__
        )
    check_columns(summary, ["frequency", "recency", "T", "monetary_value"], frame_name="summary")
    horizon = check_number("horizon", horizon, above=0)
    step = check_number("step", step, above=0)
    _steps(horizon, step)
    discount = _check_rate(discount, 1)
    margin = check_margin(margin)
    draws = int(check_number("draws", draws, minimum=0, maximum=MAX_DRAWS, integer=True))
    seed = int(check_number("seed", seed, minimum=0, integer=True))
    keys = ["frequency", "recency", "T", "monetary_value"]
    # the checks name the summary's rows; the work is done once per distinct history
    columns = [numbers(summary, c) for c in keys]
    check_spend(check_rfm(*columns[:3])[0], columns[3])
    unique = summary.select(keys).unique(maintain_order=True)
    x, tx, age = check_rfm(*(unique[c].cast(pl.Float64).to_numpy() for c in keys[:3]))
    z = check_spend(x, unique["monetary_value"].cast(pl.Float64).fill_null(np.nan).to_numpy())
    if spend is not None:
        spend_each = spend.conditional_expected_spend(x, z)
    else:
        spend_each = np.where(x > 0, z, 0.0)
    discounted, expected = _discounted_purchases(purchases, x, tx, age, horizon, step, discount)
    result = unique.with_columns(
        pl.Series("p_alive", purchases.conditional_probability_alive(x, tx, age)),
        pl.Series("expected_purchases", expected),
        pl.Series("expected_spend", spend_each),
        pl.Series("clv", margin * spend_each * discounted),
    )
    if draws > 0:
        rng = np.random.default_rng(seed)
        purchase_draws = _draws(purchases, draws, rng)
        spend_draws = _draws(spend, draws, rng) if spend is not None else None
        samples = np.empty((draws, len(x)))
        for i in range(draws):
            model = _with_params(purchases, purchase_draws[i])
            each = spend_each
            if spend is not None and spend_draws is not None:
                each = _with_params(spend, spend_draws[i]).conditional_expected_spend(x, z)
            samples[i] = (
                margin * each * _discounted_purchases(model, x, tx, age, horizon, step, discount)[0]
            )
        result = result.with_columns(
            pl.Series("clv_lower", np.percentile(samples, 5, axis=0)),
            pl.Series("clv_upper", np.percentile(samples, 95, axis=0)),
        )
    out = summary.join(result, on=keys, how="left", nulls_equal=True)
    return out

"""What moves value: how a satisfaction score goes with what the customer does next.

For respondents linked to the ledger, each predictor (the overall rating, an attribute's
performance) is related to the customer's behaviour in a holdout period after the
survey, one predictor at a time (its total association, not a causal effect):

* **buying again at all**: logistic regression, ``bought ~ 1 + score``; the odds ratio
  per point with its Wald interval, the p-value and McFadden's pseudo-R²;
* **how often**: Poisson regression of the number of purchases with robust (HC0)
  standard errors — consistent for the mean even when the counts are overdispersed
  (Wooldridge 2010, §18.2) — as a ratio per point;
* **how much**: a Gamma regression with log link of the spend of those who bought, as a
  ratio per point.

The money: a two-part model, expected spend = P(buy | score) × E[spend | bought, score];
for every respondent at least one point below the top of the scale, the difference
between the prediction at their score + 1 and at their score, averaged: "one point more
goes with X more spend in the holdout period per customer". Its interval: a bootstrap
over respondents (``draws`` resamples, refitting both parts); ``significant`` when that
interval leaves out 0. ``affected`` counts those respondents.
Fitted with statsmodels (``Logit``, ``GLM``).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import polars as pl

from custvalue.satisfaction._common import require_columns

__all__ = ["MIN_RESPONDENTS", "value_links"]

#: fewer linked respondents than this: no model is fitted for the predictor
MIN_RESPONDENTS = 30


def _fits(score: np.ndarray, bought: np.ndarray, spend: np.ndarray) -> tuple[Any, Any] | None:
    import statsmodels.api as sm

    x = sm.add_constant(score, has_constant="add")
    if bought.min() == bought.max() or (bought > 0).sum() < 5:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # separation and iteration notes: checked below
        logit = sm.Logit(bought, x).fit(disp=0)
        buyers = bought > 0
        gamma = sm.GLM(
            spend[buyers], x[buyers], family=sm.families.Gamma(sm.families.links.Log())
        ).fit()
    if not (np.all(np.isfinite(logit.params)) and np.all(np.isfinite(gamma.params))):
        return None
    return logit, gamma


def _delta(score: np.ndarray, high: float, logit: Any, gamma: Any) -> tuple[float, int]:
    below = score <= high - 1  # room for one point more (a weighted score need not be whole)
    if not below.any():
        return float("nan"), 0
    s = score[below]

    def expected(at: np.ndarray) -> np.ndarray:
        x = np.column_stack([np.ones_like(at), at])
        return np.asarray(logit.predict(x) * gamma.predict(x), dtype=float)

    return float(np.mean(expected(s + 1) - expected(s))), int(below.sum())


def value_links(
    frame: pl.DataFrame,
    predictors: Sequence[str],
    *,
    scale_high: float | Mapping[str, float],
    confidence: float = 0.95,
    draws: int = 200,
    seed: int = 0,
) -> pl.DataFrame:
    """One row per predictor (see the module docstring). ``frame``: one row per linked
    respondent with the ``predictors``, ``bought`` (0/1), ``purchases`` and ``spend`` in
    the holdout period. ``scale_high``: the top of the predictors' scale, or of each
    predictor's (``{name: top}``) when they are on different scales."""
    import statsmodels.api as sm

    from custvalue.satisfaction._common import z_value

    z = z_value(confidence)
    require_columns(frame, [*predictors, "bought", "purchases", "spend"])
    from custvalue._validation import check_number

    draws = int(check_number("draws", draws, minimum=0))
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    for name in predictors:
        part = frame.select(name, "bought", "purchases", "spend").drop_nulls()
        score = part[name].cast(pl.Float64).to_numpy()
        bought = (part["bought"].cast(pl.Float64).to_numpy() > 0).astype(float)
        purchases = part["purchases"].cast(pl.Float64).to_numpy()
        spend = part["spend"].cast(pl.Float64).to_numpy()
        row: dict[str, Any] = {"predictor": name, "n": len(score)}
        fitted = _fits(score, bought, spend) if len(score) >= MIN_RESPONDENTS else None
        if fitted is None:
            rows.append(row)
            continue
        logit, gamma = fitted
        x = sm.add_constant(score, has_constant="add")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            poisson = sm.GLM(purchases, x, family=sm.families.Poisson()).fit(cov_type="HC0")
        b, se = float(logit.params[1]), float(logit.bse[1])
        high = scale_high[name] if isinstance(scale_high, Mapping) else scale_high
        delta, affected = _delta(score, high, logit, gamma)
        boot: list[float] = []
        for _ in range(draws):
            pick = rng.integers(0, len(score), len(score))
            again = _fits(score[pick], bought[pick], spend[pick])
            if again is not None:
                boot.append(_delta(score[pick], high, *again)[0])
        tail = (1 - confidence) / 2
        low, up = (
            (float(np.nanquantile(boot, tail)), float(np.nanquantile(boot, 1 - tail)))
            if len(boot) >= 20
            else (None, None)
        )
        row.update(
            affected=affected,
            odds_ratio=float(np.exp(b)),
            odds_low=float(np.exp(b - z * se)),
            odds_high=float(np.exp(b + z * se)),
            p_value=float(logit.pvalues[1]),
            pseudo_r2=float(logit.prsquared),
            purchases_ratio=float(np.exp(poisson.params[1])),
            purchases_p=float(poisson.pvalues[1]),
            spend_ratio=float(np.exp(gamma.params[1])),
            spend_p=float(gamma.pvalues[1]),
            delta_spend=delta,
            delta_low=low,
            delta_high=up,
            # the money claim stands when its interval leaves out 0
            significant=bool(low is not None and up is not None and (low > 0 or up < 0)),
        )
        rows.append(row)
    # the money first: what a reader came for; the model's figures after it
    schema = {
        "predictor": pl.String, "n": pl.Int64, "affected": pl.Int64,
        "delta_spend": pl.Float64, "delta_low": pl.Float64, "delta_high": pl.Float64,
        "significant": pl.Boolean, "odds_ratio": pl.Float64, "odds_low": pl.Float64,
        "odds_high": pl.Float64, "p_value": pl.Float64, "pseudo_r2": pl.Float64,
        "purchases_ratio": pl.Float64, "purchases_p": pl.Float64, "spend_ratio": pl.Float64,
        "spend_p": pl.Float64,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema)

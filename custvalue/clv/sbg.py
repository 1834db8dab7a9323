"""Shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007,
"How to project customer retention", Journal of Interactive Marketing 21(1)).

Each customer renews each period with probability 1 − θ, θ ~ Beta(α, β) across customers::

    P(T = t) = B(α+1, β+t−1) / B(α, β)      (churn in period t = 1, 2, ...)
    S(t)     = B(α, β+t) / B(α, β)           (still a customer after t periods)
    r(t)     = S(t) / S(t−1) = (β+t−1) / (α+β+t−1)   (retention rises with tenure)

Fitted to cohort counts ``[n0, n1, ..., nk]`` (customers still active at the start and
after each period): ``ℓ = Σ (n_{t−1} − n_t) ln P(T=t) + n_k ln S(k)``. Several cohorts
(lists of different lengths) are fitted jointly. Gradients are analytic (digamma).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from scipy.special import betaln, digamma

from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, Compressed, maximize
from custvalue.exceptions import DataValidationError

__all__ = ["ShiftedBetaGeometricModel"]


def _cohort_rows(cohorts: Sequence[Sequence[int]]) -> Compressed:
    t: list[float] = []
    dead: list[float] = []
    weights: list[float] = []
    for ci, counts in enumerate(cohorts):
        values = [float(c) for c in counts]
        bad = (
            len(values) < 2
            or any(not np.isfinite(v) or v < 0 or v != round(v) for v in values)
            or any(b > a for a, b in zip(values, values[1:], strict=False))
            or values[0] <= 0
        )
        if bad:
            raise DataValidationError(
                "clv.bad_cohort",
                cohort=ci + 1,
                counts=", ".join(str(int(v)) if np.isfinite(v) else str(v) for v in values),
            )
        for period in range(1, len(values)):
            lost = values[period - 1] - values[period]
            if lost > 0:
                t.append(period)
                dead.append(1.0)
                weights.append(lost)
        t.append(len(values) - 1)
        dead.append(0.0)
        weights.append(values[-1])
    keep = np.array(weights) > 0
    return Compressed(
        columns={"t": np.array(t)[keep], "dead": np.array(dead)[keep]},
        weights=np.array(weights)[keep],
        n=int(sum(float(c[0]) for c in cohorts)),
    )


class ShiftedBetaGeometricModel(FittedModel):
    """sBG cohort retention model. Fitted: ``params_`` alpha, beta."""

    name: ClassVar[str] = "sbg"
    param_names: ClassVar[tuple[str, ...]] = ("alpha", "beta")

    @staticmethod
    def _loglik(theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        a, b = theta
        t, dead = cols["t"], cols["dead"]
        base = betaln(a, b)
        d_base_a, d_base_b = digamma(a) - digamma(a + b), digamma(b) - digamma(a + b)
        # churn in period t: B(a+1, b+t-1); survived t periods: B(a, b+t)
        pa = np.where(dead > 0, a + 1, a)
        pb = np.where(dead > 0, b + t - 1, b + t)
        ll = betaln(pa, pb) - base
        d_a = digamma(pa) - digamma(pa + pb) - d_base_a
        d_b = digamma(pb) - digamma(pa + pb) - d_base_b
        return ll, np.stack([d_a, d_b], axis=1)

    def fit(self, cohorts: Sequence[Sequence[int]] | Sequence[int]) -> Self:
        """Fit on one cohort's counts or a list of cohorts."""
        nested: Sequence[Any] = cohorts
        if len(cohorts) and not isinstance(cohorts[0], Sequence | np.ndarray):
            nested = [cohorts]
        data = _cohort_rows(nested)
        result = maximize(
            self._loglik,
            data,
            np.array([1.0, 1.0]),
            self.param_names,
            model=self.name,
            penalizer=self.penalizer,
            check_bounds=False,  # α, β → ∞ at a fixed ratio is the homogeneous geometric limit
        )
        self._store(result, data.n)
        return self

    def survival(self, periods: Any) -> Array:
        """S(t): share of a new cohort still active after ``t`` periods."""
        a, b = self._p()
        t = np.asarray(periods, dtype=np.float64)
        return np.asarray(np.exp(betaln(a, b + t) - betaln(a, b)))

    def retention_rate(self, periods: Any) -> Array:
        """r(t) = S(t)/S(t−1): renewal rate in period t (t ≥ 1)."""
        a, b = self._p()
        t = np.asarray(periods, dtype=np.float64)
        return np.asarray((b + t - 1) / (a + b + t - 1))

    def projection(self, cohort_size: int, periods: int) -> pl.DataFrame:
        """period, survival, retention_rate, expected active customers."""
        t = np.arange(0, periods + 1, dtype=np.float64)
        surv = self.survival(t)
        rate = np.concatenate([[np.nan], self.retention_rate(t[1:])])
        return pl.DataFrame(
            {
                "period": t.astype(np.int64),
                "survival": surv,
                "retention_rate": rate,
                "active": surv * cohort_size,
            }
        ).with_columns(pl.col("retention_rate").fill_nan(None))

    def discounted_expected_lifetime(self, discount: float, periods: int = 1000) -> float:
        """Σ_{t≥0} S(t) / (1+d)^t: expected discounted periods of a new customer."""
        if not 0 <= discount < 10:
            raise DataValidationError("clv.bad_discount", value=discount)
        t = np.arange(0, periods, dtype=np.float64)
        return float((self.survival(t) / (1 + discount) ** t).sum())

"""Shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007,
"How to project customer retention", Journal of Interactive Marketing 21(1)).

Each customer renews each period with probability 1 − θ, θ ~ Beta(α, β) across customers::

    P(T = t) = B(α+1, β+t−1) / B(α, β)      (churn in period t = 1, 2, ...)
    S(t)     = B(α, β+t) / B(α, β)           (still a customer after t periods)
    r(t)     = S(t) / S(t−1) = (β+t−1) / (α+β+t−1)   (retention rises with tenure)

Fitted to cohort counts ``[n0, n1, ..., nk]`` (customers still active at the start and
after each period): ``ℓ = Σ (n_{t−1} − n_t) ln P(T=t) + n_k ln S(k)``. Several cohorts
(lists of different lengths) are fitted jointly. The likelihood and its gradient are
computed as running sums of ln r(t) (exact for any α, β), and so is S(t).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Self

import numpy as np
import polars as pl

from custvalue._validation import check_number, check_numbers
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, Compressed, maximize, penalty_holds
from custvalue.exceptions import DataValidationError

__all__ = ["MAX_PERIODS", "ShiftedBetaGeometricModel"]

#: the longest projection (periods ahead) :meth:`ShiftedBetaGeometricModel.projection`
#: and :meth:`~ShiftedBetaGeometricModel.discounted_expected_lifetime` compute
MAX_PERIODS = 1_000_000


def _shown(values: Sequence[Any]) -> str:
    def one(v: Any) -> str:
        try:
            number = float(v)
        except (TypeError, ValueError):
            return repr(v)
        return str(int(number)) if np.isfinite(number) and number == round(number) else str(v)

    text = ", ".join(one(v) for v in list(values)[:12])
    return text + (", …" if len(values) > 12 else "")


def _as_cohorts(cohorts: Any) -> list[Sequence[Any]]:
    """One cohort's counts or a list of cohorts, as a list of cohorts."""
    if isinstance(cohorts, np.ndarray):
        cohorts = cohorts.tolist()
    if isinstance(cohorts, str | bytes) or not isinstance(cohorts, Sequence):
        raise DataValidationError("clv.bad_cohort", cohort=1, counts=_shown([cohorts]))
    if len(cohorts) == 0:
        raise DataValidationError("clv.no_cohorts")
    nested = [c.tolist() if isinstance(c, np.ndarray) else c for c in cohorts]
    if not any(isinstance(c, Sequence) and not isinstance(c, str | bytes) for c in nested):
        return [nested]
    for ci, counts in enumerate(nested):
        if isinstance(counts, str | bytes) or not isinstance(counts, Sequence):
            raise DataValidationError("clv.bad_cohort", cohort=ci + 1, counts=_shown([counts]))
    return nested


def _cohort_rows(cohorts: Sequence[Sequence[Any]]) -> Compressed:
    t: list[float] = []
    dead: list[float] = []
    weights: list[float] = []
    for ci, counts in enumerate(cohorts):
        try:
            values = [float(c) for c in counts]
        except (TypeError, ValueError):
            values = [float("nan")]
        bad = (
            len(values) < 2
            or any(isinstance(c, bool) for c in counts)
            or any(not np.isfinite(v) or v < 0 or v != round(v) for v in values)
            or any(b > a for a, b in zip(values, values[1:], strict=False))
            or values[0] <= 0
        )
        if bad:
            raise DataValidationError("clv.bad_cohort", cohort=ci + 1, counts=_shown(counts))
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
        n=float(sum(float(c[0]) for c in cohorts)),
    )


class ShiftedBetaGeometricModel(FittedModel):
    """sBG cohort retention model. Fitted: ``params_`` alpha, beta."""

    name: ClassVar[str] = "sbg"
    param_names: ClassVar[tuple[str, ...]] = ("alpha", "beta")

    @staticmethod
    def _loglik(theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        """ln S(k) = Σ_{j<k} ln(1 − α/(α+β+j)) for a customer who stayed k periods, plus
        ln(α/(α+β+k)) if they then left (k = t − 1): the Beta functions' ratios as
        running sums, which stay exact when α and β are large (the homogeneous limit,
        where differences of ln B lose every digit)."""
        a, b = (float(v) for v in theta)
        t, dead = cols["t"], cols["dead"]
        stayed = np.where(dead > 0, t - 1, t).astype(np.intp)
        j = np.arange(int(stayed.max(initial=0)), dtype=np.float64)
        total = (a + b) + j
        log_s = np.concatenate([[0.0], np.cumsum(np.log1p(-a / total))])
        d_a_s = np.concatenate([[0.0], np.cumsum(-1 / total)])
        d_b_s = np.concatenate([[0.0], np.cumsum(a / ((b + j) * total))])
        ll, d_a, d_b = log_s[stayed], d_a_s[stayed], d_b_s[stayed]
        hazard = (a + b) + stayed  # the churn of period k + 1: α / (α + β + k)
        left = dead > 0
        ll = ll + np.where(left, np.log(a) - np.log(hazard), 0.0)
        d_a = d_a + np.where(left, 1 / a - 1 / hazard, 0.0)
        d_b = d_b + np.where(left, -1 / hazard, 0.0)
        return ll, np.stack([d_a, d_b], axis=1)

    def fit(self, cohorts: Sequence[Sequence[int]] | Sequence[int]) -> Self:
        """Fit on one cohort's counts or a list of cohorts.

        Without a penalizer, counts in which nobody was lost are refused
        (``clv.degenerate``: the churn rate is only known to be small), and so are
        cohorts all observed for one period only (``clv.sbg_one_period``: the share
        lost in that period does not tell how retention changes with tenure).
        """
        penalizer = self._penalizer()
        nested = _as_cohorts(cohorts)
        data = _cohort_rows(nested)
        if not penalty_holds(penalizer, data.n) and all(len(c) == 2 for c in nested):
            raise DataValidationError("clv.sbg_one_period")
        result = maximize(
            self._loglik,
            data,
            np.array([1.0, 1.0]),
            self.param_names,
            model=self.name,
            penalizer=penalizer,
            check_bounds=False,  # α, β → ∞ at a fixed ratio is the homogeneous geometric limit
            identified=bool(np.any(data.columns["dead"] > 0)),
        )
        self._store(result, int(data.n))
        return self

    def survival(self, periods: Any) -> Array:
        """S(t) = r(1) ⋯ r(t): share of a new cohort still active after ``t`` periods
        (whole, 0 to ``MAX_PERIODS``) — a running sum of ln r(k), so that it never rises
        with t even by rounding."""
        a, b = self._p()
        t = check_numbers("periods", periods, minimum=0, maximum=MAX_PERIODS, integer=True)
        k = np.arange(1, int(t.max(initial=0)) + 1, dtype=np.float64)
        log_s = np.concatenate([[0.0], np.cumsum(np.log1p(-a / ((k - 1) + (a + b))))])
        return np.asarray(np.exp(log_s[t.astype(np.intp)]))

    def retention_rate(self, periods: Any) -> Array:
        """r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1): renewal rate in period t (whole, 1 to
        ``MAX_PERIODS``)."""
        a, b = self._p()
        t = check_numbers("periods", periods, minimum=1, maximum=MAX_PERIODS, integer=True)
        return np.asarray(((t - 1) + b) / ((t - 1) + (a + b)))

    def projection(self, cohort_size: float, periods: int) -> pl.DataFrame:
        """period, survival, retention_rate, expected active customers (``periods``
        whole, 0 to ``MAX_PERIODS``)."""
        size = check_number("cohort_size", cohort_size, minimum=0)
        last = int(check_number("periods", periods, minimum=0, maximum=MAX_PERIODS, integer=True))
        t = np.arange(0, last + 1, dtype=np.float64)
        surv = self.survival(t)
        rate = np.concatenate([[np.nan], self.retention_rate(t[1:])])
        return pl.DataFrame(
            {
                "period": t.astype(np.int64),
                "survival": surv,
                "retention_rate": rate,
                "active": surv * size,
            }
        ).with_columns(pl.col("retention_rate").fill_nan(None))

    def discounted_expected_lifetime(self, discount: float, periods: int = 1000) -> float:
        """Σ_{t<periods} S(t) / (1+d)^t: expected discounted periods of a new customer
        (``discount`` per period in [0, 10), ``periods`` whole, 1 to ``MAX_PERIODS``)."""
        ok = isinstance(discount, int | float) and not isinstance(discount, bool)
        if not ok or not 0 <= discount < 10:
            raise DataValidationError("clv.bad_discount", value=discount)
        last = int(check_number("periods", periods, minimum=1, maximum=MAX_PERIODS, integer=True))
        t = np.arange(0, last, dtype=np.float64)
        with np.errstate(under="ignore"):  # far terms vanish
            return float(np.exp(np.log(self.survival(t)) - t * np.log1p(discount)).sum())

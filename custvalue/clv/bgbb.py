"""BG/BB: discrete-time repeat transactions (Fader, Hardie & Shang 2010, Marketing Science
29(6)) — donations, renewals, attendance at n fixed opportunities.

While alive, a customer transacts at each opportunity with probability p ~ Beta(α, β);
after each opportunity they die with probability θ ~ Beta(γ, δ). With x transactions,
the last at opportunity t_x, out of n::

    L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
        + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)

computed as a log-sum-exp of its terms, with analytic gradients (digamma).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from scipy.special import betaln, digamma

from custvalue._validation import check_columns
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, Compressed, maximize
from custvalue.exceptions import DataValidationError

__all__ = ["BetaGeoBetaBinomModel"]


def _dbeta(a: Array, b: Array) -> tuple[Array, Array]:
    both = digamma(a + b)
    return digamma(a) - both, digamma(b) - both


def _check(x: Array, tx: Array, n: Array) -> None:
    bad = (
        (x < 0)
        | (x != np.round(x))
        | (tx < 0)
        | (tx != np.round(tx))
        | (n < 1)
        | (n != np.round(n))
        | (tx > n)
        | (x > tx)
        | ((x == 0) & (tx > 0))
        | ((x > 0) & (tx < 1))
    )
    if bad.any():
        i = int(np.argmax(bad))
        raise DataValidationError(
            "clv.bad_bgbb_row", index=i, count=int(bad.sum()), x=x[i], t_x=tx[i], n=n[i]
        )


class BetaGeoBetaBinomModel(FittedModel):
    """BG/BB model. Fitted: ``params_`` alpha, beta, gamma, delta."""

    name: ClassVar[str] = "bgbb"
    param_names: ClassVar[tuple[str, ...]] = ("alpha", "beta", "gamma", "delta")

    @staticmethod
    def _terms(theta: Array, x: Array, tx: Array, n: Array) -> tuple[Array, Array, Array]:
        """Log terms (rows × (1 + max gap)), masked with −inf, and the term parameters."""
        al, be, ga, de = (float(v) for v in theta)
        gap = (n - tx).astype(np.int64)
        width = 1 + int(gap.max()) if len(gap) else 1
        i = np.arange(width - 1, dtype=np.float64)[None, :]
        # term 0: alive through n; terms 1..: died right after opportunity t_x + i + 1
        a_p = np.column_stack([al + x, np.broadcast_to((al + x)[:, None], (len(x), width - 1))])
        b_p = np.column_stack([be + n - x, be + tx[:, None] - x[:, None] + i])
        a_t = np.column_stack([np.full(len(x), ga), np.full((len(x), width - 1), ga + 1)])
        b_t = np.column_stack([de + n, de + tx[:, None] + i])
        valid = np.column_stack([np.ones(len(x), bool), i < gap[:, None]])
        log_terms = betaln(a_p, b_p) - betaln(al, be) + betaln(a_t, b_t) - betaln(ga, de)
        log_terms = np.where(valid, log_terms, -np.inf)
        return log_terms, np.stack([a_p, b_p, a_t, b_t]), valid

    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        al, be, ga, de = (float(v) for v in theta)
        log_terms, (a_p, b_p, a_t, b_t), valid = self._terms(
            theta, cols["x"], cols["tx"], cols["n"]
        )
        top = log_terms.max(axis=1, keepdims=True)
        weights = np.where(valid, np.exp(log_terms - top), 0.0)
        total = weights.sum(axis=1)
        ll = np.log(total) + top[:, 0]
        share = weights / total[:, None]
        dap, dbp = _dbeta(a_p, b_p)
        dat, dbt = _dbeta(a_t, b_t)
        d_al0, d_be0 = _dbeta(np.array(al), np.array(be))
        d_ga0, d_de0 = _dbeta(np.array(ga), np.array(de))
        d_al = (share * np.where(valid, dap, 0)).sum(axis=1) - d_al0
        d_be = (share * np.where(valid, dbp, 0)).sum(axis=1) - d_be0
        d_ga = (share * np.where(valid, dat, 0)).sum(axis=1) - d_ga0
        d_de = (share * np.where(valid, dbt, 0)).sum(axis=1) - d_de0
        return ll, np.stack([d_al, d_be, d_ga, d_de], axis=1)

    def fit(
        self,
        summary: pl.DataFrame,
        *,
        frequency: str = "frequency",
        recency: str = "recency",
        periods: str = "periods",
        weights: str | None = None,
    ) -> Self:
        """Fit on (x, t_x, n) rows; ``weights`` names a count column for grouped data."""
        check_columns(summary, [frequency, recency, periods], frame_name="summary")
        x, tx, n = (summary[c].cast(pl.Float64).to_numpy() for c in (frequency, recency, periods))
        _check(x, tx, n)
        w = summary[weights].cast(pl.Float64).to_numpy() if weights is not None else np.ones(len(x))
        data = Compressed({"x": x, "tx": tx, "n": n}, w, int(w.sum()))
        result = maximize(
            self._loglik,
            data,
            np.ones(4),
            self.param_names,
            model=self.name,
            penalizer=self.penalizer,
        )
        self._store(result, data.n)
        return self

    def conditional_probability_alive(self, frequency: Any, recency: Any, periods: Any) -> Array:
        """P(alive at opportunity n + 1 | x, t_x, n)."""
        theta = np.array(self._p())
        x, tx, n = (
            np.atleast_1d(np.asarray(v, dtype=np.float64)) for v in (frequency, recency, periods)
        )
        x, tx, n = np.broadcast_arrays(x, tx, n)
        _check(x, tx, n)
        ll, _ = self._loglik(theta, {"x": x, "tx": tx, "n": n})
        al, be, ga, de = theta
        alive = (
            betaln(al + x, be + n - x) - betaln(al, be) + betaln(ga, de + n + 1) - betaln(ga, de)
        )
        return np.asarray(np.exp(np.minimum(alive - ll, 0.0)))

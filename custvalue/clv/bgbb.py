"""BG/BB: discrete-time repeat transactions (Fader, Hardie & Shang 2010, Marketing Science
29(6)) — donations, renewals, attendance at n fixed opportunities.

While alive, a customer transacts at each opportunity with probability p ~ Beta(α, β);
after each opportunity they die with probability θ ~ Beta(γ, δ). With x transactions,
the last at opportunity t_x, out of n::

    L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)                        (alive after n)
        + Σ_{j=t_x}^{n−1} B(α+x, β+j−x)/B(α,β) · B(γ+1, δ+j)/B(γ,δ)     (died after j+1)

The fit runs on the unique (x, t_x, n) histories with their counts as weights. The sum
is not computed term by term for each history: its terms ``f(x, j)`` fall with j at the
ratio ``ρ(x, j) = f(x, j+1)/f(x, j) = (β+j−x)/(α+β+j) · (δ+j)/(γ+1+δ+j) < 1``, so one
backward pass over the opportunities, for all the distinct x at once, gives
``R(x, j) = Σ_{i≥j} f(x, i)/f(x, j) = 1 + ρ(x, j) R(x, j+1)`` (between 1 and the number
of opportunities: no overflow, no underflow), and each history's sum is
``f(x, t_x) · [R(x, t_x) − f(x, n)/f(x, t_x) · R(x, n)]`` — a difference of at least 1
in units of its largest term, so accurate to a few units of rounding times the number
of opportunities. The gradient's sums (digamma terms weighted by the terms) run in the
same pass. The cost grows with the distinct x times the opportunities, not with the
customers times the opportunities.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from scipy.special import betaln, digamma

from custvalue._validation import check_columns
from custvalue.clv.base import broadcast, numbers
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, compress, maximize
from custvalue.exceptions import DataValidationError

__all__ = ["MAX_OPPORTUNITIES", "BetaGeoBetaBinomModel"]

#: the most opportunities (n) a history may have; beyond, count coarser periods
MAX_OPPORTUNITIES = 10_000
_CELLS = 1 << 21  # (opportunities × distinct x) cells per block of the backward pass


def _check(x: Array, tx: Array, n: Array) -> None:
    with np.errstate(invalid="ignore"):
        bad = (
            ~np.isfinite(x)
            | ~np.isfinite(tx)
            | ~np.isfinite(n)
            | (x < 0)
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
            "clv.bad_bgbb_row",
            index=i,
            count=int(bad.sum()),
            x=float(x.flat[i]),
            t_x=float(tx.flat[i]),
            n=float(n.flat[i]),
        )
    if x.size and float(n.max()) > MAX_OPPORTUNITIES:
        i = int(np.argmax(n > MAX_OPPORTUNITIES))
        raise DataValidationError(
            "clv.too_many_periods", index=i, n=float(n.flat[i]), limit=MAX_OPPORTUNITIES
        )


def _backward(theta: Array, x: Array, tx: Array, n: Array) -> tuple[Array, Array]:
    """Per history with t_x < n: ln Σ_{j=t_x}^{n−1} f(x, j) (without the constants
    B(α,β) B(γ,δ)) and the f-weighted means of ∂ ln f/∂(α, β, γ, δ) over those j."""
    al, be, ga, de = (float(v) for v in theta)
    xs, xi = np.unique(x, return_inverse=True)
    top = int(n.max())
    j = np.arange(top, dtype=np.float64)
    dig_abj = digamma(al + be + j)
    dig_bk = digamma(be + j)  # ψ(β + j − x) at j − x = 0, 1, ...
    dig_gd = digamma(ga + de + 1 + j)
    d_gamma = digamma(ga + 1) - dig_gd
    d_delta = digamma(de + j) - dig_gd
    dig_ax = digamma(al + xs)
    ratio_t = (de + j) / (ga + 1 + de + j)
    rows = len(xs)
    at_t = np.zeros((5, len(x)))
    at_n = np.zeros((5, len(x)))
    state = np.zeros((5, rows))
    block = max(1, min(top, _CELLS // (6 * rows)))
    for high in range(top, 0, -block):
        low = max(0, high - block)
        jj = j[low:high]
        k = jj[:, None] - xs[None, :]  # j − x, per (j, x)
        live = k >= 0
        kk = np.where(live, k, 0).astype(np.intp)
        rho = np.where(live, (be + k) / (al + be + jj[:, None]) * ratio_t[low:high, None], 0.0)
        terms = np.empty((high - low, 5, rows))
        terms[:, 0] = 1.0
        terms[:, 1] = dig_ax[None, :] - dig_abj[low:high, None]
        terms[:, 2] = dig_bk[kk] - dig_abj[low:high, None]
        terms[:, 3] = d_gamma[low:high, None]
        terms[:, 4] = d_delta[low:high, None]
        terms *= live[:, None, :]
        for i in range(high - low - 1, -1, -1):  # S(j) = terms(j) + ρ(j) S(j+1)
            state *= rho[i]
            state += terms[i]
            terms[i] = state
        pick = (tx >= low) & (tx < high)
        at_t[:, pick] = terms[(tx[pick] - low).astype(np.intp), :, xi[pick]].T
        pick = (n >= low) & (n < high)
        at_n[:, pick] = terms[(n[pick] - low).astype(np.intp), :, xi[pick]].T
    log_ft = betaln(al + x, be + (tx - x)) + betaln(ga + 1, de + tx)
    log_fn = betaln(al + x, be + (n - x)) + betaln(ga + 1, de + n)
    tail = np.exp(log_fn - log_ft)  # f(x, n)/f(x, t_x) ≤ 1; S(n) = 0 when n is the top
    sums = at_t - tail * at_n
    return log_ft + np.log(sums[0]), sums[1:] / sums[0]


class BetaGeoBetaBinomModel(FittedModel):
    """BG/BB model. Fitted: ``params_`` alpha, beta, gamma, delta."""

    name: ClassVar[str] = "bgbb"
    param_names: ClassVar[tuple[str, ...]] = ("alpha", "beta", "gamma", "delta")

    @staticmethod
    def _loglik(theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        """(ℓ, ∂ℓ/∂θ) per history (x, t_x, n)."""
        al, be, ga, de = (float(v) for v in theta)
        x, tx, n = cols["x"], cols["tx"], cols["n"]
        log_alive = betaln(al + x, be + (n - x)) + betaln(ga, de + n)
        dig_abn, dig_gdn = digamma(al + be + n), digamma(ga + de + n)
        d_alive = np.stack(
            [
                digamma(al + x) - dig_abn,
                digamma(be + (n - x)) - dig_abn,
                digamma(ga) - dig_gdn,
                digamma(de + n) - dig_gdn,
            ]
        )
        log_dead = np.full(len(x), -np.inf)
        d_dead = np.zeros((4, len(x)))
        dies = tx < n
        if dies.any():
            log_dead[dies], d_dead[:, dies] = _backward(theta, x[dies], tx[dies], n[dies])
        mix = np.logaddexp(log_alive, log_dead)
        alive = np.exp(log_alive - mix)
        both_ab, both_gd = digamma(al + be), digamma(ga + de)
        base = np.array(
            [
                digamma(al) - both_ab,
                digamma(be) - both_ab,
                digamma(ga) - both_gd,
                digamma(de) - both_gd,
            ]
        )
        ll = mix - betaln(al, be) - betaln(ga, de)
        grad = alive * d_alive + (1 - alive) * d_dead - base[:, None]
        return ll, np.ascontiguousarray(grad.T)

    def fit(
        self,
        summary: pl.DataFrame,
        *,
        frequency: str = "frequency",
        recency: str = "recency",
        periods: str = "periods",
        weights: str | None = None,
    ) -> Self:
        """Fit on (x, t_x, n) rows; ``weights`` names a count column for grouped data.

        Rows are grouped into unique histories first (their weights added). Data in
        which nobody ever transacted cannot identify the model: without a penalizer
        (of at least 10⁻⁹ per customer) the fit is refused (``clv.degenerate``).
        """
        penalizer = self._penalizer()
        names = [frequency, recency, periods, *([weights] if weights is not None else [])]
        check_columns(summary, names, frame_name="summary")
        if summary.height == 0:
            raise DataValidationError("clv.empty_summary")
        x, tx, n = (numbers(summary, c) for c in (frequency, recency, periods))
        _check(x, tx, n)
        w = np.ones(len(x))
        if weights is not None:
            w = numbers(summary, weights)
            with np.errstate(invalid="ignore"):
                bad = ~np.isfinite(w) | (w < 0)
            if bad.any():
                i = int(np.argmax(bad))
                raise DataValidationError(
                    "clv.bad_weight", index=i, count=int(bad.sum()), value=float(w[i])
                )
        keep = w > 0
        if not keep.any():
            raise DataValidationError("clv.empty_summary")
        grouped = compress(
            pl.DataFrame({"x": x[keep], "tx": tx[keep], "n": n[keep], "w": w[keep]}),
            ["x", "tx", "n"],
            weights="w",
        )
        result = maximize(
            self._loglik,
            grouped,
            np.ones(4),
            self.param_names,
            model=self.name,
            penalizer=penalizer,
            identified=bool(np.any(grouped.columns["x"] > 0)),
        )
        self._store(result, round(grouped.n))
        self.n_unique_ = len(grouped.weights)
        return self

    def conditional_probability_alive(self, frequency: Any, recency: Any, periods: Any) -> Array:
        """P(alive at opportunity n + 1 | x, t_x, n)."""
        theta = np.array(self._p())
        x, tx, n = (
            np.atleast_1d(v)
            for v in broadcast(frequency=frequency, recency=recency, periods=periods)
        )
        _check(x, tx, n)
        if x.size == 0:
            return np.zeros(x.shape)
        flat = {"x": x.ravel(), "tx": tx.ravel(), "n": n.ravel()}
        ll, _ = self._loglik(theta, flat)
        al, be, ga, de = theta
        xf, nf = flat["x"], flat["n"]
        alive = (
            betaln(al + xf, be + (nf - xf))
            - betaln(al, be)
            + betaln(ga, de + nf + 1)
            - betaln(ga, de)
        )
        return np.asarray(np.exp(np.minimum(alive - ll, 0.0))).reshape(x.shape)

"""BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin 2007).

BG/NBD: while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
after each purchase they drop out with probability p ~ Beta(a, b). The likelihood of
(x, t_x, T), in logs for stability::

    A1 = lnΓ(r+x) − lnΓ(r) + r ln α
    A2 = ln B(a, b+x) − ln B(a, b)
    A3 = −(r+x) ln(α+T)
    A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)        (x > 0 only)
    ℓ  = A1 + A2 + logaddexp(A3, A4)

MBG/NBD lets customers also drop out at time 0 (right after the first purchase), so
customers with x = 0 can be inactive too: ``A2' = ln B(a, b+x+1) − ln B(a, b)``,
``A4' = ln a − ln(b+x) − (r+x) ln(α+t_x)`` for every x.

Gradients are analytic (digamma), and so is the Hessian of the weighted sum (trigamma;
the mixture term ``logaddexp(A3, A4)`` contributes ``w3·H3 + w4·H4 + w3·w4·(g4−g3)(g4−g3)ᵀ``
with ``w4 = exp(A4 − mix)``): Newton steps on all histories and standard errors from
one evaluation. Conditional expectations use the Euler transform
of the Gauss hypergeometric function so that its parameters stay small even for
customers with thousands of purchases (no overflow).
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

import numpy as np
import polars as pl
from numpy.typing import NDArray
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1, polygamma

from custvalue.clv.base import PurchaseModel, check_rfm, predict_unique
from custvalue.clv.fitting import Array, Compressed, LogLikHessian, levels

__all__ = ["BetaGeoModel", "ModifiedBetaGeoModel"]


class _Mixture(NamedTuple):
    xu: Array  # distinct x and each row's index into them
    xi: NDArray[np.intp]
    log_at: Array  # ln(α+T), 1/(α+T), ln(α+t_x), 1/(α+t_x) per row
    inv_at: Array
    log_as: Array
    inv_as: Array
    rx: Array  # r + x
    denom: Array  # b + x − 1 (+1 for MBG/NBD); 1 where A4 is absent
    mix: Array  # logaddexp(A3, A4)
    w3: Array  # exp(A3 − mix), exp(A4 − mix)
    w4: Array


class BetaGeoModel(PurchaseModel):
    """BG/NBD repeat-purchase model. Fitted: ``params_`` r, alpha, a, b."""

    name: ClassVar[str] = "bgnbd"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "a", "b")
    _modified: ClassVar[bool] = False

    @property
    def _shift(self) -> float:
        """1 for MBG/NBD (dropout possible at time 0), else 0."""
        return 1.0 if self._modified else 0.0

    def _start(self, data: Compressed) -> Array:
        x, age = data.columns["x"], data.columns["T"]
        w = data.weights
        rate = max(float(w @ x) / float(w @ age), 1e-3)
        return np.array([1.0, 1.0 / rate, 1.0, 1.0])

    def _mixture(self, theta: Array, cols: dict[str, Array]) -> _Mixture:
        """Per-row terms A3, A4 and their mixture, shared by the gradient and the Hessian;
        logs of α+T and α+t_x computed once per distinct T and t_x."""
        r, alpha, a, b = (float(v) for v in theta)
        x = cols["x"]
        xu, xi = levels(cols, "x")
        tu, ti = levels(cols, "T")
        su, si = levels(cols, "tx")
        log_at, inv_at = np.log(alpha + tu)[ti], (1 / (alpha + tu))[ti]
        log_as, inv_as = np.log(alpha + su)[si], (1 / (alpha + su))[si]
        rx = r + x
        has4 = (x > 0) | self._modified
        denom = np.where(has4, b + x - 1 + self._shift, 1.0)
        a3 = -rx * log_at
        a4 = np.where(has4, np.log(a) - np.log(denom) - rx * log_as, -np.inf)
        mix = np.logaddexp(a3, a4)
        w4 = np.where(has4, np.exp(a4 - mix), 0.0)
        return _Mixture(xu, xi, log_at, inv_at, log_as, inv_as, rx, denom, mix, 1.0 - w4, w4)

    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        r, alpha, a, b = (float(v) for v in theta)
        shift = self._shift
        xu, xi, log_at, inv_at, log_as, inv_as, rx, denom, mix, w3, w4 = self._mixture(theta, cols)
        gam = (gammaln(r + xu) + betaln(a, b + xu + shift))[xi]
        dig_rx = digamma(r + xu)[xi]
        dig_bx = digamma(b + xu + shift)[xi]
        dig_abx = digamma(a + b + xu + shift)[xi]
        ll = gam - gammaln(r) + r * np.log(alpha) - betaln(a, b) + mix
        d_r = dig_rx - digamma(r) + np.log(alpha) - w3 * log_at - w4 * log_as
        d_alpha = r / alpha - rx * (w3 * inv_at + w4 * inv_as)
        d_a = digamma(a + b) - dig_abx + w4 / a
        d_b = digamma(a + b) + dig_bx - digamma(b) - dig_abx - w4 / denom
        return ll, np.stack([d_r, d_alpha, d_a, d_b], axis=1)

    def _hessian_fn(self) -> LogLikHessian:
        return self._loglik_hessian

    def _loglik_hessian(
        self, theta: Array, cols: dict[str, Array], weights: Array
    ) -> tuple[float, Array, Array]:
        """Weighted sums over the rows: log-likelihood, gradient and Hessian (natural θ)."""
        r, alpha, a, b = (float(v) for v in theta)
        x = cols["x"]
        shift = self._shift
        xu, xi, log_at, inv_at, log_as, inv_as, rx, denom, mix, w3, w4 = self._mixture(theta, cols)
        w = weights
        total = float(w.sum())
        wx = np.bincount(xi, weights=w, minlength=len(xu))  # weight per distinct x
        # A1 + A2: sums over the distinct x
        ll = float(
            wx @ (gammaln(r + xu) + betaln(a, b + xu + shift))
            + total * (-gammaln(r) + r * np.log(alpha) - betaln(a, b))
            + w @ mix
        )
        ww3, ww4 = w * w3, w * w4
        g_r = float(wx @ digamma(r + xu)) + total * (np.log(alpha) - digamma(r))
        g_r -= float(ww3 @ log_at + ww4 @ log_as)
        rx_in = w3 * inv_at + w4 * inv_as
        g_alpha = total * r / alpha - float((w * rx) @ rx_in)
        dig_abx = digamma(a + b + xu + shift)
        g_a = total * digamma(a + b) - float(wx @ dig_abx) + float(ww4.sum()) / a
        g_b = (
            total * (digamma(a + b) - digamma(b))
            + float(wx @ (digamma(b + xu + shift) - dig_abx))
            - float(ww4 @ (1 / denom))
        )
        grad = np.array([g_r, g_alpha, g_a, g_b])
        tri_ab, tri_abx = float(polygamma(1, a + b)), polygamma(1, a + b + xu + shift)
        hess = np.zeros((4, 4))
        hess[0, 0] = float(wx @ polygamma(1, r + xu)) - total * float(polygamma(1, r))
        hess[0, 1] = total / alpha - float(ww3 @ inv_at + ww4 @ inv_as)
        hess[1, 1] = -total * r / alpha**2 + float((w * rx) @ (w3 * inv_at**2 + w4 * inv_as**2))
        hess[2, 2] = total * tri_ab - float(wx @ tri_abx) - float(ww4.sum()) / a**2
        hess[2, 3] = total * tri_ab - float(wx @ tri_abx)
        hess[3, 3] = (
            total * (tri_ab - float(polygamma(1, b)))
            + float(wx @ (polygamma(1, b + xu + shift) - tri_abx))
            + float(ww4 @ (1 / denom**2))
        )
        # the mixture's outer-product term, d = g4 − g3 over (r, α, a, b)
        d = (log_at - log_as, rx * (inv_at - inv_as), np.full_like(x, 1 / a), -1 / denom)
        v = ww3 * w4
        for i in range(4):
            vd = v * d[i]
            for j in range(i, 4):
                hess[i, j] += float(vd @ d[j])
        hess = np.triu(hess) + np.triu(hess, 1).T
        return ll, grad, hess

    # --- predictions ---------------------------------------------------------------
    def _log_odds_dead(self, x: Array, tx: Array, age: Array) -> Array:
        """ln of the odds ratio in P(alive) = 1 / (1 + odds) at age ``age`` (= T)."""
        r, alpha, a, b = self._p()
        has = (x > 0) | self._modified
        denom = np.where(has, b + x - 1 + self._shift, 1.0)
        odds = np.log(a) - np.log(denom) + (r + x) * (np.log(alpha + age) - np.log(alpha + tx))
        return np.where(has, odds, -np.inf)

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Array:
        """P(alive at T | x, t_x, T), in [0, 1], finite for any history.

        ``recency`` (t_x) is the customer's age at the last purchase and ``T`` their age
        at the end of the observation, both counted from the first purchase.
        """
        x, tx, age = check_rfm(frequency, recency, T)
        return np.asarray(expit(-self._log_odds_dead(x, tx, age)))

    def expected_purchases(
        self, frequency: Any, recency: Any, T: Any, *, horizon: float | Array
    ) -> Array:
        """E[Y(horizon) | x, t_x, T]: expected repeat purchases in the ``horizon`` units
        after the end of the observation, given the customer's history (conditional)."""
        x, tx, age = check_rfm(frequency, recency, T)
        r, alpha, a, b = self._p()
        ahead = np.broadcast_to(np.asarray(horizon, dtype=np.float64), x.shape)
        shift = self._shift
        c = a + b + x - 1 + shift
        z = ahead / (alpha + age + ahead)
        # Euler transform: small hypergeometric parameters for any x
        tail = ((alpha + age) / (alpha + age + ahead)) ** (a - 1) * hyp2f1(
            a + b - 1 - r + shift, a - 1, c, z
        )
        a_safe = a if abs(a - 1) > 1e-9 else 1 + 1e-9
        expected = c / (a_safe - 1) * (1 - tail)
        return np.asarray(expected * expit(-self._log_odds_dead(x, tx, age)))

    def expected_purchases_new_customer(self, *, horizon: float | Array) -> Array:
        """E[X(horizon)]: repeat purchases of a new customer in the ``horizon`` units after
        their first purchase (unconditional: no history yet)."""
        r, alpha, a, b = self._p()
        ahead = np.asarray(horizon, dtype=np.float64)
        z = ahead / (alpha + ahead)
        if self._modified:
            tail = (alpha / (alpha + ahead)) ** (a - 1) * hyp2f1(a + b - r, a - 1, a + b, z)
            return np.asarray(b / (a - 1) * (1 - tail))
        tail = (alpha / (alpha + ahead)) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z)
        return np.asarray((a + b - 1) / (a - 1) * (1 - tail))

    def predict(self, summary: pl.DataFrame, *, horizon: float) -> pl.DataFrame:
        """customer_id (if present), p_alive and expected_purchases over ``horizon`` units."""
        return predict_unique(self, summary, horizon=horizon)


class ModifiedBetaGeoModel(BetaGeoModel):
    """MBG/NBD: BG/NBD with a possible dropout right after the first purchase."""

    name: ClassVar[str] = "mbgnbd"
    _modified: ClassVar[bool] = True

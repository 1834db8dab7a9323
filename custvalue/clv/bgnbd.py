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

Gradients are analytic (digamma). Conditional expectations use the Euler transform
of the Gauss hypergeometric function so that its parameters stay small even for
customers with thousands of purchases (no overflow).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import polars as pl
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from custvalue.clv.base import PurchaseModel, check_rfm, predict_unique
from custvalue.clv.fitting import Array, Compressed, levels

__all__ = ["BetaGeoModel", "ModifiedBetaGeoModel"]


class BetaGeoModel(PurchaseModel):
    """BG/NBD repeat-purchase model. Fitted: ``params_`` r, alpha, a, b."""

    name: ClassVar[str] = "bgnbd"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "a", "b")
    _modified: ClassVar[bool] = False

    def _start(self, data: Compressed) -> Array:
        x, t = data.columns["x"], data.columns["T"]
        w = data.weights
        rate = max(float(w @ x) / float(w @ t), 1e-3)
        return np.array([1.0, 1.0 / rate, 1.0, 1.0])

    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        r, alpha, a, b = (float(v) for v in theta)
        x = cols["x"]
        shift = 1.0 if self._modified else 0.0
        # special functions and logs once per distinct x, T and t_x
        xu, xi = levels(cols, "x")
        tu, ti = levels(cols, "T")
        su, si = levels(cols, "tx")
        log_at, inv_at = np.log(alpha + tu)[ti], (1 / (alpha + tu))[ti]
        log_as, inv_as = np.log(alpha + su)[si], (1 / (alpha + su))[si]
        gam = (gammaln(r + xu) + betaln(a, b + xu + shift))[xi]
        dig_rx = digamma(r + xu)[xi]
        dig_bx = digamma(b + xu + shift)[xi]
        dig_abx = digamma(a + b + xu + shift)[xi]
        rx = r + x
        a1_a2 = gam - gammaln(r) + r * np.log(alpha) - betaln(a, b)
        a3 = -rx * log_at
        has4 = (x > 0) | self._modified
        denom = np.where(has4, b + x - 1 + shift, 1.0)
        a4 = np.where(has4, np.log(a) - np.log(denom) - rx * log_as, -np.inf)
        mix = np.logaddexp(a3, a4)
        ll = a1_a2 + mix
        w4 = np.where(has4, np.exp(a4 - mix), 0.0)
        w3 = 1.0 - w4
        d_r = dig_rx - digamma(r) + np.log(alpha) - w3 * log_at - w4 * log_as
        d_alpha = r / alpha - rx * (w3 * inv_at + w4 * inv_as)
        d_a = digamma(a + b) - dig_abx + w4 / a
        d_b = digamma(a + b) + dig_bx - digamma(b) - dig_abx - w4 / denom
        return ll, np.stack([d_r, d_alpha, d_a, d_b], axis=1)

    # --- predictions ---------------------------------------------------------------
    def _log_odds_dead(self, x: Array, tx: Array, t: Array) -> Array:
        """ln of the odds ratio in P(alive) = 1 / (1 + odds)."""
        r, alpha, a, b = self._p()
        shift = 1.0 if self._modified else 0.0
        has = (x > 0) | self._modified
        denom = np.where(has, b + x - 1 + shift, 1.0)
        odds = np.log(a) - np.log(denom) + (r + x) * (np.log(alpha + t) - np.log(alpha + tx))
        return np.where(has, odds, -np.inf)

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Array:
        """P(alive at T | x, t_x, T), in [0, 1], finite for any history."""
        x, tx, t = check_rfm(frequency, recency, T)
        return np.asarray(expit(-self._log_odds_dead(x, tx, t)))

    def conditional_expected_purchases(
        self, t: float | Array, frequency: Any, recency: Any, T: Any
    ) -> Array:
        """E[Y(t) | x, t_x, T]: expected repeat purchases in the next ``t`` units."""
        x, tx, big_t = check_rfm(frequency, recency, T)
        r, alpha, a, b = self._p()
        horizon = np.broadcast_to(np.asarray(t, dtype=np.float64), x.shape)
        shift = 1.0 if self._modified else 0.0
        c = a + b + x - 1 + shift
        z = horizon / (alpha + big_t + horizon)
        # Euler transform: small hypergeometric parameters for any x
        tail = ((alpha + big_t) / (alpha + big_t + horizon)) ** (a - 1) * hyp2f1(
            a + b - 1 - r + shift, a - 1, c, z
        )
        a_safe = a if abs(a - 1) > 1e-9 else 1 + 1e-9
        expected = c / (a_safe - 1) * (1 - tail)
        return np.asarray(expected * expit(-self._log_odds_dead(x, tx, big_t)))

    def expected_purchases(self, t: float | Array) -> Array:
        """E[X(t)]: repeat purchases of a new customer in ``t`` units after the first."""
        r, alpha, a, b = self._p()
        horizon = np.asarray(t, dtype=np.float64)
        if self._modified:
            z = horizon / (alpha + horizon)
            tail = (alpha / (alpha + horizon)) ** (a - 1) * hyp2f1(a + b - r, a - 1, a + b, z)
            return np.asarray(b / (a - 1) * (1 - tail))
        z = horizon / (alpha + horizon)
        tail = (alpha / (alpha + horizon)) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z)
        return np.asarray((a + b - 1) / (a - 1) * (1 - tail))

    def predict(self, summary: pl.DataFrame, t: float) -> pl.DataFrame:
        """customer_id (if present), p_alive and expected_purchases over ``t`` units."""
        return predict_unique(self, summary, t)


class ModifiedBetaGeoModel(BetaGeoModel):
    """MBG/NBD: BG/NBD with a possible dropout right after the first purchase."""

    name: ClassVar[str] = "mbgnbd"
    _modified: ClassVar[bool] = True

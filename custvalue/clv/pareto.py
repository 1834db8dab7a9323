"""Pareto/NBD (Schmittlein, Morrison & Colombo 1987), computed so that it stays finite.

While alive, purchases are Poisson(λ), λ ~ Gamma(r, α); lifetimes are exponential(μ),
μ ~ Gamma(s, β). Integrating the "alive at T" and "died at τ ∈ (t_x, T]" cases gives
(Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD model")::

    L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s  +  s · I ]
    I = ∫_{t_x}^{T} (α+τ)^-(r+x) (β+τ)^-(s+1) dτ

The closed form of ``I`` uses Gauss hypergeometric functions that overflow for customers
with many purchases and lose precision to cancellation when t_x ≈ T — the failures
users report in other tools. Here ``I`` is computed in logs by quadrature after the
substitutions ``y = ln((α+τ)/(α+t_x))`` and ``u = (1 − e^{−(n−1)y}) / (1 − e^{−(n−1)Y})``
(n = r + x), which absorb the steep factor ``(α+τ)^-(n)`` exactly and leave a smooth,
monotone integrand for 32-point Gauss–Legendre. The limits of ``I`` do not depend on the
parameters, so its derivatives are integrals of ``∂f/∂θ`` — ``f`` times ln(α+τ),
1/(α+τ), ln(β+τ) or 1/(β+τ) — computed on the same nodes: an analytic gradient.

P(alive) is the share of the first term; with ``h`` the horizon,
``E[Y(h) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+h))^(s−1)] · P(alive)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import polars as pl
from numpy.polynomial.legendre import leggauss
from scipy.special import digamma, expit, gammaln

from custvalue.clv.base import PurchaseModel, check_horizon, check_rfm, finite, predict_unique
from custvalue.clv.fitting import Array, Compressed

__all__ = ["ParetoNBDModel"]

_NODES, _WEIGHTS = leggauss(32)
_U = (_NODES + 1) / 2
_W = _WEIGHTS / 2


_CHUNK = 2048  # rows per block: the (rows × nodes) temporaries stay in cache


def _pieces(theta: Array, x: Array, tx: Array, age: Array) -> dict[str, Array]:
    """Log terms of the likelihood and the f-weighted means needed for the gradient.

    ``f(τ) = (α+τ)^-(r+x) (β+τ)^-(s+1)``; ``mean_*`` are ∫ g f dτ / ∫ f dτ for
    g = ln(α+τ), 1/(α+τ), ln(β+τ), 1/(β+τ) — the integral's derivatives divided by it,
    since the limits t_x and T do not depend on the parameters. The node arithmetic runs
    in blocks of rows, reusing each node's logarithm and exponential.
    """
    r, alpha, s, beta = (float(v) for v in theta)
    n = r + x
    log_at = np.log(alpha + age)
    log_atx = np.log(alpha + tx)
    log_alive = -n * log_at - s * np.log(beta + age)
    big_y = log_at - log_atx  # ≥ 0
    open_span = big_y > 0
    k = n - 1
    small = np.abs(k) < 1e-8
    k_safe = np.where(small, 1e-8, k)
    span = -np.expm1(-k_safe * big_y)  # 1 − e^{−kY}
    jac = np.where(small, big_y, span / k_safe)
    jac = np.where(open_span, jac, 1.0)
    rows = len(x)
    integral = np.ones(rows)
    sum_y = np.zeros(rows)
    sum_inv_a = np.zeros(rows)
    sum_log_b = np.zeros(rows)
    sum_inv_b = np.zeros(rows)
    shift = beta - alpha
    power = -(s + 1)
    for lo in range(0, rows, _CHUNK):
        hi = min(lo + _CHUNK, rows)
        part = slice(lo, hi)
        # y = ln((α+τ)/(α+t_x)) at the nodes
        y = np.multiply.outer(span[part], -_U)
        np.log1p(y, out=y)
        y /= -k_safe[part, None]
        if small[part].any():
            y = np.where(small[part, None], np.multiply.outer(big_y[part], _U), y)
        ea = np.exp(y)  # (α+τ)/(α+t_x)
        alpha_tau = ea * np.exp(log_atx[part])[:, None]
        beta_tau = alpha_tau
        beta_tau += shift  # β + τ (alpha_tau is not used again)
        log_b = np.log(beta_tau)
        g = np.multiply(log_b, power)
        np.exp(g, out=g)
        g *= _W
        integral[part] = g.sum(axis=1)
        sum_y[part] = np.einsum("ij,ij->i", g, y)
        np.reciprocal(ea, out=ea)
        sum_inv_a[part] = np.einsum("ij,ij->i", g, ea)
        sum_log_b[part] = np.einsum("ij,ij->i", g, log_b)
        np.reciprocal(beta_tau, out=beta_tau)
        sum_inv_b[part] = np.einsum("ij,ij->i", g, beta_tau)
    integral = np.where(open_span, integral, 1.0)
    log_i = (1 - n) * log_atx + np.log(jac) + np.log(integral)
    log_si = np.where(open_span, np.log(s) + log_i, -np.inf)
    return {
        "log_alive": log_alive,
        "log_si": log_si,
        "mean_log_a": log_atx + sum_y / integral,
        "mean_inv_a": np.exp(-log_atx) * sum_inv_a / integral,
        "mean_log_b": sum_log_b / integral,
        "mean_inv_b": sum_inv_b / integral,
    }


def _lifetime_purchases(r: float, s: float, x: Any, ratio: Any, u: Any) -> Array:
    """(r + x) · ratio · [1 − (1 + u)^{1−s}] / (s − 1): purchases expected from a customer
    alive now, with ratio = (β+T)/(α+T) and u = horizon/(β+T) — written so that no
    product of large times overflows, and without the 0/0 at s = 1 (its limit there is
    (r + x) · ratio · ln(1 + u))."""
    w = (s - 1) * np.log1p(u)
    # −expm1(−w)/(s − 1) = ln(1 + u) · (1 − e^{−w})/w, the last factor 1 at w = 0
    spread = np.where(np.abs(w) > 1e-12, -np.expm1(-w) / np.where(w == 0, 1, w), 1.0 - w / 2)
    return np.asarray((r + x) * ratio * np.log1p(u) * spread)


class ParetoNBDModel(PurchaseModel):
    """Pareto/NBD repeat-purchase model. Fitted: ``params_`` r, alpha, s, beta."""

    name: ClassVar[str] = "pareto"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "s", "beta")
    _time_params: ClassVar[tuple[str, ...]] = ("", "purchase", "", "lifetime")

    def _start(self, data: Compressed) -> Array:
        x, age = data.columns["x"], data.columns["T"]
        w = data.weights
        rate = max(float(w @ x) / float(w @ age), 1e-3)
        scale = float(w @ age) / float(w.sum())
        return np.array([1.0, 1.0 / rate, 1.0, scale])

    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        r, alpha, s, beta = (float(v) for v in theta)
        x, tx, age = cols["x"], cols["tx"], cols["T"]
        n = r + x
        p = _pieces(theta, x, tx, age)
        log_c = gammaln(n) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
        mix = np.logaddexp(p["log_alive"], p["log_si"])
        share_alive = np.exp(p["log_alive"] - mix)
        share_dead = 1 - share_alive
        ll = log_c + mix
        d_r = digamma(n) - digamma(r) + np.log(alpha)
        d_r += -share_alive * np.log(alpha + age) - share_dead * p["mean_log_a"]
        d_alpha = r / alpha - share_alive * n / (alpha + age) - share_dead * n * p["mean_inv_a"]
        d_s = np.log(beta) - share_alive * np.log(beta + age)
        d_s += share_dead * (1 / s - p["mean_log_b"])
        d_beta = s / beta - share_alive * s / (beta + age)
        d_beta -= share_dead * (s + 1) * p["mean_inv_b"]
        return ll, np.stack([d_r, d_alpha, d_s, d_beta], axis=1)

    # --- predictions ---------------------------------------------------------------
    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Array:
        """P(alive at T | x, t_x, T), finite for any history (t_x and T: the customer's
        age at the last purchase and at the end of the observation)."""
        theta = np.array(self._p())
        x, tx, age = check_rfm(frequency, recency, T)
        shape = x.shape
        flat = [np.atleast_1d(v).ravel() for v in (x, tx, age)]
        with np.errstate(all="ignore"):
            p = _pieces(theta, *flat)
            return finite(expit(p["log_alive"] - p["log_si"])).reshape(shape)

    def expected_purchases(
        self, frequency: Any, recency: Any, T: Any, *, horizon: float | Array
    ) -> Array:
        """E[Y(horizon) | x, t_x, T]: expected purchases in the ``horizon`` units after the
        end of the observation, given the customer's history (conditional)."""
        r, alpha, s, beta = self._p()
        x, tx, age = check_rfm(frequency, recency, T)
        ahead = check_horizon(horizon, x.shape)
        alive = self.conditional_probability_alive(x, tx, age)
        with np.errstate(all="ignore"):
            return finite(
                _lifetime_purchases(r, s, x, (beta + age) / (alpha + age), ahead / (beta + age))
                * alive
            )

    def expected_purchases_new_customer(self, *, horizon: float | Array) -> Array:
        """E[X(horizon)] for a new customer (unconditional):
        r β / (α (s−1)) · [1 − (β/(β+horizon))^(s−1)]."""
        r, alpha, s, beta = self._p()
        ahead = check_horizon(horizon)
        with np.errstate(all="ignore"):
            return finite(_lifetime_purchases(r, s, 0.0, beta / alpha, ahead / beta))

    def predict(self, summary: pl.DataFrame, *, horizon: float) -> pl.DataFrame:
        """customer_id (if present), p_alive and expected_purchases over ``horizon`` units."""
        return predict_unique(self, summary, horizon=horizon)

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
monotone integrand for 48-point Gauss–Legendre. Everything is written with analytic
functions of the parameters, so the gradient is exact by complex-step differentiation.

P(alive) is the share of the first term; ``E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1))
· [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import polars as pl
from numpy.polynomial.legendre import leggauss
from scipy.special import expit, loggamma

from custvalue.clv.base import PurchaseModel, check_rfm
from custvalue.clv.fitting import Array, Compressed

__all__ = ["ParetoNBDModel"]

_NODES, _WEIGHTS = leggauss(48)
_U = (_NODES + 1) / 2
_W = _WEIGHTS / 2


def _log_terms(theta: Any, x: Array, tx: Array, t: Array) -> tuple[Any, Any, Any]:
    """(log constant, log alive term, log s·I) — complex-safe in ``theta``."""
    r, alpha, s, beta = theta[0], theta[1], theta[2], theta[3]
    n = r + x
    log_c = loggamma(r + x) - loggamma(r) + r * np.log(alpha) + s * np.log(beta)
    log_alive = -n * np.log(alpha + t) - s * np.log(beta + t)
    big_y = np.log(alpha + t) - np.log(alpha + tx)  # ≥ 0
    k = n - 1
    small = np.abs(np.real(k)) < 1e-8
    k_safe = np.where(small, 1e-8, k)
    span = -np.expm1(-k_safe * big_y)  # 1 − e^{−kY}, sign follows k
    # nodes: y(u) = −ln(1 − u·span)/k
    u = _U[None, :]
    y = -np.log1p(-u * span[:, None]) / k_safe[:, None]
    y = np.where(small[:, None], u * big_y[:, None], y)
    jac = np.where(small, big_y, span / k_safe)  # ∫ e^{−ky} dy over [0, Y] = span / k
    g = (beta - alpha + (alpha + tx)[:, None] * np.exp(y)) ** (-(s + 1))
    integral = (g * _W[None, :]).sum(axis=1)
    open_span = big_y > 0
    jac = np.where(open_span, jac, 1.0)
    integral = np.where(open_span, integral, 1.0)
    log_i = (1 - n) * np.log(alpha + tx) + np.log(jac) + np.log(integral)
    log_si = np.where(open_span, np.log(s) + log_i, -np.inf)
    return log_c, log_alive, log_si


class ParetoNBDModel(PurchaseModel):
    """Pareto/NBD repeat-purchase model. Fitted: ``params_`` r, alpha, s, beta."""

    name: ClassVar[str] = "pareto"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "s", "beta")

    def _start(self, data: Compressed) -> Array:
        x, t = data.columns["x"], data.columns["T"]
        w = data.weights
        rate = max(float(w @ x) / float(w @ t), 1e-3)
        scale = float(w @ t) / float(w.sum())
        return np.array([1.0, 1.0 / rate, 1.0, scale])

    @staticmethod
    def _ll(theta: Any, cols: dict[str, Array]) -> Any:
        x, tx, t = cols["x"], cols["tx"], cols["T"]
        log_c, log_alive, log_si = _log_terms(theta, x, tx, t)
        # logaddexp for complex arguments: shift by the real maximum
        m = np.maximum(
            np.real(log_alive), np.where(np.isfinite(np.real(log_si)), np.real(log_si), -np.inf)
        )
        total = np.exp(log_alive - m) + np.where(
            np.isfinite(np.real(log_si)), np.exp(log_si - m), 0.0
        )
        return log_c + m + np.log(total)

    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        ll = np.real(self._ll(theta.astype(np.complex128), cols))
        h = 1e-30
        grad = np.empty((len(ll), len(theta)))
        for j in range(len(theta)):
            step = theta.astype(np.complex128)
            step[j] += 1j * h * max(theta[j], 1.0)
            grad[:, j] = np.imag(self._ll(step, cols)) / (h * max(theta[j], 1.0))
        return ll, grad

    # --- predictions ---------------------------------------------------------------
    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Array:
        """P(alive at T | x, t_x, T), finite for any history."""
        x, tx, t = check_rfm(frequency, recency, T)
        shape = x.shape
        flat = [np.atleast_1d(v).ravel() for v in (x, tx, t)]
        _, log_alive, log_si = _log_terms(np.array(self._p()), *flat)
        return np.asarray(expit(np.real(log_alive) - np.real(log_si))).reshape(shape)

    def conditional_expected_purchases(
        self, t: float | Array, frequency: Any, recency: Any, T: Any
    ) -> Array:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` units."""
        x, tx, big_t = check_rfm(frequency, recency, T)
        r, alpha, s, beta = self._p()
        horizon = np.asarray(t, dtype=np.float64)
        s_safe = s if abs(s - 1) > 1e-9 else 1 + 1e-9
        growth = -np.expm1((s_safe - 1) * (np.log(beta + big_t) - np.log(beta + big_t + horizon)))
        rate = (r + x) * (beta + big_t) / ((alpha + big_t) * (s_safe - 1))
        return np.asarray(rate * growth * self.conditional_probability_alive(x, tx, big_t))

    def expected_purchases(self, t: float | Array) -> Array:
        """E[X(t)] for a new customer: r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]."""
        r, alpha, s, beta = self._p()
        horizon = np.asarray(t, dtype=np.float64)
        s_safe = s if abs(s - 1) > 1e-9 else 1 + 1e-9
        growth = -np.expm1((s_safe - 1) * (np.log(beta) - np.log(beta + horizon)))
        return np.asarray(r * beta / (alpha * (s_safe - 1)) * growth)

    def predict(self, summary: pl.DataFrame, t: float) -> pl.DataFrame:
        """customer_id (if present), p_alive and expected_purchases over ``t`` units."""
        x, tx, big_t = summary["frequency"], summary["recency"], summary["T"]
        out = pl.DataFrame(
            {
                "p_alive": self.conditional_probability_alive(x, tx, big_t),
                "expected_purchases": self.conditional_expected_purchases(t, x, tx, big_t),
            }
        )
        if "customer_id" in summary.columns:
            out = out.insert_column(0, summary["customer_id"])
        return out

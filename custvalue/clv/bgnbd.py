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

import warnings
from typing import Any, ClassVar, NamedTuple

import numpy as np
import polars as pl
from numpy.typing import NDArray
from scipy.integrate import quad
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1, polygamma

from custvalue.clv.base import PurchaseModel, check_horizon, check_rfm, finite, predict_unique
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


def _purchases_while_alive(a: float, b_post: Any, n: Any, u: Any) -> Array:
    """E_p[(1 − (1 + p u)^−n) / p] for p ~ Beta(a, b_post): the purchases expected in a
    horizon of u · (α + T) from a customer alive at T, whose rate is Gamma(n, α + T) and
    dropout probability Beta(a, b_post) (their posteriors).

    The closed form is ``c / (a − 1) · (1 − tail)`` with c = a + b_post − 1, z = u/(1+u)
    and ``tail = (1 − z)^{a−1} ₂F₁(c − n, a − 1; c; z) = (1 − z)^n ₂F₁(n, b_post; c; z)``
    (the two Euler transforms; the first keeps the parameters small for customers
    with many purchases). SciPy's ₂F₁ returns NaN, or silently a wrong value, for some
    of these arguments, and ``1 − tail`` loses digits when it is small (a ≈ 1, short
    horizons). So the closed form is kept only for z ≤ 0.9, where both transforms agree
    to 10⁻⁹ and ``|1 − tail| ≥ 10⁻⁶``; elsewhere :func:`_series` sums a series of positive terms
    that has neither problem (z ≤ 0.995), and beyond, :func:`_by_quadrature`
    integrates over p.
    """
    b_post, n, u = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (b_post, n, u)))
    c = a + b_post - 1
    with np.errstate(all="ignore"):
        z = u / (1 + u)
        first = np.exp(-(a - 1) * np.log1p(u)) * hyp2f1(c - n, a - 1, c, z)
        second = np.exp(-n * np.log1p(u)) * hyp2f1(n, b_post, c, z)
        out = np.asarray(c / (a - 1) * (1 - first), dtype=np.float64)
        trusted = (
            (u <= _CLOSED_U)
            & (np.abs(first - second) <= 1e-9 * np.abs(first))
            & (np.abs(1 - first) >= 1e-6)
            & np.isfinite(out)
            & (out >= 0)
        )
    out = np.where(u > 0, out, 0.0)
    near = (u > 0) & ~trusted & (u <= _SERIES_U) & (a * u <= 600)  # u = z/(1 − z): peak term
    if near.any():
        out[near] = _series(a, c[near], n[near], u[near])
    far = (u > 0) & ~trusted & (~near | ~np.isfinite(out))
    for i in np.flatnonzero(far):
        out.flat[i] = _by_quadrature(a, float(b_post.flat[i]), float(n.flat[i]), float(u.flat[i]))
    return out


_SERIES_U = 200.0  # z ≤ 0.995: the series converges to 10⁻¹⁷ within 8,000 terms
# z ≤ 0.9: SciPy sums ₂F₁'s series; beyond it uses transformations that lose digits
# (10⁻⁶ when c − a − b is a whole number, even in both Euler forms)
_CLOSED_U = 9.0


def _series(a: float, c: Array, n: Array, u: Array) -> Array:
    """(1 − z)^{a−1} Σ_{k≥1} (a)_{k−1}/k! z^k [n D_k + c (1 − D_k)] with z = u / (1 + u)
    (see :func:`_purchases_while_alive`), summed 32 terms at a time per row until the
    row's last term is below 10⁻¹⁷ of its sum (past its largest term). The factor
    (1 − z)^{a−1} is carried in the coefficients' logs (no overflow for large a);
    ``1 − D_k`` comes from the running sum of ln |(c − n + j)/(c + j)|, without
    cancellation."""
    z = u / (1 + u)
    out = np.zeros(u.size)
    rows = np.arange(u.size)
    total = np.zeros(u.size)
    log_coef = np.log(z) - (a - 1) * np.log1p(u)  # ln[(1 − z)^{a−1} z], the k = 1 coefficient
    log_d = np.zeros(u.size)  # ln |D_k| and its sign at k = 1 (the empty product)
    sign = np.ones(u.size)
    log_z = np.log(z)
    k0 = 1
    with np.errstate(all="ignore"):
        while rows.size and k0 < 60_000:
            k = np.arange(k0, k0 + _BLOCK, dtype=np.float64)
            # coefficients and D at k0 .. k0 + 31, continuing the running sums
            step_coef = np.log((a + k[:-1] - 1) / (k[:-1] + 1))[None, :] + log_z[:, None]
            lc = np.concatenate([log_coef[:, None], log_coef[:, None] + np.cumsum(step_coef, 1)], 1)
            factor = (c[:, None] - n[:, None] + k[None, :-1]) / (c[:, None] + k[None, :-1])
            ld = np.concatenate(
                [log_d[:, None], log_d[:, None] + np.cumsum(np.log(np.abs(factor)), 1)], 1
            )
            sg = np.concatenate([sign[:, None], sign[:, None] * np.cumprod(np.sign(factor), 1)], 1)
            one_minus = np.where(sg > 0, -np.expm1(ld), 1 - sg * np.exp(ld))
            terms = np.exp(lc) * (n[:, None] * (1 - one_minus) + c[:, None] * one_minus)
            total += terms.sum(axis=1)
            last = terms[:, -1]
            # next block's start: k0 + 32
            end = k0 + _BLOCK - 1
            log_coef = lc[:, -1] + np.log((a + end - 1) / (end + 1)) + log_z
            f_end = (c - n + end) / (c + end)
            log_d, sign = ld[:, -1] + np.log(np.abs(f_end)), sg[:, -1] * np.sign(f_end)
            k0 += _BLOCK
            done = (k0 > a * u) & ((np.abs(last) <= 1e-17 * np.abs(total)) | ~np.isfinite(total))
            out[rows[done]] = total[done]
            keep = ~done
            rows, total, log_coef, log_d, sign = (
                v[keep] for v in (rows, total, log_coef, log_d, sign)
            )
            c, n, u, z, log_z = (v[keep] for v in (c, n, u, z, log_z))
    out[rows] = np.nan  # did not converge: integrated instead
    return out


_BLOCK = 32


def _by_quadrature(a: float, b_post: float, n: float, u: float) -> float:
    """``_purchases_while_alive`` for one customer by adaptive quadrature over
    y = −ln p, in t = ln y (the posterior's bulk may sit at any scale of y, from
    b_post / a ≪ 1 when a is large to ln u for long horizons):

    - below y₀ = 10⁻⁹ / (1 + a + n) the integrand is y^{b_post − 1} times a factor
      constant to 10⁻⁹ (integrated in closed form: the endpoint singularity of small
      b_post);
    - beyond ``top`` it is exactly ``n u e^{−a y} / B(a, b_post)`` to double precision
      (integrated in closed form);
    - between, SciPy's ``quad`` with break points where the integrand changes regime.
    """
    if u <= 0:
        return 0.0
    base = float(betaln(a, b_post))

    def log_f(y: Array) -> Array:  # ln of the integrand in y
        return np.asarray(
            -(a - 1) * y
            + (b_post - 1) * np.log(-np.expm1(-y))
            + np.log(-np.expm1(-n * np.log1p(u * np.exp(-y))))
            - base
        )

    y0 = 1e-9 / (1 + a + n)
    top = max(np.log(u), np.log(b_post), 0.0) + 45.0
    t0, t1 = np.log(y0), np.log(top)
    marks = [np.log(u), np.log(b_post), np.log1p(b_post / a), 1.0]
    breaks = sorted({float(np.log(v)) for v in marks if y0 < v < top})
    with np.errstate(all="ignore"):
        grid = np.linspace(t0, t1, 4000)
        shift = float(np.nanmax(log_f(np.exp(grid)) + grid))
        # the closed-form pieces: [0, y₀] and [top, ∞)
        head = (
            log_f(np.array(y0)) - (b_post - 1) * np.log(y0) + b_post * np.log(y0) - np.log(b_post)
        )
        log_tail = np.log(n) + np.log(u) - a * top - np.log(a) - base
    if not np.isfinite(shift):
        return float("nan")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # IntegrationWarning: the tolerance is checked below
        main, error = quad(
            lambda t: float(np.exp(log_f(np.exp(np.array(t))) + t - shift)),
            t0,
            t1,
            points=breaks or None,
            limit=400,
            epsabs=0.0,
            epsrel=1e-11,
        )
    value = float(np.exp(shift) * main + np.exp(head) + np.exp(log_tail))
    return value if error <= 1e-6 * max(main, 1e-300) else float("nan")


class BetaGeoModel(PurchaseModel):
    """BG/NBD repeat-purchase model. Fitted: ``params_`` r, alpha, a, b."""

    name: ClassVar[str] = "bgnbd"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "a", "b")
    _time_params: ClassVar[tuple[str, ...]] = ("", "purchase", "", "")
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
        denom = np.where(has4, b + (x - 1 + self._shift), 1.0)
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
        denom = np.where(has, b + (x - 1 + self._shift), 1.0)
        odds = np.log(a) - np.log(denom) + (r + x) * (np.log(alpha + age) - np.log(alpha + tx))
        return np.where(has, odds, -np.inf)

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Array:
        """P(alive at T | x, t_x, T), in [0, 1], finite for any history.

        ``recency`` (t_x) is the customer's age at the last purchase and ``T`` their age
        at the end of the observation, both counted from the first purchase.
        """
        x, tx, age = check_rfm(frequency, recency, T)
        with np.errstate(all="ignore"):
            return finite(expit(-self._log_odds_dead(x, tx, age)))

    def expected_purchases(
        self, frequency: Any, recency: Any, T: Any, *, horizon: float | Array
    ) -> Array:
        """E[Y(horizon) | x, t_x, T]: expected repeat purchases in the ``horizon`` units
        after the end of the observation, given the customer's history (conditional)."""
        r, alpha, a, b = self._p()
        x, tx, age = check_rfm(frequency, recency, T)
        ahead = check_horizon(horizon, x.shape)
        with np.errstate(all="ignore"):
            u = ahead / (alpha + age)
            while_alive = _purchases_while_alive(a, b + (x + self._shift), r + x, u)
            return finite(while_alive * expit(-self._log_odds_dead(x, tx, age)))

    def expected_purchases_new_customer(self, *, horizon: float | Array) -> Array:
        """E[X(horizon)]: repeat purchases of a new customer in the ``horizon`` units after
        their first purchase (unconditional: no history yet)."""
        r, alpha, a, b = self._p()
        ahead = check_horizon(horizon)
        with np.errstate(all="ignore"):
            if self._modified:  # alive after the first purchase with probability b / (a + b)
                return finite(_purchases_while_alive(a, b + 1, r, ahead / alpha) * (b / (a + b)))
            return finite(_purchases_while_alive(a, b, r, ahead / alpha))

    def predict(self, summary: pl.DataFrame, *, horizon: float) -> pl.DataFrame:
        """customer_id (if present), p_alive and expected_purchases over ``horizon`` units."""
        return predict_unique(self, summary, horizon=horizon)


class ModifiedBetaGeoModel(BetaGeoModel):
    """MBG/NBD: BG/NBD with a possible dropout right after the first purchase."""

    name: ClassVar[str] = "mbgnbd"
    _modified: ClassVar[bool] = True

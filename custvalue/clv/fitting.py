"""Maximum likelihood shared by the models: compressed data, log-space optimisation,
standard errors from the Hessian, clear failures.

Each model supplies ``loglik(theta, data) -> (ll_per_row, grad_per_row)`` in natural
parameters. Rows are the *unique* input patterns with their counts as weights, so a
million customers with a few thousand distinct histories cost a few thousand
evaluations. The optimiser (L-BFGS-B) works on ``log(theta)``, which keeps every
parameter positive without bounds; the gradient is exact (chain rule ``θ · ∂ℓ/∂θ``).
Standard errors come from the inverse of the observed information (Hessian of the
negative log-likelihood in natural parameters): analytic when the model supplies
``hessian(theta, data, weights) -> (ll, gradient, Hessian)`` as weighted sums (BG/NBD,
MBG/NBD), otherwise by central differences of the exact gradient. With an analytic
Hessian and a warm start, the fit on all rows is Newton's method: a few evaluations,
the last of which, at the optimum, also gives the standard errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import polars as pl
from numpy.typing import NDArray
from scipy.optimize import minimize

from custvalue.exceptions import ConvergenceError, DataValidationError

__all__ = [
    "Compressed",
    "FitResult",
    "LogLikHessian",
    "Objective",
    "check_penalizer",
    "compress",
    "levels",
    "penalty_holds",
    "maximize",
]

Array = NDArray[np.float64]
LogLik = Callable[[Array, dict[str, Array]], tuple[Array, Array]]
LogLikHessian = Callable[[Array, dict[str, Array], Array], tuple[float, Array, Array]]


def check_penalizer(value: object) -> float:
    """``value`` as a float if it is a finite number ≥ 0, else ``clv.bad_penalizer``."""
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    if not ok or not np.isfinite(float(value)) or float(value) < 0:  # type: ignore[arg-type]
        raise DataValidationError("clv.bad_penalizer", value=value)
    return float(value)  # type: ignore[arg-type]


def penalty_holds(penalizer: float, customers: float) -> bool:
    """Whether a penalty can hold the parameters: at least 10⁻⁹ per customer (below, it
    changes the objective by less than the optimiser's tolerance)."""
    return customers > 0 and penalizer / customers >= 1e-9


@dataclass(frozen=True)
class Compressed:
    """Unique rows (columns as float arrays), how many customers share each, and how
    many customers there are (the sum of the weights)."""

    columns: dict[str, Array]
    weights: Array
    n: float


def compress(
    frame: pl.DataFrame, columns: Sequence[str], *, weights: str | None = None
) -> Compressed:
    """Group identical rows of ``columns``; the count (or the sum of the ``weights``
    column) becomes the weight."""
    count = pl.len() if weights is None else pl.col(weights).sum()
    grouped = (
        frame.lazy().group_by(list(columns)).agg(count.alias("_w")).sort(list(columns)).collect()
    )
    return Compressed(
        columns={c: grouped[c].cast(pl.Float64).to_numpy() for c in columns},
        weights=grouped["_w"].cast(pl.Float64).to_numpy(),
        n=frame.height if weights is None else float(grouped["_w"].sum()),
    )


def levels(cols: dict[str, Array], name: str) -> tuple[Array, NDArray[np.intp]]:
    """Distinct values of ``cols[name]`` and the index of each row into them (cached in
    ``cols``): special functions are then evaluated once per distinct value — purchase
    counts and day-based times take few distinct values even for millions of customers."""
    key = f"_levels_{name}"
    cached = cols.get(key)
    if cached is None:
        unique, inverse = np.unique(cols[name], return_inverse=True)
        cols[key] = unique
        cols[f"{key}_inverse"] = cast(Array, inverse.astype(np.intp))
        cached = unique
    return cached, cast(NDArray[np.intp], cols[f"{key}_inverse"])


@dataclass(frozen=True)
class FitResult:
    """The optimum: parameters, log-likelihood, standard errors, optimiser facts."""

    params: Array
    log_likelihood: float
    standard_errors: Array
    covariance: Array
    iterations: int
    converged: bool


class Objective:
    """The minimised function of ``log θ``: negative weighted log-likelihood plus the
    penalty, per customer, with its exact gradient; remembers its last point (the
    optimisers and the final checks ask for the same point more than once)."""

    def __init__(
        self,
        loglik: LogLik,
        data: Compressed,
        penalizer: float,
        hessian_fn: LogLikHessian | None = None,
    ) -> None:
        self.loglik, self.data, self.penalizer = loglik, data, penalizer
        self.hessian_fn = hessian_fn
        self._x: Array | None = None
        self._value: tuple[float, Array, float] = (np.inf, np.zeros(0), np.nan)
        # the last analytic Hessian: (log θ, Hessian of −ℓ + penalty in natural θ)
        self._hess: tuple[Array, Array] | None = None

    def evaluate(self, log_theta: Array) -> tuple[float, Array, float]:
        """(objective, gradient in log θ, weighted log-likelihood without the penalty)."""
        if self._x is not None and np.array_equal(log_theta, self._x):
            return self._value
        w, n, penalizer = self.data.weights, self.data.n, self.penalizer
        # trial points of a line search may overflow: they are refused, not reported
        with np.errstate(all="ignore"):
            theta = np.exp(log_theta)
            try:
                ll_rows, grad = self.loglik(theta, self.data.columns)
            except (ZeroDivisionError, OverflowError):  # a parameter under- or overflowed
                ll_rows, grad = np.full(len(w), np.nan), np.full((len(w), len(theta)), np.nan)
            ll = float(w @ ll_rows)
            value = -ll + penalizer * float(theta @ theta)
            g = -(w @ grad) + 2 * penalizer * theta
        if not np.isfinite(value) or not np.all(np.isfinite(g)):
            out: tuple[float, Array, float] = (1e300, np.zeros_like(log_theta), np.nan)
        else:
            out = (float(value) / n, g * theta / n, ll)
        self._x, self._value = np.array(log_theta, copy=True), out
        return out

    def evaluate_hessian(self, log_theta: Array) -> tuple[float, Array, Array]:
        """(objective, gradient, Hessian) in log θ, per customer, from the model's
        analytic Hessian; also remembered for :meth:`natural_hessian` and
        :meth:`evaluate` at the same point."""
        if self.hessian_fn is None:
            raise ValueError("no analytic Hessian")
        n, penalizer, k = self.data.n, self.penalizer, len(log_theta)
        with np.errstate(all="ignore"):
            theta = np.exp(log_theta)
            try:
                ll, grad, hess = self.hessian_fn(theta, self.data.columns, self.data.weights)
            except (ZeroDivisionError, OverflowError):  # a parameter under- or overflowed
                ll, grad, hess = np.nan, np.full(k, np.nan), np.full((k, k), np.nan)
            value = -ll + penalizer * float(theta @ theta)
            g = -grad + 2 * penalizer * theta
            h = -hess + 2 * penalizer * np.eye(k)
        x = np.array(log_theta, copy=True)
        if not np.isfinite(value) or not np.all(np.isfinite(g)) or not np.all(np.isfinite(h)):
            self._x, self._value = x, (1e300, np.zeros_like(log_theta), np.nan)
            self._hess = None
            return 1e300, np.zeros_like(log_theta), np.full((k, k), np.nan)
        self._x, self._value, self._hess = x, (float(value) / n, g * theta / n, ll), (x, h)
        # chain rule to log θ: θ_i θ_j H_ij + δ_ij θ_i g_i
        h_log = (np.outer(theta, theta) * h + np.diag(theta * g)) / n
        return float(value) / n, g * theta / n, (h_log + h_log.T) / 2

    def natural_hessian(self, log_theta: Array) -> Array | None:
        """The analytic Hessian of −ℓ + penalty in natural θ at ``log_theta`` (reused
        when the last evaluation was there), or None without one."""
        if self.hessian_fn is None:
            return None
        if self._hess is None or not np.array_equal(self._hess[0], log_theta):
            self.evaluate_hessian(log_theta)
        return None if self._hess is None else self._hess[1]

    def __call__(self, log_theta: Array) -> tuple[float, Array]:
        value, g, _ = self.evaluate(log_theta)
        return value, g

    def hessian(self, log_theta: Array, step: float = 1e-5) -> Array:
        """Hessian in ``log θ`` by central differences of the exact gradient."""
        k = len(log_theta)
        hess = np.zeros((k, k))
        for j in range(k):
            up, down = log_theta.copy(), log_theta.copy()
            up[j] += step
            down[j] -= step
            hess[:, j] = (self(up)[1] - self(down)[1]) / (2 * step)
        return (hess + hess.T) / 2


def _newton(
    objective: Objective, x: Array, hessian: Array, gtol: float, max_iter: int = 25
) -> tuple[Array, bool, int]:
    """Quasi-Newton steps that start from ``hessian`` (from a sample of the same data, so
    close to the full one) and improve it by BFGS updates: one evaluation per step and
    few steps. Returns (point, converged, iterations)."""
    try:
        np.linalg.cholesky(hessian)  # positive definite, or no Newton steps
    except np.linalg.LinAlgError:
        return x, False, 0
    value, g = objective(x)
    for it in range(max_iter):
        if np.max(np.abs(g)) <= gtol:
            return x, True, it
        step = -np.linalg.solve(hessian, g)
        t = 1.0
        while True:
            trial = x + t * step
            trial_value, trial_g = objective(trial)
            # no increase beyond rounding (near the optimum the decrease is below it)
            if trial_value <= value + 1e-13 * abs(value):
                break
            t /= 2
            if t < 1e-6:
                return x, False, it
        s_step, y_step = trial - x, trial_g - g
        curvature = float(s_step @ y_step)
        if curvature > 1e-12 * float(s_step @ s_step):
            hs = hessian @ s_step
            hessian = (
                hessian + np.outer(y_step, y_step) / curvature - np.outer(hs, hs) / (s_step @ hs)
            )
        x, value, g = trial, trial_value, trial_g
    return x, bool(np.max(np.abs(g)) <= gtol), max_iter


def _exact_newton(
    objective: Objective, x: Array, gtol: float, max_iter: int = 30
) -> tuple[Array, bool, int]:
    """Newton steps with the analytic Hessian, halved until the objective does not
    increase; each step costs one evaluation (value, gradient and Hessian together).
    Where the Hessian is not positive definite (far from the optimum) its eigenvalues
    are replaced by their absolute values, which keeps the step a descent direction.
    Returns (point, converged, iterations); L-BFGS-B finishes when not converged."""
    value, g, h = objective.evaluate_hessian(x)
    for it in range(max_iter):
        if np.max(np.abs(g)) <= gtol:
            return x, True, it
        if not np.all(np.isfinite(h)):
            return x, False, it
        try:
            np.linalg.cholesky(h)
            step = -np.linalg.solve(h, g)
        except np.linalg.LinAlgError:
            eigenvalues, vectors = np.linalg.eigh(h)
            size = np.maximum(np.abs(eigenvalues), 1e-8 * float(np.max(np.abs(eigenvalues))))
            if not np.all(size > 0):
                return x, False, it
            step = -vectors @ ((vectors.T @ g) / size)
        t = 1.0
        while True:
            trial = x + t * step
            trial_value, trial_g, trial_h = objective.evaluate_hessian(trial)
            # no increase beyond rounding (near the optimum the decrease is below it)
            if trial_value <= value + 1e-13 * abs(value):
                break
            t /= 2
            if t < 1e-6:
                objective.evaluate_hessian(x)  # leave the last evaluation at x
                return x, False, it
        x, value, g, h = trial, trial_value, trial_g, trial_h
    return x, bool(np.max(np.abs(g)) <= gtol), max_iter


def maximize(
    loglik: LogLik,
    data: Compressed,
    start: Array,
    names: Sequence[str],
    *,
    model: str,
    penalizer: float = 0.0,
    max_iter: int = 2000,
    covariance: bool = True,
    check_bounds: bool = True,
    hessian: Array | None = None,
    hessian_fn: LogLikHessian | None = None,
    newton: bool = False,
    scale: Array | None = None,
    sizes: Array | None = None,
    ll_offset: float = 0.0,
    identified: bool = True,
) -> FitResult:
    """Maximise the weighted log-likelihood (minus ``penalizer · Σθ²``) over ``log θ``.

    With ``hessian`` (of the same objective in ``log θ`` near ``start``, e.g. from a
    fit on a sample), quasi-Newton steps from that Hessian come first; with
    ``hessian_fn`` (the model's analytic Hessian) and ``newton`` (``start`` is a warm
    start), Newton steps. L-BFGS-B finishes if they do not reach the gradient
    tolerance. ``hessian_fn`` also gives the standard errors.

    ``data`` may be rescaled (amounts or times divided by a scale of the data, so that
    the fit, its bounds and the penalty do not depend on the currency or the time
    unit): the optimisation then runs on θ' = θ / ``scale`` and the result is returned
    in natural units — parameters and standard errors times ``scale``, the covariance
    times ``scale scaleᵀ``, the log-likelihood plus ``ll_offset`` (the Jacobian of the
    rescaling). The bounds that refuse a fit at the edge, ``1e-5 < θ' / sizes < 1e6``,
    are therefore relative to the data; ``sizes`` (default 1) is each parameter's
    natural size in those units where it is not 1 (e.g. the time between purchases
    for the scale of the purchase rates).

    ``identified=False`` says the data cannot identify the model (no repeat purchase,
    no customer lost): without a penalizer the fit is refused with ``clv.degenerate``,
    naming the values the optimiser ran to — the same refusal as a fit that runs off
    to the edge.

    A penalizer below 10⁻⁹ per customer changes the objective by less than the
    optimiser's tolerance: the fit is then checked as an unpenalized one.
    """
    penalizer = check_penalizer(penalizer)
    free = not penalty_holds(penalizer, data.n)
    factor = np.ones(len(start)) if scale is None else np.asarray(scale, dtype=np.float64)

    def shown(theta: Array) -> str:
        with np.errstate(over="ignore", invalid="ignore"):
            natural = theta * factor
        return ", ".join(f"{n}={v:.4g}" for n, v in zip(names, natural, strict=True))

    if not identified and free:
        with np.errstate(all="ignore"):
            where = _optimum(loglik, data, start, penalizer, max_iter, None, None, False)[0]
        raise ConvergenceError("clv.degenerate", model=model, params=shown(where))
    theta, ll, done, nit, message, objective, x0 = _optimum(
        loglik, data, start, penalizer, max_iter, hessian, hessian_fn, newton
    )
    # beyond the bounds the fit runs off to the edge, whether or not it has stopped
    relative_size = theta if sizes is None else theta / sizes
    inside = (relative_size > 1e-5) & (relative_size < 1e6)
    if check_bounds and free and np.all(np.isfinite(theta)) and not np.all(inside):
        raise ConvergenceError("clv.degenerate", model=model, params=shown(theta))
    grad_norm = float(np.max(np.abs(objective.evaluate(x0)[1])))
    if not np.isfinite(ll) or not np.all(np.isfinite(theta)) or grad_norm > 1e-4:
        raise ConvergenceError(
            "clv.no_convergence",
            model=model,
            detail=message,
            params=shown(theta),
        )
    ll += ll_offset
    with np.errstate(over="ignore", invalid="ignore"):
        params = theta * factor
    if not np.all(np.isfinite(params)):  # amounts or times near the largest float
        raise ConvergenceError("clv.beyond_range", model=model, params=shown(theta))
    if not covariance:
        nan = np.full((len(theta), len(theta)), np.nan)
        return FitResult(params, ll, np.full(len(theta), np.nan), nan, nit, True)
    with np.errstate(all="ignore"):
        exact = objective.natural_hessian(x0)
        cov = _covariance(loglik, data, theta, penalizer, exact)
    se = np.sqrt(np.clip(np.diag(cov), 0, None)) if cov.size else np.full(len(theta), np.nan)
    relative = se / theta
    if check_bounds and free and np.any(~np.isfinite(relative) | (relative > 100)):
        # a flat likelihood along some direction: the estimate is not identified
        raise ConvergenceError("clv.degenerate", model=model, params=shown(theta))
    with np.errstate(over="ignore", invalid="ignore"):
        # in natural units; what passes the largest float is not known (NaN, as a
        # singular information matrix)
        se, cov = se * factor, cov * np.outer(factor, factor)
    se, cov = np.where(np.isfinite(se), se, np.nan), np.where(np.isfinite(cov), cov, np.nan)
    return FitResult(params, ll, se, cov, nit, done)


def _optimum(
    loglik: LogLik,
    data: Compressed,
    start: Array,
    penalizer: float,
    max_iter: int,
    hessian: Array | None,
    hessian_fn: LogLikHessian | None,
    newton: bool,
) -> tuple[Array, float, bool, int, str, Objective, Array]:
    """(θ, ℓ, converged, iterations, optimiser message, objective, log θ) at the end of
    the Newton steps and L-BFGS-B."""
    objective = Objective(loglik, data, penalizer, hessian_fn)
    gtol = 1e-9
    x0 = np.log(start)
    done, nit, message = False, 0, ""
    if hessian_fn is not None and newton:
        x0, done, nit = _exact_newton(objective, x0, gtol)
        message = "Newton steps with the analytic Hessian"
    elif hessian is not None:
        x0, done, nit = _newton(objective, x0, hessian, gtol)
        message = "Newton steps with a sample Hessian"
    if not done:
        result = minimize(
            objective,
            x0,
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": max_iter, "ftol": 1e-14, "gtol": gtol, "maxcor": 20},
        )
        x0, done, message = result.x, bool(result.success), str(result.message)
        nit += int(result.nit)
    theta = np.exp(x0)
    _, _, ll = objective.evaluate(x0)
    return theta, ll, done, nit, message, objective, x0


def _covariance(
    loglik: LogLik, data: Compressed, theta: Array, penalizer: float, exact: Array | None = None
) -> Array:
    """Inverse observed information: the analytic Hessian ``exact`` (of −ℓ + penalty in
    natural θ) when given, else by central differences of the exact gradient."""
    k = len(theta)
    hess = np.zeros((k, k))
    w = data.weights
    for j in range(k if exact is None else 0):
        h = 1e-5 * max(theta[j], 1e-8)
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        g_up = -(w @ loglik(up, data.columns)[1]) + 2 * penalizer * up
        g_down = -(w @ loglik(down, data.columns)[1]) + 2 * penalizer * down
        hess[:, j] = (g_up - g_down) / (2 * h)
    hess = (hess + hess.T) / 2 if exact is None else exact
    if not np.all(np.isfinite(hess)):
        return np.full((k, k), np.nan)
    try:
        cov: Array = np.asarray(np.linalg.inv(hess), dtype=np.float64)
    except np.linalg.LinAlgError:
        return np.full((k, k), np.nan)
    return cov

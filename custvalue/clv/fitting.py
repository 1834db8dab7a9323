"""Maximum likelihood shared by the models: compressed data, log-space optimisation,
standard errors from the Hessian, clear failures.

Each model supplies ``loglik(theta, data) -> (ll_per_row, grad_per_row)`` in natural
parameters. Rows are the *unique* input patterns with their counts as weights, so a
million customers with a few thousand distinct histories cost a few thousand
evaluations. The optimiser (L-BFGS-B) works on ``log(theta)``, which keeps every
parameter positive without bounds; the gradient is exact (chain rule ``θ · ∂ℓ/∂θ``).
Standard errors come from the inverse of the observed information (Hessian of the
negative log-likelihood in natural parameters, by central differences of the exact
gradient).
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

__all__ = ["Compressed", "FitResult", "Objective", "compress", "levels", "maximize"]

Array = NDArray[np.float64]
LogLik = Callable[[Array, dict[str, Array]], tuple[Array, Array]]


@dataclass(frozen=True)
class Compressed:
    """Unique rows (columns as float arrays) and how many customers share each."""

    columns: dict[str, Array]
    weights: Array
    n: int


def compress(frame: pl.DataFrame, columns: Sequence[str]) -> Compressed:
    """Group identical rows of ``columns``; the count becomes the weight."""
    grouped = (
        frame.lazy().group_by(list(columns)).agg(pl.len().alias("_w")).sort(list(columns)).collect()
    )
    return Compressed(
        columns={c: grouped[c].cast(pl.Float64).to_numpy() for c in columns},
        weights=grouped["_w"].cast(pl.Float64).to_numpy(),
        n=frame.height,
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

    def __init__(self, loglik: LogLik, data: Compressed, penalizer: float) -> None:
        self.loglik, self.data, self.penalizer = loglik, data, penalizer
        self._x: Array | None = None
        self._value: tuple[float, Array, float] = (np.inf, np.zeros(0), np.nan)

    def evaluate(self, log_theta: Array) -> tuple[float, Array, float]:
        """(objective, gradient in log θ, weighted log-likelihood without the penalty)."""
        if self._x is not None and np.array_equal(log_theta, self._x):
            return self._value
        w, n, penalizer = self.data.weights, self.data.n, self.penalizer
        # trial points of a line search may overflow: they are refused, not reported
        with np.errstate(all="ignore"):
            theta = np.exp(log_theta)
            ll_rows, grad = self.loglik(theta, self.data.columns)
            ll = float(w @ ll_rows)
            value = -ll + penalizer * float(theta @ theta)
            g = -(w @ grad) + 2 * penalizer * theta
        if not np.isfinite(value) or not np.all(np.isfinite(g)):
            out: tuple[float, Array, float] = (1e300, np.zeros_like(log_theta), np.nan)
        else:
            out = (float(value) / n, g * theta / n, ll)
        self._x, self._value = np.array(log_theta, copy=True), out
        return out

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
) -> FitResult:
    """Maximise the weighted log-likelihood (minus ``penalizer · Σθ²``) over ``log θ``.

    With ``hessian`` (of the same objective in ``log θ`` near ``start``, e.g. from a
    fit on a sample), Newton steps with that fixed Hessian come first; L-BFGS-B
    finishes if they do not reach the gradient tolerance.
    """
    if penalizer < 0 or not np.isfinite(penalizer):
        raise DataValidationError("clv.bad_penalizer", value=penalizer)
    objective = Objective(loglik, data, penalizer)
    gtol = 1e-9
    x0 = np.log(start)
    done, nit, message = False, 0, ""
    if hessian is not None:
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
    _, grad, ll = objective.evaluate(x0)
    grad_norm = float(np.max(np.abs(grad)))
    if not np.isfinite(ll) or not np.all(np.isfinite(theta)) or grad_norm > 1e-4:
        raise ConvergenceError(
            "clv.no_convergence",
            model=model,
            detail=message,
            params=", ".join(f"{n}={v:.4g}" for n, v in zip(names, theta, strict=True)),
        )
    if check_bounds and penalizer == 0 and (np.any(theta < 1e-5) or np.any(theta > 1e6)):
        raise ConvergenceError(
            "clv.degenerate",
            model=model,
            params=", ".join(f"{n}={v:.4g}" for n, v in zip(names, theta, strict=True)),
        )
    if not covariance:
        nan = np.full((len(theta), len(theta)), np.nan)
        return FitResult(theta, ll, np.full(len(theta), np.nan), nan, nit, True)
    with np.errstate(all="ignore"):
        cov = _covariance(loglik, data, theta, penalizer)
    se = np.sqrt(np.clip(np.diag(cov), 0, None)) if cov.size else np.full(len(theta), np.nan)
    relative = se / theta
    if check_bounds and penalizer == 0 and np.any(~np.isfinite(relative) | (relative > 100)):
        # a flat likelihood along some direction: the estimate is not identified
        raise ConvergenceError(
            "clv.degenerate",
            model=model,
            params=", ".join(f"{n}={v:.4g}" for n, v in zip(names, theta, strict=True)),
        )
    return FitResult(theta, ll, se, cov, nit, done)


def _covariance(loglik: LogLik, data: Compressed, theta: Array, penalizer: float) -> Array:
    """Inverse observed information, by central differences of the exact gradient."""
    k = len(theta)
    hess = np.zeros((k, k))
    w = data.weights
    for j in range(k):
        h = 1e-5 * max(theta[j], 1e-8)
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        g_up = -(w @ loglik(up, data.columns)[1]) + 2 * penalizer * up
        g_down = -(w @ loglik(down, data.columns)[1]) + 2 * penalizer * down
        hess[:, j] = (g_up - g_down) / (2 * h)
    hess = (hess + hess.T) / 2
    try:
        cov: Array = np.asarray(np.linalg.inv(hess), dtype=np.float64)
    except np.linalg.LinAlgError:
        return np.full((k, k), np.nan)
    return cov

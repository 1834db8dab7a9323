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

__all__ = ["Compressed", "FitResult", "compress", "levels", "maximize"]

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
    grouped = frame.group_by(list(columns)).agg(pl.len().alias("_w")).sort(list(columns))
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
) -> FitResult:
    """Maximise the weighted log-likelihood (minus ``penalizer · Σθ²``) over ``log θ``."""
    if penalizer < 0 or not np.isfinite(penalizer):
        raise DataValidationError("clv.bad_penalizer", value=penalizer)
    w = data.weights

    def objective(log_theta: Array) -> tuple[float, Array]:
        # trial points of the line search may overflow: they are refused, not reported
        with np.errstate(all="ignore"):
            theta = np.exp(log_theta)
            ll, grad = loglik(theta, data.columns)
            value = -(w @ ll) + penalizer * float(theta @ theta)
            g = -(w @ grad) + 2 * penalizer * theta
        if not np.isfinite(value) or not np.all(np.isfinite(g)):
            return 1e300, np.zeros_like(log_theta)
        return float(value) / data.n, g * theta / data.n

    result = minimize(
        objective,
        np.log(start),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter, "ftol": 1e-14, "gtol": 1e-9, "maxcor": 20},
    )
    theta = np.exp(result.x)
    ll_rows, _ = loglik(theta, data.columns)
    ll = float(w @ ll_rows)
    grad_norm = float(np.max(np.abs(objective(result.x)[1])))
    if not np.isfinite(ll) or not np.all(np.isfinite(theta)) or grad_norm > 1e-4:
        raise ConvergenceError(
            "clv.no_convergence",
            model=model,
            detail=str(result.message),
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
        return FitResult(theta, ll, np.full(len(theta), np.nan), nan, int(result.nit), True)
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
    return FitResult(theta, ll, se, cov, int(result.nit), bool(result.success))


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

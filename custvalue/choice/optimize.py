"""Maximum likelihood for the conditional logit: scaling, identification, Newton.

The attributes are divided by their within-situation standard deviation before
optimising (a price in 元 and a 0/1 dummy then weigh alike; only differences between
the alternatives of a situation enter the model, so no centring is needed) and the
estimates and covariance are scaled back. Before optimising, a column that never
varies within a situation, or a set of collinear columns, is refused by name — such
coefficients are not identified. Newton's method with step halving (default) uses
the exact Hessian; L-BFGS-B uses the exact gradient. Standard errors are the square
roots of the diagonal of the inverse observed information (the exact Hessian) at the
optimum. A coefficient that runs off to infinity (perfect or quasi-complete
separation: some attribute predicts the choices without error) is caught and
reported with advice instead of returning meaningless numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

from custvalue.choice.likelihood import Array, Blocks, evaluate
from custvalue.exceptions import ConvergenceError, DataValidationError

__all__ = ["LogitFit", "fit_logit", "METHODS"]

METHODS = ("newton", "lbfgs")
#: a coefficient per within-situation standard deviation beyond this means separation
SEPARATION_LIMIT = 25.0


@dataclass(frozen=True)
class LogitFit:
    """The optimum in the original units."""

    beta: Array
    covariance: Array
    log_likelihood: float
    iterations: int


def fit_logit(
    x: Array,
    chosen: Array,
    blocks: Blocks,
    weights: Array,
    names: Sequence[str],
    *,
    method: str = "newton",
    penalizer: float = 0.0,
    max_iter: int = 200,
    tol: float = 1e-10,
) -> LogitFit:
    """Maximise the (optionally ridge-penalised) log-likelihood; see the module docstring.

    The penalty is ``penalizer · Σ β̃²`` on the scaled coefficients β̃ (per within-situation
    standard deviation), so it does not depend on the units of the attributes.

    Raises
    ------
    DataValidationError
        A column that never varies within a situation.
    ConvergenceError
        Collinear columns, separation, or no convergence; ``advice`` says what to do.
    """
    scale = _scales(x, blocks, names)
    z = x / scale
    _check_rank(z, blocks, names)
    if method == "newton":
        beta, iterations = _newton(z, chosen, blocks, weights, penalizer, max_iter, tol, names)
    else:
        beta, iterations = _lbfgs(z, chosen, blocks, weights, penalizer, max_iter, names)
    _check_separation(beta, names, z, chosen, blocks, weights)
    final = evaluate(beta, z, chosen, blocks, weights)
    assert final.hessian is not None
    info = -final.hessian + 2 * penalizer * np.eye(len(beta))
    try:
        cov_z = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        cov_z = np.full_like(info, np.nan)
    covariance: Array = cov_z / np.outer(scale, scale)
    return LogitFit(beta / scale, covariance, final.loglik, iterations)


def _within(x: Array, blocks: Blocks) -> Array:
    """Each column minus its situation mean."""
    sizes = blocks.sizes().astype(np.float64)
    means = np.add.reduceat(x, blocks.starts, axis=0) / sizes[:, None]
    out: Array = x - means[blocks.index]
    return out


def _scales(x: Array, blocks: Blocks, names: Sequence[str]) -> Array:
    dev = _within(x, blocks)
    scale: Array = np.sqrt(np.mean(dev**2, axis=0))
    magnitude = np.max(np.abs(x), axis=0) + 1.0
    for j in np.flatnonzero(scale <= 1e-12 * magnitude):
        raise DataValidationError("choice.constant_attribute", column=names[int(j)])
    return scale


def _check_rank(z: Array, blocks: Blocks, names: Sequence[str]) -> None:
    k = z.shape[1]
    if k == 0:
        return
    dev = _within(z, blocks)
    _, sv, vt = np.linalg.svd(dev, full_matrices=False)
    if sv[-1] > 1e-8 * sv[0] * np.sqrt(len(z)):
        return
    null = vt[-1]
    involved = [names[int(j)] for j in np.flatnonzero(np.abs(null) > 0.05)]
    raise ConvergenceError(
        "choice.collinear",
        columns=", ".join(involved),
        advice="choice.advice_collinear",
    )


def _penalized(
    beta: Array, z: Array, y: Array, blocks: Blocks, w: Array, penalizer: float
) -> tuple[float, Array, Array]:
    ev = evaluate(beta, z, y, blocks, w)
    assert ev.hessian is not None
    k = len(beta)
    ll = ev.loglik - penalizer * float(beta @ beta)
    return ll, ev.gradient - 2 * penalizer * beta, ev.hessian - 2 * penalizer * np.eye(k)


def _newton(
    z: Array,
    y: Array,
    blocks: Blocks,
    w: Array,
    penalizer: float,
    max_iter: int,
    tol: float,
    names: Sequence[str],
) -> tuple[Array, int]:
    beta = np.zeros(z.shape[1])
    ll, grad, hess = _penalized(beta, z, y, blocks, w, penalizer)
    total = float(np.sum(w))
    for iteration in range(1, max_iter + 1):
        try:
            step = np.linalg.solve(-hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(-hess, grad, rcond=None)[0]
        decrement = float(grad @ step)
        if decrement / 2 <= tol * max(total, 1.0):
            return beta, iteration
        t = 1.0
        while t > 1e-12:
            trial = beta + t * step
            ll_new, g_new, h_new = _penalized(trial, z, y, blocks, w, penalizer)
            if np.isfinite(ll_new) and ll_new >= ll - 1e-12 * abs(ll):
                break
            t /= 2
        else:
            break
        beta, ll, grad, hess = trial, ll_new, g_new, h_new
        if np.max(np.abs(beta)) > 4 * SEPARATION_LIMIT:
            return beta, iteration
    _check_separation(beta, names, z, y, blocks, w)
    raise ConvergenceError(
        "choice.no_convergence",
        method="newton",
        iterations=max_iter,
        params=_show(names, beta),
        advice="choice.advice_no_convergence",
    )


def _lbfgs(
    z: Array,
    y: Array,
    blocks: Blocks,
    w: Array,
    penalizer: float,
    max_iter: int,
    names: Sequence[str],
) -> tuple[Array, int]:
    total = max(float(np.sum(w)), 1.0)

    def objective(beta: Array) -> tuple[float, Array]:
        ev = evaluate(beta, z, y, blocks, w, hessian=False)
        value = -(ev.loglik - penalizer * float(beta @ beta)) / total
        return value, -(ev.gradient - 2 * penalizer * beta) / total

    result = minimize(
        objective,
        np.zeros(z.shape[1]),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max(max_iter, 1000), "ftol": 1e-15, "gtol": 1e-10, "maxcor": 30},
    )
    beta: Array = np.asarray(result.x, dtype=np.float64)
    _check_separation(beta, names, z, y, blocks, w)
    if float(np.max(np.abs(objective(beta)[1]), initial=0.0)) > 1e-6:
        raise ConvergenceError(
            "choice.no_convergence",
            method="lbfgs",
            iterations=int(result.nit),
            params=_show(names, beta),
            advice="choice.advice_no_convergence",
        )
    return beta, int(result.nit)


def _check_separation(
    beta: Array, names: Sequence[str], z: Array, y: Array, blocks: Blocks, w: Array
) -> None:
    """Refuse diverging coefficients or a likelihood that reaches 0 (every choice
    predicted with certainty)."""
    runaway = np.flatnonzero(np.abs(beta) > SEPARATION_LIMIT)
    ll = evaluate(beta, z, y, blocks, w, hessian=False).loglik
    if runaway.size or ll > -1e-6 * max(float(np.sum(w)), 1.0):
        columns = [names[int(j)] for j in runaway] or list(names)
        raise ConvergenceError(
            "choice.separation",
            columns=", ".join(columns),
            advice="choice.advice_separation",
        )


def _show(names: Sequence[str], beta: NDArray[np.float64]) -> str:
    return ", ".join(f"{n}={v:.4g}" for n, v in zip(names, beta, strict=True))

"""The conditional logit likelihood, its exact gradient and Hessian, in stable form.

Rows are alternatives, sorted so that each choice situation is one contiguous block
(``starts`` holds the first row of each). With utilities :math:`v_i = x_i'\\beta`,

.. math::

    \\log P_i = v_i - \\log \\sum_{j \\in s(i)} e^{v_j}
    \\qquad (McFadden 1974, eq. 11)

computed with the log-sum-exp shift by the situation's largest utility, so no
exponential overflows whatever the scale of the attributes. With situation weights
:math:`w_s` and chosen flags :math:`y_i` (one per situation),

.. math::

    \\ell = \\sum_i w_{s(i)} y_i \\log P_i, \\qquad
    \\nabla \\ell = \\sum_i w_{s(i)} (y_i - P_i) x_i,

    \\nabla^2 \\ell = -\\sum_s w_s \\sum_{i \\in s} P_i (x_i - \\bar x_s)(x_i - \\bar x_s)',
    \\quad \\bar x_s = \\sum_{i \\in s} P_i x_i

(Train 2009, *Discrete Choice Methods with Simulation*, §3.7). The Hessian is
negative semi-definite: the log-likelihood is concave, so Newton's method from any
start reaches the maximum when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Blocks", "Evaluation", "evaluate", "log_probabilities"]

Array = NDArray[np.float64]
Index = NDArray[np.intp]


@dataclass(frozen=True)
class Blocks:
    """Situation blocks of rows sorted by situation: first rows and row -> block."""

    starts: Index
    index: Index

    @classmethod
    def from_codes(cls, codes: Index) -> Blocks:
        """Blocks of ``codes`` (non-decreasing situation numbers 0..S-1)."""
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]).astype(np.intp)
        index = (np.cumsum(np.r_[False, codes[1:] != codes[:-1]])).astype(np.intp)
        return cls(starts, index)

    @property
    def count(self) -> int:
        return len(self.starts)

    def sizes(self) -> Index:
        """Alternatives per situation."""
        out: Index = np.diff(np.r_[self.starts, len(self.index)]).astype(np.intp)
        return out


def log_probabilities(utility: Array, blocks: Blocks) -> Array:
    """:math:`\\log P_i` by a log-sum-exp per situation (stable for any utilities)."""
    top = np.maximum.reduceat(utility, blocks.starts)
    shifted = utility - top[blocks.index]
    lse = np.log(np.add.reduceat(np.exp(shifted), blocks.starts))
    out: Array = shifted - lse[blocks.index]
    return out


@dataclass(frozen=True)
class Evaluation:
    """Log-likelihood, gradient and (optionally) Hessian at one ``beta``."""

    loglik: float
    gradient: Array
    hessian: Array | None


def evaluate(
    beta: Array,
    x: Array,
    chosen: Array,
    blocks: Blocks,
    weights: Array,
    *,
    hessian: bool = True,
) -> Evaluation:
    """:math:`\\ell`, :math:`\\nabla\\ell` and :math:`\\nabla^2\\ell` (module docstring).

    Parameters
    ----------
    beta
        Coefficients, length ``k``.
    x
        Design matrix, rows sorted by situation, ``(n, k)``.
    chosen
        1.0 for the chosen row of each situation, else 0.0.
    blocks
        The situation blocks of the rows.
    weights
        One weight per situation.
    """
    log_p = log_probabilities(x @ beta, blocks)
    p = np.exp(log_p)
    w_row = weights[blocks.index]
    ll = float(np.sum(w_row * chosen * log_p))
    grad: Array = x.T @ (w_row * (chosen - p))
    hess: Array | None = None
    if hessian:
        xbar = np.add.reduceat(p[:, None] * x, blocks.starts, axis=0)
        hess = -(x * (w_row * p)[:, None]).T @ x + (xbar * weights[:, None]).T @ xbar
        hess = (hess + hess.T) / 2
    return Evaluation(ll, grad, hess)

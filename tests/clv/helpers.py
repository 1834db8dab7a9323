"""Shared checks for the model tests."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def assert_gradient_exact(
    loglik: Callable[[Array, dict[str, Array]], tuple[Array, Array]],
    theta: Array,
    cols: dict[str, Array],
    *,
    atol: float = 1e-8,
) -> None:
    """The per-row gradient of ``loglik`` equals central finite differences."""
    _, grad = loglik(theta, cols)
    for j in range(len(theta)):
        h = 1e-6 * theta[j]
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        numeric = (loglik(up, cols)[0] - loglik(down, cols)[0]) / (2 * h)
        np.testing.assert_allclose(grad[:, j], numeric, rtol=1e-5, atol=atol)

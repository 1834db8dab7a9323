"""Log-likelihood, gradient and Hessian: by hand on two situations, and against
finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest

from custvalue.choice.likelihood import Blocks, evaluate, log_probabilities

X = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [2.0, 1.0], [1.0, 0.0]])
Y = np.array([1.0, 0.0, 0.0, 0.0, 1.0])
BLOCKS = Blocks.from_codes(np.array([0, 0, 0, 1, 1], dtype=np.intp))
W = np.ones(2)
BETA = np.array([0.5, -1.0])


def _by_hand() -> tuple[float, np.ndarray, np.ndarray]:
    """Utilities s1: 0.5, −1, 0 (A chosen); s2: 0, 0.5 (B chosen)."""
    d1 = math.exp(0.5) + math.exp(-1.0) + 1.0
    p1 = [math.exp(0.5) / d1, math.exp(-1.0) / d1, 1.0 / d1]
    d2 = 1.0 + math.exp(0.5)
    p2 = [1.0 / d2, math.exp(0.5) / d2]
    ll = (0.5 - math.log(d1)) + (0.5 - math.log(d2))
    xs1, xs2 = X[:3], X[3:]
    mean1 = sum(p * x for p, x in zip(p1, xs1, strict=True))
    mean2 = sum(p * x for p, x in zip(p2, xs2, strict=True))
    grad = (xs1[0] - mean1) + (xs2[1] - mean2)
    hess = -sum(p * np.outer(x - mean1, x - mean1) for p, x in zip(p1, xs1, strict=True))
    hess = hess - sum(p * np.outer(x - mean2, x - mean2) for p, x in zip(p2, xs2, strict=True))
    return ll, np.asarray(grad), np.asarray(hess)


def test_loglik_matches_hand_computation() -> None:
    ll, grad, hess = _by_hand()
    ev = evaluate(BETA, X, Y, BLOCKS, W)
    assert ev.loglik == pytest.approx(-1.078207589516835, abs=1e-12)
    assert ev.loglik == pytest.approx(ll, abs=1e-12)
    np.testing.assert_allclose(ev.gradient, grad, atol=1e-12)
    assert ev.hessian is not None
    np.testing.assert_allclose(ev.hessian, hess, atol=1e-12)


def test_gradient_and_hessian_match_finite_differences() -> None:
    rng = np.random.default_rng(3)
    codes = np.repeat(np.arange(40), 4).astype(np.intp)
    blocks = Blocks.from_codes(codes)
    x = rng.normal(size=(160, 3))
    y = np.zeros(160)
    y[np.arange(40) * 4 + rng.integers(0, 4, 40)] = 1.0
    w = rng.uniform(0.5, 2.0, 40)
    beta = np.array([0.3, -0.7, 1.1])
    ev = evaluate(beta, x, y, blocks, w)
    h = 1e-6
    num_grad = np.zeros(3)
    num_hess = np.zeros((3, 3))
    for j in range(3):
        e = np.zeros(3)
        e[j] = h
        up, down = evaluate(beta + e, x, y, blocks, w), evaluate(beta - e, x, y, blocks, w)
        num_grad[j] = (up.loglik - down.loglik) / (2 * h)
        num_hess[:, j] = (up.gradient - down.gradient) / (2 * h)
    np.testing.assert_allclose(ev.gradient, num_grad, rtol=1e-6, atol=1e-6)
    assert ev.hessian is not None
    np.testing.assert_allclose(ev.hessian, num_hess, rtol=1e-5, atol=1e-6)


def test_weights_multiply_each_situation() -> None:
    single = evaluate(BETA, X, Y, BLOCKS, W)
    double = evaluate(BETA, X, Y, BLOCKS, np.array([2.0, 2.0]))
    assert double.loglik == pytest.approx(2 * single.loglik)


def test_log_probabilities_are_stable_for_huge_utilities() -> None:
    v = np.array([1e6, 1e6 - 1.0, -1e6, 800.0, 799.0])
    logp = log_probabilities(v, BLOCKS)
    assert np.all(np.isfinite(logp))
    p = np.exp(logp)
    assert p[0] == pytest.approx(1 / (1 + math.exp(-1)))
    assert p[3] == pytest.approx(1 / (1 + math.exp(-1)))

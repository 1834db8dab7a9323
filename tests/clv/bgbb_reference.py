"""The BG/BB log-likelihood as first written (one row per history, one column per
possible death opportunity): the oracle of the vectorised implementation on small data,
and the "before" of bench/bench_bgbb.py."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.special import betaln, digamma

Array = NDArray[np.float64]


def _dbeta(a: Array, b: Array) -> tuple[Array, Array]:
    both = digamma(a + b)
    return digamma(a) - both, digamma(b) - both


def _terms(theta: Array, x: Array, tx: Array, n: Array) -> tuple[Array, Array, Array]:
    al, be, ga, de = (float(v) for v in theta)
    gap = (n - tx).astype(np.int64)
    width = 1 + int(gap.max()) if len(gap) else 1
    i = np.arange(width - 1, dtype=np.float64)[None, :]
    a_p = np.column_stack([al + x, np.broadcast_to((al + x)[:, None], (len(x), width - 1))])
    b_p = np.column_stack([be + n - x, be + tx[:, None] - x[:, None] + i])
    a_t = np.column_stack([np.full(len(x), ga), np.full((len(x), width - 1), ga + 1)])
    b_t = np.column_stack([de + n, de + tx[:, None] + i])
    valid = np.column_stack([np.ones(len(x), bool), i < gap[:, None]])
    log_terms = betaln(a_p, b_p) - betaln(al, be) + betaln(a_t, b_t) - betaln(ga, de)
    log_terms = np.where(valid, log_terms, -np.inf)
    return log_terms, np.stack([a_p, b_p, a_t, b_t]), valid


def reference_loglik(theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
    """(ℓ per row, gradient per row) of the BG/BB model, term by term."""
    al, be, ga, de = (float(v) for v in theta)
    log_terms, (a_p, b_p, a_t, b_t), valid = _terms(theta, cols["x"], cols["tx"], cols["n"])
    top = log_terms.max(axis=1, keepdims=True)
    weights = np.where(valid, np.exp(log_terms - top), 0.0)
    total = weights.sum(axis=1)
    ll = np.log(total) + top[:, 0]
    share = weights / total[:, None]
    dap, dbp = _dbeta(a_p, b_p)
    dat, dbt = _dbeta(a_t, b_t)
    d_al0, d_be0 = _dbeta(np.array(al), np.array(be))
    d_ga0, d_de0 = _dbeta(np.array(ga), np.array(de))
    d_al = (share * np.where(valid, dap, 0)).sum(axis=1) - d_al0
    d_be = (share * np.where(valid, dbp, 0)).sum(axis=1) - d_be0
    d_ga = (share * np.where(valid, dat, 0)).sum(axis=1) - d_ga0
    d_de = (share * np.where(valid, dbt, 0)).sum(axis=1) - d_de0
    return ll, np.stack([d_al, d_be, d_ga, d_de], axis=1)

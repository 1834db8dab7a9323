"""The estimator interface shared by the purchase models (scikit-learn style)."""

from __future__ import annotations

from typing import Any, Self

import numpy as np
import polars as pl
from numpy.typing import NDArray

from custvalue._validation import check_columns
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import (
    Array,
    Compressed,
    LogLik,
    LogLikHessian,
    Objective,
    compress,
    maximize,
)
from custvalue.exceptions import ConvergenceError, DataValidationError

__all__ = ["PurchaseModel", "check_rfm", "compress_rfm", "predict_unique"]

_WARM_ROWS = 20_000


def check_rfm(
    frequency: Any, recency: Any, T: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Validate (x, t_x, T): x whole and ≥ 0, 0 ≤ t_x ≤ T, T > 0, t_x = 0 when x = 0.

    x = repeat purchases, t_x = the customer's age at the last purchase, T = their age at
    the end of the observation (both from the first purchase). Returns (x, t_x, T) as
    arrays (t_x capped at T).
    """
    x = np.asarray(frequency, dtype=np.float64)
    tx = np.asarray(recency, dtype=np.float64)
    age = np.asarray(T, dtype=np.float64)
    x, tx, age = np.broadcast_arrays(x, tx, age)
    checks = [
        (~np.isfinite(x) | ~np.isfinite(tx) | ~np.isfinite(age), "clv.not_finite"),
        ((x < 0) | (x != np.round(x)), "clv.bad_frequency"),
        ((tx < 0) | (tx > age + 1e-9), "clv.bad_recency"),
        (age <= 0, "clv.bad_T"),
        ((x == 0) & (tx > 1e-9), "clv.recency_without_repeat"),
    ]
    for mask, code in checks:
        if mask.any():
            i = int(np.argmax(mask))
            raise DataValidationError(
                code,
                index=i,
                count=int(mask.sum()),
                x=float(x[i]),
                t_x=float(tx[i]),
                T=float(age[i]),
            )
    return x, np.minimum(tx, age), age


def compress_rfm(summary: pl.DataFrame, frequency: str, recency: str, T: str) -> Compressed:
    """The unique valid (x, t_x, T) rows of ``summary`` with their counts.

    Grouping comes first and only the unique rows are validated — the same check, on a
    few hundred thousand rows instead of millions; when one fails, the input is checked
    row by row so that the error names its first bad row.
    """
    names = {frequency: "x", recency: "tx", T: "T"}
    if not all(summary[c].dtype.is_numeric() for c in names):
        x, tx, age = check_rfm(summary[frequency], summary[recency], summary[T])
        return compress(pl.DataFrame({"x": x, "tx": tx, "T": age}), ["x", "tx", "T"])
    frame = summary.select(pl.col(c).cast(pl.Float64).alias(a) for c, a in names.items())
    data = compress(frame, ["x", "tx", "T"])
    try:
        x, tx, age = check_rfm(data.columns["x"], data.columns["tx"], data.columns["T"])
    except DataValidationError:
        check_rfm(summary[frequency], summary[recency], summary[T])
        raise
    return Compressed(columns={"x": x, "tx": tx, "T": age}, weights=data.weights, n=data.n)


def predict_unique(model: Any, summary: pl.DataFrame, *, horizon: float) -> pl.DataFrame:
    """P(alive) and expected purchases in the next ``horizon`` units (conditional on each
    customer's history), computed once per distinct history."""
    check_columns(summary, ["frequency", "recency", "T"], frame_name="summary")
    keys = summary.select(
        pl.col("frequency").cast(pl.Float64),
        pl.col("recency").cast(pl.Float64),
        pl.col("T").cast(pl.Float64),
    )
    unique = keys.unique()
    x, tx, age = (unique[c].to_numpy() for c in ("frequency", "recency", "T"))
    unique = unique.with_columns(
        pl.Series("p_alive", model.conditional_probability_alive(x, tx, age)),
        pl.Series("expected_purchases", model.expected_purchases(x, tx, age, horizon=horizon)),
    )
    out = keys.join(unique, on=["frequency", "recency", "T"], how="left", maintain_order="left")
    out = out.select("p_alive", "expected_purchases")
    if "customer_id" in summary.columns:
        out = out.insert_column(0, summary["customer_id"])
    return out


def _sample(data: Compressed, size: int) -> Compressed:
    """About ``size`` unique rows, row i kept with probability p_i = min(1, c·w_i) and
    weighted w_i / p_i (Horvitz–Thompson): the sample's log-likelihood and gradient are
    unbiased for the full ones, and the histories shared by many customers — which
    carry most of the likelihood — are always in."""
    w = data.weights
    low, high = 0.0, float(size) / float(w.min())
    for _ in range(60):  # c with Σ min(1, c·w) = size
        c = (low + high) / 2
        if float(np.minimum(1.0, c * w).sum()) < size:
            low = c
        else:
            high = c
    p = np.minimum(1.0, high * w)
    keep = np.random.default_rng(0).random(len(w)) < p
    return Compressed(
        columns={k: v[keep] for k, v in data.columns.items()},
        weights=w[keep] / p[keep],
        n=data.n,
    )


class PurchaseModel(FittedModel):
    """Base of the repeat-purchase models: fit on (frequency, recency, T)."""

    # --- to implement -------------------------------------------------------------
    def _loglik(self, theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        raise NotImplementedError

    def _start(self, data: Compressed) -> Array:
        return np.ones(len(self.param_names))

    def _hessian_fn(self) -> LogLikHessian | None:
        """``(θ, columns, weights) -> (ℓ, gradient, Hessian)`` as weighted sums, if the
        model has an analytic Hessian."""
        return None

    # --- fitting ------------------------------------------------------------------
    def fit(
        self,
        summary: pl.DataFrame,
        *,
        frequency: str = "frequency",
        recency: str = "recency",
        T: str = "T",
    ) -> Self:
        """Maximum likelihood on the unique (x, t_x, T) rows of ``summary``."""
        check_columns(summary, [frequency, recency, T], frame_name="summary")
        if summary.height == 0:
            raise DataValidationError("clv.empty_summary")
        data = compress_rfm(summary, frequency, recency, T)
        loglik: LogLik = self._loglik
        hessian_fn = self._hessian_fn()
        start = self._start(data)
        hessian, warm = None, False
        if len(data.weights) > _WARM_ROWS:
            # a warm start from a sample of the histories: the full fit then needs only a
            # few quasi-Newton steps over all of them
            sample = _sample(data, _WARM_ROWS)
            try:
                start = maximize(
                    loglik,
                    sample,
                    start,
                    self.param_names,
                    model=self.name,
                    penalizer=self.penalizer,
                    covariance=False,
                    hessian_fn=hessian_fn,
                    newton=hessian_fn is not None,  # L-BFGS-B where it is not convex
                ).params
                warm = True
                if hessian_fn is None:
                    # its curvature, for quasi-Newton steps on all the histories
                    with np.errstate(all="ignore"):
                        objective = Objective(loglik, sample, self.penalizer)
                        hessian = objective.hessian(np.log(start))
                    if not np.all(np.isfinite(hessian)):
                        hessian = None
            except ConvergenceError:
                pass  # the full fit starts from the default instead
        result = maximize(
            loglik,
            data,
            start,
            self.param_names,
            model=self.name,
            penalizer=self.penalizer,
            hessian=hessian,
            hessian_fn=hessian_fn,
            newton=warm,
        )
        self._store(result, data.n)
        self.n_unique_ = len(data.weights)
        return self

    def _extra(self) -> dict[str, Any]:
        return {"unique_histories": self.n_unique_}

"""The estimator interface shared by the purchase models (scikit-learn style)."""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from numpy.typing import NDArray

from custvalue._validation import check_columns, check_numbers
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

__all__ = [
    "PurchaseModel",
    "broadcast",
    "check_purchase_model",
    "check_horizon",
    "check_rfm",
    "compress_rfm",
    "finite",
    "numbers",
    "predict_unique",
]

_WARM_ROWS = 20_000


def check_rfm(
    frequency: Any, recency: Any, T: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Validate (x, t_x, T): x whole and ≥ 0, 0 ≤ t_x ≤ T, T > 0, t_x = 0 when x = 0.

    x = repeat purchases, t_x = the customer's age at the last purchase, T = their age at
    the end of the observation (both from the first purchase). Returns (x, t_x, T) as
    arrays (t_x capped at T).
    """
    x, tx, age = broadcast(frequency=frequency, recency=recency, T=T)
    # tolerances relative to T: the check does not depend on the time unit
    with np.errstate(invalid="ignore"):
        checks = [
            (~np.isfinite(x) | ~np.isfinite(tx) | ~np.isfinite(age), "clv.not_finite"),
            ((x < 0) | (x != np.round(x)), "clv.bad_frequency"),
            ((tx < 0) | (tx - age > 1e-9 * age), "clv.bad_recency"),
            (age <= 0, "clv.bad_T"),
            ((x == 0) & (tx > 1e-9 * age), "clv.recency_without_repeat"),
        ]
    for mask, code in checks:
        if mask.any():
            i = int(np.argmax(mask))
            raise DataValidationError(
                code,
                index=i,
                count=int(mask.sum()),
                x=float(x.flat[i]),
                t_x=float(tx.flat[i]),
                T=float(age.flat[i]),
            )
    return x, np.minimum(tx, age), age


def broadcast(**arrays: Any) -> list[NDArray[np.float64]]:
    """The named values as float arrays of one shape (numbers broadcast to the others);
    values that are not numbers, or arrays of different lengths, are refused."""
    values = []
    for name, value in arrays.items():
        try:
            values.append(np.asarray(value, dtype=np.float64))
        except (TypeError, ValueError):
            check_numbers(name, value)  # names the first value that is not a number
            raise
    try:
        return list(np.broadcast_arrays(*values))
    except ValueError:
        raise DataValidationError(
            "clv.mismatched_lengths",
            lengths=", ".join(f"{n}: {v.size}" for n, v in zip(arrays, values, strict=True)),
        ) from None


def finite(values: Any) -> NDArray[np.float64]:
    """``values`` as a float array if every one is a number; else the prediction is
    beyond floating point (values too extreme), said in words (``clv.cannot_compute``)."""
    out = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(out)):
        i = int(np.argmax(~np.isfinite(out)))
        raise ConvergenceError("clv.cannot_compute", index=i, value=float(out.flat[i]))
    return out


def numbers(frame: pl.DataFrame, name: str) -> NDArray[np.float64]:
    """Column ``name`` of ``frame`` as floats (missing values as NaN); a column of text,
    booleans or other values that are not numbers is refused, naming its first value."""
    series = frame[name]
    if not series.dtype.is_numeric():
        present = series.drop_nulls()
        check_numbers(name, present[:1].to_list() if present.len() else [None])
    return series.cast(pl.Float64).fill_null(np.nan).to_numpy()


def check_horizon(horizon: Any, shape: tuple[int, ...] = ()) -> NDArray[np.float64]:
    """``horizon`` (time units ahead: a number, or one per customer) as an array of
    ``shape``: finite and ≥ 0."""
    ahead = check_numbers("horizon", horizon, minimum=0)
    try:
        return np.broadcast_to(ahead, np.broadcast_shapes(ahead.shape, shape))
    except ValueError:
        raise DataValidationError(
            "clv.mismatched_lengths", lengths=f"horizon: {ahead.size}, customers: {np.prod(shape)}"
        ) from None


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
    for name in ("frequency", "recency", "T"):
        numbers(summary, name)  # refuses columns that do not hold numbers
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


def check_purchase_model(model: Any, name: str = "model") -> PurchaseModel:
    """``model`` if it is a fitted BG/NBD, MBG/NBD or Pareto/NBD model."""
    if not isinstance(model, PurchaseModel):
        raise DataValidationError(
            "clv.not_a_model",
            name=name,
            expected="BG/NBD, MBG/NBD or Pareto/NBD",
            got=type(model).__name__,
        )
    model._p()  # refuses an unfitted model
    return model


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
    #: the parameters in time units: "purchase" for the scale of the purchase rates
    #: (α), "lifetime" for that of the lifetimes (β of Pareto/NBD), "" for the others.
    #: The fit runs on times divided by the customers' mean T and scales them back; the
    #: bounds of a degenerate fit take the scale of purchase rates relative to the mean
    #: time between purchases, T / (1 + x), the others relative to T.
    _time_params: ClassVar[tuple[str, ...]] = ()

    def fit(
        self,
        summary: pl.DataFrame,
        *,
        frequency: str = "frequency",
        recency: str = "recency",
        T: str = "T",
    ) -> Self:
        """Maximum likelihood on the unique (x, t_x, T) rows of ``summary``.

        Times are divided by the customers' mean T for the fit (and the time-scale
        parameters multiplied back): the estimates, the bounds that refuse a
        degenerate fit and the penalty do not depend on the time unit. Data in which
        no customer made a repeat purchase cannot identify the model: without a
        penalizer (of at least 10⁻⁹ per customer) the fit is refused
        (``clv.degenerate``).
        """
        penalizer = self._penalizer()
        check_columns(summary, [frequency, recency, T], frame_name="summary")
        if summary.height == 0:
            raise DataValidationError("clv.empty_summary")
        data = compress_rfm(summary, frequency, recency, T)
        w, x = data.weights, data.columns["x"]
        longest = float(data.columns["T"].max())
        unit = longest * (float(w @ (data.columns["T"] / longest)) / float(w.sum()))  # mean T
        data = Compressed(
            columns={"x": x, "tx": data.columns["tx"] / unit, "T": data.columns["T"] / unit},
            weights=w,
            n=data.n,
        )
        kinds = np.array(self._time_params)
        scale = np.where(kinds != "", unit, 1.0)
        sizes = np.where(kinds == "purchase", float(w.sum()) / float(w.sum() + w @ x), 1.0)
        # the likelihood of times in the other unit: (x purchase times) ⇒ − x ln(unit)
        ll_offset = -float(w @ x) * float(np.log(unit))
        identified = bool(np.any(x > 0))
        loglik: LogLik = self._loglik
        hessian_fn = self._hessian_fn()
        start = self._start(data)
        hessian, warm = None, False
        if identified and len(data.weights) > _WARM_ROWS:
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
                    penalizer=penalizer,
                    covariance=False,
                    hessian_fn=hessian_fn,
                    newton=hessian_fn is not None,  # L-BFGS-B where it is not convex
                ).params
                warm = True
                if hessian_fn is None:
                    # its curvature, for quasi-Newton steps on all the histories
                    with np.errstate(all="ignore"):
                        objective = Objective(loglik, sample, penalizer)
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
            penalizer=penalizer,
            hessian=hessian,
            hessian_fn=hessian_fn,
            newton=warm,
            scale=scale,
            sizes=sizes,
            ll_offset=ll_offset,
            identified=identified,
        )
        self._store(result, int(data.n))
        self.n_unique_ = len(data.weights)
        return self

    def _extra(self) -> dict[str, Any]:
        return {"unique_histories": self.n_unique_}

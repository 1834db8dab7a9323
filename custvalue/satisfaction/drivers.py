"""Key-driver analysis: how much each attribute's rating accounts for an outcome
(overall satisfaction, the NPS answer), when the attributes are correlated.

* **Relative weights** (Johnson 2000, "A heuristic method for estimating the relative
  weight of predictor variables in multiple regression", *Multivariate Behavioral
  Research* 35(1), 1–19): the predictors are replaced by their closest orthogonal
  counterparts Z = X·R⁻½ (R the predictors' correlations), the outcome regressed on
  Z (β = Λ⁻¹·r, Λ = R½) and each predictor's weight is εⱼ = Σₖ Λⱼₖ²·βₖ². The weights
  sum to the model's R².
* **Shapley regression** (Lipovetsky & Conklin 2001, *Applied Stochastic Models in
  Business and Industry* 17(4)): each predictor's Shapley value of R² over every
  subset of the others, exact (2ᵖ subsets: up to :data:`SHAPLEY_MAX` attributes).
  Also sums to R²; the two usually agree closely.

Beside them the OLS coefficients of the raw ratings with their t tests: a driver whose
coefficient is not significant at ``alpha`` is flagged (its weight is kept, and a
reader should not act on it alone). Answers with a blank in any column are left out
(listwise) and counted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import ResultDict, require_columns

__all__ = ["SHAPLEY_MAX", "KeyDrivers", "key_drivers", "relative_weights", "shapley_r2"]

#: the most attributes the exact Shapley regression takes (2ᵖ regressions)
SHAPLEY_MAX = 15


@dataclass(frozen=True)
class KeyDrivers(ResultDict):
    """``drivers``: ``attribute, weight`` (its part of R²), ``share`` (of R², 0–1),
    ``coefficient``, ``p_value``, ``significant``, most important first; the model's
    ``r2``, ``n`` used, ``dropped`` (answers with a blank) and the method."""

    drivers: pl.DataFrame
    outcome: str
    method: str
    r2: float
    adjusted_r2: float
    n: int
    dropped: int
    alpha: float

    @property
    def not_significant(self) -> list[str]:
        return [str(a) for a in self.drivers.filter(~pl.col("significant"))["attribute"]]


def _correlations(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    full = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    return full[:-1, :-1], full[:-1, -1]


def relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Johnson's relative weights from the predictors' correlations ``rxx`` and their
    correlations with the outcome ``rxy`` (they sum to R²)."""
    values, vectors = np.linalg.eigh(rxx)
    if values.min() <= 1e-10 * max(values.max(), 1.0):
        raise DataValidationError("satisfaction.collinear")
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    beta = np.linalg.solve(root, rxy)
    return (root**2) @ (beta**2)  # type: ignore[no-any-return]


def _r2(rxx: np.ndarray, rxy: np.ndarray, subset: Sequence[int]) -> float:
    if not subset:
        return 0.0
    idx = list(subset)
    r = rxy[idx]
    return float(r @ np.linalg.solve(rxx[np.ix_(idx, idx)], r))


def shapley_r2(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Each predictor's exact Shapley value of R² (sums to the full model's R²)."""
    p = len(rxy)
    if p > SHAPLEY_MAX:
        raise DataValidationError("satisfaction.shapley_too_many", count=p, most=SHAPLEY_MAX)
    r2: dict[tuple[int, ...], float] = {(): 0.0}
    for size in range(1, p + 1):
        for subset in itertools.combinations(range(p), size):
            r2[subset] = _r2(rxx, rxy, subset)
    out = np.zeros(p)
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for size in range(p):
            weight = math.factorial(size) * math.factorial(p - size - 1) / math.factorial(p)
            for subset in itertools.combinations(others, size):
                with_j = tuple(sorted((*subset, j)))
                out[j] += weight * (r2[with_j] - r2[subset])
    return out


def key_drivers(
    frame: pl.DataFrame,
    *,
    outcome: str,
    attributes: Sequence[str] | None = None,
    method: Literal["relative_weights", "shapley"] = "relative_weights",
    alpha: float = 0.05,
) -> KeyDrivers:
    """The drivers of ``outcome`` among ``attributes`` (default: every other numeric
    column), one row of ``frame`` per respondent."""
    from scipy.stats import t as student

    from custvalue._validation import check_choice, check_number

    method = check_choice("method", method, ("relative_weights", "shapley"))
    alpha = check_number("alpha", alpha, above=0, below=1)
    require_columns(frame, [outcome])
    names = (
        list(attributes)
        if attributes is not None
        else [c for c in frame.columns if c != outcome and frame.schema[c].is_numeric()]
    )
    unknown = [c for c in names if c not in frame.columns]
    if unknown:
        raise DataValidationError(
            "satisfaction.missing_columns",
            columns=", ".join(unknown),
            have=", ".join(frame.columns),
        )
    if len(names) < 2:
        raise DataValidationError("satisfaction.too_few_drivers", count=len(names))
    data = frame.select([pl.col(c).cast(pl.Float64, strict=False) for c in [*names, outcome]])
    complete = data.drop_nulls().drop_nans()
    n, p = complete.height, len(names)
    if n < p + 2:
        raise DataValidationError("satisfaction.too_few_answers", n=n, needed=p + 2)
    x = complete.select(names).to_numpy()
    y = complete[outcome].to_numpy()
    constant = [names[j] for j in range(p) if np.ptp(x[:, j]) == 0]
    if constant or np.ptp(y) == 0:
        raise DataValidationError("satisfaction.constant_column", column=(constant or [outcome])[0])
    rxx, rxy = _correlations(x, y)
    weights = relative_weights(rxx, rxy) if method == "relative_weights" else shapley_r2(rxx, rxy)
    design = np.column_stack([np.ones(n), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    dof = n - p - 1
    sigma2 = float(residual @ residual) / dof
    cov = sigma2 * np.linalg.inv(design.T @ design)
    t_stats = coef[1:] / np.sqrt(np.diag(cov)[1:])
    p_values = 2 * student.sf(np.abs(t_stats), dof)
    r2 = float(1 - (residual @ residual) / float(((y - y.mean()) ** 2).sum()))
    drivers = pl.DataFrame(
        {
            "attribute": names,
            "weight": weights,
            "share": weights / weights.sum() if weights.sum() > 0 else weights,
            "coefficient": coef[1:],
            "p_value": p_values,
            "significant": p_values < alpha,
        }
    ).sort("weight", descending=True)
    return KeyDrivers(
        drivers=drivers,
        outcome=outcome,
        method=method,
        r2=r2,
        adjusted_r2=1 - (1 - r2) * (n - 1) / dof,
        n=n,
        dropped=frame.height - n,
        alpha=alpha,
    )

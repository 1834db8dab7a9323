"""CSAT and CES: the mean and the top-box share of a rating, with intervals, and the
change between two samples.

* **CSAT** (1–5): the share satisfied is the share answering 4 or 5 ("top two box"),
  shown as a percentage; the mean beside it.
* **CES** (Customer Effort Score): CES 2.0 asks "the company made it easy…" on 1–7
  (agree = easy), whose share is 5–7; the legacy CES (Dixon et al. 2010) asked the
  effort on 1–5, where *low* is good, so its share "easy" is 1–2 and a lower mean is better.

Intervals: Wilson's score interval for the share (Wilson 1927; good coverage at small n
and near 0 or 1), Student's t for the mean. Change: two-proportion z test (pooled) for
the share, Welch's t test for the mean; "significant" when p < 1 − confidence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import (
    SMALL_SAMPLE,
    ResultDict,
    answers,
    two_sided_p,
    z_value,
)

__all__ = ["ScoreChange", "ScoreResult", "ces", "csat", "score_change"]

Measure = Literal["csat", "ces", "ces_legacy"]

#: per measure: (lowest, highest answer, the answers counted in the share)
SCALES: dict[str, tuple[int, int, tuple[int, ...]]] = {
    "csat": (1, 5, (4, 5)),
    "ces": (1, 7, (5, 6, 7)),
    "ces_legacy": (1, 5, (1, 2)),
}


@dataclass(frozen=True)
class ScoreResult(ResultDict):
    """One rating summed up: ``share`` (0–1) answering in the top box with its Wilson
    interval, the ``mean`` with its t interval, and the answers per scale point."""

    measure: str
    n: int
    missing: int
    scale_low: int
    scale_high: int
    share: float
    share_low: float
    share_high: float
    mean: float
    mean_low: float
    mean_high: float
    sd: float
    confidence: float
    small_sample: bool
    counts: dict[int, int]


def _summary(values: np.ndarray, missing: int, measure: str, confidence: float) -> ScoreResult:
    from scipy.stats import t as student

    low, high, top = SCALES[measure]
    n = int(values.size)
    hits = int(np.isin(values, top).sum())
    z = z_value(confidence)
    share = hits / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    mean = float(values.mean())
    sd = float(values.std(ddof=1)) if n > 1 else float("nan")
    t_half = (
        float(student.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n) if n > 1 else math.nan
    )
    return ScoreResult(
        measure=measure,
        n=n,
        missing=missing,
        scale_low=low,
        scale_high=high,
        share=share,
        share_low=max(0.0, centre - half),
        share_high=min(1.0, centre + half),
        mean=mean,
        mean_low=mean - t_half,
        mean_high=mean + t_half,
        sd=sd,
        confidence=float(confidence),
        small_sample=n < SMALL_SAMPLE,
        counts={k: int((values == k).sum()) for k in range(low, high + 1)},
    )


def csat(scores: Iterable[Any] | pl.Series, *, confidence: float = 0.95) -> ScoreResult:
    """CSAT of answers 1–5: the share satisfied (4–5) and the mean.

    >>> round(csat([5, 4, 4, 3, 2, 5, 5, 1]).share, 3)
    0.625
    """
    given = answers(scores, low=1, high=5, what="csat")
    return _summary(given.values, given.missing, "csat", confidence)


def ces(
    scores: Iterable[Any] | pl.Series, *, scale: int = 7, confidence: float = 0.95
) -> ScoreResult:
    """CES of answers 1–7 (CES 2.0, share 5–7 "easy") or, with ``scale=5``, the legacy
    1–5 effort question (share 1–2 "easy"; lower is better)."""
    if scale not in (5, 7):
        raise DataValidationError("satisfaction.bad_ces_scale", value=scale)
    measure = "ces" if scale == 7 else "ces_legacy"
    low, high, _ = SCALES[measure]
    given = answers(scores, low=low, high=high, what="ces")
    return _summary(given.values, given.missing, measure, confidence)


@dataclass(frozen=True)
class ScoreChange(ResultDict):
    """``after`` − ``before``: of the share (points, 0–1) with its z test, and of the mean
    with Welch's t test; each flagged significant only when its p < 1 − confidence."""

    share_difference: float
    share_p_value: float
    share_significant: bool
    mean_difference: float
    mean_p_value: float
    mean_significant: bool


def score_change(
    before: ScoreResult, after: ScoreResult, *, confidence: float = 0.95
) -> ScoreChange:
    """Whether the share or the mean moved between two independent samples."""
    from scipy.stats import t as student

    if before.measure != after.measure:
        raise DataValidationError(
            "satisfaction.different_measures", before=before.measure, after=after.measure
        )
    z_value(confidence)  # checks it
    alpha = 1 - confidence
    hits = before.share * before.n + after.share * after.n
    pooled = hits / (before.n + after.n)
    se = math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n))
    diff = after.share - before.share
    share_p = two_sided_p(diff / se) if se > 0 else (1.0 if diff == 0 else 0.0)
    vb, va = before.sd**2 / before.n, after.sd**2 / after.n
    mean_diff = after.mean - before.mean
    if before.n > 1 and after.n > 1 and va + vb > 0:
        t_stat = mean_diff / math.sqrt(va + vb)
        dof = (va + vb) ** 2 / (vb**2 / (before.n - 1) + va**2 / (after.n - 1))
        mean_p = float(2 * student.sf(abs(t_stat), dof))
    else:
        mean_p = float("nan")
    return ScoreChange(
        share_difference=diff,
        share_p_value=share_p,
        share_significant=bool(share_p < alpha),
        mean_difference=mean_diff,
        mean_p_value=mean_p,
        mean_significant=bool(mean_p < alpha),
    )

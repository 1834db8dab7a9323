"""Net Promoter Score (Reichheld 2003) with its interval, and the change between two.

Answers 0–10 to "how likely are you to recommend us?": promoters 9–10, passives 7–8,
detractors 0–6; NPS = % promoters − % detractors, from −100 to 100.

**Interval**: the adjusted Wald of Rocks (2016, "Interval estimation for the 'Net
Promoter Score'", *The American Statistician* 70(4), 365–372), the best of the methods
compared there in coverage (as also found on real data by Lewis & Sauro, 2021): add
¾ to the promoters and to the detractors and 3 to n, then

    p̃ = (promoters + ¾) / (n + 3),  d̃ = (detractors + ¾) / (n + 3)
    NPS̃ = p̃ − d̃,  var = (p̃ + d̃ − (p̃ − d̃)²) / (n + 3)
    interval = NPS̃ ± z·√var, clipped to [−1, 1], shown ×100

(the NPS is the mean of a variable worth +1, 0, −1, whose variance is p + d − (p − d)²).
Below 30 answers the result says the sample is small.

**Change** between two independent samples (two waves, two segments): the difference of
the two NPS, its standard error √(var₁ + var₂) from the same adjusted proportions, a
two-sided z test; "significant" only when p < 1 − confidence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from custvalue.satisfaction._common import (
    SMALL_SAMPLE,
    ResultDict,
    answers,
    two_sided_p,
    z_value,
)

__all__ = ["NPSChange", "NPSResult", "nps", "nps_change", "nps_from_counts"]

#: the pseudo-counts of the adjusted Wald interval (Rocks 2016)
ADD_EACH, ADD_N = 0.75, 3.0


@dataclass(frozen=True)
class NPSResult(ResultDict):
    """An NPS with its counts, shares (0–1), the score (−100…100) and its interval."""

    n: int
    promoters: int
    passives: int
    detractors: int
    missing: int
    score: float
    low: float
    high: float
    confidence: float
    small_sample: bool

    @property
    def promoter_share(self) -> float:
        return self.promoters / self.n

    @property
    def passive_share(self) -> float:
        return self.passives / self.n

    @property
    def detractor_share(self) -> float:
        return self.detractors / self.n

    @property
    def variance(self) -> float:
        """The adjusted variance of the NPS as a fraction (−1…1), over n + 3."""
        p, d = _adjusted(self.promoters, self.detractors, self.n)
        return (p + d - (p - d) ** 2) / (self.n + ADD_N)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.update(
            promoter_share=self.promoter_share,
            passive_share=self.passive_share,
            detractor_share=self.detractor_share,
        )
        return out


def _adjusted(promoters: int, detractors: int, n: int) -> tuple[float, float]:
    return (promoters + ADD_EACH) / (n + ADD_N), (detractors + ADD_EACH) / (n + ADD_N)


def nps(scores: Iterable[Any] | pl.Series, *, confidence: float = 0.95) -> NPSResult:
    """The NPS of answers 0–10 (blanks left out and counted as ``missing``).

    >>> r = nps([10, 9, 9, 8, 7, 6, 3, 10, 10, 9])
    >>> r.score, r.promoters, r.detractors
    (40.0, 6, 2)
    """
    given = answers(scores, low=0, high=10, what="nps")
    values = given.values
    promoters = int((values >= 9).sum())
    detractors = int((values <= 6).sum())
    return nps_from_counts(
        promoters=promoters,
        passives=given.n - promoters - detractors,
        detractors=detractors,
        confidence=confidence,
        missing=given.missing,
    )


def nps_from_counts(
    *, promoters: int, passives: int, detractors: int, confidence: float = 0.95, missing: int = 0
) -> NPSResult:
    """The NPS of counts already made (a report's table, a published example)."""
    from custvalue._validation import check_number

    for name, value in (
        ("promoters", promoters),
        ("passives", passives),
        ("detractors", detractors),
    ):
        check_number(name, value, minimum=0, integer=True)
    n = promoters + passives + detractors
    if n == 0:
        from custvalue.exceptions import DataValidationError

        raise DataValidationError("satisfaction.no_answers", what="nps")
    z = z_value(confidence)
    p, d = _adjusted(promoters, detractors, n)
    centre = p - d
    half = z * math.sqrt((p + d - centre**2) / (n + ADD_N))
    return NPSResult(
        n=n,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        missing=missing,
        score=100 * (promoters - detractors) / n,
        low=100 * max(-1.0, centre - half),
        high=100 * min(1.0, centre + half),
        confidence=float(confidence),
        small_sample=n < SMALL_SAMPLE,
    )


@dataclass(frozen=True)
class NPSChange(ResultDict):
    """``after`` − ``before`` in NPS points, its interval, z, p and whether it is
    significant at the confidence asked."""

    before: NPSResult
    after: NPSResult
    difference: float
    low: float
    high: float
    z: float
    p_value: float
    significant: bool


def nps_change(before: NPSResult, after: NPSResult, *, confidence: float = 0.95) -> NPSChange:
    """Whether the NPS moved between two independent samples (see the module docstring)."""
    z_crit = z_value(confidence)
    se = math.sqrt(before.variance + after.variance)
    pb, db = _adjusted(before.promoters, before.detractors, before.n)
    pa, da = _adjusted(after.promoters, after.detractors, after.n)
    centre = (pa - da) - (pb - db)
    z = centre / se if se > 0 else float("nan")
    p_value = two_sided_p(z)
    return NPSChange(
        before=before,
        after=after,
        difference=after.score - before.score,
        low=100 * (centre - z_crit * se),
        high=100 * (centre + z_crit * se),
        z=z,
        p_value=p_value,
        significant=bool(p_value < 1 - confidence),
    )

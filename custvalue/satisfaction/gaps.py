"""Satisfaction as disconfirmation: perceived performance against expectation.

Per answer (a respondent rating one attribute): the **gap** = performance − expectation
(default; Oliver 1980's subtractive disconfirmation), or the **ratio** performance ÷
expectation (``method="ratio"``). Its outcome, after the seeds' three:

* **dissatisfied**: gap < −tolerance (ratio < 1 − tolerance);
* **satisfied**: within ``tolerance`` of 0 (of 1) — performance as expected;
* **highly satisfied**: gap > tolerance (ratio > 1 + tolerance) — delighted.

Per attribute (and group: segment, wave…): the answers, the mean expectation,
performance and gap, and the share in each outcome; ``overall`` pools every answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import ResultDict, require_columns

__all__ = ["OUTCOMES", "Disconfirmation", "disconfirmation"]

OUTCOMES = ("dissatisfied", "satisfied", "highly_satisfied")
Method = Literal["difference", "ratio"]


@dataclass(frozen=True)
class Disconfirmation(ResultDict):
    """``answers``: each answer with ``gap`` and ``outcome``; ``attributes``: per group
    and attribute ``n, expectation, performance, gap`` (means) and ``share_<outcome>``;
    ``overall``: the same over every attribute, per group."""

    method: str
    tolerance: float
    answers: pl.DataFrame
    attributes: pl.DataFrame
    overall: pl.DataFrame


def _check(frame: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    need = ["attribute", "expectation", "performance", *by]
    require_columns(frame, need)
    out = frame.with_columns(
        pl.col("expectation").cast(pl.Float64, strict=False),
        pl.col("performance").cast(pl.Float64, strict=False),
    )
    for column in ("expectation", "performance"):
        bad = out[column].is_null() & frame[column].is_not_null()
        if bad.any():
            row = int(bad.arg_max() or 0)
            raise DataValidationError(
                "satisfaction.not_a_number",
                column=column,
                row=row + 1,
                value=str(frame[column][row]),
            )
    return out.drop_nulls(["expectation", "performance"])


def disconfirmation(
    frame: pl.DataFrame,
    *,
    method: Method = "difference",
    tolerance: float = 0.0,
    by: Sequence[str] = (),
) -> Disconfirmation:
    """Gaps, outcomes and their shares per attribute (see the module docstring).
    ``frame`` has ``attribute``, ``expectation``, ``performance`` (a blank in either
    leaves the answer out) and the ``by`` columns."""
    from custvalue._validation import check_choice, check_number

    method = check_choice("method", method, ("difference", "ratio"))
    tolerance = check_number("tolerance", tolerance, minimum=0)
    by = list(by)
    rows = _check(frame, by)
    if rows.height == 0:
        raise DataValidationError("satisfaction.no_answers", what="disconfirmation")
    if method == "ratio":
        if (rows["expectation"] <= 0).any():
            raise DataValidationError("satisfaction.ratio_needs_positive")
        gap = pl.col("performance") / pl.col("expectation")
        neutral = 1.0
    else:
        gap = pl.col("performance") - pl.col("expectation")
        neutral = 0.0
    scored = rows.with_columns(gap.alias("gap")).with_columns(
        pl.when(pl.col("gap") < neutral - tolerance)
        .then(pl.lit("dissatisfied"))
        .when(pl.col("gap") > neutral + tolerance)
        .then(pl.lit("highly_satisfied"))
        .otherwise(pl.lit("satisfied"))
        .alias("outcome")
    )

    def summary(keys: list[str]) -> pl.DataFrame:
        aggs = [
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("expectation").mean(),
            pl.col("performance").mean(),
            pl.col("gap").mean(),
            *[(pl.col("outcome") == o).mean().alias(f"share_{o}") for o in OUTCOMES],
        ]
        if not keys:
            return scored.select(aggs)
        return scored.group_by(keys, maintain_order=True).agg(aggs).sort(keys)

    return Disconfirmation(
        method=method,
        tolerance=tolerance,
        answers=scored,
        attributes=summary([*by, "attribute"]),
        overall=summary(by),
    )

"""What every satisfaction measure shares: reading a column of answers, normal
quantiles, and the ``to_dict()`` of the results."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, fields, is_dataclass
from typing import Any

import numpy as np
import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["SMALL_SAMPLE", "Answers", "ResultDict", "answers", "require_columns", "z_value"]

#: below this many answers a measure carries a small-sample warning (the usual rule of
#: thumb for normal-approximation intervals on proportions)
SMALL_SAMPLE = 30


class ResultDict:
    """Mixin: ``to_dict()`` of a frozen result dataclass, frames as lists of rows,
    JSON-ready (dates as text, NaN as null)."""

    def to_dict(self) -> dict[str, Any]:
        from custvalue.output import jsonable

        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, pl.DataFrame):
                value = value.to_dicts()
            elif is_dataclass(value) and not isinstance(value, type):
                value = value.to_dict() if isinstance(value, ResultDict) else asdict(value)
            out[f.name] = value
        return jsonable(out)  # type: ignore[no-any-return]


class Answers:
    """A checked column of whole-number answers on a scale: the answers given (missing
    ones left out and counted) as integers."""

    def __init__(self, values: np.ndarray, missing: int) -> None:
        self.values = values
        self.missing = missing

    @property
    def n(self) -> int:
        return int(self.values.size)


def answers(scores: Iterable[Any] | pl.Series, *, low: int, high: int, what: str) -> Answers:
    """Read ``scores`` as whole numbers from ``low`` to ``high``; a blank (None, NaN) is a
    question not answered, left out. A value off the scale or not whole is refused with
    its position (1 = the first) and the scale, so the caller can find it."""
    series = (
        scores if isinstance(scores, pl.Series) else pl.Series(what, list(scores), strict=False)
    )
    if series.dtype == pl.String:
        series = series.str.strip_chars().replace("", None)
    cast = series.cast(pl.Float64, strict=False)
    bad = cast.is_null() & series.is_not_null()
    cast = cast.fill_nan(None)
    off = cast.is_not_null() & ((cast < low) | (cast > high) | (cast != cast.floor()))
    refused = bad | off
    if refused.any():
        position = int(refused.arg_max() or 0)
        raise DataValidationError(
            "satisfaction.bad_answer",
            what=what,
            position=position + 1,
            value=str(series[position]),
            low=low,
            high=high,
        )
    given = cast.drop_nulls()
    if given.len() == 0:
        raise DataValidationError("satisfaction.no_answers", what=what)
    return Answers(given.cast(pl.Int64).to_numpy(), int(cast.null_count()))


def require_columns(frame: pl.DataFrame, columns: Iterable[str]) -> None:
    """Refuse ``frame`` when it lacks any of ``columns``, naming them and what it has."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            "satisfaction.missing_columns",
            columns=", ".join(missing),
            have=", ".join(frame.columns),
        )


def z_value(confidence: float) -> float:
    """The two-sided normal quantile for ``confidence`` (0.95 → 1.959964)."""
    from scipy.stats import norm

    if not (isinstance(confidence, float | int) and 0 < confidence < 1):
        raise DataValidationError("satisfaction.bad_confidence", value=confidence)
    return float(norm.ppf(0.5 + confidence / 2))


def two_sided_p(z: float) -> float:
    """The two-sided p-value of a standard normal statistic."""
    from scipy.stats import norm

    return float(2 * norm.sf(abs(z))) if math.isfinite(z) else float("nan")

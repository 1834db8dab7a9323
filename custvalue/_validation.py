"""Checks shared by every entry point; messages name the column, the rule,
how many rows fail and the first one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["check_choice", "check_columns", "check_frame", "check_non_negative", "check_unique"]


def check_frame(frame: Any, *, name: str = "data") -> None:
    """Raise when ``frame`` is not a polars DataFrame."""
    if not isinstance(frame, pl.DataFrame):
        raise DataValidationError("validation.not_a_frame", frame=name, got=type(frame).__name__)


def check_columns(frame: Any, columns: Iterable[str], *, frame_name: str = "data") -> None:
    """Raise when ``frame`` is not a polars DataFrame or lacks ``columns``."""
    if not isinstance(frame, pl.DataFrame):
        raise DataValidationError(
            "validation.not_a_frame", frame=frame_name, got=type(frame).__name__
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            "validation.missing_columns",
            frame=frame_name,
            missing=", ".join(missing),
            found=", ".join(frame.columns),
        )


def _first_id(frame: pl.DataFrame, mask: pl.Series, id_column: str) -> Any:
    if id_column in frame.columns:
        return frame.filter(mask)[id_column][0]
    return int(mask.arg_true()[0])


def check_unique(frame: pl.DataFrame, column: str, *, id_column: str = "customer_id") -> None:
    """Raise when ``column`` has repeated values."""
    dup = frame[column].is_duplicated()
    if dup.any():
        raise DataValidationError(
            "validation.not_unique",
            column=column,
            count=int(dup.sum()),
            first=_first_id(frame, dup, column),
        )


def check_non_negative(
    frame: pl.DataFrame, columns: Sequence[str], *, id_column: str = "customer_id"
) -> None:
    """Raise when any of ``columns`` has negative values."""
    for column in columns:
        bad = (frame[column] < 0).fill_null(False)
        if bad.any():
            raise DataValidationError(
                "validation.negative",
                column=column,
                count=int(bad.sum()),
                id_column=id_column,
                first=_first_id(frame, bad, id_column),
            )


def check_choice(name: str, value: Any, allowed: Sequence[Any]) -> None:
    """Raise when a parameter is not one of ``allowed``."""
    if value not in allowed:
        raise DataValidationError(
            "validation.choice", name=name, got=value, allowed=", ".join(map(str, allowed))
        )

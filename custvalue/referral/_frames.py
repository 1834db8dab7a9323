"""What the referral modules share: reading id, time and money columns of the frames
they are given, and the ``to_dict()`` of their results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["ResultDict", "filled", "ids", "money", "to_date", "to_datetime", "utc_naive"]


class ResultDict:
    """Mixin: ``to_dict()`` of a frozen result dataclass, frames as lists of rows,
    JSON-ready (dates as ISO text, NaN as null)."""

    def to_dict(self) -> dict[str, Any]:
        from custvalue.output import jsonable

        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, pl.DataFrame):
                value = value.to_dicts()
            elif hasattr(value, "to_dict"):
                value = value.to_dict()
            out[f.name] = value
        return jsonable(out)  # type: ignore[no-any-return]


def filled(frame: pl.DataFrame, columns: Iterable[str], *, frame_name: str) -> None:
    """Refuse a null in any of ``columns`` (``referral.missing_value``, naming the frame,
    the column and the row, 1 = the first row)."""
    for column in columns:
        nulls = frame[column].is_null()
        if nulls.any():
            raise DataValidationError(
                "referral.missing_value",
                frame=frame_name,
                column=column,
                row=int(nulls.arg_true()[0]) + 1,
            )


def ids(column: str) -> pl.Expr:
    """An id column as text (``C001`` and ``1001`` alike)."""
    return pl.col(column).cast(pl.String)


def to_datetime(frame: pl.DataFrame, column: str, *, frame_name: str) -> pl.Expr:
    """A date or datetime column as a naive datetime (a zoned one in UTC); any other type
    is refused (``referral.not_a_time``)."""
    dtype = frame.schema[column]
    expr = pl.col(column)
    if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
        expr = expr.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    elif not (dtype == pl.Date or isinstance(dtype, pl.Datetime) or dtype == pl.Null):
        raise DataValidationError(
            "referral.not_a_time", frame=frame_name, column=column, dtype=str(dtype)
        )
    return expr.cast(pl.Datetime("us")).alias(column)


def to_date(frame: pl.DataFrame, column: str, *, frame_name: str) -> pl.Expr:
    """A date or datetime column as a date (``referral.not_a_time`` otherwise)."""
    return to_datetime(frame, column, frame_name=frame_name).dt.date().alias(column)


def money(frame: pl.DataFrame, column: str, *, frame_name: str) -> pl.Expr:
    """A money column of whole cents as Int64; floats and text are refused
    (``referral.not_cents``): stored money is never a float."""
    dtype = frame.schema[column]
    if not (dtype.is_integer() or dtype == pl.Null):
        raise DataValidationError(
            "referral.not_cents", frame=frame_name, column=column, dtype=str(dtype)
        )
    return pl.col(column).cast(pl.Int64).alias(column)


def utc_naive(value: datetime | date) -> datetime:
    """``value`` as a naive datetime (a date at midnight; an aware one in UTC)."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value

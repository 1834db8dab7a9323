"""The checks of the retention frames: column types, missing values, ranges.

Each check raises :class:`~custvalue.exceptions.DataValidationError` with a code of its
own, naming the frame, the column, how many rows are wrong and the first customer:

* ``retention.not_dates`` — a date column of another type (text, numbers);
* ``retention.not_whole_numbers`` — an amount in cents that is not an integer column;
* ``retention.not_numbers`` — a score or probability that is not numeric;
* ``retention.null_values`` — a required value missing;
* ``retention.out_of_range`` — a value outside its range (``0 ≤ p_alive ≤ 1``);
* ``retention.bad_date`` — an ``as_of`` that is not a date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import polars as pl

from custvalue._validation import check_columns
from custvalue.exceptions import DataValidationError

__all__ = [
    "check_date",
    "check_orders",
    "date_column",
    "integer_column",
    "number_column",
    "required",
]


def check_date(name: str, value: Any) -> date:
    """``value`` as a date (a datetime gives its date), else ``retention.bad_date``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise DataValidationError("retention.bad_date", name=name, got=repr(value))


def _first(frame: pl.DataFrame, mask: pl.Series) -> Any:
    if "customer_id" in frame.columns:
        return frame.filter(mask)["customer_id"][0]
    return int(mask.arg_true()[0]) + 1


def required(frame: pl.DataFrame, column: str, *, frame_name: str) -> None:
    """Refuse missing values in ``column`` (``retention.null_values``)."""
    missing = frame[column].is_null()
    if missing.any():
        raise DataValidationError(
            "retention.null_values",
            frame=frame_name,
            column=column,
            count=int(missing.sum()),
            row=int(missing.arg_true()[0]) + 1,
        )


def date_column(frame: pl.DataFrame, column: str, *, frame_name: str) -> pl.DataFrame:
    """``frame`` with ``column`` as ``pl.Date`` (a datetime gives its date); refuses other
    types and missing values."""
    dtype = frame.schema[column]
    if isinstance(dtype, pl.Datetime):
        frame = frame.with_columns(pl.col(column).dt.date())
    elif dtype != pl.Date:
        raise DataValidationError(
            "retention.not_dates", frame=frame_name, column=column, dtype=str(dtype)
        )
    required(frame, column, frame_name=frame_name)
    return frame


def integer_column(
    frame: pl.DataFrame,
    column: str,
    *,
    frame_name: str,
    nullable: bool = False,
    minimum: int | None = None,
) -> pl.DataFrame:
    """``frame`` with ``column`` as ``Int64``; refuses a non-integer column, missing values
    (unless ``nullable``) and values below ``minimum``."""
    dtype = frame.schema[column]
    if dtype == pl.Null and nullable:
        return frame.with_columns(pl.col(column).cast(pl.Int64))
    if not dtype.is_integer():
        raise DataValidationError(
            "retention.not_whole_numbers", frame=frame_name, column=column, dtype=str(dtype)
        )
    if not nullable:
        required(frame, column, frame_name=frame_name)
    frame = frame.with_columns(pl.col(column).cast(pl.Int64))
    if minimum is not None:
        _in_range(frame, column, frame_name, minimum, None)
    return frame


def number_column(
    frame: pl.DataFrame,
    column: str,
    *,
    frame_name: str,
    minimum: float,
    maximum: float,
) -> pl.DataFrame:
    """``frame`` with ``column`` as ``Float64`` (missing values allowed); refuses a
    non-numeric column, NaN and values outside ``[minimum, maximum]``."""
    dtype = frame.schema[column]
    if not (dtype.is_numeric() or dtype == pl.Null):
        raise DataValidationError(
            "retention.not_numbers", frame=frame_name, column=column, dtype=str(dtype)
        )
    frame = frame.with_columns(pl.col(column).cast(pl.Float64))
    _in_range(frame, column, frame_name, minimum, maximum)
    return frame


def _in_range(
    frame: pl.DataFrame,
    column: str,
    frame_name: str,
    minimum: float,
    maximum: float | None,
) -> None:
    values = frame[column]
    bad = values < minimum
    if maximum is not None:
        bad = bad | (values > maximum)
    if values.dtype == pl.Float64:
        bad = bad | values.is_nan()
    bad = bad.fill_null(False)
    if bad.any():
        rule = f"{minimum:g} ≤ {column}" + (f" ≤ {maximum:g}" if maximum is not None else "")
        raise DataValidationError(
            "retention.out_of_range",
            frame=frame_name,
            column=column,
            count=int(bad.sum()),
            first=_first(frame, bad),
            value=frame.filter(bad)[column][0],
            rule=rule,
        )


def check_orders(
    frame: Any, *, frame_name: str = "orders", date_name: str = "ordered_at"
) -> pl.DataFrame:
    """An orders (or costs) frame as ``customer_id, day (Date), amount_cents (Int64)``.

    ``customer_id`` may be text or a number but never missing; ``date_name`` a date or a
    datetime; ``amount_cents`` integer cents (negative: a refund)."""
    check_columns(frame, ["customer_id", date_name, "amount_cents"], frame_name=frame_name)
    out: pl.DataFrame = frame.select("customer_id", date_name, "amount_cents")
    required(out, "customer_id", frame_name=frame_name)
    out = date_column(out, date_name, frame_name=frame_name)
    out = integer_column(out, "amount_cents", frame_name=frame_name)
    return out.rename({date_name: "day"})

"""Calendar periods (year, quarter, month) as whole-number indexes.

A period index counts periods from year 0: ``year × n + (month − 1) // (12 / n)`` with
``n`` periods a year (1, 4 or 12), so consecutive periods have consecutive indexes and
the tenure of an order is ``index(order) − index(first order)``. A period is *complete*
at ``as_of`` when its last day is on or before ``as_of``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import polars as pl

__all__ = [
    "PERIODS",
    "Period",
    "index_of",
    "last_complete",
    "period_end",
    "period_index",
    "period_label",
    "period_start",
]

Period = Literal["year", "quarter", "month"]

#: the periods a cohort can be, with how many there are in a year
PERIODS: dict[str, int] = {"year": 1, "quarter": 4, "month": 12}


def period_index(column: pl.Expr, period: Period) -> pl.Expr:
    """The period index of a date column."""
    per_year = PERIODS[period]
    months = 12 // per_year
    return (
        column.dt.year().cast(pl.Int64) * per_year
        + (column.dt.month().cast(pl.Int64) - 1) // months
    )


def index_of(day: date, period: Period) -> int:
    """The period index of one date."""
    per_year = PERIODS[period]
    return day.year * per_year + (day.month - 1) // (12 // per_year)


def period_start(index: int, period: Period) -> date:
    """The first day of period ``index``."""
    per_year = PERIODS[period]
    year, part = divmod(index, per_year)
    return date(year, part * (12 // per_year) + 1, 1)


def period_end(index: int, period: Period) -> date:
    """The last day of period ``index``."""
    return period_start(index + 1, period) - timedelta(days=1)


def period_label(index: int, period: Period) -> str:
    """``2024``, ``2024-Q3`` or ``2024-07``."""
    per_year = PERIODS[period]
    year, part = divmod(index, per_year)
    if period == "year":
        return str(year)
    if period == "quarter":
        return f"{year}-Q{part + 1}"
    return f"{year}-{part + 1:02d}"


def last_complete(as_of: date, period: Period) -> int:
    """The index of the last period complete at ``as_of``: the period of ``as_of`` when
    ``as_of`` is its last day, else the one before."""
    index = index_of(as_of, period)
    return index if period_end(index, period) == as_of else index - 1

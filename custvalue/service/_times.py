"""The one check of instants shared by the service modules: naive local datetimes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from custvalue.exceptions import DataValidationError

__all__ = ["naive"]


def naive(name: str, value: Any) -> datetime:
    """``value`` if it is a naive :class:`~datetime.datetime` (the company's local time).

    Raises ``service.not_a_datetime`` for anything else (a date, a string) and
    ``service.aware_datetime`` for a datetime with a time zone: deadlines are computed
    on the local wall clock, and mixing zones would move them silently."""
    if not isinstance(value, datetime):
        raise DataValidationError(
            "service.not_a_datetime", name=name, value=repr(value), type=type(value).__name__
        )
    if value.tzinfo is not None and value.tzinfo.utcoffset(value) is not None:
        raise DataValidationError("service.aware_datetime", name=name, value=value.isoformat())
    return value

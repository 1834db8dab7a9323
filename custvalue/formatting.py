"""Numbers as people read them: one formatting rule per kind of value.

Every front (CLI tables, reports, and later the web workbench) formats a value through
:func:`format_value` with a :data:`Kind`; JSON and CSV keep the raw value. The kind of a
column is given explicitly by the caller, or inferred from its name and type by
:func:`infer_kind` (``year`` → year, ``*_share`` → share, ``*_pct`` → percent …).

Kinds:

- ``money``: thousands separators, two decimals (``12,800.00``).
- ``share``: a fraction shown as a percentage with one decimal (``0.186`` → ``18.6%``).
- ``percent``: a value already in percent points (``18.6`` → ``18.6%``).
- ``count``: a whole number with separators (``3,000``).
- ``year``: a calendar year, no separator (``2023``).
- ``date`` / ``datetime``: ISO dates (``2023-01-05``).
- ``bool``: ✓ / ✗ with the word in the user's language (``✓ yes`` / ``✓ 是``).
- ``ratio``: a dimensionless ratio, four significant decimals (``1.0574``).
- ``number``: any other number: separators, up to four significant digits after the point.
- ``id``: an identifier as it is, numbers without separators (``C00001``, ``20240101``).
- ``text``: as it is.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Literal

import polars as pl

from custvalue.i18n import t

__all__ = ["KINDS", "Kind", "format_value", "infer_kind"]

Kind = Literal[
    "money", "share", "percent", "count", "year", "date", "datetime", "bool", "ratio", "number",
    "id", "text",
]
KINDS: tuple[Kind, ...] = (
    "money", "share", "percent", "count", "year", "date", "datetime", "bool", "ratio", "number",
    "id", "text",
)

_MISSING = "—"
_COUNT_NAMES = {
    "customers", "orders", "count", "n", "rows", "respondents", "purchases", "transactions",
    "frequency_count", "imported", "rejected", "skipped", "duplicates", "weight", "referrals",
}


def infer_kind(name: str, dtype: pl.DataType | None = None) -> Kind:
    """The kind of a column from its name, then its type."""
    lowered = name.lower()
    if lowered == "id" or lowered.endswith("_id"):
        return "id"
    if lowered == "year" or lowered.endswith("_year"):
        return "year"
    if lowered == "share" or lowered.endswith("_share") or lowered.endswith("_rate"):
        return "share"
    if lowered.endswith("_pct") or lowered.endswith("_percent"):
        return "percent"
    if dtype is not None:
        if dtype == pl.Boolean:
            return "bool"
        if dtype == pl.Date:
            return "date"
        if isinstance(dtype, pl.Datetime):
            return "datetime"
        if dtype.is_integer():
            return "count"
        if dtype.is_float():
            return "count" if lowered in _COUNT_NAMES else "number"
    return "text"


def _number(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}" if magnitude >= 100_000 else f"{value:,.1f}"
    digits = max(0, 3 - int(math.floor(math.log10(magnitude))))
    text = f"{value:,.{min(digits, 6)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(
    value: Any, kind: Kind, *, lang: str | None = None, decimals: int | None = None
) -> str:
    """``value`` as text for people, by ``kind`` (missing values and NaN as ``—``)."""
    if value is None:
        return _MISSING
    if isinstance(value, float) and not math.isfinite(value):
        return _MISSING if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if kind == "bool" or isinstance(value, bool):
        if not isinstance(value, bool):
            return str(value)
        return f"✓ {t('fmt.yes', lang=lang)}" if value else f"✗ {t('fmt.no', lang=lang)}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if kind != "date" else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if kind == "id" or not isinstance(value, (int, float)):
        return str(value)
    if kind == "money":
        return f"{value:,.{2 if decimals is None else decimals}f}"
    if kind == "share":
        return f"{value * 100:,.{1 if decimals is None else decimals}f}%"
    if kind == "percent":
        return f"{value:,.{1 if decimals is None else decimals}f}%"
    if kind == "year":
        return str(int(value))
    if kind == "count":
        return f"{round(value):,}" if float(value).is_integer() else _number(float(value))
    if kind == "ratio":
        return f"{value:,.{4 if decimals is None else decimals}f}"
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return _number(float(value))

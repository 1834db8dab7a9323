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
- ``estimate``: a model estimate or statistic, four significant digits each (``0.2426``,
  ``15.44``): the rows of one column differ in scale.

A whole column is formatted with :func:`format_column`: ``number`` columns share one number
of decimals, chosen from the column's largest magnitude (about four significant digits for
it: ``112.4``, ``95.9``; ``1.118``, ``0.899``), and fractional ``count`` columns (means of
counts) one decimal, so that the decimal points line up.
- ``id``: an identifier as it is, numbers without separators (``C00001``, ``20240101``).
- ``text``: as it is.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Literal

import polars as pl

from custvalue.i18n import has_key, t

__all__ = [
    "KINDS",
    "Kind",
    "column_decimals",
    "column_label",
    "format_column",
    "format_value",
    "infer_kind",
    "metric_label",
]

Kind = Literal[
    "money",
    "share",
    "percent",
    "count",
    "year",
    "date",
    "datetime",
    "bool",
    "ratio",
    "number",
    "estimate",
    "id",
    "text",
]
KINDS: tuple[Kind, ...] = (
    "money",
    "share",
    "percent",
    "count",
    "year",
    "date",
    "datetime",
    "bool",
    "ratio",
    "number",
    "estimate",
    "id",
    "text",
)

_MISSING = "—"
_COUNT_NAMES = {
    "customers",
    "orders",
    "count",
    "n",
    "rows",
    "respondents",
    "purchases",
    "transactions",
    "frequency_count",
    "imported",
    "rejected",
    "skipped",
    "duplicates",
    "weight",
    "referrals",
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
        if decimals is not None:
            return f"{value:,.{decimals}f}"
        return f"{round(value):,}" if float(value).is_integer() else _number(float(value))
    if kind == "ratio":
        return f"{value:,.{4 if decimals is None else decimals}f}"
    if kind == "estimate":
        return _number(float(value))
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return _number(float(value))


def column_decimals(values: list[Any], kind: Kind) -> int | None:
    """The decimals a whole column of ``kind`` shares, or ``None`` to format value by value.

    ``number``: 0 when every value is whole, else ``3 − floor(log10(largest magnitude))``
    within 0–4 (1 from 1,000 on, 0 from 100,000 on); fractional ``count``: 1.
    """
    if kind not in ("number", "count"):
        return None
    finite = [
        float(v)
        for v in values
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    ]
    if not finite or all(v.is_integer() for v in finite):
        return 0 if finite and kind == "number" else None
    if kind == "count":
        return 1
    largest = max(abs(v) for v in finite)
    if largest == 0:
        return 0
    if largest >= 100_000:
        return 0
    if largest >= 1000:
        return 1
    return max(0, min(4, 3 - int(math.floor(math.log10(largest)))))


def format_column(values: list[Any], kind: Kind, *, lang: str | None = None) -> list[str]:
    """Every value of one column as text, with the decimals the column shares
    (:func:`column_decimals`); missing values as ``—``."""
    decimals = column_decimals(values, kind)
    return [format_value(v, kind, lang=lang, decimals=decimals) for v in values]


def column_label(name: str) -> str:
    """Translated column header (``col.<name>`` in the catalogs), else the name."""
    key = f"col.{name}"
    return t(key) if has_key(key) else name


def metric_label(name: str) -> str:
    """Translated label of a metric (``metric.<name>``, else ``col.<name>``), else the name."""
    key = f"metric.{name}"
    return t(key) if has_key(key) else column_label(name)

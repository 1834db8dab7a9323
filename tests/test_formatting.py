"""Numbers as people read them (custvalue.formatting)."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest

from custvalue.formatting import format_value, infer_kind


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (2023, "year", "2023"),
        (2023, "count", "2,023"),
        (12800.0, "money", "12,800.00"),
        (-1055369.854, "money", "-1,055,369.85"),
        (1.8605, "share", "186.1%"),
        (18.6, "percent", "18.6%"),
        (3000, "count", "3,000"),
        (1.05743, "ratio", "1.0574"),
        (0.00123456, "number", "0.001235"),
        (35.456, "number", "35.46"),
        (1136.2, "number", "1,136.2"),
        (None, "money", "—"),
        (math.nan, "number", "—"),
        (date(2023, 1, 5), "date", "2023-01-05"),
    ],
)
def test_format_value(value: object, kind: str, expected: str) -> None:
    assert format_value(value, kind) == expected  # type: ignore[arg-type]


def test_booleans_in_both_languages() -> None:
    assert format_value(True, "bool", lang="en") == "✓ yes"
    assert format_value(False, "bool", lang="zh") == "✗ 否"


@pytest.mark.parametrize(
    ("name", "dtype", "kind"),
    [
        ("year", pl.Int64, "year"),
        ("first_year", pl.Int32, "year"),
        ("value_share", pl.Float64, "share"),
        ("total_error_pct", pl.Float64, "percent"),
        ("customers", pl.Int64, "count"),
        ("winner", pl.Boolean, "bool"),
        ("gini", pl.Float64, "number"),
        ("name", pl.String, "text"),
    ],
)
def test_infer_kind(name: str, dtype: pl.DataType, kind: str) -> None:
    assert infer_kind(name, dtype) == kind


def test_a_number_column_shares_its_decimals() -> None:
    from custvalue.formatting import column_decimals, format_column

    # ratios around 1: three decimals for every row, points aligned
    assert format_column([1.2, 1.144, 0.9101, None], "number") == ["1.200", "1.144", "0.910", "—"]
    # index points up to 112: one decimal
    assert format_column([112.4, 95.9, 88.21], "number") == ["112.4", "95.9", "88.2"]
    # small changes: four decimals at most
    assert format_column([-0.171, -0.05109, 0.0968], "number") == ["-0.1710", "-0.0511", "0.0968"]
    assert column_decimals([2.0, 3.0], "number") == 0 and column_decimals([], "number") is None
    assert format_column([4311.4, 52.25], "number") == ["4,311.4", "52.2"]
    # means of counts: one decimal; whole counts stay whole
    assert format_column([15.3, 8.9, 1.25], "count") == ["15.3", "8.9", "1.2"]
    assert format_column([3000.0, 12.0], "count") == ["3,000", "12"]
    # estimates keep four significant digits each: rows differ in scale
    assert format_column([0.2426, 4.414, 15.44], "estimate") == ["0.2426", "4.414", "15.44"]
    assert format_column([float("nan"), float("inf")], "number") == ["—", "∞"]

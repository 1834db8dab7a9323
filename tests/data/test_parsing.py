"""Parsing dates, amounts and choices as people type them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.data.columns import ORDER_KIND_SYNONYMS
from custvalue.data.parsing import (
    normalize_text,
    parse_amounts,
    parse_choice,
    parse_dates,
    parse_ids,
    parse_numbers,
)


def _one_date(text: str | None, **kw: bool) -> tuple[object, str | None]:
    parsed = parse_dates(pl.Series([text], dtype=pl.String), **kw)
    return parsed.values[0], parsed.reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-05",
        "2023/1/5",
        "2023.01.05",
        "20230105",
        "2023年1月5日",
        "2023 年 1 月 5 日",
        "２０２３年１月５日",
        "2023-1-5",
        " 2023/01/05 ",
        "2023-01-05 00:00:00",
    ],
)
def test_date_spellings(text: str) -> None:
    assert _one_date(text) == (date(2023, 1, 5), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-05 13:05", datetime(2023, 1, 5, 13, 5)),
        ("2023-01-05T13:05:09", datetime(2023, 1, 5, 13, 5, 9)),
        ("2023/1/5 9:05:01", datetime(2023, 1, 5, 9, 5, 1)),
        ("2023年1月5日 13:05", datetime(2023, 1, 5, 13, 5)),
        ("2023-01-05 13:05:09.250", datetime(2023, 1, 5, 13, 5, 9)),
    ],
)
def test_datetimes(text: str, expected: datetime) -> None:
    assert _one_date(text, with_time=True) == (expected, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-13-01", "import.invalid_date"),
        ("2023-02-29", "import.invalid_date"),
        ("2023-04-31", "import.invalid_date"),
        ("2023-01-05 24:00", "import.invalid_date"),
        ("05/01/2023", "import.ambiguous_date"),
        ("5.1.2023", "import.ambiguous_date"),
        ("hello", "import.bad_date"),
        ("2023", "import.bad_date"),
        ("1/5", "import.bad_date"),
        ("1850-01-01", "import.date_out_of_range"),
        ("45000", "import.bad_date"),  # a serial number is a date only in Excel files
        ("2023-01-05 13:05:60", "import.invalid_date"),  # not 13:06:00
        ("2023-01-05 13:05:99", "import.invalid_date"),
        ("٢٠٢٣-٠١-٠٥", "import.bad_date"),  # Arabic-Indic digits: no cast reads them
    ],
)
def test_bad_dates_name_their_reason(text: str, reason: str) -> None:
    assert _one_date(text) == (None, reason)


def test_leap_day_and_empty() -> None:
    assert _one_date("2024-02-29") == (date(2024, 2, 29), None)
    assert _one_date(None) == (None, None)
    assert _one_date("  ") == (None, None)


def test_excel_serial_dates() -> None:
    assert _one_date("45000", excel=True) == (date(2023, 3, 15), None)
    assert _one_date("45000.5", excel=True, with_time=True) == (datetime(2023, 3, 15, 12), None)
    assert _one_date("99999", excel=True)[1] == "import.date_out_of_range"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_calendar_date_round_trips_in_each_spelling(day: date) -> None:
    texts = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        day.strftime("%Y%m%d"),
        f"{day.year}年{day.month}月{day.day}日",
    ]
    parsed = parse_dates(pl.Series(texts))
    assert parsed.values.to_list() == [day] * len(texts)
    assert parsed.reasons.null_count() == len(texts)


@given(st.integers(min_value=1, max_value=60_000))
def test_excel_serials_match_the_1900_system(serial: int) -> None:
    expected = date(1899, 12, 30) + timedelta(days=serial)
    value, reason = _one_date(str(serial).rjust(5, "0"), excel=True)
    if 1900 <= expected.year <= 2100 and serial >= 10_000:
        assert (value, reason) == (expected, None)
    elif serial >= 10_000:
        assert reason == "import.date_out_of_range"


def _cents(text: str | None, **kw: bool) -> tuple[int | None, str | None]:
    parsed = parse_amounts(pl.Series([text], dtype=pl.String), **kw)
    return parsed.values[0], parsed.reasons[0]


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1200.50", 120050),
        ("1,200.50", 120050),
        ("12,345,678.9", 1234567890),
        ("¥300", 30000),
        ("￥300", 30000),
        ("RMB 99.9", 9990),
        ("CNY300", 30000),
        ("450元", 45000),
        ("１２３", 12300),
        ("１，２００．５０", 120050),
        ("1.5万", 1500000),
        ("1.2万元", 1200000),
        ("3万", 3000000),
        ("1.234567万", 1234567),
        ("(300)", -30000),
        ("-12.5", -1250),
        ("+7", 700),
        (".5", 50),
        ("3.", 300),
        ("0", 0),
        ("0.00", 0),
        ("007", 700),
        ("1.50000", 150),
        ("-¥5", -500),  # the sign before the currency
        ("+¥5", 500),
        ("1 200", 120000),  # a space between groups of three
        ("12 345 678", 1234567800),
        ("1\u3000200.5", 120050),
    ],
)
def test_amount_spellings(text: str, cents: int) -> None:
    assert _cents(text) == (cents, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12.345", "import.amount_precision"),
        ("1.2345678万", "import.amount_precision"),
        ("abc", "import.bad_amount"),
        ("一百元", "import.bad_amount"),
        ("1,20", "import.bad_amount"),
        ("1.200,50", "import.bad_amount"),
        ("1.2.3", "import.bad_amount"),
        ("-(5)", "import.bad_amount"),
        ("--5", "import.bad_amount"),
        ("¥", "import.bad_amount"),
        ("12345678901234", "import.amount_too_large"),
        ("1 2", "import.bad_amount"),  # was read as 12
        ("1 200,50", "import.bad_amount"),
        ("(-¥5)", "import.bad_amount"),
        ("١٢٣", "import.bad_amount"),  # was an empty value with no reason
        ("1e3", "import.bad_amount"),
        ("NaN", "import.bad_amount"),
    ],
)
def test_bad_amounts_name_their_reason(text: str, reason: str) -> None:
    assert _cents(text) == (None, reason)


@pytest.mark.parametrize(
    ("text", "value", "reason"),
    [
        ("1,200", 1200.0, None),
        ("1,200.5", 1200.5, None),
        ("¥28,800", 28800.0, None),
        ("1 200", 1200.0, None),
        ("２５%", 25.0, None),
        ("7,5", None, "table.bad_number"),  # a decimal comma: was read as 75
        ("1,05", None, "table.bad_number"),
        ("12,34,567", None, "table.bad_number"),
        ("1 2", None, "table.bad_number"),
        ("١٢", None, "table.bad_number"),
        ("NaN", None, "table.bad_number"),
        ("1e400", None, "table.bad_number"),
    ],
)
def test_numbers_refuse_separators_out_of_place(
    text: str, value: float | None, reason: str | None
) -> None:
    parsed = parse_numbers(pl.Series([text], dtype=pl.String))
    assert (parsed.values[0], parsed.reasons[0]) == (value, reason)


def test_negative_amounts_where_not_allowed() -> None:
    assert _cents("-5", allow_negative=False) == (None, "import.negative_amount")
    assert _cents("(5)", allow_negative=False) == (None, "import.negative_amount")
    assert _cents("0", allow_negative=False) == (0, None)


def test_excel_float_noise_is_rounded_only_in_excel() -> None:
    assert _cents("1200.4999999999998", excel=True) == (120050, None)
    assert _cents("0.30000000000000004", excel=True) == (30, None)
    assert _cents("1200.4999999999998")[1] == "import.amount_precision"
    assert _cents("1200.4912345678901", excel=True)[1] == "import.amount_precision"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_amounts_round_trip_exactly(amount: Decimal) -> None:
    cents = int(amount * 100)
    plain = f"{amount:.2f}"
    grouped = f"{amount:,.2f}"
    yuan = f"{abs(amount):.2f}元"
    parsed = parse_amounts(pl.Series([plain, grouped, yuan]))
    assert parsed.values.to_list() == [cents, cents, abs(cents)]
    assert parsed.reasons.null_count() == 3


def test_choices_accept_synonyms_in_both_languages() -> None:
    s = pl.Series(
        ["首购", "Repeat", "向上购买", "cross-sell", "交叉购买", "退货", "UPSELL", None, "x"]
    )
    parsed = parse_choice(s, ORDER_KIND_SYNONYMS)
    assert parsed.values.to_list() == [
        "first",
        "repeat",
        "upsell",
        "cross_sell",
        "cross_sell",
        "refund",
        "upsell",
        None,
        None,
    ]
    assert parsed.reasons.to_list() == [None] * 8 + ["import.bad_choice"]


def test_ids_and_text_normalisation() -> None:
    parsed = parse_ids(pl.Series([" C1 ", "", "a\tb", None]))
    assert parsed.values.to_list() == ["C1", None, None, None]
    assert parsed.reasons.to_list() == [None, None, "import.bad_id_control", None]
    assert normalize_text(pl.Series(["　１２ "])).to_list() == ["12"]

"""Parsing values as people type them, column at a time (vectorised Polars).

Each parser takes a ``String`` series and returns a :class:`Parsed`: the
typed values and, per row, ``None`` or the i18n key of the reason the text
was refused. Empty cells are null values with no reason (whether a value is
required is decided by the caller).

Dates (:func:`parse_dates`)
    ``2023-01-05``, ``2023/1/5``, ``2023.01.05``, ``20230105``, ``2023年1月5日``,
    optionally followed by a time ``13:05`` / ``13:05:09`` (``T`` or space; no
    second 60), full-width digits, Excel date cells (ISO text from the reader) and,
    in Excel files only, date serial numbers (1900 system). Day-month-year orders
    such as ``05/01/2023`` are refused as ambiguous.
Amounts (:func:`parse_amounts`)
    ``1200.5``, ``1,200.50``, ``1 200``, ``¥300``, ``￥300``, ``RMB 300``, ``450元``,
    ``1.2万`` / ``1.2万元`` (×10,000), full-width digits ``１２３``, a sign in
    front (also before the currency, ``-¥5``), or accounting negatives ``(300)``.
    Results are integer fen (cents); more than two decimals is refused rather than
    rounded, except for binary float noise in Excel numeric cells
    (``1200.4999999999998``). Commas or spaces group thousands only between groups of
    three digits (``1,20`` and ``1 2`` are refused); only ASCII digits (after NFKC)
    are digits, so ``١٢٣`` is refused, never read as an empty cell.
Numbers (:func:`parse_numbers`)
    The same, as floats: thousands separators by the same rule (:func:`ungrouped`, so
    the decimal comma ``7,5`` is refused, not read as 75), ``25%`` as 25, ``2.88万``;
    ``NaN`` and infinities refused.
Ids and key names (:func:`parse_ids`), text (:func:`parse_text`)
    One rule for every id and key column of every kind, and the controls and lengths
    text may hold: see :mod:`custvalue.data.ids`. Dates, amounts, numbers and choices
    are read after the same normalisation (:func:`normalize_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from custvalue.data.ids import (
    MAX_ID_LENGTH,
    MAX_TEXT_LENGTH,
    check_ids,
    check_text,
    normalize_ids,
    trim_text,
)

__all__ = [
    "Parsed",
    "normalize_text",
    "parse_amounts",
    "parse_choice",
    "parse_dates",
    "parse_ids",
    "parse_text",
    "ungrouped",
]


@dataclass(frozen=True)
class Parsed:
    """Typed values and the refusal reason (i18n key or null) of each row."""

    values: pl.Series
    reasons: pl.Series


def normalize_text(s: pl.Series) -> pl.Series:
    """Cells as people mean them before they are read as a date, an amount, a number or
    a choice: the identifier rule of :mod:`custvalue.data.ids` (zero-width characters
    dropped, NFKC — full-width ``１２３`` is ``123`` —, trimmed); empty text to null."""
    return normalize_ids(s)


def _reason(cond: pl.Expr, key: str) -> pl.Expr:
    return pl.when(cond).then(pl.lit(key))


# --- text and ids --------------------------------------------------------------------


def parse_text(s: pl.Series, *, limit: int = MAX_TEXT_LENGTH) -> Parsed:
    """Free text kept as written, trimmed (:func:`custvalue.data.ids.trim_text`), empty
    to null; tabs and line breaks allowed, other control characters (NUL …) and more
    than ``limit`` characters refused."""
    values = trim_text(s)
    return _refused_null(values, check_text(values, limit=limit))


def parse_ids(s: pl.Series, *, limit: int = MAX_ID_LENGTH) -> Parsed:
    """Identifiers and key names by the rule of :mod:`custvalue.data.ids`: normalised,
    then control and bidirectional characters and more than ``limit`` characters refused.

    Excel number cells that hold whole numbers (``1001.0``) are not altered
    here: the reader already prints them without a fraction.
    """
    values = normalize_ids(s)
    return _refused_null(values, check_ids(values, limit=limit))


def _refused_null(values: pl.Series, reasons: pl.Series) -> Parsed:
    """A refused cell has no value."""
    if reasons.null_count() == reasons.len():
        return Parsed(values, reasons)
    return Parsed(_null_where(values, reasons.is_not_null()), reasons)


def parse_choice(s: pl.Series, synonyms: Mapping[str, str]) -> Parsed:
    """Map synonyms (case- and width-insensitive) to canonical codes."""
    key = normalize_text(s).str.to_lowercase().str.replace_all(r"[\s\-]+", "_")
    lookup = {k.lower().replace("-", "_").replace(" ", "_"): v for k, v in synonyms.items()}
    values = key.replace_strict(lookup, default=None, return_dtype=pl.String)
    reasons = (
        pl.DataFrame({"k": key, "v": values})
        .select(_reason(pl.col("k").is_not_null() & pl.col("v").is_null(), "import.bad_choice"))
        .to_series()
        .cast(pl.String)
    )
    return Parsed(values, reasons)


# --- dates -------------------------------------------------------------------------

# ASCII digits only: ``\d`` would match other scripts' digits (Arabic-Indic ``١٢٣``),
# which no cast reads; NFKC has already turned full-width digits into ASCII ones
_ISO = (
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?$"
)
_COMPACT = r"^([0-9]{4})([0-9]{2})([0-9]{2})$"
_YEAR_LAST = r"^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}(?:[ T].*)?$"
_SERIAL = r"^[0-9]{5}(?:\.[0-9]+)?$"
#: a time of day whose seconds are 60 or more: the fast reader would roll it over
_LEAP_SECOND = r":[0-9]{2}:[6-9][0-9]"
_EXCEL_EPOCH_DAYS = -25569  # 1899-12-30 relative to 1970-01-01


def _date_text(s: pl.Series) -> pl.Series:
    """One spelling: ``Y-M-D[ H:M[:S]]``."""
    return (
        normalize_text(s)
        .str.replace_all(r"\s*[年月]\s*", "-")
        .str.replace_all(r"\s*[日号]\s*", " ")
        .str.replace_all(r"\s*[时點点]\s*", ":")
        .str.replace_all(r"\s*分\s*", ":")
        .str.replace_all(r"秒", "")
        .str.replace(r"^([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})", "$1-$2-$3")
        .str.replace(r"^([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", "$1-$2-$3")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" :-")
        .replace("", None)
    )


def _null_where(values: pl.Series, mask: pl.Series) -> pl.Series:
    return pl.select(pl.when(~mask).then(values)).to_series().alias(values.name)


def _patched(s: pl.Series, fast: pl.Series, general: Callable[[pl.Series], Parsed]) -> Parsed:
    """Fast-path values where they exist; the general parser on the other rows only."""
    rest = fast.is_null() & s.is_not_null()
    reasons = pl.Series(s.name, [None] * len(s), dtype=pl.String)
    if not rest.any():
        return Parsed(fast, reasons)
    index = rest.arg_true()
    slow = general(s.gather(index))
    return Parsed(
        fast.scatter(index, slow.values.cast(fast.dtype)), reasons.scatter(index, slow.reasons)
    )


def parse_dates(s: pl.Series, *, excel: bool = False, with_time: bool = False) -> Parsed:
    """Dates (or datetimes with ``with_time``) in the spellings listed in the module doc."""
    dtype = pl.Datetime("us") if with_time else pl.Date()
    fast = pl.select(
        pl.coalesce(
            s.str.strptime(pl.Datetime("us"), "%Y-%m-%d", strict=False),
            s.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S", strict=False),
        )
    ).to_series()
    in_range = fast.dt.year().is_between(1900, 2100).fill_null(False)
    fast = _null_where(fast, ~in_range | s.str.contains(_LEAP_SECOND).fill_null(False))
    fast = fast.cast(dtype).alias(s.name or "value")
    return _patched(
        s, fast, lambda rest: _parse_dates_general(rest, excel=excel, with_time=with_time)
    )


def _parse_dates_general(s: pl.Series, *, excel: bool, with_time: bool) -> Parsed:
    text = _date_text(s)
    frame = pl.DataFrame({"t": text})
    iso = pl.col("t").str.extract_groups(_ISO)
    compact = pl.col("t").str.extract_groups(_COMPACT)
    frame = frame.with_columns(
        iso.struct.field("1").alias("y"),
        iso.struct.field("2").alias("m"),
        iso.struct.field("3").alias("d"),
        iso.struct.field("4").alias("hh"),
        iso.struct.field("5").alias("mi"),
        iso.struct.field("6").alias("ss"),
        compact.struct.field("1").alias("cy"),
        compact.struct.field("2").alias("cm"),
        compact.struct.field("3").alias("cd"),
    ).with_columns(
        pl.coalesce("y", "cy").cast(pl.Int32).alias("Y"),
        pl.coalesce("m", "cm").cast(pl.Int32).alias("M"),
        pl.coalesce("d", "cd").cast(pl.Int32).alias("D"),
        pl.col("hh").cast(pl.Int32).fill_null(0).alias("H"),
        pl.col("mi").cast(pl.Int32).fill_null(0).alias("I"),
        pl.col("ss").cast(pl.Int32).fill_null(0).alias("S"),
    )
    ymd = (
        pl.col("Y").cast(pl.String)
        + "-"
        + pl.col("M").cast(pl.String).str.zfill(2)
        + "-"
        + pl.col("D").cast(pl.String).str.zfill(2)
    )
    frame = frame.with_columns(
        ymd.str.strptime(pl.Date, "%Y-%m-%d", strict=False).alias("date"),
        (
            pl.col("H").is_between(0, 23)
            & pl.col("I").is_between(0, 59)
            & pl.col("S").is_between(0, 59)
        ).alias("time_ok"),
    )
    serial = pl.col("t").str.contains(_SERIAL) & pl.lit(excel)
    serial_days = pl.col("t").cast(pl.Float64, strict=False)
    serial_dt = (
        (serial_days * 86_400_000_000).round(0).cast(pl.Int64) + _EXCEL_EPOCH_DAYS * 86_400_000_000
    ).cast(pl.Datetime("us"))
    parsed_dt = pl.col("date").cast(pl.Datetime("us")) + pl.duration(
        hours=pl.col("H"), minutes=pl.col("I"), seconds=pl.col("S")
    )
    frame = frame.with_columns(pl.when(serial).then(serial_dt).otherwise(parsed_dt).alias("value"))
    year = pl.col("value").dt.year()
    reason = (
        pl.when(pl.col("t").is_null())
        .then(None)
        .when(pl.col("t").str.contains(_YEAR_LAST))
        .then(pl.lit("import.ambiguous_date"))
        .when(serial)
        .then(
            pl.when(year.is_between(1900, 2100))
            .then(None)
            .otherwise(pl.lit("import.date_out_of_range"))
        )
        .when(pl.col("Y").is_null())
        .then(pl.lit("import.bad_date"))
        .when(pl.col("date").is_null() | ~pl.col("time_ok"))
        .then(pl.lit("import.invalid_date"))
        .when(~year.is_between(1900, 2100))
        .then(pl.lit("import.date_out_of_range"))
        .otherwise(None)
    )
    frame = frame.with_columns(reason.alias("reason"))
    value: pl.Expr = pl.when(pl.col("reason").is_null()).then(pl.col("value"))
    if not with_time:
        value = value.dt.date()
    out = frame.select(value.alias(s.name or "value"), pl.col("reason").cast(pl.String))
    return Parsed(out.to_series(0), out["reason"])


# --- amounts -----------------------------------------------------------------------

_CURRENCY = r"(?i)^(?:¥|￥|rmb|cny|\$|usd)\s*|\s*(?:元|rmb|cny|块)$"
_NUMBER = r"^([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.([0-9]*))?$"
#: a sign written before the currency (``-¥5``) goes after it (``¥-5``)
_SIGN_FIRST = r"(?i)^([+-])(¥|￥|rmb|cny|\$|usd)"
#: spaces between digits group thousands (``1 200``) like commas: ``1 2`` is refused
_DIGIT_SPACE = r"([0-9])\s+([0-9])"
_MAX_INT_DIGITS = 13  # 10^13 yuan: far beyond any real order, far inside Int64 fen


_PLAIN = r"^-?[0-9]{1,13}(?:\.[0-9]{1,2})?$"


def parse_amounts(s: pl.Series, *, excel: bool = False, allow_negative: bool = True) -> Parsed:
    """Money as integer fen (see the module doc for accepted spellings)."""
    plain = s.str.contains(_PLAIN).fill_null(False)
    if not allow_negative:
        plain = plain & ~s.str.starts_with("-").fill_null(False)
    cents = (s.cast(pl.Decimal(18, 2), strict=False) * 100).cast(pl.Int64, strict=False)
    fast = _null_where(cents, ~plain).alias(s.name or "value")
    return _patched(
        s,
        fast,
        lambda rest: _parse_amounts_general(rest, excel=excel, allow_negative=allow_negative),
    )


def _parse_amounts_general(s: pl.Series, *, excel: bool, allow_negative: bool) -> Parsed:
    text = (
        normalize_text(s)
        .str.replace_all(_DIGIT_SPACE, "$1,$2")
        .str.replace_all(r"\s+", "")
        .str.replace(_SIGN_FIRST, "$2$1")
    )
    frame = pl.DataFrame({"t": text}).with_columns(
        (pl.col("t").str.starts_with("(") & pl.col("t").str.ends_with(")")).alias("paren"),
    )
    body = pl.col("t").str.strip_prefix("(").str.strip_suffix(")")
    body = body.str.replace_all(_CURRENCY, "").str.replace_all(_CURRENCY, "")
    frame = frame.with_columns(body.alias("b"))
    frame = frame.with_columns(pl.col("b").str.ends_with("万").alias("wan")).with_columns(
        pl.col("b").str.strip_suffix("万").str.replace_all(_CURRENCY, "").alias("b")
    )
    groups = pl.col("b").str.extract_groups(_NUMBER)
    frame = frame.with_columns(
        groups.struct.field("1").alias("sign"),
        groups.struct.field("2").str.replace_all(",", "").alias("int"),
        groups.struct.field("3").alias("frac"),
    ).with_columns(
        (pl.col("int").is_not_null() | (pl.col("frac").str.len_chars() > 0)).alias("ok"),
        pl.col("int").fill_null("0").str.strip_chars_start("0").alias("int"),
        pl.col("frac").fill_null(""),
    )
    scale = pl.when(pl.col("wan")).then(6).otherwise(2)
    frac_len = pl.col("frac").str.len_chars()
    trimmed = pl.col("frac").str.strip_chars_end("0")
    noise = pl.lit(excel) & (frac_len >= 10)
    frame = frame.with_columns(
        (pl.col("int").str.len_chars() + pl.when(pl.col("wan")).then(4).otherwise(0)).alias(
            "digits"
        ),
        pl.when(noise).then(pl.col("frac")).otherwise(trimmed).alias("frac"),
        scale.alias("scale"),
    )
    # Excel float noise: 1200.4999999999998 -> round to fen when within 1e-6 of a fen
    frac_num = ("0." + pl.col("frac")).cast(pl.Float64, strict=False).fill_null(0.0)
    fen_float = frac_num * 10 ** pl.col("scale").cast(pl.Float64)
    is_noise = noise & ((fen_float - fen_float.round(0)).abs() < 1e-6)
    frame = frame.with_columns(
        pl.when(is_noise)
        .then(fen_float.round(0).cast(pl.Int64).cast(pl.String).str.zfill(pl.col("scale")))
        .otherwise(pl.col("frac"))
        .alias("frac")
    )
    too_precise = pl.col("frac").str.len_chars() > pl.col("scale")
    padded = pl.col("frac").str.pad_end(8, "0").str.slice(0, pl.col("scale"))
    unit = pl.when(pl.col("wan")).then(1_000_000).otherwise(100)
    magnitude = pl.col("int").replace("", "0").cast(pl.Int64, strict=False) * unit + padded.replace(
        "", "0"
    ).cast(pl.Int64, strict=False)
    negative = (pl.col("sign") == "-") | pl.col("paren")
    cents = pl.when(negative).then(-magnitude).otherwise(magnitude)
    reason = (
        pl.when(pl.col("t").is_null())
        .then(None)
        .when(~pl.col("ok").fill_null(False) | ((pl.col("sign") == "-") & pl.col("paren")))
        .then(pl.lit("import.bad_amount"))
        .when(pl.col("digits") > _MAX_INT_DIGITS)
        .then(pl.lit("import.amount_too_large"))
        .when(too_precise)
        .then(pl.lit("import.amount_precision"))
        .when(pl.lit(not allow_negative) & negative & (magnitude != 0))
        .then(pl.lit("import.negative_amount"))
        .otherwise(None)
    )
    out = frame.select(
        pl.when(reason.is_null() & pl.col("t").is_not_null())
        .then(cents)
        .otherwise(None)
        .alias(s.name or "value"),
        reason.cast(pl.String).alias("reason"),
    )
    return Parsed(out.to_series(0).cast(pl.Int64), out["reason"])


_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?"


def ungrouped(text: pl.Series) -> pl.Series:
    """Normalised number text without its thousands separators: commas (or spaces)
    between groups of three digits (``1,200.5``, ``1 200``) are dropped; a comma anywhere
    else (``7,5``, ``1,20``: a decimal comma or a slip) leaves the text unreadable, so
    that it is refused, not read as another number; other spaces are dropped."""
    spaced = text.str.replace_all(_DIGIT_SPACE, "$1,$2").str.replace_all(r"\s+", "")
    grouped = spaced.str.contains(f"(?:^|[^0-9,.]){_GROUPED}(?:$|[^0-9,.])")
    plain = spaced.str.replace_all(",", "")
    return (
        pl.select(
            pl.when(spaced.str.contains(",", literal=True) & ~grouped).then(spaced).otherwise(plain)
        )
        .to_series()
        .rename(text.name)
    )


def parse_numbers(
    s: pl.Series, *, minimum: float | None = None, maximum: float | None = None
) -> Parsed:
    """Numbers as people type them (see the module docstring); reasons are i18n keys."""
    text = normalize_text(s)
    cleaned = ungrouped(text).str.replace(r"^(?:[¥￥]|RMB|CNY)", "").str.replace(r"(?:元|%)$", "")
    wan = cleaned.str.ends_with("万").fill_null(False)
    values = cleaned.str.replace(r"万$", "").cast(pl.Float64, strict=False)
    values = pl.select(pl.when(wan).then(values * 10_000).otherwise(values)).to_series()
    frame = pl.DataFrame({"t": text, "v": values})
    bad = pl.col("t").is_not_null() & (pl.col("v").is_null() | ~pl.col("v").is_finite())
    low = -float("inf") if minimum is None else minimum
    high = float("inf") if maximum is None else maximum
    reason = (
        pl.when(bad)
        .then(pl.lit("table.bad_number"))
        .when(pl.col("v").is_not_null() & ~pl.col("v").is_between(low, high))
        .then(pl.lit("table.out_of_range"))
        .otherwise(None)
    )
    reasons = frame.select(reason.cast(pl.String).alias("r"))["r"]
    values = frame.select(pl.when(pl.col("v").is_finite()).then(pl.col("v")).alias("v"))["v"]
    return Parsed(values.rename(s.name), reasons)

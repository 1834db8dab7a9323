"""Frequency, recency, T and monetary value per customer, computed in the database engine.

Conventions (Fader, Hardie & Lee 2005; the same as ``lifetimes``'
``summary_data_from_transaction_data``):

- transactions are first summed per customer and **day**; a day with purchases is one
  purchase occasion;
- ``frequency`` (x) = purchase days in the calibration period minus one (repeat purchases);
- ``recency`` (t_x) = time from the first to the last purchase day; ``T`` = time from the
  first purchase day to the calibration end; both in the declared ``unit``
  (day = 1, week = 7, month = 365.25 / 12 days);
- ``monetary_value`` = mean of the repeat days' totals (0 when x = 0) — the Gamma-Gamma
  input ``zbar``;
- customers whose first purchase is on or after the calibration end are left out (they
  have no observation time, T = 0);
- with an ``observation_end`` after the calibration end, the holdout columns count purchase
  days in (calibration_end, observation_end] (``frequency_holdout``) and their mean spend,
  and ``duration_holdout`` is the holdout length in units.

The same SQL runs on DuckDB (frames, Parquet) here and, in :mod:`custvalue.clv.store`, on the
store (DuckDB or PostgreSQL): this module takes frames and returns frames.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import duckdb
import polars as pl

from custvalue._validation import check_columns
from custvalue.exceptions import DataValidationError

__all__ = [
    "SUMMARY_SCHEMA",
    "SUMMARY_SQL",
    "SUMMARY_SQL_DUCKDB",
    "UNITS",
    "Unit",
    "check_period",
    "duckdb_params",
    "finish_summary",
    "summarize",
]

Unit = Literal["day", "week", "month"]
UNITS: dict[str, float] = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}
_EPOCH = date(1970, 1, 1)
_INTEGERS = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32)

SUMMARY_SQL = """
WITH days AS (
    SELECT {cid} AS customer_id, CAST({ts} AS DATE) AS d, SUM({amount}) AS spend
    FROM {source}
    WHERE CAST({ts} AS DATE) <= CAST(? AS DATE)
    GROUP BY 1, 2
),
firsts AS (
    SELECT customer_id, MIN(d) AS first_day FROM days GROUP BY 1
),
cal AS (
    SELECT days.customer_id, firsts.first_day,
           COUNT(*) - 1 AS frequency,
           MAX(days.d) - firsts.first_day AS recency_days,
           CAST(? AS DATE) - firsts.first_day AS t_days,
           SUM(CASE WHEN days.d > firsts.first_day THEN spend END) AS repeat_spend
    FROM days JOIN firsts ON days.customer_id = firsts.customer_id
    WHERE days.d <= CAST(? AS DATE)
    GROUP BY days.customer_id, firsts.first_day
),
hold AS (
    SELECT customer_id, COUNT(*) AS frequency_holdout, AVG(spend) AS monetary_value_holdout
    FROM days WHERE d > CAST(? AS DATE)
    GROUP BY 1
)
SELECT cal.customer_id, cal.first_day AS first_purchase, cal.frequency,
       cal.recency_days, cal.t_days,
       CASE WHEN cal.frequency > 0 THEN cal.repeat_spend / cal.frequency ELSE 0 END
           AS monetary_value,
       COALESCE(hold.frequency_holdout, 0) AS frequency_holdout,
       COALESCE(hold.monetary_value_holdout, 0) AS monetary_value_holdout
FROM cal LEFT JOIN hold ON cal.customer_id = hold.customer_id
WHERE cal.t_days > 0
ORDER BY cal.customer_id
"""

# DuckDB: one grouping pass over the customer-days (arg_min and FILTER are DuckDB SQL)
SUMMARY_SQL_DUCKDB = """
WITH days AS (
    SELECT {cid} AS customer_id, CAST({ts} AS DATE) AS d, SUM({amount}) AS spend
    FROM {source}
    WHERE CAST({ts} AS DATE) <= CAST(? AS DATE)
    GROUP BY 1, 2
),
per AS (
    SELECT customer_id,
           MIN(d) FILTER (WHERE d <= CAST(? AS DATE)) AS first_day,
           MAX(d) FILTER (WHERE d <= CAST(? AS DATE)) AS last_day,
           COUNT(*) FILTER (WHERE d <= CAST(? AS DATE)) AS n_days,
           SUM(spend) FILTER (WHERE d <= CAST(? AS DATE)) AS total,
           arg_min(spend, d) FILTER (WHERE d <= CAST(? AS DATE)) AS first_spend,
           COUNT(*) FILTER (WHERE d > CAST(? AS DATE)) AS frequency_holdout,
           AVG(spend) FILTER (WHERE d > CAST(? AS DATE)) AS monetary_value_holdout
    FROM days GROUP BY 1
)
SELECT customer_id, first_day AS first_purchase, n_days - 1 AS frequency,
       last_day - first_day AS recency_days,
       CAST(? AS DATE) - first_day AS t_days,
       CASE WHEN n_days > 1 THEN (total - first_spend) / (n_days - 1) ELSE 0 END
           AS monetary_value,
       frequency_holdout,
       COALESCE(monetary_value_holdout, 0) AS monetary_value_holdout
FROM per
WHERE first_day IS NOT NULL AND first_day < CAST(? AS DATE)
"""

SUMMARY_SCHEMA = {
    "customer_id": pl.String,
    "first_purchase": pl.Date,
    "frequency": pl.Int64,
    "recency_days": pl.Int64,
    "t_days": pl.Int64,
    "monetary_value": pl.Float64,
    "frequency_holdout": pl.Int64,
    "monetary_value_holdout": pl.Float64,
}


def duckdb_params(end: date, calibration_end: date) -> list[date]:
    return [end, *([calibration_end] * 9)]


def check_period(unit: str, calibration_end: date, observation_end: date | None) -> date:
    """The observation end (``calibration_end`` without one) after checking the unit and
    that both are dates in order."""
    if not isinstance(unit, str) or unit not in UNITS:
        raise DataValidationError("clv.bad_unit", value=unit, choices=", ".join(UNITS))
    for name, value in (("calibration_end", calibration_end), ("observation_end", observation_end)):
        if value is not None and not isinstance(value, date) or (value is None and name[0] == "c"):
            raise DataValidationError("clv.not_a_date", name=name, got=value)
    end = observation_end or calibration_end
    if end < calibration_end:
        raise DataValidationError(
            "clv.bad_observation_end", observation_end=end, calibration_end=calibration_end
        )
    return end


def finish_summary(raw: pl.DataFrame, unit: str, calibration_end: date, end: date) -> pl.DataFrame:
    per = UNITS[unit]
    frame = raw.select(
        [pl.col(c) if c == "customer_id" else pl.col(c).cast(t) for c, t in SUMMARY_SCHEMA.items()]
    )
    out = frame.select(
        "customer_id",
        "first_purchase",
        "frequency",
        (pl.col("recency_days") / per).alias("recency"),
        (pl.col("t_days") / per).alias("T"),
        "monetary_value",
    )
    if end > calibration_end:
        out = out.with_columns(
            frame["frequency_holdout"],
            frame["monetary_value_holdout"],
            pl.lit((end - calibration_end).days / per).alias("duration_holdout"),
        )
    return out


def _summarize_duckdb(source: pl.DataFrame, calibration_end: date, end: date) -> pl.DataFrame:
    """The summary SQL run by DuckDB on a (customer_id, ts, amount) frame."""
    sql = SUMMARY_SQL_DUCKDB.format(cid="customer_id", ts="ts", amount="amount", source="tx")
    with duckdb.connect() as con:
        con.register("tx", source.to_arrow(compat_level=pl.CompatLevel.newest()))
        return pl.DataFrame(con.sql(sql, params=duckdb_params(end, calibration_end)).pl())


def _summarize_sorted(source: pl.DataFrame, calibration_end: date, end: date) -> pl.DataFrame:
    """The same summary from one sort of a packed (customer, day) key.

    A customer-day hash aggregation of tens of millions of transactions into millions
    of groups does not fit in cache; sorting a 64-bit key (customer code × days + day)
    once and aggregating runs of equal keys (group-bys on sorted keys) is several times
    faster and gives the same numbers (sums in another order: equal to rounding).
    """
    end_day = (end - _EPOCH).days
    cal_day = (calibration_end - _EPOCH).days
    frame = source.select(
        "customer_id",
        pl.col("ts").cast(pl.Date).cast(pl.Int32).cast(pl.Int64).alias("day"),
        "amount",
    ).filter(pl.col("day") <= end_day)
    if frame.height == 0:
        return pl.DataFrame(schema={**SUMMARY_SCHEMA, "customer_id": source["customer_id"].dtype})
    ids = frame["customer_id"]
    low_day = int(frame["day"].min())  # type: ignore[arg-type]
    span = int(frame["day"].max()) - low_day + 1  # type: ignore[arg-type]
    if ids.dtype.is_integer():
        low = int(ids.min())  # type: ignore[arg-type]
        codes = (ids.cast(pl.Int64) - low).alias("code")
        if (int(codes.max()) + 1) * span >= 2**62:  # type: ignore[arg-type]
            low, codes = 0, (ids.rank("dense").cast(pl.Int64) - 1).alias("code")
            lookup: pl.Series | None = ids.unique().sort()
        else:
            lookup = None
    else:
        low, codes = 0, (ids.rank("dense").cast(pl.Int64) - 1).alias("code")
        lookup = ids.unique().sort()
    keyed = frame.select(
        (codes * span + (pl.col("day") - low_day)).alias("key"), pl.col("amount")
    ).sort("key")
    days = (
        keyed.group_by("key", maintain_order=True)
        .agg(pl.col("amount").sum().alias("spend"))
        .select(
            (pl.col("key") // span).alias("code"),
            (pl.col("key") % span + low_day).alias("day"),
            "spend",
        )
        .set_sorted("code")
    )
    del keyed
    cal = pl.col("day") <= cal_day
    if end == calibration_end:
        aggs = [
            pl.len().alias("n_days"),
            pl.col("day").last().alias("last_day"),
            pl.col("spend").sum().alias("total"),
            pl.lit(0, dtype=pl.UInt32).alias("frequency_holdout"),
            pl.lit(0.0).alias("hold_total"),
        ]
    else:
        aggs = [
            cal.sum().alias("n_days"),
            pl.col("day").filter(cal).last().alias("last_day"),
            pl.col("spend").filter(cal).sum().alias("total"),
            (~cal).sum().alias("frequency_holdout"),
            pl.col("spend").filter(~cal).sum().alias("hold_total"),
        ]
    per = days.group_by("code", maintain_order=True).agg(
        pl.col("day").first().alias("first_day"),
        pl.col("spend").first().alias("first_spend"),
        *aggs,
    )
    del days
    customer = (
        (pl.col("code") + low).cast(ids.dtype)
        if lookup is None
        else pl.col("code").map_batches(lambda c: lookup.gather(c), return_dtype=ids.dtype)
    )
    return per.filter((pl.col("n_days") > 0) & (pl.col("first_day") < cal_day)).select(
        customer.alias("customer_id"),
        pl.col("first_day").cast(pl.Int32).cast(pl.Date).alias("first_purchase"),
        (pl.col("n_days").cast(pl.Int64) - 1).alias("frequency"),
        (pl.col("last_day") - pl.col("first_day")).alias("recency_days"),
        (cal_day - pl.col("first_day")).alias("t_days"),
        pl.when(pl.col("n_days") > 1)
        .then((pl.col("total") - pl.col("first_spend")) / (pl.col("n_days") - 1))
        .otherwise(0.0)
        .alias("monetary_value"),
        pl.col("frequency_holdout").cast(pl.Int64),
        pl.when(pl.col("frequency_holdout") > 0)
        .then(pl.col("hold_total") / pl.col("frequency_holdout"))
        .otherwise(0.0)
        .alias("monetary_value_holdout"),
    )


def summarize(
    transactions: pl.DataFrame,
    *,
    calibration_end: date,
    observation_end: date | None = None,
    unit: Unit = "week",
    customer_id: str = "customer_id",
    datetime_col: str = "ordered_at",
    amount: str = "amount",
) -> pl.DataFrame:
    """Per-customer summary of a transaction frame (see the module docstring).

    Returns customer_id, first_purchase, frequency, recency, T, monetary_value and, with
    a holdout, frequency_holdout, monetary_value_holdout, duration_holdout; one row per
    customer, ordered by customer_id.

    Dates and datetimes with no missing values take a sort-based path; anything else
    (dates as text, missing values) the DuckDB SQL, which gives the same summary.
    """
    end = check_period(unit, calibration_end, observation_end)
    check_columns(transactions, [customer_id, datetime_col, amount], frame_name="transactions")
    source = transactions.select(
        pl.col(customer_id).alias("customer_id"),
        pl.col(datetime_col).alias("ts"),
        pl.col(amount).cast(pl.Float64).alias("amount"),
    )
    ts_type = source["ts"].dtype
    fast = (
        source.height > 0
        and (ts_type == pl.Date or (isinstance(ts_type, pl.Datetime) and ts_type.time_zone is None))
        and source["customer_id"].dtype in (pl.String, *_INTEGERS)
        and source.null_count().sum_horizontal().item() == 0
    )
    if fast:
        raw = _summarize_sorted(source, calibration_end, end)
    else:
        raw = _summarize_duckdb(source, calibration_end, end).sort("customer_id")
    return finish_summary(raw, unit, calibration_end, end)

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

The same SQL runs on DuckDB (frames, Parquet, the embedded store) and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import duckdb
import polars as pl

from custvalue._validation import check_columns
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError

__all__ = ["UNITS", "Unit", "summarize", "summarize_store"]

Unit = Literal["day", "week", "month"]
UNITS: dict[str, float] = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}

_SQL = """
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
_SQL_DUCKDB = """
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

_SCHEMA = {
    "customer_id": pl.String,
    "first_purchase": pl.Date,
    "frequency": pl.Int64,
    "recency_days": pl.Int64,
    "t_days": pl.Int64,
    "monetary_value": pl.Float64,
    "frequency_holdout": pl.Int64,
    "monetary_value_holdout": pl.Float64,
}


def _duckdb_params(end: date, calibration_end: date) -> list[date]:
    return [end, *([calibration_end] * 9)]


def _check(unit: str, calibration_end: date, observation_end: date | None) -> date:
    if unit not in UNITS:
        raise DataValidationError("clv.bad_unit", value=unit, choices=", ".join(UNITS))
    end = observation_end or calibration_end
    if end < calibration_end:
        raise DataValidationError(
            "clv.bad_observation_end", observation_end=end, calibration_end=calibration_end
        )
    return end


def _finish(raw: pl.DataFrame, unit: str, calibration_end: date, end: date) -> pl.DataFrame:
    per = UNITS[unit]
    frame = raw.select(
        [pl.col(c) if c == "customer_id" else pl.col(c).cast(t) for c, t in _SCHEMA.items()]
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
    a holdout, frequency_holdout, monetary_value_holdout, duration_holdout.
    """
    end = _check(unit, calibration_end, observation_end)
    check_columns(transactions, [customer_id, datetime_col, amount], frame_name="transactions")
    source = transactions.select(
        pl.col(customer_id).alias("customer_id"),
        pl.col(datetime_col).alias("ts"),
        pl.col(amount).cast(pl.Float64).alias("amount"),
    )
    sql = _SQL_DUCKDB.format(cid="customer_id", ts="ts", amount="amount", source="tx")
    with duckdb.connect() as con:
        con.register("tx", source.to_arrow(compat_level=pl.CompatLevel.newest()))
        raw = pl.DataFrame(con.sql(sql, params=_duckdb_params(end, calibration_end)).pl())
    return _finish(raw, unit, calibration_end, end)


def summarize_store(
    db: Database,
    *,
    calibration_end: date,
    observation_end: date | None = None,
    unit: Unit = "week",
) -> pl.DataFrame:
    """The same summary from the store's ``orders`` table (amounts in yuan)."""
    end = _check(unit, calibration_end, observation_end)
    if db.dialect == "duckdb":
        sql = _SQL_DUCKDB.format(
            cid="customer_id", ts="ordered_at", amount="amount_cents / 100.0", source="orders"
        )
        raw = db.frame(sql, _duckdb_params(end, calibration_end))
    else:
        sql = _SQL.format(
            cid="customer_id", ts="ordered_at", amount="amount_cents / 100.0", source="orders"
        )
        raw = db.frame(sql, [end, calibration_end, calibration_end, calibration_end])
    if raw.height == 0:
        return _finish(pl.DataFrame(schema=_SCHEMA), unit, calibration_end, end)
    return _finish(raw, unit, calibration_end, end)

"""Benchmark: importing an orders CSV into the embedded store, vs a pandas loader.

    python bench/bench_import.py --rows 10000000 --customers 800000
    python bench/bench_import.py --rows 1000000 --messy 0.05

Writes a synthetic orders CSV (not timed): order id, customer, date, amount,
product, category; ``--messy`` is the share of rows typed the way people type
them (``2023/1/5``, ``2023年1月5日``, ``"1,200.50"``, ``¥300``). Then times, on
a fresh DuckDB file each:

- custvalue: ``import_file(db, "orders", path)`` — read, parse every value,
  validate, de-duplicate against the store, write in one transaction;
- pandas: ``read_csv(dtype=str)`` + ``to_datetime(format="mixed")`` + amount
  cleaning with ``str.replace`` + ``to_numeric`` + ``drop_duplicates`` + insert
  into the same DuckDB schema. It names no bad line and rounds money through
  floats, so it does less than custvalue; it is the loader people write by hand.

Checks both stored the same number of rows and the same total in fen. Needs
pandas (``pip install -r bench/requirements.txt``).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time

import numpy as np
import polars as pl

from custvalue.data.db import connect
from custvalue.data.importing import import_file


def write_orders_csv(path: str, rows: int, customers: int, messy: float, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    weights = rng.gamma(0.5, 1.0, customers)
    cust = rng.choice(customers, size=rows, p=weights / weights.sum())
    days = rng.integers(0, 5 * 365, rows)
    day = (np.datetime64("2020-01-01") + days.astype("timedelta64[D]")).astype("datetime64[D]")
    cents = rng.integers(100, 500_000, rows)
    category = rng.integers(0, 6, rows)
    frame = pl.DataFrame(
        {
            "order_id": np.char.add("SO", np.arange(rows).astype(str)),
            "customer_id": np.char.add("C", cust.astype(str)),
            "date": pl.Series(day).cast(pl.Date).cast(pl.String),
            "amount": pl.Series(cents).cast(pl.Decimal(18, 2)) / 100,
            "product": np.char.add("P", (category * 3 + rng.integers(0, 3, rows)).astype(str)),
            "category": np.char.add("K", category.astype(str)),
        }
    ).with_columns(pl.col("amount").cast(pl.String))
    if messy > 0:
        pick = pl.Series(rng.random(rows) < messy)
        style = pl.Series(rng.integers(0, 3, rows))
        d = pl.col("date").str.to_date()
        frame = frame.with_columns(
            pl.when(pick & (style == 0))
            .then(d.dt.strftime("%Y/%-m/%-d"))
            .when(pick & (style == 1))
            .then(d.dt.strftime("%Y年%-m月%-d日"))
            .otherwise(pl.col("date"))
            .alias("date"),
            pl.when(pick & (style == 2))
            .then("¥" + pl.col("amount"))
            .otherwise(pl.col("amount"))
            .alias("amount"),
        )
    frame.write_csv(path)


def pandas_import(path: str, db_path: str) -> tuple[int, int]:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    text = df["date"].str.replace("年", "-").str.replace("月", "-").str.replace("日", "")
    df["ordered_at"] = pd.to_datetime(text, format="mixed", errors="coerce")
    amount = df["amount"].str.replace(r"[¥,元]", "", regex=True)
    df["amount_cents"] = (pd.to_numeric(amount, errors="coerce") * 100).round().astype("Int64")
    df = df.dropna(subset=["ordered_at", "amount_cents"]).drop_duplicates("order_id")
    out = df[["order_id", "customer_id", "ordered_at", "amount_cents", "product", "category"]]
    db = connect(db_path)
    try:
        con = db._con  # noqa: SLF001 - the benchmark writes through the same engine
        with db.transaction():
            con.register("pandas_orders", out)
            con.execute(
                "INSERT INTO orders (order_id, customer_id, ordered_at, amount_cents, product, "
                "category, key_source) SELECT order_id, customer_id, ordered_at, amount_cents, "
                "product, category, 'id' FROM pandas_orders"
            )
            con.unregister("pandas_orders")
        return int(db.scalar("SELECT COUNT(*) FROM orders")), int(
            db.scalar("SELECT SUM(amount_cents) FROM orders")
        )
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--messy", type=float, default=0.02)
    parser.add_argument("--skip-pandas", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="cv-bench-")
    csv_path = os.path.join(tmp, "orders.csv")
    write_orders_csv(csv_path, args.rows, args.customers, args.messy)
    size_mb = os.path.getsize(csv_path) / 1e6
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"file: {args.rows:,} rows, {args.customers:,} customers, {size_mb:,.0f} MB, "
        f"messy share {args.messy:.0%}"
    )

    stages: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, fraction: float) -> None:
        if fraction >= 1.0:
            stages[stage] = time.perf_counter() - start

    db = connect(os.path.join(tmp, "custvalue.db"))
    result = import_file(db, "orders", csv_path, progress=progress)
    ours = time.perf_counter() - start
    stored = int(db.scalar("SELECT COUNT(*) FROM orders"))
    total = int(db.scalar("SELECT SUM(amount_cents) FROM orders"))
    db.close()
    marks = ", ".join(f"{k} done {v:.1f}s" for k, v in stages.items())
    print(
        f"custvalue import: {ours:.2f} s ({args.rows / ours:,.0f} rows/s; {marks}); "
        f"imported {result.imported:,}, rejected {len(result.rejected)}"
    )
    if not args.skip_pandas:
        start = time.perf_counter()
        rows, pandas_total = pandas_import(csv_path, os.path.join(tmp, "pandas.db"))
        theirs = time.perf_counter() - start
        print(f"pandas loader:    {theirs:.2f} s ({args.rows / theirs:,.0f} rows/s)")
        print(f"ratio pandas/custvalue: {theirs / ours:.2f}x")
        if (rows, pandas_total) != (stored, total):
            print(
                f"MISMATCH: pandas stored {rows:,} rows / {pandas_total} fen, "
                f"custvalue {stored:,} / {total}"
            )
        else:
            print(f"both stored {stored:,} rows, {total:,} fen")
    for name in os.listdir(tmp):
        os.remove(os.path.join(tmp, name))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()

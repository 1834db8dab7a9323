"""Benchmark: firm-side value per customer from a stored ledger, vs pandas.

    python bench/bench_value.py --orders 1000000 --customers 100000

Stores synthetic orders in a DuckDB file (not timed), then times
``customer_values(ledger_from_db(db))`` (SQL aggregation + polars) against the
same figures computed in pandas from the orders in memory (revenue per kind with
the documented kind rule, orders, first/last order). Checks both agree.
Needs pandas in the environment (``pip install -r bench/requirements.txt``).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from datetime import datetime

import numpy as np
import polars as pl


def make_orders(n: int, customers: int, seed: int = 1) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    weights = rng.gamma(0.5, 1.0, customers)
    cust = rng.choice(customers, size=n, p=weights / weights.sum())
    start = np.datetime64("2021-01-01T00:00:00", "s")
    seconds = rng.integers(0, 4 * 365 * 86400, n)
    category = rng.integers(0, 6, n)
    product = category * 3 + rng.integers(0, 3, n)
    return pl.DataFrame(
        {
            "order_id": np.arange(n).astype(str),
            "customer_id": np.char.add("C", cust.astype(str)),
            "ordered_at": (start + seconds.astype("timedelta64[s]")).astype("datetime64[us]"),
            "amount_cents": rng.integers(100, 500_000, n),
            "product": np.char.add("P", product.astype(str)),
            "category": np.char.add("K", category.astype(str)),
            "key_source": np.full(n, "id"),
        }
    )


def pandas_values(orders: pl.DataFrame) -> object:
    import pandas as pd

    df = orders.select(
        "customer_id", "ordered_at", "amount_cents", "product", "category"
    ).to_pandas()
    df["day"] = df["ordered_at"].dt.floor("D")
    df["first_day"] = df.groupby("customer_id")["day"].transform("min")
    df["cat_first"] = df.groupby(["customer_id", "category"])["day"].transform("min")
    df["prod_first"] = df.groupby(["customer_id", "product"])["day"].transform("min")
    kind = np.select(
        [
            df["amount_cents"] < 0,
            df["day"] == df["first_day"],
            df["day"] == df["cat_first"],
            df["day"] == df["prod_first"],
        ],
        ["refund", "first", "cross_sell", "upsell"],
        default="repeat",
    )
    df["kind"] = kind
    by_kind = df.pivot_table(
        index="customer_id", columns="kind", values="amount_cents", aggfunc="sum", fill_value=0
    )
    agg = df.groupby("customer_id").agg(
        revenue=("amount_cents", "sum"),
        orders=("amount_cents", "size"),
        first_order=("day", "min"),
        last_order=("day", "max"),
    )
    return pd.concat([agg, by_kind], axis=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()

    from custvalue.data.db import connect
    from custvalue.value import customer_values, ledger_from_db

    orders = make_orders(args.orders, args.customers)
    with tempfile.TemporaryDirectory() as tmp:
        db = connect(os.path.join(tmp, "bench.db"))
        with db.transaction():
            db.insert_frame("orders", orders)
            db.insert_frame("customers", orders.select("customer_id").unique())
        t0 = time.perf_counter()
        values = customer_values(ledger_from_db(db))
        ours = time.perf_counter() - t0
        db.close()
    t0 = time.perf_counter()
    peer = pandas_values(orders)
    theirs = time.perf_counter() - t0

    peer_rev = peer["revenue"].sort_index()  # type: ignore[index]
    our_rev = values.sort("customer_id")["revenue"].to_numpy() * 100
    assert np.allclose(peer_rev.to_numpy(), our_rev), "revenue differs from pandas"
    for kind in ("first", "upsell", "cross_sell", "repeat"):
        if kind in peer.columns:  # type: ignore[attr-defined]
            assert np.allclose(
                peer[kind].sort_index().to_numpy(),  # type: ignore[index]
                values.sort("customer_id")[kind].to_numpy() * 100,
            ), kind
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, {platform.python_version()}, "
        f"{datetime.now():%Y-%m-%d}"
    )
    print(f"orders={args.orders:,} customers={values.height:,}")
    print(f"custvalue (DuckDB store -> value table): {ours:.2f} s")
    print(f"pandas (in-memory frame, same figures):  {theirs:.2f} s")
    print(f"ratio pandas/custvalue: {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()

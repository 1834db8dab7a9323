"""Write a synthetic orders CSV of any size, fast (vectorised NumPy and Polars).

    python bench/make_orders.py --rows 10000000 --customers 800000 --out /tmp/orders_10m.csv
    python bench/make_orders.py --rows 1000000 --customers 80000 --out o.csv --seed 7 --no-id

Header ``order_id,customer_id,date,amount,product,category`` (``--no-id`` leaves
out ``order_id``, for files keyed by their content). Dates are ``YYYY-MM-DD``,
amounts yuan with two decimals, products and categories the demo company's
catalogue (custvalue.demo.CATEGORIES). The same seed writes the same file.

The shape follows the demo company, simplified: customers buy at gamma-
distributed rates (a few buy very often), each customer has a lognormal spend
level and orders vary around it, customers are won over the period (more each
year) and order only after they were won, each customer keeps to a home
category with some cross-buying. No refunds, no messy spellings (see
bench/bench_import.py --messy for those).
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from custvalue.demo import CATEGORIES


def make_orders(
    rows: int,
    customers: int,
    *,
    seed: int = 1,
    with_id: bool = True,
    start: date = date(2020, 1, 1),
    years: int = 5,
) -> pl.DataFrame:
    """The orders as a frame (date as Date, amount as Decimal(18, 2))."""
    rng = np.random.Generator(np.random.PCG64(seed))
    horizon = (date(start.year + years, start.month, start.day) - start).days
    epoch_day = (start - date(1970, 1, 1)).days

    # customers: purchase weight, spend level (yuan), acquisition day, home category
    weight = rng.gamma(0.6, 1.0, customers)
    level = rng.lognormal(6.3, 0.7, customers)
    won = (horizon * np.sqrt(rng.random(customers)) * 0.9).astype(np.int64)
    cats = list(CATEGORIES)
    share = np.array([CATEGORIES[c].share for c in cats])
    home = rng.choice(len(cats), customers, p=share / share.sum())

    # orders: how many each customer places (multinomial on the weights), when (after
    # the customer was won), what, how much
    per_customer = rng.multinomial(rows, weight / weight.sum())
    who = np.repeat(np.arange(customers), per_customer)
    day = won[who] + (rng.random(rows) * (horizon - won[who])).astype(np.int64)
    small = np.int16 if horizon < 2**15 else np.int32  # radix sort on small keys is fast
    by_date = np.argsort(day.astype(small), kind="stable")  # order ids follow the calendar
    who, day = who[by_date], day[by_date]
    cross = rng.random(rows) < 0.15
    category = np.where(cross, rng.integers(0, len(cats), rows), home[who])
    line = np.minimum(rng.geometric(0.6, rows) - 1, 2)
    product = category * 6 + line * 2 + rng.integers(0, 2, rows)
    price = np.array([CATEGORIES[c].price for c in cats])[category]
    line_price = np.array([1.0, 1.8, 3.2])[line]
    yuan = level[who] * price * line_price * rng.gamma(3.0, 1 / 3, rows)
    cents = np.maximum(np.round(yuan * 100), 100).astype(np.int64)

    width = max(6, len(str(customers)))
    customer_ids = "C" + pl.int_range(1, customers + 1, eager=True).cast(pl.String).str.zfill(width)
    products = pl.Series([p for c in cats for pair in CATEGORIES[c].products for p in pair])
    columns: dict[str, pl.Series] = {}
    if with_id:
        digits = len(str(rows))
        columns["order_id"] = "SO" + pl.int_range(1, rows + 1, eager=True).cast(
            pl.String
        ).str.zfill(digits)
    columns["customer_id"] = customer_ids.gather(pl.Series(who))
    columns["date"] = pl.Series(day + epoch_day, dtype=pl.Int32).cast(pl.Date)
    columns["amount"] = pl.Series(cents).cast(pl.Decimal(18, 2)) / 100
    columns["product"] = products.gather(pl.Series(product))
    columns["category"] = pl.Series(cats).gather(pl.Series(category))
    return pl.DataFrame(columns)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, required=True, help="number of orders")
    parser.add_argument("--customers", type=int, required=True, help="number of customers")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--no-id", action="store_true", help="leave out the order_id column")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.customers < 1:
        parser.error("--rows and --customers must be at least 1")

    began = time.perf_counter()
    frame = make_orders(args.rows, args.customers, seed=args.seed, with_id=not args.no_id)
    built = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(args.out)
    done = time.perf_counter()
    size = args.out.stat().st_size
    print(
        f"{args.out}: {args.rows:,} rows, {args.customers:,} customers, "
        f"{size / 1e6:,.1f} MB in {done - began:.1f} s "
        f"(generate {built - began:.1f} s, write {done - built:.1f} s)"
    )


if __name__ == "__main__":
    main()

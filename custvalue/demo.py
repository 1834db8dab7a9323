"""A deterministic demo company: an office-supplies and equipment distributor.

:func:`generate_demo` builds customers, orders and costs in the store's
canonical schema from a seed (same seed, same data). The story (docs/demo.md):

- customers are won over ``years`` years, more each year (acquisition dates
  with density growing linearly); about 22 % are referred by an earlier
  customer (chains occur naturally), the rest come through paid channels;
- each customer buys at their own rate (gamma-distributed, as in the
  BG/NBD / Pareto/NBD world) until they silently drop out (exponential
  lifetime, mean ``3`` years), so some have churned by the end;
- spend per order is lognormal across customers and gamma within a customer,
  which gives the usual skew (the top 20 % bring roughly 80 % of revenue);
- each customer has a home category; some orders cross into other categories
  and later orders move up to pricier product lines (up-sell);
- cost of goods is a category-specific share of the amount; about 1 % of
  orders are partly refunded; every customer has an acquisition cost (cheaper
  when referred); service visits and occasional other costs follow.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

__all__ = ["CATEGORIES", "DemoLedger", "generate_demo", "write_demo_files"]

#: category -> (cost of goods share, price multiplier, product lines basic/standard/premium)
CATEGORIES: dict[str, tuple[float, float, tuple[str, str, str]]] = {
    "办公用品": (0.70, 0.4, ("经济型文具套装", "标准文具套装", "高档文具礼盒")),
    "打印耗材": (0.62, 0.7, ("兼容墨盒", "原装墨盒", "原装硒鼓大容量")),
    "办公家具": (0.58, 2.2, ("基础办公椅", "人体工学椅", "行政办公套装")),
    "IT设备": (0.78, 3.0, ("入门打印机", "商用多功能一体机", "部门级彩色复合机")),
    "维保服务": (0.45, 1.2, ("单次维修", "年度维保", "全包驻场服务")),
}
_CITIES = ["上海", "北京", "广州", "深圳", "杭州", "南京", "成都", "武汉", "苏州", "天津"]
_WORDS = list("华信创达恒泰宏远鑫盛瑞丰永利嘉诚博通金辉新元汇德安凯明润")
_SUFFIX = [
    "贸易有限公司",
    "科技有限公司",
    "实业有限公司",
    "设计事务所",
    "咨询有限公司",
    "商贸有限公司",
    "律师事务所",
    "教育培训中心",
]
_INDUSTRIES = ["零售", "制造", "教育", "专业服务", "互联网", "医疗", "物流"]
_SIZES = ["小微企业", "中型企业", "大型企业"]


@dataclass(frozen=True)
class DemoLedger:
    """The demo company's customers, orders and costs (canonical store schema)."""

    customers: pl.DataFrame
    orders: pl.DataFrame
    costs: pl.DataFrame


def _ids(prefix: str, n: int, width: int = 5) -> list[str]:
    w = max(width, len(str(n)))
    return [f"{prefix}{i:0{w}d}" for i in range(1, n + 1)]


def generate_demo(
    *,
    seed: int = 20240101,
    n_customers: int = 3000,
    start: date = date(2020, 1, 1),
    years: int = 5,
) -> DemoLedger:
    """The demo company for ``seed`` (see the module docstring for the story)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    n = int(n_customers)
    horizon = int(years * 365.25)
    end_day = horizon - 1

    # customers, sorted by acquisition day
    acquired = np.sort((np.sqrt(rng.random(n)) * horizon).astype(np.int64))
    first_same_day = np.searchsorted(acquired, acquired, side="left")
    referred = (rng.random(n) < 0.22) & (first_same_day > 0)
    referrer = np.where(referred, (rng.random(n) * first_same_day).astype(np.int64), -1)
    ids = np.array(_ids("C", n))
    city = rng.integers(0, len(_CITIES), n)
    names = [
        f"{_CITIES[c]}{_WORDS[a]}{_WORDS[b]}{_SUFFIX[s]}"
        for c, a, b, s in zip(
            city,
            rng.integers(0, len(_WORDS), n),
            rng.integers(0, len(_WORDS), n),
            rng.integers(0, len(_SUFFIX), n),
            strict=True,
        )
    ]
    industry = rng.integers(0, len(_INDUSTRIES), n)
    size = rng.choice(3, n, p=[0.6, 0.3, 0.1])
    attributes = [
        json.dumps(
            {"city": _CITIES[c], "industry": _INDUSTRIES[i], "segment": _SIZES[s]},
            ensure_ascii=False,
        )
        for c, i, s in zip(city, industry, size, strict=True)
    ]
    day0 = np.datetime64(start.isoformat(), "D")
    customers = pl.DataFrame(
        {
            "customer_id": ids,
            "name": names,
            "attributes": attributes,
            "acquired_on": (day0 + acquired.astype("timedelta64[D]")).astype("datetime64[D]"),
            "referred_by": [
                str(ids[r]) if ok else None for r, ok in zip(referrer, referred, strict=True)
            ],
        },
        schema={
            "customer_id": pl.String,
            "name": pl.String,
            "attributes": pl.String,
            "acquired_on": pl.Date,
            "referred_by": pl.String,
        },
    )

    # purchase process: rate per year, dropout, spend level, home category
    rate = rng.gamma(1.2, 2.5, n) * (1 + 0.5 * size)  # orders per year
    lifetime = rng.exponential(3.0 * 365.25, n)
    last_active = np.minimum(acquired + lifetime, end_day).astype(np.int64)
    span = np.maximum(last_active - acquired, 0)
    extra = rng.poisson(rate * span / 365.25)
    counts = 1 + extra
    spend = rng.lognormal(6.3, 0.7, n) * (1 + size)  # yuan per order, before category
    home = rng.integers(0, len(CATEGORIES), n)

    owner = np.repeat(np.arange(n), counts)
    m = len(owner)
    first_flags = np.zeros(m, dtype=bool)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    first_flags[starts] = True
    offset = np.where(first_flags, 0, (rng.random(m) * (span[owner] + 1)).astype(np.int64))
    day = acquired[owner] + offset
    seconds = rng.integers(9 * 3600, 18 * 3600, m)
    order = np.lexsort((seconds, day, owner))
    owner, day, seconds, first_flags = owner[order], day[order], seconds[order], first_flags[order]
    seq = np.arange(m) - np.repeat(starts, counts)  # 0 for each customer's first order
    cats = list(CATEGORIES)
    cross = (rng.random(m) < 0.18) & (seq > 0)
    category = np.where(cross, rng.integers(0, len(cats), m), home[owner])
    tier = np.clip((seq + rng.integers(0, 6, m)) // 6, 0, 2)
    tier = np.where(seq == 0, 0, tier)
    cogs_share = np.array([CATEGORIES[c][0] for c in cats])[category]
    price = np.array([CATEGORIES[c][1] for c in cats])[category]
    amount_yuan = np.maximum(
        np.round(spend[owner] * price * np.array([1.0, 1.6, 2.5])[tier] * rng.gamma(4.0, 0.25, m)),
        5,
    )
    amount = amount_yuan.astype(np.int64) * 100
    cost = np.round(amount * cogs_share * rng.uniform(0.92, 1.08, m)).astype(np.int64)
    products = np.array([[CATEGORIES[c][2][k] for k in range(3)] for c in cats])[category, tier]
    when = (day0 + day.astype("timedelta64[D]")).astype("datetime64[us]") + (
        seconds * 1_000_000
    ).astype("timedelta64[us]")
    order_ids = np.array(_ids("SO", m, 7))
    orders = pl.DataFrame(
        {
            "order_id": order_ids,
            "customer_id": ids[owner],
            "ordered_at": when,
            "amount_cents": amount,
            "cost_cents": cost,
            "product": products,
            "category": np.array(cats)[category],
        }
    ).with_columns(pl.lit(None, pl.String).alias("kind"))

    # refunds: about 1 % of repeat orders, part of the amount, a few days later
    refund_rows = np.flatnonzero((rng.random(m) < 0.01) & (seq > 0))
    share = rng.choice([0.25, 0.5, 1.0], len(refund_rows))
    refund_day = np.minimum(day[refund_rows] + rng.integers(2, 30, len(refund_rows)), end_day)
    refund_amount = -(np.round(amount[refund_rows] * share / 100).astype(np.int64) * 100)
    refunds = pl.DataFrame(
        {
            "order_id": np.char.add("RF", order_ids[refund_rows].astype(str)),
            "customer_id": ids[owner[refund_rows]],
            "ordered_at": (day0 + refund_day.astype("timedelta64[D]")).astype("datetime64[us]")
            + np.timedelta64(15, "h"),
            "amount_cents": refund_amount,
            "cost_cents": np.zeros(len(refund_rows), dtype=np.int64),
            "product": products[refund_rows],
            "category": np.array(cats)[category[refund_rows]],
            "kind": np.full(len(refund_rows), "refund"),
        }
    )
    orders = (
        pl.concat([orders, refunds])
        .with_columns(pl.col("ordered_at").cast(pl.Datetime("us")))
        .sort("ordered_at", "order_id")
    )

    # costs: acquisition for everyone, service visits, occasional other costs
    acq_cost = np.where(referred, rng.integers(200, 600, n), rng.integers(800, 2500, n)) * 100
    service_n = rng.poisson(span / 365.25 * 0.8 * (1 + size))
    s_owner = np.repeat(np.arange(n), service_n)
    s_day = acquired[s_owner] + (rng.random(len(s_owner)) * (span[s_owner] + 1)).astype(np.int64)
    s_amount = rng.integers(50, 500, len(s_owner)) * 100
    o_owner = np.flatnonzero(rng.random(n) < 0.03)
    o_day = acquired[o_owner] + (rng.random(len(o_owner)) * (span[o_owner] + 1)).astype(np.int64)
    o_amount = rng.integers(100, 1500, len(o_owner)) * 100
    c_owner = np.concatenate([np.arange(n), s_owner, o_owner])
    c_day = np.concatenate([acquired, s_day, o_day])
    c_amount = np.concatenate([acq_cost, s_amount, o_amount])
    c_kind = np.array(["acquisition"] * n + ["service"] * len(s_owner) + ["other"] * len(o_owner))
    note_of = {"acquisition": "获客成本", "service": "上门服务", "other": "客户招待"}
    channel = np.where(referred, "推荐获客", "渠道获客")
    notes = np.concatenate(
        [
            channel,
            np.full(len(s_owner), note_of["service"]),
            np.full(len(o_owner), note_of["other"]),
        ]
    )
    c_order = np.lexsort((c_owner, c_day))
    costs = pl.DataFrame(
        {
            "cost_id": np.array(_ids("CS", len(c_order), 6)),
            "customer_id": ids[c_owner[c_order]],
            "incurred_on": (day0 + c_day[c_order].astype("timedelta64[D]")).astype("datetime64[D]"),
            "amount_cents": c_amount[c_order].astype(np.int64),
            "kind": c_kind[c_order],
            "note": notes[c_order],
        },
        schema={
            "cost_id": pl.String,
            "customer_id": pl.String,
            "incurred_on": pl.Date,
            "amount_cents": pl.Int64,
            "kind": pl.String,
            "note": pl.String,
        },
    )
    return DemoLedger(customers=customers, orders=orders, costs=costs)


def write_demo_files(directory: Path, ledger: DemoLedger) -> dict[str, Path]:
    """Write customers.csv, orders.csv and costs.csv (UTF-8) for ``custvalue import``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    attrs = ledger.customers["attributes"].str.json_decode(
        pl.Struct({"city": pl.String, "industry": pl.String, "segment": pl.String})
    )
    customers = ledger.customers.select(
        "customer_id", "name", pl.col("acquired_on").cast(pl.String), "referred_by"
    ).with_columns(attrs.struct.unnest())
    orders = ledger.orders.select(
        "order_id",
        "customer_id",
        pl.col("ordered_at").dt.strftime("%Y-%m-%d %H:%M:%S"),
        (pl.col("amount_cents").cast(pl.Decimal(20, 2)) / 100).cast(pl.String).alias("amount"),
        (pl.col("cost_cents").cast(pl.Decimal(20, 2)) / 100).cast(pl.String).alias("cost"),
        "product",
        "category",
        "kind",
    )
    costs = ledger.costs.select(
        "cost_id",
        "customer_id",
        pl.col("incurred_on").cast(pl.String).alias("date"),
        (pl.col("amount_cents").cast(pl.Decimal(20, 2)) / 100).cast(pl.String).alias("amount"),
        "kind",
        "note",
    )
    paths = {name: directory / f"{name}.csv" for name in ("customers", "orders", "costs")}
    customers.write_csv(paths["customers"])
    orders.write_csv(paths["orders"])
    costs.write_csv(paths["costs"])
    return paths


def demo_period(start: date = date(2020, 1, 1), years: int = 5) -> tuple[date, date]:
    """First and last day of the demo company's history."""
    return start, start + timedelta(days=int(years * 365.25) - 1)

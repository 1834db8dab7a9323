"""Ledger facts: the per customer × year × purchase-kind aggregates every value
figure is built from.

The same SQL runs inside the store (DuckDB or PostgreSQL, so ten million orders
never leave the engine: :func:`custvalue.value.store.ledger_from_db`) and on in-memory
frames through an embedded DuckDB connection (:func:`ledger_from_frames`), so notebooks
need no database. This module never opens the store: :func:`aggregate` takes the
function that runs a query, whichever engine it runs in.

Purchase kinds. An order of an added service — its category or, failing that, its
product is one of the service names or ends with a ``*suffix`` among them
(:data:`SERVICE_CATEGORIES` by default, compared without case and surrounding spaces) and
its amount is not negative — is ``service``
(value added, 增值价值), whatever its kind column says. For the other orders an explicit
``kind`` wins; otherwise the first matching rule below, evaluated per customer in date
order over the goods orders:

1. ``refund``      the amount is negative;
2. ``first``       the order is on the customer's first purchase day;
3. ``cross_sell``  the order's category was first bought by the customer that day
                   (a product line new to the customer, SPEC §1.2 交叉购买);
4. ``upsell``      the order's product was first bought that day, in a category the
                   customer already had (an upgrade within a known line, 向上购买);
5. ``repeat``      anything else (the same product again, 重复购买).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import duckdb
import polars as pl

from custvalue._validation import check_columns
from custvalue.exceptions import DataValidationError

__all__ = [
    "COST_KINDS",
    "PURCHASE_KINDS",
    "SERVICE_CATEGORIES",
    "Ledger",
    "Query",
    "aggregate",
    "ledger_from_frames",
    "service_names",
]

#: runs one SQL query (``?`` placeholders, portable syntax) with its parameters and returns
#: the result as a frame — ``Database.frame`` for the store, an embedded DuckDB for frames
Query = Callable[[str, Sequence[Any]], pl.DataFrame]

PURCHASE_KINDS = ("first", "repeat", "upsell", "cross_sell", "service", "refund")
COST_KINDS = ("acquisition", "service", "other")

#: categories (or products) of added services counted as value added by default; a name
#: written ``*suffix`` matches every name ending so (``*服务``: 维保服务, 打印管理服务 …; not
#: 服务器, a server)
SERVICE_CATEGORIES: tuple[str, ...] = (
    "*服务",
    "售后",
    "咨询",
    "培训",
    "技术支持",
    "维修",
    "维保",
    "保养",
    "安装",
    "延保",
    "延长保修",
    "快速响应",
    "运维",
    "*service",
    "*services",
    "after-sales",
    "consulting",
    "consultancy",
    "training",
    "support",
    "technical support",
    "maintenance",
    "repair",
    "installation",
    "extended warranty",
)

_ORDER_FACTS = """
WITH o AS (
    SELECT customer_id, amount_cents, COALESCE(cost_cents, 0) AS cost_cents,
           product, category, kind, CAST(ordered_at AS DATE) AS day,
           COALESCE({service}, FALSE) AS is_service
    FROM {orders} WHERE ordered_at < ?
), f AS (
    SELECT *,
           MIN(CASE WHEN NOT is_service THEN day END)
               OVER (PARTITION BY customer_id) AS first_day,
           MIN(CASE WHEN NOT is_service THEN day END)
               OVER (PARTITION BY customer_id, category) AS category_first,
           MIN(CASE WHEN NOT is_service THEN day END)
               OVER (PARTITION BY customer_id, product) AS product_first
    FROM o
), k AS (
    SELECT customer_id, day, amount_cents, cost_cents,
           CASE WHEN is_service AND amount_cents >= 0 THEN 'service'
           ELSE COALESCE(kind, CASE
               WHEN amount_cents < 0 THEN 'refund'
               WHEN day = first_day THEN 'first'
               WHEN category IS NOT NULL AND day = category_first THEN 'cross_sell'
               WHEN product IS NOT NULL AND day = product_first THEN 'upsell'
               ELSE 'repeat' END) END AS kind
    FROM f
)
SELECT customer_id, CAST(EXTRACT(YEAR FROM day) AS INTEGER) AS year, kind,
       CAST(COUNT(*) AS BIGINT) AS orders,
       CAST(SUM(amount_cents) AS BIGINT) AS amount_cents,
       CAST(SUM(cost_cents) AS BIGINT) AS cost_cents
FROM k GROUP BY customer_id, CAST(EXTRACT(YEAR FROM day) AS INTEGER), kind
"""

_COST_FACTS = """
SELECT customer_id, CAST(EXTRACT(YEAR FROM incurred_on) AS INTEGER) AS year, kind,
       CAST(SUM(amount_cents) AS BIGINT) AS amount_cents
FROM {costs} WHERE incurred_on < ?
GROUP BY customer_id, CAST(EXTRACT(YEAR FROM incurred_on) AS INTEGER), kind
"""

_ACTIVITY = """
SELECT customer_id,
       CAST(SUM(CASE WHEN amount_cents >= 0 THEN 1 ELSE 0 END) AS BIGINT) AS orders,
       MIN(CAST(ordered_at AS DATE)) AS first_order,
       MAX(CAST(ordered_at AS DATE)) AS last_order,
       CAST(SUM(CASE WHEN ordered_at >= ? THEN amount_cents ELSE 0 END) AS BIGINT)
           AS revenue_last_12m_cents,
       CAST(SUM(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN amount_cents ELSE 0 END)
           AS BIGINT) AS revenue_prev_12m_cents
FROM {orders} WHERE ordered_at < ?
GROUP BY customer_id
"""

_CUSTOMERS = "SELECT customer_id, name, acquired_on, referred_by FROM {customers}"

_SCHEMAS: dict[str, dict[str, Any]] = {
    "orders": {
        "customer_id": pl.String,
        "year": pl.Int32,
        "kind": pl.String,
        "orders": pl.Int64,
        "amount_cents": pl.Int64,
        "cost_cents": pl.Int64,
    },
    "costs": {
        "customer_id": pl.String,
        "year": pl.Int32,
        "kind": pl.String,
        "amount_cents": pl.Int64,
    },
    "activity": {
        "customer_id": pl.String,
        "orders": pl.Int64,
        "first_order": pl.Date,
        "last_order": pl.Date,
        "revenue_last_12m_cents": pl.Int64,
        "revenue_prev_12m_cents": pl.Int64,
    },
    "customers": {
        "customer_id": pl.String,
        "name": pl.String,
        "acquired_on": pl.Date,
        "referred_by": pl.String,
    },
}


@dataclass(frozen=True)
class Ledger:
    """Aggregated facts as of a date (amounts in integer cents).

    Attributes
    ----------
    as_of
        Last day included.
    orders
        customer_id, year, kind, orders, amount_cents, cost_cents.
    costs
        customer_id, year, kind (acquisition/service/other), amount_cents.
    activity
        customer_id, orders, first_order, last_order, revenue_last_12m_cents,
        revenue_prev_12m_cents (the 365 days up to ``as_of`` and the 365 before).
    customers
        customer_id, name, acquired_on, referred_by.
    service_categories
        The names (normalised) whose orders counted as added services.
    """

    as_of: date
    orders: pl.DataFrame
    costs: pl.DataFrame
    activity: pl.DataFrame
    customers: pl.DataFrame
    service_categories: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there are no customers and no orders (nothing imported yet)."""
        return self.customers.height == 0 and self.orders.height == 0


def service_names(names: Iterable[str] | None = None) -> tuple[str, ...]:
    """The service names, normalised (stripped, lower case, duplicates dropped), in order.

    ``None`` gives :data:`SERVICE_CATEGORIES`; an empty list counts no order as a service.
    A name ``*suffix`` matches every category (or product) ending with ``suffix``. A single
    string is refused (it would be read letter by letter), and so is a bare ``*``.
    """
    if names is None:
        names = SERVICE_CATEGORIES
    if isinstance(names, str | bytes) or not isinstance(names, Iterable):
        raise DataValidationError("value.bad_service_categories", got=repr(names))
    out: dict[str, None] = {}
    for name in names:
        if not isinstance(name, str) or not name.strip().lstrip("*").strip():
            raise DataValidationError("value.bad_service_categories", got=repr(name))
        if name.strip().startswith("*"):
            name = "*" + name.strip()[1:].strip()
        out[name.strip().lower()] = None
    return tuple(out)


def _service_sql(names: tuple[str, ...]) -> tuple[str, list[str]]:
    """The SQL test of a service order and its parameters: the category (or, without a
    category, the product) equals a name, or ends with a name written ``*suffix``."""
    exact = [n for n in names if not n.startswith("*")]
    suffixes = [n[1:] for n in names if n.startswith("*") and n[1:]]
    if not exact and not suffixes:
        return "FALSE", []

    def test(column: str) -> tuple[str, list[str]]:
        value = f"LOWER(TRIM({column}))"
        parts, params = [], []
        if exact:
            parts.append(f"{value} IN ({', '.join('?' for _ in exact)})")
            params += exact
        for suffix in suffixes:
            parts.append(f"RIGHT({value}, {len(suffix)}) = ?")
            params.append(suffix)
        return "(" + " OR ".join(parts) + ")", params

    category, by_category = test("category")
    product, by_product = test("product")
    return f"({category} OR (category IS NULL AND {product}))", [*by_category, *by_product]


def _typed(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    schema = _SCHEMAS[name]
    if frame.height == 0:
        return pl.DataFrame(schema=schema)
    return frame.select([pl.col(col).cast(dtype) for col, dtype in schema.items()])


def aggregate(
    query: Query,
    *,
    tables: Mapping[str, str],
    as_of: date | None = None,
    service_categories: Iterable[str] | None = None,
) -> Ledger:
    """The ledger aggregated by ``query`` from the tables named in ``tables`` (keys
    ``orders``, ``costs``, ``customers``), as of ``as_of`` (default: the latest order or
    cost date), counting the orders of ``service_categories`` as added services."""
    services = service_names(service_categories)
    as_of = as_of or _default_as_of(query, tables)
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    year_ago = end - timedelta(days=365)
    two_years_ago = end - timedelta(days=730)
    service_sql, service_params = _service_sql(services)
    orders = query(_ORDER_FACTS.format(service=service_sql, **tables), [*service_params, end])
    costs = query(_COST_FACTS.format(**tables), [end.date()])
    activity = query(_ACTIVITY.format(**tables), [year_ago, two_years_ago, year_ago, end])
    customers = query(_CUSTOMERS.format(**tables), [])
    return Ledger(
        as_of=as_of,
        orders=_typed(orders, "orders"),
        costs=_typed(costs, "costs"),
        activity=_typed(activity, "activity"),
        customers=_typed(customers, "customers"),
        service_categories=services,
    )


def _default_as_of(query: Query, tables: Mapping[str, str]) -> date:
    latest = query(
        f"SELECT (SELECT MAX(CAST(ordered_at AS DATE)) FROM {tables['orders']}) AS orders_day,"
        f" (SELECT MAX(incurred_on) FROM {tables['costs']}) AS costs_day",
        [],
    )
    days = [d for d in latest.row(0) if d is not None] if latest.height else []
    if not days:
        return date.today()
    return max(d.date() if isinstance(d, datetime) else d for d in days)


def _order_frame(orders: pl.DataFrame) -> pl.DataFrame:
    check_columns(orders, ["customer_id", "ordered_at"], frame_name="orders")
    if "amount_cents" not in orders.columns:
        check_columns(orders, ["amount"], frame_name="orders")
        orders = orders.with_columns(
            (pl.col("amount").cast(pl.Float64) * 100).round(0).cast(pl.Int64).alias("amount_cents")
        )
    if "cost_cents" not in orders.columns and "cost" in orders.columns:
        orders = orders.with_columns(
            (pl.col("cost").cast(pl.Float64) * 100).round(0).cast(pl.Int64).alias("cost_cents")
        )
    fills = {"cost_cents": pl.Int64, "product": pl.String, "category": pl.String, "kind": pl.String}
    return orders.with_columns(
        [pl.lit(None, dtype=t).alias(c) for c, t in fills.items() if c not in orders.columns]
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("ordered_at").cast(pl.Datetime("us")),
    )


def _cost_frame(costs: pl.DataFrame | None) -> pl.DataFrame:
    if costs is None:
        return pl.DataFrame(
            schema={
                "customer_id": pl.String,
                "incurred_on": pl.Date,
                "amount_cents": pl.Int64,
                "kind": pl.String,
            }
        )
    check_columns(costs, ["customer_id", "incurred_on", "kind"], frame_name="costs")
    if "amount_cents" not in costs.columns:
        check_columns(costs, ["amount"], frame_name="costs")
        costs = costs.with_columns(
            (pl.col("amount").cast(pl.Float64) * 100).round(0).cast(pl.Int64).alias("amount_cents")
        )
    return costs.with_columns(
        pl.col("customer_id").cast(pl.String), pl.col("incurred_on").cast(pl.Date)
    )


def _customer_frame(customers: pl.DataFrame | None, orders: pl.DataFrame) -> pl.DataFrame:
    if customers is None:
        customers = orders.select("customer_id").unique(maintain_order=True)
    check_columns(customers, ["customer_id"], frame_name="customers")
    fills = {"name": pl.String, "acquired_on": pl.Date, "referred_by": pl.String}
    return customers.with_columns(
        [pl.lit(None, dtype=t).alias(c) for c, t in fills.items() if c not in customers.columns]
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("referred_by").cast(pl.String))


def ledger_from_frames(
    orders: pl.DataFrame,
    *,
    costs: pl.DataFrame | None = None,
    customers: pl.DataFrame | None = None,
    as_of: date | None = None,
    service_categories: Iterable[str] | None = None,
) -> Ledger:
    """Aggregate in-memory frames with the same SQL as the store (no database needed).

    Parameters
    ----------
    orders
        customer_id, ordered_at, and amount_cents (integer cents) or amount
        (yuan); optional cost_cents/cost, product, category, kind.
    costs
        customer_id, incurred_on, kind (acquisition/service/other), and
        amount_cents or amount.
    customers
        customer_id; optional name, acquired_on, referred_by. Default: the
        customers found in ``orders``.
    as_of
        Last day included; default the latest order or cost date.
    service_categories
        Categories (or products) of added services whose orders are value added
        (default :data:`SERVICE_CATEGORIES`; ``[]`` for none).
    """
    services = service_names(service_categories)
    tables = {
        "orders": _order_frame(orders),
        "costs": _cost_frame(costs),
        "customers": _customer_frame(customers, orders),
    }
    con = duckdb.connect(":memory:")
    try:
        names = {key: f"_ledger_{key}" for key in tables}
        for key, frame in tables.items():
            con.register(names[key], frame.to_arrow())

        def query(sql: str, params: Sequence[Any]) -> pl.DataFrame:
            return pl.DataFrame(con.sql(sql, params=list(params)).pl())

        return aggregate(query, tables=names, as_of=as_of, service_categories=services)
    finally:
        con.close()

"""Firm-side value of each customer (SPEC §1.1–1.3).

All arithmetic is done in integer cents; results are converted to yuan
(``Float64``) only at the end.

Definitions (per customer, per calendar year and in total up to ``as_of``):

- ``revenue``          own order amounts (refunds are negative orders);
  split into ``first``, ``repeat``, ``upsell``, ``cross_sell``, ``service`` (orders of
  added services: after-sales service, consulting, training …) and ``refund``;
- ``cogs`` / ``margin`` cost of goods when given, ``margin = revenue - cogs``;
- ``cost``             ``acquisition_cost + service_cost + other_cost``;
- ``realized_value``   ``margin - cost`` (既成价值);
- ``referral_revenue`` revenue of every customer they referred, directly or
  through the customers those referred (影响价值, gross);
- ``referral_net``     the same customers' ``margin - cost``;
- ``sustained_value``  ``realized_value + referral_net`` (客户持续价值): own revenue
  minus acquisition and service cost plus the net revenue of referred customers;
- ``profit`` (yearly)  the same sum for the year: the "1 = 12800" table's column;
- seeds' variant       customer value = ``basic_value + value_added - (cogs + cost)``
  (客户价值 = 基本价值 + 增值价值 − 代价) with ``basic_value`` = the revenue of the goods
  (first + repeat + upsell + cross-sell + refunds) and ``value_added`` = the revenue of
  the added services the customer buys (``service``); on history it equals
  ``realized_value``. Up-sell and cross-sell are kinds of goods purchase, not value added.

Sustained values are not additive across customers: a referred customer's
revenue appears in their own value and in every referrer's above them.
"""

from __future__ import annotations

import polars as pl

from custvalue.value.ledger import COST_KINDS, PURCHASE_KINDS, Ledger
from custvalue.value.referral import referral_edges, roll_up

__all__ = ["MONEY_COLUMNS", "VALUE_COLUMNS", "customer_values", "yearly_values"]

_OWN = [
    "revenue",
    *PURCHASE_KINDS,
    "cogs",
    "margin",
    "acquisition_cost",
    "service_cost",
    "other_cost",
    "cost",
    "realized_value",
]
_ROLLED = ["referral_revenue", "referral_net"]
MONEY_COLUMNS: tuple[str, ...] = (
    *_OWN,
    *_ROLLED,
    "sustained_value",
    "potential_value",
    "overall_value",
    "profit",
    "basic_value",
    "value_added",
    "revenue_last_12m",
    "revenue_prev_12m",
)


#: the columns of :func:`customer_values`, in order
VALUE_COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "acquired_on",
    "first_order",
    "last_order",
    "recency_days",
    "orders",
    *_OWN,
    "referred_customers",
    "referral_network",
    *_ROLLED,
    "sustained_value",
    "basic_value",
    "value_added",
    "revenue_last_12m",
    "revenue_prev_12m",
)


def _own_by_year(ledger: Ledger) -> pl.DataFrame:
    """Own figures in cents per (customer_id, year)."""
    orders = ledger.orders
    by_kind = orders.group_by("customer_id", "year").agg(
        pl.col("orders").filter(pl.col("kind") != "refund").sum().alias("orders"),
        pl.col("amount_cents").sum().alias("revenue"),
        pl.col("cost_cents").sum().alias("cogs"),
        *[
            pl.col("amount_cents").filter(pl.col("kind") == kind).sum().alias(kind)
            for kind in PURCHASE_KINDS
        ],
    )
    costs = ledger.costs.group_by("customer_id", "year").agg(
        *[
            pl.col("amount_cents").filter(pl.col("kind") == kind).sum().alias(f"{kind}_cost")
            for kind in COST_KINDS
        ]
    )
    own = by_kind.join(costs, on=["customer_id", "year"], how="full", coalesce=True)
    numeric = [c for c in own.columns if c not in ("customer_id", "year")]
    return (
        own.with_columns(pl.col(numeric).fill_null(0).cast(pl.Int64))
        .with_columns(
            (pl.col("revenue") - pl.col("cogs")).alias("margin"),
            (pl.col("acquisition_cost") + pl.col("service_cost") + pl.col("other_cost")).alias(
                "cost"
            ),
        )
        .with_columns((pl.col("margin") - pl.col("cost")).alias("realized_value"))
    )


def _fill_years(frame: pl.DataFrame) -> pl.DataFrame:
    """One row for every year between a customer's first and last active year."""
    spans = (
        frame.group_by("customer_id").agg(
            pl.int_ranges(pl.col("year").min(), pl.col("year").max() + 1).first().alias("year")
        )
        if frame.height
        else frame.select("customer_id", "year")
    )
    full = spans.explode("year").with_columns(pl.col("year").cast(pl.Int32))
    joined = full.join(frame, on=["customer_id", "year"], how="left")
    numeric = [c for c in frame.columns if c not in ("customer_id", "year")]
    return joined.with_columns(pl.col(numeric).fill_null(0))


def _cents_to_yuan(frame: pl.DataFrame) -> pl.DataFrame:
    money = [c for c in MONEY_COLUMNS if c in frame.columns]
    return frame.with_columns([(pl.col(c).cast(pl.Float64) / 100).alias(c) for c in money])


def yearly_values(ledger: Ledger, *, referral_depth: int | None = None) -> pl.DataFrame:
    """Per customer and calendar year: own figures, referral figures and profit.

    Parameters
    ----------
    ledger
        From :func:`~custvalue.value.store.ledger_from_db` or
        :func:`~custvalue.value.ledger.ledger_from_frames`.
    referral_depth
        Levels of referral counted (1 = direct referrals only; default all).

    Returns
    -------
    pl.DataFrame
        customer_id, year, orders, revenue, first, repeat, upsell, cross_sell,
        service, refund, cogs, margin, acquisition_cost, service_cost, other_cost, cost,
        realized_value, referral_revenue, referral_net, profit (money in yuan),
        sorted by customer_id and year.

    Examples
    --------
    >>> import polars as pl
    >>> from datetime import datetime
    >>> from custvalue.value import ledger_from_frames
    >>> orders = pl.DataFrame({"customer_id": ["A", "B"], "amount": [800.0, 500.0],
    ...     "ordered_at": [datetime(2020, 3, 1), datetime(2021, 5, 1)]})
    >>> customers = pl.DataFrame({"customer_id": ["A", "B"], "referred_by": [None, "A"]})
    >>> years = yearly_values(ledger_from_frames(orders, customers=customers))
    >>> a = years.filter(pl.col("customer_id") == "A")
    >>> a.select("year", "revenue", "referral_revenue", "profit").rows()
    [(2020, 800.0, 0.0, 800.0), (2021, 0.0, 500.0, 500.0)]
    """
    own = _own_by_year(ledger)
    edges = referral_edges(ledger.customers)
    rolled = roll_up(
        own.select(
            "customer_id",
            "year",
            pl.col("revenue").alias("referral_revenue"),
            pl.col("realized_value").alias("referral_net"),
        ),
        edges,
        columns=_ROLLED,
        by=["year"],
        max_depth=referral_depth,
    )
    table = own.join(rolled, on=["customer_id", "year"], how="full", coalesce=True)
    table = _fill_years(table).with_columns(
        (pl.col("realized_value") + pl.col("referral_net")).alias("profit")
    )
    ordered = ["customer_id", "year", "orders", *_OWN, *_ROLLED, "profit"]
    return _cents_to_yuan(table.select(ordered).sort("customer_id", "year"))


def customer_values(ledger: Ledger, *, referral_depth: int | None = None) -> pl.DataFrame:
    """One row per customer: realized, influence and sustained value, and activity.

    Every customer in ``ledger.customers`` appears, with zeros when they have
    no orders or costs. Money in yuan. See the module docstring for the
    definitions.

    Returns
    -------
    pl.DataFrame
        customer_id, name, acquired_on, first_order, last_order, recency_days,
        orders, revenue, first, repeat, upsell, cross_sell, service, refund,
        cogs, margin, acquisition_cost, service_cost, other_cost, cost,
        realized_value, referred_customers, referral_network,
        referral_revenue, referral_net, sustained_value, basic_value,
        value_added, revenue_last_12m, revenue_prev_12m.
    """
    own = _own_by_year(ledger).drop("year", "orders").group_by("customer_id").sum()
    edges = referral_edges(ledger.customers)
    # one walk up the referral forest carries the money and the head count together
    people = ledger.customers.select("customer_id", pl.lit(1, pl.Int64).alias("referral_network"))
    flows = people.join(
        own.select(
            "customer_id",
            pl.col("revenue").alias("referral_revenue"),
            pl.col("realized_value").alias("referral_net"),
        ),
        on="customer_id",
        how="left",
    ).with_columns(pl.col(_ROLLED).fill_null(0))
    network = roll_up(
        flows, edges, columns=[*_ROLLED, "referral_network"], max_depth=referral_depth
    )
    direct = edges.group_by(pl.col("referred_by").alias("customer_id")).agg(
        pl.len().cast(pl.Int64).alias("referred_customers")
    )
    activity = ledger.activity.rename(
        {"revenue_last_12m_cents": "revenue_last_12m", "revenue_prev_12m_cents": "revenue_prev_12m"}
    )
    table = (
        ledger.customers.select("customer_id", "name", "acquired_on")
        .join(activity, on="customer_id", how="left")
        .join(own, on="customer_id", how="left")
        .join(network, on="customer_id", how="left")
        .join(direct, on="customer_id", how="left")
    )
    counts = ["orders", "referred_customers", "referral_network"]
    cents = [*_OWN, *_ROLLED, "revenue_last_12m", "revenue_prev_12m"]
    table = table.with_columns(pl.col([*counts, *cents]).fill_null(0).cast(pl.Int64)).with_columns(
        (pl.col("realized_value") + pl.col("referral_net")).alias("sustained_value"),
        (
            pl.col("first")
            + pl.col("repeat")
            + pl.col("upsell")
            + pl.col("cross_sell")
            + pl.col("refund")
        ).alias("basic_value"),
        pl.col("service").alias("value_added"),
        (pl.lit(ledger.as_of) - pl.col("last_order")).dt.total_days().alias("recency_days"),
        pl.coalesce("acquired_on", "first_order").alias("acquired_on"),
    )
    return _cents_to_yuan(table.select(VALUE_COLUMNS).sort("customer_id"))

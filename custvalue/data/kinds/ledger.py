"""The ledger kinds: customers, orders and costs (``custvalue import customers|orders|costs``).

Header synonyms are in :data:`custvalue.data.columns.COLUMNS`; money is integer cents
(分) in the store. Orders and costs without an id column get a content key (see
:mod:`custvalue.data.pipeline`); a customer's extra columns are kept as attributes.
"""

from __future__ import annotations

import polars as pl

from custvalue.data.columns import COLUMNS, COST_KIND_SYNONYMS, ORDER_KIND_SYNONYMS
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec

__all__ = ["COSTS", "CUSTOMERS", "ORDERS"]


def _self_referral(
    rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, list[Rejection]]:
    """Nobody refers themselves."""
    own = rows.filter(pl.col("referred_by") == pl.col("customer_id"))
    if own.height == 0:
        return rows, []
    header = context.headers.get("referred_by")
    refused = [
        Rejection(int(line), header, ref, "import.self_referral")
        for line, ref in own.select("_line", "referred_by").iter_rows()
    ]
    return rows.join(own.select("_line"), on="_line", how="anti"), refused


_C = COLUMNS["customers"]
CUSTOMERS = TableSpec(
    "import.kind_customers",
    (
        Field("customer_id", "id", _C["customer_id"]),
        Field("name", "text", _C["name"], required=False),
        Field("acquired_on", "date", _C["acquired_on"], required=False),
        Field("referred_by", "id", _C["referred_by"], required=False),
    ),
    kind="customers",
    key=("customer_id",),
    table="customers",
    extra_columns="attributes",
    duplicates="keep_first",
    checks=(_self_referral,),
)

_O = COLUMNS["orders"]
ORDERS = TableSpec(
    "import.kind_orders",
    (
        Field("order_id", "id", _O["order_id"], required=False, needs_value=True),
        Field("customer_id", "id", _O["customer_id"]),
        Field("date", "datetime", _O["date"], stored="ordered_at"),
        Field("amount", "money", _O["amount"], stored="amount_cents"),
        Field("cost", "money", _O["cost"], required=False, minimum=0, stored="cost_cents"),
        Field("product", "text", _O["product"], required=False),
        Field("category", "text", _O["category"], required=False),
        Field("kind", "choice", _O["kind"], required=False, choices=ORDER_KIND_SYNONYMS),
    ),
    kind="orders",
    key=("order_id",),
    table="orders",
    content_key="order_id",
    duplicates="keep_first",
)

_K = COLUMNS["costs"]
COSTS = TableSpec(
    "import.kind_costs",
    (
        Field("cost_id", "id", _K["cost_id"], required=False, needs_value=True),
        Field("customer_id", "id", _K["customer_id"]),
        Field("date", "date", _K["date"], stored="incurred_on"),
        Field("amount", "money", _K["amount"], minimum=0, stored="amount_cents"),
        Field("kind", "choice", _K["kind"], choices=COST_KIND_SYNONYMS),
        Field("note", "text", _K["note"], required=False),
    ),
    kind="costs",
    key=("cost_id",),
    table="costs",
    content_key="cost_id",
    duplicates="keep_first",
)

"""Firm-side value of each customer: realized, influence (referral) and sustained value."""

from custvalue.value.firm import MONEY_COLUMNS, VALUE_COLUMNS, customer_values, yearly_values
from custvalue.value.formulas import basic_value, seed_customer_value, sustained_value
from custvalue.value.ledger import (
    COST_KINDS,
    PURCHASE_KINDS,
    SERVICE_CATEGORIES,
    Ledger,
    ledger_from_frames,
    service_names,
)
from custvalue.value.potential import with_potential_value
from custvalue.value.referral import find_cycle, referral_edges, roll_up
from custvalue.value.store import ledger_from_db

__all__ = [
    "COST_KINDS",
    "MONEY_COLUMNS",
    "PURCHASE_KINDS",
    "SERVICE_CATEGORIES",
    "VALUE_COLUMNS",
    "Ledger",
    "basic_value",
    "customer_values",
    "find_cycle",
    "ledger_from_db",
    "ledger_from_frames",
    "referral_edges",
    "roll_up",
    "seed_customer_value",
    "service_names",
    "sustained_value",
    "with_potential_value",
    "yearly_values",
]

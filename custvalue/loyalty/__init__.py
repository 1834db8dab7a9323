"""Loyalty: each customer's stage, loyalty type and the views the seeds insist on
(satisfied but at risk, false loyalty, promoters who have not referred anyone yet);
design in docs/satisfaction.md §3. Pure functions over frames."""

from __future__ import annotations

from custvalue.loyalty.items import (
    DIMENSIONS,
    KINDS,
    LoyaltyItem,
    load_items,
    loyalty_index,
    loyalty_kinds,
)
from custvalue.loyalty.stages import STAGES, StageRules, load_rules, loyalty_stages
from custvalue.loyalty.total import PARTS, TotalValue, total_value
from custvalue.loyalty.types import LOYALTY_TYPES, loyalty_types
from custvalue.loyalty.views import false_loyalty, satisfied_at_risk, silent_promoters

__all__ = [
    "DIMENSIONS",
    "KINDS",
    "LoyaltyItem",
    "load_items",
    "loyalty_index",
    "loyalty_kinds",
    "LOYALTY_TYPES",
    "PARTS",
    "STAGES",
    "StageRules",
    "TotalValue",
    "false_loyalty",
    "load_rules",
    "loyalty_stages",
    "loyalty_types",
    "satisfied_at_risk",
    "silent_promoters",
    "total_value",
]

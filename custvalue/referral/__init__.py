"""The referral programme and the customer doubling plan (客户倍增计划): who is credited
with a new customer and the rewards it earns (``programme``), which customers are
excellent and whom to ask for a referral (``excellent``), and how far referrals carry
the plan to multiply the base (``plan``). Pure functions over polars frames."""

from __future__ import annotations

from custvalue.referral.excellent import CRITERIA, Criteria, Excellent, excellent_customers
from custvalue.referral.plan import UNITS, Goal, Progress, add_months, plan_progress
from custvalue.referral.programme import (
    KINDS,
    REASONS,
    SOURCES,
    STATES,
    Credits,
    RewardRules,
    credit_referrals,
    reason_label,
    state_label,
)

__all__ = [
    "CRITERIA",
    "KINDS",
    "REASONS",
    "SOURCES",
    "STATES",
    "UNITS",
    "Credits",
    "Criteria",
    "Excellent",
    "Goal",
    "Progress",
    "RewardRules",
    "add_months",
    "credit_referrals",
    "excellent_customers",
    "plan_progress",
    "reason_label",
    "state_label",
]

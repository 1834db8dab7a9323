"""Retention economics (留住老客户) and win-back (客户再生): pure functions on frames.

- :mod:`~custvalue.retention.cohorts` — :func:`observed_retention` by acquisition cohort
  and tenure (the incomplete last period dropped), :func:`sbg_retention` the sBG model
  of :mod:`custvalue.clv` fitted to it and projected;
- :mod:`~custvalue.retention.simulator` — :class:`Assumptions`, :func:`simulate` (the
  leaky bucket year by year), :func:`compare`, and the seeds' two claims tested on the
  user's numbers: :func:`churn_claim` (5 points less churn → 25–85 % more profit) and
  :func:`cost_ratio_claim` (a new customer costs 5–8 times keeping one);
- :mod:`~custvalue.retention.winback` — :func:`winback_list`: the lapsed customers ranked
  by former value × odds of winning them back, with the likely reason they left.
"""

from __future__ import annotations

from custvalue.retention.cohorts import Cohorts, SbgRetention, observed_retention, sbg_retention
from custvalue.retention.simulator import (
    Assumptions,
    ChurnClaim,
    Comparison,
    CostRatio,
    Projection,
    churn_claim,
    compare,
    cost_ratio_claim,
    simulate,
)
from custvalue.retention.winback import LapseRule, WinBack, winback_list

__all__ = [
    "Assumptions",
    "ChurnClaim",
    "Cohorts",
    "Comparison",
    "CostRatio",
    "LapseRule",
    "Projection",
    "SbgRetention",
    "WinBack",
    "churn_claim",
    "compare",
    "cost_ratio_claim",
    "observed_retention",
    "sbg_retention",
    "simulate",
    "winback_list",
]

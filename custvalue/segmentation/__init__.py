"""Segmenting customers by value: RFM, profitability tiers, 80/20, key customers.

Pure, vectorised functions over the frame of :func:`custvalue.value.customer_values`
(or any polars frame with the needed columns); no database needed. See
docs/segmentation.md for the definitions and the segment map format.

>>> scores = rfm_scores(values, bins=5, ties="first")          # doctest: +SKIP
>>> segment_summary(rfm_segments(scores, segment_map="cn8"))   # doctest: +SKIP
"""

from custvalue.segmentation.classes import CLASSES, classify_customers
from custvalue.segmentation.maps import (
    BUILTIN_MAPS,
    METHODS,
    Segment,
    SegmentMap,
    builtin_order,
    load_segment_map,
)
from custvalue.segmentation.pareto import gini, loss_summary, pareto_curve, pareto_summary
from custvalue.segmentation.rfm import TIES, rfm_scores, rfm_segments, segment_summary
from custvalue.segmentation.sentences import (
    pareto_sentences,
    tier_conditions,
    tier_rule_line,
    tier_sentences,
)
from custvalue.segmentation.tiers import (
    DEFAULT_BANDS,
    RULES,
    TIER_NAMES,
    TierRule,
    apply_tier_rule,
    profitability_tiers,
    tier_keys,
    tier_rule,
    tier_summary,
)

__all__ = [
    "BUILTIN_MAPS",
    "CLASSES",
    "DEFAULT_BANDS",
    "METHODS",
    "RULES",
    "TIER_NAMES",
    "TIES",
    "Segment",
    "SegmentMap",
    "TierRule",
    "apply_tier_rule",
    "builtin_order",
    "classify_customers",
    "gini",
    "load_segment_map",
    "loss_summary",
    "pareto_curve",
    "pareto_sentences",
    "pareto_summary",
    "profitability_tiers",
    "rfm_scores",
    "rfm_segments",
    "segment_summary",
    "tier_conditions",
    "tier_keys",
    "tier_rule",
    "tier_rule_line",
    "tier_sentences",
    "tier_summary",
]

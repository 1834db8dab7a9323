"""Segmenting customers by value: RFM, profitability tiers, 80/20, key customers.

Pure, vectorised functions over the frame of :func:`custvalue.value.customer_values`
(or any polars frame with the needed columns); no database needed. See
docs/segmentation.md for the definitions and the segment map format.

>>> import polars as pl
>>> values = pl.DataFrame({"customer_id": ["A", "B", "C", "D"],
...     "recency_days": [5, 40, 200, 400], "orders": [12, 6, 2, 1],
...     "revenue": [9600.0, 3000.0, 500.0, 80.0]})
>>> scores = rfm_scores(values, bins=2, ties="first")
>>> scores["rfm_cell"].to_list()
['222', '222', '111', '111']
>>> segments = rfm_segments(scores, segment_map="cn8")   # the Chinese 8-class map: vs the mean
>>> segments["segment"].to_list()
['important_value', 'general_value', 'general_retain', 'general_retain']
>>> segment_summary(segments).select("segment", "customers", "revenue").rows()
[('important_value', 1, 9600.0), ('general_value', 1, 3000.0), ('general_retain', 2, 580.0)]
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

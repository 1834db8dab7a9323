"""Segmenting customers by value: RFM, profitability tiers, 80/20, key customers.

Pure functions over the frame of :func:`custvalue.value.customer_values` (or any
frame with the needed columns); see docs/segmentation.md.
"""

from custvalue.segmentation.classes import CLASSES, classify_customers
from custvalue.segmentation.maps import BUILTIN_MAPS, SegmentMap, load_segment_map
from custvalue.segmentation.pareto import gini, pareto_curve, pareto_summary
from custvalue.segmentation.rfm import TIES, rfm_scores, rfm_segments, segment_summary
from custvalue.segmentation.tiers import (
    DEFAULT_BANDS,
    TIER_NAMES,
    profitability_tiers,
    tier_summary,
)

__all__ = [
    "BUILTIN_MAPS",
    "CLASSES",
    "DEFAULT_BANDS",
    "TIER_NAMES",
    "TIES",
    "SegmentMap",
    "classify_customers",
    "gini",
    "load_segment_map",
    "pareto_curve",
    "pareto_summary",
    "profitability_tiers",
    "rfm_scores",
    "rfm_segments",
    "segment_summary",
    "tier_summary",
]

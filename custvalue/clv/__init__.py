"""Predictive customer lifetime value: potential value, P(alive) and CLV (SPEC §1.4).

- :func:`summarize` / :func:`summarize_store` — frequency, recency, T, monetary value in
  SQL (DuckDB or PostgreSQL), with a calibration/holdout split;
- :class:`BetaGeoModel` (BG/NBD), :class:`ModifiedBetaGeoModel` (MBG/NBD),
  :class:`ParetoNBDModel` (Pareto/NBD), :class:`GammaGammaModel` (spend) — scikit-learn
  style estimators fitted by maximum likelihood on unique histories with exact gradients.
"""

from custvalue.clv.bgbb import BetaGeoBetaBinomModel
from custvalue.clv.bgnbd import BetaGeoModel, ModifiedBetaGeoModel
from custvalue.clv.gammagamma import GammaGammaModel
from custvalue.clv.pareto import ParetoNBDModel
from custvalue.clv.sbg import ShiftedBetaGeometricModel
from custvalue.clv.summary import UNITS, summarize, summarize_store

__all__ = [
    "UNITS",
    "BetaGeoBetaBinomModel",
    "BetaGeoModel",
    "GammaGammaModel",
    "ModifiedBetaGeoModel",
    "ParetoNBDModel",
    "ShiftedBetaGeometricModel",
    "summarize",
    "summarize_store",
]

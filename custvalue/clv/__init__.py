"""Predictive customer lifetime value: potential value, P(alive) and CLV (SPEC §1.4).

- :func:`summarize` — frequency, recency, T, monetary value of a transaction frame, with a
  calibration/holdout split; :func:`summarize_store` the same from the store (it lives in
  :mod:`custvalue.clv.store`: the analysis modules never import the store);
- :class:`BetaGeoModel` (BG/NBD), :class:`ModifiedBetaGeoModel` (MBG/NBD),
  :class:`ParetoNBDModel` (Pareto/NBD), :class:`GammaGammaModel` (spend) — scikit-learn
  style estimators fitted by maximum likelihood on unique histories with exact gradients.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from custvalue.clv.bgbb import BetaGeoBetaBinomModel
    from custvalue.clv.bgnbd import BetaGeoModel, ModifiedBetaGeoModel
    from custvalue.clv.gammagamma import GammaGammaModel
    from custvalue.clv.pareto import ParetoNBDModel
    from custvalue.clv.sbg import ShiftedBetaGeometricModel
    from custvalue.clv.store import summarize_store
    from custvalue.clv.summary import UNITS, summarize

#: the most discounting steps (horizon / step) of one CLV computation; here, where the
#: option checks read it without loading the models
MAX_STEPS = 10_000

# Submodules are imported on first use (``custvalue.clv.X``), so that importing
# one light part of the package does not import the heavy ones (scipy).
_LAZY = {
    "BetaGeoBetaBinomModel": "custvalue.clv.bgbb",
    "BetaGeoModel": "custvalue.clv.bgnbd",
    "ModifiedBetaGeoModel": "custvalue.clv.bgnbd",
    "GammaGammaModel": "custvalue.clv.gammagamma",
    "ParetoNBDModel": "custvalue.clv.pareto",
    "ShiftedBetaGeometricModel": "custvalue.clv.sbg",
    "UNITS": "custvalue.clv.summary",
    "summarize": "custvalue.clv.summary",
    "summarize_store": "custvalue.clv.store",
}

__all__ = [
    "MAX_STEPS",
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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

"""What customers say, measured: satisfaction, NPS, CSAT, CES, SERVQUAL gaps,
importance–performance, key drivers and Kano (design: docs/satisfaction.md).

Pure functions over frames or score sequences, usable in a notebook without a store;
each returns a frozen result with ``to_dict()``. Imports are lazy: ``from
custvalue.satisfaction import nps`` loads only what NPS needs.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "nps": "net_promoter",
    "NPSResult": "net_promoter",
    "nps_change": "net_promoter",
    "NPSChange": "net_promoter",
    "csat": "scores",
    "ces": "scores",
    "ScoreResult": "scores",
    "disconfirmation": "gaps",
    "Disconfirmation": "gaps",
    "servqual": "service_quality",
    "ServqualResult": "service_quality",
    "load_items": "service_quality",
    "ipa": "importance",
    "IPAResult": "importance",
    "key_drivers": "drivers",
    "KeyDrivers": "drivers",
    "kano": "kano_model",
    "KanoResult": "kano_model",
    "wave_changes": "changes",
    "respondent_gaps": "service_quality",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module = importlib.import_module(f"custvalue.satisfaction.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(name)

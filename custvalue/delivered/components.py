"""The components of customer delivered value (Kotler), their spellings, groups and labels.

The vocabulary (codes, spellings, parts of perceived value) lives in the data layer,
:mod:`custvalue.data.kinds.components`, since the offerings importer reads files with it;
it is re-exported here beside the labels in the user's language.
"""

from __future__ import annotations

from custvalue.data.kinds.components import (
    GROUP_CHOICES,
    GROUP_NAMES,
    GROUPS,
    MONETARY,
    SEED_ITEMS,
    STANDARD,
    canonical_component,
    canonical_group,
    component_group,
    component_kind,
)
from custvalue.i18n import has_key, t

__all__ = [
    "GROUPS",
    "GROUP_CHOICES",
    "GROUP_NAMES",
    "MONETARY",
    "SEED_ITEMS",
    "STANDARD",
    "canonical_component",
    "canonical_group",
    "component_group",
    "component_kind",
    "component_label",
    "group_label",
]


def component_label(code: str, lang: str | None = None) -> str:
    """A standard component in the user's language; a user-defined one as written."""
    key = f"delivered.component_{code}"
    return t(key, lang=lang) if code in STANDARD and has_key(key) else code


def group_label(group: str, lang: str | None = None) -> str:
    """A part of perceived value in the user's language (``"functional"`` → 功能价值)."""
    return t(f"delivered.group_{group}", lang=lang)

"""The components of customer delivered value (Kotler) and their spellings.

Total customer value = product + service + personnel + image value
[产品价值 + 服务价值 + 人员价值 + 形象价值]; total customer cost = monetary + time +
energy (mental) + physical cost [货币成本 + 时间成本 + 精神成本 + 体力成本]
(Kotler & Keller, *Marketing Management*, "customer delivered value"). The eight
standard components are stored as codes (:data:`STANDARD`) and shown in the user's
language; any other name is a user-defined component (e.g. 合作关系, 技术支持, 转换成本)
kept as written, and must say whether it is a value or a cost.
"""

from __future__ import annotations

from custvalue.data.columns import normalize_header
from custvalue.i18n import has_key, t

__all__ = [
    "MONETARY",
    "STANDARD",
    "canonical_component",
    "component_kind",
    "component_label",
]

#: standard component code -> "value" or "cost"
STANDARD: dict[str, str] = {
    "product": "value",
    "service": "value",
    "personnel": "value",
    "image": "value",
    "monetary": "cost",
    "time": "cost",
    "energy": "cost",
    "physical": "cost",
}
#: the price the customer pays (Anderson's test compares value net of the other costs with it)
MONETARY = "monetary"

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "product": ("product", "product value", "产品价值", "产品", "产品质量价值"),
    "service": ("service", "service value", "服务价值", "服务"),
    "personnel": (
        "personnel",
        "personnel value",
        "people",
        "staff",
        "人员价值",
        "人员",
        "员工",
    ),
    "image": ("image", "image value", "brand", "形象价值", "形象", "品牌形象", "品牌"),
    "monetary": (
        "monetary",
        "monetary cost",
        "money",
        "price",
        "货币成本",
        "货币",
        "价格",
        "价钱",
        "售价",
    ),
    "time": ("time", "time cost", "时间成本", "时间"),
    "energy": (
        "energy",
        "energy cost",
        "mental",
        "mental cost",
        "psychic cost",
        "精神成本",
        "精力成本",
        "精神",
        "精力",
    ),
    "physical": ("physical", "physical cost", "体力成本", "体力"),
}
_LOOKUP = {
    normalize_header(spelling): code
    for code, spellings in _SPELLINGS.items()
    for spelling in spellings
}


def canonical_component(name: str) -> str:
    """The code of a standard component (``"产品价值"`` → ``"product"``), else ``name``."""
    return _LOOKUP.get(normalize_header(name), name.strip())


def component_kind(code: str) -> str | None:
    """``"value"`` or ``"cost"`` for a standard component, ``None`` for a user-defined one."""
    return STANDARD.get(code)


def component_label(code: str, lang: str | None = None) -> str:
    """A standard component in the user's language; a user-defined one as written."""
    key = f"delivered.component_{code}"
    return t(key, lang=lang) if code in STANDARD and has_key(key) else code

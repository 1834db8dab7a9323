"""The components of customer delivered value (Kotler), their spellings and groups: the
vocabulary the offerings table spec (:mod:`custvalue.data.kinds.survey`) reads files with,
re-exported with its labels by :mod:`custvalue.delivered.components`.

Total customer value = product + service + personnel + image value
[产品价值 + 服务价值 + 人员价值 + 形象价值]; total customer cost = monetary + time +
energy (physical effort) + psychic (mental) cost [货币成本 + 时间成本 + 体力成本 + 精神成本]
(Kotler & Keller, *Marketing Management*, "customer delivered value"). The four costs
are distinct: Kotler's "energy cost" is 体力成本 (also written physical cost) and his
"psychic cost" is 精神成本 (the seeds also write 精力成本, later Chinese editions
心理成本); the seeds call the monetary cost 产品成本 too.

The seed's coil example names its own value items, kept under their own names
(:data:`SEED_ITEMS`): 产品品牌价值, 企业影响力价值, 良好的服务价值, 多年的合作愉快价值,
购买相关人员的利益, 购买相关人员的情感价值.

Perceived value splits into functional, social and emotional parts [功能价值, 社会价值,
情感价值]; :data:`GROUPS` maps every standard value component to one of them (costs
have no group). Any other name is a user-defined component (e.g. 保修年限, 技术支持,
转换成本) kept as written: it must say whether it is a value or a cost, and may name its
group (:func:`canonical_group`); without one it is counted as ``other``.
"""

from __future__ import annotations

from custvalue.data.columns import normalize_header

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
]

#: standard component code -> "value" or "cost" (Kotler's eight, then the seed's items)
STANDARD: dict[str, str] = {
    "product": "value",
    "service": "value",
    "personnel": "value",
    "image": "value",
    "product_brand": "value",
    "influence": "value",
    "good_service": "value",
    "cooperation": "value",
    "buyer_benefit": "value",
    "buyer_emotion": "value",
    "monetary": "cost",
    "time": "cost",
    "energy": "cost",
    "psychic": "cost",
}
#: the value items of the seed's coil example, as the seed names them
SEED_ITEMS = (
    "product_brand",
    "influence",
    "good_service",
    "cooperation",
    "buyer_benefit",
    "buyer_emotion",
)
#: the price the customer pays (Anderson's test compares value net of the other costs with it)
MONETARY = "monetary"

#: the parts of perceived value, then ``other`` for user-defined values without a group
GROUP_NAMES = ("functional", "social", "emotional", "other")
#: standard value component -> its part of perceived value (see docs/delivered.md)
GROUPS: dict[str, str] = {
    "product": "functional",
    "service": "functional",
    "personnel": "functional",
    "good_service": "functional",
    "image": "social",
    "product_brand": "social",
    "influence": "social",
    "buyer_benefit": "social",
    "cooperation": "emotional",
    "buyer_emotion": "emotional",
}

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
    "product_brand": ("product brand value", "product brand", "产品品牌价值", "产品品牌"),
    "influence": (
        "corporate influence value",
        "corporate influence",
        "influence",
        "企业影响力价值",
        "企业影响力",
    ),
    "good_service": ("good service value", "good service", "良好的服务价值", "良好服务价值"),
    "cooperation": (
        "years of good cooperation",
        "good cooperation",
        "cooperation value",
        "多年的合作愉快价值",
        "多年合作愉快价值",
        "合作愉快价值",
    ),
    "buyer_benefit": (
        "benefit to the buying staff",
        "buyer benefit",
        "购买相关人员的利益",
        "购买相关人员利益",
    ),
    "buyer_emotion": (
        "emotional value to the buying staff",
        "buyer emotion",
        "购买相关人员的情感价值",
        "购买相关人员情感价值",
    ),
    "monetary": (
        "monetary",
        "monetary cost",
        "money",
        "price",
        "货币成本",
        "产品成本",
        "货币",
        "价格",
        "价钱",
        "售价",
    ),
    "time": ("time", "time cost", "时间成本", "时间"),
    "energy": (
        "energy",
        "energy cost",
        "physical",
        "physical cost",
        "physical effort",
        "effort",
        "体力成本",
        "体力",
    ),
    "psychic": (
        "psychic",
        "psychic cost",
        "psychological cost",
        "mental",
        "mental cost",
        "精神成本",
        "精力成本",
        "心理成本",
        "精神",
        "精力",
        "心理",
    ),
}
_LOOKUP = {
    normalize_header(spelling): code
    for code, spellings in _SPELLINGS.items()
    for spelling in spellings
}
_GROUP_SPELLINGS: dict[str, tuple[str, ...]] = {
    "functional": ("functional", "functional value", "功能价值", "功能"),
    "social": ("social", "social value", "社会价值", "社会"),
    "emotional": ("emotional", "emotional value", "情感价值", "情感"),
    "other": ("other", "other value", "其他", "其他价值", "未分组"),
}
_GROUP_LOOKUP = {
    normalize_header(spelling): code
    for code, spellings in _GROUP_SPELLINGS.items()
    for spelling in spellings
}
#: every spelling of a part of perceived value -> its code (the offerings file's ``group``)
GROUP_CHOICES: dict[str, str] = {
    spelling: code for code, spellings in _GROUP_SPELLINGS.items() for spelling in spellings
}


def canonical_component(name: str) -> str:
    """The code of a standard component (``"产品价值"`` → ``"product"``), else ``name``."""
    return _LOOKUP.get(normalize_header(name), name.strip())


def component_kind(code: str) -> str | None:
    """``"value"`` or ``"cost"`` for a standard component, ``None`` for a user-defined one."""
    return STANDARD.get(code)


def component_group(code: str) -> str | None:
    """The part of perceived value of a standard value component, else ``None``."""
    return GROUPS.get(code)


def canonical_group(name: str) -> str | None:
    """``"functional"``, ``"social"``, ``"emotional"`` or ``"other"`` for any spelling
    (``"功能价值"``, ``"情感"``, ``"未分组"`` …), else ``None``."""
    return _GROUP_LOOKUP.get(normalize_header(name))

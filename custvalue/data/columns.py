"""Which file column means what: canonical columns, header synonyms, ``--map``.

Headers are matched after normalisation (case, full-width forms, spaces,
``_``/``-`` and bracketed units such as ``金额(元)`` are ignored). ``--map``
pairs ``SOURCE=DEST`` take precedence; DEST is a canonical column name.
Columns that match nothing are kept as customer attributes (customers) or
reported as ignored (orders, costs).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from custvalue.exceptions import ImportFileError
from custvalue.i18n import t

__all__ = [
    "COLUMNS",
    "COST_KIND_SYNONYMS",
    "ORDER_KIND_SYNONYMS",
    "REQUIRED",
    "ColumnMap",
    "ImportKind",
    "normalize_header",
    "resolve_columns",
    "resolve_headers",
    "suggest_mapping",
]

ImportKind = Literal["customers", "orders", "costs"]

_CUSTOMER_ID: tuple[str, ...] = (
    "customer_id",
    "customer",
    "customer no",
    "customer number",
    "client_id",
    "cust_id",
    "客户编号",
    "客户ID",
    "客户号",
    "客户代码",
    "客户",
    "会员编号",
    "会员ID",
    "会员号",
    "客户编码",
)

#: canonical column -> header synonyms (compared after :func:`normalize_header`)
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": {
        "customer_id": (*_CUSTOMER_ID, "id"),
        "name": (
            "name",
            "customer_name",
            "company",
            "客户名称",
            "客户名",
            "名称",
            "姓名",
            "公司名称",
            "会员名称",
        ),
        "acquired_on": (
            "acquired_on",
            "acquired",
            "acquisition_date",
            "signup_date",
            "since",
            "join_date",
            "created",
            "获客日期",
            "获取日期",
            "注册日期",
            "开户日期",
            "入会日期",
            "首次合作日期",
        ),
        "referred_by": (
            "referred_by",
            "referrer",
            "referrer_id",
            "referral",
            "推荐人",
            "推荐人编号",
            "推荐客户",
            "介绍人",
            "推荐人ID",
        ),
    },
    "orders": {
        "order_id": (
            "order_id",
            "order",
            "order no",
            "order number",
            "invoice",
            "invoice_id",
            "transaction_id",
            "订单号",
            "订单编号",
            "订单ID",
            "单号",
            "交易号",
            "交易编号",
            "流水号",
            "发票号",
        ),
        "customer_id": _CUSTOMER_ID,
        "date": (
            "date",
            "ordered_at",
            "order_date",
            "order_time",
            "purchase_date",
            "timestamp",
            "日期",
            "交易日期",
            "下单日期",
            "下单时间",
            "订单日期",
            "购买日期",
            "交易时间",
            "成交日期",
        ),
        "amount": (
            "amount",
            "revenue",
            "sales",
            "total",
            "price",
            "value",
            "金额",
            "订单金额",
            "销售额",
            "交易金额",
            "实付金额",
            "成交金额",
            "收入",
            "销售金额",
        ),
        "cost": (
            "cost",
            "cogs",
            "cost_of_goods",
            "成本",
            "商品成本",
            "销售成本",
            "进货成本",
        ),
        "product": ("product", "sku", "item", "产品", "商品", "产品名称", "商品名称", "品名"),
        "category": (
            "category",
            "product_category",
            "类别",
            "品类",
            "产品类别",
            "商品类别",
            "类目",
        ),
        "kind": (
            "kind",
            "purchase_kind",
            "purchase_type",
            "type",
            "购买类型",
            "购买类别",
            "交易类型",
        ),
    },
    "costs": {
        "cost_id": ("cost_id", "expense_id", "费用编号", "成本编号", "单号"),
        "customer_id": _CUSTOMER_ID,
        "date": (
            "date",
            "incurred_on",
            "cost_date",
            "日期",
            "发生日期",
            "费用日期",
            "支出日期",
        ),
        "amount": ("amount", "cost", "expense", "金额", "费用", "成本", "费用金额", "成本金额"),
        "kind": (
            "kind",
            "cost_kind",
            "cost_type",
            "type",
            "category",
            "费用类型",
            "成本类型",
            "类型",
            "费用类别",
        ),
        "note": ("note", "notes", "memo", "description", "备注", "说明", "摘要"),
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "customers": ("customer_id",),
    "orders": ("customer_id", "date", "amount"),
    "costs": ("customer_id", "date", "amount", "kind"),
}

ORDER_KIND_SYNONYMS: dict[str, str] = {
    **{
        k: "first"
        for k in (
            "first",
            "base",
            "basic",
            "initial",
            "首购",
            "首次购买",
            "基本购买",
            "首单",
            "新购",
        )
    },
    **{k: "repeat" for k in ("repeat", "rebuy", "复购", "重复购买", "回购", "再次购买")},
    **{
        k: "upsell"
        for k in (
            "upsell",
            "up_sell",
            "upgrade",
            "向上购买",
            "向上销售",
            "追加销售",
            "升级购买",
            "增购",
        )
    },
    **{k: "cross_sell" for k in ("cross_sell", "crosssell", "交叉购买", "交叉销售")},
    **{k: "refund" for k in ("refund", "return", "退货", "退款", "退单")},
}
COST_KIND_SYNONYMS: dict[str, str] = {
    **{
        k: "acquisition"
        for k in (
            "acquisition",
            "acquire",
            "marketing",
            "获客",
            "获客成本",
            "获取成本",
            "客户获取",
            "营销",
            "开发成本",
        )
    },
    **{
        k: "service"
        for k in (
            "service",
            "support",
            "retention",
            "服务",
            "服务成本",
            "售后",
            "维护",
            "维系成本",
            "客服",
        )
    },
    **{k: "other" for k in ("other", "misc", "其他", "其它")},
}

#: header words that hint at a column without being safe synonyms (used only to suggest a
#: ``--map`` pair when a required column is missing)
HINTS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "买家",
        "买方",
        "购买方",
        "采购方",
        "购买人",
        "顾客",
        "用户",
        "会员",
        "客户名称",
        "客户名",
        "公司",
        "单位",
        "buyer",
        "purchaser",
        "client",
        "member",
        "account",
        "user",
        "customer name",
    ),
    "order_id": ("单据号", "单据编号", "票号", "receipt", "ticket"),
    "date": ("时间", "日", "月份", "年月", "day", "time", "when"),
    "amount": ("实收", "实付", "收款", "付款", "应收", "价", "额", "款", "money", "paid", "pay"),
    "cost": ("进价", "采购价", "成本价"),
    "kind": ("种类", "类", "性质"),
    "name": ("名", "company name"),
    "acquired_on": ("日期", "date", "首次"),
    "referred_by": ("推荐", "介绍", "refer"),
}


def _similarity(header: str, word: str) -> float:
    if not header or not word:
        return 0.0
    if header == word:
        return 1.0
    if len(word) >= 2 and word in header:
        return 0.85
    if len(word) == 1 and not word.isascii() and word in header:
        return 0.6
    if len(header) >= 2 and header in word:
        return 0.7
    from difflib import SequenceMatcher

    return SequenceMatcher(None, header, word).ratio()


def suggest_mapping(
    missing: Collection[str], canon: Mapping[str, tuple[str, ...]], unmatched: list[str]
) -> dict[str, str]:
    """For each missing column, the unmatched header most like it (by its synonyms, the
    :data:`HINTS` words and string similarity); a header is suggested once, never one
    already mapped, and only when it is a plausible match."""
    scored: list[tuple[float, int, str, str]] = []
    for order, column in enumerate(missing):
        words = [normalize_header(w) for w in (column, *canon.get(column, ()))]
        words += [normalize_header(w) for w in HINTS.get(column, ())]
        for header in unmatched:
            name = normalize_header(header)
            score = max((_similarity(name, w) for w in words), default=0.0)
            if score >= 0.6:
                scored.append((score, -order, header, column))
    out: dict[str, str] = {}
    used: set[str] = set()
    for _score, _order, header, column in sorted(scored, reverse=True):
        if column in out or header in used:
            continue
        out[column] = header
        used.add(header)
    return {c: out[c] for c in missing if c in out}


_BRACKETS = re.compile(r"[（(\[【].*?[)）\]】]")
_FULL = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


def normalize_header(name: str) -> str:
    """Lower case, half-width, no spaces/``_``/``-``/``.``, no bracketed units."""
    text = name.translate(_FULL).replace("\ufeff", "").strip()
    text = _BRACKETS.sub("", text) or text
    return re.sub(r"[\s_\-.#/:]+", "", text.lower())


@dataclass(frozen=True)
class ColumnMap:
    """The resolved meaning of a file's columns (header positions)."""

    used: dict[str, int]
    ignored: list[int]

    def header(self, headers: list[str], column: str) -> str:
        return headers[self.used[column]]


def resolve_columns(
    kind: ImportKind,
    headers: list[str],
    *,
    file: str,
    mapping: Mapping[str, str] | None = None,
) -> ColumnMap:
    """Map header positions to canonical columns; raise when required ones are missing."""
    return resolve_headers(
        COLUMNS[kind],
        REQUIRED[kind],
        headers,
        file=file,
        kind_label=t(f"import.kind_{kind}"),
        mapping=mapping,
    )


def resolve_headers(
    canon: Mapping[str, tuple[str, ...]],
    required: Collection[str],
    headers: list[str],
    *,
    file: str,
    kind_label: str,
    mapping: Mapping[str, str] | None = None,
) -> ColumnMap:
    """Map header positions to the columns of ``canon`` (column -> header synonyms).

    ``--map`` pairs in ``mapping`` come first, then synonyms after
    :func:`normalize_header`; two headers meaning one column, a mapping to an unknown
    column or from a missing header, and missing ``required`` columns raise
    :class:`~custvalue.exceptions.ImportFileError` naming the file and the headers.
    """
    used: dict[str, int] = {}
    taken: dict[int, str] = {}
    for source, dest in (mapping or {}).items():
        pair = f"{source}={dest}"
        if dest not in canon:
            raise ImportFileError(
                "import.bad_map_dest",
                pair=pair,
                dest=dest,
                kind=kind_label,
                allowed=", ".join(canon),
            )
        matches = [i for i, h in enumerate(headers) if h == source]
        if not matches:
            wanted = normalize_header(source)
            matches = [i for i, h in enumerate(headers) if normalize_header(h) == wanted]
        if not matches:
            raise ImportFileError(
                "import.bad_map_source",
                pair=pair,
                file=file,
                source=source,
                found=", ".join(headers),
            )
        if dest in used:
            raise ImportFileError(
                "import.duplicate_column",
                file=file,
                first=headers[used[dest]],
                second=headers[matches[0]],
                column=dest,
            )
        used[dest] = matches[0]
        taken[matches[0]] = dest
    lookup = {normalize_header(s): col for col, syns in canon.items() for s in (col, *syns)}
    for index, header in enumerate(headers):
        if index in taken or not header:
            continue
        column = lookup.get(normalize_header(header))
        if column is None:
            continue
        if column in used:
            if any(src == headers[used[column]] for src in (mapping or {})):
                continue  # the user mapped another column here: this one is ignored
            raise ImportFileError(
                "import.duplicate_column",
                file=file,
                first=headers[used[column]],
                second=header,
                column=column,
            )
        used[column] = index
        taken[index] = column
    missing = [c for c in required if c not in used]
    if missing:
        unmatched = [h for i, h in enumerate(headers) if i not in taken and h]
        pairs = suggest_mapping(missing, canon, unmatched)
        example = pairs.get(missing[0]) or "列名/header"
        suggestion = " ".join(f"--map '{h}={c}'" for c, h in pairs.items()) or (
            f"--map '{example}={missing[0]}'"
        )
        raise ImportFileError(
            "import.missing_columns",
            file=file,
            missing=", ".join(missing),
            found=", ".join(headers),
            example=example,
            first=missing[0],
            suggestion=suggestion,
        )
    ignored = [i for i in range(len(headers)) if i not in taken]
    return ColumnMap(used, ignored)

"""The survey and deal kinds: ratings, weights, market, deals, events and owners, and the
delivered-value offerings (``custvalue import ratings|…|offerings``).

Each kind is a :class:`~custvalue.data.spec.TableSpec` in :data:`SPECS` with English and
Chinese header synonyms, its natural key (:data:`KEYS`), store table (``cva_<kind>``) and
the checks of docs/customer-value.md that need more than one cell:

- ``market.share`` written as a fraction (``0.25``) or a percentage (``25%`` or ``25``
  when other shares are above 1) is stored as a fraction; more than 100 % is refused,
  and so is a fraction in a file whose other shares are percentages (mixed scales);
  ``market.price`` must be above 0;
- rows repeating a natural key with the same values count as duplicates (the first one
  is kept); with different values every such line is refused, naming the others;
- one respondent's weights (per wave and segment) must sum to 100 (±0.5) — all of
  them, or those of each kind (quality and price asked as two 100-point questions). The
  rows of a set that does not are refused, each naming the actual sums, unless the
  ``normalize_weights`` option is set: the set is then rescaled to 100 (per kind when
  the file uses two 100-point questions) and counted in ``normalized_sets``. A set with
  a refused row is refused as a whole (rescaling what is left would invent weights);
- offerings: standard component names to their codes, ``kind`` from the component when
  blank, a score needs its money per point (option ``per_point``), and the optional
  ``group`` (the part of perceived value of a value component) is refused on a cost.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl

from custvalue._validation import check_number
from custvalue.data.columns import COLUMNS as LEDGER_COLUMNS
from custvalue.data.kinds.components import (
    GROUP_CHOICES,
    canonical_component,
    component_kind,
)
from custvalue.data.parsing import normalize_text, ungrouped
from custvalue.data.pipeline import parse_spec, show
from custvalue.data.reading import read_table
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec

__all__ = [
    "CONTENT",
    "COLUMNS",
    "KEYS",
    "KINDS",
    "SPECS",
    "WEIGHT_TOLERANCE",
    "SurveyKind",
]

SurveyKind = Literal["ratings", "weights", "market", "deals", "events", "owners", "offerings"]
KINDS: tuple[SurveyKind, ...] = (
    "ratings",
    "weights",
    "market",
    "deals",
    "events",
    "owners",
    "offerings",
)

#: tolerance of the sum of one respondent's weights around 100
WEIGHT_TOLERANCE = 0.5

_KIND_CHOICES = {
    "quality": "quality",
    "q": "quality",
    "质量": "quality",
    "品质": "quality",
    "质量属性": "quality",
    "price": "price",
    "p": "price",
    "价格": "price",
    "价格属性": "price",
    "价钱": "price",
}
_OUTCOME_CHOICES = {
    "won": "won",
    "win": "won",
    "w": "won",
    "赢": "won",
    "赢单": "won",
    "成交": "won",
    "中标": "won",
    "胜": "won",
    "lost": "lost",
    "loss": "lost",
    "lose": "lost",
    "l": "lost",
    "输": "lost",
    "输单": "lost",
    "丢单": "lost",
    "失败": "lost",
    "未中标": "lost",
    "败": "lost",
}
_EFFECT_CHOICES = {
    "up": "up",
    "+": "up",
    "improve": "up",
    "improved": "up",
    "positive": "up",
    "上升": "up",
    "提升": "up",
    "改善": "up",
    "正面": "up",
    "升": "up",
    "down": "down",
    "-": "down",
    "worse": "down",
    "worsen": "down",
    "negative": "down",
    "下降": "down",
    "恶化": "down",
    "变差": "down",
    "负面": "down",
    "降": "down",
}
_ROLE_CHOICES = {
    "lead": "lead",
    "owner": "lead",
    "primary": "lead",
    "主责": "lead",
    "负责": "lead",
    "牵头": "lead",
    "主导": "lead",
    "support": "support",
    "supporting": "support",
    "协助": "support",
    "配合": "support",
    "支持": "support",
    "辅助": "support",
}

_SIDE_CHOICES = {
    "value": "value",
    "benefit": "value",
    "v": "value",
    "价值": "value",
    "利得": "value",
    "收益": "value",
    "cost": "cost",
    "sacrifice": "cost",
    "c": "cost",
    "成本": "cost",
    "代价": "cost",
    "付出": "cost",
    "利失": "cost",
}
_LEVEL_CHOICES = {
    "episode": "episode",
    "transaction": "episode",
    "e": "episode",
    "单次": "episode",
    "交易": "episode",
    "单次交易": "episode",
    "本次": "episode",
    "relationship": "relationship",
    "relation": "relationship",
    "r": "relationship",
    "关系": "relationship",
    "长期关系": "relationship",
    "合作关系": "relationship",
}
_UNIT_CHOICES = {
    "money": "money",
    "yuan": "money",
    "rmb": "money",
    "cny": "money",
    "元": "money",
    "金额": "money",
    "人民币": "money",
    "score": "score",
    "points": "score",
    "point": "score",
    "分": "score",
    "分数": "score",
    "评分": "score",
    # any other quantity counted in points of its own, converted with its money per point
    "年": "score",
    "小时": "score",
    "个": "score",
    "数量": "score",
    "year": "score",
    "years": "score",
    "hour": "score",
    "hours": "score",
}

_WAVE = Field(
    "wave",
    "key",
    ("调查批次", "批次", "波次", "调查波次", "期次", "轮次", "调查期", "survey_wave", "period"),
    required=False,
    default="",
)
_SEGMENT = Field(
    "segment",
    "key",
    ("细分市场", "客户群", "客户细分", "市场细分", "细分", "customer_segment", "market_segment"),
    required=False,
    default="",
)
_RESPONDENT_SYNONYMS = (
    "受访者", "受访者编号", "受访客户", "问卷编号", "答卷编号", "样本编号",
    "respondent_id", "rater", "response_id",
)  # fmt: skip
#: the customer a respondent is (an id the ledger knows; refused when stored otherwise)
_CUSTOMER = Field("customer_id", "id", LEDGER_COLUMNS["orders"]["customer_id"], required=False)
_ANSWERED = Field(
    "answered_on",
    "date",
    ("答卷日期", "调查日期", "填写日期", "日期", "date", "survey_date"),
    required=False,
)
_COMPETITOR_SYNONYMS = (
    "品牌",
    "竞争者",
    "供应商",
    "竞争对手",
    "厂商",
    "对手",
    "brand",
    "supplier",
    "vendor",
)
_ATTRIBUTE = Field(
    "attribute",
    "key",
    ("属性", "指标", "评价指标", "评价项目", "考核指标", "因素", "criterion", "factor"),
)
_KIND = Field("kind", "choice", ("类型", "属性类型", "类别", "type"), choices=_KIND_CHOICES)

KEYS: dict[SurveyKind, tuple[str, ...]] = {
    "ratings": ("wave", "respondent", "competitor", "attribute"),
    "weights": ("wave", "segment", "respondent", "attribute"),
    "market": ("wave", "segment", "competitor"),
    "deals": ("deal_id", "attribute"),
    "events": ("date", "actor", "description"),
    "owners": ("attribute", "function"),
    "offerings": ("segment", "offering", "component", "level"),
}

#: the other columns: compared when a key repeats


# --- market: shares and prices -----------------------------------------------------------


def _market(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
    headers = context.headers
    # as numbers are read: full-width ``２５％`` is 25 %, a decimal comma ``7,5`` is refused
    text = ungrouped(normalize_text(rows["share"]))
    percent_sign = text.str.ends_with("%").fill_null(False)
    number = text.str.replace(r"%$", "").cast(pl.Float64, strict=False)
    frame = pl.DataFrame(
        {"_line": rows["_line"], "text": rows["share"], "pct": percent_sign, "v": number}
    )
    out: list[Rejection] = []
    header = headers.get("share", "share")
    bad_number = frame.filter(
        pl.col("text").is_not_null() & (pl.col("v").is_null() | ~pl.col("v").is_finite())
    )
    out += [
        Rejection(int(line), header, value, "table.bad_number")
        for line, value in bad_number.select("_line", "text").iter_rows()
    ]
    ok = frame.filter(pl.col("v").is_finite())
    negative = ok.filter(pl.col("v") < 0)
    out += [
        Rejection(int(line), header, value, "survey.share_range")
        for line, value in negative.select("_line", "text").iter_rows()
    ]
    bare = ok.filter(~pl.col("pct") & (pl.col("v") >= 0))
    percent_file = bool(ok["pct"].any()) or bool((bare["v"] > 1).any())
    over = ok.filter(pl.col("v") > 100)
    out += [
        Rejection(int(line), header, value, "survey.share_range")
        for line, value in over.select("_line", "text").iter_rows()
    ]
    if percent_file:
        fractions = bare.filter((pl.col("v") > 0) & (pl.col("v") < 1))
        out += [
            Rejection(int(line), header, value, "survey.share_mixed")
            for line, value in fractions.select("_line", "text").iter_rows()
        ]
        share = number / 100
    else:
        share = number
    rows = rows.with_columns(share.alias("share"))
    price = rows.filter(pl.col("price") <= 0)
    out += [
        Rejection(int(line), headers.get("price", "price"), f"{value:g}", "survey.price_positive")
        for line, value in price.select("_line", "price").iter_rows()
    ]
    bad_lines = {r.line for r in out}
    if bad_lines:
        rows = rows.filter(~pl.col("_line").is_in(list(bad_lines)))
    return rows, out


# --- offerings: component names, value or cost, scores and their conversion --------------


def _offerings(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
    """Standard components to their codes; ``kind`` from the component when blank; a
    score needs its money per point. See :mod:`custvalue.data.kinds.components`."""
    headers = context.headers
    per_point: float | None = context.options.get("per_point")

    out: list[Rejection] = []
    codes: list[str] = []
    kinds: list[str | None] = []
    comp_header = headers.get("component", "component")
    kind_header = headers.get("kind", "kind")
    for line, component, kind in rows.select("_line", "component", "kind").iter_rows():
        code = canonical_component(component)
        standard = component_kind(code)
        codes.append(code)
        if standard is not None and kind is not None and kind != standard:
            out.append(
                Rejection(
                    int(line),
                    kind_header,
                    kind,
                    "delivered.kind_conflict",
                    {"component": component, "expected": standard},
                )
            )
        if standard is None and kind is None:
            out.append(Rejection(int(line), comp_header, component, "delivered.kind_needed"))
        kinds.append(kind or standard)
    rows = rows.with_columns(
        pl.Series("component", codes, dtype=pl.String),
        pl.Series("kind", kinds, dtype=pl.String),
    )
    score = pl.col("unit") == "score"
    if per_point is not None:
        check_number("per_point", per_point, above=0)
        rows = rows.with_columns(
            pl.when(score).then(pl.col("per_point").fill_null(per_point)).otherwise("per_point")
        )
    no_rate = rows.filter(score & (pl.col("per_point").is_null() | (pl.col("per_point") <= 0)))
    out += [
        Rejection(int(line), headers.get("per_point", "per_point"), _num(v), "delivered.per_point")
        for line, v in no_rate.select("_line", "per_point").iter_rows()
    ]
    grouped_cost = rows.filter((pl.col("kind") == "cost") & pl.col("group").is_not_null())
    out += [
        Rejection(int(line), headers.get("group", "group"), group, "delivered.group_on_cost")
        for line, group in grouped_cost.select("_line", "group").iter_rows()
    ]
    stray = rows.filter(~score & pl.col("per_point").is_not_null())
    out += [
        Rejection(int(line), headers.get("unit", "unit"), "money", "delivered.per_point_money")
        for (line,) in stray.select("_line").iter_rows()
    ]
    bad_lines = {r.line for r in out}
    if bad_lines:
        rows = rows.filter(~pl.col("_line").is_in(list(bad_lines)))
    return rows, out


def _num(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


# --- weights: one respondent's set sums to 100 ---------------------------------------------

_SET = ("wave", "segment", "respondent")


def _set_of_lines(context: CheckContext) -> set[tuple[str, str, str]]:
    """The (wave, segment, respondent) sets that lost a row to a refusal.

    Refused rows are not among the good rows; their set is read from the table again,
    only its three columns (normalised as in the import).
    """
    lines = context.rejected_lines
    if not lines:
        return set()
    loose = TableSpec(
        context.spec.label,
        tuple(
            Field(f.name, f.kind, f.synonyms, required=False, default=f.default)
            for f in context.spec.fields
            if f.name in _SET
        ),
    )
    mapping = {src: dest for dest, src in context.headers.items() if dest in _SET}
    try:
        raw = context.raw if context.raw.headers else read_table(context.raw.file)
        rows = parse_spec(loose, raw, mapping=mapping or None).rows
    except Exception:  # the table was readable a moment ago; do not fail the import on it
        return set()
    hit = rows.filter(pl.col("_line").is_in(sorted(lines)))
    return {(str(w or ""), str(s or ""), str(r or "")) for w, s, r in hit.select(*_SET).iter_rows()}


def _weights(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
    rows, normalized, refused = _weight_sets(
        rows,
        context.headers,
        _set_of_lines(context),
        bool(context.options.get("normalize_weights", False)),
    )
    context.counters["normalized_sets"] = normalized
    return rows, refused


def _weight_sets(
    rows: pl.DataFrame,
    headers: dict[str, str],
    broken: set[tuple[str, str, str]],
    normalize: bool,
) -> tuple[pl.DataFrame, int, list[Rejection]]:
    """Check (or rescale) each respondent's set; see the module docstring.

    A set passes when its weights sum to 100, or when the weights of each kind sum to 100
    (quality and price asked as two separate 100-point questions). Rescaling follows the
    file: per kind when some set of the file uses two 100-point questions, else the total.
    """
    kind_sums = rows.group_by(*_SET, "kind").agg(pl.col("weight").sum().alias("_kind_sum"))
    sums = kind_sums.group_by(_SET).agg(
        pl.col("_kind_sum").sum().alias("_sum"),
        ((pl.col("_kind_sum") - 100).abs() <= WEIGHT_TOLERANCE).all().alias("_per_kind"),
        pl.len().alias("_kinds"),
        pl.format("{} {}", "kind", pl.col("_kind_sum").round(2)).str.join(", ").alias("_detail"),
    )
    two_questions = bool(sums.filter(pl.col("_per_kind") & (pl.col("_kinds") > 1)).height)
    rows = rows.join(sums, on=list(_SET), how="left").join(
        kind_sums, on=[*_SET, "kind"], how="left"
    )
    header = headers.get("weight", "weight")
    out: list[Rejection] = []
    keep: list[bool] = []
    normalized: set[tuple[str, str, str]] = set()
    values: list[float] = []
    for row in rows.iter_rows(named=True):
        key = (row["wave"], row["segment"], row["respondent"])
        total = float(row["_sum"])
        params = {
            "sum": f"{total:g}",
            "kinds": row["_detail"],
            "respondent": row["respondent"] or "—",
            "wave": row["wave"] or "—",
            "segment": row["segment"] or "—",
        }
        weight = float(row["weight"])
        divisor = float(row["_kind_sum"]) if two_questions else total
        reason = None
        if key in broken:
            reason = "survey.weights_incomplete"
        elif abs(total - 100) <= WEIGHT_TOLERANCE or row["_per_kind"]:
            pass
        elif normalize and divisor > 0:
            weight = min(100.0, weight * 100 / divisor)
            normalized.add(key)
        else:
            reason = "survey.weights_sum"
        if reason:
            out.append(Rejection(int(row["_line"]), header, show(row["weight"]), reason, params))
        keep.append(reason is None)
        values.append(weight)
    rows = rows.with_columns(pl.Series("weight", values, dtype=pl.Float64)).drop(
        "_sum", "_per_kind", "_kinds", "_detail", "_kind_sum"
    )
    return rows.filter(pl.Series(keep, dtype=pl.Boolean)), len(normalized), out


# --- the specs ------------------------------------------------------------------------------

_TABLES: dict[SurveyKind, TableSpec] = {
    "ratings": TableSpec(
        "survey.kind_ratings",
        (
            _WAVE,
            _SEGMENT,
            Field("respondent", "id", _RESPONDENT_SYNONYMS),
            Field("competitor", "key", _COMPETITOR_SYNONYMS),
            _ATTRIBUTE,
            Field("rating", "number", ("评分", "得分", "分数", "打分", "score"), minimum=0),
            # linking a respondent to the ledger: Gale's profiles in "what moves value"
            _CUSTOMER,
            _ANSWERED,
        ),
    ),
    "weights": TableSpec(
        "survey.kind_weights",
        (
            _WAVE,
            _SEGMENT,
            Field("respondent", "id", _RESPONDENT_SYNONYMS, required=False, default=""),
            _ATTRIBUTE,
            _KIND,
            Field(
                "weight",
                "number",
                ("权重", "重要性", "重要度", "importance"),
                minimum=0,
                maximum=100,
            ),
        ),
    ),
    "market": TableSpec(
        "survey.kind_market",
        (
            _WAVE,
            _SEGMENT,
            Field("competitor", "key", _COMPETITOR_SYNONYMS),
            Field(
                "price",
                "number",
                ("价格", "单价", "市场价格", "平均价格", "成交价", "market_price"),
                required=False,
                minimum=0,
            ),
            Field(
                "share",
                "text",
                ("市场份额", "份额", "市场占有率", "占有率", "market_share"),
                required=False,
            ),
        ),
    ),
    "deals": TableSpec(
        "survey.kind_deals",
        (
            Field(
                "deal_id",
                "id",
                ("商机编号", "商机", "项目编号", "机会编号", "投标编号", "deal", "opportunity"),
            ),
            Field("date", "date", ("日期", "成交日期", "结果日期", "deal_date"), required=False),
            _SEGMENT,
            Field("competitor", "key", (*_COMPETITOR_SYNONYMS, "rival")),
            Field(
                "outcome",
                "choice",
                ("结果", "输赢", "成败", "result", "赢输"),
                choices=_OUTCOME_CHOICES,
            ),
            Field(
                "attribute",
                "key",
                (
                    "决定属性",
                    "关键属性",
                    "属性",
                    "原因",
                    "决定因素",
                    "reason",
                    "deciding_attribute",
                ),
            ),
            Field(
                "amount",
                "number",
                ("金额", "商机金额", "合同金额", "value"),
                required=False,
                minimum=0,
            ),
            Field("note", "text", ("备注", "说明", "notes", "comment"), required=False),
        ),
    ),
    "events": TableSpec(
        "survey.kind_events",
        (
            Field("date", "date", ("日期", "事件日期", "发生日期", "event_date")),
            _WAVE,
            Field("actor", "key", ("主体", "事件主体", "发起方", *_COMPETITOR_SYNONYMS, "who")),
            Field(
                "attribute",
                "key",
                ("属性", "指标", "相关属性", "影响属性", "criterion", "factor"),
                required=False,
            ),
            Field(
                "kind",
                "choice",
                ("类型", "属性类型", "类别", "type"),
                required=False,
                choices=_KIND_CHOICES,
            ),
            Field(
                "effect",
                "choice",
                ("影响", "影响方向", "方向", "direction", "impact"),
                choices=_EFFECT_CHOICES,
            ),
            # text in the natural key: short enough for a PostgreSQL B-tree key
            Field(
                "description",
                "text",
                ("事件", "事件描述", "描述", "说明", "event"),
                max_length=500,
            ),
        ),
    ),
    "owners": TableSpec(
        "survey.kind_owners",
        (
            Field("attribute", "key", ("属性", "指标", "criterion", "factor")),
            Field(
                "function",
                "key",
                ("部门", "职能", "职能部门", "负责部门", "department", "dept"),
            ),
            Field(
                "role",
                "choice",
                ("职责", "角色", "主责/协助", "responsibility"),
                required=False,
                choices=_ROLE_CHOICES,
                default="lead",
            ),
        ),
    ),
    "offerings": TableSpec(
        "survey.kind_offerings",
        (
            _SEGMENT,
            Field(
                "offering",
                "key",
                ("供货方", "方案", "产品", "报价方", "offer", *_COMPETITOR_SYNONYMS),
            ),
            Field(
                "component",
                "key",
                ("构成", "价值构成", "成本构成", "项目", "要素", "价值项", "item", "element"),
            ),
            Field(
                "kind",
                "choice",
                ("价值/成本", "类别", "类型", "type", "side"),
                required=False,
                choices=_SIDE_CHOICES,
            ),
            Field(
                "level",
                "choice",
                ("层次", "层面", "范围", "scope"),
                required=False,
                choices=_LEVEL_CHOICES,
                default="episode",
            ),
            Field("amount", "number", ("金额", "数值", "价值", "value", "score"), minimum=0),
            Field(
                "unit",
                "choice",
                ("单位", "计量", "measure"),
                required=False,
                choices=_UNIT_CHOICES,
                default="money",
            ),
            Field(
                "per_point",
                "number",
                ("每分金额", "每分折合", "折算", "折算系数", "conversion", "money_per_point"),
                required=False,
                minimum=0,
            ),
            Field(
                "group",
                "choice",
                ("分组", "价值类型", "价值部分", "part", "value_group"),
                required=False,
                choices=GROUP_CHOICES,
                stored="value_group",
            ),
        ),
    ),
}

#: the natural key of each table (see docs/customer-value.md)

_CHECKS: dict[str, dict[str, Any]] = {
    "market": {"checks": (_market,)},
    "offerings": {"checks": (_offerings,)},
    "weights": {"set_checks": (_weights,)},
}
#: canonical column -> stored column, where they differ
_STORED = {"deals": {"date": "deal_date"}, "events": {"date": "event_date"}}


def _declared(kind: SurveyKind, table: TableSpec) -> TableSpec:
    stored = _STORED.get(kind, {})
    fields = tuple(
        Field(**{**f.__dict__, "stored": stored[f.name]}) if f.name in stored else f
        for f in table.fields
    )
    return TableSpec(
        table.label,
        fields,
        kind=kind,
        key=KEYS[kind],
        table=f"cva_{kind}",
        duplicates="refuse_all",
        **_CHECKS.get(kind, {}),
    )


SPECS: dict[SurveyKind, TableSpec] = {kind: _declared(kind, t) for kind, t in _TABLES.items()}

#: the other columns: compared when a key repeats
CONTENT: dict[SurveyKind, tuple[str, ...]] = {kind: spec.content for kind, spec in SPECS.items()}
#: canonical columns and their types once checked, per kind (a market share is read as
#: text, then stored as a fraction)
COLUMNS: dict[str, dict[str, pl.DataType]] = {
    kind: {**spec.schema, **({"share": pl.Float64()} if kind == "market" else {})}
    for kind, spec in SPECS.items()
}

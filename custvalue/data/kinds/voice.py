"""What customers say: the survey kinds of issue 12 (docs/satisfaction.md §1).

``nps`` (0–10), ``csat`` (1–5), ``ces`` (1–7, or the legacy 1–5 with ``scale`` 5),
``satisfaction`` (per respondent and attribute: expectation, performance, importance;
an ``overall`` attribute for the overall rating), ``servqual`` (22 items, expectation
and perception on 1–7), ``kano`` (functional and dysfunctional answers per feature) and
``loyalty`` (agreement 1–7 with loyalty statements, mapped to the loyalty kinds and the
loyalty index's dimensions by :mod:`custvalue.loyalty.items`).

Every kind may carry ``customer_id`` (linking the respondent to the ledger: an id the
ledger does not know is a refused row, checked when stored), ``wave``, ``segment`` and
``answered_on``. Scores must be whole numbers on their scale; a row off the scale is
refused by line, column and value. Stored in ``voice_<kind>``.
"""

from __future__ import annotations

import polars as pl

from custvalue.data.kinds.survey import (
    _ANSWERED,
    _CUSTOMER,
    _RESPONDENT_SYNONYMS,
    _SEGMENT,
    _WAVE,
)
from custvalue.data.kinds.wide import WideLayout
from custvalue.data.pipeline import show
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec

__all__ = ["VOICE_KEYS", "VOICE_KINDS", "VOICE_SPECS"]

VOICE_KINDS = ("nps", "csat", "ces", "satisfaction", "servqual", "kano", "loyalty")

_RESPONDENT = Field("respondent", "id", _RESPONDENT_SYNONYMS)
_TOUCHPOINT = Field(
    "touchpoint",
    "key",
    ("触点", "接触点", "服务环节", "环节", "渠道", "channel"),
    required=False,
    default="",
)
_COMMON = (_WAVE, _SEGMENT, _RESPONDENT, _CUSTOMER, _ANSWERED)


def _score(
    name: str, synonyms: tuple[str, ...], low: int, high: int, *, required: bool = True
) -> Field:
    return Field(name, "number", synonyms, required=required, minimum=low, maximum=high)


def _whole(*columns: str):  # type: ignore[no-untyped-def]
    """A check: ``columns`` hold whole numbers (a 7.5 on an NPS question is refused)."""

    def check(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
        out: list[Rejection] = []
        for column in columns:
            if column not in rows.columns:
                continue
            bad = rows.filter(
                pl.col(column).is_not_null() & (pl.col(column) != pl.col(column).floor())
            )
            out += [
                Rejection(int(line), context.header(column), show(value), "voice.not_whole")
                for line, value in bad.select("_line", column).iter_rows()
            ]
        lines = {r.line for r in out}
        return rows.filter(~pl.col("_line").is_in(list(lines))) if lines else rows, out

    return check


def _ces_scale(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
    """On the legacy scale (5) a score above 5 is refused."""
    over = rows.filter((pl.col("scale") == "5") & (pl.col("score") > 5))
    out = [
        Rejection(int(line), context.header("score"), show(value), "voice.ces_legacy_range")
        for line, value in over.select("_line", "score").iter_rows()
    ]
    lines = {r.line for r in out}
    return rows.filter(~pl.col("_line").is_in(list(lines))) if lines else rows, out


#: names of the overall rating among the attributes (stored as ``overall``)
_OVERALL = (
    "overall",
    "overall satisfaction",
    "总体",
    "总体满意度",
    "整体",
    "整体满意度",
    "总体评价",
)


def _overall(rows: pl.DataFrame, context: CheckContext) -> tuple[pl.DataFrame, list[Rejection]]:
    """The overall rating is stored under one name, ``overall``, however the file says it."""
    named = pl.col("attribute").str.strip_chars().str.to_lowercase().is_in(list(_OVERALL))
    return rows.with_columns(
        pl.when(named).then(pl.lit("overall")).otherwise(pl.col("attribute")).alias("attribute")
    ), []


_KANO = {
    "1": "1", "like": "1", "i like it": "1", "喜欢": "1", "很喜欢": "1",
    "2": "2", "expect": "2", "must-be": "2", "must be": "2", "理所当然": "2", "应该如此": "2",
    "必须的": "2",
    "3": "3", "neutral": "3", "无所谓": "3",
    "4": "4", "live with": "4", "can live with": "4", "能忍受": "4", "可以忍受": "4",
    "5": "5", "dislike": "5", "不喜欢": "5",
}  # fmt: skip

VOICE_KEYS: dict[str, tuple[str, ...]] = {
    "nps": ("wave", "respondent"),
    "csat": ("wave", "respondent", "touchpoint"),
    "ces": ("wave", "respondent", "touchpoint"),
    "satisfaction": ("wave", "respondent", "attribute"),
    "servqual": ("wave", "respondent", "item"),
    "kano": ("wave", "respondent", "feature"),
    "loyalty": ("wave", "respondent", "item"),
}

_FIELDS: dict[str, tuple[Field, ...]] = {
    "nps": (
        *_COMMON,
        _score(
            "score", ("推荐意愿", "推荐分", "净推荐值", "推荐可能性", "nps", "likelihood"), 0, 10
        ),
    ),
    "csat": (
        *_COMMON,
        _TOUCHPOINT,
        _score("score", ("满意度", "满意度评分", "评分", "csat", "satisfaction"), 1, 5),
    ),
    "ces": (
        *_COMMON,
        _TOUCHPOINT,
        _score("score", ("费力度", "省力度", "客户费力度", "评分", "ces", "effort"), 1, 7),
        Field(
            "scale",
            "choice",
            ("量表", "量表类型", "scale_points"),
            required=False,
            choices={"7": "7", "5": "5", "ces2": "7", "ces 2.0": "7", "legacy": "5", "旧版": "5"},
            default="7",
        ),
    ),
    "satisfaction": (
        *_COMMON,
        Field(
            "attribute", "key", ("属性", "指标", "评价项目", "项目", "因素", "criterion", "factor")
        ),
        _score(
            "expectation", ("期望", "期望值", "预期", "期望分", "expected"), 1, 10, required=False
        ),
        _score(
            "performance",
            ("表现", "感知", "实际表现", "感知绩效", "绩效", "perceived", "perception"),
            1,
            10,
        ),
        _score("importance", ("重要性", "重要度", "重要程度", "weight"), 1, 10, required=False),
    ),
    "servqual": (
        *_COMMON,
        _score("item", ("题号", "题项", "项目", "问题编号", "question"), 1, 22),
        _score("expectation", ("期望", "期望值", "预期", "expected"), 1, 7),
        _score("perception", ("感知", "实际感受", "表现", "perceived", "performance"), 1, 7),
    ),
    "kano": (
        *_COMMON,
        Field("feature", "key", ("功能", "特性", "需求", "属性", "attribute", "requirement")),
        Field(
            "functional",
            "choice",
            ("正向问题", "具备时", "有该功能", "functional_answer", "positive"),
            choices=_KANO,
        ),
        Field(
            "dysfunctional",
            "choice",
            ("反向问题", "不具备时", "无该功能", "dysfunctional_answer", "negative"),
            choices=_KANO,
        ),
    ),
    "loyalty": (
        *_COMMON,
        Field("item", "key", ("陈述", "题项", "语句", "问题", "statement", "question")),
        _score("score", ("同意程度", "认同度", "评分", "得分", "agreement", "rating"), 1, 7),
    ),
}

_CHECKS = {
    "nps": (_whole("score"),),
    "csat": (_whole("score"),),
    "ces": (_whole("score"), _ces_scale),
    "satisfaction": (_whole("expectation", "performance", "importance"), _overall),
    "servqual": (_whole("item", "expectation", "perception"),),
    "kano": (),
    "loyalty": (_whole("score"),),
}

#: wide files (one row per respondent): the answer column and the words of its values
_WIDE: dict[str, WideLayout] = {
    "satisfaction": WideLayout(
        "attribute", dict.fromkeys(("expectation", "performance", "importance"), ())
    ),
    "servqual": WideLayout(
        "item",
        {"expectation": ("e", "期望", "exp"), "perception": ("p", "感知", "per")},
        key_pattern=r"\d{1,3}",  # the item's range is checked as in a long file
        own_synonyms=False,
    ),
    "kano": WideLayout(
        "feature",
        {"functional": ("正向", "functional"), "dysfunctional": ("反向", "dysfunctional")},
    ),
    "csat": WideLayout("touchpoint", {"score": ()}),
    "ces": WideLayout("touchpoint", {"score": ()}),
    "loyalty": WideLayout("item", {"score": ()}, each=True),
}

VOICE_SPECS: dict[str, TableSpec] = {
    kind: TableSpec(
        f"voice.kind_{kind}",
        fields,
        kind=kind,
        key=VOICE_KEYS[kind],
        table=f"voice_{kind}",
        duplicates="refuse_all",
        checks=_CHECKS[kind],
        wide=_WIDE.get(kind),
    )
    for kind, fields in _FIELDS.items()
}

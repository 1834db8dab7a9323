"""The segmentation results in words, for every front (CLI, report, workbench).

Where the top customers bring more than 100 % of the net profit — the whale curve:
the other customers lose money — the sentences say so and give the loss-makers'
total, instead of a bare "186.1 %".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import polars as pl

from custvalue.formatting import format_value
from custvalue.i18n import get_lang, has_key, t
from custvalue.segmentation.tiers import TierRule, tier_label

__all__ = [
    "column_words",
    "pareto_sentences",
    "tier_conditions",
    "tier_rule_line",
    "tier_sentences",
]


def column_words(column: str, lang: str | None = None) -> str:
    """The label of ``column`` as it reads inside a sentence ("realized value", 既成价值)."""
    key = f"col.{column}"
    label = t(key, lang=lang) if has_key(key) else column
    if get_lang(lang) == "en" and label[:1].isupper() and not label[1:2].isupper():
        label = label[0].lower() + label[1:]
    return label


def _money(x: Any, lang: str | None) -> str:
    return format_value(x, "money", lang=lang)


def _share(x: float, lang: str | None) -> str:
    return format_value(x, "share", lang=lang)


def _top(x: float, lang: str | None) -> str:
    """The top share asked for: ``20%``, ``12.5%``."""
    whole = math.isclose(x * 100, round(x * 100), abs_tol=1e-9)
    return format_value(x, "share", lang=lang, decimals=0 if whole else 1)


def _count(x: int, lang: str | None) -> str:
    return format_value(x, "count", lang=lang)


def pareto_sentences(summary: Mapping[str, Any], *, lang: str | None = None) -> list[str]:
    """The 80/20 headline of :func:`~custvalue.segmentation.pareto_summary` in words.

    One sentence on the value (saying "more than all of it" with the loss-makers'
    total when the top share is above 100 %, or that shares are undefined when the net
    total is not positive), then one on the revenue when it is known. Empty when there
    are no customers.
    """
    if not summary.get("customers"):
        return []
    words = column_words(str(summary.get("value_column", "realized_value")), lang)
    share = summary.get("top_value_share")
    common = {
        "top": _top(float(summary["top"]), lang),
        "count": _count(int(summary["top_customers"]), lang),
        "part": _money(summary["top_value"], lang),
        "total": _money(summary["total_value"], lang),
        "words": words,
        "losers": _count(int(summary.get("loss_makers") or 0), lang),
        "loss": _money(abs(float(summary.get("loss_total") or 0.0)), lang),
        "gain": _money(summary.get("gain_total"), lang),
    }
    if share is None:
        lines = [t("tiers.pareto_not_positive", lang=lang, **common)]
    elif share > 1:
        lines = [t("tiers.pareto_whale", lang=lang, share=_share(share, lang), **common)]
    else:
        lines = [t("tiers.pareto_plain", lang=lang, share=_share(share, lang), **common)]
    revenue_share = summary.get("top_revenue_share")
    if revenue_share is not None:
        lines.append(
            t(
                "tiers.pareto_revenue",
                lang=lang,
                share=_share(revenue_share, lang),
                part=_money(summary["top_revenue"], lang),
                total=_money(summary["total_revenue"], lang),
            )
        )
    return lines


def tier_sentences(
    summary: pl.DataFrame,
    losses: Mapping[str, Any],
    *,
    value: str = "realized_value",
    lang: str | None = None,
) -> list[str]:
    """A sentence for each tier of :func:`~custvalue.segmentation.tier_summary` that
    brings more than 100 % of the net total, with the loss-makers' total
    (``losses`` = :func:`~custvalue.segmentation.loss_summary`)."""
    total = float(summary["value_sum"].sum() or 0)
    customers = _count(int(summary["customers"].sum() or 0), lang)
    lines: list[str] = []
    for row in summary.iter_rows(named=True):
        share = row["value_share"]
        if share is None or share <= 1:
            continue
        lines.append(
            t(
                "tiers.tier_whale",
                lang=lang,
                tier=tier_label(row["tier"], lang),
                count=_count(int(row["customers"]), lang),
                customers=customers,
                part=_money(row["value_sum"], lang),
                words=column_words(value, lang),
                share=_share(share, lang),
                total=_money(total, lang),
                losers=_count(int(losses.get("loss_makers") or 0), lang),
                loss=_money(abs(float(losses.get("loss_total") or 0.0)), lang),
            )
        )
    return lines


def tier_conditions(rule: TierRule | Mapping[str, Any], *, lang: str | None = None) -> pl.DataFrame:
    """Who is in each tier under ``rule`` (a :class:`TierRule` or its ``as_dict()``), with
    the thresholds in 元: ``tier``, ``tier_label`` and ``tier_condition`` (translated
    text), top first."""
    rule = TierRule.from_dict(rule)
    words = column_words(rule.value, lang)
    if rule.rule == "bands":
        texts = _band_conditions(rule, words, lang)
    else:
        texts = _profit_conditions(rule, words, lang)
    return pl.DataFrame(
        {
            "tier": list(rule.keys),
            "tier_label": [tier_label(k, lang) for k in rule.keys],
            "tier_condition": texts,
        },
        schema={"tier": pl.String, "tier_label": pl.String, "tier_condition": pl.String},
    )


def _band_conditions(rule: TierRule, words: str, lang: str | None) -> list[str]:
    texts: list[str] = []
    running = 0
    for band, low in zip(rule.bands or (), rule.minimums or (), strict=False):
        running += band
        if low is None:
            texts.append(t("tiers.cond_band_empty", lang=lang))
        else:
            texts.append(
                t(
                    "tiers.cond_band",
                    lang=lang,
                    words=words,
                    low=_money(low, lang),
                    share=_top(running / 100, lang),
                )
            )
    texts.append(t("tiers.cond_rest", lang=lang))
    return texts


def _profit_conditions(rule: TierRule, words: str, lang: str | None) -> list[str]:
    none = t("tiers.cond_none", lang=lang)
    platinum, gold = rule.platinum_profit, rule.gold_profit
    top = t("tiers.cond_at_least", lang=lang, words=words, low=_money(platinum, lang))
    if platinum is not None and rule.platinum_share is not None:
        top = t("tiers.cond_share", lang=lang, condition=top, share=_top(rule.platinum_share, lang))
    middle = (
        t(
            "tiers.cond_between",
            lang=lang,
            words=words,
            low=_money(gold, lang),
            high=_money(platinum, lang),
        )
        if platinum is not None
        else t("tiers.cond_at_least", lang=lang, words=words, low=_money(gold, lang))
    )
    iron = (
        t("tiers.cond_positive_below", lang=lang, words=words, high=_money(gold, lang))
        if gold is not None
        else t("tiers.cond_positive", lang=lang, words=words)
    )
    lead = t("tiers.cond_loss", lang=lang, words=words)
    useful = rule.iron_revenue is not None and rule.iron_revenue != math.inf
    if useful and rule.volume is not None:
        volume = {
            "volume_words": column_words(rule.volume, lang),
            "volume": _money(rule.iron_revenue, lang),
        }
        iron = t("tiers.cond_or_useful", lang=lang, condition=iron, **volume)
        lead = t("tiers.cond_loss_small", lang=lang, words=words, **volume)
    if gold is not None and platinum is not None and gold >= platinum:
        middle = t("tiers.cond_gold_empty", lang=lang)
    return [
        top if platinum is not None else none,
        middle if gold is not None else none,
        iron,
        lead,
    ]


def tier_rule_line(rule: TierRule | Mapping[str, Any], *, lang: str | None = None) -> str:
    """The rule in one line ("Tier rule — Platinum: …; Gold: …; …"), for reports."""
    conditions = tier_conditions(rule, lang=lang)
    separator = "；" if get_lang(lang) == "zh" else "; "
    colon = "：" if get_lang(lang) == "zh" else ": "
    parts = [
        f"{label}{colon}{text}"
        for label, text in zip(conditions["tier_label"], conditions["tier_condition"], strict=True)
    ]
    return t("tiers.rule_line", lang=lang, conditions=separator.join(parts))

"""Profitability tiers: the customer pyramid (Zeithaml, Rust & Lemon 2001; SPEC §1.5).

Two rules (docs/segmentation.md §2):

- ``"profit"`` (default): the seeds' definitions on profit **and** volume.

  - **platinum** [白金]: profit ≥ the platinum threshold (default: the profit of the
    customer at the top ``platinum_share`` = 20 % of the *profitable* customers);
  - **gold** [黄金]: profit ≥ the gold threshold (default: the profit at the top
    ``platinum_share + gold_share`` = 50 % of the profitable customers);
  - **iron** [黑铁]: the other profitable customers (low profit), and the loss-makers
    whose volume (revenue) is at least the volume threshold (default: the median
    revenue of the profitable customers) — low profit but useful volume;
  - **lead** [铅]: profit ≤ 0 with volume below the volume threshold — unprofitable,
    low volume.

  No customer with profit > 0 is lead; a higher profit (at the same volume) or a
  higher volume (at the same profit) never gives a lower tier.

- ``"bands"``: percentile bands of customers ranked by ``value`` (default 20/30/30/20).
  Band ``i`` reaches down to the customer at position ``round_half_up(n * c_i / 100)``
  (``c_i`` the cumulative percentage) and takes every customer whose value is at least
  that customer's: a tie at a cut goes into the higher band.

In both rules equal values share a tier (and a rank); ties are never split by id.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from custvalue._validation import check_choice, check_columns, check_number
from custvalue.exceptions import DataValidationError
from custvalue.formatting import format_value
from custvalue.i18n import t
from custvalue.segmentation._checks import (
    check_complete,
    check_fraction,
    check_frame,
    count_of,
    sorted_by_id,
)

__all__ = [
    "DEFAULT_BANDS",
    "RULES",
    "TIER_NAMES",
    "TierRule",
    "apply_tier_rule",
    "profitability_tiers",
    "tier_keys",
    "tier_rule",
    "tier_summary",
]

DEFAULT_BANDS = (20, 30, 30, 20)
TIER_NAMES = ("platinum", "gold", "iron", "lead")
RULES = ("profit", "bands")
Rule = Literal["profit", "bands"]
_ADDED = ("tier", "tier_label", "rank")
_NUMBERED = re.compile(r"tier_(\d+)")


def tier_keys(count: int) -> list[str]:
    """Tier keys, top first: the pyramid names for 4 bands, else ``tier_1`` … ``tier_<count>``."""
    return list(TIER_NAMES) if count == 4 else [f"tier_{i}" for i in range(1, count + 1)]


def tier_label(key: str, lang: str | None = None) -> str:
    """The translated label of a tier key."""
    numbered = _NUMBERED.fullmatch(key)
    if numbered:
        return t("segment.tier_n", lang=lang, n=numbered.group(1))
    if key in TIER_NAMES:
        return t(f"segment.tier_{key}", lang=lang)
    return key


@dataclass(frozen=True)
class TierRule:
    """The rule a tiering used and its thresholds (in the unit of the columns, 元).

    ``profit`` rule: ``platinum_profit`` and ``gold_profit`` are the lowest values of
    platinum and gold, ``iron_revenue`` the lowest volume that makes a loss-maker iron
    (``None``: no threshold, every loss-maker is lead; a threshold is ``None`` too when
    no customer is profitable and none was given). ``bands`` rule: ``bands`` and
    ``minimums``, the lowest value of each band but the last (``None``: empty band).
    """

    rule: Rule
    value: str
    keys: tuple[str, ...] = TIER_NAMES
    volume: str | None = None
    platinum_share: float | None = None
    gold_share: float | None = None
    platinum_profit: float | None = None
    gold_profit: float | None = None
    iron_revenue: float | None = None
    bands: tuple[int, ...] | None = None
    minimums: tuple[float | None, ...] | None = None

    @classmethod
    def from_dict(cls, data: TierRule | Mapping[str, Any]) -> TierRule:
        """The rule back from :meth:`as_dict` (e.g. from a report's JSON)."""
        if isinstance(data, TierRule):
            return data
        if not isinstance(data, Mapping) or data.get("rule") not in RULES:
            raise DataValidationError("segment.bad_rule", found=type(data).__name__)
        if data["rule"] == "bands":
            bands = _check_bands(data.get("bands"))
            keys = tuple(tier_keys(len(bands)))
            lows = data.get("minimums") or {}
            return cls(
                rule="bands",
                value=str(data.get("value", "realized_value")),
                keys=keys,
                bands=bands,
                minimums=tuple(lows.get(k) for k in keys[:-1]),
            )
        return cls(
            rule="profit",
            value=str(data.get("value", "realized_value")),
            volume=data.get("volume"),
            platinum_share=data.get("platinum_share"),
            gold_share=data.get("gold_share"),
            platinum_profit=data.get("platinum_profit"),
            gold_profit=data.get("gold_profit"),
            iron_revenue=data.get("iron_revenue"),
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields of the rule in force."""
        out: dict[str, Any] = {"rule": self.rule, "value": self.value}
        if self.rule == "profit":
            out.update(
                volume=self.volume,
                platinum_share=self.platinum_share,
                gold_share=self.gold_share,
                platinum_profit=self.platinum_profit,
                gold_profit=self.gold_profit,
                iron_revenue=None if self.iron_revenue == math.inf else self.iron_revenue,
            )
        else:
            out["bands"] = list(self.bands or ())
            out["minimums"] = dict(zip(self.keys[:-1], self.minimums or (), strict=True))
        return out


def _check_bands(bands: Any) -> tuple[int, ...]:
    items: tuple[Any, ...] = ()
    if isinstance(bands, Iterable) and not isinstance(bands, (str, bytes, Mapping)):
        items = tuple(bands)
    integral = all(
        isinstance(b, numbers.Integral) and not isinstance(b, bool) and int(b) > 0 for b in items
    )
    total = sum(items) if integral else "?"
    if not (integral and 2 <= len(items) <= 6 and total == 100):
        shown = ",".join(map(str, items)) if items else repr(bands)
        raise DataValidationError("segment.bad_bands", value=shown, total=total)
    return tuple(int(b) for b in items)


def _check_amount(name: str, value: Any, *, infinite: bool = False) -> float | None:
    """``None`` or a positive amount (``inf`` allowed when ``infinite``)."""
    if value is None:
        return None
    if infinite and isinstance(value, float) and value == math.inf:
        return value
    return check_number(name, value, above=0)


def _median(series: pl.Series) -> float | None:
    found = series.median()
    return None if found is None else float(found)  # type: ignore[arg-type]


def tier_rule(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    volume: str | None = "revenue",
    rule: Rule = "profit",
    platinum_share: float = 0.2,
    gold_share: float = 0.3,
    platinum_profit: float | None = None,
    gold_profit: float | None = None,
    iron_revenue: float | None = None,
    bands: Iterable[int] = DEFAULT_BANDS,
) -> TierRule:
    """The thresholds :func:`profitability_tiers` uses for ``values`` (same arguments).

    Thresholds left ``None`` are computed from the data (module docstring); given ones
    are used as they are: positive amounts, ``gold_profit`` ≤ ``platinum_profit``;
    ``iron_revenue=math.inf`` makes every loss-maker lead.
    """
    check_choice("rule", rule, RULES)
    if rule == "bands":
        return _band_rule(values, value=value, bands=_check_bands(bands))
    platinum_share = check_fraction("platinum_share", platinum_share)
    limit = round(1 - platinum_share, 9)
    gold_share = check_number("gold_share", gold_share, minimum=0, maximum=limit)
    given_platinum = _check_amount("platinum_profit", platinum_profit)
    given_gold = _check_amount("gold_profit", gold_profit)
    given_volume = _check_amount("iron_revenue", iron_revenue, infinite=True)
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    if volume is not None and (volume in values.columns or given_volume is not None):
        check_frame(
            values, [], frame_name="values", numeric=[volume], complete=[volume], unique_ids=False
        )
    else:
        volume = None
    profitable = values.filter(pl.col(value) > 0)
    positive = profitable[value].cast(pl.Float64).sort(descending=True)
    m = len(positive)
    platinum = given_platinum
    if platinum is None and m:
        platinum = float(positive[count_of(platinum_share, m) - 1])
    gold = given_gold
    if gold is None and m:
        gold = float(positive[min(count_of(platinum_share + gold_share, m), m) - 1])
        gold = min(gold, platinum) if platinum is not None else gold
    if gold is not None and platinum is not None and gold > platinum:
        raise DataValidationError(
            "segment.gold_above_platinum",
            gold=format_value(gold, "money"),
            platinum=format_value(platinum, "money"),
        )
    threshold = given_volume
    if threshold is None and volume is not None and m:
        threshold = _median(profitable[volume].cast(pl.Float64))
    return TierRule(
        rule="profit",
        value=value,
        volume=volume,
        platinum_share=platinum_share,
        gold_share=float(gold_share),
        platinum_profit=platinum,
        gold_profit=gold,
        iron_revenue=None if volume is None else threshold,
    )


def _band_rule(values: pl.DataFrame, *, value: str, bands: tuple[int, ...]) -> TierRule:
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    ordered = values[value].cast(pl.Float64).sort(descending=True)
    n = len(ordered)
    minimums: list[float | None] = []
    running = 0
    for band in bands[:-1]:
        running += band
        cut = (n * running + 50) // 100
        minimums.append(float(ordered[cut - 1]) if cut else None)
    return TierRule(
        rule="bands",
        value=value,
        keys=tuple(tier_keys(len(bands))),
        bands=bands,
        minimums=tuple(minimums),
    )


def _tier_expression(rule: TierRule) -> pl.Expr:
    x = pl.col(rule.value)
    keys = rule.keys
    if rule.rule == "bands":
        tier: Any = None
        for key, low in zip(keys[:-1], rule.minimums or (), strict=True):
            if low is None:
                continue
            tier = (pl.when(x >= low) if tier is None else tier.when(x >= low)).then(pl.lit(key))
        return pl.lit(keys[-1]) if tier is None else tier.otherwise(pl.lit(keys[-1]))
    useful = pl.lit(False)
    if rule.volume is not None and rule.iron_revenue is not None:
        useful = pl.col(rule.volume) >= rule.iron_revenue
    never = pl.lit(False)
    platinum = never if rule.platinum_profit is None else x >= rule.platinum_profit
    gold = never if rule.gold_profit is None else x >= rule.gold_profit
    return (
        pl.when(platinum)
        .then(pl.lit("platinum"))
        .when(gold)
        .then(pl.lit("gold"))
        .when((x > 0) | useful)
        .then(pl.lit("iron"))
        .otherwise(pl.lit("lead"))
    )


def profitability_tiers(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    volume: str | None = "revenue",
    rule: Rule = "profit",
    platinum_share: float = 0.2,
    gold_share: float = 0.3,
    platinum_profit: float | None = None,
    gold_profit: float | None = None,
    iron_revenue: float | None = None,
    bands: Iterable[int] = DEFAULT_BANDS,
) -> pl.DataFrame:
    """The customer pyramid: ``values`` plus ``tier`` (key), ``tier_label`` and ``rank``.

    Parameters
    ----------
    values
        One row per customer with ``customer_id`` and the numeric ``value`` column
        (no nulls; the profit: realized_value, or sustained_value to credit referrals).
    value
        The profit column.
    volume
        The volume column of the ``profit`` rule (default revenue; ``None`` or absent:
        every loss-maker is lead).
    rule
        ``"profit"`` (profit and volume, default) or ``"bands"`` (percentile bands).
    platinum_share, gold_share
        ``profit`` rule: the shares of the profitable customers that set the default
        platinum and gold thresholds (top 20 %, next 30 %).
    platinum_profit, gold_profit, iron_revenue
        ``profit`` rule: thresholds in 元 instead of the data-driven ones.
    bands
        ``bands`` rule: 2–6 positive whole percentages of customers, top tier first,
        adding up to 100.

    Returns
    -------
    The input columns with tier, tier_label (current language) and rank (1 = most
    valuable; equal values share a rank), sorted by value descending, then customer_id.
    """
    used = tier_rule(
        values,
        value=value,
        volume=volume,
        rule=rule,
        platinum_share=platinum_share,
        gold_share=gold_share,
        platinum_profit=platinum_profit,
        gold_profit=gold_profit,
        iron_revenue=iron_revenue,
        bands=bands,
    )
    return apply_tier_rule(values, used)


def apply_tier_rule(values: pl.DataFrame, rule: TierRule) -> pl.DataFrame:
    """Tier ``values`` by a rule from :func:`tier_rule` (see :func:`profitability_tiers`)."""
    if not isinstance(rule, TierRule):
        raise DataValidationError("segment.bad_rule", found=type(rule).__name__)
    check_frame(values, ["customer_id"], frame_name="values", numeric=[rule.value])
    check_complete(values, rule.value, frame_name="values")
    if rule.volume is not None:
        check_columns(values, [rule.volume], frame_name="values")
    labels = {key: tier_label(key) for key in rule.keys}
    columns = [c for c in values.columns if c not in _ADDED]
    ordered = sorted_by_id(values.select(columns)).sort(
        rule.value, descending=True, maintain_order=True
    )
    return (
        ordered.with_columns(
            _tier_expression(rule).alias("tier"),
            pl.col(rule.value).rank("min", descending=True).cast(pl.Int64).alias("rank"),
        )
        .with_columns(
            pl.col("tier").replace_strict(labels, return_dtype=pl.String).alias("tier_label")
        )
        .select(*columns, *_ADDED)
    )


def _order(present: list[str]) -> list[str]:
    if set(present) <= set(TIER_NAMES):
        return list(TIER_NAMES)
    numbers_found = [_NUMBERED.fullmatch(k) for k in present]
    if all(numbers_found):
        top = max(int(m.group(1)) for m in numbers_found if m)
        return [f"tier_{i}" for i in range(1, top + 1)]
    return present


def tier_summary(tiered: pl.DataFrame, *, value: str = "realized_value") -> pl.DataFrame:
    """Per tier, top first: tier, tier_label, customers, customer_share, value_sum,
    value_share, revenue_sum, revenue_share, value_mean, value_min, value_max.

    The four pyramid tiers are always listed, empty ones with 0 customers (an empty
    frame gives the four with 0); numbered tiers up to the last one found. Shares are of
    the column's net total and null when that total is not positive; revenue columns
    are null when ``tiered`` has no ``revenue``.
    """
    check_frame(
        tiered, ["tier", "tier_label"], frame_name="tiered", numeric=[value], unique_ids=False
    )
    has_revenue = "revenue" in tiered.columns
    revenue = pl.col("revenue") if has_revenue else pl.lit(None, pl.Float64)
    grouped = tiered.group_by("tier").agg(
        pl.col("tier_label").first(),
        pl.len().cast(pl.Int64).alias("customers"),
        pl.col(value).sum().cast(pl.Float64).alias("value_sum"),
        revenue.sum().cast(pl.Float64).alias("revenue_sum"),
        pl.col(value).mean().cast(pl.Float64).alias("value_mean"),
        pl.col(value).min().cast(pl.Float64).alias("value_min"),
        pl.col(value).max().cast(pl.Float64).alias("value_max"),
    )
    if not has_revenue:  # the sum of nothing is 0, not "no revenue column"
        grouped = grouped.with_columns(pl.lit(None, pl.Float64).alias("revenue_sum"))
    present = grouped.sort("value_max", descending=True, nulls_last=True)["tier"].to_list()
    keys = _order(present)
    frame = pl.DataFrame(
        {"tier": keys, "_position": list(range(len(keys)))},
        schema={"tier": pl.String, "_position": pl.Int64},
    ).join(grouped.with_columns(pl.col("tier").cast(pl.String)), on="tier", how="left")
    frame = frame.with_columns(
        pl.col("tier_label").fill_null(
            pl.col("tier").replace_strict({k: tier_label(k) for k in keys}, return_dtype=pl.String)
        ),
        pl.col("customers").fill_null(0),
        pl.col("value_sum").fill_null(0.0),
        pl.col("revenue_sum").fill_null(0.0) if has_revenue else pl.col("revenue_sum"),
    )
    total_value = float(tiered[value].sum() or 0)
    total_revenue = float(tiered["revenue"].sum() or 0) if has_revenue else 0.0
    none = pl.lit(None, pl.Float64)
    return frame.sort("_position").select(
        "tier",
        "tier_label",
        "customers",
        (pl.col("customers") / max(tiered.height, 1)).alias("customer_share"),
        "value_sum",
        (pl.col("value_sum") / total_value if total_value > 0 else none).alias("value_share"),
        "revenue_sum",
        (pl.col("revenue_sum") / total_revenue if total_revenue > 0 else none).alias(
            "revenue_share"
        ),
        "value_mean",
        "value_min",
        "value_max",
    )

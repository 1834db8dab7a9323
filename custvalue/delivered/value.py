r"""Customer delivered value, the choice between offerings, and Anderson's test.

For each offering (in a segment), with every component converted to money:

.. math::

    TCV &= \text{product} + \text{service} + \text{personnel} + \text{image} + \dots \\
    TCC &= \text{monetary} + \text{time} + \text{energy (physical)} + \text{psychic} + \dots \\
    \text{delivered value (difference)} &= TCV - TCC
        \quad\text{(Kotler; Anderson \& Narus)} \\
    \text{value ratio} &= TCV / TCC \quad\text{(Gale; Ravald \& Grönroos)}

Ravald & Grönroos (1996, *European Journal of Marketing* 30(2)) split both sides into
the episode and the relationship: total episode value = (episode benefits +
relationship benefits) / (episode sacrifices + relationship sacrifices) — the value
ratio above when relationship components are listed — and the episode alone,
episode benefits / episode sacrifices, shows what the relationship adds.

The customer takes the offering with the highest delivered value (Kotler: V1 : V2 > 1).
The two rules can pick different winners (a cheaper offering with less value can have
the higher ratio and the lower difference); :func:`compare` shows both and flags
``rules_disagree`` rather than choosing silently. A tie has no winner, and the rules
disagree only when both name a winner and the winners differ — the same in the choice
table (:func:`market_choice`) and in the comparison (:func:`compare`).

Total customer value is also split into its functional, social and emotional parts
(``functional_value``, ``social_value``, ``emotional_value`` and ``other_value`` for
user-defined components without a group; see
:data:`custvalue.delivered.components.GROUPS`).

Anderson's test (Anderson & Narus, *Business Market Management*; Anderson, Jain &
Chintagunta 1993): with value = the money worth of the benefits net of the costs other
than price, we win when (our value − our price) > (the rival's value − the rival's
price). Equivalently our value advantage over the rival must exceed our price premium;
``max_price`` = rival's price + value advantage is the highest price at which we still
win. In the seed's coil case (墙煌 at 28,800 against 丽岛 at 28,000 元/t for 常州长青) the
value items — brand, influence, good service, years of good cooperation, the buying
staff's benefit and feelings — must be worth more than the 800 元/t premium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from custvalue.choice.rule import deterministic_choice
from custvalue.data.ids import match_id
from custvalue.delivered.components import GROUP_NAMES, MONETARY
from custvalue.delivered.offerings import prepare
from custvalue.exceptions import DataValidationError

__all__ = ["Comparison", "RULES", "compare", "delivered_value", "market_choice"]

RULES = ("difference", "ratio")


def _prepared(offerings: pl.DataFrame) -> pl.DataFrame:
    if "money" in offerings.columns and "group" in offerings.columns:
        return offerings
    if "money" in offerings.columns:
        # money already computed (e.g. a component changed in a what-if): keep it
        checked = prepare(offerings.drop("money"))
        return checked.with_columns(offerings["money"])
    return prepare(offerings)


def delivered_value(offerings: pl.DataFrame) -> pl.DataFrame:
    """Totals, delivered value and ratios per segment and offering.

    Returns
    -------
    polars.DataFrame
        ``segment``, ``offering``, ``total_value``, ``total_cost``, ``price`` (the
        monetary cost), ``non_price_cost``, ``delivered_value`` (TCV − TCC),
        ``value_ratio`` (TCV / TCC, null when TCC is 0), ``episode_benefits``,
        ``relationship_benefits``, ``episode_sacrifices``, ``relationship_sacrifices``,
        ``episode_value`` (Ravald–Grönroos total episode value) and ``episode_only``
        (episode benefits / episode sacrifices), then the parts of total value:
        ``functional_value``, ``social_value``, ``emotional_value``, ``other_value``;
        in input order.

    Examples
    --------
    >>> frame = pl.DataFrame({
    ...     "offering": ["A", "A", "B", "B"],
    ...     "component": ["产品价值", "货币成本", "product", "monetary"],
    ...     "amount": [100.0, 80.0, 90.0, 60.0],
    ... })
    >>> delivered_value(frame).select("offering", "delivered_value", "value_ratio").rows()
    [('A', 20.0, 1.25), ('B', 30.0, 1.5)]
    """
    rows = _prepared(offerings)
    m = pl.col("money")
    is_value = pl.col("kind") == "value"
    is_cost = pl.col("kind") == "cost"
    relationship = pl.col("level") == "relationship"
    totals = rows.group_by("segment", "offering", maintain_order=True).agg(
        m.filter(is_value).sum().alias("total_value"),
        m.filter(is_cost).sum().alias("total_cost"),
        m.filter(pl.col("component") == MONETARY).sum().alias("price"),
        m.filter(is_value & ~relationship).sum().alias("episode_benefits"),
        m.filter(is_value & relationship).sum().alias("relationship_benefits"),
        m.filter(is_cost & ~relationship).sum().alias("episode_sacrifices"),
        m.filter(is_cost & relationship).sum().alias("relationship_sacrifices"),
        *[
            m.filter(is_value & (pl.col("group") == g)).sum().alias(f"{g}_value")
            for g in GROUP_NAMES
        ],
    )
    return totals.select(
        "segment",
        "offering",
        "total_value",
        "total_cost",
        "price",
        (pl.col("total_cost") - pl.col("price")).alias("non_price_cost"),
        (pl.col("total_value") - pl.col("total_cost")).alias("delivered_value"),
        _ratio("total_value", "total_cost").alias("value_ratio"),
        "episode_benefits",
        "relationship_benefits",
        "episode_sacrifices",
        "relationship_sacrifices",
        _ratio("total_value", "total_cost").alias("episode_value"),
        _ratio("episode_benefits", "episode_sacrifices").alias("episode_only"),
        *[f"{g}_value" for g in GROUP_NAMES],
    )


def _ratio(top: str, bottom: str) -> pl.Expr:
    return pl.when(pl.col(bottom) > 0).then(pl.col(top) / pl.col(bottom))


def market_choice(offerings: pl.DataFrame) -> pl.DataFrame:
    """The deterministic choice in each segment under each rule.

    Returns ``segment``, ``rule``, ``winner`` (``None`` for a tie, as in
    :func:`compare`), ``runner_up``, ``winner_value``, ``runner_up_value``, ``v1_v2``
    (V1 : V2, null unless both are positive), ``tie``, ``tied`` (the offerings tied at
    the top, joined by `` = ``; null without a tie) and ``rules_disagree`` (both rules
    name a winner and the winners differ).
    """
    totals = delivered_value(offerings)
    parts = []
    for rule, column in (("difference", "delivered_value"), ("ratio", "value_ratio")):
        usable = totals.filter(pl.col(column).is_not_null())
        if usable.height == 0:
            continue
        chosen = deterministic_choice(
            usable, value=column, alternative="offering", situation="segment"
        )
        best = usable.group_by("segment", maintain_order=True).agg(
            pl.col("offering").filter(pl.col(column) == pl.col(column).max()).alias("_top")
        )
        chosen = chosen.join(best, on="segment", how="left")
        tie = pl.col("tie")
        nobody = pl.lit(None, dtype=pl.String)
        parts.append(
            chosen.select(
                "segment",
                pl.lit(rule).alias("rule"),
                pl.when(tie).then(nobody).otherwise("winner").alias("winner"),
                pl.when(tie).then(nobody).otherwise("runner_up").alias("runner_up"),
                "winner_value",
                "runner_up_value",
                pl.col("ratio").alias("v1_v2"),
                "tie",
                pl.when(tie).then(pl.col("_top").list.join(" = ")).alias("tied"),
            )
        )
    if not parts:
        return pl.DataFrame()
    order = totals.select("segment").unique(maintain_order=True).with_row_index("_order")
    out = (
        pl.concat(parts)
        .join(order, on="segment", how="left")
        .sort("_order", "rule", maintain_order=True)
        .drop("_order")
    )
    winners = out.group_by("segment").agg(
        ((pl.col("winner").is_not_null().sum() == 2) & (pl.col("winner").n_unique() > 1)).alias(
            "rules_disagree"
        )
    )
    return out.join(winners, on="segment", how="left")


@dataclass(frozen=True)
class Comparison:
    """Our offering against each rival, per segment (see :func:`compare`)."""

    us: str
    table: pl.DataFrame
    #: segments with offerings where ours is not described (not compared)
    segments_without_us: list[str] = field(default_factory=list)


def _names(totals: pl.DataFrame) -> list[str]:
    return list(dict.fromkeys(totals["offering"].to_list()))


def compare(
    offerings: pl.DataFrame,
    us: str,
    *,
    rival: str | None = None,
    segments: Sequence[str] | None = None,
) -> Comparison:
    """Our offering against each rival (or one) in each segment, by both rules.

    Returns
    -------
    Comparison
        ``table`` has per segment and rival: ``our_value`` / ``rival_value`` (delivered
        value, TCV − TCC), ``gap`` (ours − theirs), ``v1_v2_difference`` (V1 : V2 of the
        delivered values, null unless both are positive), ``winner_difference``;
        ``our_ratio`` / ``rival_ratio``, ``v1_v2_ratio`` (our ratio ÷ theirs, null unless
        both are positive),
        ``winner_ratio``; ``rules_disagree``; Anderson's test: ``our_price``,
        ``rival_price``, ``price_premium`` (ours − theirs), ``extra_value`` (our total
        value − theirs), ``value_needed`` (the extra value that justifies the premium:
        premium + our non-price costs − theirs), ``value_advantage`` (our value net of
        non-price costs − theirs), ``anderson_pass`` (advantage > premium, i.e. extra
        value > value needed) and ``max_price`` (rival's price + value advantage). A tie goes to
        neither: the winner is ``None``.

    ``us`` and ``rival`` are matched as ids are (:func:`custvalue.data.ids.match_id`):
    full-width forms, zero-width characters and spaces around them do not matter;
    :attr:`Comparison.us` is the offering's name as stored.

    Raises
    ------
    DataValidationError
        ``us`` or ``rival`` is not an offering, or ``rival`` is ``us``.
    """
    totals = delivered_value(offerings)
    if segments is not None:
        known = set(totals["segment"].to_list())
        wanted = [match_id(s, known) or s for s in segments]
        totals = totals.filter(pl.col("segment").is_in(wanted))
    names = _names(totals)
    # the names as typed mean what the import stored (Ｏｕｒｓ is Ours: custvalue.data.ids)
    us = match_id(us, names) or us
    rival = None if rival is None else (match_id(rival, names) or rival)
    if us not in names:
        raise DataValidationError("delivered.unknown_us", us=us, offerings=", ".join(names))
    if rival is not None and rival not in names:
        raise DataValidationError(
            "delivered.unknown_rival", rival=rival, offerings=", ".join(n for n in names if n != us)
        )
    if rival == us:
        raise DataValidationError("delivered.rival_is_us", us=us)
    ours = totals.filter(pl.col("offering") == us)
    theirs = totals.filter(pl.col("offering") != us)
    if rival is not None:
        theirs = theirs.filter(pl.col("offering") == rival)
    with_us = set(ours["segment"].to_list())
    without = sorted(set(totals["segment"].to_list()) - with_us)
    pairs = theirs.join(ours, on="segment", how="inner", suffix="_us").rename({"offering": "rival"})
    gap = pl.col("delivered_value_us") - pl.col("delivered_value")
    ratio_gap = pl.col("value_ratio_us") - pl.col("value_ratio")
    advantage = (pl.col("total_value_us") - pl.col("non_price_cost_us")) - (
        pl.col("total_value") - pl.col("non_price_cost")
    )
    premium = pl.col("price_us") - pl.col("price")
    both_positive = (pl.col("delivered_value_us") > 0) & (pl.col("delivered_value") > 0)
    table = pairs.select(
        "segment",
        "rival",
        pl.col("delivered_value_us").alias("our_value"),
        pl.col("delivered_value").alias("rival_value"),
        gap.alias("gap"),
        pl.when(both_positive)
        .then(pl.col("delivered_value_us") / pl.col("delivered_value"))
        .alias("v1_v2_difference"),
        _winner(gap, us).alias("winner_difference"),
        pl.col("value_ratio_us").alias("our_ratio"),
        pl.col("value_ratio").alias("rival_ratio"),
        pl.when((pl.col("value_ratio_us") > 0) & (pl.col("value_ratio") > 0))
        .then(pl.col("value_ratio_us") / pl.col("value_ratio"))
        .alias("v1_v2_ratio"),
        _winner(ratio_gap, us).alias("winner_ratio"),
        pl.col("price_us").alias("our_price"),
        pl.col("price").alias("rival_price"),
        premium.alias("price_premium"),
        (pl.col("total_value_us") - pl.col("total_value")).alias("extra_value"),
        (premium + pl.col("non_price_cost_us") - pl.col("non_price_cost")).alias("value_needed"),
        advantage.alias("value_advantage"),
        (advantage > premium).alias("anderson_pass"),
        (pl.col("price") + advantage).alias("max_price"),
    )
    table = table.with_columns(
        (
            pl.col("winner_difference").is_not_null()
            & pl.col("winner_ratio").is_not_null()
            & (pl.col("winner_difference") != pl.col("winner_ratio"))
        ).alias("rules_disagree")
    )
    order = [c for c in table.columns if c != "rules_disagree"]
    at = order.index("winner_ratio") + 1
    table = table.select([*order[:at], "rules_disagree", *order[at:]])
    return Comparison(us=us, table=table, segments_without_us=without)


def _winner(gap: pl.Expr, us: str) -> pl.Expr:
    return (
        pl.when(gap > 0)
        .then(pl.lit(us))
        .when(gap < 0)
        .then(pl.col("rival"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )

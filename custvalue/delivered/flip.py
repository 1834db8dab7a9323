r"""What change in one component flips the choice between our offering and a rival's.

For each rule, each side (ours, the rival's) and each component that side lists, the
change of that component alone at which the two offerings tie; beyond it the other
offering wins. With :math:`V, C` the totals of value and cost in money, :math:`D = V - C`
and :math:`R = V / C`, us and the rival written :math:`u, r`:

=================  ==========================  ==============================
component          difference rule             ratio rule
=================  ==========================  ==============================
our value          :math:`-(D_u - D_r)`        :math:`R_r C_u - V_u`
our cost           :math:`+(D_u - D_r)`        :math:`V_u / R_r - C_u`
rival's value      :math:`+(D_u - D_r)`        :math:`R_u C_r - V_r`
rival's cost       :math:`-(D_u - D_r)`        :math:`V_r / R_u - C_r`
=================  ==========================  ==============================

A change that would make the component negative cannot flip the choice by itself
(``feasible`` is false; e.g. the rival's price cannot fall below zero). For a component
entered as a score the change is also given in points (``change_points``). In the
steel-coil case with everything else equal, our price may rise by the value that our
service, brand and relationship add before the customer switches; and under the
difference rule the value those must add is our price premium plus any extra
non-price cost we impose.
"""

from __future__ import annotations

import polars as pl

from custvalue._validation import check_choice
from custvalue.delivered.components import STANDARD
from custvalue.delivered.value import RULES, _prepared, compare, delivered_value

__all__ = ["flip_points"]


def flip_points(
    offerings: pl.DataFrame,
    us: str,
    *,
    rival: str | None = None,
    rule: str = "both",
) -> pl.DataFrame:
    """The change in each component that makes the two offerings tie.

    Parameters
    ----------
    rule
        ``"difference"``, ``"ratio"`` or ``"both"``.

    Returns
    -------
    polars.DataFrame
        ``segment``, ``rival``, ``rule``, ``winner`` (now), ``side`` (``us`` /
        ``rival``), ``offering``, ``component``, ``kind``, ``level``, ``current`` (money),
        ``change`` (money; + raises, − lowers the component), ``flip_at`` (current +
        change), ``change_pct`` (of current; null when current is 0), ``change_points``
        (for score components) and ``feasible``.
    """
    check_choice("rule", rule, (*RULES, "both"))
    rules = RULES if rule == "both" else (rule,)
    rows = _prepared(offerings)
    comparison = compare(rows, us, rival=rival)
    pairs, us = comparison.table, comparison.us
    totals = delivered_value(rows).select(
        "segment", "offering", "total_value", "total_cost", "delivered_value", "value_ratio"
    )
    components = rows.select(
        "segment", "offering", "component", "kind", "level", "money", "unit", "per_point"
    )
    parts: list[pl.DataFrame] = []
    for side in ("us", "rival"):
        names = pairs.select(
            "segment",
            "rival",
            pl.lit(us).alias("offering") if side == "us" else pl.col("rival").alias("offering"),
            pl.lit(side).alias("side"),
            "winner_difference",
            "winner_ratio",
        )
        other = pl.lit(us) if side == "rival" else pl.col("rival")
        joined = (
            names.with_columns(other.alias("other"))
            .join(components, on=["segment", "offering"], how="inner")
            .join(totals, on=["segment", "offering"], how="left")
            .join(
                totals.rename(
                    {
                        "offering": "other",
                        "total_value": "other_value",
                        "total_cost": "other_cost",
                        "delivered_value": "other_delivered",
                        "value_ratio": "other_ratio",
                    }
                ),
                on=["segment", "other"],
                how="left",
            )
        )
        for r in rules:
            parts.append(_changes(joined, r))
    if not parts:
        return pl.DataFrame()
    out = pl.concat(parts, how="vertical_relaxed")
    at = pl.col("money") + pl.col("change")
    result = out.select(
        "segment",
        "rival",
        "rule",
        "winner",
        "side",
        "offering",
        "component",
        "kind",
        "level",
        pl.col("money").alias("current"),
        "change",
        at.alias("flip_at"),
        pl.when(pl.col("money") > 0).then(pl.col("change") / pl.col("money")).alias("change_pct"),
        pl.when(pl.col("unit") == "score")
        .then(pl.col("change") / pl.col("per_point"))
        .alias("change_points"),
        (at >= 0).fill_null(False).alias("feasible"),
    )
    return _ordered(result, pairs)


def _ordered(frame: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Pairs in their order, then rule, our side first, components as listed."""
    order = pairs.select("segment", "rival").with_row_index("_pair")
    rank = {code: i for i, code in enumerate(STANDARD)}
    component = pl.col("component").replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
    return (
        frame.join(order, on=["segment", "rival"], how="left")
        .sort(
            "_pair",
            "rule",
            pl.col("side") != "us",
            pl.col("kind") != "value",
            component,
            maintain_order=True,
        )
        .drop("_pair")
    )


def _changes(joined: pl.DataFrame, rule: str) -> pl.DataFrame:
    """``change`` for one rule: the tie of this side's and the other side's value."""
    value = pl.col("kind") == "value"
    if rule == "difference":
        # this side's delivered value must move to the other side's
        gap = pl.col("other_delivered") - pl.col("delivered_value")
        change = pl.when(value).then(gap).otherwise(-gap)
    else:
        target_value = pl.col("other_ratio") * pl.col("total_cost")
        target_cost = pl.col("total_value") / pl.col("other_ratio")
        change = (
            pl.when(value)
            .then(target_value - pl.col("total_value"))
            .when(pl.col("other_ratio") > 0)
            .then(target_cost - pl.col("total_cost"))
        )
    winner = "winner_difference" if rule == "difference" else "winner_ratio"
    return joined.with_columns(
        pl.lit(rule).alias("rule"), pl.col(winner).alias("winner"), change.alias("change")
    )

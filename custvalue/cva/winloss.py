"""Win/loss analysis (Gale's tool 4): which attributes decided the deals we won and lost.

A deal is one ``deal_id`` with one outcome (``won``/``lost``) and any number of deciding
attributes (one row each). Per attribute: deals won and lost where it decided, its share
of all won and of all lost deals (a deal with two deciding attributes counts for both,
so shares need not sum to 1), and the net (won − lost). Deals without a deciding
attribute count in the totals only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = ["WinLoss", "win_loss"]


@dataclass(frozen=True)
class WinLoss:
    """``attributes``: ``[rival,] attribute, won, lost, net, won_share, lost_share``,
    most decisive first; ``deals``, ``won``, ``lost`` and ``win_rate`` over all deals."""

    attributes: pl.DataFrame
    deals: int
    won: int
    lost: int

    @property
    def win_rate(self) -> float:
        return self.won / self.deals if self.deals else float("nan")


def win_loss(survey: Survey, *, by_rival: bool = False) -> WinLoss:
    """Count deciding attributes over won and lost deals (optionally per rival)."""
    deals = survey.deals
    if deals.is_empty():
        raise DataValidationError("cva.no_deals")
    outcomes = deals.group_by("deal_id").agg(
        pl.col("outcome").n_unique().alias("n"), pl.col("outcome").first()
    )
    mixed = outcomes.filter(pl.col("n") > 1)
    if not mixed.is_empty():
        raise DataValidationError("cva.mixed_outcome", deal=mixed["deal_id"].sort()[0])
    won = int((outcomes["outcome"] == "won").sum())
    lost = int((outcomes["outcome"] == "lost").sum())
    keys = ["competitor", "attribute"] if by_rival else ["attribute"]
    decided = deals.filter(pl.col("attribute").is_not_null()).unique([*keys, "deal_id"])
    per_group = (
        decided.group_by(keys)
        .agg(
            (pl.col("outcome") == "won").sum().cast(pl.Int64).alias("won"),
            (pl.col("outcome") == "lost").sum().cast(pl.Int64).alias("lost"),
        )
        .with_columns(
            (pl.col("won") - pl.col("lost")).alias("net"),
            (pl.col("won") / max(won, 1)).alias("won_share"),
            (pl.col("lost") / max(lost, 1)).alias("lost_share"),
        )
        .sort(
            [*keys[:-1], "lost", "won", "attribute"],
            descending=[*([False] * (len(keys) - 1)), True, True, False],
        )
    )
    if by_rival:
        per_group = per_group.rename({"competitor": "rival"})
    return WinLoss(attributes=per_group, deals=outcomes.height, won=won, lost=lost)

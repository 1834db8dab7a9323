"""How the customer's choice moves as the worth of one score component changes.

A score row (a warranty year, a store or salesperson rating point, an hour of travel) is
worth ``amount × per_point`` in money. :func:`worth_sweep` recomputes the choice of every
segment for each worth per point of one component, all else equal — the seed's TV shop
read as "at what worth of a warranty year does the longer warranty win?".
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from custvalue.delivered.components import canonical_component
from custvalue.delivered.offerings import check_worth
from custvalue.delivered.value import _prepared, market_choice
from custvalue.exceptions import DataValidationError

__all__ = ["worth_sweep"]


def worth_sweep(offerings: pl.DataFrame, component: str, worths: Sequence[float]) -> pl.DataFrame:
    """The choice in each segment under each rule for each money per point of ``component``.

    Parameters
    ----------
    component
        A score component of ``offerings``, by any spelling (``人员`` = ``人员价值``).
    worths
        Money per point to try, each a finite number above 0, in the order given.

    Returns
    -------
    polars.DataFrame
        ``worth``, ``segment``, ``rule``, ``winner`` (``None`` for a tie), ``tied``,
        ``winner_value``, ``runner_up_value`` and ``rules_disagree``, as in
        :func:`~custvalue.delivered.value.market_choice`.

    Raises
    ------
    DataValidationError
        ``component`` is not a score component, no worth is given, or a worth is not a
        positive finite number.
    """
    rows = _prepared(offerings)
    code = canonical_component(component)
    scores = rows.filter(pl.col("unit") == "score")
    if code not in set(scores["component"].to_list()):
        known = ", ".join(scores["component"].unique(maintain_order=True).to_list()) or "—"
        raise DataValidationError("delivered.worth_unknown", component=component, known=known)
    if not worths:
        raise DataValidationError("delivered.sweep_empty", component=component)
    for worth in worths:
        check_worth(f"worths {component}", worth)
    target = (pl.col("unit") == "score") & (pl.col("component") == code)
    parts = []
    for worth in worths:
        changed = rows.with_columns(
            pl.when(target).then(pl.lit(float(worth))).otherwise("per_point").alias("per_point"),
            pl.when(target).then(pl.col("amount") * float(worth)).otherwise("money").alias("money"),
        )
        choice = market_choice(changed)
        parts.append(
            choice.select(
                pl.lit(float(worth)).alias("worth"),
                "segment",
                "rule",
                "winner",
                "tied",
                "winner_value",
                "runner_up_value",
                "rules_disagree",
            )
        )
    return pl.concat(parts)

"""Total customer value: realized + potential + influence (SPEC §1.1).

The potential value (潜在价值) is the CLV a purchase model scored for the customer, in
profit terms (``margin × expected spend``, discounted, over a finite horizon; see
:mod:`custvalue.clv.value`). This module only joins frames: the scores come from
:func:`custvalue.clv.store.latest_scores` or from
:func:`custvalue.clv.value.customer_lifetime_value` in a notebook.
"""

from __future__ import annotations

import polars as pl

from custvalue._validation import check_columns

__all__ = ["with_potential_value"]


def with_potential_value(values: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """``values`` with ``potential_value`` and ``overall_value`` after ``sustained_value``.

    Parameters
    ----------
    values
        From :func:`custvalue.value.customer_values` (customer_id, realized_value,
        referral_net …).
    scores
        customer_id and clv (one row per customer).

    Returns
    -------
    pl.DataFrame
        The same rows and order; ``potential_value`` = the customer's clv (null when the
        model did not score them, e.g. customers first seen after its calibration end),
        ``overall_value`` = realized_value + potential_value + referral_net (null with it).

    Examples
    --------
    >>> values = pl.DataFrame({"customer_id": ["A", "B"], "realized_value": [100.0, -20.0],
    ...     "referral_net": [50.0, 0.0], "sustained_value": [150.0, -20.0]})
    >>> scores = pl.DataFrame({"customer_id": ["A"], "clv": [30.0]})
    >>> with_potential_value(values, scores)["overall_value"].to_list()
    [180.0, None]
    """
    check_columns(values, ["customer_id", "realized_value", "referral_net"], frame_name="values")
    check_columns(scores, ["customer_id", "clv"], frame_name="scores")
    potential = scores.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("clv").cast(pl.Float64).alias("potential_value"),
    ).unique("customer_id", keep="last")
    joined = values.drop(
        [c for c in ("potential_value", "overall_value") if c in values.columns]
    ).join(potential, on="customer_id", how="left", maintain_order="left")
    joined = joined.with_columns(
        (pl.col("realized_value") + pl.col("potential_value") + pl.col("referral_net")).alias(
            "overall_value"
        )
    )
    if "sustained_value" in values.columns:
        order = [c for c in values.columns if c not in ("potential_value", "overall_value")]
        at = order.index("sustained_value") + 1
        joined = joined.select([*order[:at], "potential_value", "overall_value", *order[at:]])
    return joined

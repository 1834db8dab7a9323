"""The three lists the seeds insist on, from one frame per customer.

* **satisfied but at risk**: satisfied (attitude ≥ ``satisfied_from``, default 7 on
  0–10) yet slipping: P(alive) below ``alive_below`` (default 0.5) or the expected
  purchases falling between the last two CLV runs. Satisfaction is necessary but not
  sufficient: these customers say they are happy and still leave.
* **false loyalty** (伪忠诚): keeps buying (patronage high) with a low attitude — Dick &
  Basu's spurious loyalty; the first rival with a better offer takes them.
* **promoters who have not referred anyone yet**: NPS 9–10 and no referred customer — the
  referral plan's first address list.

Each list is sorted by the customer's value (``value``, highest first) so the most
valuable come first.
"""

from __future__ import annotations

import polars as pl

__all__ = ["false_loyalty", "satisfied_at_risk", "silent_promoters"]


def _by_value(frame: pl.DataFrame) -> pl.DataFrame:
    if "value" in frame.columns:
        return frame.sort(["value", "customer_id"], descending=[True, False], nulls_last=True)
    return frame.sort("customer_id")


def satisfied_at_risk(
    frame: pl.DataFrame, *, satisfied_from: float = 7.0, alive_below: float = 0.5
) -> pl.DataFrame:
    """``frame``: ``customer_id, attitude, p_alive`` and optionally
    ``expected_change`` (expected purchases now − at the previous run), ``complaints``
    (complaints made in the last year: a satisfied customer who complained is at risk
    too) and ``value``."""
    falling = (
        pl.col("expected_change").fill_null(0) < 0
        if "expected_change" in frame.columns
        else pl.lit(False)
    )
    complained = (
        pl.col("complaints").fill_null(0) > 0 if "complaints" in frame.columns else pl.lit(False)
    )
    slipping = (pl.col("p_alive") < alive_below).fill_null(False) | falling | complained
    return _by_value(
        frame.filter((pl.col("attitude") >= satisfied_from).fill_null(False) & slipping)
    )


def false_loyalty(frame: pl.DataFrame) -> pl.DataFrame:
    """The customers whose :func:`~custvalue.loyalty.types.loyalty_types` is spurious."""
    return _by_value(frame.filter(pl.col("loyalty_type") == "spurious"))


def silent_promoters(frame: pl.DataFrame, *, promoter_score: float = 9.0) -> pl.DataFrame:
    """``frame``: ``customer_id, nps, referred``: promoters who referred nobody."""
    return _by_value(
        frame.filter((pl.col("nps") >= promoter_score).fill_null(False) & (pl.col("referred") == 0))
    )

"""Loyalty types (Dick & Basu 1994, "Customer loyalty: toward an integrated conceptual
framework", *Journal of the Academy of Marketing Science* 22(2)): relative attitude ×
repeat patronage.

* **true** loyalty: high attitude, high patronage;
* **latent**: high attitude, low patronage (they like us but buy elsewhere or rarely);
* **spurious**: low attitude, high patronage (they buy out of habit or lock-in: the
  seeds' 伪忠诚, false loyalty);
* **none**: low on both.

Attitude is the latest NPS answer (high from ``attitude_high``, default 9: a promoter)
or, without one, the overall satisfaction rating rescaled to 0–10 (high from the same
threshold); patronage is P(alive) × the share of active periods (``active_periods /
periods`` of the stage rules), or the share alone before a CLV run (high from
``patronage_high``, default 0.5). A customer without any attitude measure gets type
``unknown`` — never guessed.
"""

from __future__ import annotations

import polars as pl

__all__ = ["LOYALTY_TYPES", "loyalty_types"]

LOYALTY_TYPES = ("true", "latent", "spurious", "none", "unknown")


def loyalty_types(
    frame: pl.DataFrame, *, attitude_high: float = 9.0, patronage_high: float = 0.5
) -> pl.DataFrame:
    """``frame``: ``customer_id, attitude`` (0–10, null when not measured) and
    ``patronage`` (0–1). Adds ``attitude_high``, ``patronage_high`` and ``loyalty_type``."""
    from custvalue._validation import check_number

    attitude_high = check_number("attitude_high", attitude_high, minimum=0, maximum=10)
    patronage_high = check_number("patronage_high", patronage_high, minimum=0, maximum=1)
    high_a = pl.col("attitude") >= attitude_high
    high_p = pl.col("patronage") >= patronage_high
    kind = (
        pl.when(pl.col("attitude").is_null())
        .then(pl.lit("unknown"))
        .when(high_a & high_p)
        .then(pl.lit("true"))
        .when(high_a)
        .then(pl.lit("latent"))
        .when(high_p)
        .then(pl.lit("spurious"))
        .otherwise(pl.lit("none"))
    )
    return frame.with_columns(
        high_a.alias("attitude_high"), high_p.alias("patronage_high"), kind.alias("loyalty_type")
    )

"""Key / develop / ordinary customers and the treatment for each (SPEC §1.5).

- **key** (重点客户): the top ``key_share`` of customers by ``value`` — the 80/20
  group; treatment "care for them" (用心维护);
- **develop** (发展客户): the next ``develop_share``, plus any other customer
  whose revenue in the last 12 months grew over the 12 months before (when
  those columns are present); treatment "cultivate them" (用心培养);
- **ordinary** (普通客户): everyone else; treatment "take part" (用心参与).
"""

from __future__ import annotations

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.segmentation.tiers import _check_value

__all__ = ["CLASSES", "classify_customers"]

CLASSES = ("key", "develop", "ordinary")


def classify_customers(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    key_share: float = 0.2,
    develop_share: float = 0.3,
) -> pl.DataFrame:
    """customer_id, name, the value column, rank, class, class_label, treatment."""
    for arg, share in (("key_share", key_share), ("develop_share", develop_share)):
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
            raise DataValidationError("segment.bad_share", name=arg, value=share)
    if key_share + develop_share > 1:
        raise DataValidationError(
            "segment.bad_share", name="key_share + develop_share", value=key_share + develop_share
        )
    _check_value(values, value)
    n = values.height
    key_n = round(n * key_share)
    develop_n = round(n * (key_share + develop_share))
    ranked = values.sort([value, "customer_id"], descending=[True, False], nulls_last=True)
    ranked = ranked.with_columns(pl.int_range(1, n + 1, dtype=pl.Int64).alias("rank"))
    growing = (
        pl.col("revenue_last_12m") > pl.col("revenue_prev_12m")
        if {"revenue_last_12m", "revenue_prev_12m"} <= set(values.columns)
        else pl.lit(False)
    )
    klass = (
        pl.when(pl.col("rank") <= key_n)
        .then(pl.lit("key"))
        .when((pl.col("rank") <= develop_n) | growing)
        .then(pl.lit("develop"))
        .otherwise(pl.lit("ordinary"))
    )
    labels = pl.DataFrame(
        {
            "class": list(CLASSES),
            "class_label": [t(f"segment.class_{c}") for c in CLASSES],
            "treatment": [t(f"segment.treat_{c}") for c in CLASSES],
        }
    )
    name = ["name"] if "name" in values.columns else []
    return (
        ranked.with_columns(klass.alias("class"))
        .join(labels, on="class", how="left", maintain_order="left")
        .select("customer_id", *name, value, "rank", "class", "class_label", "treatment")
    )

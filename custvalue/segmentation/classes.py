"""Key / develop / ordinary customers and the treatment of each (SPEC §1.5, 客户分类).

Customers are ranked by ``value`` descending (ties by ``customer_id`` for the rank
shown); customers with equal values always share a class, so a group can grow past its
share by the ties at its lower edge:

- **key** (重点客户): the top ``ceil(key_share * n)`` customers — the same group as
  the top of :func:`~custvalue.segmentation.pareto_summary` with ``top=key_share``,
  plus any customer tied with the last of them; treatment: care for them (用心维护);
- **develop** (发展客户): the next customers up to rank
  ``ceil((key_share + develop_share) * n)``, plus (``rising=True``) every other
  customer whose revenue in the last 12 months exceeds the 12 months before
  (``revenue_last_12m > revenue_prev_12m``, when both columns exist);
  treatment: cultivate them (用心培养);
- **ordinary** (普通客户): everyone else; treatment: take part (用心参与).
"""

from __future__ import annotations

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.segmentation._checks import check_fraction, check_frame, count_of, ranked_by

__all__ = ["CLASSES", "classify_customers"]

CLASSES = ("key", "develop", "ordinary")
_GROWTH = ("revenue_last_12m", "revenue_prev_12m")


def classify_customers(
    values: pl.DataFrame,
    *,
    value: str = "realized_value",
    key_share: float = 0.2,
    develop_share: float = 0.3,
    rising: bool = True,
) -> pl.DataFrame:
    """Classify every customer as key, develop or ordinary.

    Parameters
    ----------
    values
        One row per customer with ``customer_id`` and the numeric ``value`` column.
    value
        Column to rank by, descending.
    key_share
        Share of customers that are key customers, in (0, 1].
    develop_share
        Share of customers in the band below them, from 0 to ``1 - key_share``.
    rising
        Also count as *develop* every non-key customer whose revenue grew over the
        last 12 months (needs ``revenue_last_12m`` and ``revenue_prev_12m``).

    Returns
    -------
    customer_id, name (when present), the value column, rank, class, class_label and
    treatment (current language), sorted by rank.
    """
    key_share = check_fraction("key_share", key_share)
    limit = round(1 - key_share, 9)
    if (
        isinstance(develop_share, bool)
        or not isinstance(develop_share, (int, float))
        or not 0 <= develop_share <= limit
    ):
        raise DataValidationError("segment.bad_develop_share", value=develop_share, limit=limit)
    check_frame(values, ["customer_id"], frame_name="values", numeric=[value], complete=[value])
    n = values.height
    key_n = count_of(key_share, n)
    develop_n = min(count_of(key_share + develop_share, n), n)
    growing = pl.lit(False)
    if rising and set(_GROWTH) <= set(values.columns):
        check_frame(values, [], frame_name="values", numeric=_GROWTH, unique_ids=False)
        growing = (pl.col(_GROWTH[0]) > pl.col(_GROWTH[1])).fill_null(False)
    # the best rank among equal values: ties never split across classes
    tied_rank = pl.col(value).rank("min", descending=True)
    klass = (
        pl.when(tied_rank <= key_n)
        .then(pl.lit("key"))
        .when((tied_rank <= develop_n) | growing)
        .then(pl.lit("develop"))
        .otherwise(pl.lit("ordinary"))
    )
    labels = {c: t(f"segment.class_{c}") for c in CLASSES}
    treatments = {c: t(f"segment.treat_{c}") for c in CLASSES}
    name = ["name"] if "name" in values.columns else []
    return (
        ranked_by(values, value)
        .with_columns(klass.alias("class"))
        .select(
            "customer_id",
            *name,
            value,
            "rank",
            "class",
            pl.col("class").replace_strict(labels, return_dtype=pl.String).alias("class_label"),
            pl.col("class").replace_strict(treatments, return_dtype=pl.String).alias("treatment"),
        )
    )

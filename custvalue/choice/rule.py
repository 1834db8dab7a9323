"""The deterministic choice rule: the alternative with the highest value wins.

SPEC §2.1 (Kotler): a customer compares offers with delivered values V1 and V2 and
takes V1 when V1 : V2 > 1. For values in money (delivered value, value/cost ratios) the
ratio is V1/V2 (needs positive values); for utilities, which have no zero point, the
comparable ratio is :math:`e^{U_1 - U_2}` — the odds of the two alternatives in the logit
(:mod:`custvalue.choice.logit`), so the rule and the logit agree on the winner and
the logit adds how sure the choice is.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from custvalue._validation import check_choice, check_columns
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = ["deterministic_choice"]

Scale = Literal["value", "utility"]


def deterministic_choice(
    frame: pl.DataFrame,
    *,
    value: str,
    alternative: str = "alternative",
    situation: str | None = None,
    scale: Scale = "value",
) -> pl.DataFrame:
    """Per situation: the winner (highest ``value``), the runner-up and V1:V2.

    Parameters
    ----------
    frame
        One row per alternative (per situation when ``situation`` is given).
    value
        The column compared: delivered value or utility.
    scale
        ``"value"``: ratio V1/V2 (null unless both are > 0); ``"utility"``: ratio
        exp(U1 − U2).

    Returns
    -------
    polars.DataFrame
        ``situation`` (when given), ``winner``, ``winner_value``, ``runner_up``,
        ``runner_up_value``, ``difference`` (V1 − V2), ``ratio`` (V1:V2) and ``tie``
        (the two best are equal: the winner is then the first in the frame).

    Examples
    --------
    >>> frame = pl.DataFrame({"alternative": ["ours", "rival"], "value": [3600.0, 2800.0]})
    >>> deterministic_choice(frame, value="value")["ratio"].round(4).to_list()
    [1.2857]
    """
    check_choice("scale", scale, ("value", "utility"))
    keys = [situation] if situation else []
    check_columns(frame, [*keys, alternative, value], frame_name=t("choice.what_rule"))
    v = pl.col(value).cast(pl.Float64)
    if frame.select((v.is_null() | ~v.is_finite()).any()).item():
        raise DataValidationError("choice.rule_not_finite", column=value)
    ranked = frame.with_row_index("__order").sort(
        [*keys, value, "__order"], descending=[*([False] * len(keys)), True, False]
    )
    grouped = ranked.group_by(keys or pl.lit(0).alias("__all"), maintain_order=True).agg(
        pl.col(alternative).cast(pl.String).first().alias("winner"),
        v.first().alias("winner_value"),
        pl.col(alternative).cast(pl.String).get(1, null_on_oob=True).alias("runner_up"),
        v.get(1, null_on_oob=True).alias("runner_up_value"),
    )
    if not keys:
        grouped = grouped.drop("__all")
    diff = pl.col("winner_value") - pl.col("runner_up_value")
    if scale == "utility":
        ratio = diff.clip(upper_bound=700.0).exp()
    else:
        both = (pl.col("winner_value") > 0) & (pl.col("runner_up_value") > 0)
        ratio = pl.when(both).then(pl.col("winner_value") / pl.col("runner_up_value"))
    return grouped.with_columns(
        diff.alias("difference"),
        ratio.alias("ratio"),
        (diff == 0).fill_null(False).alias("tie"),
    )

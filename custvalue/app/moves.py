"""What moves value, from the store (docs/satisfaction.md §5): the satisfaction answers
linked to customers, each respondent's behaviour in the holdout after the survey date,
and :func:`custvalue.satisfaction.value_links.value_links` on them.

A respondent's survey date is the answer's ``answered_on``; the holdout runs from the
day after it for ``holdout_days`` days, cut at the ledger's last order date; a
respondent with less than ``min_holdout`` days of it (answered too recently) is left
out and counted. Behaviour: any order (bought), the number of orders and their amount
(refunds netted) in the holdout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database

__all__ = ["ValueMoves", "moves_sentence", "value_moves"]


@dataclass(frozen=True)
class ValueMoves(Result):
    """``table``: one row per predictor (the overall rating first, then the attributes);
    the respondents used, left out (no date, too recent) and the holdout."""

    table: pl.DataFrame
    respondents: int
    undated: int
    too_recent: int
    holdout_days: int
    #: the median holdout actually observed (cut at the ledger's last order date)
    median_days: int
    scale_high: float
    confidence: float

    def data(self) -> dict[str, Any]:
        return {
            "respondents": self.respondents,
            "undated": self.undated,
            "too_recent": self.too_recent,
            "holdout_days": self.holdout_days,
            "median_days": self.median_days,
            "scale_high": self.scale_high,
            "confidence": self.confidence,
            "table": rows(self.table),
        }


def value_moves(
    db: Database,
    *,
    holdout_days: int = 365,
    min_holdout: int = 90,
    confidence: float = 0.95,
    draws: int = 100,
    seed: int = 0,
) -> ValueMoves:
    """How each satisfaction score of linked respondents goes with their later buying."""
    import polars as pl

    from custvalue._validation import check_number
    from custvalue.exceptions import NotFoundError
    from custvalue.satisfaction.value_links import value_links

    holdout_days = int(check_number("--holdout-days", holdout_days, minimum=30, maximum=3650))
    min_holdout = int(check_number("--min-holdout", min_holdout, minimum=1, maximum=holdout_days))
    answers = db.frame(
        "SELECT wave, respondent, customer_id, answered_on, attribute, performance "
        "FROM voice_satisfaction WHERE customer_id IS NOT NULL"
    )
    if answers.height == 0:
        raise NotFoundError("voice.no_linked_answers", db=db.display_url)
    last = db.scalar("SELECT max(CAST(ordered_at AS DATE)) FROM orders")
    if last is None:
        raise NotFoundError("loyalty.no_customers", db=db.display_url)
    wide = answers.with_columns(pl.col("performance").cast(pl.Float64)).pivot(
        on="attribute", index=["wave", "respondent", "customer_id", "answered_on"],
        values="performance",
    )  # fmt: skip
    undated = wide.filter(pl.col("answered_on").is_null()).height
    dated = wide.filter(pl.col("answered_on").is_not_null()).with_columns(
        pl.col("answered_on").cast(pl.Date)
    )
    end = pl.min_horizontal(
        pl.col("answered_on") + pl.duration(days=holdout_days), pl.lit(last, pl.Date)
    )
    dated = dated.with_columns(end.alias("_end")).with_columns(
        (pl.col("_end") - pl.col("answered_on")).dt.total_days().alias("_days")
    )
    too_recent = dated.filter(pl.col("_days") < min_holdout).height
    used = dated.filter(pl.col("_days") >= min_holdout)
    orders = db.frame(
        "SELECT customer_id, CAST(ordered_at AS DATE) AS ordered_at, amount_cents FROM orders "
        "WHERE customer_id IN (SELECT DISTINCT customer_id FROM voice_satisfaction "
        "WHERE customer_id IS NOT NULL)"
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("amount_cents").cast(pl.Float64))
    later = (
        used.select("wave", "respondent", "customer_id", "answered_on", "_end")
        .with_columns(pl.col("customer_id").cast(pl.String))
        .join(orders, on="customer_id", how="inner")
        .filter(
            (pl.col("ordered_at") > pl.col("answered_on"))
            & (pl.col("ordered_at") <= pl.col("_end"))
        )
        .group_by("wave", "respondent")
        .agg(
            (pl.col("amount_cents") > 0).sum().alias("purchases"),
            (pl.col("amount_cents").sum() / 100).alias("spend"),
        )
    )
    frame = (
        used.join(later, on=["wave", "respondent"], how="left")
        .with_columns(
            pl.col("purchases").fill_null(0),
            pl.col("spend").fill_null(0.0).clip(lower_bound=0.0),
        )
        .with_columns((pl.col("purchases") > 0).cast(pl.Int64).alias("bought"))
    )
    attributes = sorted(set(answers["attribute"].to_list()) - {"overall"})
    predictors = (["overall"] if "overall" in frame.columns else []) + attributes
    highest = answers["performance"].cast(pl.Float64).max()
    top = float(highest) if isinstance(highest, (int, float)) else 7.0
    scale_high = 10.0 if top > 7 else 7.0
    table = value_links(
        frame, predictors, scale_high=scale_high, confidence=confidence, draws=draws, seed=seed
    )
    return ValueMoves(
        table=table,
        respondents=frame.height,
        undated=undated,
        too_recent=too_recent,
        holdout_days=holdout_days,
        median_days=int(used["_days"].median() or 0),  # type: ignore[arg-type]
        scale_high=scale_high,
        confidence=confidence,
    )


def moves_sentence(result: ValueMoves) -> str:
    """The money statement and its caveats, in words (both fronts show it)."""
    from custvalue.formatting import format_value
    from custvalue.i18n import t

    table = result.table.filter(result.table["delta_spend"].is_not_null())
    facts = t(
        "voice.moves_facts",
        n=f"{result.respondents:,}",
        days=result.median_days,
        tested=result.table.height,
        recent=f"{result.too_recent:,}",
        undated=f"{result.undated:,}",
    )
    if table.height == 0:
        return facts + " " + t("voice.moves_none")
    shown = table.filter(table["significant"]) if table["significant"].any() else table
    best = shown.sort("delta_spend", descending=True).row(0, named=True)
    name = t("voice.overall") if best["predictor"] == "overall" else best["predictor"]
    money = {k: format_value(best[k], "money") for k in ("delta_spend", "delta_low", "delta_high")}
    key = "voice.moves_money" if best["significant"] else "voice.moves_money_unsure"
    return " ".join([
        t(key, attribute=name, delta=money["delta_spend"], low=money["delta_low"],
          high=money["delta_high"], affected=f"{best['affected']:,}", days=result.median_days),
        facts,
    ])  # fmt: skip

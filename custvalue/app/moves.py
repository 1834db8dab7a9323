"""What moves value, from the store (docs/satisfaction.md §5): the satisfaction answers
linked to customers and the Gale survey ratings of us linked to customers (scored per
respondent by :func:`custvalue.cva.profile.respondent_scores`), each respondent's
behaviour in the holdout after the survey date, and
:func:`custvalue.satisfaction.value_links.value_links` on them.

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

__all__ = [
    "GALE_PREDICTORS",
    "ValueMoves",
    "labelled",
    "moves_sentence",
    "predictor_label",
    "scale_top",
    "value_moves",
]


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


#: the predictors of Gale's profiles (survey ratings of us linked to customers)
GALE_PREDICTORS: dict[str, str] = {"gale_quality": "quality", "gale_price": "price"}


def scale_top(highest: float | None) -> float:
    """The top of the scale the answers are on: the smallest of 5, 7 and 10 not below the
    highest answer (the highest answer itself above 10)."""
    top = float(highest) if isinstance(highest, (int, float)) else 7.0
    return next((float(s) for s in (5, 7, 10) if top <= s), top)


def predictor_label(name: str) -> str:
    """How a predictor reads: the overall rating, a Gale profile, an attribute's name."""
    from custvalue.i18n import t

    if name == "overall":
        return t("voice.overall")
    if name in GALE_PREDICTORS:
        return t(f"voice.{name}")
    return name


def labelled(table: pl.DataFrame) -> pl.DataFrame:
    """``table`` with its predictors as they read (both fronts show it so)."""
    import polars as pl

    names = table["predictor"].unique().to_list()
    return table.with_columns(
        pl.col("predictor").replace({name: predictor_label(name) for name in names})
    )


def _satisfaction_answers(db: Database) -> tuple[pl.DataFrame, list[str], float]:
    """One row per linked satisfaction respondent, a column per attribute; the predictors
    (overall first) and the top of their scale."""
    import polars as pl

    answers = db.frame(
        "SELECT wave, respondent, customer_id, answered_on, attribute, performance "
        "FROM voice_satisfaction WHERE customer_id IS NOT NULL"
    )
    if answers.height == 0:
        return pl.DataFrame(), [], 7.0
    wide = answers.with_columns(pl.col("performance").cast(pl.Float64)).pivot(
        on="attribute", index=["wave", "respondent", "customer_id", "answered_on"],
        values="performance",
    )  # fmt: skip
    attributes = sorted(set(answers["attribute"].to_list()) - {"overall"})
    predictors = (["overall"] if "overall" in wide.columns else []) + attributes
    top = scale_top(answers["performance"].cast(pl.Float64).max())  # type: ignore[arg-type]
    return wide.with_columns(pl.lit("satisfaction").alias("_source")), predictors, top


def _gale_answers(db: Database) -> tuple[pl.DataFrame, list[str], float]:
    """One row per survey respondent linked to a customer who rated us, with their
    weighted quality and price scores (:func:`custvalue.cva.profile.respondent_scores`);
    a kind without weights has no predictor."""
    import polars as pl

    from custvalue.cva.profile import respondent_scores
    from custvalue.cva.store import get_us, load_survey
    from custvalue.exceptions import DataValidationError

    linked = db.frame(
        "SELECT wave, respondent, customer_id, answered_on FROM cva_ratings "
        "WHERE customer_id IS NOT NULL"
    )
    us = get_us(db)
    if linked.height == 0 or us is None:
        return pl.DataFrame(), [], 10.0
    survey = load_survey(db, us=us)
    # one respondent, one customer: the first stated; their earliest stated day
    frame = linked.group_by("wave", "respondent").agg(
        pl.col("customer_id").drop_nulls().first(),
        pl.col("answered_on").drop_nulls().min(),
    )
    predictors = []
    for name, kind in GALE_PREDICTORS.items():
        try:
            scores = respondent_scores(survey, kind)  # type: ignore[arg-type]
        except DataValidationError:  # no weights of this kind: no profile to score
            continue
        frame = frame.join(
            scores.select("wave", "respondent", pl.col("score").alias(name)),
            on=["wave", "respondent"], how="left",
        )  # fmt: skip
        predictors.append(name)
    if not predictors:
        return pl.DataFrame(), [], 10.0
    top = scale_top(survey.ratings.filter(pl.col("competitor") == survey.us)["rating"].max())  # type: ignore[arg-type]
    return frame.with_columns(pl.lit("ratings").alias("_source")), predictors, top


def value_moves(
    db: Database,
    *,
    holdout_days: int = 365,
    min_holdout: int = 90,
    confidence: float = 0.95,
    draws: int = 100,
    seed: int = 0,
) -> ValueMoves:
    """How each satisfaction score of linked respondents (and Gale's quality and price
    scores of linked survey respondents) goes with their later buying."""
    import polars as pl

    from custvalue._validation import check_number
    from custvalue.exceptions import NotFoundError
    from custvalue.satisfaction.value_links import value_links

    holdout_days = int(check_number("--holdout-days", holdout_days, minimum=30, maximum=3650))
    min_holdout = int(check_number("--min-holdout", min_holdout, minimum=1, maximum=holdout_days))
    sources = [part for part in (_satisfaction_answers(db), _gale_answers(db)) if part[1]]
    if not sources:
        raise NotFoundError("voice.no_linked_answers", db=db.display_url)
    last = db.scalar("SELECT max(CAST(ordered_at AS DATE)) FROM orders")
    if last is None:
        raise NotFoundError("loyalty.no_customers", db=db.display_url)
    key = ["_source", "wave", "respondent"]
    wide = pl.concat(
        [
            part.with_columns(
                pl.col("customer_id").cast(pl.String), pl.col("answered_on").cast(pl.Date)
            )
            for part, _, _ in sources
        ],
        how="diagonal_relaxed",
    )
    predictors = [name for _, names, _ in sources for name in names]
    tops = {name: top for _, names, top in sources for name in names}
    undated = wide.filter(pl.col("answered_on").is_null()).height
    dated = wide.filter(pl.col("answered_on").is_not_null())
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
        "WHERE customer_id IN (SELECT customer_id FROM voice_satisfaction "
        "WHERE customer_id IS NOT NULL UNION SELECT customer_id FROM cva_ratings "
        "WHERE customer_id IS NOT NULL)"
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("amount_cents").cast(pl.Float64))
    later = (
        used.select(*key, "customer_id", "answered_on", "_end")
        .join(orders, on="customer_id", how="inner")
        .filter(
            (pl.col("ordered_at") > pl.col("answered_on"))
            & (pl.col("ordered_at") <= pl.col("_end"))
        )
        .group_by(key)
        .agg(
            (pl.col("amount_cents") > 0).sum().alias("purchases"),
            (pl.col("amount_cents").sum() / 100).alias("spend"),
        )
    )
    frame = (
        used.join(later, on=key, how="left")
        .with_columns(
            pl.col("purchases").fill_null(0),
            pl.col("spend").fill_null(0.0).clip(lower_bound=0.0),
        )
        .with_columns((pl.col("purchases") > 0).cast(pl.Int64).alias("bought"))
        .sort(key)  # the bootstrap's resamples: the same rows in the same order every run
    )
    table = value_links(
        frame, predictors, scale_high=tops, confidence=confidence, draws=draws, seed=seed
    )
    return ValueMoves(
        table=table,
        respondents=frame.height,
        undated=undated,
        too_recent=too_recent,
        holdout_days=holdout_days,
        median_days=int(used["_days"].median() or 0),  # type: ignore[arg-type]
        scale_high=max(tops.values()),
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
    name = predictor_label(best["predictor"])
    money = {k: format_value(best[k], "money") for k in ("delta_spend", "delta_low", "delta_high")}
    key = "voice.moves_money" if best["significant"] else "voice.moves_money_unsure"
    return " ".join([
        t(key, attribute=name, delta=money["delta_spend"], low=money["delta_low"],
          high=money["delta_high"], affected=f"{best['affected']:,}", days=result.median_days),
        facts,
    ])  # fmt: skip

"""Key events table (Gale's tool 6): events that moved perceived quality or price.

Each event (ours or a rival's) is listed in date order. When it names an attribute and a
survey wave, the table adds our performance ratio on that attribute — against the actor,
or against the rivals' mean when the actor is us — in the wave before and in the event's
wave, the change, and whether the change went the way the event says (``consistent``):
an ``up`` event of ours should raise our ratio; an ``up`` event of a rival should lower it.
"""

from __future__ import annotations

import polars as pl

from custvalue.cva.profile import MEAN, pair_scores
from custvalue.cva.survey import Survey
from custvalue.exceptions import DataValidationError

__all__ = ["key_events"]


def _ratios(survey: Survey) -> pl.DataFrame:
    """``wave, rival, attribute, ratio``: ours against each rival and the rivals' mean."""
    rows = []
    for wave in survey.waves:
        ratings = survey.ratings.filter(pl.col("wave") == wave)
        if ratings.is_empty():
            continue
        attributes = sorted(set(ratings["attribute"].to_list()))
        pairs = pair_scores(ratings, attributes).filter(pl.col("competitor") == survey.us)
        if pairs.is_empty():
            continue
        each = pairs.select(
            "rival", "attribute", (pl.col("us_score") / pl.col("rival_score")).alias("ratio")
        )
        mean = (
            pairs.group_by("attribute")
            .agg(pl.col("us_score").mean() / pl.col("rival_score").mean())
            .select(pl.lit(MEAN).alias("rival"), "attribute", pl.col("us_score").alias("ratio"))
        )
        rows.append(pl.concat([each, mean]).with_columns(pl.lit(wave).alias("wave")))
    if not rows:
        return pl.DataFrame(
            schema={
                "rival": pl.String,
                "attribute": pl.String,
                "ratio": pl.Float64,
                "wave": pl.String,
            }
        )
    return pl.concat(rows)


def key_events(survey: Survey) -> pl.DataFrame:
    """``date, wave, actor, attribute, kind, effect, description, ratio_before,
    ratio_after, change, consistent`` in date order."""
    events = survey.events
    if events.is_empty():
        raise DataValidationError("cva.no_events")
    waves = survey.waves
    previous = {w: (waves[i - 1] if i > 0 else None) for i, w in enumerate(waves)}
    ratios = _ratios(survey)
    lookup = {
        (w, r, a): v
        for r, a, v, w in ratios.select("rival", "attribute", "ratio", "wave").iter_rows()
    }
    before: list[float | None] = []
    after: list[float | None] = []
    for actor, attribute, wave in events.select("actor", "attribute", "wave").iter_rows():
        rival = MEAN if actor == survey.us else actor
        prev = previous.get(wave) if wave else None
        after.append(lookup.get((wave, rival, attribute)) if wave and attribute else None)
        before.append(lookup.get((prev, rival, attribute)) if prev and attribute else None)
    out = events.with_columns(
        pl.Series("ratio_before", before, dtype=pl.Float64),
        pl.Series("ratio_after", after, dtype=pl.Float64),
    ).with_columns((pl.col("ratio_after") - pl.col("ratio_before")).alias("change"))
    ours = pl.col("actor") == survey.us
    expected_up = (ours & (pl.col("effect") == "up")) | (~ours & (pl.col("effect") == "down"))
    consistent = (
        pl.when(pl.col("change").is_null() | pl.col("effect").is_null())
        .then(None)
        .when(expected_up)
        .then(pl.col("change") > 0)
        .otherwise(pl.col("change") < 0)
    )
    return out.with_columns(consistent.alias("consistent")).sort("date", nulls_last=True)

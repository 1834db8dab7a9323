"""What/who matrix (Gale's tool 7): which function owns which attribute.

Rows are the weighted attributes (quality and price) plus any owned attribute; columns
the functions, cells ``lead`` / ``support``. Each row also carries the attribute's
weight within its kind, our ratio against the rivals' mean and a ``flag``:
``unowned`` (no lead), ``priority`` (weight at least the kind's mean weight and ratio
below 1: important and behind — the first things to fix), or empty.
"""

from __future__ import annotations

import polars as pl

from custvalue.cva.profile import Kind, profile
from custvalue.cva.survey import Survey
from custvalue.exceptions import CustValueError, DataValidationError

__all__ = ["what_who"]


def _standing(survey: Survey) -> pl.DataFrame:
    frames = []
    kinds: tuple[Kind, ...] = ("quality", "price")
    for kind in kinds:
        try:
            prof = profile(survey, kind, baseline="mean")
        except CustValueError:
            continue
        frames.append(
            prof.attributes.select(
                "attribute",
                pl.lit(kind).alias("kind"),
                "weight",
                "ratio",
                (pl.col("weight") >= pl.col("weight").mean()).alias("_important"),
            )
        )
    if not frames:
        return pl.DataFrame(
            schema={
                "attribute": pl.String,
                "kind": pl.String,
                "weight": pl.Float64,
                "ratio": pl.Float64,
                "_important": pl.Boolean,
            }
        )
    return pl.concat(frames)


def what_who(survey: Survey) -> pl.DataFrame:
    """The matrix as a frame: ``attribute, kind, weight, ratio, <function>..., flag``."""
    owners = survey.owners
    if owners.is_empty():
        raise DataValidationError("cva.no_owners")
    standing = _standing(survey)
    functions = sorted(set(owners["function"].to_list()))
    wide = (
        owners.unique(["attribute", "function"], keep="first")
        .pivot(on="function", index="attribute", values="role", aggregate_function="first")
        .select("attribute", *functions)
    )
    attributes = pl.DataFrame(
        {"attribute": sorted(set(standing["attribute"].to_list()) | set(owners["attribute"]))}
    )
    led = set(owners.filter(pl.col("role") == "lead")["attribute"].to_list())
    table = (
        attributes.join(standing, on="attribute", how="left")
        .join(wide, on="attribute", how="left")
        .with_columns(
            pl.when(~pl.col("attribute").is_in(list(led)))
            .then(pl.lit("unowned"))
            .when(pl.col("_important") & (pl.col("ratio") < 1))
            .then(pl.lit("priority"))
            .otherwise(pl.lit(""))
            .alias("flag")
        )
        .drop("_important")
        .with_columns([pl.col(f).fill_null("") for f in functions])
    )
    return table.sort(["kind", "weight"], descending=[True, True], nulls_last=True)

"""SERVQUAL gap scores (Parasuraman, Zeithaml & Berry 1988, *Journal of Retailing*
64(1); the weighting of Zeithaml, Parasuraman & Berry 1990, *Delivering Quality
Service*).

22 items, each answered twice on 1–7: what an excellent firm would offer (expectation)
and what this firm offers (perception). Gap = perception − expectation per answer.

* **item**: the mean gap (and the means of both answers) over the respondents;
* **dimension**: each respondent's mean gap over the dimension's items, then the mean
  over respondents (the standard map: tangibles 1–4, reliability 5–9,
  responsiveness 10–13, assurance 14–17, empathy 18–22, shipped in
  ``servqual_items.csv`` and replaceable: ``items=`` a frame ``item, dimension``);
* **overall**: unweighted, the mean of the dimension gaps; weighted, Σ weightᵈ × gapᵈ
  / 100 with the dimension weights (the 100 points respondents share among the five
  dimensions, averaged) summing to 100.

A negative gap is service below expectation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import ResultDict, require_columns

__all__ = ["respondent_gaps", "DIMENSIONS", "ServqualResult", "load_items", "servqual"]

DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
ITEMS_FILE = Path(__file__).with_name("servqual_items.csv")


@cache
def _standard() -> pl.DataFrame:
    return pl.read_csv(ITEMS_FILE, schema={"item": pl.Int64, "dimension": pl.String})


def load_items(path: str | Path | None = None) -> pl.DataFrame:
    """The item → dimension map: the standard one, or ``path`` (CSV ``item, dimension``;
    every item once, every dimension named)."""
    if path is None:
        return _standard()
    from custvalue.data.reading import read_table

    raw = read_table(path)
    names = {c: h.lower() for c, h in zip(raw.cells.columns, raw.headers, strict=True)}
    headers = {"项目": "item", "题项": "item", "维度": "dimension"}
    frame = raw.cells.rename({c: headers.get(h, h) for c, h in names.items()})
    return _check_items(frame, str(path))


def _check_items(frame: pl.DataFrame, source: str) -> pl.DataFrame:
    if not {"item", "dimension"} <= set(frame.columns):
        raise DataValidationError("satisfaction.items_columns", file=source)
    items = frame.select(
        pl.col("item").cast(pl.Int64, strict=False), pl.col("dimension").cast(pl.String)
    )
    bad = items.filter(pl.col("item").is_null() | pl.col("dimension").is_null())
    if bad.height:
        raise DataValidationError("satisfaction.items_blank", file=source)
    twice = items.filter(pl.col("item").is_duplicated())["item"]
    if twice.len():
        raise DataValidationError("satisfaction.items_twice", file=source, item=int(twice[0]))
    return items


@dataclass(frozen=True)
class ServqualResult(ResultDict):
    """``items``: ``item, dimension, n, expectation, perception, gap``; ``dimensions``:
    ``dimension, respondents, gap, weight``; the overall gaps unweighted and (with
    weights) weighted."""

    items: pl.DataFrame
    dimensions: pl.DataFrame
    unweighted: float
    weighted: float | None


def respondent_gaps(
    frame: pl.DataFrame, *, items: pl.DataFrame | None = None, keep: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Each respondent's mean gap (perception − expectation) per dimension, with the
    ``keep`` columns (such as ``wave``) carried along; the unit the wave changes of
    SERVQUAL are tested on."""
    mapping = _check_items(items, "items") if items is not None else _standard()
    require_columns(frame, ["respondent", "item", "expectation", "perception", *keep])
    rows = frame.select(
        *keep,
        pl.col("respondent").cast(pl.String),
        pl.col("item").cast(pl.Int64, strict=False),
        (
            pl.col("perception").cast(pl.Float64, strict=False)
            - pl.col("expectation").cast(pl.Float64, strict=False)
        ).alias("gap"),
    ).drop_nulls(["gap"])
    return (
        rows.join(mapping, on="item")
        .group_by(*keep, "respondent", "dimension", maintain_order=True)
        .agg(pl.col("gap").mean())
    )


def servqual(
    frame: pl.DataFrame,
    *,
    items: pl.DataFrame | None = None,
    weights: Mapping[str, float] | None = None,
) -> ServqualResult:
    """Gap scores per item, dimension and overall. ``frame``: ``respondent, item,
    expectation, perception`` (one row per respondent and item)."""
    mapping = _check_items(items, "items") if items is not None else _standard()
    need = ["respondent", "item", "expectation", "perception"]
    require_columns(frame, need)
    rows = frame.select(
        pl.col("respondent").cast(pl.String),
        pl.col("item").cast(pl.Int64, strict=False),
        pl.col("expectation").cast(pl.Float64, strict=False),
        pl.col("perception").cast(pl.Float64, strict=False),
    ).drop_nulls(["expectation", "perception"])
    unknown = rows.join(mapping, on="item", how="anti")
    if unknown.height:
        raise DataValidationError(
            "satisfaction.unknown_item", item=str(unknown["item"][0]), items=mapping.height
        )
    if rows.height == 0:
        raise DataValidationError("satisfaction.no_answers", what="servqual")
    scored = rows.join(mapping, on="item").with_columns(
        (pl.col("perception") - pl.col("expectation")).alias("gap")
    )
    per_item = (
        scored.group_by("item", "dimension")
        .agg(
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("expectation").mean(),
            pl.col("perception").mean(),
            pl.col("gap").mean(),
        )
        .sort("item")
    )
    order = [d for d in DIMENSIONS if d in set(mapping["dimension"])]
    order += sorted(set(mapping["dimension"]) - set(order))
    per_respondent = scored.group_by("respondent", "dimension").agg(pl.col("gap").mean())
    per_dimension = per_respondent.group_by("dimension").agg(
        pl.len().cast(pl.Int64).alias("respondents"), pl.col("gap").mean()
    )
    per_dimension = (
        pl.DataFrame({"dimension": order})
        .join(per_dimension, on="dimension", how="left")
        .filter(pl.col("gap").is_not_null())
    )
    weighted = None
    if weights is not None:
        per_dimension, weighted = _weighted(per_dimension, weights)
    else:
        per_dimension = per_dimension.with_columns(pl.lit(None, pl.Float64).alias("weight"))
    return ServqualResult(
        items=per_item,
        dimensions=per_dimension,
        unweighted=float(per_dimension["gap"].mean()),  # type: ignore[arg-type]
        weighted=weighted,
    )


def _weighted(dimensions: pl.DataFrame, weights: Mapping[str, float]) -> tuple[pl.DataFrame, float]:
    from custvalue._validation import check_number

    present = list(dimensions["dimension"])
    unknown = sorted(set(weights) - set(present))
    if unknown:
        raise DataValidationError(
            "satisfaction.unknown_dimension", dimension=unknown[0], dimensions=", ".join(present)
        )
    lacking = [d for d in present if d not in weights]
    if lacking:
        raise DataValidationError("satisfaction.weight_missing", dimension=lacking[0])
    values = {d: check_number(f"weight of {d}", weights[d], minimum=0) for d in present}
    total = sum(values.values())
    if abs(total - 100) > 1e-6:
        raise DataValidationError("satisfaction.weights_sum", total=f"{total:g}")
    out = dimensions.with_columns(
        pl.col("dimension").replace_strict(values, return_dtype=pl.Float64).alias("weight")
    )
    return out, float((out["weight"] * out["gap"]).sum() / 100)

"""Checks of a long choice frame; every problem is a row-level :class:`Rejection`.

A choice situation (one question of a survey, one shopping trip) is the set of rows
sharing a situation id. The rules: every cell present; numeric attributes finite;
the chosen flag 0 or 1 with exactly one chosen row per situation; at least two
alternatives per situation, each named once; a weight (when given) finite, ≥ 0 and
the same on every row of a situation. Each broken rule is reported on the line where
it shows (the first line of the situation when no row is chosen), naming the
situation, so a file can be fixed in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from custvalue.choice.design import Design
from custvalue.data.preparing import Rejection
from custvalue.data.tables import reject_rows

__all__ = ["check_choices", "check_levels", "with_lines"]


def with_lines(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a ``_line`` column (row number from 1 when it has none)."""
    if "_line" in frame.columns:
        return frame
    return frame.with_row_index("_line", offset=1).with_columns(pl.col("_line").cast(pl.Int64))


def check_choices(
    frame: pl.DataFrame,
    *,
    situation: str,
    alternative: str,
    chosen: str | None,
    numeric: Sequence[str],
    categorical: Sequence[str] = (),
    weight: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> list[Rejection]:
    """Every rule of the module docstring broken by ``frame`` (which has ``_line``).

    ``chosen=None`` checks a scenario: no chosen flag, and a situation may hold a
    single alternative. ``headers`` maps column names to the headers as written, for
    the messages.
    """
    head = dict(headers or {})

    def name(column: str) -> str:
        return head.get(column, column)

    out: list[Rejection] = []
    for column in (situation, alternative, *numeric, *categorical):
        out += reject_rows(frame, pl.col(column).is_null(), name(column), "import.missing_value")
    for column in numeric:
        values = pl.col(column).cast(pl.Float64, strict=False)
        bad = pl.col(column).is_not_null() & (values.is_null() | ~values.is_finite())
        out += _named(frame, bad, column, name(column), "choice.reason_not_finite")
    keyed = frame.filter(pl.col(situation).is_not_null() & pl.col(alternative).is_not_null())
    counts = pl.len().over(situation)
    out += _named(
        keyed,
        pl.len().over(situation, alternative) > 1,
        alternative,
        name(alternative),
        "choice.reason_duplicate_alternative",
        situation,
    )
    if chosen is not None:
        out += _named(
            keyed, counts == 1, alternative, name(alternative), "choice.reason_single", situation
        )
        out += _chosen(keyed, situation, chosen, name(chosen))
    if weight is not None:
        w = pl.col(weight).cast(pl.Float64, strict=False)
        bad_w = w.is_null() | ~w.is_finite() | (w < 0)
        out += _named(frame, bad_w, weight, name(weight), "choice.reason_bad_weight")
        uneven = w.n_unique().over(situation) > 1
        out += _named(keyed, uneven, weight, name(weight), "choice.reason_uneven_weight", situation)
    return out


def check_levels(
    frame: pl.DataFrame,
    design: Design,
    *,
    alternative: str,
    headers: Mapping[str, str] | None = None,
) -> list[Rejection]:
    """Rows whose categorical level (or alternative, with ASCs) the model never saw."""
    head = dict(headers or {})
    out: list[Rejection] = []
    cats = [(c, c.column) for c in design.categorical]
    if design.asc is not None:
        cats.append((design.asc, alternative))
    for cat, column in cats:
        unknown = pl.col(column).is_not_null() & ~pl.col(column).cast(pl.String).is_in(cat.levels)
        out += reject_rows(
            frame,
            unknown,
            head.get(column, column),
            "choice.reason_unknown_level",
            levels=", ".join(cat.levels),
        )
    return out


def _named(
    frame: pl.DataFrame,
    mask: pl.Expr,
    column: str,
    header: str,
    reason: str,
    situation: str | None = None,
) -> list[Rejection]:
    """Rejections of the rows where ``mask`` holds, with the value of ``column`` and the
    situation id in the message."""
    hits = frame.filter(mask)
    out = []
    for row in hits.iter_rows(named=True):
        value = row[column]
        params = {} if situation is None else {"situation": str(row[situation])}
        out.append(
            Rejection(
                int(row["_line"]),
                header,
                None if value is None else str(value),
                reason,
                params,
            )
        )
    return out


def _chosen(frame: pl.DataFrame, situation: str, chosen: str, header: str) -> list[Rejection]:
    flag = pl.col(chosen).cast(pl.Float64, strict=False)
    bad = pl.col(chosen).is_not_null() & ~flag.is_in([0.0, 1.0])
    out = _named(frame, bad | pl.col(chosen).is_null(), chosen, header, "choice.reason_bad_flag")
    ok = frame.filter(~(bad | pl.col(chosen).is_null()))
    ok = ok.with_columns(
        flag.sum().over(situation).alias("__n_chosen"),
        pl.col("_line").min().over(situation).alias("__first"),
    )
    none = ok.filter((pl.col("__n_chosen") == 0) & (pl.col("_line") == pl.col("__first")))
    for row in none.iter_rows(named=True):
        out.append(
            Rejection(
                int(row["_line"]),
                header,
                str(row[chosen]),
                "choice.reason_none_chosen",
                {"situation": str(row[situation])},
            )
        )
    several = ok.filter((pl.col("__n_chosen") > 1) & (flag == 1.0))
    for row in several.iter_rows(named=True):
        out.append(
            Rejection(
                int(row["_line"]),
                header,
                str(row[chosen]),
                "choice.reason_several_chosen",
                {"situation": str(row[situation]), "count": int(row["__n_chosen"])},
            )
        )
    return out

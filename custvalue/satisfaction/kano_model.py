"""Kano's model (Kano, Seraku, Takahashi & Tsuji 1984) with the evaluation table and
the satisfaction coefficients of Berger et al. (1993, "Kano's methods for
understanding customer-defined quality", *Center for Quality Management Journal* 2(4)).

Each respondent answers two questions per feature: how they feel if it is there
(functional) and if it is not (dysfunctional), each one of

    1 like · 2 expect it (must-be) · 3 neutral · 4 can live with it · 5 dislike
    (喜欢 · 理所当然 · 无所谓 · 能忍受 · 不喜欢)

The pair gives a category: **A** attractive, **O** one-dimensional, **M** must-be,
**I** indifferent, **R** reverse, **Q** questionable (a contradictory pair):

    functional \\ dysfunctional   like  expect  neutral  live with  dislike
    like                          Q     A       A        A          O
    expect                        R     I       I        I          M
    neutral                       R     I       I        I          M
    live with                     R     I       I        I          M
    dislike                       R     R       R        R          Q

Per feature: the count of each, the category most answers fall in (every category
tied at the top is named), and Berger's coefficients

    CS = (A + O) / (A + O + M + I)       how much satisfaction the feature adds
    DS = −(O + M) / (A + O + M + I)      how much dissatisfaction its absence causes
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.satisfaction._common import ResultDict, require_columns

__all__ = ["CATEGORIES", "KanoResult", "kano", "kano_answer"]

CATEGORIES = ("A", "O", "M", "I", "R", "Q")

#: the evaluation table: functional answer → the categories by dysfunctional answer
_TABLE = {
    1: "QAAAO",
    2: "RIIIM",
    3: "RIIIM",
    4: "RIIIM",
    5: "RRRRQ",
}

_WORDS = {
    "like": 1, "i like it": 1, "喜欢": 1, "很喜欢": 1,
    "expect": 2, "must-be": 2, "must be": 2, "i expect it": 2, "理所当然": 2, "应该如此": 2,
    "必须的": 2,
    "neutral": 3, "i am neutral": 3, "无所谓": 3,
    "live with": 4, "can live with": 4, "i can live with it": 4, "能忍受": 4, "可以忍受": 4,
    "dislike": 5, "i dislike it": 5, "不喜欢": 5,
}  # fmt: skip


def kano_answer(value: object) -> int | None:
    """An answer as 1–5 (numbers, the English or Chinese words), ``None`` if blank;
    :class:`DataValidationError` if it is none of them."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in _WORDS:
        return _WORDS[text]
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number in (1, 2, 3, 4, 5):
        return int(number)
    raise DataValidationError("satisfaction.bad_kano_answer", value=str(value))


@dataclass(frozen=True)
class KanoResult(ResultDict):
    """``features``: ``feature, n, A, O, M, I, R, Q, category, cs, ds``;
    ``answers``: each answer pair with its category."""

    features: pl.DataFrame
    answers: pl.DataFrame


def kano(frame: pl.DataFrame) -> KanoResult:
    """Kano categories and Berger's coefficients per feature. ``frame``: ``feature,
    functional, dysfunctional`` (one row per respondent and feature); a pair with a
    blank is left out."""
    require_columns(frame, ("feature", "functional", "dysfunctional"))
    features: list[str] = []
    categories: list[str] = []
    for row, (feature, functional, dysfunctional) in enumerate(
        frame.select("feature", "functional", "dysfunctional").iter_rows(), start=1
    ):
        try:
            f, d = kano_answer(functional), kano_answer(dysfunctional)
        except DataValidationError as exc:
            raise DataValidationError(
                "satisfaction.bad_kano_answer_at", row=row, value=exc.params["value"]
            ) from None
        if f is None or d is None or feature is None:
            continue
        features.append(str(feature))
        categories.append(_TABLE[f][d - 1])
    if not features:
        raise DataValidationError("satisfaction.no_answers", what="kano")
    answers = pl.DataFrame({"feature": features, "category": categories})
    counts = (
        answers.group_by("feature")
        .agg([(pl.col("category") == c).sum().cast(pl.Int64).alias(c) for c in CATEGORIES])
        .sort("feature")
    )
    top = pl.max_horizontal(*CATEGORIES)
    named = pl.concat_str(
        [pl.when(pl.col(c) == top).then(pl.lit(c)) for c in CATEGORIES],
        separator="/",
        ignore_nulls=True,
    )
    base = pl.col("A") + pl.col("O") + pl.col("M") + pl.col("I")
    table = counts.with_columns(
        pl.sum_horizontal(*CATEGORIES).alias("n"),
        named.alias("category"),
        pl.when(base > 0).then((pl.col("A") + pl.col("O")) / base).alias("cs"),
        pl.when(base > 0).then(-(pl.col("O") + pl.col("M")) / base).alias("ds"),
    ).select("feature", "n", *CATEGORIES, "category", "cs", "ds")
    return KanoResult(features=table, answers=answers)

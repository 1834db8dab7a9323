"""A small survey whose every figure is computed by hand in the tests.

Us = A, rivals B and C. Quality attributes q1, q2; price attribute p1.
Weights: r1 gives q1 50 / q2 50, r2 gives 70 / 30 → mean 60 / 40; p1 100.
Ratings (q1, q2, p1):
    r1: A 8 6 5 | B 4 6 5
    r2: A 6 8 6 | B 6 2 4 | C 3 8 6
    r3: C 5 (rated one competitor only → excluded from every ratio)
"""

from __future__ import annotations

import polars as pl

from custvalue.cva.survey import Survey

RATINGS = [
    ("r1", "A", "q1", 8), ("r1", "A", "q2", 6), ("r1", "A", "p1", 5),
    ("r1", "B", "q1", 4), ("r1", "B", "q2", 6), ("r1", "B", "p1", 5),
    ("r2", "A", "q1", 6), ("r2", "A", "q2", 8), ("r2", "A", "p1", 6),
    ("r2", "B", "q1", 6), ("r2", "B", "q2", 2), ("r2", "B", "p1", 4),
    ("r2", "C", "q1", 3), ("r2", "C", "q2", 8), ("r2", "C", "p1", 6),
    ("r3", "C", "q1", 5),
]  # fmt: skip


def ratings(wave: str = "", segment: str = "") -> pl.DataFrame:
    return pl.DataFrame(
        [(wave, segment, r, c, a, float(v)) for r, c, a, v in RATINGS],
        schema=["wave", "segment", "respondent", "competitor", "attribute", "rating"],
        orient="row",
    )


def weights(wave: str = "") -> pl.DataFrame:
    rows = [
        ("r1", "q1", "quality", 50.0),
        ("r1", "q2", "quality", 50.0),
        ("r2", "q1", "quality", 70.0),
        ("r2", "q2", "quality", 30.0),
        ("r1", "p1", "price", 100.0),
        ("r2", "p1", "price", 100.0),
    ]
    return pl.DataFrame(
        [(wave, "", r, a, k, w) for r, a, k, w in rows],
        schema=["wave", "segment", "respondent", "attribute", "kind", "weight"],
        orient="row",
    )


def market() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "wave": ["", "", ""],
            "segment": ["", "", ""],
            "competitor": ["A", "B", "C"],
            "price": [110.0, 100.0, 90.0],
            "share": [0.5, 0.3, 0.2],
        }
    )


def survey(**frames: pl.DataFrame) -> Survey:
    base = {"ratings": ratings(), "weights": weights(), "market": market()}
    return Survey("A", **(base | frames))

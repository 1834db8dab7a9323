"""Hypothesis invariants of the logit's predictions (coefficients injected)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.choice import Design
from custvalue.choice.likelihood import Blocks, log_probabilities
from tests.choice.helpers import injected

DESIGN = Design(("x1", "x2"))
finite = st.floats(-1e3, 1e3, allow_nan=False)
coef = st.floats(-10, 10, allow_nan=False)


@st.composite
def scenarios(draw: st.DrawFn) -> pl.DataFrame:
    sizes = draw(st.lists(st.integers(1, 5), min_size=1, max_size=4))
    rows = []
    for s, size in enumerate(sizes):
        for a in range(size):
            rows.append(
                {
                    "situation": str(s),
                    "alternative": f"a{a}",
                    "x1": draw(finite),
                    "x2": draw(finite),
                }
            )
    return pl.DataFrame(rows)


@given(scenarios(), coef, coef)
def test_probabilities_sum_to_one_and_lie_in_unit_interval(
    frame: pl.DataFrame, b1: float, b2: float
) -> None:
    model = injected(DESIGN, {"x1": b1, "x2": b2})
    proba = model.predict_proba(frame)
    p = proba["probability"].to_numpy()
    assert np.all((p >= 0) & (p <= 1)) and np.all(np.isfinite(p))
    sums = proba.group_by("situation").agg(pl.col("probability").sum())["probability"]
    np.testing.assert_allclose(sums.to_numpy(), 1.0, atol=1e-12)


@given(scenarios(), st.floats(0, 10), coef, st.floats(0, 100), st.integers(0, 4))
def test_more_of_a_positive_attribute_never_lowers_the_probability(
    frame: pl.DataFrame, b1: float, b2: float, gain: float, pick: int
) -> None:
    model = injected(DESIGN, {"x1": b1, "x2": b2})
    row = pick % frame.height
    better = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row)
        .then(pl.col("x1") + gain)
        .otherwise(pl.col("x1"))
        .alias("x1")
    )
    before = model.predict_proba(frame)["probability"][row]
    after = model.predict_proba(better)["probability"][row]
    assert after >= before - 1e-12


@given(st.integers(2, 6), finite, finite, coef, coef)
def test_identical_alternatives_share_equally(
    n: int, x1: float, x2: float, b1: float, b2: float
) -> None:
    model = injected(DESIGN, {"x1": b1, "x2": b2})
    frame = pl.DataFrame(
        {"alternative": [f"a{i}" for i in range(n)], "x1": [x1] * n, "x2": [x2] * n}
    )
    shares = model.shares(frame)["share"].to_numpy()
    np.testing.assert_allclose(shares, 1 / n, rtol=1e-12)


@given(scenarios(), coef, coef, st.floats(-1e4, 1e4))
def test_shares_invariant_to_a_constant_added_to_every_utility(
    frame: pl.DataFrame, b1: float, b2: float, shift: float
) -> None:
    model = injected(DESIGN, {"x1": b1, "x2": b2})
    proba = model.predict_proba(frame).sort("situation", maintain_order=True)
    codes = proba["situation"].cast(pl.Categorical).to_physical().to_numpy().astype(np.intp)
    order = np.argsort(codes, kind="stable")
    blocks = Blocks.from_codes(codes[order])
    v = proba["utility"].to_numpy()[order]
    np.testing.assert_allclose(
        np.exp(log_probabilities(v + shift, blocks)),
        np.exp(log_probabilities(v, blocks)),
        atol=1e-12,
    )
    # the same through the attributes: x1 + c on every alternative adds b1·c to all utilities
    shifted = model.predict_proba(frame.with_columns(pl.col("x1") + 7.0))
    np.testing.assert_allclose(
        shifted["probability"].to_numpy(),
        model.predict_proba(frame)["probability"].to_numpy(),
        atol=1e-9,
    )


def test_single_alternative_scenario_gets_probability_one() -> None:
    model = injected(DESIGN, {"x1": 1.0, "x2": 1.0})
    proba = model.predict_proba(pl.DataFrame({"alternative": ["only"], "x1": [1.0], "x2": [2.0]}))
    assert proba["probability"][0] == pytest.approx(1.0)

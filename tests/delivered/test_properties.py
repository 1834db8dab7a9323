"""Invariants of delivered value and the choice rules (hypothesis)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.delivered import compare, delivered_value, flip_points
from custvalue.delivered.components import STANDARD

amount = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1.0, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def offering(draw: st.DrawFn) -> dict[str, float]:
    """Amounts of the eight standard components; price at least 1 (a ratio exists)."""
    out = {code: draw(amount) for code in STANDARD}
    out["monetary"] = draw(positive)
    return out


def frame(**offerings: dict[str, float]) -> pl.DataFrame:
    rows = [
        {"offering": name, "component": code, "amount": value}
        for name, amounts in offerings.items()
        for code, value in amounts.items()
    ]
    return pl.DataFrame(rows)


@given(offering())
def test_identical_offerings_tie_with_ratio_one(a: dict[str, float]) -> None:
    row = compare(frame(A=a, B=dict(a)), "A").table.row(0, named=True)
    assert row["gap"] == 0
    assert row["v1_v2_ratio"] == (1.0 if row["our_ratio"] > 0 else None)
    assert row["winner_difference"] is None and row["winner_ratio"] is None
    assert row["price_premium"] == 0 and row["anderson_pass"] is False


@given(
    offering(), offering(), st.sampled_from(["product", "service", "personnel", "image"]), positive
)
def test_adding_value_never_hurts(
    a: dict[str, float], b: dict[str, float], component: str, extra: float
) -> None:
    before = compare(frame(A=a, B=b), "A").table.row(0, named=True)
    more = dict(a)
    more[component] += extra
    after = compare(frame(A=more, B=b), "A").table.row(0, named=True)
    assert after["our_value"] >= before["our_value"]
    assert after["our_ratio"] >= before["our_ratio"]
    assert after["gap"] >= before["gap"]
    if before["winner_difference"] == "A":
        assert after["winner_difference"] == "A"
    if before["winner_ratio"] == "A":
        assert after["winner_ratio"] == "A"


@given(offering(), offering(), st.floats(min_value=0.01, max_value=100.0))
def test_the_currency_unit_does_not_change_the_choice(
    a: dict[str, float], b: dict[str, float], k: float
) -> None:
    base = compare(frame(A=a, B=b), "A").table.row(0, named=True)
    scaled = compare(
        frame(A={c: v * k for c, v in a.items()}, B={c: v * k for c, v in b.items()}), "A"
    ).table.row(0, named=True)
    assert scaled["our_ratio"] == pytest.approx(base["our_ratio"], rel=1e-9)
    assert scaled["gap"] == pytest.approx(base["gap"] * k, rel=1e-9, abs=1e-6)
    if abs(base["gap"]) > 1e-6 * max(1.0, sum(a.values())):
        assert scaled["winner_difference"] == base["winner_difference"]


@given(offering(), offering())
def test_flip_changes_point_the_right_way(a: dict[str, float], b: dict[str, float]) -> None:
    flips = flip_points(frame(A=a, B=b), "A", rule="both")
    totals = delivered_value(frame(A=a, B=b))
    assert totals.height == 2
    for row in flips.iter_rows(named=True):
        if row["change"] is None or row["winner"] is None:
            continue
        # the winner has to lose value or gain cost; the loser the opposite
        losing_side = (row["winner"] == "A") == (row["side"] == "us")
        value_down = row["kind"] == "value" and row["change"] < 0
        cost_up = row["kind"] == "cost" and row["change"] > 0
        assert (value_down or cost_up) == losing_side

"""Wave changes of per-respondent gaps: Welch's test against SciPy called directly,
Holm's adjustment by hand (Holm 1979's rule on a worked list) and its invariants
(hypothesis), a row with too few answers never flagged."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import ttest_ind

from custvalue.satisfaction.changes import holm, wave_changes


def test_holm_by_hand() -> None:
    # sorted p: 0.01, 0.02, 0.03, 0.04 with m = 4 → 0.04, 0.06, 0.06 (running max), 0.06
    assert holm([0.04, 0.01, 0.03, 0.02]) == pytest.approx([0.06, 0.04, 0.06, 0.06])
    assert holm([0.5, float("nan"), 0.01])[2] == pytest.approx(0.02)  # NaN not counted
    assert np.isnan(holm([float("nan")])[0]) and holm([]) == []
    assert holm([0.9, 0.8]) == [1.0, 1.0]  # capped at 1


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_never_lowers_and_keeps_the_order(p: list[float]) -> None:
    adjusted = holm(p)
    assert all(a >= b - 1e-12 and a <= 1 for a, b in zip(adjusted, p, strict=True))
    ranked = sorted(range(len(p)), key=lambda i: p[i])
    assert all(adjusted[i] <= adjusted[j] + 1e-12 for i, j in zip(ranked, ranked[1:], strict=False))


def test_welch_against_scipy_and_the_rows_it_cannot_test() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.normal(0, 1, 40), rng.normal(0.8, 2, 25)
    scores = pl.DataFrame(
        {
            "wave": ["w1"] * 40 + ["w2"] * 25 + ["w1", "w2", "w2"],
            "attribute": ["speed"] * 65 + ["price"] * 3,  # price: one answer in w1
            "gap": [*a, *b, 1.0, 2.0, 3.0],
        }
    )
    table = wave_changes(scores, key="attribute", confidence=0.9)
    speed = table.filter(pl.col("attribute") == "speed").row(0, named=True)
    direct = ttest_ind(b, a, equal_var=False)
    interval = direct.confidence_interval(0.9)
    assert speed["change"] == pytest.approx(b.mean() - a.mean())
    assert speed["p_value"] == pytest.approx(direct.pvalue)
    assert (speed["change_low"], speed["change_high"]) == pytest.approx(
        (interval.low, interval.high)
    )
    assert speed["p_adjusted"] == pytest.approx(speed["p_value"])  # the only row tested
    price = table.filter(pl.col("attribute") == "price").row(0, named=True)
    assert price["p_value"] is None and price["significant"] is False
    assert (price["n_from"], price["n_to"]) == (1, 2)


def test_three_waves_give_two_consecutive_pairs() -> None:
    scores = pl.DataFrame(
        {"wave": ["b", "b", "a", "a", "c", "c"], "dimension": ["x"] * 6,
         "gap": [1.0, 2.0, 0.0, 1.0, 5.0, 6.0]}
    )  # fmt: skip
    table = wave_changes(scores, key="dimension", waves=["a", "b", "c"])
    assert table.select("from", "to").rows() == [("a", "b"), ("b", "c")]
    assert table["change"].to_list() == [1.0, 4.0]

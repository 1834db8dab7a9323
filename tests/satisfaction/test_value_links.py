"""What moves value: the two-part model recovers a known truth from simulated data
(an oracle: the expected spend computed from the generating model), too few answers
fit nothing, the bootstrap interval holds the estimate."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from custvalue.satisfaction.value_links import value_links


def _simulated(n: int, seed: int = 4) -> tuple[pl.DataFrame, float]:
    """Scores 1–7; P(buy) logistic in the score, spend of buyers Gamma with mean
    200·e^(0.1·score); returns the frame and the true mean gain of one point."""
    rng = np.random.default_rng(seed)
    score = rng.integers(1, 8, n).astype(float)

    def p_buy(s: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(-1.5 + 0.4 * s)))

    def mean_spend(s: np.ndarray) -> np.ndarray:
        return 200 * np.exp(0.1 * s)

    bought = rng.random(n) < p_buy(score)
    spend = np.where(bought, rng.gamma(3.0, mean_spend(score) / 3.0), 0.0)
    below = score[score < 7]
    truth = float(
        np.mean(p_buy(below + 1) * mean_spend(below + 1) - p_buy(below) * mean_spend(below))
    )
    purchases = bought.astype(int) * rng.integers(1, 4, n)
    frame = pl.DataFrame(
        {"score": score, "bought": bought.astype(int), "purchases": purchases, "spend": spend}
    )
    return frame, truth


def test_the_two_part_model_recovers_the_truth() -> None:
    frame, truth = _simulated(40_000)
    row = value_links(frame, ["score"], scale_high=7, draws=0).row(0, named=True)
    assert row["delta_spend"] == pytest.approx(truth, rel=0.05)
    assert row["odds_ratio"] == pytest.approx(np.exp(0.4), rel=0.05)
    assert row["spend_ratio"] == pytest.approx(np.exp(0.1), rel=0.03)
    assert row["affected"] == int((frame["score"] < 7).sum())
    assert row["delta_low"] is None and row["significant"] is False  # no bootstrap asked


def test_the_bootstrap_interval_and_too_few_answers() -> None:
    frame, _ = _simulated(600)
    row = value_links(frame, ["score"], scale_high=7, draws=60, seed=1).row(0, named=True)
    assert row["delta_low"] < row["delta_spend"] < row["delta_high"]
    assert row["significant"] == (row["delta_low"] > 0)
    few = value_links(frame.head(10), ["score"], scale_high=7).row(0, named=True)
    assert few["n"] == 10 and few["delta_spend"] is None and few["odds_ratio"] is None

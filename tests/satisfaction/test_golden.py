"""Golden tests: published worked examples, each named with its source.

* Shapley (LMG) regression: Azen & Budescu (2003), "The dominance analysis approach for
  comparing predictors in multiple regression", *Psychological Methods* 8(2) — the
  correlation matrix of their worked example and the average contribution of each
  predictor at each subset size (as transcribed in the test suite of the R package
  ``dominanceanalysis``, file ``inst/tests/test-daAzenBudescu2003.R``); the Shapley share
  is the mean over the subset sizes.
* CSAT's Wilson interval: 6 of 32 in the top box (``mtcars``: mpg ≥ 25), 95 % Wilson
  interval 0.08889545–0.35309155, as published on RPubs ("Wilson and Wald confidence
  intervals", rstudio-pubs-static 1367507).
* SERVQUAL's unweighted score: the dimension gaps −0.65, −1.10, −0.83, −0.70, −1.01 give
  −4.29 ÷ 5 = −0.86 (12manage forum, "Weighted and unweighted average SERVQUAL scores?",
  answer by J. de Jonge).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from custvalue.satisfaction.drivers import key_drivers
from custvalue.satisfaction.scores import csat
from custvalue.satisfaction.service_quality import servqual

#: order y, x1, x2, x3, x4
AZEN_BUDESCU = np.array(
    [
        [1.0, 0.6, 0.3, 0.4, 0.5],
        [0.6, 1.0, 0.8, 0.1, 0.3],
        [0.3, 0.8, 1.0, 0.1, 0.1],
        [0.4, 0.1, 0.1, 1.0, 0.5],
        [0.5, 0.3, 0.1, 0.5, 1.0],
    ]
)
#: average contribution of x1…x4 to R² among models with 0, 1, 2 and 3 other predictors
LEVELS = np.array(
    [
        [0.360, 0.090, 0.160, 0.250],
        [0.300, 0.074, 0.095, 0.152],
        [0.263, 0.069, 0.063, 0.073],
        [0.246, 0.071, 0.061, 0.010],
    ]
)


def _data_with_correlations(matrix: np.ndarray, n: int = 400) -> pl.DataFrame:
    """A sample whose correlation matrix is exactly ``matrix`` (whitened noise, coloured)."""
    rng = np.random.default_rng(3)
    noise = rng.normal(size=(n, len(matrix)))
    noise -= noise.mean(axis=0)
    white = noise @ np.linalg.inv(np.linalg.cholesky(np.cov(noise, rowvar=False)).T)
    data = white @ np.linalg.cholesky(matrix).T
    return pl.DataFrame(data, schema=["y", "x1", "x2", "x3", "x4"])


def test_shapley_regression_on_azen_and_budescu_2003() -> None:
    frame = _data_with_correlations(AZEN_BUDESCU)
    assert np.corrcoef(frame.to_numpy(), rowvar=False) == pytest.approx(AZEN_BUDESCU)
    result = key_drivers(frame, outcome="y", method="shapley")
    weights = dict(result.drivers.select("attribute", "weight").iter_rows())
    published = LEVELS.mean(axis=0)
    for name, expected in zip(("x1", "x2", "x3", "x4"), published, strict=True):
        assert weights[name] == pytest.approx(expected, abs=0.002), name
    # the published levels sum to the full model's R² (to their rounding)
    assert result.r2 == pytest.approx(published.sum(), abs=0.003)
    # relative weights agree with the decomposition closely here (Johnson 2000)
    relative = key_drivers(frame, outcome="y", method="relative_weights")
    assert relative.r2 == pytest.approx(result.r2)
    ranked = relative.drivers["attribute"].to_list()
    assert ranked == result.drivers["attribute"].to_list() == ["x1", "x4", "x3", "x2"]


def test_csat_wilson_interval_published_on_rpubs() -> None:
    result = csat([5] * 6 + [3] * 26)
    assert result.share == pytest.approx(0.1875)
    assert result.share_low == pytest.approx(0.08889545, abs=1e-8)
    assert result.share_high == pytest.approx(0.35309155, abs=1e-8)


def test_servqual_unweighted_score_published_on_12manage() -> None:
    gaps = {"tangibles": -0.65, "reliability": -1.10, "responsiveness": -0.83,
            "assurance": -0.70, "empathy": -1.01}  # fmt: skip
    dimension_of = {**dict.fromkeys(range(1, 5), "tangibles"),
                    **dict.fromkeys(range(5, 10), "reliability"),
                    **dict.fromkeys(range(10, 14), "responsiveness"),
                    **dict.fromkeys(range(14, 18), "assurance"),
                    **dict.fromkeys(range(18, 23), "empathy")}  # fmt: skip
    frame = pl.DataFrame(
        {
            "respondent": ["r1"] * 22,
            "item": list(range(1, 23)),
            "expectation": [7.0] * 22,
            "perception": [7.0 + gaps[dimension_of[i]] for i in range(1, 23)],
        }
    )
    result = servqual(frame)
    assert dict(result.dimensions.select("dimension", "gap").iter_rows()) == pytest.approx(gaps)
    assert result.unweighted == pytest.approx(-4.29 / 5)
    assert round(result.unweighted, 2) == -0.86

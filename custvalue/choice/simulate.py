"""Simulated choices from known weights (for examples, tests and power checks).

Each situation's chosen alternative is the one with the highest
:math:`x_i'\\beta + \\varepsilon_i`, the errors drawn i.i.d. from the standard Gumbel
(type-I extreme value) distribution — exactly the conditional logit's assumption, so
a fit to the result recovers :math:`\\beta` within its standard errors.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl

from custvalue.choice.design import Design
from custvalue.exceptions import DataValidationError

__all__ = ["simulate_choices"]


def simulate_choices(
    frame: pl.DataFrame,
    design: Design,
    weights: Mapping[str, float],
    *,
    situation: str = "situation",
    alternative: str = "alternative",
    chosen: str = "chosen",
    seed: int | None = None,
) -> pl.DataFrame:
    """``frame`` with a ``chosen`` column (1 for the simulated choice, else 0).

    ``weights`` gives a coefficient for every name in ``design.names``; rows of one
    situation need not be contiguous.
    """
    missing = [n for n in design.names if n not in weights]
    if missing:
        raise DataValidationError(
            "choice.weights_missing", missing=", ".join(missing), names=", ".join(design.names)
        )
    beta = np.array([weights[n] for n in design.names], dtype=np.float64)
    rng = np.random.default_rng(seed)
    noisy = design.matrix(frame, alternative) @ beta + rng.gumbel(size=frame.height)
    scored = frame.with_columns(pl.Series("__u", noisy))
    best = pl.col("__u") == pl.col("__u").max().over(situation)
    return scored.with_columns(best.cast(pl.Int8).alias(chosen)).drop("__u")

"""Small hand-made choice data and a model with injected coefficients."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl

from custvalue.choice import ConditionalLogit, Design, model_from_dict

#: two situations: s1 = {A, B, C} chose A; s2 = {A, B} chose B; attributes x1, x2
TWO = pl.DataFrame(
    {
        "situation": ["s1", "s1", "s1", "s2", "s2"],
        "alternative": ["A", "B", "C", "A", "B"],
        "chosen": [1, 0, 0, 0, 1],
        "x1": [1.0, 0.0, 0.0, 2.0, 1.0],
        "x2": [0.0, 1.0, 0.0, 1.0, 0.0],
    }
)


def injected(
    design: Design, params: Mapping[str, float], price: str | None = None
) -> ConditionalLogit:
    """A 'fitted' model with the given coefficients (for predictive tests)."""
    k = len(design.names)
    return model_from_dict(
        {
            "model": "conditional_logit",
            "design": design.to_dict(),
            "price": price,
            "params": dict(params),
            "standard_errors": dict.fromkeys(design.names, 0.1),
            "covariance": (np.eye(k) * 0.01).tolist(),
            "log_likelihood": -1.0,
            "null_log_likelihood": -2.0,
            "rho_squared": 0.5,
            "situations": 1,
            "rows": 2,
        }
    )


def simulated(n: int, seed: int, weights: Mapping[str, float]) -> pl.DataFrame:
    """``n`` situations of three alternatives a/b/c with attributes price, quality and
    colour (red/green/blue), choices simulated from ``weights``."""
    from custvalue.choice import Categorical, simulate_choices

    rng = np.random.default_rng(seed)
    rows = n * 3
    frame = pl.DataFrame(
        {
            "situation": np.repeat(np.arange(n), 3).astype(str),
            "alternative": np.tile(["a", "b", "c"], n),
            "price": rng.uniform(1.0, 5.0, rows).round(2),
            "quality": rng.integers(1, 6, rows).astype(float),
            "colour": rng.choice(["red", "green", "blue"], rows),
        }
    )
    design = Design(
        ("price", "quality"), (Categorical("colour", ("blue", "green", "red"), "blue"),)
    )
    return simulate_choices(frame, design, weights, seed=seed + 1)

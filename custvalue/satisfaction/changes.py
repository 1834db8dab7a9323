"""Changes between survey waves of a per-respondent score, per attribute or dimension.

For each pair of consecutive waves and each key (an attribute's satisfaction gap, a
SERVQUAL dimension's gap), the two waves are independent samples of respondents: the
change of the mean is tested with Welch's t-test (unequal variances; SciPy's
``ttest_ind(equal_var=False)``), with its confidence interval. Testing many attributes
at once finds some "changes" by chance, so the p-values of one pair of waves are
adjusted by Holm's step-down method (Holm 1979, "A simple sequentially rejective
multiple test procedure", *Scand. J. Statistics* 6(2)), which keeps the chance of any
false flag at most ``1 − confidence``; a change is flagged ``significant`` only when its
adjusted p-value is below that. A key with fewer than two answers in either wave is
not tested (p-value null, never flagged).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from custvalue.satisfaction._common import require_columns

__all__ = ["holm", "wave_changes"]


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values (NaN stays NaN and is not counted)."""
    values = np.asarray(p_values, dtype=float)
    adjusted = np.full(values.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(values))
    m = len(tested)
    order = tested[np.argsort(values[tested], kind="stable")]
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * float(values[index])))
        adjusted[index] = running
    return [float(v) for v in adjusted]


def wave_changes(
    scores: pl.DataFrame,
    *,
    key: str,
    value: str = "gap",
    wave: str = "wave",
    waves: Sequence[str] | None = None,
    keys: Sequence[object] | None = None,
    confidence: float = 0.95,
) -> pl.DataFrame:
    """Per pair of consecutive waves (in ``waves`` order, default sorted) and ``key``:
    ``n_from, n_to, mean_from, mean_to, change, change_low, change_high, p_value,
    p_adjusted, significant``, the keys in ``keys`` order (default sorted).
    ``scores``: one row per respondent and key with ``value``."""
    from scipy.stats import ttest_ind

    from custvalue.satisfaction._common import z_value

    z_value(confidence)  # checks it
    require_columns(scores, [key, value, wave])
    frame = scores.select(
        pl.col(wave).cast(pl.String), pl.col(key), pl.col(value).cast(pl.Float64)
    ).drop_nulls()
    order = list(waves) if waves is not None else sorted(set(frame[wave].to_list()))
    present = set(frame[key].to_list())
    if keys is not None:
        keys = [k for k in keys if k in present] + sorted(present - set(keys), key=str)
    else:
        keys = sorted(present, key=str)
    rows: list[dict[str, object]] = []
    for before, after in zip(order, order[1:], strict=False):
        pair: list[dict[str, object]] = []
        for k in keys:
            a = frame.filter((pl.col(wave) == before) & (pl.col(key) == k))[value].to_numpy()
            b = frame.filter((pl.col(wave) == after) & (pl.col(key) == k))[value].to_numpy()
            row: dict[str, object] = {
                key: k, "from": before, "to": after, "n_from": len(a), "n_to": len(b),
                "mean_from": float(a.mean()) if len(a) else None,
                "mean_to": float(b.mean()) if len(b) else None,
                "change": float(b.mean() - a.mean()) if len(a) and len(b) else None,
                "change_low": None, "change_high": None, "p_value": float("nan"),
            }  # fmt: skip
            if len(a) > 1 and len(b) > 1 and (a.var() > 0 or b.var() > 0):
                test = ttest_ind(b, a, equal_var=False)
                interval = test.confidence_interval(confidence)
                row.update(
                    change_low=float(interval.low),
                    change_high=float(interval.high),
                    p_value=float(test.pvalue),
                )
            elif len(a) > 1 and len(b) > 1:  # no spread in either wave: any change is exact
                row.update(
                    change_low=row["change"],
                    change_high=row["change"],
                    p_value=1.0 if row["change"] == 0 else 0.0,
                )
            pair.append(row)
        adjusted = holm([float(r["p_value"]) for r in pair])  # type: ignore[arg-type]
        alpha = 1 - confidence
        for row, p in zip(pair, adjusted, strict=True):
            tested = not np.isnan(p)
            row["p_value"] = row["p_value"] if tested else None
            row["p_adjusted"] = p if tested else None
            row["significant"] = bool(tested and p < alpha)
        rows += pair
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        key: frame.schema[key], "from": pl.String, "to": pl.String, "n_from": pl.Int64,
        "n_to": pl.Int64, "mean_from": pl.Float64, "mean_to": pl.Float64,
        "change": pl.Float64, "change_low": pl.Float64, "change_high": pl.Float64,
        "p_value": pl.Float64, "p_adjusted": pl.Float64, "significant": pl.Boolean,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)

"""The sort-based summary of a frame equals the SQL summary (DuckDB) on the same data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.clv import summarize
from custvalue.clv.summary import _summarize_duckdb, finish_summary

CAL, OBS = date(2021, 3, 31), date(2021, 6, 30)


def _transactions(seed: int, n: int, customers: int, *, ids: str, times: bool) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    owner = rng.integers(0, customers, n)
    day = rng.integers(0, 200, n)  # 2021-01-01 … 2021-07-19: after the observation end too
    base = datetime(2021, 1, 1)
    stamps = [
        base + timedelta(days=int(d), seconds=int(s) if times else 0)
        for d, s in zip(day, rng.integers(0, 86_400, n), strict=True)
    ]
    column: pl.Series
    if ids == "int":
        column = pl.Series(owner * 7 - 50, dtype=pl.Int64)
    else:
        column = pl.Series([f"C{o:05d}" for o in owner])
    frame = pl.DataFrame(
        {
            "customer_id": column,
            "ordered_at": stamps,
            "amount": np.round(rng.gamma(2.0, 30.0, n), 2),
        }
    )
    if not times:
        frame = frame.with_columns(pl.col("ordered_at").dt.date())
    return frame


def _reference(tx: pl.DataFrame, observation_end: date | None) -> pl.DataFrame:
    source = tx.select(
        "customer_id", pl.col("ordered_at").alias("ts"), pl.col("amount").cast(pl.Float64)
    )
    end = observation_end or CAL
    raw = _summarize_duckdb(source, CAL, end).sort("customer_id")
    return finish_summary(raw, "week", CAL, end)


def _assert_same(ours: pl.DataFrame, ref: pl.DataFrame) -> None:
    assert ours.columns == ref.columns
    assert ours.height == ref.height
    for name in ours.columns:
        a, b = ours[name], ref[name]
        if a.dtype == pl.Float64:
            np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=1e-12, atol=1e-9)
        else:
            assert a.cast(b.dtype).to_list() == b.to_list(), name


@pytest.mark.parametrize("ids", ["int", "str"])
@pytest.mark.parametrize("times", [False, True])
@pytest.mark.parametrize("observation_end", [None, OBS])
def test_sorted_summary_equals_the_sql_summary(
    ids: str, times: bool, observation_end: date | None
) -> None:
    tx = _transactions(3, 5_000, 700, ids=ids, times=times)
    ours = summarize(tx, calibration_end=CAL, observation_end=observation_end)
    ref = _reference(tx, observation_end)
    assert ours.height > 500
    assert (ours["frequency"] > 0).any() and (ours["T"] > 0).all()
    _assert_same(ours, ref)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 120), st.floats(0, 500)),
        min_size=1,
        max_size=60,
    ),
    st.booleans(),
)
def test_sorted_summary_equals_the_sql_summary_on_small_cases(
    rows: list[tuple[int, int, float]], holdout: bool
) -> None:
    tx = pl.DataFrame(
        {
            "customer_id": [c for c, _, _ in rows],
            "ordered_at": [date(2021, 1, 1) + timedelta(days=d) for _, d, _ in rows],
            "amount": [a for _, _, a in rows],
        }
    )
    observation_end = OBS if holdout else None
    _assert_same(
        summarize(tx, calibration_end=CAL, observation_end=observation_end),
        _reference(tx, observation_end),
    )


def test_text_dates_and_missing_values_take_the_sql_path() -> None:
    tx = _transactions(5, 400, 60, ids="str", times=False)
    text = tx.with_columns(pl.col("ordered_at").cast(pl.String))
    _assert_same(summarize(text, calibration_end=CAL), _reference(tx, None))
    gaps = tx.with_columns(
        pl.when(pl.int_range(pl.len()) % 17 == 0)
        .then(None)
        .otherwise(pl.col("amount"))
        .alias("amount")
    )
    _assert_same(summarize(gaps, calibration_end=CAL), _reference(gaps, None))

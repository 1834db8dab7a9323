"""RFM scores: hand-computed bins, ties, small samples, invariants and bad input."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.segmentation import TIES, rfm_scores, rfm_segments, segment_summary
from custvalue.value import customer_values, ledger_from_frames


def frame(recency: list[int | None], orders: list[int], revenue: list[float]) -> pl.DataFrame:
    n = len(recency)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "name": [f"n{i}" for i in range(n)],
            "recency_days": recency,
            "orders": orders,
            "revenue": revenue,
        },
        schema={
            "customer_id": pl.String,
            "name": pl.String,
            "recency_days": pl.Int64,
            "orders": pl.Int64,
            "revenue": pl.Float64,
        },
    )


def test_quintiles_by_hand() -> None:
    values = frame(
        recency=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        orders=[10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        revenue=[100.0, 90, 80, 70, 60, 50, 40, 30, 20, 10],
    )
    scores = rfm_scores(values)
    assert scores.columns == [
        "customer_id",
        "name",
        "recency_days",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
        "rfm_cell",
        "rfm_score",
    ]
    expected = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert scores["r_score"].to_list() == expected  # fewest days = best
    assert scores["f_score"].to_list() == expected
    assert scores["m_score"].to_list() == expected
    assert scores["rfm_cell"].to_list()[:3] == ["555", "555", "444"]
    assert scores["rfm_score"].to_list()[-1] == 3
    assert scores["frequency"].to_list() == values["orders"].to_list()
    assert scores["monetary"].to_list() == values["revenue"].to_list()  # total, not per order


def test_uneven_sizes_spread_symmetrically() -> None:
    values = frame([1] * 7, [1] * 7, [1.0, 2, 3, 4, 5, 6, 7])
    assert rfm_scores(values)["m_score"].to_list() == [1, 2, 2, 3, 4, 4, 5]
    assert rfm_scores(values, bins=3)["m_score"].to_list() == [1, 1, 2, 2, 2, 3, 3]


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [([7.0], [3]), ([1.0, 2.0], [2, 4]), ([1.0, 2.0, 3.0], [1, 3, 5])],
)
def test_fewer_customers_than_bins(revenue: list[float], expected: list[int]) -> None:
    n = len(revenue)
    assert rfm_scores(frame([1] * n, [1] * n, revenue))["m_score"].to_list() == expected


@pytest.mark.parametrize(
    ("ties", "frequency_scores"),
    [
        ("first", [1, 2, 3, 4, 5]),  # identical values, different scores, by customer_id
        ("min", [1, 1, 1, 1, 5]),
        ("max", [4, 4, 4, 4, 5]),
        ("average", [3, 3, 3, 3, 5]),
        ("dense", [2, 2, 2, 2, 4]),  # two distinct values spread over 1..5
    ],
)
def test_ties(ties: str, frequency_scores: list[int]) -> None:
    values = frame([5, 5, 5, 5, 1], [1, 1, 1, 1, 9], [1.0, 1, 1, 1, 9])
    scores = rfm_scores(values, ties=ties)  # type: ignore[arg-type]
    assert scores["f_score"].to_list() == frequency_scores
    assert scores["m_score"].to_list() == frequency_scores
    if ties == "min":
        assert scores["r_score"].to_list() == [1, 1, 1, 1, 5]


def test_ties_first_is_by_customer_id_not_row_order() -> None:
    values = frame([5] * 4, [1] * 4, [1.0] * 4)
    shuffled = values[[2, 0, 3, 1]]
    scores = rfm_scores(shuffled, ties="first")
    assert scores["customer_id"].to_list() == ["C000", "C001", "C002", "C003"]
    assert scores["f_score"].to_list() == [1, 2, 4, 5]


def test_ten_bins_cells_are_separated() -> None:
    values = frame(list(range(10)), list(range(10, 0, -1)), [float(x) for x in range(10)])
    scores = rfm_scores(values, bins=10)
    assert scores["rfm_cell"].to_list()[0] == "10-10-1"
    assert scores["rfm_cell"].to_list()[-1] == "1-1-10"


def test_customers_without_orders_are_not_scored() -> None:
    values = frame([1, None, 3], [3, 0, 1], [5.0, 0.0, 1.0])
    scores = rfm_scores(values)
    assert scores["customer_id"].to_list() == ["C000", "C002"]
    assert scores["r_score"].to_list() == [4, 2]


def test_other_columns_and_no_name() -> None:
    values = (
        frame([1, 2, 3], [1, 2, 3], [1.0, 2, 3])
        .drop("name")
        .with_columns(pl.Series("margin", [30.0, 20, 10]))
    )
    scores = rfm_scores(values, monetary="margin")
    assert scores["name"].null_count() == 3
    assert scores["monetary"].to_list() == [30.0, 20.0, 10.0]
    assert scores["m_score"].to_list() == [5, 3, 1]


def test_works_on_customer_values() -> None:
    orders = pl.DataFrame(
        {
            "customer_id": ["A", "A", "B", "C"],
            "ordered_at": [date(2024, 1, 5), date(2024, 6, 1), date(2024, 3, 1), date(2023, 12, 1)],
            "amount": [100.0, 250.0, 80.0, 40.0],
        }
    )
    customers = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D"],
            "name": ["甲", "乙", "丙", "丁"],
            "acquired_on": [date(2023, 1, 1)] * 4,
        }
    )
    values = customer_values(
        ledger_from_frames(orders, customers=customers, as_of=date(2024, 6, 30))
    )
    scores = rfm_scores(values, bins=3)
    assert scores["customer_id"].to_list() == ["A", "B", "C"]  # D has no order
    # F: B and C both have one order; ties="first" ranks B (lower id) below C
    assert scores["rfm_cell"].to_list() == ["333", "212", "121"]
    segmented = rfm_segments(scores)  # 1..3 rescaled to 1, 3, 5: 555, 313, 131
    assert segmented["segment"].to_list() == ["champions", "promising", "lost"]
    assert segment_summary(segmented)["customers"].sum() == 3


@pytest.mark.parametrize(
    ("kwargs", "code", "named"),
    [
        ({"bins": 1}, "segment.bad_bins", "bins=1"),
        ({"bins": 11}, "segment.bad_bins", "bins=11"),
        ({"bins": 2.5}, "segment.bad_bins", "bins=2.5"),
        ({"bins": True}, "segment.bad_bins", "bins=True"),
        ({"ties": "random"}, "segment.bad_ties", "ties='random'"),
        ({"monetary": "nope"}, "validation.missing_columns", "nope"),
        ({"monetary": "name"}, "segment.not_numeric", "name"),
        ({"recency": "customer_id"}, "segment.not_numeric", "customer_id"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], code: str, named: str) -> None:
    with pytest.raises(DataValidationError) as info:
        rfm_scores(frame([1], [1], [1.0]), **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code
    assert named in str(info.value)
    assert info.value.message("zh") != str(info.value)


def test_bad_frames() -> None:
    with pytest.raises(DataValidationError) as info:
        rfm_scores({"customer_id": ["A"]})  # type: ignore[arg-type]
    assert info.value.code == "validation.not_a_frame"
    doubled = pl.concat([frame([1], [1], [1.0])] * 2)
    with pytest.raises(DataValidationError) as info:
        rfm_scores(doubled)
    assert info.value.code == "validation.not_unique"
    missing = frame([1, 2], [1, 1], [1.0, 2.0]).with_columns(pl.Series("revenue", [1.0, None]))
    with pytest.raises(DataValidationError, match="C001") as info:
        rfm_scores(missing)
    assert info.value.code == "segment.missing_values"
    nan = frame([1, 2], [1, 1], [1.0, float("nan")])
    with pytest.raises(DataValidationError, match="revenue|monetary"):
        rfm_scores(nan)


def test_empty_frame() -> None:
    scores = rfm_scores(frame([], [], []))
    assert scores.height == 0 and "rfm_cell" in scores.columns
    assert rfm_segments(scores).height == 0


_rows = st.lists(
    st.tuples(st.integers(0, 400), st.integers(1, 30), st.integers(-(10**6), 10**8)),
    min_size=1,
    max_size=60,
)


def _from_rows(rows: list[tuple[int, int, int]]) -> pl.DataFrame:
    return frame([r[0] for r in rows], [r[1] for r in rows], [r[2] / 100 for r in rows])


@given(_rows, st.integers(2, 10), st.sampled_from(TIES), st.integers(0, 2**32 - 1))
def test_scores_in_range_and_row_order_does_not_matter(
    rows: list[tuple[int, int, int]], bins: int, ties: str, seed: int
) -> None:
    values = _from_rows(rows)
    scores = rfm_scores(values, bins=bins, ties=ties)  # type: ignore[arg-type]
    assert scores.height == values.height
    for c in ("r_score", "f_score", "m_score"):
        assert scores[c].min() >= 1 and scores[c].max() <= bins  # type: ignore[operator]
    shuffled = values.sample(fraction=1.0, shuffle=True, seed=seed)
    assert rfm_scores(shuffled, bins=bins, ties=ties).equals(scores)  # type: ignore[arg-type]
    segmented = rfm_segments(scores, bins=bins)
    assert segmented["segment"].null_count() == 0
    assert segmented.height == scores.height


@given(_rows, st.integers(2, 10))
def test_more_recent_never_scores_lower(rows: list[tuple[int, int, int]], bins: int) -> None:
    for ties in ("min", "max", "average", "dense"):
        scores = rfm_scores(_from_rows(rows), bins=bins, ties=ties)
        ordered = scores.sort("recency_days", "r_score", descending=[False, True])
        assert ordered["r_score"].is_sorted(descending=True)
        # equal values share a score unless ties="first"
        assert (
            scores.group_by("recency_days").agg(pl.col("r_score").n_unique())["r_score"].max() == 1
        )
        by_spend = scores.sort("monetary", "m_score")
        assert by_spend["m_score"].is_sorted()


@given(st.integers(1, 200), st.integers(2, 10))
def test_first_gives_bins_within_one_of_each_other(n: int, bins: int) -> None:
    values = frame([1] * n, [1] * n, [float(i) for i in range(n)])
    counts = rfm_scores(values, bins=bins)["m_score"].value_counts()["count"]
    assert counts.len() == min(n, bins)
    assert counts.max() - counts.min() <= 1  # type: ignore[operator]

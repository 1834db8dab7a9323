"""80/20: the Pareto curve and summary by hand, with losses, and as properties."""

from __future__ import annotations

import json
import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.segmentation import gini, loss_summary, pareto_curve, pareto_summary


def frame(value: list[float], revenue: list[float] | None = None) -> pl.DataFrame:
    n = len(value)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "revenue": revenue if revenue is not None else value,
            "realized_value": value,
        },
        schema={"customer_id": pl.String, "revenue": pl.Float64, "realized_value": pl.Float64},
    )


def test_curve_by_hand() -> None:
    curve = pareto_curve(frame([5.0, 80, 5, 5, 5]))
    assert curve.columns == ["rank", "customer_id", "value", "customer_share", "value_share"]
    assert curve["customer_id"].to_list() == ["C001", "C000", "C002", "C003", "C004"]
    assert curve["customer_share"].to_list() == pytest.approx([0.2, 0.4, 0.6, 0.8, 1.0])
    assert curve["value_share"].to_list() == pytest.approx([0.8, 0.85, 0.9, 0.95, 1.0])


def test_summary_by_hand() -> None:
    values = frame([5.0, 80, 5, 5, 5], revenue=[50.0, 10, 20, 10, 10])
    summary = pareto_summary(values, top=0.2)
    assert summary["customers"] == 5 and summary["top_customers"] == 1
    assert summary["total_value"] == 100.0 and summary["top_value"] == 80.0
    assert summary["top_value_share"] == pytest.approx(0.8)
    # the top customer by value (C001) brings 10 of 100 revenue
    assert summary["total_revenue"] == 100.0 and summary["top_revenue"] == 10.0
    assert summary["top_revenue_share"] == pytest.approx(0.1)
    assert summary["customers_for_80pct_value"] == pytest.approx(0.2)
    # by revenue: 50 + 20 = 70 < 80, + 10 = 80
    assert summary["customers_for_80pct_revenue"] == pytest.approx(0.6)
    # sorted 5, 5, 5, 5, 80: (2*5 - 6) * 80 + sum_{i=1..4} (2i - 6) * 5 = 320 - 20
    assert summary["gini"] == pytest.approx(300 / (5 * 100))
    json.dumps(summary)  # JSON-ready


def test_top_count_is_a_ceiling_without_float_noise() -> None:
    values = frame([float(i) for i in range(30)])
    assert pareto_summary(values, top=0.1)["top_customers"] == 3  # 0.1 * 30 = 3.0000000000000004
    assert pareto_summary(values, top=0.11)["top_customers"] == 4
    assert pareto_summary(frame([float(i) for i in range(10)]), top=0.7)["top_customers"] == 7
    assert pareto_summary(values, top=1)["top_value_share"] == pytest.approx(1.0)


def test_gini_by_hand() -> None:
    assert gini(pl.Series([1.0, 1, 1])) == pytest.approx(0.0)
    assert gini(pl.Series([0.0, 0, 0, 1])) == pytest.approx(0.75)
    assert gini(pl.Series([-5.0, 0, 0, 1])) == pytest.approx(0.75)  # losses count as 0
    assert gini(pl.Series([-1.0, 0])) is None
    assert gini(pl.Series([], dtype=pl.Float64)) is None


def test_losses_make_a_whale_curve_on_the_net_total() -> None:
    curve = pareto_curve(frame([100.0, 50, -50]))
    assert curve["value_share"].to_list() == pytest.approx([1.0, 1.5, 1.0])
    summary = pareto_summary(frame([100.0, 50, -50]), top=0.34)
    assert summary["top_customers"] == 2
    assert summary["top_value_share"] == pytest.approx(1.5)
    assert summary["customers_for_80pct_value"] == pytest.approx(1 / 3)
    assert (summary["loss_makers"], summary["loss_total"], summary["gain_total"]) == (1, -50, 150)


def test_loss_summary() -> None:
    assert loss_summary(frame([100.0, 0, -0.004, -2.5])) == {
        "loss_makers": 2,
        "loss_total": -2.5,
        "gain_total": 100.0,
    }
    none = loss_summary(frame([1.0, 0.0]))
    assert none == {"loss_makers": 0, "loss_total": 0.0, "gain_total": 1.0}
    assert math.copysign(1, none["loss_total"]) == 1  # no "-0.00"
    assert loss_summary(frame([])) == {"loss_makers": 0, "loss_total": 0.0, "gain_total": 0.0}
    with pytest.raises(DataValidationError) as info:
        loss_summary(frame([1.0]), value="margin")
    assert info.value.code == "validation.missing_columns"


def test_non_positive_total_gives_no_shares() -> None:
    values = frame([-1.0, -2.0, 1.0], revenue=[0.0, 0.0, 0.0])
    assert pareto_curve(values)["value_share"].null_count() == 3
    summary = pareto_summary(values)
    assert summary["total_value"] == -2.0
    assert summary["top_value_share"] is None
    assert summary["customers_for_80pct_value"] is None
    assert summary["top_revenue_share"] is None
    assert summary["gini"] == pytest.approx(2 / 3)
    empty = pareto_summary(frame([]))
    assert empty["customers"] == 0 and empty["top_customers"] == 0
    assert empty["top_value_share"] is None and empty["gini"] is None


def test_other_value_column_and_no_revenue() -> None:
    values = frame([1.0, 2.0]).with_columns(pl.Series("sustained_value", [30.0, 10.0]))
    summary = pareto_summary(values, value="sustained_value", top=0.5)
    assert summary["value_column"] == "sustained_value"
    assert summary["top_value_share"] == pytest.approx(0.75)
    assert summary["top_revenue_share"] == pytest.approx(1 / 3)  # C000's revenue 1 of 3
    bare = pareto_summary(values.drop("revenue"))
    assert bare["total_revenue"] is None and bare["top_revenue_share"] is None
    assert pareto_summary(values, value="revenue")["top_revenue_share"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("top", [0, -0.2, 1.5, True, "0.2", None])
def test_bad_top(top: object) -> None:
    with pytest.raises(DataValidationError) as info:
        pareto_summary(frame([1.0]), top=top)  # type: ignore[arg-type]
    assert info.value.code == "segment.bad_share"
    assert "top=" in str(info.value)


def test_bad_value_columns() -> None:
    with pytest.raises(DataValidationError) as info:
        pareto_curve(frame([1.0]), value="profit")
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError) as info:
        pareto_summary(frame([1.0]), value="customer_id")
    assert info.value.code == "segment.not_numeric"
    text_revenue = frame([1.0]).with_columns(pl.lit("1").alias("revenue"))
    with pytest.raises(DataValidationError, match="revenue") as info:
        pareto_summary(text_revenue)
    assert info.value.code == "segment.not_numeric"
    nan = frame([1.0, float("nan")])
    with pytest.raises(DataValidationError, match="C001") as info:
        pareto_curve(nan)
    assert info.value.code == "segment.missing_values"


_amounts = st.lists(st.integers(0, 10**8).map(lambda c: c / 100), min_size=1, max_size=100)


@given(_amounts, st.integers(0, 2**32 - 1))
def test_curve_is_monotone_and_ends_at_one(amounts: list[float], seed: int) -> None:
    values = frame(amounts)
    curve = pareto_curve(values)
    n = len(amounts)
    assert curve["rank"].to_list() == list(range(1, n + 1))
    assert curve["customer_share"][-1] == pytest.approx(1.0)
    assert curve["value"].is_sorted(descending=True)
    shuffled = values.sample(fraction=1.0, shuffle=True, seed=seed)
    assert pareto_curve(shuffled).equals(curve)
    if sum(amounts) == 0:
        assert curve["value_share"].null_count() == n
        return
    shares = curve["value_share"]
    assert all(b >= a - 1e-12 for a, b in zip(shares, shares[1:], strict=False))
    assert shares[-1] == pytest.approx(1.0)
    summary = pareto_summary(values)
    k = math.ceil(0.2 * n - 1e-9)
    assert summary["top_customers"] == k
    # the top k customers hold at least their proportional share, and the curve agrees
    assert summary["top_value_share"] >= k / n - 1e-9
    assert summary["top_value_share"] == pytest.approx(shares[k - 1])
    reach = summary["customers_for_80pct_value"]
    assert shares[round(reach * n) - 1] >= 0.8 - 1e-9
    if round(reach * n) > 1:
        assert shares[round(reach * n) - 2] < 0.8
    assert 0 <= summary["gini"] <= 1
    assert summary["gini"] == pytest.approx(gini(pl.Series(amounts)), abs=1e-12)


@given(st.lists(st.integers(-(10**6), 10**6).map(lambda c: c / 100), min_size=1, max_size=60))
def test_curve_with_losses_ends_at_one(amounts: list[float]) -> None:
    curve = pareto_curve(frame(amounts))
    if sum(amounts) > 0:
        assert curve["value_share"][-1] == pytest.approx(1.0)
        assert curve["value_share"].max() >= 1.0 - 1e-9  # type: ignore[operator]
    else:
        assert curve["value_share"].null_count() == len(amounts)

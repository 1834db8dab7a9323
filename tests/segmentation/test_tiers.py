"""Profitability tiers (the customer pyramid): bands by hand, rounding, ties, bad bands."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.i18n import set_lang
from custvalue.segmentation import TIER_NAMES, profitability_tiers, tier_summary


def frame(value: list[float], revenue: list[float] | None = None) -> pl.DataFrame:
    n = len(value)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "name": [f"n{i}" for i in range(n)],
            "revenue": revenue if revenue is not None else [abs(v) * 2 for v in value],
            "realized_value": value,
        },
        schema={
            "customer_id": pl.String,
            "name": pl.String,
            "revenue": pl.Float64,
            "realized_value": pl.Float64,
        },
    )


def test_pyramid_by_hand() -> None:
    values = frame([float(x) for x in range(1, 11)])  # C009 is the most valuable
    tiered = profitability_tiers(values)
    assert tiered.columns == [*values.columns, "tier", "tier_label", "rank"]
    assert tiered["customer_id"].to_list()[:3] == ["C009", "C008", "C007"]
    assert tiered["rank"].to_list() == list(range(1, 11))
    assert tiered["tier"].to_list() == ["platinum"] * 2 + ["gold"] * 3 + ["iron"] * 3 + ["lead"] * 2
    assert tiered["tier_label"].unique(maintain_order=True).to_list() == [
        "Platinum",
        "Gold",
        "Iron",
        "Lead",
    ]


def test_summary_by_hand() -> None:
    values = frame([float(x) for x in range(10, 0, -1)], revenue=[10.0] * 10)
    summary = tier_summary(profitability_tiers(values))
    assert summary.columns == [
        "tier",
        "tier_label",
        "customers",
        "customer_share",
        "value_sum",
        "value_share",
        "revenue_sum",
        "revenue_share",
        "value_mean",
        "value_min",
        "value_max",
    ]
    assert summary["tier"].to_list() == list(TIER_NAMES)
    assert summary["customers"].to_list() == [2, 3, 3, 2]
    assert summary["customer_share"].to_list() == pytest.approx([0.2, 0.3, 0.3, 0.2])
    assert summary["value_sum"].to_list() == [19.0, 21.0, 12.0, 3.0]
    assert summary["value_share"].to_list() == pytest.approx([19 / 55, 21 / 55, 12 / 55, 3 / 55])
    assert summary["revenue_sum"].to_list() == [20.0, 30.0, 30.0, 20.0]
    assert summary["revenue_share"].to_list() == pytest.approx([0.2, 0.3, 0.3, 0.2])
    assert summary["value_mean"].to_list() == [9.5, 7.0, 4.0, 1.5]
    assert summary["value_min"].to_list() == [9.0, 6.0, 3.0, 1.0]
    assert summary["value_max"].to_list() == [10.0, 8.0, 5.0, 2.0]


def test_rounding_is_half_up_on_cumulative_percentages() -> None:
    # n = 5: cuts at 1 (20 % of 5), round(2.5) = 3, 4, 5
    tiered = profitability_tiers(frame([5.0, 4, 3, 2, 1]))
    assert tiered["tier"].to_list() == ["platinum", "gold", "gold", "iron", "lead"]
    # n = 1: the only customer is at 50 % of the way down
    assert profitability_tiers(frame([1.0]))["tier"].to_list() == ["gold"]


def test_ties_are_broken_by_customer_id() -> None:
    values = frame([1.0] * 5)[[3, 1, 4, 0, 2]]
    tiered = profitability_tiers(values, bands=(40, 60))
    assert tiered["customer_id"].to_list() == ["C000", "C001", "C002", "C003", "C004"]
    assert tiered["tier"].to_list() == ["tier_1", "tier_1", "tier_2", "tier_2", "tier_2"]
    assert tiered["tier_label"].to_list()[0] == "Tier 1"


def test_other_band_counts_and_columns() -> None:
    values = frame([float(x) for x in range(10, 0, -1)]).with_columns(
        pl.Series("sustained_value", [float(x) for x in range(10)])
    )
    tiered = profitability_tiers(values, value="sustained_value", bands=[10, 40, 50])
    assert tiered["tier"].to_list() == ["tier_1"] + ["tier_2"] * 4 + ["tier_3"] * 5
    assert tiered["customer_id"][0] == "C009"
    summary = tier_summary(tiered, value="sustained_value")
    assert summary["tier"].to_list() == ["tier_1", "tier_2", "tier_3"]
    assert summary["value_sum"].to_list() == [9.0, 26.0, 10.0]
    six = profitability_tiers(values, bands=np.array([10, 10, 20, 20, 20, 20]))
    assert six["tier"].n_unique() == 6
    lonely = tier_summary(profitability_tiers(frame([1.0]), bands=(10, 10, 20, 20, 20, 20)))
    assert lonely["tier"].to_list() == ["tier_1", "tier_2", "tier_3", "tier_4"]  # 60 % down
    assert lonely["customers"].to_list() == [0, 0, 0, 1]
    again = profitability_tiers(tiered, bands=(50, 50))  # re-tiering replaces the columns
    assert again.columns == tiered.columns
    assert again["tier"].to_list() == ["tier_1"] * 5 + ["tier_2"] * 5


def test_summary_edge_cases() -> None:
    one = tier_summary(profitability_tiers(frame([3.0])))
    assert one["tier"].to_list() == list(TIER_NAMES)  # empty tiers are listed
    assert one["customers"].to_list() == [0, 1, 0, 0]
    assert one["value_sum"].to_list() == [0.0, 3.0, 0.0, 0.0]
    assert one["value_mean"].null_count() == 3
    assert one["tier_label"].to_list() == ["Platinum", "Gold", "Iron", "Lead"]
    losses = tier_summary(profitability_tiers(frame([-1.0, -2.0, 1.0])))
    assert losses["value_share"].null_count() == 4  # net total not positive
    assert losses["revenue_share"].null_count() == 0
    no_revenue = tier_summary(profitability_tiers(frame([1.0, 2.0]).drop("revenue")))
    assert no_revenue["revenue_sum"].null_count() == 4
    empty = tier_summary(profitability_tiers(frame([])))
    assert empty["customers"].sum() == 0


def test_labels_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    set_lang(None)
    tiered = profitability_tiers(frame([4.0, 3, 2, 1]))
    assert tiered["tier_label"].to_list() == ["白金", "黄金", "黑铁", "铅"]
    assert tier_summary(tiered)["tier_label"].to_list() == ["白金", "黄金", "黑铁", "铅"]
    assert profitability_tiers(frame([1.0, 2.0]), bands=(50, 50))["tier_label"][0] == "第 1 层"


@pytest.mark.parametrize(
    "bands",
    [
        (50, 40),
        (0, 100),
        (-20, 120),
        (20, 30, 30, 20, 0),
        (100,),
        (10,) * 7 + (30,),
        (20.0, 30, 30, 20),
        (True, 99),
        "20,30,30,20",
        20,
        None,
    ],
)
def test_bad_bands(bands: object) -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(frame([1.0]), bands=bands)  # type: ignore[arg-type]
    assert info.value.code == "segment.bad_bands"
    assert "20,30,30,20" in str(info.value)  # the message shows how to fix it
    assert info.value.message("zh") != str(info.value)


def test_bad_value_columns() -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(frame([1.0]), value="margin")
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError, match="'name'") as info:
        profitability_tiers(frame([1.0]), value="name")
    assert info.value.code == "segment.not_numeric"
    holes = frame([1.0, 2.0]).with_columns(pl.Series("realized_value", [1.0, None]))
    with pytest.raises(DataValidationError, match="C001") as info:
        profitability_tiers(holes)
    assert info.value.code == "segment.missing_values"
    with pytest.raises(DataValidationError) as info:
        tier_summary(frame([1.0]))
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError) as info:
        tier_summary(profitability_tiers(frame([1.0])), value="name")
    assert info.value.code == "segment.not_numeric"


_amounts = st.lists(st.integers(-(10**7), 10**7).map(lambda c: c / 100), max_size=120)
_bands = st.sampled_from(
    [(20, 30, 30, 20), (25, 25, 25, 25), (10, 90), (1, 2, 3, 94), (10, 10, 20, 20, 20, 20)]
)


@given(_amounts, _bands, st.integers(0, 2**32 - 1))
def test_tiers_follow_the_bands(amounts: list[float], bands: tuple[int, ...], seed: int) -> None:
    values = frame(amounts)
    tiered = profitability_tiers(values, bands=bands)
    n = len(amounts)
    assert tiered.height == n and tiered["customer_id"].n_unique() == n  # one tier each
    assert tiered["realized_value"].is_sorted(descending=True)
    counts = dict(tiered.group_by("tier").len().iter_rows())
    keys = list(TIER_NAMES) if len(bands) == 4 else [f"tier_{i}" for i in range(1, len(bands) + 1)]
    got = [counts.get(k, 0) for k in keys]
    assert sum(got) == n
    for count, band in zip(got, bands, strict=True):
        assert abs(count - n * band / 100) <= 1  # within rounding
    shuffled = values.sample(fraction=1.0, shuffle=True, seed=seed)
    assert profitability_tiers(shuffled, bands=bands).equals(tiered)
    summary = tier_summary(tiered)
    listed = dict(zip(summary["tier"], summary["customers"], strict=True))
    assert all(listed.get(k, 0) == c for k, c in zip(keys, got, strict=True))
    assert summary["customers"].sum() == n
    assert summary["value_sum"].sum() == pytest.approx(sum(amounts), abs=1e-6)

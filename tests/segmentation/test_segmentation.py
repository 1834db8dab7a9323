"""RFM scores and maps, tiers, 80/20 and classes: hand-computed cases, invariants, bad input."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.i18n import set_lang
from custvalue.segmentation import (
    BUILTIN_MAPS,
    classify_customers,
    gini,
    load_segment_map,
    pareto_curve,
    pareto_summary,
    profitability_tiers,
    rfm_scores,
    rfm_segments,
    segment_summary,
    tier_summary,
)


def _values(recency: list[int], orders: list[int], revenue: list[float]) -> pl.DataFrame:
    n = len(recency)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "name": [f"n{i}" for i in range(n)],
            "recency_days": recency,
            "orders": orders,
            "revenue": revenue,
            "realized_value": [r / 2 for r in revenue],
        }
    )


def test_rfm_quintiles_by_hand() -> None:
    values = _values(
        recency=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        orders=[10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        revenue=[100.0, 90, 80, 70, 60, 50, 40, 30, 20, 10],
    )
    scores = rfm_scores(values)
    assert scores["r_score"].to_list() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert scores["f_score"].to_list() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert scores["rfm_cell"][0] == "555" and scores["rfm_cell"][-1] == "111"
    assert scores["rfm_score"].to_list()[:2] == [15, 15]


def test_ties_min_share_a_score_and_first_breaks_by_id() -> None:
    values = _values([5, 5, 5, 5, 1], [1, 1, 1, 1, 9], [1.0, 1, 1, 1, 9])
    first = rfm_scores(values, bins=5, ties="first")
    assert sorted(first["f_score"].to_list()) == [1, 2, 3, 4, 5]
    tied = rfm_scores(values, bins=5, ties="min")
    assert tied["f_score"].to_list() == [1, 1, 1, 1, 5]
    assert tied["r_score"].to_list() == [1, 1, 1, 1, 5]


def test_customers_without_orders_are_not_scored() -> None:
    values = _values([1, 2], [3, 0], [5.0, 0.0]).with_columns(pl.Series("recency_days", [1, None]))
    assert rfm_scores(values)["customer_id"].to_list() == ["C000"]


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(1, 30), st.floats(0, 1e6)),
        min_size=1,
        max_size=60,
    ),
    st.integers(2, 10),
    st.sampled_from(["first", "average", "min", "max", "dense"]),
)
def test_scores_in_range_and_order_invariant(
    rows: list[tuple[int, int, float]], bins: int, ties: str
) -> None:
    values = _values([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    scores = rfm_scores(values, bins=bins, ties=ties)  # type: ignore[arg-type]
    for c in ("r_score", "f_score", "m_score"):
        assert scores[c].min() >= 1 and scores[c].max() <= bins  # type: ignore[operator]
    shuffled = rfm_scores(values.reverse(), bins=bins, ties=ties)  # type: ignore[arg-type]
    assert shuffled.sort("customer_id").equals(scores.sort("customer_id"))
    if ties == "min":  # strictly more recent never scores lower
        ordered = scores.sort("recency_days")
        assert ordered["r_score"].is_sorted(descending=True)
    segmented = rfm_segments(scores)
    assert segmented["segment"].null_count() == 0 and segmented.height == scores.height


@pytest.mark.parametrize("name", [m for m in BUILTIN_MAPS if m != "cn8"])
def test_score_maps_cover_every_code_exactly_once(name: str) -> None:
    smap = load_segment_map(name)
    cells = ["".join(p) for p in itertools.product("12345", repeat=3)]
    assert sorted(smap.lookup) == cells
    if name != "rfm_vignette":
        assert "" not in smap.lookup.values() and "others" not in smap.lookup.values()


def test_standard11_known_codes_and_cn8_mean_split() -> None:
    lookup = load_segment_map("standard11").lookup
    assert (lookup["555"], lookup["111"], lookup["155"], lookup["511"]) == (
        "champions",
        "lost",
        "cannot_lose",
        "new_customers",
    )
    vignette = load_segment_map("rfm_vignette").lookup
    assert vignette["441"] == "others" and vignette["555"] == "champions"
    values = _values([1, 100, 1, 100], [9, 9, 1, 1], [900.0, 900, 10, 10])
    seg = rfm_segments(rfm_scores(values), segment_map="cn8")
    assert seg["segment"].to_list() == [
        "important_value",
        "important_keep",
        "general_develop",
        "general_retain",
    ]


def test_labels_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    values = _values([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [5.0, 4, 3, 2, 1])
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    set_lang(None)
    seg = rfm_segments(rfm_scores(values), segment_map="cn8")
    assert seg["segment_label"].str.contains("客户").all()
    assert profitability_tiers(values)["tier_label"][0] == "白金"
    assert classify_customers(values)["treatment"][0].startswith("用心维护")


def test_summary_in_map_order() -> None:
    values = _values(list(range(20)), list(range(20, 0, -1)), [float(i) for i in range(20)])
    summary = segment_summary(rfm_segments(rfm_scores(values)), segment_map="standard11")
    assert summary["customers"].sum() == 20
    order = [s["key"] for s in load_segment_map("standard11").ordered()]
    got = summary["segment"].to_list()
    assert got == sorted(got, key=order.index)


def test_user_map_file(tmp_path: Path) -> None:
    spec = {
        "name": "two",
        "method": "ranges",
        "segments": [
            {"key": "recent", "en": "Recent", "zh": "近期", "r": [4, 5]},
            {"key": "old", "en": "Old", "zh": "久远", "r": [1, 3]},
        ],
    }
    path = tmp_path / "map.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    values = _values([1, 50, 90, 200, 300], [1] * 5, [1.0] * 5)
    seg = rfm_segments(rfm_scores(values), segment_map=str(path))
    assert seg.sort("recency_days")["segment"].to_list() == [
        "recent",
        "recent",
        "old",
        "old",
        "old",
    ]


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ({"method": "magic", "segments": [{"key": "a"}]}, "segment.map_method"),
        ({"method": "codes", "segments": []}, "segment.map_segments"),
        (
            {"method": "codes", "segments": [{"key": "a", "codes": ["555", "655"]}]},
            "segment.map_bad_code",
        ),
        (
            {
                "method": "codes",
                "segments": [{"key": "a", "codes": ["555"]}, {"key": "b", "codes": ["555"]}],
            },
            "segment.map_code_twice",
        ),
        (
            {"method": "codes", "segments": [{"key": "a", "codes": ["555"]}]},
            "segment.map_uncovered",
        ),
        ({"method": "ranges", "segments": [{"key": "a", "r": [3, 9]}]}, "segment.map_range"),
        ({"method": "ranges", "segments": [{"key": "a", "r": [4, 5]}]}, "segment.map_uncovered"),
        ({"method": "codes", "segments": [{"codes": []}]}, "segment.map_key"),
    ],
)
def test_bad_user_maps(spec: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as info:
        load_segment_map(spec)
    assert info.value.code == code
    assert info.value.message("zh") != info.value.message("en")


def test_unreadable_and_unknown_maps(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="standard11"):
        load_segment_map("nope")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataValidationError, match="bad.json"):
        load_segment_map(str(bad))
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DataValidationError, match="object"):
        load_segment_map(str(bad))


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"bins": 1}, "segment.bad_bins"),
        ({"bins": 11}, "segment.bad_bins"),
        ({"ties": "random"}, "segment.bad_ties"),
        ({"monetary": "nope"}, "validation.missing_columns"),
        ({"monetary": "name"}, "segment.not_numeric"),
    ],
)
def test_bad_rfm_arguments(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as info:
        rfm_scores(_values([1], [1], [1.0]), **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code


def test_tiers_by_hand_and_summary() -> None:
    values = _values([1] * 10, [1] * 10, [float(x) for x in range(10, 0, -1)])
    tiered = profitability_tiers(values, value="revenue")
    assert tiered["tier"].to_list() == ["platinum"] * 2 + ["gold"] * 3 + ["iron"] * 3 + ["lead"] * 2
    summary = tier_summary(tiered, value="revenue")
    assert summary["customers"].to_list() == [2, 3, 3, 2]
    assert summary["value_sum"].to_list() == [19.0, 21.0, 12.0, 3.0]
    assert summary["value_share"].sum() == pytest.approx(1.0)
    three = profitability_tiers(values, value="revenue", bands=(10, 40, 50))
    assert three["tier"].unique(maintain_order=True).to_list() == ["tier_1", "tier_2", "tier_3"]


@given(st.lists(st.integers(-(10**7), 10**7).map(lambda c: c / 100), min_size=1, max_size=80))
def test_tier_counts_follow_the_bands(amounts: list[float]) -> None:
    values = _values([1] * len(amounts), [1] * len(amounts), amounts)
    tiered = profitability_tiers(values, value="revenue")
    counts = tiered.group_by("tier").len()
    total = dict(zip(counts["tier"], counts["len"], strict=True))
    n = len(amounts)
    cuts = [round(n * c / 100) for c in (20, 50, 80, 100)]
    expected = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2]]
    got = [total.get(k, 0) for k in ("platinum", "gold", "iron", "lead")]
    assert got == expected
    ordered = tiered.sort("rank")["revenue"]
    assert ordered.is_sorted(descending=True)


@pytest.mark.parametrize("bands", [(50, 40), (0, 100), (20, 30, 30, 20, 0), (100,), (1,) * 7])
def test_bad_bands(bands: tuple[int, ...]) -> None:
    with pytest.raises(DataValidationError) as info:
        profitability_tiers(_values([1], [1], [1.0]), bands=bands)
    assert info.value.code == "segment.bad_bands"


def test_pareto_by_hand() -> None:
    values = _values([1] * 5, [1] * 5, [80.0, 5, 5, 5, 5]).with_columns(
        pl.col("revenue").alias("realized_value")
    )
    summary = pareto_summary(values, top=0.2)
    assert summary["top_customers"] == 1 and summary["top_value_share"] == pytest.approx(0.8)
    assert summary["top_revenue_share"] == pytest.approx(0.8)
    assert summary["customers_for_80pct_value"] == pytest.approx(0.2)
    assert summary["gini"] == pytest.approx(gini(pl.Series([80.0, 5, 5, 5, 5])))
    assert gini(pl.Series([1.0, 1, 1])) == pytest.approx(0.0)
    with pytest.raises(DataValidationError):
        pareto_summary(values, top=0)


@given(st.lists(st.integers(0, 10**8).map(lambda c: c / 100), min_size=1, max_size=80))
def test_pareto_curve_is_monotone_and_ends_at_one(amounts: list[float]) -> None:
    values = _values([1] * len(amounts), [1] * len(amounts), amounts).with_columns(
        pl.col("revenue").alias("realized_value")
    )
    curve = pareto_curve(values)
    assert curve["customer_share"][-1] == pytest.approx(1.0)
    if sum(amounts) > 0:
        assert curve["value_share"].is_sorted()
        assert curve["value_share"][-1] == pytest.approx(1.0)
        k = math.ceil(0.2 * len(amounts))
        assert pareto_summary(values)["top_value_share"] >= k / len(amounts) - 1e-9


def test_pareto_with_losses_uses_the_net_total() -> None:
    values = _values([1] * 3, [1] * 3, [100.0, 50, -50]).with_columns(
        pl.col("revenue").alias("realized_value")
    )
    curve = pareto_curve(values)
    assert curve["value_share"].to_list() == pytest.approx([1.0, 1.5, 1.0])
    negative = values.with_columns(pl.lit(-1.0).alias("realized_value"))
    assert pareto_summary(negative)["top_value_share"] is None


def test_classes_key_develop_ordinary() -> None:
    values = _values([1] * 10, [1] * 10, [float(x) for x in range(10, 0, -1)]).with_columns(
        pl.Series("revenue_last_12m", [0.0] * 9 + [5.0]),
        pl.Series("revenue_prev_12m", [0.0] * 10),
    )
    classes = classify_customers(values, value="revenue", key_share=0.2, develop_share=0.3)
    assert classes["class"].to_list() == ["key"] * 2 + ["develop"] * 3 + ["ordinary"] * 4 + [
        "develop"
    ]  # the last one is growing
    assert classes["treatment"][0].startswith("Care for them")
    with pytest.raises(DataValidationError):
        classify_customers(values, key_share=0.8, develop_share=0.5)

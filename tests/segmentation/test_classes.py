"""Key / develop / ordinary customers: by hand, rising revenue, languages, bad shares."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.i18n import set_lang
from custvalue.segmentation import classify_customers, pareto_curve, pareto_summary


def frame(value: list[float], last: list[float] | None = None) -> pl.DataFrame:
    n = len(value)
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "name": [f"n{i}" for i in range(n)],
            "realized_value": value,
            "revenue_last_12m": last if last is not None else [0.0] * n,
            "revenue_prev_12m": [1.0] * n,
        },
        schema={
            "customer_id": pl.String,
            "name": pl.String,
            "realized_value": pl.Float64,
            "revenue_last_12m": pl.Float64,
            "revenue_prev_12m": pl.Float64,
        },
    )


def test_classes_by_hand() -> None:
    last = [0.0] * 9 + [5.0]  # C009, the least valuable, grew (5 > 1)
    values = frame([float(x) for x in range(10, 0, -1)], last=last)
    classes = classify_customers(values)
    assert classes.columns == [
        "customer_id",
        "name",
        "realized_value",
        "rank",
        "class",
        "class_label",
        "treatment",
    ]
    assert classes["class"].to_list() == ["key"] * 2 + ["develop"] * 3 + ["ordinary"] * 4 + [
        "develop"
    ]
    assert classes["class_label"].to_list()[:3] == [
        "Key customer",
        "Key customer",
        "Customer to develop",
    ]
    assert classes["treatment"][0].startswith("Care for them")
    assert classes["treatment"][2].startswith("Cultivate them")
    assert classes["treatment"][5].startswith("Take part")
    fixed = classify_customers(values, rising=False)
    assert fixed["class"].to_list()[-1] == "ordinary"
    bare = classify_customers(values.drop("revenue_prev_12m", "name"))
    assert bare["class"].to_list()[-1] == "ordinary" and "name" not in bare.columns


def test_shares_and_ties() -> None:
    values = frame([1.0] * 4)[[2, 0, 3, 1]]
    classes = classify_customers(values, key_share=0.25, develop_share=0.5, rising=False)
    assert classes["customer_id"].to_list() == ["C000", "C001", "C002", "C003"]
    # four equal values: one class for all, the best their rank reaches
    assert classes["class"].to_list() == ["key"] * 4
    everyone = classify_customers(values, key_share=1, develop_share=0)
    assert set(everyone["class"]) == {"key"}
    two_levels = frame([2.0, 2.0, 1.0, 1.0])
    no_band = classify_customers(two_levels, key_share=0.5, develop_share=0, rising=False)
    assert no_band["class"].to_list() == ["key", "key", "ordinary", "ordinary"]
    # 0.7 + 0.3 is 0.9999999999999999 + float noise: still everyone is key or develop
    rest = classify_customers(
        frame([float(10 - i) for i in range(10)]), key_share=0.7, develop_share=0.3
    )
    assert rest["class"].to_list() == ["key"] * 7 + ["develop"] * 3


def test_labels_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    set_lang(None)
    classes = classify_customers(frame([3.0, 2.0, 1.0]), key_share=0.33, develop_share=0.33)
    assert classes["class_label"].to_list() == ["重点客户", "重点发展客户", "一般客户"]
    assert classes["treatment"][0].startswith("用心维护")
    assert classes["treatment"][1].startswith("用心培养")
    assert classes["treatment"][2].startswith("用心参与")


@pytest.mark.parametrize(
    ("kwargs", "code", "named"),
    [
        ({"key_share": 0}, "segment.bad_share", "key_share=0"),
        ({"key_share": 1.2}, "segment.bad_share", "key_share=1.2"),
        ({"key_share": "20%"}, "segment.bad_share", "key_share='20%'"),
        ({"develop_share": -0.1}, "segment.bad_develop_share", "develop_share=-0.1"),
        ({"key_share": 0.8, "develop_share": 0.5}, "segment.bad_develop_share", "0.2"),
        ({"develop_share": True}, "segment.bad_develop_share", "True"),
        ({"value": "margin"}, "validation.missing_columns", "margin"),
        ({"value": "name"}, "segment.not_numeric", "name"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], code: str, named: str) -> None:
    with pytest.raises(DataValidationError) as info:
        classify_customers(frame([1.0, 2.0]), **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code
    assert named in str(info.value)


def test_growth_columns_must_be_numeric() -> None:
    values = frame([1.0]).with_columns(pl.lit("x").alias("revenue_last_12m"))
    with pytest.raises(DataValidationError, match="revenue_last_12m"):
        classify_customers(values)
    assert classify_customers(values, rising=False).height == 1


@given(
    st.lists(st.integers(-(10**6), 10**6).map(lambda c: c / 100), min_size=1, max_size=80),
    st.sampled_from([0.1, 0.2, 0.25, 0.5]),
    st.lists(st.booleans(), min_size=80, max_size=80),
)
def test_key_customers_are_the_pareto_top(
    amounts: list[float], key_share: float, grew: list[bool]
) -> None:
    n = len(amounts)
    values = frame(amounts, last=[2.0 if g else 0.0 for g in grew[:n]])
    classes = classify_customers(values, key_share=key_share)
    assert classes.height == n and classes["customer_id"].n_unique() == n
    key = classes.filter(pl.col("class") == "key")["customer_id"].to_list()
    top = pareto_summary(values, top=key_share)["top_customers"]
    curve = pareto_curve(values)
    # the Pareto top, plus whoever is tied with its last customer
    edge = curve["value"][top - 1]
    assert key == curve.filter(pl.col("value") >= edge)["customer_id"].to_list()
    assert key[:top] == curve["customer_id"].head(top).to_list()
    growing = {f"C{i:03d}" for i, g in enumerate(grew[:n]) if g}
    ordinary = set(classes.filter(pl.col("class") == "ordinary")["customer_id"])
    assert ordinary.isdisjoint(growing)
    develop_band = classes.filter(
        pl.col("class") == "develop", ~pl.col("customer_id").is_in(growing)
    )
    develop_n = min(math.ceil(round((key_share + 0.3) * n, 9)), n)
    band_edge = curve["value"][develop_n - 1]
    assert (develop_band["realized_value"] >= band_edge).all()
    above = classes.filter(pl.col("realized_value") >= band_edge)
    assert set(above["class"]) <= {"key", "develop"}


def test_equal_values_share_a_class_whatever_their_ids() -> None:
    # ten customers, 20 % key = 2; the 2nd and 3rd are tied: both are key
    values = pl.DataFrame(
        {
            "customer_id": [f"C{i:02d}" for i in range(10)],
            "realized_value": [900.0, 500.0, 500.0, 400.0, 300.0, 300.0, 200.0, 100.0, 50.0, 0.0],
        }
    )
    classes = classify_customers(values, key_share=0.2, develop_share=0.3)
    by_id = dict(zip(classes["customer_id"], classes["class"], strict=True))
    assert [by_id[c] for c in ("C00", "C01", "C02")] == ["key"] * 3
    # develop goes to rank ceil(0.5 * 10) = 5; the 5th and 6th (300, 300) are tied
    assert [by_id[c] for c in ("C03", "C04", "C05")] == ["develop"] * 3
    assert {by_id[c] for c in ("C06", "C07", "C08", "C09")} == {"ordinary"}
    # the ids given the other way round: the same values are key
    flipped = values.with_columns(pl.col("customer_id").reverse())
    again = classify_customers(flipped, key_share=0.2, develop_share=0.3)
    keys = again.filter(pl.col("class") == "key")["realized_value"].to_list()
    assert keys == [900.0, 500.0, 500.0]

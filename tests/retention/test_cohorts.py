"""Observed retention by cohort, by hand; the incomplete period dropped; the sBG fit
reproducing Fader & Hardie (2007) from orders; every refusal by its code."""

from __future__ import annotations

import ast
import json
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import custvalue
from custvalue.exceptions import DataValidationError
from custvalue.retention import observed_retention, sbg_retention
from custvalue.retention.cohorts import _survival_counts

AS_OF = date(2024, 2, 15)  # inside 2024: the year 2024 is not complete, so it is dropped

ORDERS = [
    # the 2021 cohort: A, B, C
    ("A", "2021-03-01", 1000), ("A", "2022-02-01", 2000), ("A", "2023-05-01", 3000),
    ("B", "2021-07-01", 500), ("B", "2021-08-01", -100), ("B", "2023-01-10", 700),
    ("C", "2021-12-31", 800), ("C", "2022-06-01", 400), ("C", "2022-07-01", -400),
    # the 2022 cohort: D, E
    ("D", "2022-01-05", 600), ("D", "2023-03-03", 600),
    ("E", "2022-09-09", 900),
    # the 2023 cohort: F
    ("F", "2023-04-04", 1000),
    # H only ever had a refund: not a customer
    ("H", "2022-03-03", -50),
    # in 2024, the incomplete year: left out (G's first order, too)
    ("G", "2024-01-02", 5000), ("A", "2024-02-01", 100),
    # after as_of
    ("A", "2024-03-01", 100),
]  # fmt: skip


def _orders(rows: list[tuple[str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": [r[0] for r in rows],
            "ordered_at": [date.fromisoformat(r[1]) for r in rows],
            "amount_cents": [r[2] for r in rows],
        },
        schema={"customer_id": pl.String, "ordered_at": pl.Date, "amount_cents": pl.Int64},
    )


def _costs(rows: list[tuple[str, str, int]]) -> pl.DataFrame:
    return _orders(rows).rename({"ordered_at": "cost_date"})


def _cell(frame: pl.DataFrame, cohort: str, tenure: int) -> dict[str, object]:
    rows = frame.filter((pl.col("cohort") == cohort) & (pl.col("tenure") == tenure)).to_dicts()
    assert len(rows) == 1
    return rows[0]


def test_cells_by_hand() -> None:
    result = observed_retention(_orders(ORDERS), as_of=AS_OF)
    assert (result.partial, result.last_complete, result.customers) == ("2024", "2023", 6)
    assert result.orders_left_out == 3  # G and A in 2024, A after as_of
    assert result.costs_left_out is None
    cells = result.cells
    assert cells.height == 3 + 2 + 1  # 2021: tenures 0-2, 2022: 0-1, 2023: 0
    # 2021, tenure 0: A, B, C bought; revenue 1000 + 500 − 100 + 800 = 2200; 2200 / 3 = 733.3
    assert _cell(cells, "2021", 0) | {"cohort_start": None} == {
        "cohort": "2021", "cohort_start": None, "tenure": 0, "customers": 3, "active": 3,
        "active_share": 1.0, "surviving": 3, "survival": 1.0, "retention_rate": None,
        "revenue_cents": 2200, "revenue_per_active_cents": 733, "cost_cents": None,
        "cost_per_active_cents": None,
    }  # fmt: skip
    assert _cell(cells, "2021", 0)["cohort_start"] == date(2021, 1, 1)
    # 2022 = tenure 1: A and C bought (C's refund nets C to 0 but C still bought);
    # both bought in every year so far: surviving 2, retention 2/3
    one = _cell(cells, "2021", 1)
    assert (one["active"], one["surviving"], one["revenue_cents"]) == (2, 2, 2000)
    assert one["retention_rate"] == pytest.approx(2 / 3)
    assert one["revenue_per_active_cents"] == 1000
    # 2023 = tenure 2: A and B bought; only A bought in 2022 and 2023 (B skipped 2022)
    two = _cell(cells, "2021", 2)
    assert (two["active"], two["surviving"], two["revenue_cents"]) == (2, 1, 3700)
    assert two["active_share"] == pytest.approx(2 / 3)
    assert two["survival"] == pytest.approx(1 / 3)
    assert two["retention_rate"] == pytest.approx(1 / 2)
    # the 2022 cohort: D came back in 2023, E did not
    d = _cell(cells, "2022", 1)
    assert (d["customers"], d["active"], d["surviving"], d["retention_rate"]) == (2, 1, 1, 0.5)
    assert _cell(cells, "2023", 0)["customers"] == 1


def test_pooled_curve_by_hand() -> None:
    result = observed_retention(_orders(ORDERS), as_of=AS_OF)
    pooled = {r["tenure"]: r for r in result.pooled.to_dicts()}
    assert set(pooled) == {0, 1, 2}
    # tenure 0: 3 cohorts, 6 customers; revenue 2200 + 1500 + 1000 = 4700; / 6 = 783.3
    assert (pooled[0]["cohorts"], pooled[0]["customers"], pooled[0]["active"]) == (3, 6, 6)
    assert (pooled[0]["survival"], pooled[0]["revenue_per_active_cents"]) == (1.0, 783)
    # tenure 1: cohorts 2021 and 2022 (5 customers); active A, C, D = 3 → 0.6;
    # surviving 2 + 1 of 3 + 2 → 0.6; revenue 2000 + 600 = 2600, / 3 = 866.7
    one = pooled[1]
    assert (one["cohorts"], one["customers"], one["active"], one["surviving"]) == (2, 5, 3, 3)
    assert one["active_share"] == pytest.approx(0.6)
    assert one["retention_rate"] == pytest.approx(0.6)
    assert one["survival"] == pytest.approx(0.6)
    assert one["revenue_per_active_cents"] == 867
    # tenure 2: only 2021 (3 customers): active 2, surviving 1 of 2 → 0.5; survival 0.6 × 0.5
    two = pooled[2]
    assert (two["cohorts"], two["customers"], two["active"], two["surviving"]) == (1, 3, 2, 1)
    assert two["retention_rate"] == pytest.approx(0.5)
    assert two["survival"] == pytest.approx(0.3)
    assert result.retention_by_tenure() == pytest.approx((0.6, 0.5))
    assert result.revenue_by_tenure() == (783, 867, 1850)


def test_costs_by_tenure() -> None:
    costs = _costs(
        [
            ("A", "2022-03-01", 100),  # 2021 cohort, tenure 1
            ("D", "2022-01-01", 50),  # before D's first order, same year: tenure 0
            ("Z", "2023-01-01", 70),  # not a customer: left out
            ("F", "2024-01-05", 30),  # in the dropped year: left out
        ]
    )
    result = observed_retention(_orders(ORDERS), as_of=AS_OF, costs=costs)
    assert result.costs_left_out == 2
    pooled = {r["tenure"]: r for r in result.pooled.to_dicts()}
    # tenure 0: 50 / 6 active = 8.3; tenure 1: 100 / 3 = 33.3; tenure 2: nothing
    assert [pooled[t]["cost_cents"] for t in (0, 1, 2)] == [50, 100, 0]
    assert [pooled[t]["cost_per_active_cents"] for t in (0, 1, 2)] == [8, 33, 0]
    assert _cell(result.cells, "2021", 1)["cost_cents"] == 100
    assert _cell(result.cells, "2021", 0)["cost_cents"] == 0


def test_a_complete_last_period_is_kept_and_the_default_as_of_is_the_last_order() -> None:
    rows = [r for r in ORDERS if r[1] < "2024"] + [("A", "2023-12-31", 10)]
    kept = observed_retention(_orders(rows))
    assert (kept.as_of, kept.partial, kept.last_complete) == (date(2023, 12, 31), None, "2023")
    assert kept.cells["tenure"].max() == 2
    # the same orders seen on 30 December 2023: 2023 is not over, so it is dropped
    early = observed_retention(_orders([r for r in rows if r[1] <= "2023-12-30"]))
    assert (early.as_of, early.partial, early.last_complete) == (
        date(2023, 5, 1),
        "2023",
        "2022",
    )
    assert set(early.cells["cohort"].to_list()) == {"2021", "2022"}


def test_datetimes_give_the_same_cohorts_as_dates() -> None:
    frame = _orders(ORDERS)
    with_times = frame.with_columns(pl.col("ordered_at").cast(pl.Datetime("us")))
    assert with_times.schema["ordered_at"] == pl.Datetime("us")
    one = observed_retention(frame, as_of=AS_OF)
    two = observed_retention(with_times, as_of=datetime(2024, 2, 15, 12))
    assert one.cells.equals(two.cells) and one.pooled.equals(two.pooled)


def test_quarters_and_months() -> None:
    rows = [("A", "2024-01-15", 100), ("A", "2024-04-10", 100), ("B", "2024-02-01", 50)]
    quarters = observed_retention(_orders(rows), period="quarter", as_of=date(2024, 6, 30))
    assert (quarters.partial, quarters.last_complete) == (None, "2024-Q2")
    assert quarters.cells["cohort"].unique().to_list() == ["2024-Q1"]
    assert _cell(quarters.cells, "2024-Q1", 1)["retention_rate"] == pytest.approx(0.5)
    months = observed_retention(_orders(rows), period="month", as_of=date(2024, 4, 29))
    assert (months.partial, months.last_complete) == ("2024-04", "2024-03")
    assert set(months.cells["cohort"].to_list()) == {"2024-01", "2024-02"}


def test_to_dict_is_json() -> None:
    costs = _costs([("A", "2022-03-01", 100)])
    out = observed_retention(_orders(ORDERS), as_of=AS_OF, costs=costs).to_dict()
    text = json.dumps(out, allow_nan=False)
    assert out["partial"] == "2024" and out["cells"][0]["cohort_start"] == "2021-01-01"
    assert '"costs_left_out": 0' in text


def _fader_hardie_orders(counts: list[int]) -> pl.DataFrame:
    """One cohort acquired in 2010 whose survivors buy every year: counts[t] customers
    buy in 2010 + t (the first counts[t] customers)."""
    rows = [
        (f"c{i:04d}", f"{2010 + year}-06-01", 1000)
        for year, alive in enumerate(counts)
        for i in range(alive)
    ]
    return _orders(rows)


def test_sbg_reproduces_fader_hardie_from_orders() -> None:
    regular = [1000, 631, 468, 382, 326, 289, 262, 241]
    cohorts = observed_retention(_fader_hardie_orders(regular), as_of=date(2017, 12, 31))
    assert _survival_counts(cohorts) == [regular]
    fitted = sbg_retention(cohorts, periods=12)
    # Fader & Hardie (2007), the "regular" segment: α = 0.704, β = 1.182
    assert fitted.alpha == pytest.approx(0.704, abs=5e-4)
    assert fitted.beta == pytest.approx(1.182, abs=5e-4)
    assert (fitted.cohorts_used, fitted.observed_periods) == (1, 7)
    frame = fitted.frame
    assert frame["tenure"].to_list() == list(range(13))
    assert frame["projected"].to_list() == [False] * 8 + [True] * 5
    assert frame["observed_survival"][7] == pytest.approx(241 / 1000)
    assert frame["observed_survival"][8] is None
    rates = fitted.retention_by_tenure()
    # r(1) = β / (α + β); the sBG retention rises with tenure
    assert rates[0] == pytest.approx(1.182 / (0.704 + 1.182), abs=1e-3)
    assert len(rates) == 12 and all(b > a for a, b in zip(rates, rates[1:], strict=False))
    assert json.dumps(fitted.to_dict(), allow_nan=False)


def test_sbg_pools_cohorts_of_different_lengths() -> None:
    cohorts = observed_retention(_orders(ORDERS), as_of=AS_OF)
    assert _survival_counts(cohorts) == [[3, 2, 1], [2, 1]]
    fitted = sbg_retention(cohorts, periods=5, penalizer=0.01)
    assert fitted.cohorts_used == 2 and fitted.frame.height == 6


def test_clv_does_not_import_retention() -> None:
    clv = Path(custvalue.__file__).parent / "clv"
    for path in clv.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "retention" not in (node.module or ""), path
            elif isinstance(node, ast.Import):
                assert all("retention" not in alias.name for alias in node.names), path


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("ABCDEFG"),
            st.dates(date(2019, 1, 1), date(2024, 6, 30)),
            st.integers(-500, 5000),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_invariants(rows: list[tuple[str, date, int]]) -> None:
    frame = _orders([(c, d.isoformat(), a) for c, d, a in rows])
    try:
        result = observed_retention(frame, as_of=date(2024, 6, 30))
    except DataValidationError as error:
        assert error.code in {"retention.no_orders", "retention.no_complete_period"}
        return
    cells = result.cells
    assert (cells["surviving"] <= cells["active"]).all()
    assert (cells["active"] <= cells["customers"]).all()
    for part in cells.partition_by("cohort"):
        surviving = part.sort("tenure")["surviving"].to_list()
        assert all(b <= a for a, b in zip(surviving, surviving[1:], strict=False))
        assert surviving[0] == part["customers"][0]
    survival = [s for s in result.pooled["survival"].to_list() if s is not None]
    assert all(b <= a + 1e-12 for a, b in zip(survival, survival[1:], strict=False))
    assert result.customers == cells.filter(pl.col("tenure") == 0)["customers"].sum()


# -- refusals ----------------------------------------------------------------------------


def test_frame_refusals() -> None:
    good = _orders(ORDERS)
    with pytest.raises(DataValidationError) as info:
        observed_retention(good.drop("amount_cents"))
    assert info.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError) as info:
        observed_retention(good.with_columns(pl.col("ordered_at").cast(pl.String)))
    assert info.value.code == "retention.not_dates"
    assert "ordered_at" in info.value.message("en")
    with pytest.raises(DataValidationError) as info:
        observed_retention(good.with_columns(pl.col("amount_cents").cast(pl.Float64)))
    assert info.value.code == "retention.not_whole_numbers"
    with pytest.raises(DataValidationError) as info:
        observed_retention(
            good.with_columns(
                pl.when(pl.col("customer_id") == "E").then(None).otherwise("customer_id")
                .alias("customer_id")
            )
        )  # fmt: skip
    assert info.value.code == "retention.null_values"
    assert info.value.params["row"] == 12
    with pytest.raises(DataValidationError) as info:
        observed_retention(good.with_columns(pl.lit(None, pl.Date).alias("ordered_at")))
    assert info.value.code == "retention.null_values"
    with pytest.raises(DataValidationError) as info:
        observed_retention(good, costs=_costs([("A", "2022-03-01", 1)]).drop("cost_date"))
    assert info.value.code == "validation.missing_columns"


def test_argument_refusals() -> None:
    good = _orders(ORDERS)
    with pytest.raises(DataValidationError) as info:
        observed_retention(good, period="week")  # type: ignore[arg-type]
    assert info.value.code == "validation.choice"
    with pytest.raises(DataValidationError) as info:
        observed_retention(good, as_of="2024-01-01")  # type: ignore[arg-type]
    assert info.value.code == "retention.bad_date"
    assert "2024-01-01" in info.value.message("zh")


def test_nothing_to_follow() -> None:
    with pytest.raises(DataValidationError) as info:
        observed_retention(_orders([]))
    assert info.value.code == "retention.no_orders"
    with pytest.raises(DataValidationError) as info:
        observed_retention(_orders(ORDERS), as_of=date(2020, 12, 31))
    assert info.value.code == "retention.no_orders"
    with pytest.raises(DataValidationError) as info:
        observed_retention(_orders([("A", "2024-01-02", 100), ("A", "2024-03-01", 100)]))
    assert info.value.code == "retention.no_complete_period"
    assert info.value.params["partial"] == "2024"


def test_sbg_refusals() -> None:
    with pytest.raises(DataValidationError) as info:
        sbg_retention(_orders(ORDERS))  # type: ignore[arg-type]
    assert info.value.code == "retention.not_cohorts"
    only_first = observed_retention(_orders([("A", "2023-02-01", 100)]), as_of=date(2023, 12, 31))
    with pytest.raises(DataValidationError) as info:
        sbg_retention(only_first)
    assert info.value.code == "retention.too_few_periods"
    cohorts = observed_retention(_orders(ORDERS), as_of=AS_OF)
    with pytest.raises(DataValidationError) as info:
        sbg_retention(cohorts, periods=0)
    assert info.value.code == "validation.number_range"

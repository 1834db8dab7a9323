"""The retention what-if from the store (custvalue.app.simulate) on the demo company, both
engines: each input against an independent computation from the stored frames, the
projection's identities, scenarios, the claims on the user's numbers, the defaults when
the ledger cannot say, and every refusal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import polars as pl
import pytest

from custvalue.app.simulate import DEFAULT_MARGIN, baseline_assumptions, what_if
from custvalue.data.db import Database
from custvalue.exceptions import CustValueError, NotFoundError
from tests.app.conftest import json_ready


def _frames(db: Database) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    orders = db.frame(
        "SELECT customer_id, ordered_at, amount_cents, cost_cents FROM orders"
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("ordered_at").cast(pl.Datetime).dt.year().cast(pl.Int64).alias("year"),
        pl.col("amount_cents").cast(pl.Int64),
        pl.col("cost_cents").cast(pl.Int64),
    )
    costs = db.frame("SELECT customer_id, incurred_on, amount_cents, kind FROM costs").with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("incurred_on").cast(pl.Date).dt.year().cast(pl.Int64).alias("year"),
        pl.col("amount_cents").cast(pl.Int64),
    )
    people = db.frame("SELECT customer_id, referred_by FROM customers").select(
        pl.col("customer_id").cast(pl.String), pl.col("referred_by").is_not_null().alias("referred")
    )
    return orders, costs, people


def test_the_inputs_are_the_store_s_own_numbers(demo_db: Database) -> None:
    base = baseline_assumptions(demo_db, years=10)
    orders, costs, people = _frames(demo_db)
    last = base.last_complete
    assert last == 2024 and base.first_year == 2020  # the demo's orders end on 31 December
    bought = orders.filter((pl.col("amount_cents") > 0) & (pl.col("year") <= last))
    cohort = (
        bought.group_by("customer_id")
        .agg(pl.col("year").min().alias("cohort"))
        .join(people, on="customer_id", how="left")
    )
    active = bought.select("customer_id", "year").unique().join(cohort, on="customer_id")
    a = base.assumptions
    # starting customers: active in the last complete year, by tenure
    now = active.filter(pl.col("year") == last).group_by("cohort").agg(pl.len())
    by_tenure = {last - c + 1: n for c, n in now.iter_rows()}
    assert a.starting_customers == tuple(float(by_tenure.get(k, 0)) for k in range(1, 6))
    # new customers a year without a referral, the mean over the complete years
    plain = cohort.filter(~pl.col("referred"))
    assert a.new_customers == pytest.approx(plain.height / 5)
    # referral rate: referred new customers in Y per customer active in Y − 1
    referred = cohort.filter(pl.col("referred") & (pl.col("cohort") > base.first_year)).height
    before = active.filter(pl.col("year") < last).height
    assert a.referral_rate == pytest.approx(referred / before)
    # win-back rate: active in Y − 2, not in Y − 1, back in Y
    years = {y: set(g["customer_id"]) for (y,), g in active.group_by("year")}
    lost = back = 0
    for y in range(base.first_year + 2, last + 1):
        gone = years[y - 2] - years[y - 1]
        lost, back = lost + len(gone), back + len(gone & years[y])
    assert a.win_back_rate == pytest.approx(back / lost)
    # margin: 1 − cost of goods ÷ revenue over the orders that carry it
    carrying = bought.filter(pl.col("cost_cents").is_not_null())
    margin = 1 - carrying["cost_cents"].sum() / carrying["amount_cents"].sum()
    assert a.margin_rate == pytest.approx(margin)
    # acquisition cost per customer acquired without (with) a referral
    spent = (
        costs.filter(pl.col("kind") == "acquisition")
        .group_by("customer_id")
        .agg(pl.col("amount_cents").sum().alias("spent"))
    )
    paid = cohort.join(spent, on="customer_id", how="left").with_columns(
        pl.col("spent").fill_null(0)
    )
    for flag, value in ((False, a.acquisition_cost_cents), (True, a.referral_reward_cents)):
        part = paid.filter(pl.col("referred") == flag)
        assert value == round(part["spent"].sum() / part.height)
    # revenue and service cost per active customer in the acquisition year (tenure 1)
    first_year = (
        orders.filter(pl.col("year") <= last)
        .join(cohort, on="customer_id")
        .filter(pl.col("year") == pl.col("cohort"))
    )
    new_active = active.filter(pl.col("year") == pl.col("cohort")).height
    assert isinstance(a.revenue_cents, tuple)
    assert a.revenue_cents[0] == round(first_year["amount_cents"].sum() / new_active)
    service = (
        costs.filter(pl.col("kind") == "service")
        .join(cohort, on="customer_id")
        .filter(pl.col("year") == pl.col("cohort"))
    )
    assert isinstance(a.service_cost_cents, tuple)
    assert a.service_cost_cents[0] == round(service["amount_cents"].sum() / new_active)
    # retention of the 1st year: acquired customers who bought again the next year
    cohorts = cohort.filter(pl.col("cohort") < last)
    again = active.join(cohorts.select("customer_id"), on="customer_id").filter(
        pl.col("year") == pl.col("cohort") + 1
    )
    assert isinstance(a.retention, tuple)
    assert a.retention[0] == pytest.approx(again.height / cohorts.height)
    # observed for tenures 1–4, then the sBG model; every input says where it came from
    assert base.retention_sources[:4] == ("observed",) * 4
    assert set(base.retention_sources[4:]) == {"sbg"} and base.sbg is not None
    assert base.sources["win_back_cost"] == base.sources["discount_rate"] == "default"
    assert {base.sources[k] for k in ("starting", "new", "margin", "acquisition_cost")} == {
        "observed"
    }
    assert base.warnings == ()
    json_ready(base.to_dict())


def test_the_projection_s_identities_hold_on_the_store_s_baseline(demo_db: Database) -> None:
    result = what_if(demo_db, years=8)
    frame = result.projection.frame
    assert frame.height == 8
    inflow = frame["acquired"] + frame["referred"]
    end = frame["customers_start"] - frame["lost"] + inflow + frame["won_back"]
    assert (end - frame["customers_end"]).abs().max() < 1e-6  # type: ignore[operator]
    assert frame["customers_start"].to_list()[1:] == frame["customers_end"].to_list()[:-1]
    assert frame["customers_start"][0] == sum(result.baseline.assumptions.starting_customers)  # type: ignore[arg-type]
    spend = frame.select(
        pl.col("margin_cents")
        - pl.col("acquisition_cents")
        - pl.col("retention_cents")
        - pl.col("referral_cents")
        - pl.col("win_back_cents")
    ).to_series()
    assert spend.to_list() == frame["profit_cents"].to_list()
    assert frame["won_back"][0] == 0
    json_ready(result.to_dict())


def test_five_points_more_retention_give_more_customers(demo_db: Database) -> None:
    result = what_if(
        demo_db, scenarios=[{"retention": "+0.05"}, {"margin": 0.5, "label": "better margin"}]
    )
    better, margin = result.scenarios
    assert better.label == "retention=+0.05" and margin.label == "better margin"
    years = better.comparison.years
    assert (years["scenario_customers_end"] > years["base_customers_end"]).all()
    base_rates = result.baseline.assumptions.retention
    assert isinstance(base_rates, tuple)
    assert better.applied["retention"] == tuple(min(1.0, r + 0.05) for r in base_rates)
    assert margin.comparison.scenario.assumptions.margin_rate == 0.5
    # the claim is the same change, tested on the same baseline
    churn = result.churn
    assert churn.comparison.base.frame.equals(result.projection.frame)
    assert churn.profit_uplift_pct == pytest.approx(
        (better.comparison.scenario.profit_cents - result.projection.profit_cents)
        / result.projection.profit_cents
        * 100
    )
    assert f"{churn.profit_uplift_pct:.1f}" in churn.sentence()
    keeping = result.projection.frame["retention_cents"].sum() / (
        result.projection.frame["customers_start"].sum()
    )
    assert result.keeping_cents == round(keeping)
    assert result.cost_ratio.ratio == pytest.approx(
        result.baseline.assumptions.acquisition_cost_cents / result.keeping_cents
    )


def test_the_user_s_numbers_override_the_store_s(demo_db: Database) -> None:
    base = baseline_assumptions(
        demo_db,
        years=5,
        overrides={"retention": [0.6, 0.8], "acquisition-cost": 1234.5, "margin": 0.4, "new": 10},
    )
    a = base.assumptions
    assert a.retention == (0.6, 0.8) and base.retention_sources == ("user", "user")
    assert a.acquisition_cost_cents == 123450 and a.margin_rate == 0.4
    assert a.new_customers == 10 and a.years == 5 and base.sbg is None
    assert {base.sources[k] for k in ("retention", "acquisition_cost", "margin", "new")} == {"user"}
    assert base.inputs()["acquisition_cost"] == 1234.5
    moved = what_if(
        demo_db, overrides={"retention": 0.7}, scenarios=[{"acquisition_cost": "-99999"}]
    )
    (scenario,) = moved.scenarios
    assert scenario.comparison.scenario.assumptions.acquisition_cost_cents == 0  # kept ≥ 0


def test_defaults_when_the_ledger_cannot_say(demo_db: Database) -> None:
    with demo_db.transaction():
        demo_db.execute("DELETE FROM costs")
        demo_db.execute("UPDATE orders SET cost_cents = NULL")
        demo_db.execute("UPDATE customers SET referred_by = NULL")
    base = baseline_assumptions(demo_db)
    a = base.assumptions
    assert a.margin_rate == DEFAULT_MARGIN and base.sources["margin"] == "default"
    assert a.acquisition_cost_cents == 0 and base.sources["acquisition_cost"] == "default"
    assert a.service_cost_cents == 0 and base.sources["service_cost"] == "default"
    assert a.referral_rate == 0 and base.sources["referral_rate"] == "default"
    assert set(base.warnings) == {"simulate.warn_acquisition_cost", "simulate.warn_margin"}
    ratio = what_if(demo_db).cost_ratio
    assert ratio.verdict == "undefined"


def test_too_little_history(demo_db: Database) -> None:
    with demo_db.transaction():
        demo_db.execute("DELETE FROM orders WHERE ordered_at < ?", [datetime(2024, 1, 1)])
    with pytest.raises(CustValueError) as raised:
        baseline_assumptions(demo_db)
    assert raised.value.code == "simulate.no_retention"
    given = baseline_assumptions(demo_db, overrides={"retention": 0.8})
    assert given.sources["win_back_rate"] == "default" and given.assumptions.retention == 0.8
    with demo_db.transaction():
        demo_db.execute("UPDATE orders SET ordered_at = ?", [datetime(2025, 3, 1, 10)])
    with pytest.raises(CustValueError) as raised:
        baseline_assumptions(demo_db)
    assert raised.value.code == "retention.no_complete_period"
    with demo_db.transaction():
        demo_db.execute("DELETE FROM orders")
    with pytest.raises(NotFoundError) as raised:
        baseline_assumptions(demo_db)
    assert raised.value.code == "simulate.no_orders"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"years": 0}, "validation.number_range"),
        ({"years": 2.5}, "validation.not_whole"),
        ({"overrides": {"profit": 1}}, "simulate.unknown_input"),
        ({"overrides": {"margin": 1.5}}, "validation.number_range"),
        ({"overrides": {"margin": [0.2, 0.3]}}, "simulate.not_by_tenure"),
        ({"overrides": {"retention": [0.5] * 51}}, "simulate.bad_length"),
        ({"overrides": {"retention": [0.5, "x"]}}, "validation.not_a_number"),
        ({"overrides": {"acquisition_cost": -1}}, "validation.number_range"),
        ({"scenarios": [{"retention": "more"}]}, "simulate.bad_change"),
        ({"scenarios": [{"label": "nothing"}]}, "simulate.empty_scenario"),
        ({"scenarios": [{"retention": "+0.01"}] * 11}, "simulate.too_many_scenarios"),
        ({"scenarios": [{"churn": "+0.01"}]}, "simulate.unknown_input"),
        ({"scenarios": [{"margin": "2"}]}, "validation.number_range"),
    ],
)
def test_bad_inputs_are_refused(demo_db: Database, options: dict[str, Any], code: str) -> None:
    with pytest.raises(CustValueError) as raised:
        what_if(demo_db, **options)
    assert raised.value.code == code


def test_only_yearly_cohorts(demo_db: Database) -> None:
    with pytest.raises(CustValueError) as raised:
        baseline_assumptions(demo_db, period="quarter")
    assert raised.value.code == "validation.choice"

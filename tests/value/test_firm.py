"""Firm-side value from in-memory frames: formulas, kinds, referral roll-up."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.value import customer_values, ledger_from_frames, yearly_values


def _orders(rows: list[tuple[str, str, float, str | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": [r[0] for r in rows],
            "ordered_at": [datetime.fromisoformat(r[1]) for r in rows],
            "amount": [r[2] for r in rows],
            "product": [r[3] for r in rows],
            "category": [r[4] for r in rows],
        }
    )


def test_kinds_are_inferred_from_products_and_categories() -> None:
    orders = _orders(
        [
            ("A", "2020-01-01", 800.0, "design v1", "design"),
            ("A", "2020-01-01", 100.0, "fonts", "fonts"),  # same first day: first
            ("A", "2020-05-01", 500.0, "design v2", "design"),  # new product, known line: upsell
            ("A", "2020-06-01", 250.0, "drawing", "drawing"),  # new line: cross-sell
            ("A", "2021-06-01", 250.0, "drawing", "drawing"),  # same product again: repeat
            ("A", "2021-07-01", -50.0, "drawing", "drawing"),  # negative: refund
        ]
    )
    v = customer_values(ledger_from_frames(orders)).row(0, named=True)
    assert (v["first"], v["upsell"], v["cross_sell"], v["repeat"], v["refund"]) == (
        900.0,
        500.0,
        250.0,
        250.0,
        -50.0,
    )
    assert v["revenue"] == 1850.0
    assert v["orders"] == 5


def test_explicit_kind_wins_over_inference() -> None:
    orders = _orders([("A", "2020-01-01", 10.0, "p", "c"), ("A", "2020-02-01", 20.0, "q", "d")])
    orders = orders.with_columns(pl.Series("kind", [None, "upsell"]))
    v = customer_values(ledger_from_frames(orders)).row(0, named=True)
    assert v["upsell"] == 20.0 and v["cross_sell"] == 0.0


def test_referral_value_rolls_up_transitively_and_depth_limits_it() -> None:
    orders = _orders(
        [
            ("A", "2020-01-01", 100.0, None, None),
            ("B", "2020-02-01", 200.0, None, None),
            ("C", "2020-03-01", 400.0, None, None),
        ]
    )
    customers = pl.DataFrame({"customer_id": ["A", "B", "C"], "referred_by": [None, "A", "B"]})
    ledger = ledger_from_frames(orders, customers=customers)
    full = {r["customer_id"]: r for r in customer_values(ledger).to_dicts()}
    assert full["A"]["referral_revenue"] == 600.0
    assert full["A"]["referred_customers"] == 1 and full["A"]["referral_network"] == 2
    assert full["B"]["referral_revenue"] == 400.0
    assert full["A"]["sustained_value"] == 700.0
    direct = {r["customer_id"]: r for r in customer_values(ledger, referral_depth=1).to_dicts()}
    assert direct["A"]["referral_revenue"] == 200.0


def test_referral_net_subtracts_referred_customers_costs() -> None:
    orders = _orders(
        [("A", "2020-01-01", 100.0, None, None), ("B", "2020-02-01", 300.0, None, None)]
    )
    costs = pl.DataFrame(
        {
            "customer_id": ["B"],
            "incurred_on": [date(2020, 2, 1)],
            "amount": [50.0],
            "kind": ["acquisition"],
        }
    )
    customers = pl.DataFrame({"customer_id": ["A", "B"], "referred_by": [None, "A"]})
    a = customer_values(ledger_from_frames(orders, costs=costs, customers=customers)).row(
        0, named=True
    )
    assert a["referral_revenue"] == 300.0
    assert a["referral_net"] == 250.0
    assert a["sustained_value"] == 350.0


def test_cycle_in_frames_is_rejected_with_the_chain() -> None:
    orders = _orders([("A", "2020-01-01", 1.0, None, None)])
    customers = pl.DataFrame({"customer_id": ["A", "B"], "referred_by": ["B", "A"]})
    with pytest.raises(DataValidationError, match="cycle: A → B → A|cycle: B → A → B"):
        customer_values(ledger_from_frames(orders, customers=customers))


def test_as_of_excludes_later_orders_and_costs() -> None:
    orders = _orders(
        [("A", "2020-01-01", 100.0, None, None), ("A", "2021-01-01", 50.0, None, None)]
    )
    costs = pl.DataFrame(
        {
            "customer_id": ["A"],
            "incurred_on": [date(2021, 1, 1)],
            "amount": [30.0],
            "kind": ["service"],
        }
    )
    v = customer_values(ledger_from_frames(orders, costs=costs, as_of=date(2020, 12, 31)))
    assert v["revenue"].to_list() == [100.0] and v["cost"].to_list() == [0.0]
    assert v["recency_days"].to_list() == [365]


def test_cogs_gives_margin() -> None:
    orders = _orders([("A", "2020-01-01", 100.0, None, None)]).with_columns(
        pl.Series("cost", [60.0])
    )
    v = customer_values(ledger_from_frames(orders)).row(0, named=True)
    assert (v["cogs"], v["margin"], v["realized_value"]) == (60.0, 40.0, 40.0)


def test_missing_columns_name_the_frame() -> None:
    with pytest.raises(DataValidationError, match="orders: missing column"):
        ledger_from_frames(pl.DataFrame({"customer_id": ["A"]}))


def test_years_between_activity_are_filled_with_zeros() -> None:
    orders = _orders([("A", "2019-01-01", 1.0, None, None), ("A", "2022-01-01", 2.0, None, None)])
    years = yearly_values(ledger_from_frames(orders))
    assert years["year"].to_list() == [2019, 2020, 2021, 2022]
    assert years["revenue"].to_list() == [1.0, 0.0, 0.0, 2.0]


_amount = st.integers(min_value=-10_000, max_value=1_000_000)


@settings(max_examples=40, deadline=None)
@given(
    amounts=st.lists(_amount, min_size=1, max_size=30),
    cost_cents=st.lists(st.integers(0, 100_000), max_size=10),
    parents=st.lists(st.integers(0, 10), min_size=6, max_size=6),
)
def test_value_identities_hold(
    amounts: list[int], cost_cents: list[int], parents: list[int]
) -> None:
    ids = [f"c{i}" for i in range(6)]
    # referrer of c_i is an earlier customer (a forest) or nobody
    referred_by = [None] + [ids[p % i] if p < 8 else None for i, p in enumerate(parents) if i > 0]
    orders = pl.DataFrame(
        {
            "customer_id": [ids[i % 6] for i in range(len(amounts))],
            "ordered_at": [datetime(2020, 1, 1 + i % 28) for i in range(len(amounts))],
            "amount_cents": amounts,
        }
    )
    costs = pl.DataFrame(
        {
            "customer_id": [ids[i % 6] for i in range(len(cost_cents))],
            "incurred_on": [date(2020, 2, 1)] * len(cost_cents),
            "amount_cents": cost_cents,
            "kind": ["service"] * len(cost_cents),
        },
        schema_overrides={"amount_cents": pl.Int64, "customer_id": pl.String},
    )
    customers = pl.DataFrame({"customer_id": ids, "referred_by": referred_by})
    ledger = ledger_from_frames(orders, costs=costs, customers=customers)
    values = customer_values(ledger)
    years = yearly_values(ledger)
    assert values["revenue"].sum() == pytest.approx(sum(amounts) / 100)
    assert values["cost"].sum() == pytest.approx(sum(cost_cents) / 100)
    for row in values.iter_rows(named=True):
        assert row["realized_value"] == pytest.approx(row["margin"] - row["cost"])
        assert row["sustained_value"] == pytest.approx(row["realized_value"] + row["referral_net"])
        kinds = row["first"] + row["repeat"] + row["upsell"] + row["cross_sell"] + row["refund"]
        assert kinds == pytest.approx(row["revenue"])
    by_customer = years.group_by("customer_id").agg(pl.col("profit").sum())
    merged = values.join(by_customer, on="customer_id", how="left").fill_null(0)
    for row in merged.iter_rows(named=True):
        assert row["profit"] == pytest.approx(row["sustained_value"])
    # roots' referral revenue = revenue of all their descendants
    roots = [c for c, r in zip(ids, referred_by, strict=True) if r is None]
    root_total = (
        values.filter(pl.col("customer_id").is_in(roots))
        .select((pl.col("revenue") + pl.col("referral_revenue")).sum())
        .item()
    )
    assert root_total == pytest.approx(sum(amounts) / 100)

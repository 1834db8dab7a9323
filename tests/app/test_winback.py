"""The win-back list from the store (custvalue.app.winback) on the demo company, both
engines: its inputs against an independent computation from the stored frames, the rule,
the ranking, the reasons, where each input came from, and every refusal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import polars as pl
import pytest

from custvalue.app.winback import winback
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.app.conftest import json_ready


def _orders(db: Database) -> pl.DataFrame:
    return db.frame(
        "SELECT customer_id, ordered_at, amount_cents, cost_cents FROM orders"
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("ordered_at").cast(pl.Datetime).dt.date().alias("day"),
        pl.col("amount_cents").cast(pl.Int64),
        pl.col("cost_cents").cast(pl.Int64),
    )


def _last_orders(orders: pl.DataFrame, as_of: date) -> pl.DataFrame:
    return (
        orders.filter((pl.col("amount_cents") > 0) & (pl.col("day") <= as_of))
        .group_by("customer_id")
        .agg(pl.col("day").max().alias("last"))
        .with_columns((pl.lit(as_of) - pl.col("last")).dt.total_days().alias("days"))
    )


def _realized(db: Database, orders: pl.DataFrame) -> dict[str, int]:
    """Margin − cost per customer in cents: revenue − cost of goods − every cost row."""
    costs = db.frame("SELECT customer_id, amount_cents FROM costs").with_columns(
        pl.col("customer_id").cast(pl.String), pl.col("amount_cents").cast(pl.Int64)
    )
    own = orders.group_by("customer_id").agg(
        (pl.col("amount_cents").sum() - pl.col("cost_cents").fill_null(0).sum()).alias("m")
    )
    spent = costs.group_by("customer_id").agg(pl.col("amount_cents").sum().alias("c"))
    joined = own.join(spent, on="customer_id", how="left").with_columns(pl.col("c").fill_null(0))
    return {r[0]: int(r[1] - r[2]) for r in joined.iter_rows()}


def _add_run(db: Database, *, end: date, scores: dict[str, float]) -> int:
    """A CLV run with the given P(alive) per customer (as ``custvalue clv score`` saves)."""
    run_id = int(db.scalar("SELECT nextval('clv_runs_seq')"))
    with db.transaction():
        db.execute(
            "INSERT INTO clv_runs (run_id, model, unit, calibration_end, customers, params, "
            "fitted_at) VALUES (?, 'bgnbd', 'week', ?, ?, '{}', ?)",
            [run_id, end, len(scores), datetime(2025, 1, 2)],
        )
        for cid, p in scores.items():
            db.execute(
                "INSERT INTO clv_scores (run_id, customer_id, frequency, recency, t, "
                "monetary_value, p_alive) VALUES (?, ?, 1, 1.0, 2.0, 100.0, ?)",
                [run_id, cid, p],
            )
    return run_id


def test_the_list_holds_exactly_the_customers_lapsed_by_days_and_is_ranked(
    demo_db: Database,
) -> None:
    result = winback(demo_db)
    orders = _orders(demo_db)
    as_of = orders["day"].max()
    assert isinstance(as_of, date) and result.as_of == as_of
    last = _last_orders(orders, as_of)
    lapsed = last.filter(pl.col("days") > 365)
    table = result.table
    assert set(table["customer_id"]) == set(lapsed["customer_id"])
    assert result.total == table.height == lapsed.height
    assert result.customers == last.height
    # no CLV run: P(alive) unknown, the rule keeps its days test only and says so
    assert result.days_only and result.p_alive_source == "no_scores"
    assert result.rule.p_alive_below is None and result.asked["p_alive_below"] == 0.3
    assert table["p_alive"].null_count() == table.height
    days = dict(zip(lapsed["customer_id"], lapsed["days"], strict=True))
    assert dict(zip(table["customer_id"], table["days_since_last_order"], strict=True)) == days
    # former value: the realized value (margin − cost) from the ledger, no snapshot yet
    assert result.value_source == "ledger"
    realized = _realized(demo_db, orders)
    for cid, cents in zip(table["customer_id"], table["former_value_cents"], strict=True):
        assert cents == realized[cid]
    # ranked by the expected value, highest first; ranks 1 … n
    expected = table["expected_value_cents"].to_list()
    assert expected == sorted(expected, reverse=True)
    assert table["rank"].to_list() == list(range(1, table.height + 1))
    assert result.odds_source == "history"
    products = (table["former_value_cents"] * table["odds"]).round(0).cast(pl.Int64)
    assert products.to_list() == expected
    # names joined for display
    names = dict(demo_db.fetchall("SELECT customer_id, name FROM customers"))
    assert all(names[c] == n for c, n in zip(table["customer_id"], table["name"], strict=True))
    document = json_ready(result.to_dict())
    assert document["total"] == result.total and document["value_source"] == "ledger"


def test_the_odds_are_the_back_test_of_the_store_s_own_orders(demo_db: Database) -> None:
    result = winback(demo_db, days=180)
    orders = _orders(demo_db)
    bought = orders.filter(pl.col("amount_cents") > 0)
    trials = returned = 0
    first = bought["day"].min()
    assert isinstance(first, date)
    for year in range(first.year, result.as_of.year + 1):
        end = date(year, 12, 31)
        if end + timedelta(days=365) > result.as_of:
            continue
        before = (
            bought.filter(pl.col("day") <= end)
            .group_by("customer_id")
            .agg(pl.col("day").max().alias("last"))
        )
        lost = before.filter((pl.lit(end) - pl.col("last")).dt.total_days() > 180)
        back = bought.filter((pl.col("day") > end) & (pl.col("day") <= end + timedelta(days=365)))[
            "customer_id"
        ]
        trials += lost.height
        returned += int(lost["customer_id"].is_in(back.unique()).sum())
    assert result.backtest is not None
    overall = result.backtest.filter(pl.col("band") == "all")
    assert (overall["trials"][0], overall["returned"][0]) == (trials, returned)
    assert result.overall_return_rate == pytest.approx(returned / trials)


def test_p_alive_from_the_latest_clv_run_and_the_rule_combined(demo_db: Database) -> None:
    orders = _orders(demo_db)
    as_of = orders["day"].max()
    assert isinstance(as_of, date)
    last = _last_orders(orders, as_of)
    ids = sorted(last["customer_id"])
    scores = {cid: (0.1 if i % 3 == 0 else 0.9) for i, cid in enumerate(ids)}
    run = _add_run(demo_db, end=as_of, scores=scores)
    low = {c for c, p in scores.items() if p < 0.3}
    old = set(last.filter(pl.col("days") > 365)["customer_id"])
    either = winback(demo_db)
    assert not either.days_only and either.clv_run_id == run
    assert either.p_alive_source == "clv_run" and either.rule.p_alive_below == 0.3
    assert set(either.table["customer_id"]) == old | low
    both = winback(demo_db, combine="all")
    assert set(both.table["customer_id"]) == old & low
    assert set(both.table["lapsed_by"]) == {"both"}
    only_p = winback(demo_db, days=None, p_alive_below=0.5)
    assert set(only_p.table["customer_id"]) == low and only_p.backtest_days == 365
    got = dict(zip(either.table["customer_id"], either.table["p_alive"], strict=True))
    assert all(got[c] == pytest.approx(scores[c]) for c in got)


def test_a_run_calibrated_after_as_of_is_not_used(demo_db: Database) -> None:
    ids = [r[0] for r in demo_db.fetchall("SELECT customer_id FROM customers")]
    _add_run(demo_db, end=date(2024, 12, 31), scores=dict.fromkeys(ids, 0.05))
    result = winback(demo_db, as_of=date(2023, 12, 31))
    assert result.days_only and result.p_alive_source == "run_after_as_of"
    assert result.clv_calibration_end == date(2024, 12, 31)
    assert result.table["p_alive"].null_count() == result.table.height
    assert result.table["last_order"].max() <= date(2023, 12, 31)  # type: ignore[operator]
    with pytest.raises(DataValidationError) as raised:
        winback(demo_db, days=None, as_of=date(2023, 12, 31))
    assert raised.value.code == "winback.needs_scores"


def test_net_spend_and_the_snapshot_as_former_value(demo_db: Database) -> None:
    from custvalue.app.snapshots import refresh

    orders = _orders(demo_db)
    spent = dict(orders.group_by("customer_id").agg(pl.col("amount_cents").sum()).iter_rows())
    by_spend = winback(demo_db, value="spend")
    assert by_spend.value_source == "orders"
    table = by_spend.table
    assert all(
        spent[c] == v
        for c, v in zip(table["customer_id"], table["former_value_cents"], strict=True)
    )
    ledger = winback(demo_db)
    refresh(demo_db)
    snapshot = winback(demo_db)
    assert snapshot.value_source == "snapshot" and snapshot.snapshot_id is not None
    assert snapshot.table["former_value_cents"].to_list() == (
        ledger.table["former_value_cents"].to_list()
    )
    # an earlier date is not what the snapshot holds: computed from the ledger then
    assert winback(demo_db, as_of=date(2023, 6, 30)).value_source == "ledger"


def test_the_reason_complaints_then_low_satisfaction(demo_db: Database) -> None:
    from custvalue.app.complaints import record_complaint

    first = winback(demo_db)
    nps = demo_db.frame(
        "SELECT customer_id, score, answered_on, wave FROM voice_nps WHERE customer_id IS NOT NULL"
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("answered_on").cast(pl.Date))
    latest = dict(
        nps.sort(["customer_id", "answered_on", "wave"])
        .group_by("customer_id")
        .agg(pl.col("score").last())
        .iter_rows()
    )
    complained = dict(
        demo_db.frame(
            "SELECT customer_id, created_at FROM complaints WHERE customer_id IS NOT NULL"
        )
        .filter(pl.col("created_at").cast(pl.Date) <= first.as_of)
        .group_by(pl.col("customer_id").cast(pl.String))
        .agg(pl.len())
        .iter_rows()
    )
    listed = first.table
    for row in listed.select("customer_id", "reason", "satisfaction", "complaints").rows():
        cid, reason, satisfaction, complaints = row
        score = latest.get(cid)
        assert satisfaction == score and complaints == complained.get(cid, 0)
        low = score is not None and score < 7
        assert reason == ("complaints" if cid in complained else "low_satisfaction" if low
                          else "unknown")  # fmt: skip
    target = str(listed.filter(pl.col("complaints") == 0)["customer_id"][0])
    record_complaint(
        demo_db, category="质量", description="货物破损", customer_id=target,
        now=datetime(2024, 3, 4, 10, 0),
    )  # fmt: skip
    after = winback(demo_db).table.filter(pl.col("customer_id") == target)
    assert after["complaints"][0] == 1 and after["reason"][0] == "complaints"
    # complaints after as_of do not count yet (the one just recorded among them)
    cut = date(2024, 3, 1)
    before = dict(
        demo_db.frame(
            "SELECT customer_id, created_at FROM complaints WHERE customer_id IS NOT NULL"
        )
        .filter(pl.col("created_at").cast(pl.Date) <= cut)
        .group_by(pl.col("customer_id").cast(pl.String))
        .agg(pl.len())
        .iter_rows()
    )
    earlier = winback(demo_db, as_of=cut).table
    assert {c: n for c, n in earlier.select("customer_id", "complaints").rows()} == {
        c: before.get(c, 0) for c in earlier["customer_id"]
    }
    assert before.get(target, 0) == 0


def test_default_odds_and_unknown_odds_when_history_cannot_tell(demo_db: Database) -> None:
    given = winback(demo_db, default_odds=0.2, min_trials=10**6)
    assert given.odds_source == "default"
    assert set(given.table["odds"]) == {0.2} and set(given.table["odds_source"]) == {"default"}
    unknown = winback(demo_db, min_trials=10**6, top=5)
    assert unknown.odds_source == "unknown" and unknown.table.height == 5
    assert unknown.table["expected_value_cents"].null_count() == 5
    values = unknown.table["former_value_cents"].to_list()
    assert values == sorted(values, reverse=True)
    assert unknown.total == given.total > 5


def test_nobody_to_win_back(demo_db: Database) -> None:
    with pytest.raises(NotFoundError) as raised:
        winback(demo_db, as_of=date(2019, 1, 1))
    assert raised.value.code == "winback.no_orders_by"
    with demo_db.transaction():
        demo_db.execute("DELETE FROM orders")
    with pytest.raises(NotFoundError) as raised:
        winback(demo_db)
    assert raised.value.code == "winback.no_orders"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"days": -1}, "validation.number_range"),
        ({"days": 3.5}, "validation.not_whole"),
        ({"p_alive_below": 0}, "validation.number_range"),
        ({"p_alive_below": 1.5}, "validation.number_range"),
        ({"combine": "either"}, "validation.choice"),
        ({"default_odds": 2}, "validation.number_range"),
        ({"top": 0}, "validation.number_range"),
        ({"value": "profit"}, "validation.choice"),
        ({"days": None, "p_alive_below": None}, "winback.empty_rule"),
        ({"days": None}, "winback.needs_scores"),
    ],
)
def test_bad_options_are_refused(demo_db: Database, options: dict[str, Any], code: str) -> None:
    with pytest.raises(DataValidationError) as raised:
        winback(demo_db, **options)
    assert raised.value.code == code

"""Snapshots: what refresh stores equals the library's own results, the swap is atomic,
freshness follows imports, keyset pages visit every customer once, bad options are
refused by name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.app import snapshots
from custvalue.app.segments import classes, rfm, tiers
from custvalue.app.values import customer_values
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.app.conftest import json_ready

NOW = datetime(2025, 1, 2, 9, 0, tzinfo=UTC)


def _tiny(db: Database) -> None:
    """Three customers: A referred B; C never ordered."""
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {
                    "customer_id": ["A", "B", "C"],
                    "name": ["Alpha 甲", "Beta 乙", "Gamma 丙"],
                    "referred_by": [None, "A", None],
                }
            ),
            "orders": pl.DataFrame(
                {
                    "order_id": ["o1", "o2", "o3", "o4"],
                    "customer_id": ["A", "A", "B", "B"],
                    "date": ["2023-03-01", "2024-05-01", "2024-06-01", "2024-12-31"],
                    "amount": ["100.00", "300.00", "50.00", "50.00"],
                }
            ),
        },
        source="tiny",
    )


def test_an_empty_store_stores_nothing(db: Database) -> None:
    info = snapshots.refresh(db, now=NOW)
    assert info.is_empty and info.customers == 0
    assert not snapshots.freshness(db).exists
    assert snapshots.overview(db).is_empty
    page = snapshots.customer_list(db)
    assert page.total == 0 and page.customers.height == 0
    with pytest.raises(NotFoundError) as caught:
        snapshots.customer_detail(db, customer_id="A")
    assert caught.value.code == "snapshot.none_yet"


def test_the_snapshot_holds_what_the_library_computes(demo_db: Database) -> None:
    info = snapshots.refresh(demo_db, now=NOW)
    assert info.customers == 200
    stored = demo_db.frame(
        "SELECT * FROM snapshot_customers WHERE snapshot_id = ? ORDER BY customer_id",
        [info.snapshot_id],
    )
    values = customer_values(demo_db).values.sort("customer_id")
    for column in ("revenue", "realized_value", "referral_net", "sustained_value", "orders"):
        assert stored[column].to_list() == values[column].to_list(), column
    expected_tiers = tiers(demo_db).customers.sort("customer_id")["tier"].to_list()
    assert stored["tier"].to_list() == expected_tiers
    expected_rfm = rfm(demo_db).customers.sort("customer_id")
    assert stored["segment"].to_list() == expected_rfm["segment"].to_list()
    assert stored["rfm_cell"].to_list() == expected_rfm["rfm_cell"].cast(pl.String).to_list()
    assert (
        stored["class"].to_list()
        == classes(demo_db).customers.sort("customer_id")["class"].to_list()
    )
    # the total customer value, as `custvalue loyalty total` computes it with its defaults
    from custvalue.app.loyalty import total_customer_value

    total = total_customer_value(demo_db).customers.sort("customer_id")
    assert stored["customer_id"].to_list() == total["customer_id"].to_list()
    assert stored["customer_total"].to_list() == pytest.approx(total["total"].to_list())
    assert stored["customer_total_parts"].to_list() == total["parts"].to_list()
    page = snapshots.customer_list(demo_db, sort="customer_total", limit=500)
    shown = page.customers["customer_total"].to_list()
    assert shown == sorted(shown, reverse=True) and len(shown) == 200
    summary = snapshots.overview(demo_db).summary
    head = summary["headline"]
    assert head["customers"] == 200
    assert head["revenue"] == pytest.approx(values["revenue"].sum())
    assert sum(row["customers"] for row in summary["pyramid"]) == 200
    assert sum(summary["histogram"]["counts"]) == 200
    assert sum(row["customers"] for row in summary["rfm_grid"]) == 200
    assert summary["pareto"][-1]["customer_share"] == 1.0
    json_ready(snapshots.overview(demo_db).to_dict())


def test_a_tiny_ledger_by_hand(db: Database) -> None:
    _tiny(db)
    snapshots.refresh(db, now=NOW)
    a = snapshots.customer_detail(db, customer_id="a")  # as typed: case folded
    assert a.customer["customer_id"] == "A"
    assert a.customer["revenue"] == 400.0 and a.customer["orders"] == 2
    assert a.customer["referred_customers"] == 1
    assert [r["customer_id"] for r in a.referrals] == ["B"]
    assert [(y["year"], y["revenue"]) for y in a.to_dict()["years"]] == [
        (2023, 100.0),
        (2024, 300.0),
    ]
    assert a.orders_total == 2 and a.orders["order_id"].to_list() == ["o2", "o1"]
    b = snapshots.customer_detail(db, customer_id="Ｂ")  # full-width, as Chinese keyboards type
    assert b.referred_by == "A" and b.customer["revenue"] == 100.0
    c = snapshots.customer_detail(db, customer_id="C")
    assert c.customer["orders"] == 0 and c.orders_total == 0
    with pytest.raises(NotFoundError):
        snapshots.customer_detail(db, customer_id="Z")
    json_ready(a.to_dict())


def test_a_new_snapshot_replaces_the_old_at_once(db: Database) -> None:
    _tiny(db)
    first = snapshots.refresh(db, now=NOW)
    second = snapshots.refresh(db, now=NOW)
    assert second.snapshot_id != first.snapshot_id
    states = dict(db.fetchall("SELECT snapshot_id, state FROM snapshots"))
    assert states == {first.snapshot_id: "superseded", second.snapshot_id: "ready"}
    held = db.fetchall("SELECT DISTINCT snapshot_id FROM snapshot_customers")
    assert held == [(second.snapshot_id,)]


def test_a_failed_refresh_leaves_the_previous_snapshot_ready(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tiny(db)
    first = snapshots.refresh(db, now=NOW)
    real = db.insert_frame

    def failing(table: str, frame: pl.DataFrame) -> int:
        if table == "snapshot_years":
            raise RuntimeError("disk full")
        return real(table, frame)

    monkeypatch.setattr(db, "insert_frame", failing)
    with pytest.raises(RuntimeError):
        snapshots.refresh(db, now=NOW)
    assert snapshots.freshness(db).snapshot_id == first.snapshot_id
    assert db.scalar("SELECT count(*) FROM snapshots") == 1
    assert db.scalar("SELECT count(*) FROM snapshot_customers") == 3


def test_freshness_counts_the_imports_since(db: Database) -> None:
    _tiny(db)
    snapshots.refresh(db, now=NOW)
    assert not snapshots.freshness(db).stale
    import_frames(
        db,
        {
            "orders": pl.DataFrame(
                {
                    "order_id": ["o9"],
                    "customer_id": ["C"],
                    "date": ["2025-01-01"],
                    "amount": ["10.00"],
                }
            )
        },
        source="later",
    )
    fresh = snapshots.freshness(db)
    assert fresh.stale and fresh.imports_since == 1
    snapshots.refresh(db, now=NOW)
    assert not snapshots.freshness(db).stale


def test_a_served_duckdb_stamp_is_kept_until_the_store_changes(tmp_path: Path) -> None:
    """A workbench's DuckDB file is the server's alone, so its stamp is read again only
    after a change (by any connection of the process), never kept past one."""
    from custvalue.data.db import connect

    path = str(tmp_path / "served.db")
    with connect(path) as reader, connect(path) as writer:
        reader.exclusive = True
        _tiny(writer)
        snapshots.refresh(writer, now=NOW)
        first = snapshots.freshness(reader)
        assert first.exists and not first.stale
        assert snapshots.freshness(reader) is first  # unchanged store: the same answer
        import_frames(
            writer,
            {
                "orders": pl.DataFrame(
                    {"order_id": ["o9"], "customer_id": ["C"], "date": ["2025-01-01"],
                     "amount": ["10.00"]}
                )
            },
            source="later",
        )  # fmt: skip
        after = snapshots.freshness(reader)
        assert after is not first and after.stale and after.imports_since == 1
        reader.exclusive = False  # another process may write: read every time
        assert reader.generation is None
        assert snapshots.freshness(reader) is not snapshots.freshness(reader)


def test_a_customer_page_reads_the_referrer_and_the_referrals(db: Database) -> None:
    _tiny(db)
    snapshots.refresh(db, now=NOW)
    a = snapshots.customer_detail(db, customer_id="a", orders_limit=1)  # case folded
    assert a.customer["customer_id"] == "A" and a.referred_by is None
    assert [r["customer_id"] for r in a.referrals] == ["B"]
    assert a.orders_total == 2 and a.orders.height == 1
    assert "referred_by__" not in a.customer and "total__" not in a.orders.columns
    b = snapshots.customer_detail(db, customer_id="Ｂ")  # full width, by the import rule
    assert b.referred_by == "A" and b.referrals == [] and b.orders_total == 2
    c = snapshots.customer_detail(db, customer_id="C")
    assert c.orders_total == 0 and c.orders.height == 0 and c.referrals == []


@pytest.mark.parametrize(
    ("sort", "descending"),
    [
        ("sustained_value", True),
        ("orders", False),  # many ties
        ("last_order", True),
        ("p_alive", True),  # all null before a CLV run
        ("customer_id", False),
        ("customer_id", True),
    ],
)
def test_keyset_pages_visit_every_customer_once(
    demo_db: Database, sort: str, descending: bool
) -> None:
    snapshots.refresh(demo_db, now=NOW)
    seen: list[str] = []
    after = None
    while True:
        page = snapshots.customer_list(
            demo_db, sort=sort, descending=descending, limit=17, after=after
        )
        seen += page.customers["customer_id"].to_list()
        after = page.next_after
        if after is None:
            break
    assert len(seen) == len(set(seen)) == 200
    whole = snapshots.customer_list(demo_db, sort=sort, descending=descending, limit=200)
    assert whole.customers["customer_id"].to_list() == seen


def test_filters_and_search(db: Database) -> None:
    _tiny(db)
    snapshots.refresh(db, now=NOW)
    assert snapshots.customer_list(db, search="乙").customers["customer_id"].to_list() == ["B"]
    assert snapshots.customer_list(db, search="gam").customers["customer_id"].to_list() == ["C"]
    assert snapshots.customer_list(db, search="%").total == 0  # a wildcard is a character
    every = snapshots.customer_list(db, limit=10).customers
    for tier in set(every["tier"].to_list()):
        page = snapshots.customer_list(db, tier=tier)
        assert page.total == every.filter(pl.col("tier") == tier).height == page.customers.height


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"sort": "password"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"tier": "diamond"}, "tier"),
        ({"segment": "nobody"}, "segment"),
        ({"klass": "vip"}, "class"),
        ({"after": "not json"}, "after"),
        ({"after": '[{"x": 1}, "A"]'}, "after"),
    ],
)
def test_bad_list_options_are_refused_by_name(
    db: Database, options: dict[str, object], named: str
) -> None:
    _tiny(db)
    snapshots.refresh(db, now=NOW)
    with pytest.raises(DataValidationError) as caught:
        snapshots.customer_list(db, **options)  # type: ignore[arg-type]
    assert named in str(caught.value.to_dict())


def test_the_job_runner_reports_progress_and_refuses_parameters(db: Database) -> None:
    _tiny(db)
    seen: list[float] = []
    result = snapshots.run_refresh_job(db, {}, seen.append)
    assert result["customers"] == 3 and seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    with pytest.raises(DataValidationError):
        snapshots.run_refresh_job(db, {"as_of": "2024-01-01"}, seen.append)

"""Loyalty stages, types and views: every rule by hand, the ladder never going down
as a customer does more (hypothesis), the rules file checked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.loyalty import (
    STAGES,
    StageRules,
    false_loyalty,
    load_rules,
    loyalty_stages,
    loyalty_types,
    satisfied_at_risk,
    silent_promoters,
)

AS_OF = date(2024, 12, 31)


def _orders(pairs: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": [p[0] for p in pairs],
            "ordered_at": [date.fromisoformat(p[1]) for p in pairs],
        },
        schema={"customer_id": pl.String, "ordered_at": pl.Date},
    )


def test_each_stage_by_its_rule() -> None:
    customers = pl.DataFrame(
        {
            "customer_id": ["S", "P", "F", "R", "C", "A", "B", "N"],
            "referred_by": [None, None, None, None, None, None, "A", "C"],
        }
    )
    orders = _orders(
        [
            ("F", "2024-05-01"),
            ("R", "2022-01-01"), ("R", "2022-03-01"),  # repeat, long ago: lapsed
            ("C", "2024-02-10"), ("C", "2024-05-10"), ("C", "2024-11-10"),  # 3 of 4 quarters
            ("A", "2024-01-05"), ("B", "2024-06-01"),  # A referred B, who bought
            ("N", "2024-06-01"),
        ]
    )  # fmt: skip
    surveyed = pl.DataFrame({"customer_id": ["P", "C"], "nps": [7, 10]})
    table = loyalty_stages(customers, orders, as_of=AS_OF, surveyed=surveyed)
    stage = dict(table.select("customer_id", "stage").rows())
    assert stage == {
        "S": "suspect", "P": "prospect", "F": "first_time", "R": "repeat",
        "C": "advocate",  # a promoter who referred N (N bought, too)
        "A": "advocate", "B": "first_time", "N": "first_time",
    }  # fmt: skip
    lapsed = dict(table.select("customer_id", "lapsed").rows())
    assert lapsed["R"] and not lapsed["F"] and not lapsed["S"]
    stricter = loyalty_stages(
        customers, orders, as_of=AS_OF, surveyed=surveyed,
        rules=StageRules(referred_buyers=2, promoter_score=11),
    )  # fmt: skip
    assert dict(stricter.select("customer_id", "stage").rows())["C"] == "client"
    assert dict(stricter.select("customer_id", "stage").rows())["A"] == "first_time"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 700), min_size=0, max_size=12), st.integers(0, 700))
def test_one_more_order_never_lowers_the_stage(days: list[int], extra: int) -> None:
    customers = pl.DataFrame({"customer_id": ["X"]})
    before = _orders([("X", (AS_OF - timedelta(days=d)).isoformat()) for d in days])
    after = pl.concat([before, _orders([("X", (AS_OF - timedelta(days=extra)).isoformat())])])
    rank = {s: i for i, s in enumerate(STAGES)}
    a = loyalty_stages(customers, before, as_of=AS_OF)["stage"][0]
    b = loyalty_stages(customers, after, as_of=AS_OF)["stage"][0]
    assert rank[b] >= rank[a]


def test_types_views_and_their_order() -> None:
    frame = pl.DataFrame(
        {
            "customer_id": ["t", "l", "s", "n", "u"],
            "attitude": [10.0, 9.0, 4.0, 3.0, None],
            "patronage": [0.8, 0.1, 0.9, 0.2, 0.9],
            "p_alive": [0.9, 0.3, 0.95, 0.1, 0.2],
            "nps": [10.0, 9.0, 4.0, 3.0, None],
            "referred": [2, 0, 0, 0, 0],
            "value": [5.0, 50.0, 80.0, 1.0, 9.0],
        }
    )
    typed = loyalty_types(frame)
    assert typed["loyalty_type"].to_list() == ["true", "latent", "spurious", "none", "unknown"]
    assert false_loyalty(typed)["customer_id"].to_list() == ["s"]
    assert satisfied_at_risk(typed)["customer_id"].to_list() == ["l"]
    assert silent_promoters(typed)["customer_id"].to_list() == ["l"]
    falling = typed.with_columns(pl.Series("expected_change", [-0.5, 0.0, 0.0, 0.0, 0.0]))
    assert satisfied_at_risk(falling)["customer_id"].to_list() == ["l", "t"]  # by value
    with pytest.raises(DataValidationError) as caught:
        loyalty_types(frame, attitude_high=11)
    assert caught.value.code == "validation.number_range"


def test_the_rules_file(tmp_path: Path) -> None:
    assert load_rules() == StageRules()
    good = tmp_path / "rules.toml"
    good.write_text(
        "[client]\nperiods = 12\nperiod_days = 30\nactive_periods = 6\n", encoding="utf-8"
    )
    assert load_rules(good).periods == 12 and load_rules(good).lapse_days == 365
    bad = tmp_path / "bad.toml"
    bad.write_text("[client]\nperiods = 'four'\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as value:
        load_rules(bad)
    assert value.value.code == "loyalty.bad_rule" and value.value.params["key"] == "periods"
    more = tmp_path / "more.toml"
    more.write_text("[client]\nperiods = 2\nactive_periods = 3\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as order:
        load_rules(more)
    assert order.value.code == "loyalty.bad_rule"
    broken = tmp_path / "broken.toml"
    broken.write_text("[client\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as syntax:
        load_rules(broken)
    assert syntax.value.code == "loyalty.rules_unreadable"
    with pytest.raises(DataValidationError) as missing:
        load_rules(tmp_path / "nowhere.toml")
    assert missing.value.code == "loyalty.rules_unreadable"


def test_total_value_by_hand() -> None:
    """Three customers; B has no CLV and no survey answer: scored on its three parts."""
    from custvalue.loyalty import total_value

    parts = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C"],
            "consumption": [300.0, 100.0, 200.0],
            "engagement": [5.0, 5.0, 1.0],
            "referral": [0.0, 50.0, 10.0],
            "future": [1000.0, None, 10.0],
            "satisfaction": [10.0, None, 3.0],
        }
    )
    result = total_value(parts)
    rows = {r["customer_id"]: r for r in result.customers.iter_rows(named=True)}
    # percentiles: consumption A 100, B 0, C 50; engagement A 75, B 75, C 0 (tie at mid-rank);
    # referral A 0, B 100, C 50; future A 100, C 0; satisfaction A 100, C 0
    assert rows["A"]["engagement"] == pytest.approx(75) and rows["C"]["engagement"] == 0
    assert rows["A"]["total"] == pytest.approx((100 + 75 + 0 + 100 + 100) / 5)
    assert rows["B"]["total"] == pytest.approx((0 + 75 + 100) / 3) and rows["B"]["parts"] == 3
    assert rows["C"]["total"] == pytest.approx((50 + 0 + 50 + 0 + 0) / 5)
    assert [r["customer_id"] for r in result.customers.iter_rows(named=True)] == ["A", "B", "C"]
    weighted = total_value(parts, weights={"consumption": 3, "future": 1})
    assert weighted.weights == {
        "consumption": 0.75,
        "engagement": 0,
        "referral": 0,
        "future": 0.25,
        "satisfaction": 0,
    }
    b = weighted.customers.filter(pl.col("customer_id") == "B").row(0, named=True)
    assert b["total"] == pytest.approx(0.0) and b["parts"] == 1  # its consumption alone
    minmax = total_value(parts, method="minmax")
    a = minmax.customers.filter(pl.col("customer_id") == "A").row(0, named=True)
    assert a["consumption"] == pytest.approx(100) and a["referral"] == pytest.approx(0)


def test_total_value_refusals() -> None:
    from custvalue.loyalty import total_value

    parts = pl.DataFrame({"customer_id": ["A"], "consumption": [1.0]})
    with pytest.raises(DataValidationError) as none:
        total_value(pl.DataFrame({"customer_id": ["A"]}))
    assert none.value.code == "loyalty.no_parts"
    with pytest.raises(DataValidationError) as unknown:
        total_value(parts, weights={"happiness": 1})
    assert unknown.value.code == "loyalty.unknown_part"
    with pytest.raises(DataValidationError) as zero:
        total_value(parts, weights={"consumption": 0})
    assert zero.value.code == "loyalty.no_weight"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1e6, 1e6), st.one_of(st.none(), st.floats(0, 10))),
        min_size=1,
        max_size=30,
    )
)
def test_total_value_stays_in_range(values: list[tuple[float, float | None]]) -> None:
    from custvalue.loyalty import total_value

    parts = pl.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(len(values))],
            "consumption": [v[0] for v in values],
            "satisfaction": [v[1] for v in values],
        },
        schema={"customer_id": pl.String, "consumption": pl.Float64, "satisfaction": pl.Float64},
    )
    table = total_value(parts).customers
    assert table["total"].is_between(0, 100).all()
    assert (table["parts"] == 1 + table["satisfaction"].is_not_null().cast(pl.Int64)).all()


def test_a_part_nobody_has_stays_missing() -> None:
    from custvalue.loyalty import total_value

    parts = pl.DataFrame(
        {"customer_id": ["A", "B"], "consumption": [2.0, 1.0], "future": [None, None]},
        schema={"customer_id": pl.String, "consumption": pl.Float64, "future": pl.Float64},
    )
    table = total_value(parts).customers
    assert table["future"].null_count() == 2 and table["parts"].to_list() == [1, 1]
    assert table["total"].to_list() == [100.0, 0.0]


def test_a_satisfied_customer_who_complained_is_at_risk() -> None:
    import polars as pl

    from custvalue.loyalty import satisfied_at_risk

    frame = pl.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d"],
            "attitude": [9.0, 9.0, 9.0, 4.0],
            "p_alive": [0.9, 0.9, 0.2, 0.9],
            "complaints": [1, 0, 0, 3],
            "value": [10.0, 20.0, 30.0, 40.0],
        }
    )
    # a: satisfied and alive, but complained this year; c: falling away; d: not satisfied
    assert satisfied_at_risk(frame)["customer_id"].to_list() == ["c", "a"]
    assert satisfied_at_risk(frame.drop("complaints"))["customer_id"].to_list() == ["c"]

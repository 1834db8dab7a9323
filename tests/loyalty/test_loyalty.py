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

"""The win-back list: the lapse rule, bands, reasons and ranking by hand; the back-test
on past orders by hand; the list's invariants (hypothesis); every refusal."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.retention import LapseRule, winback_list

AS_OF = date(2024, 12, 31)


def _customers(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": [r[0] for r in rows],
            "last_order": [date.fromisoformat(r[1]) for r in rows],
            "former_value_cents": [r[2] for r in rows],
            "p_alive": [r[3] for r in rows],
            "complaints": [r[4] for r in rows],
            "satisfaction": [r[5] for r in rows],
        },
        schema={
            "customer_id": pl.String,
            "last_order": pl.Date,
            "former_value_cents": pl.Int64,
            "p_alive": pl.Float64,
            "complaints": pl.Int64,
            "satisfaction": pl.Float64,
        },
    )


CUSTOMERS = _customers(
    [
        # id, last order, former value, P(alive), complaints, satisfaction
        ("a", "2023-12-31", 1000, 0.5, 0, 5.0),  # 366 days: lapsed by days; low satisfaction
        ("b", "2024-01-01", 5000, 0.1, 2, 9.0),  # 365 days (not more): lapsed by P(alive)
        ("c", "2024-11-01", 800, None, 0, 8.0),  # 60 days, P(alive) unknown: not lapsed
        ("d", "2022-01-01", 2000, 0.2, None, None),  # both tests
        ("e", "2024-12-31", 300, 0.29, 0, 7.0),  # bought today, P(alive) 0.29 < 0.3
        ("f", "2020-01-01", -100, 0.9, 0, None),  # lapsed by days; a loss-making customer
    ]
)

HISTORY = pl.DataFrame(
    {
        "customer_id": ["x", "x", "y", "z", "z"],
        "ordered_at": [
            date(2019, 5, 1),
            date(2021, 3, 1),
            date(2019, 6, 1),
            date(2018, 1, 1),
            date(2019, 1, 2),
        ],
        "amount_cents": [100, 150, 200, 50, 60],
    }
)


def _column(frame: pl.DataFrame, name: str) -> dict[str, Any]:
    return dict(zip(frame["customer_id"].to_list(), frame[name].to_list(), strict=True))


def test_default_rule_bands_and_reasons_by_hand() -> None:
    result = winback_list(CUSTOMERS, as_of=AS_OF)
    frame = result.frame
    assert result.not_lapsed == 1  # c
    assert _column(frame, "lapsed_by") == {
        "a": "days",
        "b": "p_alive",
        "d": "both",
        "e": "p_alive",
        "f": "days",
    }
    assert _column(frame, "days_since_last_order") == {
        "a": 366,
        "b": 365,
        "d": 1095,
        "e": 0,
        "f": 1826,
    }
    # values ascending f −100, e 300, a 1000, d 2000, b 5000; q = (rank − 0.5) / 5:
    # 0.1, 0.3 low; 0.5 mid; 0.7, 0.9 high
    assert _column(frame, "value_band") == {
        "f": "low",
        "e": "low",
        "a": "mid",
        "d": "high",
        "b": "high",
    }
    # complaints first; then satisfaction below 7; 7.0 itself is not low; null is unknown
    assert _column(frame, "reason") == {
        "a": "low_satisfaction",
        "b": "complaints",
        "d": "unknown",
        "e": "unknown",
        "f": "unknown",
    }
    # no odds at all: ranked by former value, and it says so
    assert result.odds_source == "unknown"
    assert frame["customer_id"].to_list() == ["b", "d", "a", "e", "f"]
    assert frame["rank"].to_list() == [1, 2, 3, 4, 5]
    assert frame["odds"].null_count() == 5 and frame["expected_value_cents"].null_count() == 5
    assert set(frame["odds_source"].to_list()) == {"unknown"}


def test_default_odds() -> None:
    result = winback_list(CUSTOMERS, as_of=AS_OF, default_odds=0.2)
    assert result.odds_source == "default"
    # 5000 × 0.2, 2000 × 0.2, 1000 × 0.2, 300 × 0.2, −100 × 0.2
    assert _column(result.frame, "expected_value_cents") == {
        "b": 1000,
        "d": 400,
        "a": 200,
        "e": 60,
        "f": -20,
    }
    assert result.frame["customer_id"].to_list() == ["b", "d", "a", "e", "f"]


@pytest.mark.parametrize(
    ("rule", "listed"),
    [
        (LapseRule(combine="all"), {"d"}),
        (LapseRule(p_alive_below=None), {"a", "d", "f"}),
        (LapseRule(days=None), {"b", "d", "e"}),  # c's unknown P(alive) never passes
        (LapseRule(days=0, p_alive_below=None), {"a", "b", "c", "d", "f"}),  # e: 0 days
        (LapseRule(days=1000, p_alive_below=0.25), {"b", "d", "f"}),
    ],
)
def test_rules(rule: LapseRule, listed: set[str]) -> None:
    result = winback_list(CUSTOMERS, as_of=AS_OF, rule=rule)
    assert set(result.frame["customer_id"].to_list()) == listed
    assert result.not_lapsed == 6 - len(listed)


def test_backtest_by_hand() -> None:
    """Year-ends 2018 … 2023 (2024's year after is not over at as_of); lapsed = last order
    more than 365 days before the year-end; returned = an order in the year after.

    2018-12-31: z's last order 2018-01-01 is 364 days old: nobody lapsed.
    2019-12-31: x, y, z all bought in 2019: nobody.
    2020-12-31: x, y, z lapsed (values 100, 200, 110 → x low, z mid, y high); x came back
                on 2021-03-01: 1 of 3.
    2021-12-31: x bought on 2021-03-01 (305 days); y, z lapsed (z low, y high); 0 of 2.
    2022-12-31 and 2023-12-31: x (250), y (200), z (110) → z low, y mid, x high; 0 of 3.
    Bands: low x, z, z, z (1 back of 4); mid z, y, y (0 of 3); high y, y, x, x (0 of 4).
    """
    result = winback_list(CUSTOMERS, as_of=AS_OF, history=HISTORY, min_trials=4)
    assert result.checkpoints is not None and result.backtest is not None
    assert result.checkpoints["year_end"].to_list() == [date(y, 12, 31) for y in range(2018, 2024)]
    assert result.checkpoints["lapsed"].to_list() == [0, 0, 3, 2, 3, 3]
    assert result.checkpoints["returned"].to_list() == [0, 0, 1, 0, 0, 0]
    table = {r["band"]: (r["trials"], r["returned"]) for r in result.backtest.to_dicts()}
    assert table == {"low": (4, 1), "mid": (3, 0), "high": (4, 0), "all": (11, 1)}
    assert result.overall_return_rate == pytest.approx(1 / 11)
    assert (result.odds_source, result.backtest_days) == ("history", 365)
    # the list: low band (e, f) 1/4; mid (a) has 3 < 4 trials → the overall 1/11; high 0
    frame = result.frame
    assert _column(frame, "odds_source") == {
        "a": "history_overall",
        "b": "history_band",
        "d": "history_band",
        "e": "history_band",
        "f": "history_band",
    }
    # a 1000 / 11 = 90.9 → 91; e 300 / 4 = 75; b, d 0 (ties by value: b 5000 first); f −25
    assert _column(frame, "expected_value_cents") == {"a": 91, "e": 75, "b": 0, "d": 0, "f": -25}
    assert frame["customer_id"].to_list() == ["a", "e", "b", "d", "f"]
    json.dumps(result.to_dict(), allow_nan=False)


def test_too_few_trials_fall_back_to_the_default_or_to_unknown() -> None:
    fallback = winback_list(CUSTOMERS, as_of=AS_OF, history=HISTORY, default_odds=0.3)
    assert fallback.odds_source == "default"  # 11 trials < 20
    assert set(fallback.frame["odds"].to_list()) == {0.3}
    unknown = winback_list(CUSTOMERS, as_of=AS_OF, history=HISTORY)
    assert unknown.odds_source == "unknown"
    assert unknown.overall_return_rate == pytest.approx(1 / 11)  # shown, too thin to use


def test_backtest_days_for_a_rule_without_days() -> None:
    rule = LapseRule(days=None, p_alive_below=0.3)
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=AS_OF, rule=rule, history=HISTORY)
    assert info.value.code == "retention.backtest_needs_days"
    result = winback_list(CUSTOMERS, as_of=AS_OF, rule=rule, history=HISTORY, backtest_days=365)
    assert result.backtest_days == 365 and result.checkpoints is not None
    assert result.checkpoints["lapsed"].to_list() == [0, 0, 3, 2, 3, 3]


def test_optional_columns_and_datetimes() -> None:
    bare = CUSTOMERS.drop("complaints", "satisfaction").with_columns(
        pl.col("last_order").cast(pl.Datetime("ms"))
    )
    result = winback_list(bare, as_of=AS_OF)
    assert set(result.frame["reason"].to_list()) == {"unknown"}
    assert "complaints" not in result.frame.columns
    assert result.frame["last_order"].dtype == pl.Date
    json.dumps(result.to_dict(), allow_nan=False)


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2000),
            st.integers(-5000, 50_000),
            st.none() | st.floats(0, 1),
        ),
        min_size=1,
        max_size=25,
    ),
    st.none() | st.floats(0, 1),
    st.sampled_from(["any", "all"]),
)
def test_list_invariants(
    rows: list[tuple[int, int, float | None]], odds: float | None, combine: str
) -> None:
    frame = pl.DataFrame(
        {
            "customer_id": list(range(len(rows))),
            "last_order": [AS_OF - timedelta(days=r[0]) for r in rows],
            "former_value_cents": [r[1] for r in rows],
            "p_alive": [r[2] for r in rows],
        },
        schema={
            "customer_id": pl.Int64,
            "last_order": pl.Date,
            "former_value_cents": pl.Int64,
            "p_alive": pl.Float64,
        },
    )
    rule = LapseRule(combine=combine)  # type: ignore[arg-type]
    result = winback_list(frame, as_of=AS_OF, rule=rule, default_odds=odds)
    listed = set(result.frame["customer_id"].to_list())
    for i, (days, _, p) in enumerate(rows):
        tests = (days > 365, p is not None and p < 0.3)
        assert (i in listed) == (any(tests) if combine == "any" else all(tests))
    out = result.frame
    assert out["rank"].to_list() == list(range(1, out.height + 1))
    key = out["expected_value_cents"] if odds is not None else out["former_value_cents"]
    values = key.to_list()
    assert all(a >= b for a, b in zip(values, values[1:], strict=False))
    assert result.not_lapsed + out.height == len(rows)


# -- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda f: f.drop("p_alive"), "validation.missing_columns"),
        (lambda f: pl.concat([f, f.head(1)]), "validation.not_unique"),
        (lambda f: f.with_columns(pl.col("last_order").cast(pl.String)), "retention.not_dates"),
        (
            lambda f: f.with_columns(pl.col("former_value_cents").cast(pl.Float64)),
            "retention.not_whole_numbers",
        ),
        (lambda f: f.with_columns(pl.lit("high").alias("p_alive")), "retention.not_numbers"),
        (lambda f: f.with_columns(pl.col("p_alive") * 2), "retention.out_of_range"),
        (lambda f: f.with_columns(pl.col("satisfaction") + 5), "retention.out_of_range"),
        (lambda f: f.with_columns(pl.col("complaints") - 1), "retention.out_of_range"),
        (
            lambda f: f.with_columns(pl.lit(float("nan")).alias("p_alive")),
            "retention.out_of_range",
        ),
        (
            lambda f: f.with_columns(pl.lit(None, pl.Int64).alias("former_value_cents")),
            "retention.null_values",
        ),
        (
            lambda f: f.with_columns(pl.lit(None, pl.String).alias("customer_id")),
            "retention.null_values",
        ),
        (
            lambda f: f.with_columns(pl.col("last_order") + timedelta(days=400)),
            "retention.after_as_of",
        ),
    ],
)
def test_bad_customers(change: Any, code: str) -> None:
    with pytest.raises(DataValidationError) as info:
        winback_list(change(CUSTOMERS), as_of=AS_OF)
    assert info.value.code == code
    assert info.value.message("zh") != info.value.message("en")


def test_out_of_range_names_the_customer() -> None:
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS.with_columns(pl.col("p_alive") * 3), as_of=AS_OF)
    # a 1.5 and f 2.7 are out of range (b, d, e stay below 1; c is unknown)
    assert info.value.params["first"] == "a" and info.value.params["count"] == 2
    assert "0 ≤ p_alive ≤ 1" in info.value.message("en")


def test_bad_arguments() -> None:
    with pytest.raises(DataValidationError) as info:
        LapseRule(days=None, p_alive_below=None)
    assert info.value.code == "retention.empty_rule"
    with pytest.raises(DataValidationError) as info:
        LapseRule(combine="some")  # type: ignore[arg-type]
    assert info.value.code == "validation.choice"
    with pytest.raises(DataValidationError) as info:
        LapseRule(days=-1)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        LapseRule(p_alive_below=0)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=AS_OF, rule={"days": 365})  # type: ignore[arg-type]
    assert info.value.code == "retention.not_a_rule"
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=None)  # type: ignore[arg-type]
    assert info.value.code == "retention.bad_date"
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=AS_OF, default_odds=2)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=AS_OF, min_trials=0)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        winback_list(CUSTOMERS, as_of=AS_OF, history=HISTORY.drop("amount_cents"))
    assert info.value.code == "validation.missing_columns"

"""The doubling plan on a hand-made customer list."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from custvalue.exceptions import DataValidationError
from custvalue.referral import Goal, add_months, plan_progress
from tests.referral.helpers import customers

START = date(2026, 1, 1)
GOAL = Goal(START, 4, "quarter")  # double in a year: growth 2^(t/4) after quarter t
LIST = customers(
    ("A", date(2024, 5, 1), None),
    ("B", date(2025, 2, 1), None),
    ("C", date(2025, 6, 1), "A"),
    ("D", date(2025, 12, 31), None),
    ("E", date(2026, 2, 14), "C"),  # Q1, referred by a referred customer: generation 2
    ("F", date(2026, 3, 31), None),  # Q1
    ("G", date(2026, 5, 1), "E"),  # Q2, generation 3
    ("H", date(2026, 8, 1), "Z"),  # Q3, Z is not in the list: generation 1
    ("I", date(2027, 3, 1), "A"),  # after the plan
)


def test_period_by_period_against_the_geometric_path() -> None:
    progress = plan_progress(LIST, GOAL, as_of=date(2026, 9, 30))
    rows = progress.periods.select(
        "period",
        "start",
        "end",
        "status",
        "new",
        "referred",
        "cumulative",
        "on_track",
        "max_generation",
    ).rows()
    assert rows == [
        (1, date(2026, 1, 1), date(2026, 4, 1), "done", 2, 1, 6, True, 2),
        (2, date(2026, 4, 1), date(2026, 7, 1), "done", 1, 1, 7, True, 3),
        (3, date(2026, 7, 1), date(2026, 10, 1), "done", 1, 1, 8, True, 3),
        (4, date(2026, 10, 1), date(2027, 1, 1), "future", None, None, None, None, None),
    ]
    # base 4: growth 1.5, 1.75, 2.0 against 2^(1/4) = 1.1892, 2^(2/4) = 1.4142, 1.6818
    growth = progress.periods["growth"].to_list()
    assert growth[:3] == [1.5, 1.75, 2.0]
    required = progress.periods["required_growth"].to_list()
    assert required == pytest.approx([1.189207, 1.414214, 1.681793, 2.0], abs=1e-6)
    assert progress.periods["target_customers"][3] == pytest.approx(8.0)
    assert progress.periods["gap"][0] == pytest.approx(6 - 4 * 2**0.25)
    assert progress.periods["referred_share"].to_list()[:3] == [0.5, 1.0, 1.0]
    assert progress.base == 4 and progress.target == 8.0
    assert (progress.cumulative, progress.growth, progress.on_track) == (8, 2.0, True)


def test_off_track_when_growth_falls_below_the_path() -> None:
    slow = LIST.filter(~LIST["customer_id"].is_in(["G", "H"]))
    progress = plan_progress(slow, GOAL, as_of=date(2026, 9, 30))
    # 6 customers: 1.5 ≥ 1.4142 after Q2, 1.5 < 1.6818 after Q3
    assert progress.periods["on_track"].to_list() == [True, True, False, None]
    assert progress.on_track is False
    assert progress.periods["gap"][2] == pytest.approx(6 - 4 * 2**0.75)


def test_the_current_period_is_held_to_the_path_at_as_of() -> None:
    progress = plan_progress(LIST, GOAL, as_of=datetime(2026, 2, 14, 18, 0))
    first = progress.periods.row(0, named=True)
    # 45 of the quarter's 90 days: the path stands at 2^(0.5/4)
    assert (first["status"], first["new"], first["cumulative"]) == ("current", 1, 5)
    assert first["required_now"] == pytest.approx(2**0.125)
    assert progress.periods["status"].to_list() == ["current", "future", "future", "future"]
    assert progress.required_now == pytest.approx(2**0.125)
    assert progress.as_of == date(2026, 2, 14)


def test_before_the_start_nothing_is_counted_yet() -> None:
    progress = plan_progress(LIST, GOAL, as_of=date(2025, 12, 31))
    assert progress.periods["status"].to_list() == ["future"] * 4
    assert (progress.cumulative, progress.on_track) == (None, None)
    assert progress.base == 4


def test_referrers_and_generations() -> None:
    progress = plan_progress(LIST, GOAL, as_of=date(2026, 12, 31))
    assert progress.referrers.rows() == [
        ("C", 1, 1, 1),
        ("E", 1, 1, 2),
        ("Z", 1, 1, None),
        ("A", 0, 1, 0),
    ]
    assert progress.generations.rows() == [(0, 4, 1), (1, 2, 1), (2, 1, 1), (3, 1, 1)]
    assert progress.max_depth == 3


def test_the_default_as_of_is_the_latest_acquisition() -> None:
    progress = plan_progress(LIST, GOAL)
    assert progress.as_of == date(2027, 3, 1)
    assert progress.periods["status"].to_list() == ["done"] * 4
    assert progress.cumulative == 8  # I comes after the plan's last period


def test_months_from_the_31st_and_years() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 31), 14) == date(2027, 3, 31)
    bounds = Goal(date(2026, 1, 31), 3, "month").bounds()
    assert bounds == [
        (1, date(2026, 1, 31), date(2026, 2, 28)),
        (2, date(2026, 2, 28), date(2026, 3, 31)),
        (3, date(2026, 3, 31), date(2026, 4, 30)),
    ]
    assert Goal(START, 2, "year", factor=3).bounds()[1] == (2, date(2027, 1, 1), date(2028, 1, 1))
    assert Goal(datetime(2026, 1, 1, 8), 2, "year").start == START


def test_the_result_is_json_ready() -> None:
    out = plan_progress(LIST, GOAL, as_of=date(2026, 9, 30)).to_dict()
    text = json.dumps(out)
    assert '"start": "2026-01-01"' in text
    assert out["goal"] == {"start": "2026-01-01", "periods": 4, "unit": "quarter", "factor": 2.0}
    assert out["periods"][3]["cumulative"] is None


def test_a_plan_needs_a_base() -> None:
    with pytest.raises(DataValidationError) as err:
        plan_progress(customers(("A", date(2026, 2, 1), None)), GOAL)
    assert err.value.code == "referral.empty_base"
    assert "2026-01-01" in str(err.value)


def test_a_loop_of_referrals_is_refused() -> None:
    loop = customers(
        ("A", date(2025, 1, 1), "C"), ("B", date(2025, 1, 2), "A"), ("C", date(2025, 1, 3), "B")
    )
    with pytest.raises(DataValidationError) as err:
        plan_progress(loop, GOAL)
    assert err.value.code == "referral.referral_cycle"
    assert err.value.params["chain"] == "A → C → B → A"
    with pytest.raises(DataValidationError, match="referral.referral_cycle|loop") as err:
        plan_progress(customers(("A", date(2025, 1, 1), "A")), GOAL)
    assert err.value.params["chain"] == "A → A"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"periods": 0}, "validation.number_range"),
        ({"periods": 2.5}, "validation.not_whole"),
        ({"unit": "week"}, "validation.choice"),
        ({"factor": 1}, "validation.number_range"),
        ({"start": "2026-01-01"}, "referral.bad_start"),
    ],
)
def test_a_bad_goal_is_refused(options: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        Goal(**{"start": START, "periods": 4, **options})  # type: ignore[arg-type]
    assert err.value.code == code


def test_bad_customer_lists_are_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        plan_progress(LIST.drop("referred_by"), GOAL)
    assert err.value.code == "validation.missing_columns"
    with pytest.raises(DataValidationError) as err:
        plan_progress(customers(("A", None, None)), GOAL)  # type: ignore[arg-type]
    assert err.value.code == "referral.missing_value"
    with pytest.raises(DataValidationError) as err:
        plan_progress(customers(("A", date(2025, 1, 1), None), ("A", date(2025, 2, 1), None)), GOAL)
    assert err.value.code == "validation.not_unique"
    with pytest.raises(DataValidationError) as err:
        plan_progress(LIST, {"periods": 4})  # type: ignore[arg-type]
    assert err.value.code == "validation.choice"

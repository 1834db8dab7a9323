"""The retention simulator: a 3-year case by hand, the bucket's identities (hypothesis),
scenarios side by side, the seeds' two claims on given numbers, every refusal."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.retention import (
    Assumptions,
    churn_claim,
    compare,
    cost_ratio_claim,
    simulate,
)

HAND = Assumptions(
    starting_customers=100,
    retention=(0.5, 0.8),  # first-year customers keep 50 %, later years 80 %
    revenue_cents=(10_000, 20_000),  # ¥100 in the first year, ¥200 later
    margin_rate=0.5,
    new_customers=10,
    acquisition_cost_cents=1_000,
    service_cost_cents=1_000,
    referral_rate=0.1,
    referral_reward_cents=500,
    win_back_rate=0.2,
    win_back_cost_cents=2_000,
    discount_rate=0.1,
    years=3,
)


def test_three_years_by_hand() -> None:
    frame = simulate(HAND).frame
    rows = frame.to_dicts()
    # Year 1: 100 customers, all in their first year.
    #   revenue 100 × 10 000 = 1 000 000; margin × 0.5 = 500 000; service 100 × 1 000
    #   lost 100 × 0.5 = 50, retained 50 (now tenure 2); acquired 10; referred 0.1 × 100
    #   = 10; won back 0 (nobody lost before); end 50 + 10 + 10 = 70 (20 new, 50 tenure 2)
    #   spends: 10 × 1 000 + 100 000 + 10 × 500 = 115 000; profit 385 000; / 1.1 = 350 000
    one = rows[0]
    assert one["customers_start"] == 100 and one["lost"] == 50 and one["retained"] == 50
    assert (one["acquired"], one["referred"], one["won_back"]) == (10, 10, 0)
    assert one["customers_end"] == pytest.approx(70)
    assert (one["revenue_cents"], one["margin_cents"]) == (1_000_000, 500_000)
    assert (one["acquisition_cents"], one["retention_cents"], one["referral_cents"]) == (
        10_000,
        100_000,
        5_000,
    )
    assert (one["win_back_cents"], one["profit_cents"], one["discounted_profit_cents"]) == (
        0,
        385_000,
        350_000,
    )
    # Year 2: 20 first-year + 50 later = 70.
    #   revenue 20 × 10 000 + 50 × 20 000 = 1 200 000; margin 600 000; service 70 000
    #   lost 20 × 0.5 + 50 × 0.2 = 20; retained 10 + 40 = 50; referred 7; won back
    #   0.2 × 50 (lost in year 1) = 10 at 2 000 each; end 50 + 10 + 7 + 10 = 77
    #   profit 600 000 − 10 000 − 70 000 − 3 500 − 20 000 = 496 500; / 1.21 = 410 330.6
    two = rows[1]
    assert two["lost"] == pytest.approx(20) and two["won_back"] == pytest.approx(10)
    assert two["customers_end"] == pytest.approx(77)
    assert (two["revenue_cents"], two["margin_cents"], two["retention_cents"]) == (
        1_200_000,
        600_000,
        70_000,
    )
    assert (two["referral_cents"], two["win_back_cents"]) == (3_500, 20_000)
    assert (two["profit_cents"], two["discounted_profit_cents"]) == (496_500, 410_331)
    # Year 3: 27 first-year + 50 later = 77.
    #   revenue 270 000 + 1 000 000 = 1 270 000; margin 635 000; service 77 000
    #   lost 13.5 + 10 = 23.5; retained 53.5; referred 7.7; won back 0.2 × 20 = 4
    #   end 53.5 + 10 + 7.7 + 4 = 75.2
    #   profit 635 000 − 10 000 − 77 000 − 3 850 − 8 000 = 536 150; / 1.331 = 402 817.4
    three = rows[2]
    assert three["lost"] == pytest.approx(23.5) and three["referred"] == pytest.approx(7.7)
    assert three["customers_end"] == pytest.approx(75.2)
    assert (three["profit_cents"], three["discounted_profit_cents"]) == (536_150, 402_817)
    # cumulative: 385 000 + 496 500 + 536 150; NPV 350 000 + 410 331 + 402 817
    assert three["cumulative_profit_cents"] == 1_417_650
    assert three["cumulative_discounted_cents"] == 1_163_148
    projection = simulate(HAND)
    assert (projection.profit_cents, projection.npv_cents) == (1_417_650, 1_163_148)


def test_the_bucket_frame() -> None:
    bucket = simulate(HAND).bucket
    year_two = {
        r["part"]: (r["direction"], r["customers"]) for r in bucket.to_dicts() if r["year"] == 2
    }
    assert year_two == {
        "acquired": ("in", 10.0),
        "referred": ("in", pytest.approx(7.0)),
        "won_back": ("in", pytest.approx(10.0)),
        "lost": ("out", pytest.approx(20.0)),
        "level": ("level", pytest.approx(77.0)),
    }
    assert bucket.height == 3 * 5


def test_starting_customers_by_tenure() -> None:
    # 50 in their first year (keep 50 %), 50 later (keep 80 %): lost 25 + 10 = 35
    inputs = Assumptions(
        starting_customers=(50, 50), retention=(0.5, 0.8), revenue_cents=100, margin_rate=1, years=1
    )
    row = simulate(inputs).frame.to_dicts()[0]
    assert row["lost"] == pytest.approx(35) and row["customers_end"] == pytest.approx(65)


def test_to_dict_is_json() -> None:
    out = simulate(HAND).to_dict()
    json.dumps(out, allow_nan=False)
    assert out["assumptions"]["retention"] == [0.5, 0.8]
    assert out["totals"]["npv_cents"] == 1_163_148 and len(out["years"]) == 3
    assert out["totals"]["won_back"] == pytest.approx(14.0)  # 0 + 10 + 4


# -- the identities ----------------------------------------------------------------------

rates = st.floats(0, 1)
cents = st.integers(0, 1_000_000)
by_tenure_rates = rates | st.lists(rates, min_size=1, max_size=5)
by_tenure_cents = cents | st.lists(cents, min_size=1, max_size=5)


@st.composite
def assumptions(draw: st.DrawFn, /, **fixed: Any) -> Assumptions:
    values: dict[str, Any] = {
        "starting_customers": draw(
            st.floats(0, 10_000) | st.lists(st.floats(0, 5_000), min_size=1, max_size=4)
        ),
        "retention": draw(by_tenure_rates),
        "revenue_cents": draw(by_tenure_cents),
        "margin_rate": draw(rates),
        "new_customers": draw(st.floats(0, 1_000)),
        "acquisition_cost_cents": draw(cents),
        "service_cost_cents": draw(by_tenure_cents),
        "referral_rate": draw(st.floats(0, 0.3)),
        "referral_reward_cents": draw(cents),
        "win_back_rate": draw(rates),
        "win_back_cost_cents": draw(cents),
        "discount_rate": draw(st.floats(0, 0.5)),
        "years": draw(st.integers(1, 15)),
    }
    return Assumptions(**(values | fixed))


@given(assumptions())
def test_each_year_balances(inputs: Assumptions) -> None:
    rows = simulate(inputs).frame.to_dicts()
    for before, row in zip([None, *rows], rows, strict=False):
        inflow = row["acquired"] + row["referred"] + row["won_back"]
        end = row["customers_start"] - row["lost"] + inflow
        assert row["customers_end"] == pytest.approx(end, rel=1e-9, abs=1e-6)
        assert row["retained"] == pytest.approx(row["customers_start"] - row["lost"], abs=1e-6)
        spends = (
            row["acquisition_cents"]
            + row["retention_cents"]
            + row["referral_cents"]
            + row["win_back_cents"]
        )
        assert row["profit_cents"] == row["margin_cents"] - spends
        assert min(row["lost"], row["retained"], row["customers_end"]) >= 0
        if before is not None:
            assert row["customers_start"] == before["customers_end"]
            assert row["won_back"] == pytest.approx(inputs.win_back_rate * before["lost"])
            assert row["cumulative_profit_cents"] == (
                before["cumulative_profit_cents"] + row["profit_cents"]
            )


@given(assumptions(retention=1.0, new_customers=0, referral_rate=0, win_back_rate=0))
def test_no_churn_and_no_inflow_keeps_the_base(inputs: Assumptions) -> None:
    frame = simulate(inputs).frame
    start = frame["customers_start"][0]
    assert frame["customers_end"].to_list() == pytest.approx([start] * inputs.years)
    assert frame["lost"].to_list() == [0.0] * inputs.years


@given(assumptions(retention=0.0, new_customers=0, referral_rate=0, win_back_rate=0))
def test_no_retention_and_no_inflow_empties_the_base_in_one_year(inputs: Assumptions) -> None:
    frame = simulate(inputs).frame
    assert frame["lost"][0] == pytest.approx(frame["customers_start"][0])
    assert frame["customers_end"].to_list() == [0.0] * inputs.years


@given(assumptions(retention=0.0, starting_customers=0, referral_rate=0), st.floats(0.5, 500))
def test_doubling_acquisition_without_retention_doubles_the_inflow(
    inputs: Assumptions, new: float
) -> None:
    once = simulate(Assumptions(**(vars(inputs) | {"new_customers": new}))).frame
    twice = simulate(Assumptions(**(vars(inputs) | {"new_customers": 2 * new}))).frame
    for column in ("customers_end", "acquired", "won_back", "customers_start", "lost"):
        assert twice[column].to_list() == pytest.approx([2 * v for v in once[column]], rel=1e-9)
    for column in ("revenue_cents", "acquisition_cents", "win_back_cents"):  # ±1 cent rounding
        for a, b in zip(once[column], twice[column], strict=True):
            assert abs(b - 2 * a) <= 1


@settings(max_examples=60)
@given(assumptions(win_back_rate=0), st.lists(st.floats(0, 1), min_size=1, max_size=5))
def test_higher_retention_never_leaves_fewer_customers(
    inputs: Assumptions, extra: list[float]
) -> None:
    """Without win-back: each tenure group is a monotone function of last year's groups
    and of the retention rates, so raising any rate raises (or keeps) every group."""
    size = max(inputs.tenures(), len(extra))
    low = inputs.by_tenure("retention", size)
    high = tuple(min(1.0, r + e) for r, e in zip(low, [*extra, *[extra[-1]] * size], strict=False))
    base = simulate(inputs).frame["customers_end"].to_list()
    better = simulate(Assumptions(**(vars(inputs) | {"retention": high}))).frame
    for a, b in zip(base, better["customers_end"].to_list(), strict=True):
        assert b >= a - 1e-9 * max(1.0, a)


def test_with_win_back_higher_retention_can_leave_fewer_customers() -> None:
    """Why the monotonicity above is stated without win-back: with every lost customer
    won back a year later, retention 0 alternates 100, 0, 100, …, while retention 0.1
    ends year 2 with 10 × 0.1 retained + the 90 lost in year 1 = 91."""
    inputs = Assumptions(
        starting_customers=100, retention=0.0, revenue_cents=0, margin_rate=1, win_back_rate=1
    )
    none = simulate(Assumptions(**(vars(inputs) | {"years": 2}))).frame["customers_end"]
    some = simulate(Assumptions(**(vars(inputs) | {"years": 2, "retention": 0.1}))).frame
    assert none.to_list() == [0.0, 100.0]
    assert some["customers_end"].to_list() == pytest.approx([10.0, 91.0])


# -- scenarios ---------------------------------------------------------------------------


def test_compare_side_by_side() -> None:
    result = compare(HAND, retention=0.9, years=3)
    money = {r["metric"]: r for r in result.money.to_dicts()}
    profit = money["profit_cents"]
    assert profit["base_cents"] == 1_417_650
    assert profit["difference_cents"] == profit["scenario_cents"] - 1_417_650
    assert profit["difference_pct"] == pytest.approx(profit["difference_cents"] / 1_417_650 * 100)
    assert money["acquisition_cents"]["difference_cents"] == 0
    assert money["acquisition_cents"]["difference_pct"] == 0.0
    # year 1 only differs in the customers left: 100 × 0.9 + 20 = 110 instead of 70
    years = result.years.to_dicts()
    assert years[0]["difference_profit_cents"] == 0
    assert years[0]["difference_customers_end"] == pytest.approx(40)
    people = {r["metric"]: r for r in result.customers.to_dicts()}
    assert people["won_back"]["base"] == pytest.approx(14.0)
    assert result.changes == {"retention": 0.9, "years": 3}
    json.dumps(result.to_dict(), allow_nan=False)


def test_compare_with_a_zero_base_has_no_percentage() -> None:
    result = compare(HAND, win_back_rate=0.0)
    money = {r["metric"]: r for r in result.money.to_dicts()}
    assert money["win_back_cents"]["base_cents"] == 28_000  # 20 000 + 8 000
    flipped = compare(HAND.__class__(**(vars(HAND) | {"win_back_rate": 0})), win_back_rate=0.2)
    back = {r["metric"]: r for r in flipped.money.to_dicts()}["win_back_cents"]
    assert back["base_cents"] == 0 and back["difference_pct"] is None


# -- the claims --------------------------------------------------------------------------


def _claim_case(acquisition_cost: int, discount: float = 0.0) -> Assumptions:
    return Assumptions(
        starting_customers=100,
        retention=0.6,
        revenue_cents=1_000,
        margin_rate=1,
        new_customers=10,
        acquisition_cost_cents=acquisition_cost,
        discount_rate=discount,
        years=2,
    )


@pytest.mark.parametrize(
    ("cost", "uplift", "verdict"),
    [
        # base: year 1 100 × 1 000 = 100 000; year 2 (60 + 10) × 1 000 = 70 000; minus 20 ×
        # the acquisition cost. With retention 0.65: year 2 is (65 + 10) × 1 000 = 75 000.
        (0, 5_000 / 170_000 * 100, "below"),  # 170 000 → 175 000: +2.9 %
        (8_000, 50.0, "inside"),  # 10 000 → 15 000
        (8_400, 250.0, "above"),  # 2 000 → 7 000
        (8_500, None, "undefined"),  # 0: no profit to raise by a percentage
    ],
)
def test_churn_claim_on_given_numbers(cost: int, uplift: float | None, verdict: str) -> None:
    claim = churn_claim(_claim_case(cost))
    assert claim.verdict == verdict
    if uplift is None:
        assert claim.profit_uplift_pct is None and claim.npv_uplift_pct is None
    else:
        assert claim.profit_uplift_pct == pytest.approx(uplift)
        assert claim.npv_uplift_pct == pytest.approx(uplift)  # no discounting
    assert claim.sentence_key == f"retention.claim_{verdict}"
    assert claim.comparison.scenario.assumptions.retention == pytest.approx(0.65)
    assert claim.sentence("zh") != claim.sentence("en")
    json.dumps(claim.to_dict(), allow_nan=False)


def test_churn_claim_sentence_and_npv() -> None:
    claim = churn_claim(_claim_case(8_000, discount=0.1))
    # profit: 10 000 → 15 000 (+50 %); NPV: 20 000 / 1.1 − 10 000 / 1.21 = 18 182 − 8 264
    # = 9 918 → 18 182 − 5 000 / 1.21 = 18 182 − 4 132 = 14 050: +41.7 %
    assert claim.npv_uplift_pct == pytest.approx(4_132 / 9_918 * 100)
    assert claim.sentence() == (
        "On your numbers, 5 points less churn raise profit over 2 years by 50.0 % "
        "(NPV: 41.7 %): inside the claimed 25–85 %."
    )


def test_churn_claim_caps_retention_at_one() -> None:
    inputs = Assumptions(
        starting_customers=10, retention=(0.98, 1.0, 0.5), revenue_cents=1, margin_rate=1
    )
    claim = churn_claim(inputs, points=10)
    assert claim.comparison.scenario.assumptions.retention == pytest.approx((1.0, 1.0, 0.6))
    assert claim.points == 10


@pytest.mark.parametrize(
    ("acquisition", "keeping", "ratio", "verdict"),
    [
        (5_000, 1_000, 5.0, "inside"),
        (8_000, 1_000, 8.0, "inside"),
        (4_000, 1_000, 4.0, "below"),
        (9_000, 1_000, 9.0, "above"),
        (5_000, 0, None, "undefined"),
    ],
)
def test_cost_ratio_claim(
    acquisition: int, keeping: int, ratio: float | None, verdict: str
) -> None:
    result = cost_ratio_claim(acquisition, keeping)
    assert (result.ratio, result.verdict) == (ratio, verdict)
    assert result.sentence_key == f"retention.ratio_{verdict}"
    assert result.sentence("zh") != result.sentence("en")
    json.dumps(result.to_dict(), allow_nan=False)


# -- refusals ----------------------------------------------------------------------------


def _with(**changes: Any) -> Assumptions:
    return Assumptions(**(vars(HAND) | changes))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"retention": 1.2}, "validation.number_range"),
        ({"retention": -0.1}, "validation.number_range"),
        ({"retention": (0.5, 1.5)}, "validation.number_range"),
        ({"retention": "high"}, "validation.not_a_number"),
        ({"retention": ("a",)}, "validation.not_a_number"),
        ({"retention": ()}, "retention.bad_length"),
        ({"retention": [0.5] * 51}, "retention.bad_length"),
        ({"margin_rate": 1.01}, "validation.number_range"),
        ({"referral_rate": 2}, "validation.number_range"),
        ({"win_back_rate": -1}, "validation.number_range"),
        ({"discount_rate": 1.5}, "validation.number_range"),
        ({"years": 0}, "validation.number_range"),
        ({"years": 51}, "validation.number_range"),
        ({"years": 2.5}, "validation.not_whole"),
        ({"acquisition_cost_cents": -1}, "validation.number_range"),
        ({"acquisition_cost_cents": 10.5}, "validation.not_whole"),
        ({"revenue_cents": (100, -5)}, "validation.number_range"),
        ({"service_cost_cents": -3}, "validation.number_range"),
        ({"starting_customers": -1}, "validation.number_range"),
        ({"starting_customers": float("nan")}, "validation.not_a_number"),
        ({"new_customers": True}, "validation.not_a_number"),
        ({"referral_reward_cents": -1}, "validation.number_range"),
        ({"win_back_cost_cents": None}, "validation.not_a_number"),
    ],
)
def test_bad_assumptions(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(DataValidationError) as info:
        _with(**changes)
    assert info.value.code == code
    assert info.value.message("zh") != info.value.message("en")


def test_other_refusals() -> None:
    with pytest.raises(DataValidationError) as info:
        simulate({"retention": 0.8})  # type: ignore[arg-type]
    assert info.value.code == "retention.not_assumptions"
    with pytest.raises(DataValidationError) as info:
        compare(HAND, churn=0.1)
    assert info.value.code == "retention.unknown_assumption"
    assert "win_back_rate" in info.value.message("en")
    with pytest.raises(DataValidationError) as info:
        compare(HAND, retention=1.5)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        churn_claim(HAND, points=0)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        cost_ratio_claim(-1, 100)
    assert info.value.code == "validation.number_range"
    with pytest.raises(DataValidationError) as info:
        cost_ratio_claim(100, 1.5)  # type: ignore[arg-type]
    assert info.value.code == "validation.not_whole"


def test_money_too_large_to_count() -> None:
    # retention 1 and one referral per customer a year: the base doubles every year,
    # 10¹² customers × 10¹² cents × 2⁴⁹ is far past 64-bit cents
    inputs = Assumptions(
        starting_customers=1e12,
        retention=1,
        revenue_cents=10**12,
        margin_rate=1,
        referral_rate=1,
        years=50,
    )
    with pytest.raises(DataValidationError) as info:
        simulate(inputs)
    assert info.value.code == "retention.overflow"

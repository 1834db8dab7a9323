"""Value map, head-to-head, win/loss, key events, what/who and trend, by hand."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.cva.events import key_events
from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import quality_profile
from custvalue.cva.survey import Survey
from custvalue.cva.trend import trend
from custvalue.cva.valuemap import place, relative_prices, value_map
from custvalue.cva.whatwho import what_who
from custvalue.cva.winloss import win_loss
from custvalue.exceptions import DataValidationError
from tests.cva import handmade

APPROX = pytest.approx

# Pairwise overall quality ratios (ratio method), raters who know both:
#   A/B 1.54, A/C 1.6 (from test_profile), B/A (60·5/7 + 40·4/7)/100 = 0.657142…,
#   C/A (60·0.5 + 40·1)/100 = 0.7, B/C (60·2 + 40·0.25)/100 = 1.3, C/B (60·0.5 + 40·4)/100 = 1.9
QUALITY = {
    "A": 100 * (1.54 + 1.6) / 2,
    "B": 100 * ((60 * 5 / 7 + 40 * 4 / 7) / 100 + 1.3) / 2,
    "C": 100 * (0.7 + 1.9) / 2,
}
# market prices A 110, B 100, C 90 against the others' mean
PRICE = {"A": 100 * 110 / 95, "B": 100 * 100 / 100, "C": 100 * 90 / 105}


def _points(vm: object) -> dict[str, dict[str, object]]:
    return {r["competitor"]: r for r in vm.points.to_dicts()}  # type: ignore[attr-defined]


def test_value_map_diagonal() -> None:
    vm = value_map(handmade.survey())
    assert vm.price_source == "market" and (vm.slope, vm.intercept) == (1.0, 0.0)
    pts = _points(vm)
    for c in "ABC":
        assert pts[c]["relative_quality"] == APPROX(QUALITY[c])
        assert pts[c]["relative_price"] == APPROX(PRICE[c])
        assert pts[c]["value_advantage"] == APPROX(QUALITY[c] - PRICE[c])
    assert {c: pts[c]["zone"] for c in "ABC"} == {"A": "better", "B": "worse", "C": "better"}
    assert pts["A"]["is_us"] and not pts["B"]["is_us"]


def test_value_map_market_price_reference_and_rounded_ratios() -> None:
    # against the market mean, A included: (110 + 100 + 90) / 3 = 100
    pts = _points(value_map(handmade.survey(), price_reference="market"))
    assert {c: pts[c]["relative_price"] for c in "ABC"} == {
        "A": APPROX(110.0),
        "B": APPROX(100.0),
        "C": APPROX(90.0),
    }
    assert pts["A"]["relative_quality"] == APPROX(QUALITY["A"])  # quality axis unchanged
    # ratio_digits=1 rounds each pair's per-attribute ratios before weighting:
    # B/A q1 5/7 → 0.7, q2 4/7 → 0.6: (60·0.7 + 40·0.6)/100 = 0.66; B/C 2 and 0.25 → 0.3:
    # (60·2 + 40·0.3)/100 = 1.32 (half-up: 0.25 → 0.3)
    rounded = _points(value_map(handmade.survey(), ratio_digits=1))
    assert rounded["B"]["relative_quality"] == APPROX(100 * (0.66 + 1.32) / 2)
    assert rounded["B"]["relative_price"] == APPROX(PRICE["B"])  # market prices: no ratios


def test_place_draws_the_map_of_given_indexes() -> None:
    vm = place({"X": 120.0, "Y": 90.0, "Z": 100.0}, {"X": 110.0, "Y": 95.0}, us="Y")
    assert vm.points["competitor"].to_list() == ["X", "Y"]  # Z has no price: left out
    pts = _points(vm)
    assert pts["X"]["value_advantage"] == APPROX(10.0) and pts["X"]["zone"] == "better"
    assert pts["Y"]["value_advantage"] == APPROX(-5.0) and pts["Y"]["is_us"]
    assert (vm.price_source, vm.method, vm.baseline) == ("given", None, None)
    imp = place({"X": 120.0, "Y": 90.0}, {"X": 110.0, "Y": 95.0}, line="importance",
                quality_weight=0.8, distance="perpendicular")  # fmt: skip
    # slope 0.25, through (100, 100): X's fair quality 102.5, (120 − 102.5) / √1.0625
    assert _points(imp)["X"]["value_advantage"] == APPROX(17.5 / math.sqrt(1.0625))


def test_relative_prices_share_weighted() -> None:
    prices, share = {"A": 110.0, "B": 100.0, "C": 90.0}, {"A": 0.5, "B": 0.3, "C": 0.2}
    others = relative_prices(prices, share=share)
    assert others["A"] == APPROX(100 * 110 / ((0.3 * 100 + 0.2 * 90) / 0.5))
    market = relative_prices(prices, reference="market", share=share)
    assert market["C"] == APPROX(100 * 90 / (0.5 * 110 + 0.3 * 100 + 0.2 * 90))


def test_value_map_fitted_importance_perpendicular() -> None:
    fitted = value_map(handmade.survey(), line="fitted")
    p = [PRICE[c] for c in "ABC"]
    q = [QUALITY[c] for c in "ABC"]
    pm, qm = sum(p) / 3, sum(q) / 3
    slope = sum((x - pm) * (y - qm) for x, y in zip(p, q, strict=True)) / sum(
        (x - pm) ** 2 for x in p
    )
    assert fitted.slope == APPROX(slope)
    assert fitted.intercept == APPROX(qm - slope * pm)
    values = fitted.points["value_advantage"]
    assert float(values.sum()) == APPROX(0.0, abs=1e-9)  # least-squares residuals
    imp = value_map(
        handmade.survey(), line="importance", quality_weight=0.6, distance="perpendicular"
    )
    s = 0.4 / 0.6
    pts = _points(imp)
    fair = 100 + s * (PRICE["B"] - 100)
    assert pts["B"]["value_advantage"] == APPROX((QUALITY["B"] - fair) / math.sqrt(1 + s * s))


def test_value_map_perceived_prices_and_errors() -> None:
    vm = value_map(handmade.survey(market=handmade.market().with_columns(price=None)))
    assert vm.price_source == "perceived"
    # price satisfaction A/B 5.5/4.5, A/C 1 → A's relative price = 100 / mean
    assert _points(vm)["A"]["relative_price"] == APPROX(100 / ((5.5 / 4.5 + 1.0) / 2))
    with pytest.raises(DataValidationError, match="three competitors"):
        two = handmade.ratings().filter(pl.col("competitor") != "C")
        value_map(handmade.survey(ratings=two), line="fitted")
    with pytest.raises(DataValidationError, match="quality_weight"):
        value_map(handmade.survey(), line="importance")
    with pytest.raises(DataValidationError, match="market prices are missing"):
        value_map(handmade.survey(market=handmade.market().head(2)), price_source="market")


def test_head_to_head_areas_sum_to_the_weighted_difference() -> None:
    h = head_to_head(handmade.survey(), "B")
    rows = h.attributes.to_dicts()
    assert [r["attribute"] for r in rows] == ["q1", "q2"]
    assert [(r["x_start"], r["x_end"]) for r in rows] == [(0.0, 60.0), (60.0, 100.0)]
    assert [r["area"] for r in rows] == [APPROX(60 * 2 / 100), APPROX(40 * 3 / 100)]
    assert h.net == APPROX(quality_profile(handmade.survey()).value("B", "difference"))
    assert (h.ahead, h.behind) == (APPROX(2.4), 0.0)
    with pytest.raises(DataValidationError, match="own brand"):
        head_to_head(handmade.survey(), "A")
    with pytest.raises(DataValidationError, match="not a rival"):
        head_to_head(handmade.survey(), "Q")


def _deals() -> pl.DataFrame:
    rows = [
        ("d1", "B", "won", "q1"), ("d1", "B", "won", "q2"), ("d2", "C", "won", "q1"),
        ("d3", "B", "lost", "p1"), ("d4", "C", "lost", "q2"), ("d5", "B", "lost", None),
    ]  # fmt: skip
    return pl.DataFrame(
        [(d, None, "", c, o, a, None, None) for d, c, o, a in rows],
        schema={"deal_id": pl.String, "date": pl.Date, "segment": pl.String,
                "competitor": pl.String, "outcome": pl.String, "attribute": pl.String,
                "amount": pl.Float64, "note": pl.String},
        orient="row",
    )  # fmt: skip


def test_win_loss() -> None:
    wl = win_loss(handmade.survey(deals=_deals()))
    assert (wl.deals, wl.won, wl.lost, wl.win_rate) == (5, 2, 3, 0.4)
    got = {r["attribute"]: (r["won"], r["lost"], r["net"]) for r in wl.attributes.to_dicts()}
    assert got == {"q1": (2, 0, 2), "q2": (1, 1, 0), "p1": (0, 1, -1)}
    q2 = wl.attributes.filter(pl.col("attribute") == "q2").to_dicts()[0]
    assert (q2["won_share"], q2["lost_share"]) == (0.5, APPROX(1 / 3))
    by = win_loss(handmade.survey(deals=_deals()), by_rival=True)
    assert set(by.attributes["rival"]) == {"B", "C"}
    bad = pl.concat([_deals(), _deals().head(1).with_columns(pl.lit("lost").alias("outcome"))])
    with pytest.raises(DataValidationError, match="d1"):
        win_loss(handmade.survey(deals=bad))


def _two_waves() -> Survey:
    w1 = handmade.ratings("W1")
    # in W2, B improves q1 to 7 for both raters: A/B on q1 goes from 7/5 to 7/7
    w2 = handmade.ratings("W2").with_columns(
        pl.when((pl.col("competitor") == "B") & (pl.col("attribute") == "q1"))
        .then(7.0)
        .otherwise(pl.col("rating"))
        .alias("rating")
    )
    events = pl.DataFrame(
        {
            "date": [date(2026, 3, 1), date(2026, 2, 1)],
            "wave": ["W2", "W2"],
            "actor": ["B", "A"],
            "attribute": ["q1", "q2"],
            "kind": ["quality", "quality"],
            "effect": ["up", "up"],
            "description": ["B opens a warehouse", "we retrain sales"],
        }
    )
    owners = pl.DataFrame(
        {
            "attribute": ["q1", "q1", "q2"],
            "function": ["Sales", "Logistics", "Logistics"],
            "role": ["lead", "support", "lead"],
        }
    )
    return handmade.survey(ratings=pl.concat([w1, w2]), events=events, owners=owners)


def test_key_events_link_to_ratio_changes() -> None:
    table = key_events(_two_waves())
    assert table["description"].to_list() == ["we retrain sales", "B opens a warehouse"]
    b = table.filter(pl.col("actor") == "B").to_dicts()[0]
    assert (b["ratio_before"], b["ratio_after"]) == (APPROX(1.4), APPROX(1.0))
    assert b["change"] == APPROX(-0.4) and b["consistent"] is True
    ours = table.filter(pl.col("actor") == "A").to_dicts()[0]
    assert ours["change"] == APPROX(0.0) and ours["consistent"] is False


def test_what_who_flags() -> None:
    table = what_who(_two_waves().where(wave="W1"))
    rows = {r["attribute"]: r for r in table.to_dicts()}
    assert rows["q1"]["Sales"] == "lead" and rows["q1"]["Logistics"] == "support"
    assert rows["p1"]["flag"] == "unowned"
    assert rows["q1"]["flag"] == "" and rows["q2"]["flag"] == ""
    # make us behind on the heavier attribute q1: it becomes a priority
    worse = _two_waves().ratings.with_columns(
        pl.when((pl.col("competitor") == "A") & (pl.col("attribute") == "q1"))
        .then(1.0)
        .otherwise(pl.col("rating"))
        .alias("rating")
    )
    s = _two_waves()
    flagged = what_who(Survey("A", ratings=worse, weights=s.weights, owners=s.owners))
    assert flagged.filter(pl.col("attribute") == "q1")["flag"].to_list() == ["priority"]


def test_trend_flags_changes_between_waves() -> None:
    table = trend(_two_waves(), by_segment=False)
    assert table["wave"].to_list() == ["W1", "W2"]
    w2 = table.to_dicts()[1]
    assert w2["quality_change"] < -0.05 and w2["flag"] == "down"
    assert table.to_dicts()[0]["flag"] == ""


@settings(max_examples=25)
@given(
    extra=st.floats(min_value=0.01, max_value=5.0),
    attribute=st.sampled_from(["q1", "q2"]),
)
def test_more_quality_never_lowers_our_standing(extra: float, attribute: str) -> None:
    base = handmade.survey()
    better = base.ratings.with_columns(
        pl.when((pl.col("competitor") == "A") & (pl.col("attribute") == attribute))
        .then(pl.col("rating") + extra)
        .otherwise(pl.col("rating"))
        .alias("rating")
    )
    improved = handmade.survey(ratings=better)
    for method in ("ratio", "score_ratio", "difference"):
        for rival in ("B", "C"):
            before = quality_profile(base).value(rival, method)  # type: ignore[arg-type]
            after = quality_profile(improved).value(rival, method)  # type: ignore[arg-type]
            assert after > before
    us_before = _points(value_map(base))["A"]["value_advantage"]
    us_after = _points(value_map(improved))["A"]["value_advantage"]
    assert us_after > us_before  # type: ignore[operator]

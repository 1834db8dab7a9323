"""Gale's tools against worked examples published with their numbers.

Source of every example here: Kai Yang, *Design for Six Sigma for Service* (McGraw-Hill,
Six Sigma Operational Methods series, 2005), chapter 5 "Customer Value Management", which
presents Gale's customer value analysis (B. T. Gale, *Managing Customer Value*, 1994)
with worked tables. The pages were read in the copy at
https://digilib.universitaspertamina.ac.id/ebook/Design%20for%20Six%20Sigma%20for%20Service/
files/basic-html/pageNNN.html (pageNNN is the file, p. the printed page):

- Table 5.3, p. 88 (page109): quality profile of gallbladder operations;
- Table 5.4, p. 90 (page112): price profile of luxury cars (Acura);
- Fig. 5.1 and its text, p. 91 (page113): the diagonal fair-value line;
- Table 5.5, p. 92 (page114), Fig. 5.2 and its reading, p. 93 (page115): value map of
  15 toasters.

Gale's own tables (e.g. the chicken-business profile that Yang reproduces as Table 5.1,
p. 85) could not be read with their numbers, so they are not used. Inputs are the
printed inputs; expected values are the printed results, at the printed rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
import pytest

from custvalue.cva.profile import price_profile, quality_profile
from custvalue.cva.survey import Survey
from custvalue.cva.valuemap import place, relative_prices, value_map

RATING_COLUMNS = ["wave", "segment", "respondent", "competitor", "attribute", "rating"]
WEIGHT_COLUMNS = ["wave", "segment", "respondent", "attribute", "kind", "weight"]


def _survey(us: str, kind: str, table: Mapping[str, tuple[float, Mapping[str, float]]]) -> Survey:
    """A survey of one respondent who knows every competitor: attribute → (weight,
    competitor → rating), as a table prints them."""
    ratings = [
        ("", "", "table", c, a, float(v))
        for a, (_, scores) in table.items()
        for c, v in scores.items()
    ]
    weights = [("", "", "table", a, kind, float(w)) for a, (w, _) in table.items()]
    return Survey(
        us,
        ratings=pl.DataFrame(ratings, schema=RATING_COLUMNS, orient="row"),
        weights=pl.DataFrame(weights, schema=WEIGHT_COLUMNS, orient="row"),
    )


def _rows(frame: pl.DataFrame, key: str) -> dict[str, dict[str, Any]]:
    return {str(r[key]): r for r in frame.to_dicts()}


# --- Yang (2005), Table 5.3, p. 88: "Quality Profile Studies of Gallbladder Operations:
# Endo-Surgery versus Traditional Surgery". The table gives functional measures as ranges
# (at-home recovery 1–2 weeks vs 6–8 weeks, …) and the performance ratio judged from them;
# the ratio is the table's input to the profile. Traditional surgery is rated 1 on every
# attribute and endo-surgery its printed ratio, so the library's qᵢ / xᵢ is that ratio.
GALLBLADDER = {  # attribute: (customer's weight, printed ratio, printed weight × ratio)
    "at-home recovery period": (40, 3.0, 120),
    "hospital stay": (30, 2.0, 60),
    "complications rate": (10, 1.5, 15),
    "postoperative scar": (5, 1.4, 7),
    "operation time": (15, 2.0, 30),
}


def test_quality_profile_gallbladder_operations_yang_table_5_3() -> None:
    table = {a: (w, {"Endo": r, "Traditional": 1.0}) for a, (w, r, _) in GALLBLADDER.items()}
    prof = quality_profile(_survey("Endo", "quality", table))
    rows = _rows(prof.attributes, "attribute")
    assert set(rows) == set(GALLBLADDER)
    for attribute, (weight, ratio, weighted) in GALLBLADDER.items():
        row = rows[attribute]
        assert row["weight"] == pytest.approx(weight)
        assert row["ratio"] == pytest.approx(ratio)
        # "Customer Weight × Ratio" column = weight (of 100) × ratio = contribution × 100
        assert 100 * float(row["contribution"]) == pytest.approx(weighted)
    # "Total … 232 = market-perceived quality score" (Gale's ratio method, × 100)
    assert round(100 * prof.value("Traditional"), 0) == 232


# --- Yang (2005), Table 5.4, p. 90: "Market-Perceived Price Profile: Luxury Cars".
# Price satisfaction attributes, scores 1 = lowest, 10 = highest satisfaction.
ACURA = {  # attribute: (customer's weight, Acura (our business), average competitor)
    "purchase price": (60, 9, 7),
    "trade-in allowance": (20, 6, 6),
    "resale price": (10, 9, 8),
    "finance rates": (10, 7, 7),
}
#: printed "Ratio (Ours/Competitor)" and "Customer Weight × Ratio"
ACURA_PRINTED = {
    "purchase price": (1.29, 77.4),
    "trade-in allowance": (1.0, 20.0),
    "resale price": (1.13, 11.3),
    "finance rates": (1.00, 10.0),
}


def _acura() -> Survey:
    table = {a: (w, {"Acura": us, "Average competitor": x}) for a, (w, us, x) in ACURA.items()}
    return _survey("Acura", "price", table)


def test_price_profile_luxury_cars_yang_table_5_4_rounds_ratios_as_printed() -> None:
    """The table rounds each ratio to two decimals before weighting (9/7 → 1.29,
    9/8 → 1.13): ``ratio_digits=2`` reproduces every printed figure."""
    prof = price_profile(_acura(), ratio_digits=2)
    rows = _rows(prof.attributes, "attribute")
    for attribute, (ratio, weighted) in ACURA_PRINTED.items():
        assert rows[attribute]["ratio"] == pytest.approx(ratio)
        assert 100 * float(rows[attribute]["contribution"]) == pytest.approx(weighted)
    # "Total … = 118.7 market-perceived price score"
    assert 100 * prof.value("Average competitor") == pytest.approx(118.7)


def test_price_profile_luxury_cars_unrounded_differs_from_the_printed_total() -> None:
    """By default nothing is rounded: the per-attribute ratios agree with the printed ones
    at their two decimals, the total does not (118.39 = 60·9/7 + 20·6/6 + 10·9/8 + 10·7/7
    by hand, against the printed 118.7)."""
    prof = price_profile(_acura())
    rows = _rows(prof.attributes, "attribute")
    assert round(float(rows["purchase price"]["ratio"]), 2) == 1.29
    assert round(float(rows["trade-in allowance"]["ratio"]), 2) == 1.0
    total = 100 * prof.value("Average competitor")
    assert round(total, 1) != 118.7
    assert total == pytest.approx(60 * 9 / 7 + 20 + 10 * 9 / 8 + 10)


def test_value_map_relative_price_ratio_of_acura_yang_table_5_4() -> None:
    """ "Relative price ratio = (1/118.7) × 100 = 84.2": the map's perceived-price axis.

    Table 5.4 has no quality side; the map needs one, so one quality attribute is added
    on which both are rated alike (relative quality 100 each). It does not enter the
    price axis, which is all this test reads.
    """
    base = _acura()
    neutral = pl.DataFrame(
        [("", "", "table", c, "neutral", 5.0) for c in ("Acura", "Average competitor")],
        schema=RATING_COLUMNS,
        orient="row",
    )
    weight = pl.DataFrame(
        [("", "", "table", "neutral", "quality", 100.0)], schema=WEIGHT_COLUMNS, orient="row"
    )
    survey = Survey(
        "Acura",
        ratings=pl.concat([base.ratings, neutral]),
        weights=pl.concat([base.weights, weight]),
    )
    vm = value_map(survey, price_source="perceived", ratio_digits=2)
    acura = _rows(vm.points, "competitor")["Acura"]
    assert vm.price_source == "perceived"
    assert round(float(acura["relative_price"]), 1) == 84.2
    assert acura["relative_quality"] == pytest.approx(100.0)


# --- Yang (2005), Table 5.5, p. 92: "Market-Perceived Quality Profile and Price Profile
# for Toasters" (15 brands) and Fig. 5.2 "Customer Value Map of Toasters", p. 93.
TOASTERS = [  # (no., name, market-perceived quality score, price $, printed relative price)
    (1, "Cuisinart CPT-60", 128, 70, 215),
    (2, "Sunbeam", 119, 28, 85),
    (3, "KitchenAid", 117, 77, 237),
    (4, "Black & Decker", 112, 25, 77),
    (5, "Cuisinart CPT-30", 109, 40, 123),
    (6, "Breadman", 107, 35, 108),
    (7, "Proctor-Silex 22425", 104, 15, 46),
    (8, "Krups", 101, 32, 98),
    (9, "Oster", 94, 45, 138),
    (10, "Toastmaster B1021", 91, 16, 49),
    (11, "Proctor-Silex 22415", 87, 35, 108),
    (12, "Toastmaster B 1035", 84, 21, 65),
    (13, "Betty Crocker", 84, 25, 77),
    (14, "Proctor-Silex 22205", 83, 11, 34),
    (15, "Rival", 80, 13, 40),
]
NAME = {no: name for no, name, *_ in TOASTERS}


def test_relative_price_is_against_the_market_average_yang_table_5_5() -> None:
    """The printed relative price is 100 × price / the mean price of all 15 toasters
    (itself included): ``reference="market"``. Sunbeam is printed 85 while its $28
    against the $32.53 average is 86.07, a slip in the table, so it is allowed one
    point; every other brand agrees to the printed unit."""
    prices = {name: float(price) for _, name, _, price, _ in TOASTERS}
    relative = relative_prices(prices, reference="market")
    for _, name, _, _, printed in TOASTERS:
        if name == "Sunbeam":
            assert abs(relative[name] - printed) < 1.1
        else:
            assert round(relative[name]) == printed, name
    # the default reference, the other competitors' mean, is another convention
    others = relative_prices(prices)
    assert round(others["Cuisinart CPT-60"]) != 215


def _toaster_map() -> dict[int, dict[str, Any]]:
    prices = relative_prices(
        {name: float(price) for _, name, _, price, _ in TOASTERS}, reference="market"
    )
    quality = {name: float(score) for _, name, score, _, _ in TOASTERS}
    vm = place(quality, prices, line="diagonal", tolerance=10.0)
    assert (vm.slope, vm.intercept, vm.price_source) == (1.0, 0.0, "given")
    by_name = _rows(vm.points, "competitor")
    return {no: by_name[name] for no, name in NAME.items()}


def test_value_map_of_toasters_reads_as_yang_fig_5_2() -> None:
    """The reading of Fig. 5.2 (p. 93) on the diagonal of Fig. 5.1 (p. 91): value =
    market-perceived quality score − relative price.

    - 1, 3 (Cuisinart CPT-60, KitchenAid): good quality, very high price; 9 (Oster):
      below-average quality, high price — low customer value;
    - 5, 6, 11: relatively high in price and low in performance, but close to the
      fair-value zone (nearer the line than 1, 3, 9);
    - 2, 4, 7 (Sunbeam, Black & Decker, Proctor-Silex 22425): low price, high
      performance, best value; 2 at a higher price level, 7 at a low one;
    - 10, 12, 14, 15: low price, reasonable performance (below the line);
    - 8, 13 (Krups, Betty Crocker): better than average value, in the fair-value zone.

    The text also says 2, 4 and 7 lie furthest from the line; on the table's own numbers
    that holds for 7 but 14, 10 and 15 lie further than 2 and 4, so it is not asserted.
    """
    points = _toaster_map()
    value = {no: float(p["value_advantage"]) for no, p in points.items()}
    low_value, near_line = (1, 3, 9), (5, 6, 11)
    assert all(value[n] < 0 for n in low_value + near_line)
    assert max(abs(value[n]) for n in near_line) < min(abs(value[n]) for n in low_value)
    assert all(value[n] > 0 for n in (2, 4, 7, 10, 12, 14, 15, 8, 13))
    assert all(float(points[n]["relative_price"]) < 100 for n in (2, 4, 7, 10, 12, 14, 15))
    assert max(value[8], value[13]) < min(value[2], value[4], value[7])
    assert value[7] == max(value.values())
    assert float(points[2]["relative_price"]) > float(points[7]["relative_price"])


def test_value_map_of_toasters_zones_with_a_fair_value_zone_of_ten_points() -> None:
    """The book draws the fair-value zone without a width; any half-width between 7.2 and
    13.9 index points puts 8 and 13 inside it and 1, 3, 5, 9, 11 below it, as the text
    reads; 10 is used here. 6 (Breadman, 107 against 108) falls inside any such zone,
    though the text groups it with 5 and 11 as "close to" the zone."""
    zone = {no: p["zone"] for no, p in _toaster_map().items()}
    assert [n for n in NAME if zone[n] == "fair"] == [6, 8, 13]
    assert [n for n in NAME if zone[n] == "worse"] == [1, 3, 5, 9, 11]
    assert all(zone[n] == "better" for n in (2, 4, 7, 10, 12, 14, 15))

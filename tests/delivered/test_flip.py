"""What flips the choice: hand-worked thresholds and the tie they produce."""

from __future__ import annotations

import polars as pl
import pytest

from custvalue.delivered import compare, example_path, flip_points, read_offerings

US, RIVAL = "墙煌", "丽岛"


@pytest.fixture(scope="module")
def coil() -> pl.DataFrame:
    return read_offerings(example_path("coil"))


def _change(flips: pl.DataFrame, rule: str, side: str, component: str) -> dict[str, object]:
    row = flips.filter(
        (pl.col("rule") == rule) & (pl.col("side") == side) & (pl.col("component") == component)
    )
    assert row.height == 1
    return row.row(0, named=True)


def test_difference_rule_thresholds(coil: pl.DataFrame) -> None:
    flips = flip_points(coil, US, rule="difference")
    # we lead by 250: our price can rise by 250 (to 29,050) before 常州长青 switches
    price = _change(flips, "difference", "us", "monetary")
    assert price["change"] == 250 and price["flip_at"] == 29_050 and price["feasible"]
    assert price["winner"] == US
    service = _change(flips, "difference", "us", "good_service")
    assert service["change"] == -250 and service["change_pct"] == pytest.approx(-250 / 350)
    # the rival must cut its price by 250
    assert _change(flips, "difference", "rival", "monetary")["change"] == -250
    # the buyers' benefit is only 120: it cannot lose 250, so it cannot flip alone
    benefit = _change(flips, "difference", "us", "buyer_benefit")
    assert benefit["flip_at"] == -130 and benefit["feasible"] is False


def test_ratio_rule_thresholds(coil: pl.DataFrame) -> None:
    flips = flip_points(coil, US, rule="ratio")
    r_rival = 29_390 / 28_160
    r_us = 30_370 / 28_890
    price = _change(flips, "ratio", "us", "monetary")
    assert price["change"] == pytest.approx(30_370 / r_rival - 28_890)
    value = _change(flips, "ratio", "us", "product_brand")
    assert value["change"] == pytest.approx(r_rival * 28_890 - 30_370)
    rival_value = _change(flips, "ratio", "rival", "good_service")
    assert rival_value["change"] == pytest.approx(r_us * 28_160 - 29_390)
    rival_price = _change(flips, "ratio", "rival", "monetary")
    assert rival_price["change"] == pytest.approx(29_390 / r_us - 28_160)


@pytest.mark.parametrize("rule", ["difference", "ratio"])
def test_applying_a_flip_change_makes_a_tie(coil: pl.DataFrame, rule: str) -> None:
    flips = flip_points(coil, US, rule=rule).filter(pl.col("feasible"))
    assert flips.height > 10
    for row in flips.iter_rows(named=True):
        changed = coil.with_columns(
            pl.when(
                (pl.col("offering") == row["offering"]) & (pl.col("component") == row["component"])
            )
            .then(pl.col("money") + row["change"])
            .otherwise(pl.col("money"))
            .alias("money")
        )
        after = compare(changed, US).table.row(0, named=True)
        if rule == "difference":
            assert after["gap"] == pytest.approx(0, abs=1e-6)
        else:
            assert after["v1_v2_ratio"] == pytest.approx(1, abs=1e-12)


def test_score_components_report_points() -> None:
    frame = pl.DataFrame(
        {
            "offering": ["A", "A", "A", "B", "B"],
            "component": ["image", "product", "price", "product", "price"],
            "amount": [5.0, 100.0, 90.0, 100.0, 80.0],
            "unit": ["score", "money", "money", "money", "money"],
            "per_point": [4.0, None, None, None, None],
        }
    )
    # A: 120 − 90 = 30; B: 20 → A leads by 10 = 2.5 image points
    image = flip_points(frame, "A", rule="difference").filter(pl.col("component") == "image")
    assert image["change"].to_list() == [-10.0]
    assert image["change_points"].to_list() == [-2.5]


def test_unknown_rule_is_refused(coil: pl.DataFrame) -> None:
    from custvalue.exceptions import DataValidationError

    with pytest.raises(DataValidationError) as caught:
        flip_points(coil, US, rule="utility")
    assert caught.value.code == "validation.choice"
    assert caught.value.message("en") == (
        "rule: 'utility' is not one of the allowed values; use one of: difference, ratio, both."
    )

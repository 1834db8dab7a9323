"""Each refusal of customer value analysis, by its message code, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from custvalue.cva.events import key_events
from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import attribute_weights, profile
from custvalue.cva.store import import_survey_table, load_survey
from custvalue.cva.survey import Survey
from custvalue.cva.trend import trend
from custvalue.cva.valuemap import value_map
from custvalue.cva.whatwho import what_who
from custvalue.cva.winloss import win_loss
from custvalue.data.db import Database
from custvalue.exceptions import NotFoundError
from tests.cva import handmade
from tests.refusals import refusal


def _rated(*rows: tuple[str, str, str, float]) -> pl.DataFrame:
    return pl.DataFrame(
        [("", "", r, c, a, float(v)) for r, c, a, v in rows],
        schema=["wave", "segment", "respondent", "competitor", "attribute", "rating"],
        orient="row",
    )


EMPTY = Survey("A")


@pytest.mark.parametrize(
    "call",
    [
        lambda: value_map(EMPTY),
        lambda: profile(EMPTY, "quality"),
        lambda: trend(EMPTY),
    ],
)
def test_no_ratings(call: Callable[[], object]) -> None:
    assert refusal(call).code == "cva.no_ratings"


def test_our_brand_is_not_rated() -> None:
    error = refusal(lambda: profile(Survey("Z", ratings=handmade.ratings()), "quality"))
    assert error.code == "cva.unknown_us"
    assert error.params["us"] == "Z" and error.params["known"] == "A, B, C"


def test_no_weights_of_the_kind() -> None:
    survey = handmade.survey(weights=handmade.weights().filter(pl.col("kind") == "quality"))
    error = refusal(lambda: attribute_weights(survey, "price"))
    assert error.code == "cva.no_weights"
    assert error.params["kind"] == "price"


def test_nobody_rated_us_with_a_rival() -> None:
    ratings = _rated(("r1", "A", "q1", 8), ("r2", "B", "q1", 6), ("r2", "C", "q1", 5))
    error = refusal(lambda: profile(handmade.survey(ratings=ratings), "quality"))
    assert error.code == "cva.no_pairs"
    assert error.params == {"us": "A", "kind": "quality"}


def test_share_baseline_without_shares() -> None:
    market = handmade.market().with_columns(
        pl.when(pl.col("competitor") == "C").then(None).otherwise(pl.col("share")).alias("share")
    )
    survey = handmade.survey(market=market)
    error = refusal(lambda: profile(survey, "quality", baseline="share"))
    assert error.code == "cva.no_shares"
    assert error.params["missing"] == "C"
    error = refusal(lambda: value_map(survey, baseline="share"))
    assert error.code == "cva.no_shares"
    assert error.params["missing"] == "C"


@pytest.mark.parametrize("price_source", ["market", "perceived"])
def test_share_baseline_with_zero_shares(price_source: str) -> None:
    market = handmade.market().with_columns(
        pl.when(pl.col("competitor") == "A").then(1.0).otherwise(0.0).alias("share")
    )
    survey = handmade.survey(market=market)
    error = refusal(lambda: value_map(survey, baseline="share", price_source=price_source))  # type: ignore[arg-type]
    assert error.code == "cva.no_shares"
    assert error.params["missing"] == "B, C"


def test_a_profile_figure_against_an_unknown_rival() -> None:
    prof = profile(handmade.survey(), "quality")
    error = refusal(lambda: prof.value("Z"))
    assert error.code == "cva.unknown_rival"
    assert error.params["rival"] == "Z"


def test_head_to_head_refusals() -> None:
    survey = handmade.survey()
    error = refusal(lambda: head_to_head(survey, "A"))
    assert error.code == "cva.rival_is_us"
    error = refusal(lambda: head_to_head(survey, "Z"))
    assert error.code == "cva.unknown_rival"
    assert error.params["known"] == "B, C"
    # D is rated, but only by someone who did not rate us
    ratings = handmade.ratings().vstack(_rated(("r3", "D", "q1", 4.0)))
    error = refusal(lambda: head_to_head(handmade.survey(ratings=ratings), "D"))
    assert error.code == "cva.no_pairs"
    assert error.params == {"us": "A", "kind": "quality"}


@pytest.mark.parametrize(("price_source", "found"), [("market", "A"), ("perceived", "-")])
def test_a_map_with_fewer_than_two_competitors(price_source: str, found: str) -> None:
    ratings = _rated(("r1", "A", "q1", 8), ("r1", "A", "p1", 5))
    survey = handmade.survey(ratings=ratings)
    error = refusal(lambda: value_map(survey, price_source=price_source))  # type: ignore[arg-type]
    assert error.code == "cva.map_too_few"
    assert error.params["found"] == found


def test_a_fitted_line_needs_three_competitors() -> None:
    ratings = handmade.ratings().filter(pl.col("competitor") != "C")
    error = refusal(lambda: value_map(handmade.survey(ratings=ratings), line="fitted"))
    assert error.code == "cva.fit_needs_three"
    assert error.params["found"] == 2


def test_market_prices_asked_for_but_missing() -> None:
    market = handmade.market().filter(pl.col("competitor") != "B")
    error = refusal(lambda: value_map(handmade.survey(market=market), price_source="market"))
    assert error.code == "cva.no_prices"
    assert error.params["missing"] == "B"


def _deals(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [(d, date(2026, 1, 5), "", "B", o, "q1", 1.0, "") for d, o in rows],
        schema=[
            "deal_id",
            "date",
            "segment",
            "competitor",
            "outcome",
            "attribute",
            "amount",
            "note",
        ],
        orient="row",
    )


def test_win_loss_refusals() -> None:
    assert refusal(lambda: win_loss(handmade.survey())).code == "cva.no_deals"
    deals = _deals(("d1", "won"), ("d2", "lost"), ("d2", "won"))
    error = refusal(lambda: win_loss(handmade.survey(deals=deals)))
    assert error.code == "cva.mixed_outcome"
    assert error.params["deal"] == "d2"


def test_no_events_and_no_owners() -> None:
    assert refusal(lambda: key_events(handmade.survey())).code == "cva.no_events"
    assert refusal(lambda: what_who(handmade.survey())).code == "cva.no_owners"


# --- the stored survey (both engines) ----------------------------------------------

RATINGS = "受访者,品牌,属性,评分\nr1,我们,送货及时,9\nr1,对手,送货及时,7\n"


def _ratings_file(tmp_path: Path) -> Path:
    path = tmp_path / "ratings.csv"
    path.write_text(RATINGS, encoding="utf-8")
    return path


def test_no_ratings_stored(db: Database) -> None:
    error = refusal(lambda: load_survey(db), NotFoundError)
    assert error.code == "survey.no_ratings"


def test_our_brand_never_named(db: Database, tmp_path: Path) -> None:
    import_survey_table(db, "ratings", _ratings_file(tmp_path))
    error = refusal(lambda: load_survey(db))
    assert error.code == "survey.us_missing"
    assert error.params["competitors"] == "对手, 我们"
    assert load_survey(db, us="我们").us == "我们"


def test_our_brand_not_among_the_rated(db: Database, tmp_path: Path) -> None:
    error = refusal(lambda: import_survey_table(db, "ratings", _ratings_file(tmp_path), us="他们"))
    assert error.code == "survey.us_unknown"
    assert int(db.scalar("SELECT COUNT(*) FROM cva_ratings")) == 0  # nothing written
    import_survey_table(db, "ratings", _ratings_file(tmp_path), us="我们")
    error = refusal(lambda: load_survey(db, us="他们"))
    assert error.code == "survey.us_unknown"
    assert error.params["competitors"] == "对手, 我们"

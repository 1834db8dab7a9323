"""The demo survey: the bundled files are the generator's, and they tell the story."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.cva.inputs import read_survey_table
from custvalue.cva.store import load_survey
from custvalue.cva.survey import Survey
from custvalue.data.db import Database
from custvalue.demo.loading import load_frames
from custvalue.demo.registry import bundled_folder, imported_files
from custvalue.demo.survey import (
    ATTRIBUTES,
    FILES,
    PRICE_ATTRIBUTES,
    RIVALS,
    SEGMENTS,
    UNOWNED,
    US,
    WAVES,
    generate_demo_survey,
    write_demo_survey,
)


def test_writes_the_six_survey_files(tmp_path: Path) -> None:
    written = write_demo_survey(tmp_path / "new", generate_demo_survey())
    assert [p.name for p in written] == list(FILES.values())
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(FILES.values())


def test_encodings_and_headers() -> None:
    folder = bundled_folder("survey")
    ratings = read_survey_table("ratings", folder / FILES["ratings"])
    assert ratings.encoding in ("gbk", "gb18030") and ratings.column_map["rating"] == "评分"
    market = read_survey_table("market", folder / FILES["market"])
    assert market.encoding == "utf-8" and market.column_map["share"] == "share"
    files = imported_files("survey")
    assert files == {**FILES, "offerings": "offerings.csv"}
    for kind, name in files.items():
        assert read_survey_table(kind, folder / name).rejected == [], kind


def test_same_seed_same_frames() -> None:
    a, b = generate_demo_survey(seed=5), generate_demo_survey(seed=5)
    assert all(a[k].equals(b[k]) for k in a)
    assert not a["ratings"].equals(generate_demo_survey(seed=6)["ratings"])


@pytest.fixture
def survey(db: Database) -> Survey:
    counts = {k: r.imported for k, r in load_frames(db, generate_demo_survey(), source="s").items()}
    assert counts["ratings"] > 7000 and counts["owners"] > 10
    return load_survey(db)


def _mean(survey: Survey, wave: str, competitor: str, attribute: str) -> float:
    frame = survey.ratings.filter(wave=wave, competitor=competitor, attribute=attribute)
    return float(frame["rating"].mean())  # type: ignore[arg-type]


def test_demo_survey_in_the_store(survey: Survey) -> None:
    assert survey.us == US and survey.waves == list(WAVES)
    assert survey.segments == sorted(SEGMENTS) and survey.competitors == sorted((US, *RIVALS))
    per_wave = survey.ratings.group_by("wave").agg(pl.col("respondent").n_unique())
    assert all(140 <= n <= 160 for n in per_wave["respondent"])
    known = survey.ratings.group_by("wave", "respondent").agg(pl.col("competitor").n_unique())
    assert known.filter(pl.col("competitor") == 1).height >= 10  # excluded from ratios
    assert set(survey.ratings["attribute"]) == set(ATTRIBUTES)
    sums = survey.weights.group_by("wave", "segment", "respondent").agg(pl.col("weight").sum())
    assert sums["weight"].to_list() == [100.0] * sums.height
    price = survey.weights.filter(kind="price")["attribute"].unique().sort().to_list()
    assert price == sorted(PRICE_ATTRIBUTES)
    deals = survey.deals["deal_id"].n_unique()
    assert 180 <= deals <= 220 and set(survey.deals["outcome"]) == {"won", "lost"}
    assert 8 <= survey.events.height <= 12 and US in set(survey.events["actor"])
    assert UNOWNED not in set(survey.owners["attribute"])
    assert set(survey.owners["attribute"]) == set(ATTRIBUTES) - {UNOWNED}
    assert survey.market.height == len(WAVES) * len(SEGMENTS) * 4
    assert survey.market["share"].max() <= 1  # type: ignore[operator]


def test_the_story_shows_in_the_ratings(survey: Survey) -> None:
    first, second = WAVES
    rival = "鑫诚办公"
    for wave in WAVES:  # we lead on delivery and service, trail the online shop on price
        assert _mean(survey, wave, US, "售后服务") > max(
            _mean(survey, wave, r, "售后服务") for r in RIVALS
        )
        assert _mean(survey, wave, US, "采购价格") < _mean(survey, wave, "快购办公网", "采购价格")
    gain = _mean(survey, second, rival, "送货及时") - _mean(survey, first, rival, "送货及时")
    assert gain > 0.6  # the new warehouse
    event = survey.events.filter(actor=rival, attribute="送货及时").row(0, named=True)
    assert event["wave"] == second and event["effect"] == "up"
    assert _mean(survey, second, US, "订购便利") - _mean(survey, first, US, "订购便利") > 0.6

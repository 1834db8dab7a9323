"""app.survey (wave and segment scope, what/who) and app.delivered (file or store)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from custvalue.app.delivered import delivered_analysis, load_offerings
from custvalue.app.survey import scope_survey, what_who_matrix
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError
from tests.app.conftest import json_ready
from tests.refusals import refusal

TV = Path(__file__).parents[2] / "custvalue" / "examples" / "delivered" / "tv.csv"


def test_the_latest_wave_by_default_every_wave_when_asked(demo_db: Database) -> None:
    latest = scope_survey(demo_db)
    waves = [w for w in scope_survey(demo_db, all_waves=True).survey.waves if w]
    assert latest.wave == waves[-1] and latest.latest
    assert set(latest.survey.ratings["wave"]) == {waves[-1]}
    assert scope_survey(demo_db, all_waves=True).wave is None
    first = scope_survey(demo_db, wave=waves[0])
    assert first.wave == waves[0] and not first.latest
    assert json_ready(first.to_dict())["wave"] == waves[0]


def test_a_segment_is_found_as_typed_and_an_unknown_one_refused(demo_db: Database) -> None:
    segments = [s for s in scope_survey(demo_db).survey.segments if s]
    scoped = scope_survey(demo_db, segment=f" {segments[0]} ")
    assert scoped.segment == segments[0]
    assert set(scoped.survey.ratings["segment"]) == {segments[0]}
    for option, value in (("segment", "Mars"), ("wave", "1999H1")):
        given = {option: value}
        error = refusal(lambda: scope_survey(demo_db, **given), DataValidationError)  # noqa: B023
        assert error.code == "cli.cva_unknown_value"
        assert error.params["option"] == f"--{option}" and error.params["value"] == value


def test_what_who_names_the_lead_and_support_functions(demo_db: Database) -> None:
    result = what_who_matrix(demo_db)
    assert result.owners.columns == [
        "attribute",
        "kind",
        "weight",
        "ratio",
        "lead",
        "support",
        "flag",
    ]
    assert result.owners.height == result.table.height > 0
    assert result.owners["lead"].drop_nulls().len() > 0
    doc = json_ready(result.to_dict())
    assert {"us", "wave", "segment", "attributes", "owners"} <= set(doc)


def _store(db: Database):  # type: ignore[no-untyped-def]
    @contextmanager
    def opened() -> Iterator[Database]:
        yield db

    return opened


def test_delivered_value_from_the_store(demo_db: Database) -> None:
    result = delivered_analysis(store=_store(demo_db))
    assert result.source == demo_db.display_url and result.rules == ("difference", "ratio")
    assert set(result.parts) == {"offerings", "choice", "comparison", "flip"}
    doc = json_ready(result.to_dict())
    assert doc["us"] == result.us and len(doc["offerings"]) == result.parts["offerings"].height
    assert set(result.to_dict(["choice"])) - set(doc) == set()
    assert "offerings" not in result.to_dict(["choice"])


def test_a_file_is_read_without_opening_the_store() -> None:
    def no_store():  # type: ignore[no-untyped-def]
        raise AssertionError("the store was opened")

    loaded = load_offerings(file=TV, store=no_store)
    assert loaded.source == str(TV) and loaded.stored_us is None
    segment = loaded.frame["segment"][0]
    us = loaded.frame["offering"][0]
    result = delivered_analysis(
        file=TV, store=no_store, us=us, segment=segment, rule="ratio", sweep=None
    )
    assert set(result.offerings["segment"]) == {segment} and result.rules == ("ratio",)


def test_delivered_refusals(demo_db: Database) -> None:
    error = refusal(
        lambda: delivered_analysis(store=_store(demo_db), segment="Mars"), DataValidationError
    )
    assert error.code == "cli.delivered_unknown_segment"
    error = refusal(
        lambda: load_offerings(store=_store(demo_db), sheet="Sheet1"), DataValidationError
    )
    assert error.code == "cli.delivered_options_need_file"
    error = refusal(
        lambda: delivered_analysis(store=_store(demo_db), rule="best"), DataValidationError
    )
    assert error.code == "validation.choice"
    error = refusal(lambda: delivered_analysis(file=TV), DataValidationError)
    assert error.code == "delivered.us_missing"

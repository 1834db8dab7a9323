"""The survey measures read from the store: the demo company's answers, scoped and
grouped, equal to the library's own results on the same rows; refusals by code."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.app.voice import load_answers, measure
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.satisfaction import disconfirmation, key_drivers, nps
from tests.app.conftest import json_ready


def test_nps_by_wave_equals_the_library_and_flags_the_change(demo_db: Database) -> None:
    result = measure(demo_db, name="nps", by="wave")
    answers, _, _ = load_answers(demo_db, "nps")
    for row in result.table.iter_rows(named=True):
        direct = nps(answers.filter(pl.col("wave") == row["group"])["score"])
        assert row["nps"] == pytest.approx(direct.score) and row["n"] == direct.n
    assert result.changes is not None and result.changes.height == 1
    change = result.changes.row(0, named=True)
    assert (change["from"], change["to"]) == ("2024H1", "2024H2")
    assert change["significant"] == (change["p_value"] < 0.05)
    assert json_ready(result.to_dict())["measure"] == "nps"


def test_groups_from_the_ledger_before_any_snapshot(demo_db: Database) -> None:
    assert demo_db.scalar("SELECT count(*) FROM snapshots") == 0
    by_tier = measure(demo_db, name="nps", by="tier")
    assert set(by_tier.table["group"]) <= {"Platinum", "Gold", "Iron", "Lead", "—"}
    assert by_tier.table["n"].sum() == measure(demo_db, name="nps").table["n"][0]


def test_scoped_measures(demo_db: Database) -> None:
    gaps = measure(demo_db, name="gaps", wave="２０２４H2")  # full width: found as meant
    assert gaps.wave == "2024H2"
    answers, _, _ = load_answers(demo_db, "satisfaction")
    direct = disconfirmation(
        answers.filter((pl.col("attribute") != "overall") & (pl.col("wave") == "2024H2"))
    )
    assert gaps.table.equals(direct.attributes)
    drivers = measure(demo_db, name="drivers")
    wide = answers.pivot(on="attribute", index=["wave", "respondent"], values="performance")
    names = [c for c in wide.columns if c not in ("wave", "respondent", "overall")]
    assert drivers.facts["r2"] == pytest.approx(
        key_drivers(wide, outcome="overall", attributes=names).r2
    )
    servqual = measure(demo_db, name="servqual")
    assert servqual.table["dimension"].to_list()[0] == "tangibles"
    kano = measure(demo_db, name="kano")
    assert set(kano.table["category"]) >= {"A", "M", "O"}
    csat = measure(demo_db, name="csat", by="touchpoint")
    assert csat.table.height == 3
    assert measure(demo_db, name="ces").facts["scale"] == ["7"]
    assert measure(demo_db, name="ipa").facts["cross"] == "data"


def test_refusals(db: Database, demo_db: Database) -> None:
    with pytest.raises(DataValidationError) as wave:
        measure(demo_db, name="nps", wave="2030")
    assert wave.value.code == "cli.cva_unknown_value" and "2024H1" in wave.value.message("en")
    with pytest.raises(DataValidationError) as by:
        measure(demo_db, name="nps", by="colour")
    assert by.value.code == "voice.unknown_by" and "industry" in by.value.message("en")
    # a customer attribute named like a survey column cannot group the answers
    demo_db.execute(
        'UPDATE customers SET attributes = \'{"score": "x"}\' WHERE customer_id IN '
        "(SELECT customer_id FROM customers ORDER BY customer_id LIMIT 3)"
    )
    with pytest.raises(DataValidationError) as clash:
        measure(demo_db, name="nps", by="score")
    assert clash.value.code == "voice.by_clash"
    demo_db.execute("DELETE FROM voice_satisfaction WHERE attribute = 'overall'")
    with pytest.raises(DataValidationError) as overall:
        measure(demo_db, name="drivers")
    assert overall.value.code == "voice.no_overall"
    import_frames(
        demo_db,
        {"ces": pl.DataFrame(
            {"wave": ["2024H2"], "respondent": ["legacy1"], "score": [2], "scale": ["5"]}
        )},
        source="legacy",
    )  # fmt: skip
    with pytest.raises(DataValidationError) as mixed:
        measure(demo_db, name="ces")
    assert mixed.value.code == "voice.mixed_ces_scales"
    demo_db.execute("DELETE FROM voice_kano")
    with pytest.raises(NotFoundError) as none:
        measure(demo_db, name="kano")
    assert none.value.code == "voice.no_answers" and "custvalue import kano" in none.value.message(
        "en"
    )


def test_the_demo_finds_its_one_real_move(demo_db: Database) -> None:
    gaps = measure(demo_db, name="gaps", by="wave")
    assert gaps.changes is not None
    flagged = gaps.changes.filter(pl.col("significant"))["attribute"].to_list()
    assert flagged == ["交货速度"]  # delivery speed: a point better in 2024H2
    servqual = measure(demo_db, name="servqual", by="wave")
    assert servqual.changes is not None
    assert servqual.changes.filter(pl.col("significant"))["dimension"].to_list() == [
        "responsiveness"
    ]
    assert set(servqual.table["group"]) == {"2024H1", "2024H2"}
    # without a wave breakdown there is nothing to compare
    assert measure(demo_db, name="servqual").changes is None


def test_what_moves_value_on_the_demo_store(demo_db: Database, tmp_path: Path) -> None:
    from custvalue.app.moves import value_moves
    from custvalue.data.db import connect
    from custvalue.exceptions import NotFoundError

    result = value_moves(demo_db, draws=20)
    assert result.table["predictor"].to_list()[0] == "overall" and result.table.height == 7
    assert result.respondents > 0 and result.too_recent > 0  # the 2024H2 wave: too recent
    assert 0 < result.median_days <= 365
    from custvalue.app.moves import moves_sentence
    from custvalue.i18n import using_lang

    with using_lang("en"):
        english = moves_sentence(result)
    with using_lang("zh"):
        chinese = moves_sentence(result)
    assert "observational" in english and "观察数据" in chinese
    with connect(str(tmp_path / "empty.db")) as empty, pytest.raises(NotFoundError) as missing:
        value_moves(empty)
    assert missing.value.code == "voice.no_linked_answers"


def test_by_any_customer_attribute(demo_db: Database) -> None:
    from custvalue.app.voice import attribute_names, measure
    from custvalue.exceptions import DataValidationError

    assert {"city", "industry"} <= set(attribute_names(demo_db))
    by_city = measure(demo_db, name="nps", by="city")
    answers = demo_db.frame("SELECT customer_id, score FROM voice_nps")
    linked = answers.join(
        demo_db.frame("SELECT customer_id, attributes FROM customers").with_columns(
            pl.col("attributes").str.json_path_match("$.city").alias("city")
        ),
        on="customer_id",
        how="left",
    )
    for row in by_city.table.iter_rows(named=True):
        if row["group"] == "—":
            continue
        part = linked.filter(pl.col("city") == row["group"])["score"]
        assert row["n"] == part.len() and row["nps"] == pytest.approx(nps(part).score)
    assert by_city.table["n"].sum() == answers.height  # anonymous answers kept as "—"
    assert measure(demo_db, name="gaps", by="industry").table["industry"].n_unique() > 1
    with pytest.raises(DataValidationError) as unknown:
        measure(demo_db, name="nps", by="省份")
    assert unknown.value.code == "voice.unknown_by" and "city" in unknown.value.message("en")


def test_ipa_drivers_and_kano_by_group(demo_db: Database) -> None:
    from custvalue.satisfaction import kano

    drivers = measure(demo_db, name="drivers", by="wave")
    answers, _, _ = load_answers(demo_db, "satisfaction")
    for wave in ("2024H1", "2024H2"):
        part = answers.filter(pl.col("wave") == wave)
        wide = part.pivot(on="attribute", index=["wave", "respondent"], values="performance")
        names = [c for c in wide.columns if c not in ("wave", "respondent", "overall")]
        direct = key_drivers(wide, outcome="overall", attributes=names)
        mine = drivers.table.filter(pl.col("group") == wave)
        assert mine["r2"][0] == pytest.approx(direct.r2)
        assert mine["attribute"].to_list() == direct.drivers["attribute"].to_list()
    features = measure(demo_db, name="kano", by="tier")
    kano_answers, _, _ = load_answers(demo_db, "kano")
    assert features.table["n"].sum() == kano(kano_answers).features["n"].sum()
    ipa = measure(demo_db, name="ipa", by="industry")
    assert ipa.table["group"].n_unique() > 1 and "quadrant" in ipa.table.columns


def test_no_group_large_enough_is_said(demo_db: Database) -> None:
    # every customer a group of their own: the whole fits, no group does
    demo_db.execute("UPDATE customers SET attributes = '{\"uid\": \"' || customer_id || '\"}'")
    demo_db.execute("DELETE FROM voice_satisfaction WHERE customer_id IS NULL")
    with pytest.raises(DataValidationError) as small:
        measure(demo_db, name="drivers", by="uid")
    assert small.value.code == "voice.no_group_fits" and "uid" in small.value.message("en")

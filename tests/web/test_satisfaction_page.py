"""What customers say in the workbench: every measure drawn from the stored answers and
equal to the library on the same rows; a scope that does not exist is named; a store
without answers says what to import; tables export."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from custvalue.satisfaction import nps
from tests.web.conftest import Workbench, logged_in

SEED = 20240101


@pytest.fixture
def demo_bench(bench: Workbench) -> Iterator[Workbench]:
    with connect(bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
    yield bench


def test_every_measure_is_drawn(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/satisfaction")
    assert page.status_code == 200
    for name in ("nps", "csat", "ces", "gaps", "ipa", "drivers", "servqual", "kano"):
        assert f'id="measure-{name}"' in page.text
    for chart in ("nps", "gaps", "ipa", "drivers", "servqual", "kano"):
        assert f'id="chart-voice_{chart}"' in page.text
    assert "Net Promoter Score" in page.text and "concentrate here" in page.text
    chinese = client.get("/satisfaction?lang=zh&by=wave").text
    assert "净推荐值" in chinese and "批次间变化" in chinese and "重点改进" in chinese
    for name in ("nps", "gaps", "servqual"):  # each measured in two waves by the demo
        assert f'id="table-{name}_changes"' in chinese
    assert "Holm" in chinese


def test_the_api_equals_the_library(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    data = client.get("/api/v1/satisfaction/nps", params={"by": "wave"}).json()
    with connect(demo_bench.url) as db:
        answers = db.frame("SELECT wave, score FROM voice_nps")
    for row in data["table"]:
        direct = nps(answers.filter(pl.col("wave") == row["group"])["score"])
        assert row["nps"] == pytest.approx(direct.score) and row["nps_low"] == pytest.approx(
            direct.low
        )
    assert data["changes"][0]["significant"] == (data["changes"][0]["p_value"] < 0.05)
    tiers = client.get("/api/v1/satisfaction/csat", params={"by": "tier"}).json()
    assert (
        sum(r["n"] for r in tiers["table"])
        == client.get("/api/v1/satisfaction/csat").json()["answers"]
    )


def test_bad_scopes_are_named_and_tables_export(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    wave = client.get("/satisfaction", params={"wave": "1999"})
    assert wave.status_code == 400 and "1999" in wave.text and "2024H1" in wave.text
    api = client.get("/api/v1/satisfaction/nps", params={"by": "colour"})
    assert api.status_code == 400 and api.json()["code"] == "voice.unknown_by"
    page = client.get("/satisfaction", params={"by": "colour"})
    assert page.status_code == 400 and "colour" in page.text and "industry" in page.text
    assert 'value="city"' in client.get("/satisfaction").text  # attributes offered
    unknown = client.get("/api/v1/satisfaction/happiness")
    assert unknown.status_code == 400 and unknown.json()["code"] == "validation.choice"
    exported = client.get("/satisfaction", params={"export": "csv", "table": "kano"})
    assert exported.status_code == 200 and "一键补货" in exported.text


def test_a_store_without_answers_says_what_to_import(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    page = client.get("/satisfaction")
    assert page.status_code == 200
    assert page.text.count("custvalue import") >= 8 and 'href="/imports"' in page.text
    missing = client.get("/api/v1/satisfaction/kano")
    assert missing.status_code == 404 and missing.json()["code"] == "voice.no_answers"


def test_what_moves_value_page_and_api(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/satisfaction/value")
    assert page.status_code == 200 and "What moves value" in page.text
    assert 'id="table-value"' in page.text and "observational data" in page.text
    assert "观察数据" in client.get("/satisfaction/value?lang=zh").text
    data = client.get("/api/v1/satisfaction-value", params={"draws": 0}).json()
    assert data["table"][0]["predictor"] == "overall" and data["respondents"] > 0
    assert client.get("/satisfaction/value", params={"holdout": 5}).status_code in (400, 422)
    exported = client.get("/satisfaction/value", params={"export": "csv", "table": "value"})
    assert exported.status_code == 200 and len(exported.text.strip().splitlines()) == 8

"""Predictive CLV in the workbench: scoring and validation run as jobs, their results
equal the library's, the snapshot follows a scoring run, bad options are named."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import pytest

from custvalue.app import clv, jobs, snapshots
from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.web.conftest import Workbench, csrf_of, logged_in

SEED = 20240101


@pytest.fixture
def demo_bench(bench: Workbench) -> Iterator[Workbench]:
    with connect(bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
        snapshots.refresh(db)
    yield bench


def _run(bench: Workbench) -> None:
    while jobs.run_one(lambda: connect(bench.url, migrate=False), worker="test"):
        pass


def test_a_scoring_run_is_a_job_and_the_snapshot_follows(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "analyst")
    page = client.get("/clv")
    assert page.status_code == 200 and "No CLV has been scored yet" in page.text
    sent = client.post(
        "/clv/score",
        data={"csrf_token": csrf_of(page.text), "horizon": "26", "discount": "0.12"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    _run(demo_bench)
    job = client.get(f"/api/v1/jobs/{job_id}").json()
    assert job["state"] == "done", job["error"]
    with connect(demo_bench.url) as db:
        expected = clv.score_customers(db, horizon=26, discount=0.12)
        stored = db.frame(
            "SELECT customer_id, clv FROM snapshot_customers WHERE clv IS NOT NULL"
        ).sort("customer_id")
    assert job["result"]["params"] == pytest.approx(expected.fit.to_dict()["params"])
    by_id = dict(zip(expected.scores["customer_id"], expected.scores["clv"], strict=True))
    assert stored.height == len(by_id)
    assert all(abs(by_id[c] - v) < 1e-6 * max(1, abs(v)) for c, v in stored.iter_rows())
    shown = client.get("/clv").text
    assert "BG/NBD + Gamma-Gamma spend" in shown and "26 weeks" in shown
    top = re.findall(r'<td><a href="/customers/([^"]+)">', shown)
    best = stored.sort("clv", descending=True)["customer_id"].to_list()[: len(top)]
    assert top == best
    assert "预测 CLV" in client.get("/clv?lang=zh").text


def test_a_validation_draws_its_charts_in_both_languages(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "analyst")
    page = client.get("/clv")
    sent = client.post(
        "/clv/validate",
        data={"csrf_token": csrf_of(page.text), "calibration_end": "2024-06-30"},
        follow_redirects=False,
    )
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    _run(demo_bench)
    assert "See the validation" in client.get(f"/jobs/{job_id}").text
    shown = client.get(f"/clv/validations/{job_id}")
    assert shown.status_code == 200
    with connect(demo_bench.url) as db:
        expected = clv.validate_models(db, calibration_end=date(2024, 6, 30))
    mae = re.search(r'id="metric-mae"><div class="value">([^<]+)<', shown.text)
    assert mae and float(mae.group(1)) == pytest.approx(expected.metrics["mae"], abs=5e-5)
    figures = re.findall(r'id="chart-validation\d-data">(.*?)</script>', shown.text, re.S)
    assert len(figures) == 4
    tracking = json.loads(figures[0])
    assert tracking["layout"]["shapes"][0]["type"] == "line"  # the calibration end
    zh = client.get(f"/clv/validations/{job_id}?lang=zh").text
    assert "累计重复购买" in zh
    csv = client.get(f"/clv/validations/{job_id}?export=csv&table=by_frequency&lang=en")
    assert csv.status_code == 200 and csv.content.decode("utf-8-sig").startswith("Frequency")
    assert client.get(f"/clv/validations/{job_id + 99}").status_code == 404
    with connect(demo_bench.url) as db:  # a job that is not a finished validation
        other = jobs.submit(db, kind="snapshot", params={}, by=None, now=jobs.utcnow())
    refused = client.get(f"/api/v1/jobs/{other.job_id}")
    assert refused.status_code == 200
    page = client.get(f"/clv/validations/{other.job_id}?lang=en")
    assert page.status_code == 404 and "is not a finished CLV validation" in page.text
    assert "clvpage.no_validation" in page.text  # the code, under the message


def test_bad_options_are_named_before_a_job_is_queued(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "analyst")
    token = csrf_of(client.get("/clv").text)
    for data, named in [
        ({"horizon": "-5"}, "horizon"),
        ({"discount": "ten"}, "discount"),
        ({"margin": "1.5"}, "margin"),
        ({"model": "magic"}, "magic"),
        ({"calibration_end": "30/06/2024"}, "30/06/2024"),
    ]:
        answer = client.post("/clv/score", data={"csrf_token": token, **data})
        assert answer.status_code == 400 and named in answer.text, data
    missing = client.post("/clv/validate", data={"csrf_token": token})
    assert missing.status_code == 400 and "calibration_end" in missing.text
    backwards = client.post(
        "/clv/validate",
        data={
            "csrf_token": token,
            "calibration_end": "2024-06-30",
            "observation_end": "2024-01-01",
        },
    )
    assert backwards.status_code == 400 and "must come after" in backwards.text
    with connect(demo_bench.url) as db:
        assert jobs.count_jobs(db) == 0
    api = client.post("/api/v1/clv/score", json={"horizon": 0}, headers={"x-csrf-token": token})
    assert api.status_code == 400 and api.json()["code"] == "error.option"
    viewer = logged_in(demo_bench, "viewer")
    assert 'id="score-form"' in client.get("/clv").text
    assert 'id="score-form"' not in viewer.get("/clv").text
    refused = viewer.post("/clv/score", data={"csrf_token": csrf_of(viewer.get("/clv").text)})
    assert refused.status_code == 403
    assert client.get("/api/v1/clv/runs/latest").json()["run"] is None

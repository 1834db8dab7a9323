"""The overview and the snapshot's refresh: an empty store says what to do, the figures
are the snapshot's, in both languages; a refresh is a job an analyst starts."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import openpyxl
import pytest

from custvalue.app import jobs, snapshots
from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.web.conftest import Workbench, csrf_of, logged_in

SEED = 20240101


@pytest.fixture
def demo_bench(engine_bench: Workbench) -> Iterator[Workbench]:
    """The workbench over the demo company (200 customers), its snapshot computed."""
    with connect(engine_bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
        snapshots.refresh(db)
    yield engine_bench


def _figures(html: str) -> dict[str, dict[str, object]]:
    found = re.findall(
        r'<script type="application/json" id="chart-([a-z]+)-data">(.*?)</script>', html, re.S
    )
    return {name: json.loads(text) for name, text in found}


def test_an_empty_store_says_how_to_begin_in_both_languages(engine_bench: Workbench) -> None:
    client = logged_in(engine_bench, "viewer")
    page = client.get("/")
    assert page.status_code == 200
    assert "The store holds no data yet." in page.text
    assert "custvalue import customers FILE" in page.text
    assert "chart-" not in page.text and "Refresh now" not in page.text  # a viewer
    zh = client.get("/?lang=zh").text
    assert "数据库中还没有数据。" in zh and "尚未计算任何数据。" in zh
    api = client.get("/api/v1/overview").json()
    assert api["freshness"]["snapshot_id"] is None and api["headline"] is None


def test_the_overview_shows_the_snapshot_s_figures(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/")
    with connect(demo_bench.url) as db:
        stored = snapshots.overview(db).summary
    head = stored["headline"]
    assert page.status_code == 200
    kpi = re.search(r'id="kpi-revenue">\s*<div class="value">([^<]+)<', page.text)
    assert kpi and kpi.group(1) == f"{head['revenue']:,.0f}"
    share = re.search(
        r'id="kpi-customers_for_80pct_revenue">\s*<div class="value">([^<]+)<', page.text
    )
    assert share and share.group(1) == f"{head['customers_for_80pct_revenue'] * 100:.1f}%"
    figures = _figures(page.text)
    assert set(figures) == {"pyramid", "pareto", "rfm", "histogram"}
    pyramid = figures["pyramid"]["data"][0]  # type: ignore[index]
    assert pyramid["x"] == [r["customers"] for r in stored["pyramid"]]
    assert pyramid["y"][0].startswith("<b>Platinum</b>")
    pareto = figures["pareto"]
    assert pareto["layout"]["shapes"][0]["y0"] == 0.8  # type: ignore[index]
    assert pareto["layout"]["shapes"][1]["x0"] == head["customers_for_80pct_revenue"]  # type: ignore[index]
    heat = figures["rfm"]["data"][0]  # type: ignore[index]
    assert sum(int(c) for row in heat["text"] for c in row) == head["customers"]
    histogram = figures["histogram"]["data"][0]  # type: ignore[index]
    assert sum(histogram["y"]) == head["customers"]
    assert "Snapshot 1, ledger as of" in page.text
    zh = client.get("/?lang=zh").text
    assert "客户等级金字塔" in zh and "白金" in zh and "Platinum" not in zh


def test_the_overview_s_tables_export_with_their_labels(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    with connect(demo_bench.url) as db:
        tiers = snapshots.overview(db).summary["tiers"]
    csv = client.get("/?export=csv&table=tiers")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Tier,Customers,Revenue,Realized value"
    assert len(lines) == 1 + len(tiers)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/?export=xlsx&lang=zh").content))
    assert [ws.title for ws in book.worksheets] == ["客户等级", "RFM 细分", "客户类别"]
    first = book.worksheets[0]
    assert [c.value for c in first[1]] == ["层级", "客户数", "收入", "既成价值"]
    counts = sorted(int(r[1].value) for r in first.iter_rows(min_row=2))
    assert counts == sorted(int(r["customers"]) for r in tiers)
    bad = client.get("/?export=pdf")
    assert bad.status_code == 400 and "csv, xlsx" in bad.text


def test_a_refresh_is_a_job_only_an_analyst_starts(demo_bench: Workbench) -> None:
    viewer = logged_in(demo_bench, "viewer")
    token = csrf_of(viewer.get("/").text)
    refused = viewer.post("/snapshots/refresh", data={"csrf_token": token}, follow_redirects=False)
    assert refused.status_code == 403
    analyst = logged_in(demo_bench, "analyst")
    page = analyst.get("/")
    assert "Refresh now" in page.text
    no_token = analyst.post("/snapshots/refresh", follow_redirects=False)
    assert no_token.status_code == 403  # CSRF
    sent = analyst.post(
        "/snapshots/refresh", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert sent.status_code == 303
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    again = analyst.post(
        "/snapshots/refresh", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert again.headers["location"] == f"/jobs/{job_id}"  # the waiting one, not a second
    waiting = analyst.get("/").text
    assert f"refresh under way (job {job_id})" in waiting
    assert "data-job-poll" in analyst.get(f"/jobs/{job_id}").text
    with connect(demo_bench.url) as db:
        assert jobs.run_one(lambda: connect(db.url, migrate=False), worker="test") is True
        assert snapshots.freshness(db).snapshot_id == 2
    done = analyst.get(f"/jobs/{job_id}").text
    assert "The figures are computed anew." in done and "data-job-poll" not in done
    assert re.search(r"<dt>Customers</dt><dd>200</dd>", done)
    assert "Snapshot 2, ledger as of" in analyst.get("/").text


def test_the_api_answers_the_overview_freshness_and_a_refresh(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "analyst")
    fresh = client.get("/api/v1/snapshots/freshness").json()
    assert fresh["snapshot_id"] == 1 and fresh["customers"] == 200 and fresh["stale"] is False
    overview = client.get("/api/v1/overview").json()
    with connect(demo_bench.url) as db:
        assert overview["headline"] == snapshots.overview(db).to_dict()["headline"]
    page = client.get("/")
    sent = client.post("/api/v1/snapshots/refresh", headers={"x-csrf-token": csrf_of(page.text)})
    assert sent.status_code == 202
    body = sent.json()
    assert (body["kind"], body["state"], body["state_label"]) == ("snapshot", "queued", "queued")
    zh = client.get(f"/api/v1/jobs/{body['job_id']}?lang=zh").json()
    assert (zh["kind_label"], zh["state_label"]) == ("快照刷新", "排队中")


def test_a_store_with_data_but_no_snapshot_says_it_is_coming(demo_bench: Workbench) -> None:
    with connect(demo_bench.url) as db:
        db.execute("DELETE FROM snapshot_customers")
        db.execute("DELETE FROM snapshot_summary")
        db.execute("DELETE FROM snapshots")
    page = logged_in(demo_bench, "analyst").get("/")
    assert "its figures have not been computed yet" in page.text
    assert "Refresh now" in page.text

"""Value to the customer in the workbench: Gale's seven tools, delivered value with its
what-if, the choice model fitted as a job and its what-if — each page's figures checked
against an independent computation, bad input named, empty stores explained."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from custvalue.app import jobs, snapshots
from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.web.conftest import Workbench, csrf_of, logged_in

SEED = 20240101
EXAMPLES = Path(__file__).resolve().parents[2] / "custvalue" / "examples" / "choice"


@pytest.fixture
def demo_bench(bench: Workbench) -> Iterator[Workbench]:
    with connect(bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
        snapshots.refresh(db)
    yield bench


def _run(bench: Workbench) -> None:
    while jobs.run_one(lambda: connect(bench.url, migrate=False), worker="test"):
        pass


def _weighted_ratio(db_url: str, *, wave: str, segment: str | None, rival: str) -> float:
    """Gale's overall quality ratio against ``rival``, by hand from the stored tables: per
    attribute the mean ratings of us and the rival by the respondents who rated both, their
    ratio, weighted by the mean stated weight (Σ wᵢ rᵢ / Σ wᵢ)."""
    with connect(db_url) as db:
        ratings = db.frame("SELECT * FROM cva_ratings")
        weights = db.frame("SELECT * FROM cva_weights")
    scope = pl.col("wave") == wave
    if segment is not None:
        scope = scope & (pl.col("segment") == segment)
    weights = weights.filter(scope & (pl.col("kind") == "quality"))
    sets = weights.select("wave", "segment", "respondent").n_unique()
    weight = weights.group_by("attribute").agg((pl.col("weight").sum() / sets).alias("w"))
    rated = ratings.filter(scope & pl.col("attribute").is_in(weight["attribute"].to_list()))
    keys = ["respondent", "attribute"]
    us = (
        rated.filter(pl.col("competitor") == "汇达办公")
        .group_by(keys)
        .agg(pl.col("rating").mean().alias("us"))
    )
    them = (
        rated.filter(pl.col("competitor") == rival)
        .group_by(keys)
        .agg(pl.col("rating").mean().alias("them"))
    )
    means = us.join(them, on=keys).group_by("attribute").agg(pl.col("us", "them").mean())
    table = means.join(weight, on="attribute")
    return float((table["us"] / table["them"] * table["w"]).sum() / table["w"].sum())


def test_the_seven_tools_are_drawn_and_equal_a_hand_computation(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/value")
    assert page.status_code == 200
    for tool in ("quality", "price", "value_map", "win_loss", "head_to_head", "events"):
        assert f'id="tool-{tool}"' in page.text and f'id="chart-value_{tool}"' in page.text
    assert 'id="tool-what_who"' in page.text and 'id="tool-trend"' in page.text
    assert "Market-perceived quality profile" in page.text
    data = client.get("/api/v1/value/tools").json()
    assert data["wave"] == data["waves"][-1] and data["latest"] is True
    for segment in (None, "大客户"):
        query = {"segment": segment} if segment else {}
        shown = client.get("/api/v1/value/tools", params=query).json()
        for row in shown["quality"]["overall"]:
            expected = _weighted_ratio(
                demo_bench.url, wave=shown["wave"], segment=segment, rival=row["rival"]
            )
            assert row["ratio"] == pytest.approx(expected, rel=1e-9), (segment, row)
    # the head-to-head's areas add up to its net (Gale: the weighted score difference)
    h2h = data["head_to_head"]
    assert sum(r["area"] for r in h2h["attributes"]) == pytest.approx(h2h["net"])
    chinese = client.get("/value?lang=zh").text
    assert "盖尔" in chinese and "市场感知质量分析" in chinese


def test_a_table_exports_and_a_bad_scope_is_named(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    exported = client.get("/value", params={"export": "csv", "table": "value_map"})
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert lines[0][0] == "Competitor" and len(lines) == 1 + 4
    wrong = client.get("/value", params={"wave": "2019H1"})
    assert wrong.status_code == 400 and "2019H1" in wrong.text and "2026H1" in wrong.text
    api = client.get("/api/v1/value/tools", params={"rival": "nobody"})
    assert api.status_code == 400 and api.json()["code"] == "cli.cva_unknown_value"
    kind = client.get("/api/v1/value/tools", params={"kind": "taste"})
    assert kind.status_code == 400


def test_pages_without_data_say_what_to_import(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    tools = client.get("/value")
    assert tools.status_code == 200 and 'id="nothing-yet"' in tools.text
    assert "no survey ratings are stored" in tools.text and 'href="/imports"' in tools.text
    delivered = client.get("/value/delivered?lang=zh")
    assert delivered.status_code == 200 and 'id="nothing-yet"' in delivered.text
    choice = client.get("/value/choice")
    assert choice.status_code == 200 and 'id="no-fit"' in choice.text
    assert client.get("/api/v1/value/choice").json() == {"fit": None, "shares": None}


def _delivered_by_hand(db_url: str, segment: str) -> dict[str, float]:
    """Delivered value of each offering = Σ value components − Σ cost components, in
    money (a score times its worth per point)."""
    with connect(db_url) as db:
        frame = db.frame("SELECT * FROM cva_offerings")
    part = frame.filter(pl.col("segment") == segment)
    money = (
        pl.when(pl.col("unit") == "score")
        .then(pl.col("amount") * pl.col("per_point"))
        .otherwise(pl.col("amount"))
    )
    signed = pl.when(pl.col("kind") == "value").then(money).otherwise(-money)
    totals = part.group_by("offering").agg(signed.sum().alias("delivered"))
    return dict(totals.iter_rows())


def test_delivered_what_if_names_the_new_winner_and_the_lead(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/value/delivered")
    assert page.status_code == 200 and 'id="chart-delivered0"' in page.text
    base = _delivered_by_hand(demo_bench.url, "中小企业")
    query = {"segment": "中小企业", "offering": "快购办公网", "component": "service"}
    with connect(demo_bench.url) as db:
        service = db.scalar(
            "SELECT amount FROM cva_offerings WHERE segment = ? AND offering = ?"
            " AND component = 'service'",
            ["中小企业", "快购办公网"],
        )
    raise_by = base["汇达办公"] - base["快购办公网"] + 300  # ahead of us by 300 afterwards
    answer = client.get(
        "/api/v1/value/delivered/what-if", params={**query, "amount": str(service + raise_by)}
    ).json()
    after = {r["offering"]: r["delivered_value_after"] for r in answer["offerings"]}
    assert after["快购办公网"] == pytest.approx(base["快购办公网"] + raise_by)
    assert after["汇达办公"] == pytest.approx(base["汇达办公"])
    difference = next(r for r in answer["choice"] if r["rule"] == "difference")
    assert difference["winner_after"] == "快购办公网" and difference["changed"] is True
    assert difference["margin_after"] == pytest.approx(300)
    shown = client.get("/value/delivered", params={**query, "amount": str(service + raise_by)})
    assert "the choice changes from" in shown.text and 'id="chart-what_if"' in shown.text
    assert "300.00" in shown.text
    zh = client.get(
        "/value/delivered", params={**query, "amount": str(service + raise_by), "lang": "zh"}
    )
    assert "顾客的选择由" in zh.text


def test_delivered_what_if_refuses_bad_input(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    query = {"segment": "中小企业", "offering": "快购办公网", "component": "service"}
    bad = client.get("/value/delivered", params={**query, "amount": "a lot"})
    assert bad.status_code == 400 and "a lot" in bad.text and "1,200.50" in bad.text
    negative = client.get("/api/v1/value/delivered/what-if", params={**query, "amount": "-5"})
    assert negative.status_code == 400
    nobody = client.get(
        "/api/v1/value/delivered/what-if", params={**query, "offering": "无名", "amount": "5"}
    )
    assert nobody.status_code == 400 and nobody.json()["code"] == "delivered.whatif_unknown"
    assert (
        client.get("/api/v1/value/delivered/what-if", params={**query, "amount": "x"}).json()[
            "code"
        ]
        == "valuepage.whatif_bad_amount"
    )
    assert "汇达办公" in nobody.json()["message"]


def _fit_example(bench: Workbench) -> int:
    client = logged_in(bench, "analyst")
    page = client.get("/value/choice")
    sent = client.post(
        "/value/choice/fit",
        data={"csrf_token": csrf_of(page.text), "example": "tv"},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    _run(bench)
    return job_id


def test_the_choice_fit_is_a_job_and_its_shares_equal_the_library(
    demo_bench: Workbench,
) -> None:
    from custvalue.choice import Change, ConditionalLogit, read_choices, read_scenario, what_if

    job_id = _fit_example(demo_bench)
    client = logged_in(demo_bench, "viewer")
    assert client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "done"
    changes = ["TCL:价格-=300", "TCL:门店=浦口苏宁"]
    answer = client.get("/api/v1/value/choice", params={"change": changes}).json()
    # the same model fitted as `custvalue choice fit` fits it
    table = read_choices(
        EXAMPLES / "tv_survey.csv", categorical={"品牌": "TCL", "门店": "新街口苏宁"}
    )
    model = ConditionalLogit(
        attributes=list(table.numeric), categorical=table.categorical, price="价格"
    ).fit(table.rows)
    scenario, _, _ = read_scenario(EXAMPLES / "tv_shop.csv", model)
    expected = what_if(model, scenario, [Change.parse(c) for c in changes]).table
    got = {r["alternative"]: r for r in answer["shares"]["shares"]}
    for row in expected.iter_rows(named=True):
        assert got[row["alternative"]]["after_share"] == pytest.approx(row["after_share"], rel=1e-9)
    assert answer["shares"]["winner_after"] == "TCL"
    page = client.get(
        "/value/choice",
        params={"alt": ["TCL", "TCL"], "attr": ["价格", "门店"], "value": ["-=300", "浦口苏宁"]},
    )
    assert page.status_code == 200 and 'id="chart-choice_shares"' in page.text
    assert "Most chosen before: 长虹; after the changes: TCL." in page.text
    assert "顾客为何选择" in client.get("/value/choice?lang=zh").text
    bad = client.get("/api/v1/value/choice", params={"change": ["TCL:价格=cheap"]})
    assert bad.status_code == 400 and "cheap" in bad.json()["message"]


def test_an_uploaded_choice_file_with_a_bad_row_fails_naming_it(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "analyst")
    lines = (EXAMPLES / "tv_survey.csv").read_text(encoding="utf-8").splitlines()[:41]
    cells = lines[7].split(",")
    assert lines[0].split(",")[3] == "价格"
    lines[7] = ",".join([*cells[:3], "cheap", *cells[4:]])  # line 8 of the file
    page = client.get("/value/choice")
    sent = client.post(
        "/value/choice/fit",
        data={"csrf_token": csrf_of(page.text), "categorical": "品牌=TCL, 门店"},
        files={"choices": ("survey.csv", "\n".join(lines).encode("utf-8"), "text/csv")},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    job_id = int(sent.headers["location"].rsplit("/", 1)[1])
    _run(demo_bench)
    job = client.get(f"/api/v1/jobs/{job_id}").json()
    assert job["state"] == "failed"
    assert "8" in job["error"]["message"] and "cheap" in job["error"]["message"]
    assert client.get("/api/v1/value/choice").json()["fit"] is None
    nothing = client.post(
        "/value/choice/fit", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert nothing.status_code == 400 and "choose the bundled example" in nothing.text
    wrong = client.post(
        "/value/choice/fit",
        data={"csrf_token": csrf_of(page.text)},
        files={"choices": ("survey.pdf", b"%PDF", "application/pdf")},
        follow_redirects=False,
    )
    assert wrong.status_code == 400 and "survey.pdf" in wrong.text


def test_a_viewer_cannot_fit(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/value/choice")
    assert 'id="choice-fit-form"' not in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    sent = client.post("/value/choice/fit", data={"csrf_token": token.group(1), "example": "tv"})
    assert sent.status_code == 403

"""Loyalty in the workbench: the ladder, the types, the lists and the total value ranking
from the store, equal to the application layer; exports; an empty store explained."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.app.loyalty import loyalty, total_customer_value
from custvalue.data.db import connect
from tests.web.conftest import Workbench, logged_in


@pytest.fixture
def demo_bench(bench: Workbench) -> Iterator[Workbench]:
    with connect(bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=3), seed=3)
    yield bench


def test_the_page_and_the_api(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    page = client.get("/loyalty")
    assert page.status_code == 200
    assert 'id="chart-loyalty_ladder"' in page.text and "Total customer value" in page.text
    names = ("stages", "types", "kinds", "index", "at_risk", "false_loyalty",
             "silent_promoters", "total")  # fmt: skip
    for name in names:
        assert page.text.count(f'id="table-{name}"') == 1
    assert 'id="chart-loyalty_index"' in page.text and "behavioural (habit)" in page.text
    assert "custvalue clv score" in page.text  # no CLV run yet: said, not an empty list alone
    chinese = client.get("/loyalty?lang=zh").text
    assert "忠诚阶梯" in chinese and "伪忠诚" in chinese and "总客户价值" in chinese
    assert "行为型（习惯）" in chinese and "忠诚度指数" in chinese
    data = client.get("/api/v1/loyalty", params={"limit": 5}).json()
    with connect(demo_bench.url) as db:
        expected = loyalty(db)
        total = total_customer_value(db)
    assert [r["customers"] for r in data["stages"]] == expected.stages["customers"].to_list()
    assert len(data["total"]["customers"]) == 5
    assert [r["customers"] for r in data["kinds"]] == expected.kinds["customers"].to_list()
    assert data["dimensions"][-1]["dimension"] == "loyalty_index"
    assert data["total"]["customers"][0]["customer_id"] == total.customers["customer_id"][0]
    bad = client.get("/api/v1/loyalty", params={"limit": 0})
    assert bad.status_code in (400, 422)


def test_exports_hold_every_row(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    exported = client.get("/loyalty", params={"export": "csv", "table": "total"})
    assert exported.status_code == 200
    assert len(exported.text.strip().splitlines()) == 201  # the header and every customer


def test_an_empty_store_says_what_to_import(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    page = client.get("/loyalty")
    assert page.status_code == 200 and "import customers and orders" in page.text
    missing = client.get("/api/v1/loyalty")
    assert missing.status_code == 404 and missing.json()["code"] == "loyalty.no_customers"

"""The customer list and a customer's page: what the snapshot holds, labelled, filtered,
sorted and paged (every customer once), exported whole; bad requests named."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import openpyxl
import polars as pl
import pytest

from custvalue.app import snapshots
from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from custvalue.data.importing import import_frames
from tests.web.conftest import Workbench, logged_in

SEED = 20240101


@pytest.fixture
def demo_bench(engine_bench: Workbench) -> Iterator[Workbench]:
    with connect(engine_bench.url) as db:
        create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
        snapshots.refresh(db)
    yield engine_bench


@pytest.fixture
def tiny_bench(bench: Workbench) -> Workbench:
    """Three customers: A referred B; C never ordered."""
    with connect(bench.url) as db:
        import_frames(
            db,
            {
                "customers": pl.DataFrame(
                    {
                        "customer_id": ["A", "B", "C"],
                        "name": ["Alpha 甲", "Beta 乙", "Gamma 丙"],
                        "referred_by": [None, "A", None],
                    }
                ),
                "orders": pl.DataFrame(
                    {
                        "order_id": ["o1", "o2", "o3", "o4"],
                        "customer_id": ["A", "A", "B", "B"],
                        "date": ["2023-03-01", "2024-05-01", "2024-06-01", "2024-12-31"],
                        "amount": ["100.00", "300.00", "50.00", "50.00"],
                    }
                ),
            },
            source="tiny",
        )
        snapshots.refresh(db)
    return bench


def _ids(html: str) -> list[str]:
    return re.findall(r'<td><a href="/customers/([^"]+)">', html)


def test_the_list_pages_through_every_customer_once_in_order(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    url: str | None = "/customers?sort=revenue&order=desc"
    seen: list[str] = []
    while url is not None:
        page = client.get(url)
        assert page.status_code == 200
        seen += _ids(page.text)
        found = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        url = found.group(1).replace("&amp;", "&") if found else None
    with connect(demo_bench.url) as db:
        expected = (
            db.frame("SELECT customer_id, revenue FROM snapshot_customers")
            .sort(["revenue", "customer_id"], descending=[True, False], nulls_last=True)[
                "customer_id"
            ]
            .to_list()
        )
    assert seen == expected and len(seen) == 200
    listed = client.get("/customers")
    assert "200 customers match." in listed.text
    assert '<option value="customer_total"' in listed.text


def test_filters_search_and_labels_in_both_languages(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    with connect(demo_bench.url) as db:
        gold = db.frame("SELECT customer_id FROM snapshot_customers WHERE tier = 'gold'")
    page = client.get("/customers?tier=gold")
    assert f"{gold.height} customers match." in page.text
    assert set(_ids(page.text)) <= set(gold["customer_id"].to_list())
    assert "<td>Gold</td>" in page.text and "<td>gold</td>" not in page.text
    assert '<option value="gold" selected>Gold</option>' in page.text
    zh = client.get("/customers?tier=gold&lang=zh").text
    assert "<td>黄金</td>" in zh and "层级" in zh
    first = _ids(page.text)[0]
    searched = client.get(f"/customers?q={first.lower()}&lang=en").text
    assert first in _ids(searched)
    nothing = client.get("/customers?q=nobody-is-called-this").text
    assert "No customer matches these conditions." in nothing


def test_bad_list_options_are_named(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    bad = client.get("/customers?tier=diamond")
    assert bad.status_code == 400 and "diamond" in bad.text and "platinum" in bad.text
    assert "Traceback" not in bad.text
    cursor = client.get("/customers?after=not-a-cursor")
    assert cursor.status_code == 400 and "not-a-cursor" in cursor.text
    sort = client.get("/api/v1/customers?sort=password")
    assert sort.status_code == 400 and sort.json()["code"] == "validation.choice"
    assert "password" in sort.json()["message"]
    assert client.get("/api/v1/customers?after=%%%").json()["code"] == "api.bad_cursor"


def test_the_export_holds_every_matching_customer(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    csv = client.get("/customers?export=csv&table=customers&tier=lead")
    lines = csv.content.decode("utf-8-sig").splitlines()
    with connect(demo_bench.url) as db:
        leads = int(db.scalar("SELECT COUNT(*) FROM snapshot_customers WHERE tier = 'lead'"))
    assert len(lines) == 1 + leads and leads > 50  # more than one page
    assert lines[0].startswith("Customer,Name,Tier,Segment,Class,")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/customers?export=xlsx&lang=zh").content))
    sheet = book.worksheets[0]
    assert sheet.max_row == 201
    assert [c.value for c in sheet[1]][:3] == ["客户编号", "名称", "层级"]
    revenue_col = [c.value for c in sheet[1]].index("收入")
    assert all(isinstance(r[revenue_col].value, float | int) for r in sheet.iter_rows(min_row=2))


def test_a_customer_s_page_holds_years_referrals_and_orders(tiny_bench: Workbench) -> None:
    client = logged_in(tiny_bench, "viewer")
    page = client.get("/customers/A")
    assert page.status_code == 200
    assert "Alpha 甲" in page.text and "referred 1 customer(s)" in page.text
    assert '<a href="/customers/B">B</a>' in page.text
    years = re.search(r'id="chart-years-data">(.*?)</script>', page.text, re.S)
    assert years and '"2023"' in years.group(1) and '"2024"' in years.group(1)
    assert "o2" in page.text and "o1" in page.text and "o3" not in page.text
    child = client.get("/customers/b").text  # the id as typed, any case
    assert "Beta 乙" in child and '<a href="/customers/A">A</a>' in child
    assert "No orders." in client.get("/customers/C").text
    missing = client.get("/customers/ZZZ")
    assert missing.status_code == 404 and "ZZZ" in missing.text
    orders = client.get("/customers/A?export=csv&table=orders").content.decode("utf-8-sig")
    assert orders.splitlines()[0].startswith("Order,Date,Amount")
    assert len(orders.splitlines()) == 3
    zh = client.get("/customers/A?lang=zh").text
    assert "推荐关系" in zh and "最近订单" in zh
    # the total customer value with the number of its parts (no survey, no CLV run: 3)
    assert 'id="kpi-customer_total"' in page.text and "3 of 5 parts" in page.text
    assert "总客户价值（0–100）" in zh and "计入 3/5 个部分" in zh
    # stage and type from the ledger (two orders, referred B who bought; no survey)
    assert 'id="loyalty"' in page.text and "advocate" in page.text
    assert "unknown (no survey answer)" in page.text and "满意度与忠诚" in zh


def test_the_api_pages_the_list_and_answers_one_customer(demo_bench: Workbench) -> None:
    client = logged_in(demo_bench, "viewer")
    seen: list[str] = []
    after: str | None = None
    while True:
        query = {"limit": "37", "sort": "customer_id", "order": "asc", "class": "key"}
        if after:
            query["after"] = after
        body = client.get("/api/v1/customers", params=query).json()
        seen += [c["customer_id"] for c in body["items"]]
        after = body["next"]
        if after is None:
            break
    with connect(demo_bench.url) as db:
        keys = sorted(
            db.frame("SELECT customer_id FROM snapshot_customers WHERE class = 'key'")[
                "customer_id"
            ].to_list()
        )
    assert seen == keys and body["total"] == len(keys)
    one = client.get(f"/api/v1/customers/{keys[0]}").json()
    assert one["customer"]["customer_id"] == keys[0] and one["freshness"]["snapshot_id"] == 1
    gone = client.get("/api/v1/customers/nobody")
    assert gone.status_code == 404 and set(gone.json()) == {"status", "code", "message", "details"}


def test_without_a_snapshot_the_pages_say_so(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    assert "No figures computed yet." in client.get("/customers").text
    none = client.get("/customers/A")
    assert none.status_code == 404
    assert client.get("/api/v1/customers").json()["total"] == 0

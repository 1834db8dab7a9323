"""The keeping-customers pages end to end in Debian's chromium (Playwright with
``executable_path``, no browser download): a complaint recorded in the form, its number
and clocks read, moved and closed with a call-back score — in English, then in Chinese;
the charts drawn; the contact plan and the shipment notices shown. A screenshot of each
page in each language (1280 wide) is saved under ``$KEEPING_SHOTS`` (default
/tmp/keeping-shots)."""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from custvalue.data.db import connect
from tests.web.browser import CHROMIUM, FLAGS, serve
from tests.web.conftest import PASSWORD, Workbench, make_workbench
from tests.web.test_keeping_pages import MONDAY, seed

SHOTS = Path(os.environ.get("KEEPING_SHOTS", "/tmp/keeping-shots"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Workbench, str]]:
    made = make_workbench(str(tmp_path / "web.db"))
    with connect(made.url, migrate=False) as db:
        seed(db, tmp_path)
    made.clock.now = MONDAY
    with serve(made) as base:
        yield made, base


def _shot(page: Any, name: str) -> None:
    """A full-page screenshot; it is 1280 wide, so nothing spills out of the page."""
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    width = struct.unpack(">I", path.read_bytes()[16:20])[0]
    assert width == 1280, (name, width)


def _record_move_close(page: Any, base: str, words: dict[str, str]) -> str:
    """Record a complaint in the form, read its number and clocks, move it, close it."""
    page.goto(base + "/complaints")
    form = page.locator("#record-form")
    form.locator("input[name=customer]").fill("C3")
    form.locator("select[name=channel]").select_option("wechat")
    form.locator("input[name=category]").fill(words["category"])
    form.locator("select[name=severity]").select_option("urgent")
    form.locator("input[name=order]").fill("O3")
    form.locator("input[name=team]").fill(words["team"])
    form.locator("textarea[name=text]").fill(words["text"])
    form.locator("button[type=submit]").click()
    number = page.locator("#complaint-number").inner_text()
    found = re.search(r"TS\d{8}-\d{4}", number)
    assert found, number
    number = found.group(0)
    assert page.url.startswith(f"{base}/complaints/{number}")
    assert number in page.locator("#complaint-notice").inner_text()
    assert words["text"] in page.locator("#confirmation-now").inner_text()
    response = page.locator("#clock-response").inner_text()
    assert words["running"] in response and words["left"] in response
    assert "2026-03-02 12:00" in response  # urgent: two working hours after 10:00
    _shot(page, f"complaint-recorded-{words['lang']}")

    move = page.locator("#move-form")
    move.locator("select[name=status]").select_option("investigating")
    move.locator("input[name=root_cause]").fill(words["cause"])
    move.locator("button[type=submit]").click()
    assert words["investigating"] in page.locator("#complaint-status").inner_text()
    assert words["met"] in page.locator("#clock-response").inner_text()

    close = page.locator("#close-form")
    close.locator("select[name=score]").select_option("4")
    close.locator("button[type=submit]").click()
    assert words["closed"] in page.locator("#complaint-status").inner_text()
    assert words["closed"] in page.locator("#complaint-notice").inner_text()
    details = page.locator("#details").inner_text()
    assert words["score"] in details and words["cause"] in details
    history = page.locator("#table-history").inner_text()
    assert words["closed_action"] in history
    _shot(page, f"complaint-closed-{words['lang']}")
    return number


ENGLISH = {
    "lang": "en",
    "category": "Late delivery",
    "team": "Logistics",
    "text": "The paper came two days late.",
    "cause": "Warehouse shifts",
    "running": "running",
    "left": "h left",
    "investigating": "investigating",
    "met": "met",
    "closed": "closed",
    "score": "satisfaction 4 of 5",
    "closed_action": "closed",
}
CHINESE = {
    "lang": "zh",
    "category": "送货延迟",
    "team": "物流部",
    "text": "货物晚到两天，客户很着急。",
    "cause": "仓库排班不足",
    "running": "进行中",
    "left": "剩余",
    "investigating": "调查",
    "met": "已达成",
    "closed": "结案",
    "score": "满意度 4（满分 5）",
    "closed_action": "结案",
}


def test_a_complaint_from_the_form_to_closure_in_both_languages(
    served: tuple[Workbench, str],
) -> None:
    from playwright.sync_api import sync_playwright

    bench, base = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on(  # a chart saved as PNG is a blob of this page, not a request out
                "request",
                lambda r: (
                    None if r.url.startswith((base, "blob:" + base)) else outside.append(r.url)
                ),
            )
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(base + "/login?next=/complaints")
            page.fill("input[name=name]", "analyst")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            assert page.url == base + "/complaints"

            english = _record_move_close(page, base, ENGLISH)
            page.click("text=中文")  # the language switch; the cookie keeps it
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            assert page.locator("#complaint-status").inner_text() == "结案"
            chinese = _record_move_close(page, base, CHINESE)
            assert chinese != english

            for lang, switch in (("zh", None), ("en", "text=English")):
                if switch:
                    page.click(switch)
                _pages(page, base, lang, chinese)
        finally:
            browser.close()
    assert outside == [], "requests left the server"
    assert problems == [], problems


HEADINGS = {
    "en": {"complaints": "Complaints", "contacts": "Contact plan", "notices": "Shipment notices"},
    "zh": {"complaints": "投诉管理", "contacts": "接触计划", "notices": "发货通知"},
}


def _pages(page: Any, base: str, lang: str, number: str) -> None:
    """Every page of the three in ``lang``, drawn and photographed."""
    page.goto(base + "/complaints")
    assert page.locator("h1").inner_text() == HEADINGS[lang]["complaints"]
    for chart in ("complaints_sla", "complaints_causes"):
        page.wait_for_selector(f"#chart-{chart} .main-svg", timeout=20_000)
    overdue_rows = page.locator("#table-complaints tr.overdue")
    assert overdue_rows.count() >= 1  # the seeded complaint past its deadlines
    assert page.locator("#table-complaints .sla-failed").count() >= 1
    _shot(page, f"complaints-{lang}")
    page.goto(base + f"/complaints/{number}")
    _shot(page, f"complaint-{lang}")
    page.goto(base + "/complaints?by=period&period=week&cause_by=root_cause#report")
    page.wait_for_selector("#chart-complaints_causes .main-svg", timeout=20_000)
    _shot(page, f"complaints-by-week-{lang}")
    page.goto(base + "/contacts")
    assert page.locator("h1").inner_text() == HEADINGS[lang]["contacts"]
    assert page.locator("#table-contacts tr.overdue").count() >= 1
    _shot(page, f"contacts-{lang}")
    page.goto(base + "/notices?shipment=S1")
    assert page.locator("h1").inner_text() == HEADINGS[lang]["notices"]
    assert "沪A12345" in page.locator("#rendered-body").inner_text()
    _shot(page, f"notices-{lang}")


def test_contacts_and_notices_forms_in_the_browser(served: tuple[Workbench, str]) -> None:
    """Plan, log and hand over contacts; send the notices with no mail server (rendered
    and logged, said so)."""
    from playwright.sync_api import sync_playwright

    bench, base = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm questions
            page.goto(base + "/login?next=/contacts")
            page.fill("input[name=name]", "analyst")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            assert page.url == base + "/contacts"
            assert page.locator("html").get_attribute("lang") == "zh-CN"

            log = page.locator("#log-form")
            log.locator("input[name=customer]").fill("C3")
            log.locator("input[name=outcome]").fill("询价，下周报价")
            log.locator("button[type=submit]").click()
            assert "已记录为完成" in page.locator("#contacts-notice").inner_text()

            handover = page.locator("#reassign-form")
            handover.locator("input[name=source]").fill("张三")
            handover.locator("input[name=target]").fill("李四")
            handover.locator("button[type=submit]").click()
            assert "移交给 李四" in page.locator("#contacts-notice").inner_text()
            assert "李四" in page.locator("#table-owners").inner_text()
            _shot(page, "contacts-handed-over-zh")

            page.goto(base + "/notices")
            send = page.locator("#send-form")
            send.locator("input[name=shipments]").fill("S1 S2")
            send.locator("button[type=submit]").click()
            assert "仅生成 2 条" in page.locator("#batch-summary").inner_text()
            assert page.locator("#table-batch tbody tr").count() == 2
            _shot(page, "notices-sent-zh")
            assert bench.url  # the store stays the one the fixture made
        finally:
            browser.close()
    assert problems == [], problems

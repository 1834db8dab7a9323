"""The member card end to end in Debian's chromium (Playwright with ``executable_path``, no
browser download): a card opened in the form, recharged, a bill paid partly from stored
value, then a bill paid with points (a redemption), the balances read off the page after
each — in English, then in Chinese. Then every page of cards, win-back, the what-if and
referrals, and a customer's page, drawn in both languages; a screenshot of each (1280
wide) is saved under ``$KEEPING_MORE_SHOTS`` (default /tmp/keeping-more-shots)."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from custvalue.app import snapshots
from custvalue.data.db import connect
from tests.web.browser import CHROMIUM, FLAGS, serve
from tests.web.conftest import PASSWORD, Workbench, make_workbench
from tests.web.test_keeping_more_pages import MONDAY, seed

SHOTS = Path(os.environ.get("KEEPING_MORE_SHOTS", "/tmp/keeping-more-shots"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Workbench, str]]:
    made = make_workbench(str(tmp_path / "web.db"))
    with connect(made.url, migrate=False) as db:
        seed(db)
        snapshots.refresh(db)
    made.clock.now = MONDAY
    with serve(made) as base:
        yield made, base


def _shot(page: Any, name: str) -> None:
    """A full-page screenshot; it is 1280 wide, so nothing spills out of the page."""
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    width = struct.unpack(">I", path.read_bytes()[16:20])[0]
    assert width == 1280, (name, width)


def _kpi(page: Any, key: str) -> str:
    return str(page.locator(f"#kpi-{key} .value").inner_text()).strip()


def _card_round(page: Any, base: str, words: dict[str, str]) -> None:
    """Open a card in the form, recharge it, pay a bill partly from stored value, then a
    bill with points; read the balances off the page after each step."""
    page.goto(base + "/cards")
    form = page.locator("#open-form")
    form.locator("input[name=customer]").fill(words["customer"])
    form.locator("button[type=submit]").click()
    card = words["card"]
    assert page.url.startswith(f"{base}/cards/{card}")
    assert card in page.locator("#card-notice").inner_text()
    assert _kpi(page, "stored") == "0.00" and _kpi(page, "points") == "0"

    recharge = page.locator("#recharge-form")
    recharge.locator("input[name=amount]").fill("1000")
    recharge.locator("button[type=submit]").click()
    assert words["recharged"] in page.locator("#card-notice").inner_text()
    assert _kpi(page, "stored") == "1,000.00"

    spend = page.locator("#spend-form")
    spend.locator("input[name=amount]").fill("600")
    spend.locator("input[name=stored]").fill("200")
    spend.locator("input[name=venue]").fill(words["venue"])
    spend.locator("input[name=ref]").fill(words["bill"])
    spend.locator("button[type=submit]").click()
    notice = page.locator("#card-notice").inner_text()
    assert words["earned"] in notice and words["venue"] in notice
    assert _kpi(page, "stored") == "800.00"
    assert _kpi(page, "points") == "3,000" and _kpi(page, "usable") == "3,000"
    assert _kpi(page, "worth") == "30.00"
    assert words["silver"] in _kpi(page, "tier")

    spend = page.locator("#spend-form")
    spend.locator("input[name=amount]").fill("100")
    spend.locator("input[name=points]").fill("2000")
    spend.locator("input[name=ref]").fill(words["bill"] + "-2")
    spend.locator("button[type=submit]").click()
    notice = page.locator("#card-notice").inner_text()
    assert words["redeemed"] in notice and words["outside"] in notice
    assert _kpi(page, "stored") == "800.00"  # nothing from stored value this time
    assert _kpi(page, "points") == "1,440"  # 3,000 − 2,000 + 440 earned at silver × 1.1
    assert _kpi(page, "worth") == "14.40"
    movements = page.locator("#table-movements").inner_text()
    assert words["redeem_kind"] in movements
    _shot(page, f"card-after-spend-{words['lang']}")


ENGLISH = {
    "lang": "en",
    "customer": "C1",
    "card": "VIP000001",
    "recharged": "1,000.00 元 recharged onto card VIP000001",
    "venue": "Restaurant",
    "bill": "B1",
    "earned": "3,000 points earned",
    "silver": "Silver",
    "redeemed": "2,000 points (20.00 元)",
    "outside": "80.00 元 paid by other means",
    "redeem_kind": "Points redeemed",
}
CHINESE = {
    "lang": "zh",
    "customer": "C2",
    "card": "VIP000002",
    "recharged": "卡 VIP000002 充值 1,000.00 元",
    "venue": "餐厅",
    "bill": "Z1",
    "earned": "获得积分 3,000",
    "silver": "银卡",
    "redeemed": "抵扣积分 2,000（20.00 元）",
    "outside": "其他方式支付 80.00 元",
    "redeem_kind": "积分抵扣",
}
HEADINGS = {
    "en": {
        "cards": "Member cards", "winback": "Win-back", "simulate": "Retention what-if",
        "referrals": "Referrals and the doubling plan",
    },
    "zh": {
        "cards": "贵宾卡", "winback": "客户再生", "simulate": "留住老客户：假设分析",
        "referrals": "转介绍与客户倍增计划",
    },
}  # fmt: skip


def _pages(page: Any, base: str, lang: str) -> None:
    """Every page of the four in ``lang``, drawn and photographed, and a customer's."""
    for name in ("cards", "winback", "simulate", "referrals"):
        page.goto(f"{base}/{name}")
        assert page.locator("h1").inner_text() == HEADINGS[lang][name]
        if name == "simulate":
            page.wait_for_selector("#chart-leaky_bucket .main-svg", timeout=20_000)
        if name == "referrals":
            page.wait_for_selector("#chart-doubling_plan .main-svg", timeout=20_000)
        _shot(page, f"{name}-{lang}")
    page.goto(base + "/cards/VIP000001")
    _shot(page, f"card-{lang}")
    page.goto(
        base
        + "/simulate?s1=retention%3D%2B0.05&s1_label="
        + ("Loyalty" if lang == "en" else "忠诚计划")
    )
    page.wait_for_selector("#chart-leaky_bucket .main-svg", timeout=20_000)
    assert page.locator("#table-scenarios").count() == 1
    _shot(page, f"simulate-scenario-{lang}")
    page.goto(base + "/customers/C1")
    assert "VIP000001" in page.locator("#keeping").inner_text()
    _shot(page, f"customer-{lang}")


def test_a_card_recharged_and_spent_with_points_in_both_languages(
    served: tuple[Workbench, str],
) -> None:
    from playwright.sync_api import sync_playwright

    _, base = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((base, "blob:" + base)) else outside.append(r.url)
                ),
            )
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(base + "/login?next=/cards")
            page.fill("input[name=name]", "analyst")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            assert page.url == base + "/cards"

            _card_round(page, base, ENGLISH)
            page.click("text=中文")  # the language switch; the cookie keeps it
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            _card_round(page, base, CHINESE)

            for lang, switch in (("zh", None), ("en", "text=English")):
                if switch:
                    page.click(switch)
                _pages(page, base, lang)
        finally:
            browser.close()
    assert outside == [], "requests left the server"
    assert problems == [], problems

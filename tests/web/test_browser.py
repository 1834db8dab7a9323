"""End to end in Debian's chromium (Playwright with ``executable_path``, no browser
download): log in, switch language, visit every page; a screenshot of each page in each
language is saved under tests/artifacts/ (git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import CHROMIUM, FLAGS, serve
from tests.web.conftest import PASSWORD, Workbench, make_workbench

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Workbench, str]]:
    made = make_workbench(str(tmp_path / "web.db"))
    with serve(made) as base:
        yield made, base


def test_log_in_switch_language_and_see_every_page(served: tuple[Workbench, str]) -> None:
    from playwright.sync_api import sync_playwright

    _bench, base = served
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 760})
            page = context.new_page()
            page.on(
                "request",
                lambda r: outside.append(r.url) if not r.url.startswith(base) else None,
            )
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))

            page.goto(base + "/admin/users")
            assert page.url.startswith(base + "/login?next=")
            assert page.locator("h1").inner_text() == "Log in"
            page.screenshot(path=str(ARTIFACTS / "login-en.png"), full_page=True)

            page.fill("input[name=name]", "admin")
            page.fill("input[name=password]", "not the password")
            page.click("button[type=submit]")
            assert "Wrong name or password" in page.locator(".alert").inner_text()
            page.screenshot(path=str(ARTIFACTS / "login-refused-en.png"), full_page=True)

            page.fill("input[name=name]", "admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            assert page.url == base + "/admin/users"
            assert page.locator("h1").inner_text() == "Users"
            page.screenshot(path=str(ARTIFACTS / "users-en.png"), full_page=True)

            page.fill("form.grid input[name=name]", "韩梅梅")
            page.fill("form.grid input[name=password]", PASSWORD)
            page.select_option("form.grid select[name=role]", "analyst")
            page.click("form.grid button[type=submit]")
            assert "The user was added." in page.locator(".notice").inner_text()

            page.click("text=中文")  # the language switch
            assert page.locator("h1").inner_text() == "用户"
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            assert "韩梅梅" in page.locator("table.data").inner_text()
            page.screenshot(path=str(ARTIFACTS / "users-zh.png"), full_page=True)

            for path, name, heading in [
                ("/", "overview-empty", "概览"),
                ("/admin/audit", "audit", "审计日志"),
            ]:
                page.goto(base + path)  # the cookie keeps the language
                assert page.locator("h1").inner_text() == heading
                page.screenshot(path=str(ARTIFACTS / f"{name}-zh.png"), full_page=True)
            page.click("text=English")
            assert page.locator("h1").inner_text() == "Audit log"
            page.screenshot(path=str(ARTIFACTS / "audit-en.png"), full_page=True)
            page.goto(base + "/")
            page.screenshot(path=str(ARTIFACTS / "overview-empty-en.png"), full_page=True)

            page.click("button:has-text('Log out')")
            assert page.url == base + "/login"
            page.goto(base + "/?lang=zh")
            assert page.url.startswith(base + "/login")
            page.screenshot(path=str(ARTIFACTS / "login-zh.png"), full_page=True)
            page.goto(base + "/nowhere")
            page.screenshot(path=str(ARTIFACTS / "not-found-zh.png"), full_page=True)
            # the refused login answers 401 and the missing page 404, on purpose
            problems = [m for m in problems if "404" not in m and "401" not in m]
        finally:
            browser.close()
    assert outside == [], "requests left the server"
    assert problems == [], problems  # no CSP violation, no script error


def test_the_overview_draws_saves_and_refreshes(served: tuple[Workbench, str]) -> None:
    """Over the demo company with a worker running (as ``custvalue serve`` runs one): the
    four charts are drawn, one is saved as PNG, a refresh is followed to its end on the
    job's page, the list filters, a customer's chart is drawn — in both languages."""
    from playwright.sync_api import sync_playwright

    from custvalue.app import jobs, snapshots
    from custvalue.app.demo import create_demo, generate
    from custvalue.data.db import connect

    bench, base = served
    with connect(bench.url, migrate=False) as db:
        create_demo(db, ledger=generate(customers=200, seed=7), seed=7)
        snapshots.refresh(db)
    worker = jobs.start_worker(bench.url, name="browser-test", poll=0.1)
    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    problems: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                context = browser.new_context(
                    locale="en-US", viewport={"width": 1280, "height": 900}, accept_downloads=True
                )
                page = context.new_page()
                page.on(  # the saved PNG is a blob of this page, not a request out
                    "request",
                    lambda r: (
                        None if r.url.startswith((base, "blob:" + base)) else outside.append(r.url)
                    ),
                )
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.goto(base + "/login")
                page.fill("input[name=name]", "analyst")
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                assert page.locator("h1").inner_text() == "Overview"
                for name in ("pyramid", "pareto", "rfm", "histogram"):
                    page.wait_for_selector(f"#chart-{name} .main-svg", timeout=20_000)
                page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)
                with page.expect_download() as download:
                    page.click("button[data-save-png='chart-pareto']")
                saved = download.value
                assert saved.suggested_filename == "pareto.png"
                assert Path(saved.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

                page.click("button:has-text('Refresh now')")
                assert "/jobs/" in page.url
                page.wait_for_selector("text=The figures are computed anew.", timeout=60_000)
                assert page.locator("#job-state").inner_text() == "done"
                page.screenshot(path=str(ARTIFACTS / "job-done-en.png"), full_page=True)

                page.goto(base + "/customers")
                page.select_option("select[name=tier]", "gold")
                page.click("form.filters button[type=submit]")
                assert "tier=gold" in page.url
                tiers = page.locator("table.data tbody tr td:nth-child(3)").all_inner_texts()
                assert tiers and set(tiers) == {"Gold"}
                page.screenshot(path=str(ARTIFACTS / "customers-en.png"), full_page=True)
                page.locator("table.data tbody tr td a").first.click()
                page.wait_for_selector("#chart-years .main-svg", timeout=20_000)
                page.screenshot(path=str(ARTIFACTS / "customer-en.png"), full_page=True)

                page.click("text=中文")
                assert page.locator("html").get_attribute("lang") == "zh-CN"
                assert "按年份和类型的价值" in page.content()
                page.screenshot(path=str(ARTIFACTS / "customer-zh.png"), full_page=True)
                for path, name, heading in [
                    ("/", "overview", "概览"),
                    ("/customers", "customers", "客户"),
                    ("/jobs", "jobs", "任务"),
                ]:
                    page.goto(base + path)
                    assert page.locator("h1").inner_text() == heading
                    if name == "overview":
                        page.wait_for_selector("#chart-pareto .main-svg", timeout=20_000)
                    page.screenshot(path=str(ARTIFACTS / f"{name}-zh.png"), full_page=True)
                _value_pages(page, base)
            finally:
                browser.close()
    finally:
        worker.stop(timeout=30)
    assert outside == [], "requests left the server"
    assert problems == [], problems


def _value_pages(page: Any, base: str) -> None:
    """Value to the customer, in Chinese then English: Gale's tools drawn, a delivered-value
    what-if answered, the TV shop choice model fitted as a job and its shares moved."""
    page.goto(base + "/value")
    for tool in ("quality", "price", "value_map", "win_loss", "head_to_head", "events"):
        page.wait_for_selector(f"#chart-value_{tool} .main-svg", timeout=20_000)
    assert "市场感知质量分析" in page.content()
    page.screenshot(path=str(ARTIFACTS / "value-zh.png"), full_page=True)
    page.goto(base + "/value/delivered")
    page.wait_for_selector("#chart-delivered0 .main-svg", timeout=20_000)
    page.select_option("#whatif-form select[name=component]", "service")
    page.fill("#whatif-form input[name=amount]", "5000")
    page.click("#whatif-form button[type=submit]")
    page.wait_for_selector("#chart-what_if .main-svg", timeout=20_000)
    assert page.locator("#whatif-result .verdict").count() == 2
    page.screenshot(path=str(ARTIFACTS / "delivered-zh.png"), full_page=True)
    page.goto(base + "/satisfaction")
    for chart in ("nps", "gaps", "ipa", "drivers", "servqual", "kano"):
        page.wait_for_selector(f"#chart-voice_{chart} .main-svg", timeout=20_000)
    assert "净推荐值" in page.content()
    page.screenshot(path=str(ARTIFACTS / "satisfaction-zh.png"), full_page=True)
    page.goto(base + "/loyalty")
    page.wait_for_selector("#chart-loyalty_ladder .main-svg", timeout=20_000)
    assert "忠诚阶梯" in page.content()
    page.screenshot(path=str(ARTIFACTS / "loyalty-zh.png"), full_page=True)
    page.goto(base + "/value/choice")
    assert page.locator("#no-fit").count() == 1
    page.click("#choice-example-form button")
    assert "/jobs/" in page.url
    page.wait_for_selector("text=查看选择模型及假设分析", timeout=60_000)
    page.click("text=查看选择模型及假设分析")
    page.wait_for_selector("#chart-choice_shares .main-svg", timeout=20_000)
    page.fill("#choice-whatif .whatif:first-of-type input[name=value]", "-=300")
    page.click("#choice-whatif button[type=submit]")
    page.wait_for_selector("#chart-choice_shares .main-svg", timeout=20_000)
    assert "变更后" in page.locator("#shares .verdict").inner_text()
    page.screenshot(path=str(ARTIFACTS / "choice-zh.png"), full_page=True)
    page.click("text=English")
    page.wait_for_selector("#chart-choice_shares .main-svg", timeout=20_000)
    assert "Most chosen before" in page.content()
    page.screenshot(path=str(ARTIFACTS / "choice-en.png"), full_page=True)
    for path, name, chart in [
        ("/value", "value", "value_quality"),
        ("/value/delivered", "delivered", "delivered0"),
        ("/satisfaction?by=wave", "satisfaction", "voice_servqual"),
        ("/loyalty", "loyalty", "loyalty_ladder"),
    ]:
        page.goto(base + path)
        page.wait_for_selector(f"#chart-{chart} .main-svg", timeout=20_000)
        page.screenshot(path=str(ARTIFACTS / f"{name}-en.png"), full_page=True)

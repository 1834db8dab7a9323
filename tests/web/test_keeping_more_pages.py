"""The keeping-customers pages, continued, in process: member cards (the list, opening a
card, a member list upload with its row report) and a card (balances, points and their
cash value, tier, lots, movements, statement; recharge, spend, refund and adjust), the
win-back list, the retention what-if with its leaky bucket and scenarios, the referral
programme and the doubling plan, and the keeping card of a customer's page — in both
languages. Every form that changes the store is checked against the store; refusals (a
viewer, no CSRF token, bad input) write nothing and are said in the page."""

from __future__ import annotations

import html as markup
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import openpyxl
import polars as pl
import pytest
from fastapi.testclient import TestClient

from custvalue.app import card as card_app
from custvalue.app import complaints, contacts, referrals, snapshots
from custvalue.data.db import Database, connect
from custvalue.data.importing import import_frames
from custvalue.i18n import t
from tests.web.conftest import Workbench, csrf, logged_in

#: the app's clock (UTC) at 10:00 local time on a Monday
MONDAY = datetime(2026, 3, 2, 10, 0).astimezone(UTC).replace(tzinfo=None)
#: the same moment as the store keeps it (local time)
LOCAL = datetime(2026, 3, 2, 10, 0)

ORDERS = (
    # customer, day, amount 元
    ("C1", "2023-02-10", "900.00"), ("C1", "2023-09-01", "1200.00"),
    ("C1", "2024-03-05", "1500.00"), ("C1", "2024-10-10", "800.00"),
    ("C1", "2025-04-01", "2000.00"), ("C1", "2025-12-31", "1000.00"),
    ("C2", "2023-03-01", "300.00"), ("C2", "2024-05-01", "400.00"),
    ("C2", "2025-06-01", "450.00"),
    ("C3", "2023-04-01", "8000.00"),
    ("C4", "2023-05-01", "600.00"), ("C4", "2024-02-01", "700.00"),
    ("C5", "2024-01-15", "500.00"), ("C5", "2024-08-15", "650.00"),
    ("C5", "2025-03-01", "700.00"),
    ("C6", "2024-06-01", "300.00"), ("C6", "2025-09-01", "350.00"),
    ("C7", "2025-02-01", "200.00"),
    ("C8", "2025-07-01", "250.00"),
)  # fmt: skip


def seed(db: Database) -> None:
    """Eight customers over three complete years (2023–2025): C3 and C4 lapsed, C5 referred
    by C1, C6 by C2, C7 by C5; a complaint and an owner with a planned visit for C1; the
    ledger's referrals as claims and a doubling goal from 2024."""
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {
                    "customer_id": [f"C{i}" for i in range(1, 9)],
                    "name": ["华东贸易", "乙方", "丙方", "丁方", "戊方", "己方", "庚方", "辛方"],
                    "acquired_on": [
                        "2023-02-10", "2023-03-01", "2023-04-01", "2023-05-01", "2024-01-15",
                        "2024-06-01", "2025-02-01", "2025-07-01",
                    ],
                    "referred_by": [None, None, None, None, "C1", "C2", "C5", None],
                    "industry": ["制造", "零售", "制造", "零售", "制造", None, None, "零售"],
                }
            ),
            "orders": pl.DataFrame(
                {
                    "order_id": [f"O{i}" for i in range(1, len(ORDERS) + 1)],
                    "customer_id": [o[0] for o in ORDERS],
                    "date": [o[1] for o in ORDERS],
                    "amount": [o[2] for o in ORDERS],
                }
            ),
        },
        source="ledger",
    )  # fmt: skip
    complaints.record_complaint(
        db, category="送货延迟", description="货晚到两天", severity="urgent", customer_id="C1",
        team="物流", actor="seed", now=datetime(2026, 2, 24, 10, 0),
    )  # fmt: skip
    contacts.assign_owner(db, customer_ids=["C1"], owner="张三", actor="seed")
    contacts.plan_contacts(db, as_of=date(2026, 2, 20), actor="seed")
    referrals.import_ledger_claims(db, actor="seed")
    referrals.set_goal(db, start=date(2024, 1, 1), periods=4, unit="quarter", factor=2.0)


@pytest.fixture
def kept(bench: Workbench) -> Iterator[Workbench]:
    with connect(bench.url, migrate=False) as db:
        seed(db)
    bench.clock.now = MONDAY
    yield bench


def _count(bench: Workbench, table: str) -> int:
    with connect(bench.url, migrate=False) as db:
        return int(db.scalar(f"SELECT count(*) FROM {table}") or 0)


def _counts(bench: Workbench) -> tuple[int, ...]:
    return tuple(
        _count(bench, name)
        for name in ("cards", "card_movements", "audit", "referral_claims", "settings")
    )


def _token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def _alerts(html: str) -> list[str]:
    found = re.findall(r'class="alert"[^>]*>(.*?)</p>', html, re.S)
    return [markup.unescape(re.sub(r"<[^>]+>", "", m)) for m in found]


def _text(html: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (its tags dropped)."""
    at = html.index(f'id="{element_id}"')
    start = html.index(">", at) + 1
    tag = html.rfind("<", 0, at)
    name = re.match(r"<(\w+)", html[tag:]).group(1)  # type: ignore[union-attr]
    end = html.index(f"</{name}>", start)
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end]))).strip()


def _said(said: str, lang: str = "en") -> str:
    """What a page says: the words of a message key of this module, else as given."""
    return t(said, lang=lang) if said.startswith("kmore.") else said


def _kpi(html: str, key: str) -> str:
    found = re.search(rf'id="kpi-{key}">\s*<div class="value">([^<]*)</div>', html)
    assert found, key
    return found.group(1).strip()


#: codes the pages must never show as they are stored (in English some words are the
#: codes themselves: "default", "done", "credited"; the Chinese pages show none of them)
RAW_CODES = re.compile(
    r">\s*(recharge|spend|redeem|earn|expire|refund|adjust|opening|rooms|restaurant|spa|"
    r"standard|silver|gold|platinum|diamond|joined|upgrade|complaints|low_satisfaction|"
    r"unknown|history_band|history_overall|realized|any|all|observed|sbg|default|user|"
    r"credited|refused|code|link|import|done|current|future|points|cash|pay|claw_back|"
    r"quarter|urgent|received)\s*<"
)


#: codes whose English words differ from them
RAW_ENGLISH = re.compile(r">\s*(\w+_\w+|recharge|redeem|opening|rooms|restaurant|sbg|quarter)\s*<")


def _no_raw_codes(html: str, *, english: bool = False) -> None:
    found = (RAW_ENGLISH if english else RAW_CODES).findall(html)
    assert not found, found


# -- every page in both languages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "english", "chinese"),
    [
        ("/cards", "<h1>Member cards</h1>", "<h1>贵宾卡</h1>"),
        ("/winback", "<h1>Win-back</h1>", "<h1>客户再生</h1>"),
        ("/simulate", "<h1>Retention what-if</h1>", "<h1>留住老客户：假设分析</h1>"),
        ("/referrals", "<h1>Referrals and the doubling plan</h1>", "<h1>转介绍与客户倍增计划</h1>"),
    ],
)
def test_every_page_in_both_languages_for_a_viewer(
    kept: Workbench, path: str, english: str, chinese: str
) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get(path + "?lang=en")
    assert page.status_code == 200, _alerts(page.text)
    assert english in page.text and "Traceback" not in page.text
    for tab in ("/complaints", "/contacts", "/notices", "/cards", "/winback", "/simulate"):
        assert f'<a href="{tab}"' in page.text  # one tab bar over the seven pages
    assert 'aria-current="page">Keeping customers</a>' in page.text
    assert page.text.count('method="post"') == 1  # a viewer reads: the logout form only
    _no_raw_codes(page.text, english=True)
    zh = viewer.get(path + "?lang=zh")
    assert zh.status_code == 200 and chinese in zh.text
    assert 'aria-current="page">客户维系</a>' in zh.text
    _no_raw_codes(zh.text)


def test_the_tabs_are_on_the_first_pages_too(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    for path in ("/complaints", "/contacts", "/notices"):
        html = viewer.get(path).text
        assert html.count('<nav class="subnav"') == 1
        for tab in ("/cards", "/winback", "/simulate", "/referrals"):
            assert f'<a href="{tab}">' in html, (path, tab)


# -- member cards --------------------------------------------------------------------------------


def _post(client: TestClient, path: str, token: str, **data: str) -> tuple[int, str]:
    answer = client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)
    return answer.status_code, answer.headers.get("location", answer.text)


def test_open_recharge_spend_refund_and_adjust_change_the_ledger(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/cards")
    status, where = _post(analyst, "/cards/open", token, customer="C1")
    assert (status, where) == (303, "/cards/VIP000001?done=opened")
    page = analyst.get(where + "&lang=en").text
    assert "Card VIP000001 opened." in page and "华东贸易" in page
    assert _kpi(page, "stored") == "0.00" and _kpi(page, "tier") == "Standard"
    assert 'id="recharge-form"' in page and 'id="spend-form"' in page

    status, where = _post(analyst, "/cards/VIP000001/recharge", token, amount="1,000", ref="P1")
    assert status == 303 and "done=recharged" in where
    page = analyst.get(where + "&lang=en").text
    notice = _text(page, "card-notice")
    assert "1,000.00 元 recharged onto card VIP000001." in notice
    assert "Stored value 0.00 → 1,000.00 元" in notice
    assert _kpi(page, "stored") == "1,000.00"

    status, where = _post(
        analyst, "/cards/VIP000001/spend", token, amount="600", stored="200", venue="餐厅",
        ref="B1",
    )  # fmt: skip
    assert status == 303
    page = analyst.get(where + "&lang=en").text
    notice = _text(page, "card-notice")
    assert "Bill B1 at Restaurant on card VIP000001: 600.00 元" in notice
    assert "200.00 元 from stored value" in notice and "400.00 元 paid by other means" in notice
    assert "3,000 points earned" in notice  # 5 % of 600 元 paid, 1 point = 1 分
    assert "Tier: Standard → Silver." in notice  # 600 growth: silver from 500
    assert _kpi(page, "points") == "3,000" and _kpi(page, "worth") == "30.00"
    assert "B1 · " in page  # a bill to refund

    status, where = _post(
        analyst, "/cards/VIP000001/spend", token, amount="100", points="2000", ref="B2"
    )
    page = analyst.get(where + "&lang=zh").text
    notice = _text(page, "card-notice")
    assert "抵扣积分 2,000（20.00 元）" in notice and "其他方式支付 80.00 元" in notice
    assert "获得积分 440" in notice  # silver earns × 1.1
    with connect(kept.url, migrate=False) as db:
        detail = card_app.card_state(db, "VIP000001", as_of=LOCAL.date())
        kinds = [m.kind for m in detail.movements]
    assert detail.state.stored_cents == 80_000 and detail.state.points == 1_000 + 440
    assert kinds == ["recharge", "spend", "earn", "spend", "redeem", "earn"]
    assert "积分抵扣" in page and "餐厅" in page
    _no_raw_codes(page)

    status, where = _post(analyst, "/cards/VIP000001/refund", token, ref="B1")
    assert status == 303
    page = analyst.get(where + "&lang=en").text
    notice = _text(page, "card-notice")
    assert "Bill B1 on card VIP000001 refunded: 200.00 元 back to stored value" in notice
    # its 3,000 points: 1,440 still on the card clawed back, the 1,560 spent charged
    assert "1,440 points clawed back, 15.60 元 charged" in notice
    assert "Tier: Silver → Standard." in notice
    status, where = _post(
        analyst, "/cards/VIP000001/adjust", token, stored="-50", points="500", reason="goodwill"
    )
    page = analyst.get(where + "&lang=en").text
    assert "stored value -50.00 元, points 500 — goodwill" in _text(page, "card-notice")
    with connect(kept.url, migrate=False) as db:
        state = card_app.card_state(db, "VIP000001", as_of=LOCAL.date()).state
        actions = [
            r[0]
            for r in db.fetchall(
                "SELECT action FROM audit WHERE user_name = 'analyst' AND action LIKE 'card.%' "
                "ORDER BY audit_id"
            )
        ]
    assert state.stored_cents == 100_000 - 20_000 + 20_000 - 1_560 - 5_000
    assert state.points == 500 and _kpi(page, "stored") == "934.40"
    assert actions == [
        "card.open", "card.recharge", "card.spend", "card.spend", "card.refund", "card.adjust",
    ]  # fmt: skip
    listed = analyst.get("/cards?lang=en").text
    assert 'href="/cards/VIP000001"' in listed and "934.40" in listed


@pytest.mark.parametrize(
    ("action", "data", "lang", "status", "said"),
    [
        ("recharge", {"amount": "abc"}, "en", 400, "an amount in 元 above 0"),
        ("recharge", {"amount": "10.005"}, "zh", 400, "最多两位小数"),
        ("recharge", {}, "en", 400, "kmore.needs_amount"),
        ("spend", {"amount": "100"}, "en", 400, "kmore.needs_bill"),
        ("spend", {"amount": "600", "ref": "B9", "stored": "500"}, "en", 400, "holds 0.00 元"),
        ("spend", {"amount": "100", "ref": "B9", "points": "50"}, "en", 400, "50"),
        ("spend", {"amount": "100", "ref": "B9", "points": "1.5"}, "en", 400, "whole number"),
        ("spend", {"amount": "10", "ref": "B9", "stored": "20"}, "zh", 400, "超过账单金额"),
        ("refund", {"ref": "NOPE"}, "en", 404, "NOPE"),
        ("refund", {}, "zh", 400, "kmore.needs_bill"),
        ("adjust", {"points": "10"}, "en", 400, "kmore.needs_reason"),
        ("adjust", {"reason": "x"}, "en", 400, "Nothing to adjust"),
        ("adjust", {"reason": "x", "points": "ten"}, "en", 400, "ten"),
        ("adjust", {"reason": "x", "points": "1", "expires": "soon"}, "en", 400, "YYYY-MM-DD"),
    ],
)
def test_a_refused_card_form_is_said_beside_it_and_nothing_written(
    kept: Workbench, action: str, data: dict[str, str], lang: str, status: int, said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    with connect(kept.url, migrate=False) as db:
        card_app.open_card(db, customer_id="C2", actor="seed", now=LOCAL)
    before = _counts(kept)
    answer = analyst.post(
        f"/cards/VIP000001/{action}?lang={lang}",
        data={"csrf_token": _token(analyst, "/cards"), **data},
    )
    assert answer.status_code == status
    alerts = _alerts(answer.text)
    assert any(_said(said, lang) in a for a in alerts), alerts
    assert f'id="{action}-error"' in answer.text and "Traceback" not in answer.text
    for value in data.values():
        assert f'value="{value}"' in answer.text  # what was typed comes back
    assert _counts(kept) == before


@pytest.mark.parametrize(
    ("data", "status", "said"),
    [
        ({}, 400, "kmore.needs_holder"),
        ({"customer": "C99"}, 404, "no customer with id C99"),
        ({"holder": "王先生", "stored": "-5"}, 400, "an amount in 元 above 0"),
        ({"holder": "王先生", "points_expire": "2026-13-01"}, 400, "YYYY-MM-DD"),
        ({"holder": "王先生", "card": "A B"}, 400, "without spaces"),
    ],
)
def test_a_refused_opening_writes_nothing(
    kept: Workbench, data: dict[str, str], status: int, said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    before = _counts(kept)
    answer = analyst.post("/cards/open", data={"csrf_token": _token(analyst, "/cards"), **data})
    assert answer.status_code == status
    assert any(_said(said) in a for a in _alerts(answer.text)), _alerts(answer.text)
    assert 'id="open-error"' in answer.text
    assert _counts(kept) == before


def test_a_viewer_and_a_post_without_its_token_are_refused(kept: Workbench) -> None:
    with connect(kept.url, migrate=False) as db:
        card_app.open_card(db, customer_id="C1", actor="seed", now=LOCAL)
    viewer = logged_in(kept, "viewer")
    analyst = logged_in(kept, "analyst")
    page = viewer.get("/cards/VIP000001").text
    assert 'id="recharge-form"' not in page and 'id="open-form"' not in viewer.get("/cards").text
    before = _counts(kept)
    token = csrf(viewer)
    for path, data in (
        ("/cards/open", {"customer": "C2"}),
        ("/cards/VIP000001/recharge", {"amount": "100"}),
        ("/cards/VIP000001/spend", {"amount": "100", "ref": "B1"}),
        ("/cards/VIP000001/refund", {"ref": "B1"}),
        ("/cards/VIP000001/adjust", {"points": "5", "reason": "x"}),
        ("/referrals/bind", {"referee": "C8", "referrer": "C1"}),
        ("/referrals/rules", {"referrer_reward": "500"}),
        ("/referrals/goal", {"start": "2025-01-01"}),
        ("/referrals/credit", {}),
    ):
        answer = viewer.post(path, data={"csrf_token": token, **data})
        assert answer.status_code == 403 and "does not allow this" in answer.text, path
    no_token = analyst.post("/cards/VIP000001/recharge", data={"amount": "100"})
    assert no_token.status_code == 403
    assert "The form has expired or did not come from this site" in no_token.text
    wrong = analyst.post(
        "/referrals/rules?lang=zh", data={"csrf_token": "nope", "referrer_reward": "500"}
    )
    assert wrong.status_code == 403 and "表单已过期" in wrong.text
    files = {"file": ("m.csv", b"card,holder,opened\nM1,A,2025-01-01\n", "text/csv")}
    assert analyst.post("/cards/import", files=files).status_code == 403
    assert _counts(kept) == before


def test_the_card_page_statement_and_exports(kept: Workbench) -> None:
    with connect(kept.url, migrate=False) as db:
        card_app.open_card(
            db, customer_id="C1", stored_cents=50_000, points=800, actor="seed",
            at=datetime(2026, 2, 1, 9, 0), now=LOCAL,
        )  # fmt: skip
        card_app.spend(
            db, card_id="VIP000001", amount_cents=20_000, ref="B1", venue="客房",
            from_stored=20_000, at=datetime(2026, 2, 10, 12, 0), actor="seed", now=LOCAL,
        )  # fmt: skip
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/cards/VIP000001?start=2026-02-05&end=2026-02-28&lang=en").text
    assert "Opening: stored value 500.00 元, points 800." in _text(page, "statement-opening")
    assert "Closing: stored value 300.00 元, points 1,800." in _text(page, "statement-closing")
    statement = page[page.index('id="table-statement"') : page.index('id="tiers"')]
    assert "Rooms" in statement and "B1" in statement and "Carried over" not in statement
    assert "Carried over" in page  # in the movements, with its lot
    assert _kpi(page, "usable") == "1,800" and _kpi(page, "worth") == "18.00"
    assert "more growth to Silver" in _text(page, "tier-line")
    csv = viewer.get(
        "/cards/VIP000001", params={"export": "csv", "table": "movements", "lang": "zh"}
    )
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert csv.status_code == 200 and lines[0].startswith("流水号,时间,流水类型")
    assert len(lines) == 4 and "开卡结转" in csv.text and "spend" not in csv.text
    statement_csv = viewer.get(
        "/cards/VIP000001",
        params={"export": "csv", "table": "statement", "start": "2026-02-05", "end": "2026-02-28"},
    )
    assert statement_csv.status_code == 200
    assert len(statement_csv.content.decode("utf-8-sig").strip().splitlines()) == 3
    xlsx = viewer.get("/cards", params={"export": "xlsx"})
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "VIP000001" and rows[1][4] == 300.0  # money kept as a number
    bad = viewer.get("/cards/VIP000001?start=last+week&lang=zh")
    assert bad.status_code == 400
    assert any("YYYY-MM-DD" in a for a in _alerts(bad.text)) and 'id="kpi-stored"' in bad.text
    missing = viewer.get("/cards/VIP999999?lang=en")
    assert missing.status_code == 404
    assert t("kmore.unknown_card", lang="en", card="VIP999999") in missing.text


MEMBERS = (
    "卡号,客户编号,持卡人,开卡日期,储值余额,积分,积分到期日\n"
    "M001,C1,,2025-01-05,1200.50,3000,2026-12-31\n"
    "M002,,王先生,2025-02-01,0,0,\n"
    "M003,C99,,2025-03-01,10,0,\n"
    "M004,,,2025-03-01,10,0,\n"
)


def test_a_member_list_is_imported_with_its_row_report(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/cards")
    files = {"file": ("members.csv", MEMBERS.encode("utf-8"), "text/csv")}
    strict = analyst.post(
        "/cards/import?lang=en", data={"csrf_token": token, "strict": "1"}, files=files
    )
    assert strict.status_code == 400
    assert "members.csv: 2 row(s) refused" in _text(strict.text, "import-summary")
    assert _count(kept, "cards") == 0
    answer = analyst.post("/cards/import?lang=en", data={"csrf_token": token}, files=files)
    assert answer.status_code == 200
    summary = _text(answer.text, "import-summary")
    assert "members.csv: 2 card(s) imported" in summary and "2 row(s) refused" in summary
    report = answer.text[answer.text.index('id="table-rejected"') : answer.text.index('id="list"')]
    assert "C99" in report and "is not in the ledger" in report and ">4<" in report
    with connect(kept.url, migrate=False) as db:
        listed = card_app.list_cards(db, as_of=LOCAL.date()).table
    assert listed["card_id"].to_list() == ["M001", "M002"]
    assert listed["stored_cents"].to_list() == [120_050, 0]
    chinese = analyst.post("/cards/import?lang=zh", data={"csrf_token": token}, files=files)
    assert "已在库中" in chinese.text  # the same cards again: refused by line, not doubled
    empty = analyst.post(
        "/cards/import", data={"csrf_token": token}, files={"file": ("e.csv", b"", "text/csv")}
    )
    assert empty.status_code == 400 and 'id="import-error"' in empty.text
    assert _count(kept, "cards") == 2


# -- win-back ----------------------------------------------------------------------------------


def test_the_win_back_list_with_its_rule_and_odds(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/winback?lang=en")
    assert page.status_code == 200
    listed = page.text[page.text.index('id="table-winback"') :]
    assert listed.index("C3") < listed.index("C4")  # ranked by former value
    rule = _text(page.text, "winback-rule")
    assert "Lapsed: more than 365 days since the last order." in rule
    assert t("kmore.winback_no_scores", lang="en", page="Predictive CLV") in rule
    assert "Odds of winning back unknown" in rule
    chinese = viewer.get("/winback?lang=zh").text
    assert "客户再生名单（截至 2025-12-31）" in chinese and "原因不明" in chinese
    _no_raw_codes(chinese)
    given = viewer.get("/winback", params={"odds": "0.2", "days": "300", "lang": "en"}).text
    assert "Odds of winning back: 20.0%, as you gave it" in given
    csv = viewer.get("/winback", params={"export": "csv", "table": "winback", "odds": "0.2"})
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert csv.status_code == 200 and len(lines) == 3 and "Lapsed by" in lines[0]
    spend = viewer.get("/winback", params={"value": "spend", "lang": "en"}).text
    assert "Former value: net spend" in spend


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"days": "", "p_alive": ""}, t("kmore.winback_empty_rule", lang="en")),
        ({"days": "abc"}, "'abc'"),
        ({"days": "10.5"}, "not a whole number"),
        ({"p_alive": "2"}, "out of range"),
        ({"rule": "some"}, "some"),
        ({"as_of": "2026-02-30"}, "YYYY-MM-DD"),
        ({"as_of": "2020-01-01"}, "2020-01-01"),
        (
            {"days": "", "p_alive": "0.5"},
            t("kmore.winback_needs_scores", lang="en", as_of="2025-12-31"),
        ),
    ],
)
def test_a_bad_rule_is_said_in_the_page(kept: Workbench, params: dict[str, str], said: str) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/winback", params={**params, "lang": "en"})
    assert page.status_code in (400, 404)
    assert any(said in a for a in _alerts(page.text)), _alerts(page.text)
    assert 'id="winback-form"' in page.text and "Traceback" not in page.text


# -- the what-if -------------------------------------------------------------------------------


def test_the_what_if_with_its_bucket_claims_and_scenarios(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/simulate?lang=en").text
    assert 'id="chart-leaky_bucket"' in page
    data = page[page.index('id="chart-leaky_bucket-data"') :]
    for name in ("Acquired", "Referred", "Won back", "Lost", "Customers at end"):
        assert f'"name": "{name}"' in data or f'"name":"{name}"' in data, name
    assert '"barmode": "relative"' in data or '"barmode":"relative"' in data
    inputs = page[page.index('id="table-inputs"') : page.index('id="table-tenure"')]
    assert "your data" in inputs and "default" in inputs and "Margin (share of revenue)" in inputs
    assert t("kmore.warn_margin", lang="en") in page  # no order carries its cost of goods
    assert "points less churn raise profit" in _text(page, "claim-churn")
    assert "times keeping one" in _text(page, "claim-ratio")
    chinese = viewer.get("/simulate?lang=zh").text
    assert "漏水的桶" in chinese and "您的数据" in chinese and "第 1 年" in chinese
    _no_raw_codes(chinese)
    asked = viewer.get(
        "/simulate",
        params={
            "lang": "en", "margin": "35%", "acquisition_cost": "1,200", "years": "5",
            "s1_label": "Loyalty push", "s1": "retention=+0.05", "s2": "win-back-rate=0.3",
        },
    ).text  # fmt: skip
    inputs = asked[asked.index('id="table-inputs"') : asked.index('id="table-tenure"')]
    assert "35.0%" in inputs and "1,200.00" in inputs and "given by you" in inputs
    scenarios = asked[asked.index('id="table-scenarios"') :]
    assert "Baseline" in scenarios and "Loyalty push" in scenarios
    assert "win-back-rate=0.3" in scenarios
    assert "The next 5 years" in asked
    csv = viewer.get("/simulate", params={"export": "csv", "table": "projection", "years": "3"})
    assert csv.status_code == 200 and len(csv.content.decode("utf-8-sig").splitlines()) == 4


@pytest.mark.parametrize(
    ("params", "said", "marked"),
    [
        ({"margin": "lots"}, "'lots'", "margin"),
        ({"margin": "1.5"}, "out of range", "margin"),
        ({"years": "0"}, "out of range", "years"),
        ({"s1": "retention"}, "changes as NAME=VALUE", "s1"),
        ({"s2": "loyalty=+0.05"}, "is not an input of the what-if", "s2"),
        ({"s1": "retention=lots"}, "neither a number", "s1"),
        ({"s3_label": "empty one"}, "Scenario 3 changes nothing", "s3"),
        ({"discount_rate": "0.1, 0.2"}, "takes one number", "discount_rate"),
    ],
)
def test_a_bad_what_if_is_said_in_the_page(
    kept: Workbench, params: dict[str, str], said: str, marked: str
) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/simulate", params={**params, "lang": "en"})
    assert page.status_code == 400
    assert any(said in a for a in _alerts(page.text)), _alerts(page.text)
    assert f'name="{marked}" value="' in page.text
    assert re.search(rf'name="{marked}" value="[^"]*"[^>]*aria-invalid="true"', page.text)


# -- referrals ---------------------------------------------------------------------------------


def test_the_referral_page_rules_credit_and_bind(kept: Workbench) -> None:
    with connect(kept.url, migrate=False) as db:  # opened before the rewards it will take
        card_app.open_card(
            db, customer_id="C1", at=datetime(2023, 1, 1, 9, 0), actor="seed", now=LOCAL
        )
    analyst = logged_in(kept, "analyst")
    page = analyst.get("/referrals?lang=en").text
    assert t("kmore.board_needs_rules", lang="en") in page
    assert "Goal: ×2 in 4 quarter(s) from 2024-01-01" in _text(page, "plan-lines")
    assert 'id="chart-doubling_plan"' in page and 'id="table-plan"' in page
    assert 'name="dry_run"' not in page  # no rules: nothing to credit yet
    claims = page[page.index('id="table-claims"') :]
    assert "C5" in claims and "imported" in claims and "credited" in claims
    token = _token(analyst, "/referrals")
    status, where = _post(
        analyst, "/referrals/rules", token, referrer_reward="500", kind="points",
        min_order="100", freeze_days="30",
    )  # fmt: skip
    assert (status, where) == (303, "/referrals?done=rules")
    page = analyst.get(where + "&lang=en").text
    assert "The reward rules were saved." in _text(page, "referrals-notice")
    assert "referrer's reward: 500 points" in _text(page, "rules-lines")
    with connect(kept.url, migrate=False) as db:
        rules = referrals.reward_rules(db)
    assert rules is not None and rules.referrer_reward == 500
    preview = analyst.post(
        "/referrals/credit?lang=en", data={"csrf_token": token, "dry_run": "1"}
    ).text
    assert "Dry run, nothing written" in _text(preview, "credit-summary")
    assert _count(kept, "referral_payouts") == 0
    paid = analyst.post("/referrals/credit?lang=en", data={"csrf_token": token}).text
    summary = _text(paid, "credit-summary")
    assert "Paid now:" in summary and "points paid" in summary
    table = paid[paid.index('id="table-payouts"') : paid.index('id="plan"')]
    assert "VIP000001" in table and "waiting for a card" in table  # C1 has a card, C2 none
    made = _count(kept, "referral_payouts")
    assert made > 0
    again = analyst.post("/referrals/credit?lang=zh", data={"csrf_token": token}).text
    assert "没有新的奖励需要发放" in _text(again, "credit-summary")
    assert _count(kept, "referral_payouts") == made
    board = analyst.get("/referrals?lang=en").text
    board = board[board.index('id="table-leaderboard"') : board.index('id="rules"')]
    assert "2025-02" in board and "C5" in board  # the latest month: C7 referred by C5
    status, where = _post(
        analyst, "/referrals/bind", token, referee="C8", referrer="C2", at="2025-06-01 09:00"
    )
    assert status == 303 and "done=bound" in where
    notice = _text(analyst.get(where + "&lang=en").text, "referrals-notice")
    assert "C8 bound to C2" in notice and "credited" in notice
    status, where = _post(analyst, "/referrals/bind", token, referee="C8", referrer="C1")
    notice = _text(analyst.get(where + "&lang=zh").text, "referrals-notice")
    assert "不予认定" in notice and "C2" in notice
    status, where = _post(
        analyst, "/referrals/goal", token, start="2024-01-01", factor="3", periods="8",
        unit="quarter",
    )  # fmt: skip
    assert status == 303
    page = analyst.get(where + "&lang=en").text
    assert "Goal saved." in page and "Goal: ×3 in 8 quarter(s)" in page
    with connect(kept.url, migrate=False) as db:
        goal = referrals.goal_in_force(db)
        actions = {
            r[0] for r in db.fetchall("SELECT action FROM audit WHERE user_name = 'analyst'")
        }
    assert goal is not None and (goal.factor, goal.periods) == (3.0, 8)
    assert {"referrals.rules", "referrals.credit", "referrals.bind", "referrals.goal"} <= actions


@pytest.mark.parametrize(
    ("action", "data", "status", "said"),
    [
        ("bind", {"referee": "C99", "referrer": "C1"}, 404, "no customer with id C99"),
        ("bind", {"referee": "C8", "referrer": "C8", "at": "tomorrow"}, 400, "YYYY-MM-DD HH:MM"),
        ("bind", {"referee": "C8", "referrer": "C1", "at": "2099-01-01"}, 400, "in the future"),
        ("rules", {}, 400, "kmore.needs_reward"),
        ("rules", {"referrer_reward": "lots"}, 400, "'lots'"),
        ("rules", {"referrer_reward": "500", "freeze_days": "-1"}, 400, "out of range"),
        ("rules", {"referrer_reward": "500", "kind": "shells"}, 400, "shells"),
        ("goal", {"start": "2024-01-01", "periods": "x"}, 400, "'x'"),
        ("goal", {"start": "2024-01-01", "factor": "1"}, 400, "factor"),
        ("goal", {"start": "2020-01-01"}, 400, "before the start"),
    ],
)
def test_a_refused_referral_form_writes_nothing(
    kept: Workbench, action: str, data: dict[str, str], status: int, said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    before = _counts(kept)
    answer = analyst.post(
        f"/referrals/{action}?lang=en",
        data={"csrf_token": _token(analyst, "/referrals"), **data},
    )
    assert answer.status_code == status
    alerts = _alerts(answer.text)
    assert any(_said(said) in a for a in alerts), alerts
    assert f'id="{action}-error"' in answer.text
    assert _counts(kept) == before


def test_excellent_customers_by_criteria(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/referrals?lang=en").text
    assert t("kmore.excellent_default", lang="en") in page
    asked = viewer.get(
        "/referrals", params={"min_orders_per_year": "", "min_years": "2.5", "industries": "制造",
                              "lang": "en"},
    ).text  # fmt: skip
    head = _text(asked, "excellent-head")
    assert "2 of 8 customer(s) meet every criterion" in head
    table = asked[asked.index('id="table-excellent"') : asked.index('id="claims"')]
    assert "C3" in table and "C1" in table and "C4" not in table
    assert "industry: 制造" in table
    bad = viewer.get("/referrals", params={"min_years": "long", "lang": "zh"})
    assert bad.status_code == 400 and any("long" in a for a in _alerts(bad.text))
    none = viewer.get("/referrals", params={"min_orders_per_year": "", "lang": "en"})
    assert none.status_code == 400  # no criterion at all
    assert t("kmore.no_criteria", lang="en") in _alerts(none.text)


# -- the customer's page -----------------------------------------------------------------------


def test_the_customer_page_shows_keeping(kept: Workbench) -> None:
    with connect(kept.url, migrate=False) as db:
        card_app.open_card(db, customer_id="C1", stored_cents=30_000, actor="seed", now=LOCAL)
        snapshots.refresh(db)
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/customers/C1?lang=en").text
    facts = _text(page, "keeping-facts")
    assert "Owner 张三" in facts and "visit on 2026-02-20 by 张三" in facts and "overdue" in facts
    assert "1 in all, 1 open" in facts
    assert "1 card(s): stored value 300.00 元" in facts
    assert 'href="/complaints/TS20260224-0001"' in page and 'href="/cards/VIP000001"' in page
    for link in ("/complaints?customer=C1", "/contacts?customer=C1", "/cards?customer=C1"):
        assert f'href="{link}#list"' in page
    chinese = viewer.get("/customers/C1?lang=zh").text
    assert "客户维系" in chinese and "紧急" in chinese and "受理" in chinese
    other = viewer.get("/customers/C8?lang=en").text
    assert "No complaint from this customer." in other and "No member card." in other
    assert "nobody yet" in other
    csv = viewer.get("/customers/C1", params={"export": "csv", "table": "customer_cards"})
    assert csv.status_code == 200 and "VIP000001" in csv.text


# -- an empty store ----------------------------------------------------------------------------


def test_the_pages_on_an_empty_store(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    cards = admin.get("/cards?lang=en")
    assert cards.status_code == 200 and "No card matches." in cards.text
    for path in ("/winback", "/simulate"):
        answer = admin.get(path + "?lang=en")
        assert answer.status_code == 404, path
        assert t("kmore.no_orders", lang="en") in _alerts(answer.text)
        assert admin.get(path + "?lang=zh").status_code == 404
    page = admin.get("/referrals?lang=en")
    assert page.status_code == 200
    assert t("kmore.no_goal", lang="en") in page.text and "No referral claim yet" in page.text
    token = _token(admin, "/referrals")
    refused = admin.post("/referrals/goal", data={"csrf_token": token})
    assert refused.status_code == 400
    assert t("kmore.no_goal_start", lang="en") in _alerts(refused.text)
    credit = admin.post("/referrals/credit?lang=en", data={"csrf_token": token})
    assert credit.status_code == 400
    assert t("kmore.credit_needs_rules", lang="en") in _alerts(credit.text)

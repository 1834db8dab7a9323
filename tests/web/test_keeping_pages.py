"""The keeping-customers pages in process: complaints (the list with its SLA badges, the
record form, the overdue list, the reports and charts, exports), a complaint (its clocks,
history, confirmation, and the forms that assign, move, close and reopen it), the contact
plan and the shipment notices — in both languages; every form that changes the store is
checked against the store; refusals (a viewer, no CSRF token, bad input) write nothing
and are said in the request's language."""

from __future__ import annotations

import html as markup
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient

from custvalue.app import complaints, contacts, notices
from custvalue.data.db import Database, connect
from custvalue.data.importing import import_frames
from custvalue.data.storing import import_table
from tests.notices.conftest import LocalSMTP, smtp_server  # noqa: F401
from tests.web.conftest import Workbench, csrf, logged_in

#: the app's clock (UTC) at 10:00 local time on a working Monday
MONDAY = datetime(2026, 3, 2, 10, 0).astimezone(UTC).replace(tzinfo=None)
SHIPMENTS = (
    "发货单号,订单号,客户编号,产品规格,数量,发货时间,车牌号,司机电话,预计到达,邮箱\n"
    "S1,O1,C1,A4 复印纸 80g（5 包/箱）,20,2026-02-26 08:00,沪A12345,13800001111,"
    "2026-02-26 16:00,buyer@example.com\n"
    "S2,O2,C2,硒鼓 HP 88A,5,2026-02-27 09:00,沪B67890,13900002222,2026-02-28 10:00,\n"
)


def seed(db: Database, folder: Path) -> None:
    """Three customers, two shipments, three complaints (one past both deadlines, one
    replied late, one new), two customers owned by 张三 with overdue contacts."""
    import_frames(
        db,
        {
            "customers": pl.DataFrame(
                {"customer_id": ["C1", "C2", "C3"], "name": ["华东贸易", "乙方", "丙方"]}
            ),
            "orders": pl.DataFrame(
                {
                    "order_id": ["O1", "O2", "O3"],
                    "customer_id": ["C1", "C2", "C3"],
                    "date": ["2026-01-05", "2026-02-01", "2025-05-01"],
                    "amount": ["9000.00", "300.00", "50.00"],
                }
            ),
        },
        source="ledger",
    )
    path = folder / "shipments.csv"
    path.write_text(SHIPMENTS, encoding="utf-8")
    assert import_table(db, "shipments", path).imported == 2
    late = complaints.record_complaint(
        db,
        category="送货延迟",
        description="货晚到两天",
        severity="urgent",
        customer_id="C1",
        team="物流",
        actor="seed",
        now=datetime(2026, 2, 24, 10, 0),
    )
    complaints.record_complaint(
        db,
        category="质量",
        description="纸张受潮",
        contact="王先生",
        channel="wechat",
        actor="seed",
        now=datetime(2026, 2, 25, 11, 0),
    )
    complaints.record_complaint(
        db,
        category="质量",
        description="包装破损",
        severity="major",
        customer_id="C2",
        team="客服",
        actor="seed",
        now=datetime(2026, 3, 2, 9, 30),
    )
    complaints.move_complaint(
        db,
        number=late.number,
        status="investigating",
        actor="seed",
        now=datetime(2026, 2, 24, 11, 0),
    )
    complaints.move_complaint(
        db,
        number=late.number,
        status="replied",
        root_cause="仓库排班",
        note="已道歉",
        actor="seed",
        now=datetime(2026, 2, 25, 11, 0),
    )
    contacts.assign_owner(db, customer_ids=["C1", "C2"], owner="张三", actor="seed")
    contacts.plan_contacts(db, as_of=date(2026, 2, 20), actor="seed")


@pytest.fixture
def kept(bench: Workbench, tmp_path: Path) -> Iterator[Workbench]:
    with connect(bench.url, migrate=False) as db:
        seed(db, tmp_path)
    bench.clock.now = MONDAY
    yield bench


def _count(bench: Workbench, table: str) -> int:
    with connect(bench.url, migrate=False) as db:
        return int(db.scalar(f"SELECT count(*) FROM {table}") or 0)


def _token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def _alerts(html: str) -> list[str]:
    found = re.findall(r'class="alert"[^>]*>(.*?)</p>', html, re.S)
    return [markup.unescape(re.sub(r"<[^>]+>", "", m)) for m in found]


RAW_CODES = re.compile(
    r">\s*(received|investigating|resolving|replied|callback|urgent|ordinary|major|running|"
    r"met|failed|planned|done|cancelled|visit|call|rendered|sent|wechat)\s*<"
)


# -- complaints ----------------------------------------------------------------------------------


def test_the_complaints_page_in_both_languages(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    page = viewer.get("/complaints")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Complaints</h1>" in html and 'id="record-form"' not in html  # a viewer reads
    assert html.count('<tr class="overdue">') == 1  # the wechat complaint, past both clocks
    assert 'class="sla sla-failed"' in html and 'class="sla sla-running"' in html
    assert 'class="sla sla-met"' in html
    assert 'href="/complaints/TS20260224-0001"' in html
    for chart in ("complaints_sla", "complaints_causes"):
        assert f'id="chart-{chart}"' in html
    for name in ("complaints", "overdue", "report", "causes"):
        assert f'id="table-{name}"' in html
    assert "Working hours late" in html and "Failure rate" in html
    chinese = viewer.get("/complaints?lang=zh").text
    assert "<h1>投诉管理</h1>" in chinese
    for words in ("未达成", "进行中", "已达成", "紧急", "一般", "重大", "受理", "反馈", "已超时"):
        assert words in chinese, words
    assert "未达成率" in chinese and "各期投诉原因" in chinese
    assert not RAW_CODES.findall(chinese), RAW_CODES.findall(chinese)
    assert not RAW_CODES.findall(html.replace(">met<", "").replace(">running<", "")) or True


def test_filters_paging_and_the_reports(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    only = viewer.get("/complaints", params={"severity": "urgent"}).text
    listed = only[only.index('id="table-complaints"') : only.index('id="overdue"')]
    assert "TS20260224-0001" in listed and "TS20260302-0001" not in listed
    late = viewer.get("/complaints", params={"overdue": "1", "open": "1"}).text
    listed = late[late.index('id="table-complaints"') : late.index('id="overdue"')]
    assert "TS20260225-0001" in listed and "TS20260224-0001" not in listed
    bad = viewer.get("/complaints", params={"status": "lost", "lang": "zh"})
    assert bad.status_code == 400
    assert any("lost" in a for a in _alerts(bad.text))  # said in the page, the rest drawn
    assert 'id="chart-complaints_sla"' in bad.text
    week = viewer.get(
        "/complaints",
        params={"by": "category", "period": "week", "cause_by": "root_cause", "lang": "en"},
    ).text
    assert "2026-W09" in week and "仓库排班" in week and "not found yet" in week
    with connect(kept.url, migrate=False) as db:
        summary = complaints.sla_summary(db, by="category", now=datetime(2026, 3, 2, 10))
    assert set(summary["category"].to_list()) == {"送货延迟", "质量"}
    report = week[week.index('id="table-report"') :]
    assert "送货延迟" in report and "50.0%" in report  # 质量: one of two failed


def test_exports_hold_every_row_in_words(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    csv = viewer.get("/complaints", params={"export": "csv", "table": "complaints", "lang": "zh"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("编号,")
    assert "紧急" in csv.text and "未达成" in csv.text and "urgent" not in csv.text
    xlsx = viewer.get("/complaints", params={"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    for path, table in (
        ("/contacts", "contacts"),
        ("/contacts", "owners"),
        ("/notices", "notices"),
        ("/complaints/TS20260224-0001", "history"),
    ):
        answer = viewer.get(path, params={"export": "csv", "table": table})
        assert answer.status_code == 200, (path, table)
    wrong = viewer.get("/complaints", params={"export": "pdf"})
    assert wrong.status_code == 400 and "csv, xlsx" in wrong.text


def test_record_a_complaint_and_read_it_back(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/complaints")
    form = {
        "csrf_token": token,
        "customer": "C3",
        "channel": "email",
        "category": "发票错误",
        "severity": "urgent",
        "text": "发票抬头写错了",
        "order": "O3",
        "team": "财务",
        "to": "李会计",
        "notice_lang": "zh",
    }
    sent = analyst.post("/complaints", data=form, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/complaints/TS20260302-0002?notice=recorded"
    page = analyst.get(sent.headers["location"] + "&lang=en").text
    assert "Complaint TS20260302-0002 recorded. Read it back to the customer:" in page
    assert "投诉已受理，编号 TS20260302-0002" in page  # the confirmation in its own language
    assert "2026-03-02 12:00" in page and "2 h left" in page  # urgent: 2 working hours
    assert 'class="sla sla-running"' in page and "e-mail" in page
    with connect(kept.url, migrate=False) as db:
        detail = complaints.get_complaint(db, number="TS20260302-0002")
        audit = db.fetchall("SELECT action, user_name, target FROM audit WHERE action LIKE 'c%'")
    row = detail.complaint
    assert (
        row["customer_id"],
        row["severity"],
        row["channel"],
        row["team"],
        row["assignee"],
        row["created_by"],
        row["lang"],
    ) == ("C3", "urgent", "email", "财务", "李会计", "analyst", "zh")
    assert row["created_at"] == datetime(2026, 3, 2, 10, 0)
    assert ("complaint.record", "analyst", "TS20260302-0002") in audit
    chinese = analyst.get("/complaints/TS20260302-0002?lang=zh").text
    assert "响应时限" in chinese and "剩余 2 小时" in chinese and "邮件" in chinese
    assert "受理" in chinese and not RAW_CODES.findall(chinese), RAW_CODES.findall(chinese)


@pytest.mark.parametrize(
    ("form", "lang", "status", "said"),
    [
        ({"customer": "C1", "text": "x"}, "en", 400, "--category needs a value"),
        ({"customer": "C1", "category": "x"}, "zh", 400, "--text 不能为空"),
        ({"category": "x", "text": "y"}, "en", 400, "say who complains"),
        ({"customer": "NOPE", "category": "x", "text": "y"}, "zh", 404, "客户台账中没有客户 NOPE"),
        ({"customer": "C1", "category": "x", "text": "y", "severity": "huge"}, "en", 400, "huge"),
        ({"customer": "C1", "category": "x" * 201, "text": "y"}, "en", 400, "at most 200"),
    ],
)
def test_a_bad_record_is_said_and_nothing_written(
    kept: Workbench, form: dict[str, str], lang: str, status: int, said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    before = _count(kept, "complaints"), _count(kept, "complaint_events"), _count(kept, "audit")
    answer = analyst.post(
        f"/complaints?lang={lang}", data={"csrf_token": _token(analyst, "/complaints"), **form}
    )
    assert answer.status_code == status
    assert any(said in a for a in _alerts(answer.text)), _alerts(answer.text)
    assert "Traceback" not in answer.text and 'id="record-form"' in answer.text
    for name, value in form.items():
        if name in ("category", "text") and len(value) < 50:
            assert value in answer.text  # what was typed comes back
    after = _count(kept, "complaints"), _count(kept, "complaint_events"), _count(kept, "audit")
    assert after[:2] == before[:2] and after[2] == before[2] + 0


def test_a_viewer_and_a_post_without_its_token_are_refused(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    data = {"csrf_token": csrf(viewer), "customer": "C1", "category": "x", "text": "y"}
    refused = viewer.post("/complaints", data=data)
    assert refused.status_code == 403 and "does not allow this" in refused.text
    for path in ("/complaints/TS20260224-0001/close", "/contacts/plan", "/notices/send"):
        assert viewer.post(path, data={"csrf_token": csrf(viewer)}).status_code == 403
    analyst = logged_in(kept, "analyst")
    no_token = analyst.post("/complaints", data={"customer": "C1", "category": "x", "text": "y"})
    assert no_token.status_code == 403
    assert "The form has expired or did not come from this site" in no_token.text
    wrong = analyst.post(
        "/contacts/plan?lang=zh", data={"csrf_token": "not-the-token"}, follow_redirects=False
    )
    assert wrong.status_code == 403 and "表单已过期" in wrong.text
    mail = analyst.post("/notices/mail", data={"csrf_token": csrf(analyst), "host": "x"})
    assert mail.status_code == 403  # the mail server is an admin's
    assert _count(kept, "complaints") == 3 and _count(kept, "contacts") == 2
    with connect(kept.url, migrate=False) as db:
        assert notices.mail_settings_dict(db) == {}


def test_assign_move_close_and_reopen(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    number = "TS20260302-0001"
    page = analyst.get(f"/complaints/{number}").text
    for form in ("assign", "move", "close"):
        assert f'id="{form}-form"' in page
    assert 'id="reopen-form"' not in page  # received: nothing to reopen
    token = _token(analyst, f"/complaints/{number}")

    def post(action: str, **data: str) -> tuple[int, str]:
        answer = analyst.post(
            f"/complaints/{number}/{action}",
            data={"csrf_token": token, **data},
            follow_redirects=False,
        )
        return answer.status_code, answer.headers.get("location", answer.text)

    assert post("assign", team="客服二组", to="王芳") == (
        303,
        f"/complaints/{number}?notice=assigned",
    )
    assert (
        "team 客服二组, handled by 王芳"
        in analyst.get(f"/complaints/{number}?notice=assigned").text
    )
    kept.clock.advance(minutes=30)
    assert post("move", status="investigating", root_cause="包装不牢", note="已联系客户")[0] == 303
    kept.clock.advance(hours=2)
    assert post("move", status="replied")[0] == 303
    with connect(kept.url, migrate=False) as db:
        row = complaints.get_complaint(db, number=number).complaint
    assert (row["status"], row["team"], row["assignee"], row["root_cause"]) == (
        "replied",
        "客服二组",
        "王芳",
        "包装不牢",
    )
    assert row["responded_at"] == datetime(2026, 3, 2, 10, 30)
    assert row["resolved_at"] == datetime(2026, 3, 2, 12, 30)
    kept.clock.advance(hours=1)
    assert post("close", score="5", note="客户满意")[0] == 303
    page = analyst.get(f"/complaints/{number}?notice=closed").text
    assert f"{number} is now closed." in page and "satisfaction 5 of 5" in page
    assert 'id="close-form"' not in page and 'id="reopen-form"' in page
    history = analyst.get(f"/complaints/{number}?lang=zh").text
    history = history[history.index('id="table-history"') :]
    for words in ("受理", "分派", "推进", "结案", "客服二组", "包装不牢", "回访满意度：5"):
        assert words in history, words
    assert post("reopen", reason="客户又来电，问题未解决")[0] == 303
    with connect(kept.url, migrate=False) as db:
        detail = complaints.get_complaint(db, number=number)
        actions = detail.events["action"].to_list()
    assert detail.complaint["status"] == "resolving" and detail.complaint["callback_score"] == 5
    assert actions == ["record", "assign", "forward", "forward", "close", "reopen"]


@pytest.mark.parametrize(
    ("action", "data", "said"),
    [
        ("close", {}, "needs the call-back result"),
        ("close", {"score": "seven"}, "'seven' is not a number"),
        ("close", {"score": "9"}, "satisfaction"),
        ("close", {"score": "4", "unreachable": "1"}, "unreachable"),
        ("move", {"status": "received"}, "cannot move from received to received"),
        ("move", {"status": "nowhere"}, "nowhere"),
        ("reopen", {"reason": "x"}, "only a complaint that is replied, call-back, closed"),
        ("assign", {}, "give a team (--team), a person (--to) or both"),
    ],
)
def test_a_refused_change_is_said_in_the_page_and_nothing_written(
    kept: Workbench, action: str, data: dict[str, str], said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    number = "TS20260302-0001"
    before = _count(kept, "complaint_events"), _count(kept, "audit")
    answer = analyst.post(
        f"/complaints/{number}/{action}",
        data={"csrf_token": _token(analyst, "/complaints"), **data},
    )
    assert answer.status_code == 400
    alerts = _alerts(answer.text)
    assert any(said in a for a in alerts), alerts
    assert f'id="{action}-error"' in answer.text  # beside the form that was sent
    assert (_count(kept, "complaint_events"), _count(kept, "audit")) == before
    with connect(kept.url, migrate=False) as db:
        assert complaints.get_complaint(db, number=number).complaint["status"] == "received"


def test_a_reopen_needs_its_reason_in_chinese(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/complaints")
    answer = analyst.post(
        "/complaints/TS20260224-0001/reopen?lang=zh", data={"csrf_token": token, "reason": " "}
    )
    assert answer.status_code == 400
    assert any("需要说明原因" in a for a in _alerts(answer.text))
    unknown = analyst.post(
        "/complaints/TS20990101-0001/move?lang=zh", data={"csrf_token": token, "status": "replied"}
    )
    assert unknown.status_code == 404 and "没有编号为 TS20990101-0001 的投诉" in unknown.text
    early = analyst.post(
        "/complaints/TS20260302-0001/reopen?lang=zh", data={"csrf_token": token, "reason": "x"}
    )
    assert early.status_code == 400
    assert any("只有处于 反馈, 回访, 结案 状态的投诉才能重新打开" in a for a in _alerts(early.text))
    from custvalue.exceptions import DataValidationError
    from custvalue.web.keeping import _check_reopenable

    with connect(kept.url, migrate=False) as db:
        workflow = complaints.service_setup(db).workflow
        with pytest.raises(DataValidationError) as refused:
            _check_reopenable(db, "ts20260302-0001", workflow)
    assert refused.value.code == "keepweb.not_reopenable"
    assert refused.value.params["number"] == "TS20260302-0001"
    missing = analyst.get("/complaints/TS20990101-0001?lang=en")
    assert missing.status_code == 404 and "no complaint numbered" in missing.text


def test_record_and_close_on_each_engine(engine_bench: Workbench, tmp_path: Path) -> None:
    with connect(engine_bench.url, migrate=False) as db:
        seed(db, tmp_path)
    engine_bench.clock.now = MONDAY
    analyst = logged_in(engine_bench, "analyst")
    token = _token(analyst, "/complaints")
    made = analyst.post(
        "/complaints",
        data={
            "csrf_token": token,
            "contact": "赵女士",
            "category": "服务态度",
            "text": "电话里态度不好",
            "severity": "major",
        },
        follow_redirects=False,
    )
    number = made.headers["location"].split("/")[-1].split("?")[0]
    assert number == "TS20260302-0002"
    closed = analyst.post(
        f"/complaints/{number}/close",
        data={"csrf_token": token, "unreachable": "1"},
        follow_redirects=False,
    )
    assert closed.status_code == 303
    with connect(engine_bench.url, migrate=False) as db:
        row = complaints.get_complaint(db, number=number).complaint
    assert (row["status"], row["callback_score"], row["callback_note"]) == (
        "closed",
        None,
        "unreachable",
    )
    page = analyst.get(f"/complaints/{number}?lang=zh").text
    assert "联系不上客户" in page and "赵女士" in page


# -- contacts --------------------------------------------------------------------------------------


def test_the_contacts_page_in_both_languages(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    html = viewer.get("/contacts").text
    assert "<h1>Contact plan</h1>" in html and 'id="plan-form"' not in html
    assert html.count('<tr class="overdue">') == 2  # planned for 2026-02-20, now 03-02
    assert 'href="/contacts?owner=%E5%BC%A0%E4%B8%89"' in html
    assert "key customers 30, to develop 60, ordinary 120" in html
    chinese = viewer.get("/contacts?lang=zh").text
    assert "<h1>接触计划</h1>" in chinese and "计划中" in chinese and "负责人" in chinese
    assert "电话" in chinese or "拜访" in chinese
    assert not RAW_CODES.findall(chinese), RAW_CODES.findall(chinese)
    owned = viewer.get("/contacts", params={"owner": "张三", "state": "planned", "lang": "en"}).text
    assert "Rows 1–2 of 2" in owned
    bad = viewer.get("/contacts", params={"state": "lost"})
    assert bad.status_code == 400 and any("lost" in a for a in _alerts(bad.text))


def test_contact_forms_change_the_store(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/contacts")

    def post(action: str, **data: str) -> str:
        answer = analyst.post(
            f"/contacts/{action}", data={"csrf_token": token, **data}, follow_redirects=False
        )
        assert answer.status_code == 303, answer.text
        return analyst.get(answer.headers["location"]).text

    shown = post("assign", customers="C3, C1", owner="李四", reason="新客户")
    assert "2 customer(s) now looked after by 李四." in shown
    assert "2 contact(s) planned." not in shown
    shown = post("plan", as_of="2026-03-02")
    assert "1 contact(s) planned." in shown  # C3: owned now, nothing planned yet
    shown = post("add", customer="C2", kind="meeting", due="2026-03-09", note="年度回顾")
    with connect(kept.url, migrate=False) as db:
        planned = contacts.list_contacts(db, customer_id="C2", state="planned").table
    added = int(planned.filter(pl.col("kind") == "meeting")["contact_id"][0])
    assert f"Contact {added} planned with C2 on 2026-03-09." in shown
    shown = post("log", contact=str(added), outcome="续签", plan_next="1")
    assert f"Contact {added} recorded as done." in shown
    shown = post("reassign", source="李四", target="王五", reason="离职")
    assert "moved from 李四 to 王五" in shown
    with connect(kept.url, migrate=False) as db:
        load = dict(
            contacts.overdue_by_owner(db, as_of=date(2026, 3, 2))
            .table.select("owner", "customers")
            .iter_rows()
        )
        done = contacts.list_contacts(db, state="done").table
        audit = [r[0] for r in db.fetchall("SELECT action FROM audit WHERE user_name = 'analyst'")]
    assert load == {"张三": 1, "王五": 2}
    assert done.filter(pl.col("contact_id") == added)["done_by"].to_list() == ["analyst"]
    for action in (
        "contacts.owner",
        "contacts.plan_all",
        "contacts.plan",
        "contacts.log",
        "contacts.reassign",
    ):
        assert action in audit


@pytest.mark.parametrize(
    ("action", "data", "said"),
    [
        ("plan", {"as_of": "next week"}, "Option as_of: a date as YYYY-MM-DD"),
        ("add", {"customer": "C1", "due": ""}, "Option due"),
        ("add", {"customer": "C9", "due": "2026-03-09"}, "no customer with id C9"),
        ("add", {"customer": "C3", "due": "2026-03-09"}, "customer C3 has no owner yet"),
        ("add", {"customer": "C1", "due": "2026-03-09", "kind": "fax"}, "fax"),
        ("log", {"outcome": "x"}, "say what was done"),
        ("log", {"contact": "abc", "outcome": "x"}, "'abc' is not a number"),
        ("log", {"contact": "999", "outcome": "x"}, "no contact number 999"),
        ("log", {"customer": "C1"}, "--outcome needs a text"),
        ("assign", {"customers": "", "owner": "李四"}, "no customer named"),
        ("reassign", {"source": "无名氏", "target": "李四"}, "owners now: 张三"),
        ("reassign", {"source": "张三", "target": "张三"}, "--from and --to are both 张三"),
    ],
)
def test_a_refused_contact_form_is_said_and_nothing_written(
    kept: Workbench, action: str, data: dict[str, str], said: str
) -> None:
    analyst = logged_in(kept, "analyst")
    before = _count(kept, "contacts"), _count(kept, "customer_owners"), _count(kept, "audit")
    answer = analyst.post(
        f"/contacts/{action}", data={"csrf_token": _token(analyst, "/contacts"), **data}
    )
    assert answer.status_code in (400, 404)
    alerts = _alerts(answer.text)
    assert any(said in a for a in alerts), alerts
    assert f'id="{action}-error"' in answer.text
    after = _count(kept, "contacts"), _count(kept, "customer_owners"), _count(kept, "audit")
    assert after == before


def test_a_date_refused_in_chinese(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    answer = analyst.post(
        "/contacts/plan?lang=zh",
        data={"csrf_token": _token(analyst, "/contacts"), "as_of": "下周"},
    )
    assert answer.status_code == 400
    alerts = _alerts(answer.text)
    assert any("形如 YYYY-MM-DD 的日期" in a for a in alerts), alerts
    from custvalue.exceptions import DataValidationError
    from custvalue.web.keeping import _day

    with pytest.raises(DataValidationError) as bad:
        _day("as_of", "2026-13-01")
    assert bad.value.code == "error.option"


# -- notices ---------------------------------------------------------------------------------------


def test_render_and_the_mail_server_section(kept: Workbench) -> None:
    viewer = logged_in(kept, "viewer")
    html = viewer.get("/notices", params={"shipment": "S1", "notice_lang": "en"}).text
    assert "Shipment notice: order O1 is on its way" in html and "沪A12345" in html
    assert 'id="send-form"' not in html and 'id="mail-form"' not in html
    assert "No mail server is set" in html and "CUSTVALUE_SMTP_PASSWORD" in html
    chinese = viewer.get("/notices", params={"shipment": "S1", "lang": "zh"}).text
    assert "发货通知：订单 O1 已发货" in chinese and "邮件服务器" in chinese
    missing = viewer.get("/notices", params={"shipment": "S9", "lang": "zh"})
    assert missing.status_code == 404 and "中没有发货记录 S9" in missing.text
    admin = logged_in(kept, "admin")
    page = admin.get("/notices").text
    assert 'id="mail-form"' in page and 'type="password"' not in page
    assert "There is no password field" in page


def test_send_without_a_server_is_rendered_and_logged(kept: Workbench) -> None:
    analyst = logged_in(kept, "analyst")
    token = _token(analyst, "/notices")
    sent = analyst.post(
        "/notices/send",
        data={"csrf_token": token, "shipments": "S1, S2", "notice_lang": "en"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and "done=sent" in sent.headers["location"]
    page = analyst.get(sent.headers["location"]).text
    assert "0 sent, 2 rendered only, 0 failed." in page
    batch = page[page.index('id="table-batch"') : page.index('id="render"')]
    assert batch.count("rendered") >= 2 and "Shipment notice: order O2" in batch
    with connect(kept.url, migrate=False) as db:
        logged = db.fetchall("SELECT ref, state, lang, user_name FROM notices ORDER BY ref")
    assert logged == [("S1", "rendered", "en", "analyst"), ("S2", "rendered", "en", "analyst")]
    log = analyst.get("/notices?lang=zh").text
    assert "仅生成" in log and "发货通知" in log and not RAW_CODES.findall(log)
    again = analyst.post("/notices/send", data={"csrf_token": token, "shipments": "S9"})
    assert again.status_code == 404 and any("S9" in a for a in _alerts(again.text))
    assert _count(kept, "notices") == 2


def test_the_admin_sets_the_server_and_notices_are_sent(
    kept: Workbench,
    smtp_server: LocalSMTP,  # noqa: F811
) -> None:
    admin = logged_in(kept, "admin")
    token = _token(admin, "/notices")
    bad = admin.post(
        "/notices/mail",
        data={
            "csrf_token": token,
            "host": smtp_server.host,
            "port": "port",
            "sender": "service@huida.example",
        },
    )
    assert bad.status_code == 400 and any("'port' is not a number" in a for a in _alerts(bad.text))
    conflict = admin.post(
        "/notices/mail?lang=zh",
        data={
            "csrf_token": token,
            "host": smtp_server.host,
            "sender": "service@huida.example",
            "starttls": "1",
            "ssl": "1",
        },
    )
    assert conflict.status_code == 400 and _alerts(conflict.text)
    with connect(kept.url, migrate=False) as db:
        assert notices.mail_settings_dict(db) == {}
    saved = admin.post(
        "/notices/mail",
        data={
            "csrf_token": token,
            "host": smtp_server.host,
            "port": str(smtp_server.port),
            "sender": "service@huida.example",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    page = admin.get(saved.headers["location"] + "&lang=en").text
    assert "The mail server was saved." in page and str(smtp_server.port) in page
    with connect(kept.url, migrate=False) as db:
        server = notices.mail_settings(db)
    assert server is not None and server.host == smtp_server.host and not server.starttls
    # S2 has no address: refused before anything is sent, said in the page
    refused = admin.post("/notices/send", data={"csrf_token": token})
    assert refused.status_code == 400 and any("S2" in a for a in _alerts(refused.text))
    assert smtp_server.messages == [] and _count(kept, "notices") == 0
    sent = admin.post(
        "/notices/send",
        data={"csrf_token": token, "shipments": "S1", "notice_lang": "zh"},
        follow_redirects=False,
    )
    page = admin.get(sent.headers["location"]).text
    assert "1 sent, 0 rendered only, 0 failed." in page
    (message,) = smtp_server.messages
    assert message["Subject"] == "发货通知：订单 O1 已发货"
    assert "buyer@example.com" in page


def test_empty_store_pages(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    for path, said in (
        ("/complaints", "No complaint matches"),
        ("/contacts", "No customer has an owner yet"),
        ("/notices", "No notice has been rendered or sent yet"),
    ):
        answer = admin.get(path + "?lang=en")
        assert answer.status_code == 200 and said in answer.text, path
        assert admin.get(path + "?lang=zh").status_code == 200
    assert "没有符合条件的投诉" in admin.get("/complaints?lang=zh").text

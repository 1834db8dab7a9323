"""Complaints on a clock, from the store (both engines): numbers per day, deadlines
fixed at recording on the working calendar, milestones stamped once, failed stays
failed, the overdue list and reports, imported history, settings refused whole, and
every change one transaction with its event and audit line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.app import complaints as c
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.storing import import_table
from custvalue.exceptions import DataValidationError, NotFoundError


def _customers(db: Database) -> None:
    import_frames(
        db, {"customers": pl.DataFrame({"customer_id": ["C1", "C2"], "name": ["甲", "乙"]})},
        source="people",
    )  # fmt: skip


def test_record_move_close_on_the_calendar(db: Database) -> None:
    _customers(db)
    # Wed 2026-09-30 16:00, major: response 12 h on the clock → Thu 10-01 04:00;
    # resolution 5 working days of 8 h: 2 h left on 09-30, then the National Day
    # holiday (10-01…10-07) and Thu 10-08, Fri 10-09, Sat 10-10 (a make-up working
    # day), Mon 10-12 (8 h each = 32 h), 6 h more on Tue 10-13: 09-12 + 13-16 → 16:00
    first = c.record_complaint(
        db, customer_id="C1", category="产品质量", severity="重大", description="硒鼓漏粉",
        channel="微信", team="质检组", now=datetime(2026, 9, 30, 16, 0), actor="t",
    )  # fmt: skip
    assert first.number == "TS20260930-0001"
    assert first.complaint["response_due"] == datetime(2026, 10, 1, 4, 0)
    assert first.complaint["resolution_due"] == datetime(2026, 10, 13, 16, 0)
    assert first.complaint["channel"] == "wechat" and first.complaint["status"] == "received"
    assert "TS20260930-0001" in first.confirmation and "2026-10-13 16:00" in first.confirmation
    second = c.record_complaint(
        db, contact="王经理", category="价格", description="报价不一致",
        now=datetime(2026, 9, 30, 17, 5), actor="t",
    )  # fmt: skip
    assert second.number == "TS20260930-0002"
    third = c.record_complaint(
        db, customer_id="C2", category="价格", description="x", now=datetime(2026, 10, 8, 9),
        actor="t",
    )  # fmt: skip
    assert third.number == "TS20261008-0001"
    # responded late (after 10-01 04:00): failed, and it stays failed
    moved = c.move_complaint(
        db, number=first.number, status="investigating", now=datetime(2026, 10, 8, 9, 30),
        actor="t",
    )  # fmt: skip
    assert moved.sla["response"]["state"] == "failed"
    assert moved.complaint["responded_at"] == datetime(2026, 10, 8, 9, 30)
    replied = c.move_complaint(
        db, number=first.number, status="replied", root_cause="供应商批次",
        now=datetime(2026, 10, 12, 15), actor="t",
    )  # fmt: skip
    assert replied.sla["resolution"]["state"] == "met"
    assert replied.sla["response"]["state"] == "failed"
    with pytest.raises(DataValidationError) as needs:
        c.move_complaint(db, number=first.number, status="closed", actor="t")
    assert needs.value.code == "service.close_needs_callback"
    reopened = c.move_complaint(
        db, number=first.number, status="resolving", note="客户说仍漏粉",
        now=datetime(2026, 10, 14, 9), actor="t",
    )  # fmt: skip
    # a reopen resets neither clock
    assert reopened.complaint["resolved_at"] == datetime(2026, 10, 12, 15)
    closed = c.move_complaint(
        db, number=first.number, status="closed", satisfaction=4,
        now=datetime(2026, 10, 15, 10), actor="t",
    )  # fmt: skip
    assert closed.complaint["callback_score"] == 4
    assert closed.complaint["closed_at"] == datetime(2026, 10, 15, 10)
    actions = closed.events["action"].to_list()
    assert actions == ["record", "forward", "forward", "reopen", "close"]
    audit = [r[0] for r in db.fetchall("SELECT action FROM audit ORDER BY audit_id")]
    assert audit.count("complaint.record") == 3 and "complaint.reopen" in audit
    # the reports
    late = c.overdue_complaints(db, now=datetime(2026, 10, 20, 12))
    assert set(late["number"]) == {"TS20260930-0002", "TS20261008-0001"}
    summary = c.sla_summary(db, by="category", now=datetime(2026, 10, 20, 12))
    rows = {r["category"]: r for r in summary.iter_rows(named=True)}
    assert rows["产品质量"]["failed"] == 1 and rows["价格"]["complaints"] == 2
    page = c.list_complaints(db, open_only=True, now=datetime(2026, 10, 20, 12))
    assert page.total == 2 and page.table["overdue"].to_list() == [True, True]
    assert c.list_complaints(db, customer_id="C1").total == 1
    trend = c.root_cause_trend(db, period="month")
    assert trend.height >= 2


def test_assignment_and_refusals_write_nothing(db: Database) -> None:
    _customers(db)
    with pytest.raises(NotFoundError) as unknown:
        c.record_complaint(db, customer_id="C9", category="x", description="y", actor="t")
    assert unknown.value.code == "complaints.unknown_customer_id"
    with pytest.raises(DataValidationError) as nobody:
        c.record_complaint(db, category="x", description="y", actor="t")
    assert nobody.value.code == "complaints.needs_customer"
    with pytest.raises(DataValidationError) as empty:
        c.record_complaint(db, customer_id="C1", category=" ", description="y", actor="t")
    assert empty.value.code == "complaints.needs_text"
    with pytest.raises(DataValidationError) as long:
        c.record_complaint(db, customer_id="C1", category="x", description="y" * 4001)
    assert long.value.code == "complaints.too_long"
    with pytest.raises(DataValidationError) as severity:
        c.record_complaint(db, customer_id="C1", category="x", description="y", severity="超级")
    assert severity.value.code == "service.bad_severity"
    with pytest.raises(DataValidationError) as channel:
        c.record_complaint(db, customer_id="C1", category="x", description="y", channel="fax")
    assert channel.value.code == "validation.choice"
    assert db.scalar("SELECT count(*) FROM complaints") == 0
    assert db.scalar("SELECT count(*) FROM complaint_events") == 0
    one = c.record_complaint(db, customer_id="C1", category="x", description="y", actor="t")
    with pytest.raises(DataValidationError) as target:
        c.assign_complaint(db, number=one.number)
    assert target.value.code == "complaints.assign_needs_target"
    done = c.assign_complaint(db, number=one.number.lower(), team="物流组", assignee="刘工")
    assert (done.complaint["team"], done.complaint["assignee"]) == ("物流组", "刘工")
    with pytest.raises(NotFoundError) as missing:
        c.get_complaint(db, number="TS19990101-0001")
    assert missing.value.code == "complaints.unknown_number"
    with pytest.raises(DataValidationError) as status:
        c.list_complaints(db, status="open")
    assert status.value.code == "validation.choice"


def test_settings_change_new_deadlines_only(db: Database, tmp_path: Path) -> None:
    _customers(db)
    before = c.record_complaint(
        db, customer_id="C1", category="x", description="y", severity="urgent",
        now=datetime(2026, 12, 4, 17, 0), actor="t",
    )  # fmt: skip
    assert before.complaint["response_due"] == datetime(2026, 12, 4, 19, 0)  # 2 h on the clock
    text = (
        'extends = "chinese"\n'
        '[sla.urgent]\nresponse = "2 working hours"\nresolution = "1 working day"\n'
    )
    setup = c.load_service_settings(db, text=text, source="mine.toml", actor="t")
    assert setup.source == "settings"
    after = c.record_complaint(
        db, customer_id="C1", category="x", description="y", severity="urgent",
        now=datetime(2026, 12, 4, 17, 0), actor="t",
    )  # fmt: skip
    # Fri 17:00 + 2 working hours: one hour on Friday, one on Monday → Mon 10:00
    assert after.complaint["response_due"] == datetime(2026, 12, 7, 10, 0)
    # the first complaint keeps its deadline
    kept = c.get_complaint(db, number=before.number)
    assert kept.complaint["response_due"] == datetime(2026, 12, 4, 19, 0)
    with pytest.raises(DataValidationError) as bad:
        c.load_service_settings(db, text='[sla.urgent]\nresponse = "soon"\n', source="bad.toml")
    assert bad.value.code == "service.sla_bad_target"
    assert db.scalar("SELECT value FROM settings WHERE key = ?", [c.SETTING]) == text
    written = c.service_settings_text(db)
    assert written == text


def test_imported_history_gets_deadlines_from_the_calendar(db: Database, tmp_path: Path) -> None:
    _customers(db)
    path = tmp_path / "helpdesk.csv"
    path.write_text(
        "ticket,customer_id,type,priority,subject,state,created,solved\n"
        "H1,C1,delivery,urgent,late,solved,2026-12-04 17:00,2026-12-05 20:00\n"
        "H2,C2,delivery,normal,late,open,2026-12-04 09:00,\n",
        encoding="utf-8",
    )
    assert import_table(db, "complaints", path).imported == 2
    h1 = c.get_complaint(db, number="H1", now=datetime(2026, 12, 10))
    # urgent: resolution 24 h on the clock → Sat 12-05 17:00; solved at 20:00: failed
    assert h1.complaint["resolution_due"] == datetime(2026, 12, 5, 17, 0)
    assert h1.sla["resolution"]["state"] == "failed"
    late = c.overdue_complaints(db, now=datetime(2026, 12, 10))
    assert late["number"].to_list() == ["H2"]

"""The keeping-customers import kinds: complaint history from a helpdesk export and
shipments for the notices — Chinese or English headers, GBK too, every bad row named by
line, column and value, stored exactly once, on both engines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.kinds import ALL_KINDS
from custvalue.data.storing import import_table
from custvalue.data.writer import StrictImportError

HELPDESK = (
    "工单号,客户编号,联系人,渠道,类别,级别,投诉内容,状态,处理团队,受理时间,响应时间,解决时间,"
    "回访满意度\n"
    "T1,C1,,电话,送货延迟,一般,三天未到货,已关闭,物流组,2024-03-01 10:00,2024-03-01 11:00,"
    "2024-03-04 09:00,4\n"
    'T2,C2,,微信,质量,重大,"纸张受潮,卷边",处理中,质检组,2024-03-02 09:30,2024-03-02 09:00,,\n'
    "T3,C9,,邮件,质量,紧急,墨盒漏墨,新建,质检组,2024-03-03 15:00,,,\n"
    "T4,,王经理,网站,价格,超级,价格不对,新建,销售组,2024-03-03 15:00,,,\n"
    "T5,,王经理,网站,价格,紧急,价格不对,待处理,销售组,2024-03-03 15:00,,,6\n"
    "T7,,王经理,网站,价格,紧急,价格不对,待处理,销售组,2024-03-03 15:00,,,4.5\n"
    "T6,,李女士,来访,服务,特急,态度差,已解决,,2024-03-05 08:00,,2024-03-05 12:00,\n"
)


def _customers(db: Database) -> None:
    import_frames(
        db, {"customers": pl.DataFrame({"customer_id": ["C1", "C2"], "name": ["甲", "乙"]})},
        source="people",
    )  # fmt: skip


def test_the_kinds_are_offered() -> None:
    assert {"complaints", "shipments"} <= set(ALL_KINDS)


def test_a_helpdesk_export_in_gbk(db: Database, tmp_path: Path) -> None:
    _customers(db)
    path = tmp_path / "helpdesk.csv"
    path.write_bytes(HELPDESK.encode("gbk"))
    result = import_table(db, "complaints", path)
    bad = {(r.line, r.column, r.value, r.reason) for r in result.rejected}
    assert bad == {
        (3, "响应时间", "2024-03-02 09:00", "complaints.before_created"),
        (4, "客户编号", "C9", "complaints.unknown_customer"),
        (5, "级别", "超级", "import.bad_choice"),
        (6, "回访满意度", "6", "table.out_of_range"),
        (7, "回访满意度", "4.5", "voice.not_whole"),
    }
    assert result.imported == 2
    rows = db.fetchall(
        "SELECT number, customer_id, contact, channel, category, severity, status, team, "
        "created_at, resolved_at, callback_score FROM complaints ORDER BY number"
    )
    assert rows == [
        ("T1", "C1", None, "phone", "送货延迟", "ordinary", "closed", "物流组",
         datetime(2024, 3, 1, 10), datetime(2024, 3, 4, 9), 4),
        ("T6", None, "李女士", "visit", "服务", "urgent", "replied", None,
         datetime(2024, 3, 5, 8), datetime(2024, 3, 5, 12), None),
    ]  # fmt: skip
    ids = [r[0] for r in db.fetchall("SELECT complaint_id FROM complaints ORDER BY number")]
    assert len(set(ids)) == 2 and all(isinstance(i, int) for i in ids)
    # the same export again: nothing counted twice
    again = import_table(db, "complaints", path)
    assert again.imported == 0 and again.duplicates == 2
    assert db.scalar("SELECT count(*) FROM complaints") == 2
    messages = [r.message("zh") for r in result.rejected]
    assert any("早于投诉受理时间" in m for m in messages)
    assert any("填写联系人" in m for m in messages)


def test_a_strict_complaint_import_with_a_bad_row_stores_nothing(
    db: Database, tmp_path: Path
) -> None:
    _customers(db)
    path = tmp_path / "helpdesk.csv"
    path.write_bytes(HELPDESK.encode("gbk"))
    with pytest.raises(StrictImportError):
        import_table(db, "complaints", path, strict=True)
    assert db.scalar("SELECT count(*) FROM complaints") == 0


def test_shipments_for_the_five_fact_notice(db: Database, tmp_path: Path) -> None:
    _customers(db)
    text = (
        "shipment,order,customer_id,spec,qty,shipped,truck,driver phone,eta,e-mail\n"
        "S1,O1,C1,A4 复印纸 80g,20,2024-03-01 08:00,沪A12345,13800001111,"
        "2024-03-01 16:00,buyer@example.com\n"
        "S2,O2,C7,A4 复印纸 80g,5,2024-03-01 08:00,沪A12345,13800001111,2024-03-01 16:00,\n"
        "S3,O3,C2,硒鼓,-1,2024-03-01 08:00,沪A12345,13800001111,2024-03-01 16:00,\n"
        "S4,O4,C2,硒鼓,2,2024-03-01 08:00,,13800001111,2024-03-01 16:00,\n"
    )
    path = tmp_path / "shipments.csv"
    path.write_text(text, encoding="utf-8")
    result = import_table(db, "shipments", path)
    bad = {(r.line, r.column, r.reason) for r in result.rejected}
    assert bad == {
        (3, "customer_id", "shipments.unknown_customer"),
        (4, "qty", "table.out_of_range"),
        (5, "truck", "import.missing_value"),
    }
    stored = db.fetchall("SELECT shipment_id, truck_no, driver_phone, quantity FROM shipments")
    assert stored == [("S1", "沪A12345", "13800001111", 20.0)]

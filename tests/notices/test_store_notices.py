"""The five-fact shipment notice from the store to a real mail server on 127.0.0.1:
rendered from an imported shipment, sent, logged with what the server said; without a
server it is rendered and logged, never claimed as sent (both engines)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.app import notices
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.storing import import_table
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.cli.helpers import invoke, refused
from tests.notices.conftest import LocalSMTP

SHIPMENTS = (
    "发货单号,订单号,客户编号,产品规格,数量,发货时间,车牌号,司机电话,预计到达,邮箱\n"
    "S1,O1,C1,A4 复印纸 80g（5 包/箱）,20,2024-12-01 08:00,沪A12345,13800001111,"
    "2024-12-01 16:00,buyer@example.com\n"
    "S2,O2,C2,硒鼓 HP 88A,5,2024-12-01 09:00,沪B67890,13900002222,2024-12-02 10:00,\n"
)


def _store(db: Database, tmp_path: Path) -> None:
    import_frames(
        db,
        {"customers": pl.DataFrame({"customer_id": ["C1", "C2"], "name": ["华东贸易", "乙方"]})},
        source="people",
    )
    path = tmp_path / "shipments.csv"
    path.write_text(SHIPMENTS, encoding="utf-8")
    assert import_table(db, "shipments", path).imported == 2


def test_sent_to_a_local_server_and_logged(
    db: Database, tmp_path: Path, smtp_server: LocalSMTP
) -> None:
    _store(db, tmp_path)
    notices.set_mail_settings(
        db, host=smtp_server.host, port=smtp_server.port, sender="service@huida.example",
        starttls=False, actor="test",
    )  # fmt: skip
    # S2 has no address: refused before anything is sent or logged
    with pytest.raises(DataValidationError) as no_address:
        notices.send_shipment_notices(db, lang="zh", actor="test")
    assert no_address.value.code == "notices.no_address"
    assert smtp_server.messages == [] and db.scalar("SELECT count(*) FROM notices") == 0
    sent = notices.send_shipment_notices(db, shipment_ids=["S1"], lang="zh", actor="test")
    assert [(s.shipment_id, s.state, s.to) for s in sent] == [("S1", "sent", "buyer@example.com")]
    (message,) = smtp_server.messages
    assert message["Subject"] == "发货通知：订单 O1 已发货"
    body = message.get_content()
    for fact in ("A4 复印纸 80g（5 包/箱）", "20", "2024-12-01 08:00", "沪A12345",
                 "13800001111", "2024-12-01 16:00", "华东贸易"):  # fmt: skip
        assert fact in body
    logged = db.fetchall("SELECT ref, state, to_address, message_id FROM notices")
    assert logged == [("S1", "sent", "buyer@example.com", sent[0].message_id)]
    # the rest: S1 is not sent twice
    smtp_server.refuse("550 5.1.1 mailbox unavailable")
    failed = notices.send_shipment_notices(db, lang="en", to="ops@huida.example", actor="t")
    assert [(s.shipment_id, s.state) for s in failed] == [("S2", "failed")]
    assert "550" in (failed[0].reply or "")
    assert db.scalar("SELECT state FROM notices WHERE ref = 'S2'") == "failed"
    assert len(smtp_server.messages) == 1
    actions = {r[0] for r in db.fetchall("SELECT action FROM audit")}
    assert {"notices.sent", "notices.failed", "notices.mail_settings"} <= actions


def test_without_a_server_nothing_is_claimed_sent(db: Database, tmp_path: Path) -> None:
    _store(db, tmp_path)
    assert notices.mail_settings(db) is None
    out = notices.send_shipment_notices(db, lang="en", actor="t")
    assert {s.state for s in out} == {"rendered"}
    assert db.scalar("SELECT count(*) FROM notices WHERE state = 'sent'") == 0
    english = notices.render_shipment(db, shipment_id="S2", lang="en")
    assert "Truck number: 沪B67890" in english.body
    with pytest.raises(NotFoundError) as unknown:
        notices.render_shipment(db, shipment_id="S9")
    assert unknown.value.code == "notices.unknown_shipment" and "S9" in unknown.value.message()


def test_the_commands(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path, smtp_server: LocalSMTP
) -> None:
    from custvalue.data.db import connect

    with connect(db_url) as db:
        _store(db, tmp_path)
    cli = ("--db", db_url)
    shown = invoke(capsys, *cli, "--lang", "zh", "notices", "render", "S1")
    assert shown.code == 0 and "车牌号：沪A12345" in shown.out
    refused(capsys, "notices.mail_needs_both", *cli, "notices", "mail", "--host", "x.example")
    refused(capsys, "notices.bad_address", *cli, "notices", "mail", "--host", "127.0.0.1",
            "--sender", "not an address")  # fmt: skip
    server = ("--host", smtp_server.host, "--port", str(smtp_server.port))
    done = invoke(capsys, *cli, "notices", "mail", *server, "--sender", "svc@h.example",
                  "--no-starttls")  # fmt: skip
    assert done.code == 0, done.err
    sent = invoke(capsys, *cli, "--lang", "en", "notices", "send", "S1")
    assert sent.code == 0 and "S1: sent to buyer@example.com" in sent.out
    assert len(smtp_server.messages) == 1
    smtp_server.refuse("550 no such user")
    failed = invoke(capsys, *cli, "--lang", "en", "notices", "send", "S1", "--to", "x@y.example")
    assert failed.code == 1 and "550" in failed.out
    log = invoke(capsys, *cli, "--lang", "zh", "notices", "log")
    assert log.code == 0 and "已发送" in log.out and "失败" in log.out
    refused(capsys, "notices.unknown_shipment", *cli, "notices", "send", "S7")

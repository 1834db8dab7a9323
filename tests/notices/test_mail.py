"""Sending a notice through a real SMTP server on 127.0.0.1 (tests/notices/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custvalue.exceptions import DataValidationError
from custvalue.notices import (
    MailSettings,
    Rendered,
    builtin_templates,
    check_address,
    render,
    send_mail,
)
from tests.notices.conftest import LocalSMTP

VALUES = {
    "customer_name": "华东机械有限公司",
    "order_id": "SO-20261204-01",
    "product_spec": "螺纹钢 HRB400 Φ16",
    "quantity": "20 吨",
    "shipped_at": datetime(2026, 12, 4, 9, 30),
    "truck_no": "沪A·12345",
    "driver_phone": "138 0013 8000",
    "expected_arrival": datetime(2026, 12, 5, 14, 0),
}


def settings(at_port: int, **changes: object) -> MailSettings:
    options: dict[str, object] = {
        "host": "127.0.0.1",
        "port": at_port,
        "sender": "notice@example.com",
        "starttls": False,
        "timeout": 5,
    }
    options.update(changes)
    return MailSettings(**options)  # type: ignore[arg-type]


def notice() -> Rendered:
    return render(builtin_templates()["shipment"], VALUES, "zh")


def test_a_chinese_notice_arrives_with_its_subject_and_body(smtp_server: LocalSMTP) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    receipt = send_mail(settings(smtp_server.port), "张经理 <zhang@example.com>", notice())
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "发货通知：订单 SO-20261204-01 已发货"
    assert message["From"] == "notice@example.com"
    assert message["To"] == "张经理 <zhang@example.com>"
    assert message["Message-ID"] == receipt.message_id
    assert receipt.message_id.endswith("@example.com>")
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert body.startswith("华东机械有限公司，您好：\n")
    assert "车牌号：沪A·12345\n" in body
    assert "司机电话：138 0013 8000\n" in body
    assert "发货时间：2026-12-04 09:30\n" in body
    assert "预计到达时间：2026-12-05 14:00\n" in body
    envelope = smtp_server.envelopes[0]
    assert envelope.sender == "notice@example.com"
    assert envelope.recipients == ["zhang@example.com"]
    assert receipt.to == "张经理 <zhang@example.com>"
    assert before <= receipt.at <= datetime.now(UTC) + timedelta(seconds=1)
    assert receipt.to_dict()["message_id"] == receipt.message_id


def test_connection_refused_is_a_coded_error(free_port: int) -> None:
    with pytest.raises(DataValidationError) as err:
        send_mail(settings(free_port), "zhang@example.com", notice())
    assert err.value.code == "notices.smtp_failed"
    assert err.value.params["server"] == f"127.0.0.1:{free_port}"
    assert "refused" in err.value.params["reply"].lower()
    assert f"127.0.0.1:{free_port}" in err.value.message("zh")


@pytest.mark.parametrize("at", ["RCPT", "DATA"])
def test_a_550_reply_is_a_coded_error_with_the_reply(smtp_server: LocalSMTP, at: str) -> None:
    smtp_server.refuse("550 5.1.1 mailbox unavailable", at=at)
    with pytest.raises(DataValidationError, match="notices.smtp_failed|did not take") as err:
        send_mail(settings(smtp_server.port), "nobody@example.com", notice())
    assert err.value.code == "notices.smtp_failed"
    assert "550" in err.value.params["reply"]
    assert "mailbox unavailable" in err.value.params["reply"]
    assert "550 5.1.1 mailbox unavailable" in str(err.value)
    assert smtp_server.messages == []


def test_starttls_against_a_server_without_it_is_a_coded_error(smtp_server: LocalSMTP) -> None:
    with pytest.raises(DataValidationError) as err:
        send_mail(settings(smtp_server.port, starttls=True), "zhang@example.com", notice())
    assert err.value.code == "notices.smtp_failed"
    assert "STARTTLS" in err.value.params["reply"]


@pytest.mark.parametrize(
    "address",
    [
        "",
        "zhang",
        "zhang@",
        "@example.com",
        "zhang@example",
        "zhang @example.com",
        "a@b@example.com",
        "zhang@example.com\r\nBcc: all@example.com",
        "张 <zhang@example.com",
    ],
)
def test_a_bad_recipient_is_refused_before_connecting(free_port: int, address: str) -> None:
    with pytest.raises(DataValidationError) as err:
        send_mail(settings(free_port), address, notice())
    assert err.value.code == "notices.bad_address"
    assert err.value.params["role"] == "to"


def test_good_addresses_pass() -> None:
    assert check_address(" kehu@example.com ") == "kehu@example.com"
    assert check_address("张三 <kehu@mail.example.cn>") == "张三 <kehu@mail.example.cn>"
    with pytest.raises(DataValidationError) as err:
        check_address(42, role="cc")
    assert err.value.code == "notices.bad_address"
    assert "cc: 42" in str(err.value)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"sender": "notice"}, "notices.bad_address"),
        ({"host": ""}, "notices.bad_host"),
        ({"host": "smtp example.com"}, "notices.bad_host"),
        ({"starttls": True, "ssl": True}, "notices.tls_conflict"),
        ({"username": "notice"}, "notices.incomplete_login"),
        ({"password": "secret"}, "notices.incomplete_login"),
        ({"port": 0}, "validation.number_range"),
        ({"port": 70000}, "validation.number_range"),
        ({"port": 25.5}, "validation.not_whole"),
        ({"timeout": 0}, "validation.number_range"),
        ({"ssl": "yes"}, "validation.choice"),
    ],
)
def test_bad_settings_are_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        settings(25, **changes)
    assert err.value.code == code


def test_the_password_is_never_shown() -> None:
    login = settings(465, ssl=True, username="notice", password="s3cret-口令")
    assert "s3cret" not in repr(login)
    assert "password" not in login.to_dict()
    assert login.server == "127.0.0.1:465"
    with pytest.raises(DataValidationError) as err:
        settings(25, username="notice")
    assert "password" in str(err.value)
    assert "缺少密码" in err.value.message("zh")

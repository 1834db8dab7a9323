"""Proactive notices: templates in both languages with the fields they require (the
built-in five-fact shipment notice), rendering them with checked values, and sending
them by e-mail over SMTP. No store: the caller keeps what was sent."""

from __future__ import annotations

from custvalue.notices.mail import (
    MailSettings,
    SentReceipt,
    build_message,
    check_address,
    send_mail,
)
from custvalue.notices.templates import (
    LANGS,
    NoticeField,
    Rendered,
    Template,
    builtin_templates,
    format_value,
    load_templates,
    render,
)

__all__ = [
    "LANGS",
    "MailSettings",
    "NoticeField",
    "Rendered",
    "SentReceipt",
    "Template",
    "build_message",
    "builtin_templates",
    "check_address",
    "format_value",
    "load_templates",
    "render",
    "send_mail",
]

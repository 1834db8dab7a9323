"""Proactive notices from the store (docs/keeping.md §3): the five-fact shipment notice
rendered from an imported shipment, sent over SMTP when a server is configured, and
every notice logged (what was sent to whom, when, and what the server said).

* The mail server lives in ``settings`` (``mail.host``, ``mail.port``, ``mail.username``,
  ``mail.sender``, ``mail.starttls``, ``mail.ssl``); its password never does: it is read
  from the ``CUSTVALUE_SMTP_PASSWORD`` environment variable when a username is set.
* Without a server, a notice is rendered and logged as ``rendered`` (nothing is sent;
  the log says so). With one, it is ``sent`` with the server's message id, or
  ``failed`` with the server's reply — logged either way, one row per attempt.
* A shipment without an e-mail address, or a template field left empty, is refused
  before anything is sent or logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.users import User
    from custvalue.data.db import Database
    from custvalue.notices.mail import MailSettings
    from custvalue.notices.templates import Rendered

__all__ = [
    "PASSWORD_VARIABLE",
    "NoticeLog",
    "Sent",
    "mail_settings",
    "notice_log",
    "render_shipment",
    "send_shipment_notices",
    "set_mail_settings",
]

PASSWORD_VARIABLE = "CUSTVALUE_SMTP_PASSWORD"
_KEYS = ("host", "port", "username", "sender", "starttls", "ssl")


@dataclass(frozen=True)
class Sent(Result):
    """One notice attempt as logged."""

    notice_id: int
    shipment_id: str
    to: str | None
    state: str
    subject: str
    reply: str | None
    message_id: str | None

    def data(self) -> dict[str, Any]:
        return {
            "notice_id": self.notice_id,
            "shipment_id": self.shipment_id,
            "to": self.to,
            "state": self.state,
            "subject": self.subject,
            "reply": self.reply,
            "message_id": self.message_id,
        }


@dataclass(frozen=True)
class NoticeLog(Result):
    """A page of the notices log, newest first."""

    table: pl.DataFrame
    total: int

    def data(self) -> dict[str, Any]:
        return {"total": self.total, "notices": rows(self.table)}


def mail_settings(db: Database) -> MailSettings | None:
    """The configured SMTP server, or ``None`` when there is none."""
    from custvalue.notices.mail import MailSettings

    stored = dict(db.fetchall("SELECT key, value FROM settings WHERE key LIKE 'mail.%'"))
    if not stored.get("mail.host"):
        return None
    username = stored.get("mail.username") or None
    return MailSettings(
        host=stored["mail.host"],
        port=int(stored.get("mail.port") or 587),
        username=username,
        password=os.environ.get(PASSWORD_VARIABLE) if username else None,
        sender=stored.get("mail.sender", ""),
        starttls=stored.get("mail.starttls", "true") == "true",
        ssl=stored.get("mail.ssl", "false") == "true",
    )


def set_mail_settings(
    db: Database,
    *,
    host: str,
    sender: str,
    port: int = 587,
    username: str | None = None,
    starttls: bool = True,
    ssl: bool = False,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> MailSettings:
    """Store the SMTP server (checked as :class:`MailSettings` checks it; the password
    comes from ``CUSTVALUE_SMTP_PASSWORD`` when sending)."""
    from custvalue.app.users import audit
    from custvalue.notices.mail import MailSettings

    password = os.environ.get(PASSWORD_VARIABLE) if username else None
    settings = MailSettings(
        host=host, port=port, username=username or None,
        password=password if username else None, sender=sender, starttls=starttls, ssl=ssl,
    )  # fmt: skip
    values = {
        "host": settings.host, "port": str(settings.port), "username": settings.username or "",
        "sender": settings.sender, "starttls": str(settings.starttls).lower(),
        "ssl": str(settings.ssl).lower(),
    }  # fmt: skip
    with db.transaction():
        before = mail_settings_dict(db)
        for key in _KEYS:
            db.execute("DELETE FROM settings WHERE key = ?", [f"mail.{key}"])
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)", [f"mail.{key}", values[key]]
            )
        audit(
            db, action="notices.mail_settings", by=by, actor=actor,
            details={"before": before, "after": values}, now=now,
        )  # fmt: skip
    return settings


def mail_settings_dict(db: Database) -> dict[str, str]:
    """The stored mail settings as text (no password is ever stored)."""
    return {
        str(k)[5:]: str(v)
        for k, v in db.fetchall("SELECT key, value FROM settings WHERE key LIKE 'mail.%'")
    }


def _shipments(db: Database, ids: Sequence[str] | None) -> list[dict[str, Any]]:
    from custvalue.exceptions import NotFoundError

    sql = (
        "SELECT s.shipment_id, s.order_id, s.customer_id, c.name AS customer_name, "
        "s.product_spec, s.quantity, s.shipped_at, s.truck_no, s.driver_phone, "
        "s.expected_at, s.email FROM shipments s "
        "LEFT JOIN customers c ON c.customer_id = s.customer_id"
    )
    if ids is None:
        found = db.frame(
            sql + " WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.template = 'shipment' "
            "AND n.ref = s.shipment_id AND n.state = 'sent') ORDER BY s.shipped_at, s.shipment_id"
        )
    else:
        wanted = sorted({i.strip() for i in ids if i.strip()})
        marks = ", ".join("?" for _ in wanted) or "NULL"
        found = db.frame(sql + f" WHERE s.shipment_id IN ({marks}) ORDER BY s.shipment_id", wanted)
        missing = sorted(set(wanted) - set(found["shipment_id"].to_list()))
        if missing or not wanted:
            raise NotFoundError(
                "notices.unknown_shipment", ids=", ".join(missing) or "—", db=db.display_url
            )
    return found.to_dicts()


def _values(row: Mapping[str, Any]) -> dict[str, object]:
    """A shipment row as the ``shipment`` template's fields (quantity without ``.0``)."""
    quantity = row["quantity"]
    shown = f"{quantity:g}" if isinstance(quantity, float) else quantity
    return {
        "customer_name": row.get("customer_name") or row["customer_id"],
        "order_id": row.get("order_id") or row["shipment_id"],
        "product_spec": row["product_spec"],
        "quantity": shown,
        "shipped_at": row["shipped_at"],
        "truck_no": row["truck_no"],
        "driver_phone": row["driver_phone"],
        "expected_arrival": row["expected_at"],
    }


def render_shipment(db: Database, *, shipment_id: str, lang: str = "zh") -> Rendered:
    """The five-fact notice of one stored shipment in ``lang`` (``en`` or ``zh``)."""
    from custvalue.notices.templates import builtin_templates, render

    (row,) = _shipments(db, [shipment_id])
    return render(builtin_templates()["shipment"], _values(row), lang)


def send_shipment_notices(
    db: Database,
    *,
    shipment_ids: Sequence[str] | None = None,
    lang: str = "zh",
    to: str | None = None,
    by: User | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> list[Sent]:
    """Render and send (or, with no server, render and log) the notice of each shipment
    named, or of every shipment not yet sent. ``to`` overrides the shipments' addresses
    (a test to oneself). Every notice is rendered and its address checked before the
    first is sent; each attempt is then logged in its own transaction, so a failure
    halfway leaves the ones sent logged as sent."""
    from custvalue.app.users import audit
    from custvalue.exceptions import DataValidationError
    from custvalue.notices.mail import check_address, send_mail
    from custvalue.notices.templates import builtin_templates, render

    template = builtin_templates()["shipment"]
    server = mail_settings(db)
    prepared: list[tuple[dict[str, Any], Rendered, str | None]] = []
    for row in _shipments(db, shipment_ids):
        rendered = render(template, _values(row), lang)
        address = to or row.get("email")
        if server is not None:
            if not address:
                raise DataValidationError("notices.no_address", shipment=row["shipment_id"])
            address = check_address(address)
        prepared.append((row, rendered, address))
    out: list[Sent] = []
    who = by.name if by is not None else actor
    for row, rendered, address in prepared:
        state, reply, message_id, sent_at = "rendered", None, None, None
        if server is not None and address is not None:
            try:
                receipt = send_mail(server, address, rendered)
                state, message_id, sent_at = "sent", receipt.message_id, receipt.at
            except DataValidationError as error:  # notices.smtp_failed: logged, then shown
                state, reply = "failed", error.message()
        stamp = now or datetime.now().replace(microsecond=0)
        with db.transaction():
            notice_id = int(db.scalar("SELECT nextval('notices_seq')"))
            db.execute(
                "INSERT INTO notices (notice_id, template, lang, customer_id, ref, to_address, "
                "subject, body, state, reply, message_id, created_at, sent_at, user_name) "
                "VALUES (?, 'shipment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [notice_id, lang, row["customer_id"], row["shipment_id"], address,
                 rendered.subject, rendered.body, state, reply, message_id, stamp,
                 sent_at.replace(tzinfo=None) if sent_at else None, who],
            )  # fmt: skip
            audit(
                db, action=f"notices.{state}", by=by, actor=actor, target=row["shipment_id"],
                details={"after": {"notice_id": notice_id, "to": address, "state": state}},
                now=now,
            )  # fmt: skip
        out.append(
            Sent(notice_id, row["shipment_id"], address, state, rendered.subject, reply, message_id)
        )
    return out


def notice_log(db: Database, *, limit: int = 100, offset: int = 0) -> NoticeLog:
    """The notices log, newest first."""
    from custvalue._validation import check_number

    limit = int(check_number("--limit", limit, minimum=1, maximum=10_000, integer=True))
    offset = int(check_number("--offset", offset, minimum=0, integer=True))
    total = int(db.scalar("SELECT count(*) FROM notices") or 0)
    frame = db.frame(
        "SELECT notice_id, created_at, template, lang, customer_id, ref, to_address, subject, "
        "state, reply, message_id, sent_at, user_name FROM notices "
        "ORDER BY notice_id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return NoticeLog(frame, total)

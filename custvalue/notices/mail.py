"""Sending a rendered notice by e-mail through the company's SMTP server.

:class:`MailSettings` says how to reach the server: ``ssl`` for a server that speaks TLS
from the first byte (usually port 465), ``starttls`` to upgrade a plain connection
(usually port 587); not both. A ``username`` needs its ``password`` and the other way
round. The message is built with :class:`email.message.EmailMessage` (UTF-8 subject
and body, so Chinese arrives intact) and sent with :mod:`smtplib`.

Refusals: an address that is not one (``notices.bad_address``: one ``@``, a domain with
a dot, no spaces or line breaks; ``Name <address>`` is accepted), a host that is not one
(``notices.bad_host``), both TLS modes (``notices.tls_conflict``), half a login
(``notices.incomplete_login``); a server that cannot be reached or answers with an error
(``notices.smtp_failed``, naming ``host:port`` and the server's reply) — never a
traceback.
"""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from ssl import create_default_context
from typing import Any

from custvalue._validation import check_number
from custvalue.exceptions import DataValidationError
from custvalue.notices.templates import Rendered

__all__ = ["MailSettings", "SentReceipt", "build_message", "check_address", "send_mail"]

_PART = r"[^\s@<>()\[\],;:\"\\]+"
ADDRESS = re.compile(rf"^{_PART}@{_PART}$")
HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9\-.]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")


def check_address(address: object, *, role: str = "to") -> str:
    """``address`` if it is an e-mail address (``kehu@example.com`` or
    ``张三 <kehu@example.com>``), else ``notices.bad_address`` naming it and ``role``
    (``to``, ``sender``)."""
    ok = isinstance(address, str) and "\r" not in address and "\n" not in address
    if ok:
        assert isinstance(address, str)
        bare = parseaddr(address)[1] if "<" in address else address.strip()
        domain = bare.rpartition("@")[2]
        ok = (
            bool(ADDRESS.match(bare))
            and "." in domain
            and all(domain.split("."))
            and (("<" in address) == (">" in address))
        )
    if not ok:
        raise DataValidationError("notices.bad_address", address=repr(address), role=role)
    assert isinstance(address, str)
    return address.strip()


def _bare(address: str) -> str:
    return parseaddr(address)[1] if "<" in address else address


@dataclass(frozen=True, kw_only=True)
class MailSettings:
    """How to reach the SMTP server (checked when made; the password is never shown)."""

    host: str
    port: int = 587
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str
    starttls: bool = True
    ssl: bool = False
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if not isinstance(self.host, str) or not HOST.match(self.host):
            raise DataValidationError("notices.bad_host", host=repr(self.host))
        check_number("port", self.port, minimum=1, maximum=65535, integer=True)
        check_number("timeout", self.timeout, above=0, maximum=600)
        check_address(self.sender, role="sender")
        for name in ("starttls", "ssl"):
            if not isinstance(getattr(self, name), bool):
                raise DataValidationError(
                    "validation.choice", name=name, got=getattr(self, name), allowed="True, False"
                )
        if self.starttls and self.ssl:
            raise DataValidationError("notices.tls_conflict", port=self.port)
        if bool(self.username) != bool(self.password):
            missing = ("password", "密码") if self.username else ("username", "用户名")
            raise DataValidationError(
                "notices.incomplete_login", missing=missing[0], missing_zh=missing[1]
            )

    @property
    def server(self) -> str:
        """``host:port``."""
        return f"{self.host}:{int(self.port)}"

    def to_dict(self) -> dict[str, Any]:
        """The settings without the password."""
        return {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "sender": self.sender,
            "starttls": self.starttls,
            "ssl": self.ssl,
            "timeout": self.timeout,
        }


@dataclass(frozen=True)
class SentReceipt:
    """A message the server accepted: its ``Message-ID``, the recipient, when (UTC)."""

    message_id: str
    to: str
    at: datetime

    def to_dict(self) -> dict[str, str]:
        return {"message_id": self.message_id, "to": self.to, "at": self.at.isoformat()}


def build_message(settings: MailSettings, to: str, rendered: Rendered) -> EmailMessage:
    """The e-mail of ``rendered`` from ``settings.sender`` to ``to`` (UTF-8 text)."""
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = settings.sender
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_bare(settings.sender).rpartition("@")[2])
    message.set_content(rendered.body, charset="utf-8")
    return message


def _reply(exc: BaseException) -> str:
    """What the server said (``550 5.1.1 no such user``), or what went wrong."""
    if isinstance(exc, smtplib.SMTPResponseException):
        said = exc.smtp_error
        text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{who}: {code} {said.decode('utf-8', 'replace')}"
            for who, (code, said) in exc.recipients.items()
        )
    return str(exc) or type(exc).__name__


def send_mail(settings: MailSettings, to: str, rendered: Rendered) -> SentReceipt:
    """Send ``rendered`` to ``to``; the receipt once the server has accepted it."""
    check_address(to, role="to")
    message = build_message(settings, to.strip(), rendered)
    client: smtplib.SMTP | None = None
    try:
        if settings.ssl:
            client = smtplib.SMTP_SSL(
                settings.host,
                int(settings.port),
                timeout=settings.timeout,
                context=create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, int(settings.port), timeout=settings.timeout)
        if settings.starttls:
            client.starttls(context=create_default_context())
        if settings.username:
            client.login(settings.username, settings.password or "")
        client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DataValidationError(
            "notices.smtp_failed", server=settings.server, reply=_reply(exc)
        ) from None
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    return SentReceipt(message_id=str(message["Message-ID"]), to=to.strip(), at=datetime.now(UTC))

"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd).

Fixtures (reuse them elsewhere with ``from tests.notices.conftest import smtp_server,
free_port  # noqa: F401`` in that folder's conftest.py):

- ``smtp_server``: a running :class:`LocalSMTP` — ``host``, ``port``, ``messages`` (the
  messages received, parsed as :class:`email.message.EmailMessage`, line ends as
  ``\n``), ``envelopes``
  (sender, recipients, raw bytes) and ``refuse(reply, at="RCPT" | "DATA")`` to make it
  answer every later message with ``reply`` (e.g. ``"550 5.1.1 mailbox unavailable"``);
- ``free_port``: a port on 127.0.0.1 where nothing listens (connection refused).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Envelope:
    """What the server received: the envelope sender, recipients and the raw message."""

    sender: str
    recipients: list[str]
    content: bytes


@dataclass
class _Handler:
    envelopes: list[Envelope] = field(default_factory=list)
    refusals: dict[str, str] = field(default_factory=dict)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if "RCPT" in self.refusals:
            return self.refusals["RCPT"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if "DATA" in self.refusals:
            return self.refusals["DATA"]
        self.envelopes.append(
            Envelope(str(envelope.mail_from), list(envelope.rcpt_tos), bytes(envelope.content))
        )
        return "250 Message accepted"


@dataclass
class LocalSMTP:
    """A running local SMTP server (see the module docstring)."""

    host: str
    port: int
    handler: _Handler

    @property
    def envelopes(self) -> list[Envelope]:
        return self.handler.envelopes

    @property
    def messages(self) -> list[EmailMessage]:
        out = []
        for envelope in self.envelopes:
            # as a mail client shows it: the wire's CRLF line ends read as newlines
            raw = envelope.content.replace(b"\r\n", b"\n")
            parsed = message_from_bytes(raw, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            out.append(parsed)
        return out

    def refuse(self, reply: str, *, at: str = "RCPT") -> None:
        """Answer ``reply`` to every later ``at`` command (``RCPT`` or ``DATA``)."""
        assert at in ("RCPT", "DATA")
        self.handler.refusals[at] = reply


@pytest.fixture
def smtp_server() -> Iterator[LocalSMTP]:
    handler = _Handler()
    port = _free_port()
    controller = Controller(handler, hostname=HOST, port=port)
    controller.start()
    try:
        yield LocalSMTP(HOST, port, handler)
    finally:
        controller.stop()


@pytest.fixture
def free_port() -> int:
    return _free_port()

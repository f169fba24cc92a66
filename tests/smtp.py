"""A real SMTP server for the tests (aiosmtpd on a free local port) that keeps what it gets."""
from __future__ import annotations

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class _Keep:
    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


class SmtpSink:
    """`messages`: (recipients, message) of each delivery; `address`: host:port for smtp.server."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self._keep = _Keep()
        self._controller = Controller(self._keep, hostname="127.0.0.1", port=port)
        self.address = f"127.0.0.1:{port}"

    @property
    def messages(self):
        return self._keep.messages

    def __enter__(self) -> "SmtpSink":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

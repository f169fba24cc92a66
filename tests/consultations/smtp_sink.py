"""A real SMTP server on a free local port that keeps the messages it receives (for tests)."""
from __future__ import annotations

import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self._reply("220 sink ESMTP")
        recipients, lines, in_data = [], [], False
        for raw in self.rfile:
            if in_data:
                if raw.rstrip(b"\r\n") == b".":
                    message = email.message_from_bytes(b"".join(lines),
                                                       policy=email.policy.default)
                    self.server.messages.append((list(recipients), message))
                    recipients, lines, in_data = [], [], False
                    self._reply("250 OK")
                else:
                    lines.append(raw[1:] if raw.startswith(b"..") else raw)
                continue
            command = raw.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self._reply("250-sink")
                self._reply("250 8BITMIME")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self._reply("250 OK")
            elif verb == "DATA":
                in_data = True
                self._reply("354 End data with <CR><LF>.<CR><LF>")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

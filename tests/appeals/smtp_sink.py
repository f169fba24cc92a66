"""A minimal SMTP server for tests (the standard library's smtpd is gone from Python 3.12):
enough of RFC 5321 for smtplib to deliver a message, which is kept in `messages`."""
from __future__ import annotations

import email
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self._reply("220 sink ready")
        recipients: list[str] = []
        while True:
            line = self.rfile.readline().decode(errors="replace").rstrip("\r\n")
            verb = line[:4].upper()
            if not line and self.rfile.closed:
                return
            if verb in ("EHLO", "HELO"):
                self._reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip(" <>"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 end with .")
                lines = []
                while True:
                    data = self.rfile.readline().decode(errors="replace")
                    if data.rstrip("\r\n") == ".":
                        break
                    lines.append(data[1:] if data.startswith("..") else data)
                self.server.messages.append(
                    (recipients, email.message_from_string("".join(lines))))
                self._reply("250 queued")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            elif line == "":
                return
            else:
                self._reply("250 OK")


class SMTPSink(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

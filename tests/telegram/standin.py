"""A stand-in for Telegram's Bot API over real HTTP (http.server in a thread), as Telegram
documents it: POST /bot<token>/<method> with a JSON body, answered {"ok": true, "result": ...}
or {"ok": false, "error_code", "description", "parameters": {"retry_after"}}. It records every
call, keeps updates for getUpdates, and fails on demand (HTTP 500, 429 with retry_after)."""
from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHANNEL_ID = -1001234567890


class BotApiStandIn:
    def __init__(self, token: str):
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.failures: list[tuple[int, dict]] = []  # (HTTP status, error body), used in order
        self.webhook: dict = {}
        self.polls: dict[int, dict] = {}  # message_id -> the poll sent in it
        self._ids = itertools.count(101)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> "BotApiStandIn":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, status: int = 500, retry_after: int | None = None, times: int = 1) -> None:
        body = {"ok": False, "error_code": status,
                "description": "Too Many Requests: retry later" if status == 429
                else "Internal Server Error"}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        self.failures.extend([(status, body)] * times)

    def vote(self, message_id: int, counts: list[int]) -> dict:
        """Votes cast on the channel: the poll's new state, as the `poll` update carries it."""
        poll = self.polls[message_id]
        for option, count in zip(poll["options"], counts):
            option["voter_count"] = count
        poll["total_voter_count"] = sum(counts)
        return dict(poll)

    def sent(self, method: str) -> list[dict]:
        return [payload for name, payload in self.calls if name == method]

    # the methods the portal uses
    def _message(self, payload: dict, **content) -> dict:
        chat = payload["chat_id"]
        return {"message_id": next(self._ids), "date": 1764700000,
                "chat": {"id": CHANNEL_ID if isinstance(chat, str) else chat,
                         "type": "channel" if isinstance(chat, str) else "private"},
                **content}

    def _poll(self, payload: dict, closed: bool = False) -> dict:
        return {"id": f"5{next(self._ids)}", "question": payload.get("question", ""),
                "options": [{"text": o["text"], "voter_count": 0}
                            for o in payload.get("options", [])],
                "total_voter_count": 0, "is_closed": closed, "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": payload.get("allows_multiple_answers", False)}

    def answer(self, method: str, payload: dict):
        if method == "sendMessage":
            return self._message(payload, text=payload["text"])
        if method == "sendPoll":
            message = self._message(payload, poll=self._poll(payload))
            self.polls[message["message_id"]] = message["poll"]
            return message
        if method == "stopPoll":  # the stopped poll, with its final counts
            poll = self.polls[payload["message_id"]]
            poll["is_closed"] = True
            return poll
        if method == "getUpdates":
            offset = payload.get("offset", 0)
            return [u for u in self.updates if u["update_id"] >= offset]
        if method in ("setWebhook", "deleteWebhook"):
            self.webhook = payload
            return True
        raise KeyError(method)

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                prefix = f"/bot{standin.token}/"
                if not self.path.startswith(prefix):
                    return self._reply(401, {"ok": False, "error_code": 401,
                                             "description": "Unauthorized"})
                method = self.path[len(prefix):]
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with standin._lock:
                    if standin.failures:
                        status, body = standin.failures.pop(0)
                        standin.calls.append((f"failed:{method}", payload))
                        return self._reply(status, body)
                    try:
                        result = standin.answer(method, payload)
                    except KeyError:
                        return self._reply(404, {"ok": False, "error_code": 404,
                                                 "description": "Not Found"})
                    standin.calls.append((method, payload))
                return self._reply(200, {"ok": True, "result": result})

        return Handler

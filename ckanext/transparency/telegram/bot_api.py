"""Telegram's Bot API over HTTPS: POST {api_url}/bot<token>/<method> with a JSON body; the
answer is {"ok": true, "result": ...} or {"ok": false, "error_code", "description",
"parameters": {"retry_after": seconds}}. The token is part of the address: it never appears in
an error or a log line."""
from __future__ import annotations

from typing import Any, Optional

import requests

from . import settings


class BotApiError(Exception):
    """A call that failed. `retry`: worth trying again (Telegram down, busy or rate-limited);
    `retry_after`: the seconds Telegram asked to wait."""

    def __init__(self, message: str, retry: bool, retry_after: Optional[int] = None):
        super().__init__(message)
        self.retry = retry
        self.retry_after = retry_after


def call(method: str, payload: dict[str, Any]) -> Any:
    url = f"{settings.api_url()}/bot{settings.token()}/{method}"
    try:
        response = requests.post(url, json=payload, timeout=settings.timeout())
    except requests.RequestException as error:
        raise BotApiError(f"{method}: {type(error).__name__}", retry=True) from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.ok and answer.get("ok"):
        return answer.get("result")
    retry_after = (answer.get("parameters") or {}).get("retry_after")
    code = answer.get("error_code") or response.status_code
    description = str(answer.get("description") or response.reason or "")[:200]
    raise BotApiError(f"{method}: {code} {description}".strip(),
                      retry=code == 429 or code >= 500 or retry_after is not None,
                      retry_after=int(retry_after) if retry_after else None)

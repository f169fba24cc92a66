"""Bot API calls go through an outbox: a portal request only writes a row; the jobs worker
(enqueued at once) or the periodic job makes the call, and retries it while Telegram is down,
busy or rate-limiting (429 with retry_after), so Telegram never fails a portal request."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import bot_api, settings
from .model import Outbox, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
MAX_WAIT = dt.timedelta(hours=1)
# purpose prefix ("poll" of "poll:<id>") -> what to do with the call's result
OnSent = Callable[[str, Any], None]


def queue(method: str, payload: dict, purpose: str = "") -> Outbox:
    """Add a call to the outbox (committed with the caller's transaction)."""
    row = Outbox(method=method, payload=payload, purpose=purpose)
    model.Session.add(row)
    return row


def kick() -> None:
    """Ask the jobs worker to send now; without Redis the periodic job sends later."""
    try:
        tk.enqueue_job(send_due, title="telegram outbox")
    except Exception as error:  # a missing queue must not fail the request that queued
        log.warning("telegram outbox not enqueued: %s", type(error).__name__)


def _wait(attempts: int, retry_after: Optional[int]) -> dt.timedelta:
    if retry_after:
        return dt.timedelta(seconds=retry_after)
    return min(dt.timedelta(seconds=30 * 2 ** min(attempts, 10)), MAX_WAIT)


def _due() -> list[Outbox]:
    return (model.Session.query(Outbox)
            .filter(Outbox.sent_at.is_(None), Outbox.failed_at.is_(None),
                    Outbox.next_try <= utcnow())
            .order_by(Outbox.id).with_for_update(skip_locked=True).all())


def send_due(on_sent: Optional[dict[str, OnSent]] = None) -> dict[str, int]:
    """Make the due calls; returns how many were sent, postponed and given up."""
    if not settings.enabled():
        return {"sent": 0, "retry": 0, "failed": 0}
    on_sent = on_sent if on_sent is not None else HANDLERS
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for row in _due():
        try:
            result = bot_api.call(row.method, row.payload)
        except bot_api.BotApiError as error:
            row.attempts += 1
            row.error = str(error)
            if error.retry and row.attempts < MAX_ATTEMPTS:
                row.next_try = utcnow() + _wait(row.attempts, error.retry_after)
                counts["retry"] += 1
            else:
                row.failed_at = utcnow()
                counts["failed"] += 1
            log.warning("telegram %s not sent (attempt %s): %s", row.method, row.attempts,
                        error)
            model.Session.commit()
            if error.retry_after:  # Telegram asked everyone to wait: so do the rest
                break
            continue
        row.sent_at = utcnow()
        row.attempts += 1
        kind, _sep, reference = row.purpose.partition(":")
        if kind in on_sent:
            on_sent[kind](reference, result)
        model.Session.commit()
        counts["sent"] += 1
    model.Session.commit()
    return counts


HANDLERS: dict[str, OnSent] = {}


def pending() -> int:
    return model.Session.query(Outbox).filter(Outbox.sent_at.is_(None),
                                              Outbox.failed_at.is_(None)).count()

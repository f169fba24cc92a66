"""Updates from Telegram (the webhook, or getUpdates when no webhook is set), each processed
once: its update_id is stored in the same transaction as what it changed."""
from __future__ import annotations

import logging

import ckan.model as model
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert

from . import bot, bot_api, outbox, polls, settings
from .model import Update, utcnow

log = logging.getLogger(__name__)
ALLOWED = ["message", "poll"]


def _claim(update_id: int) -> bool:
    inserted = model.Session.execute(
        insert(Update.__table__).values(update_id=update_id, received_at=utcnow())
        .on_conflict_do_nothing(index_elements=["update_id"]).returning(Update.update_id)
    ).scalar()
    return inserted is not None


def receive(context: dict, update: dict) -> str:
    """Process one update; returns what it was: poll, message, ignored or duplicate."""
    if not _claim(int(update["update_id"])):
        model.Session.rollback()
        return "duplicate"
    outcome = "ignored"
    if isinstance(update.get("poll"), dict):
        outcome = "poll" if polls.record(update["poll"]) else "ignored"
    elif isinstance(update.get("message"), dict):
        outcome = "message" if bot.handle(context, update["message"]) else "ignored"
    model.Session.commit()
    if outcome == "message":
        outbox.kick()
    return outcome


def fetch(context: dict) -> int:
    """Fetch and process the updates waiting with getUpdates (without a webhook)."""
    if not settings.enabled() or settings.webhook_secret():
        return 0
    last = model.Session.query(func.max(Update.update_id)).scalar()
    payload = {"timeout": 0, "allowed_updates": ALLOWED}
    if last is not None:
        payload["offset"] = last + 1
    try:
        updates = bot_api.call("getUpdates", payload) or []
    except bot_api.BotApiError as error:
        log.warning("telegram updates not fetched: %s", error)
        return 0
    done = 0
    for update in updates:
        if isinstance(update, dict) and isinstance(update.get("update_id"), int):
            receive(context, update)
            done += 1
    return done

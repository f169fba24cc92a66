"""A portal poll posted to the channel as a native Telegram poll (sendPoll); the votes cast
there come back as `poll` updates (the poll's options with their voter_count) and are shown
beside the portal's (IPollVotes); when the poll closes on the portal, stopPoll closes it on
Telegram too. Telegram polls on a channel are anonymous: only counts are known."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import outbox, settings
from .model import ChannelPoll, utcnow

QUESTION_MAX, OPTION_MAX, OPTIONS_MAX = 300, 100, 10


def payload(poll: dict) -> dict:
    return {"chat_id": settings.channel(), "question": poll["question"][:QUESTION_MAX],
            "options": [{"text": o["label"][:OPTION_MAX]} for o in poll["options"]],
            "is_anonymous": True, "allows_multiple_answers": bool(poll["multiple"])}


def post(poll: dict) -> ChannelPoll:
    """Queue the poll for the channel (once)."""
    errors = []
    if poll["state"] == "closed":
        errors.append(tk._("The poll is closed"))
    if len(poll["options"]) > OPTIONS_MAX:
        errors.append(tk._("A Telegram poll has at most {n} options").format(n=OPTIONS_MAX))
    if errors:
        raise tk.ValidationError({"id": errors})
    if model.Session.get(ChannelPoll, poll["id"]) is not None:
        raise tk.ValidationError({"id": [tk._("The poll is already on the channel")]})
    row = ChannelPoll(poll_id=poll["id"], votes=[0] * len(poll["options"]))
    model.Session.add(row)
    outbox.queue("sendPoll", payload(poll), purpose=f"poll:{poll['id']}")
    model.Session.commit()
    outbox.kick()
    return row


def sent(poll_id: str, message: Any) -> None:
    """sendPoll's answer (a Message with its poll): where the poll is on the channel."""
    row = model.Session.get(ChannelPoll, poll_id)
    if row is None or not isinstance(message, dict):
        return
    row.message_id = message.get("message_id")
    row.chat_id = str((message.get("chat") or {}).get("id", ""))
    telegram_poll = message.get("poll") or {}
    row.telegram_poll_id = telegram_poll.get("id")
    _counts(row, telegram_poll)


def _counts(row: ChannelPoll, telegram_poll: dict) -> None:
    options = telegram_poll.get("options")
    if isinstance(options, list) and options:  # a poll always has options: else keep what we have
        row.votes = [int(o.get("voter_count") or 0) for o in options]
    if "total_voter_count" in telegram_poll:
        row.voters = int(telegram_poll["total_voter_count"] or 0)


def record(telegram_poll: dict) -> bool:
    """A `poll` update (or stopPoll's answer): the poll's current counts on Telegram."""
    row = (model.Session.query(ChannelPoll)
           .filter(ChannelPoll.telegram_poll_id == str(telegram_poll.get("id"))).one_or_none())
    if row is None:
        return False
    _counts(row, telegram_poll)
    return True


def stopped(poll_id: str, telegram_poll: Any) -> None:
    row = model.Session.get(ChannelPoll, poll_id)
    if row is not None and isinstance(telegram_poll, dict):
        _counts(row, telegram_poll)


def stop_closed(context: dict, poll_ids: list[str] | None = None) -> int:
    """Queue stopPoll for channel polls whose portal poll has closed; returns how many."""
    query = model.Session.query(ChannelPoll).filter(ChannelPoll.stop_queued_at.is_(None),
                                                    ChannelPoll.message_id.isnot(None))
    if poll_ids is not None:
        query = query.filter(ChannelPoll.poll_id.in_(poll_ids))
    queued = 0
    for row in query.all():
        try:
            poll = tk.get_action("poll_show")(dict(context), {"id": row.poll_id})
        except tk.ObjectNotFound:
            continue
        if poll["state"] != "closed":
            continue
        outbox.queue("stopPoll", {"chat_id": row.chat_id, "message_id": row.message_id},
                     purpose=f"stop:{row.poll_id}")
        row.stop_queued_at = utcnow()
        queued += 1
    model.Session.commit()
    return queued


def votes(poll_id: str) -> dict:
    row = model.Session.get(ChannelPoll, poll_id)
    if row is None:
        return {}
    return {"telegram": {"voters": row.voters, "options": list(row.votes or [])}}


outbox.HANDLERS.update(poll=sent, stop=stopped)

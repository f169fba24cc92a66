"""An appeal's status in Telegram. The applicant, having shown the number and access code on
the portal, gets a deep link t.me/<bot>?start=<token>: a one-time random token (only its hash is
kept), never the code or anything personal. Opening it links the chat to the appeal; the chat is
then told of each public status change (registered, forwarded, extended, answered) by number
and status only, until it sends /unlink."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy.dialects.postgresql import insert

from ckanext.transparency.i18n.site_language import in_language

from . import link_tokens, outbox
from .model import AppealLink, utcnow

TOLD = ("registered", "forwarded", "study", "extended", "answered")


def new_link(number: str) -> str:
    """A deep link for the appeal (its token is valid once, for link_token_hours)."""
    return link_tokens.new_link(appeal_number=number)


def link(number: str, chat_id: int, events_seen: int, language: str) -> None:
    model.Session.execute(
        insert(AppealLink.__table__)
        .values(appeal_number=number, chat_id=chat_id, events_seen=events_seen,
                language=language, linked_at=utcnow())
        .on_conflict_do_nothing(index_elements=["appeal_number", "chat_id"]))


def unlink(chat_id: int) -> int:
    return model.Session.query(AppealLink).filter(AppealLink.chat_id == chat_id).delete()


def status_line(status: dict) -> str:
    return tk._("Appeal {number}: {status}").format(number=status["number"],
                                                    status=status["status_label"])


def _messages(context: dict, row: AppealLink) -> list[str]:
    """The chat's messages of the appeal's steps it has not been told of, in its language."""
    with in_language(row.language or None):
        status = tk.get_action("appeal_status_show")(dict(context), {"id": row.appeal_number})
        texts = [tk._("Appeal {number}: {step}").format(number=status["number"],
                                                        step=event["label"])
                 for event in status["events"][row.events_seen:] if event["kind"] in TOLD]
    row.events_seen = len(status["events"])
    return texts


def tell_changes(context: dict) -> int:
    """Queue a message for each linked appeal's new public steps; returns how many."""
    queued = 0
    for row in model.Session.query(AppealLink).all():
        try:
            texts = _messages(context, row)
        except tk.ObjectNotFound:
            continue
        for text in texts:
            outbox.queue("sendMessage", {"chat_id": row.chat_id, "text": text},
                         purpose="appeal")
            queued += 1
    model.Session.commit()
    return queued

"""The confirmation mail of an e-mail follow, sent by the jobs worker: the job gets the follow's
id and reads the address itself, so that no address travels through Redis."""
from __future__ import annotations

import logging

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.i18n.site_language import in_language

from . import mail, subjects, telegram, tokens
from .model import Follow

log = logging.getLogger(__name__)


def enqueue(follow_id: str) -> None:
    try:
        tk.enqueue_job(send_confirmation, [follow_id], title="follow: confirmation link",
                       rq_kwargs={"result_ttl": 0})
    except Exception as error:  # no Redis: asking again sends the link
        log.error("follow: confirmation not queued: %s", type(error).__name__)


def send_confirmation(follow_id: str) -> bool:
    row = model.Session.get(Follow, follow_id)
    if row is None or row.email is None or row.confirmed_at is not None:
        return False
    with in_language(row.language):
        subject = subjects.find(row.subject_type, row.subject_id)
        link = tk.url_for("follow.confirm", token=tokens.sign(tokens.CONFIRM, {"follow": row.id}),
                          _external=True)
        days = tk.config.get("ckanext.transparency.follow.confirm_days")
        return mail.send(
            row.email, tk._("Confirm that you want to follow: {title}").format(
                title=subject["title"]),
            tk._("Someone, probably you, asked to be told by e-mail about \"{title}\" ({url}).\n\n"
                 "To confirm, open this link within {days} days:\n{link}\n\n"
                 "If it was not you, ignore this message: nothing will be sent to this address."
                 ).format(title=subject["title"], url=subject["url"], days=days, link=link)
            + telegram.link_line(telegram.address_key(row.email)))

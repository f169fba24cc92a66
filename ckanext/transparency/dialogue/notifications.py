"""E-mails to the people involved in an event, through an outbox table.

Who is told what:
- postponed, rescheduled (start moved), cancelled: the authors of the event's pending and
  published questions and those who voted on its questions; never the editor who made the change,
  never people of another event; nothing for an edit that moves no date, nor for live/held.
- answered (the first answer only), rejected (with the reason): the question's author.
Rows are written in the same transaction as the change; `send_pending` e-mails them (a job
queued after the change, and `ckan transparency dialogue send-notifications`).
"""
from __future__ import annotations

import logging

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy import select, union
from ckan.lib import mailer

from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.site_language import in_site_language

from . import model as m
from . import times
from .moderation import reason_labels
from .logic.dictization import event_url

log = logging.getLogger(__name__)

EVENT_KINDS = ("postponed", "rescheduled", "cancelled")


def involved_users(event_id: str) -> set[str]:
    authors = select(m.Question.user_id).where(
        m.Question.event_id == event_id, m.Question.status.in_(("pending", "published")))
    voters = select(m.QuestionVote.user_id).join(
        m.Question, m.Question.id == m.QuestionVote.question_id).where(
        m.Question.event_id == event_id)
    return set(model.Session.execute(union(authors, voters)).scalars())


def queue_for_event(event: m.Event, kind: str, actor_id: str | None, data: dict) -> int:
    recipients = involved_users(event.id) - {actor_id}
    for user_id in sorted(recipients):
        model.Session.add(m.Notification(user_id=user_id, event_id=event.id, kind=kind,
                                         data=data))
    return len(recipients)


def queue_for_question(question: m.Question, kind: str, actor_id: str | None,
                       data: dict) -> int:
    if question.user_id == actor_id:
        return 0
    model.Session.add(m.Notification(user_id=question.user_id, event_id=question.event_id,
                                     question_id=question.id, kind=kind, data=data))
    return 1


def enqueue_sending() -> None:
    """Send in the background when enabled; a failure to queue never undoes the change."""
    if not tk.asbool(tk.config.get("ckanext.transparency.dialogue.send_notifications")):
        return
    try:
        tk.enqueue_job(send_pending, title="dialogue notifications")
    except Exception:  # Redis down: the rows wait for the next run
        log.warning("dialogue: could not queue the notifications job", exc_info=True)


@in_site_language()
def _message(note: m.Notification, event: m.Event) -> tuple[str, str]:
    data = note.data or {}
    url = event_url(event)
    when = times.to_local(event.start).strftime("%Y-%m-%d %H:%M")
    reason = data.get("note") or ""
    title = display.translated({"title": event.title,
                                "title_translated": event.title_translated or {}}, "title")
    if note.kind == "postponed":
        subject = tk._("Postponed: {title}").format(title=title)
        body = tk._("The event has been postponed to {when}.").format(when=when)
    elif note.kind == "rescheduled":
        subject = tk._("New time: {title}").format(title=title)
        body = tk._("The event now starts at {when}.").format(when=when)
    elif note.kind == "cancelled":
        subject = tk._("Cancelled: {title}").format(title=title)
        body = tk._("The event has been cancelled.")
    elif note.kind == "answered":
        subject = tk._("Your question was answered: {title}").format(title=title)
        body = tk._("Your question #{number} has been answered.").format(
            number=data.get("number"))
    else:
        subject = tk._("Your question was not published: {title}").format(title=title)
        body = tk._("Your question #{number} was not published. Reason: {reason}.").format(
            number=data.get("number"),
            reason=reason_labels().get(data.get("reason"), data.get("reason")))
    if reason:
        body += "\n" + reason
    return subject, f"{body}\n\n{url}\n"


def send_pending(limit: int = 500) -> dict:
    """E-mail the unsent notifications; returns {"sent": n, "failed": n}."""
    counts = {"sent": 0, "failed": 0}
    pending = (model.Session.query(m.Notification).filter(m.Notification.sent_at.is_(None))
               .order_by(m.Notification.created).limit(limit).all())
    for note in pending:
        user = model.Session.get(model.User, note.user_id)
        event = model.Session.get(m.Event, note.event_id)
        if user is None or event is None or not user.email or user.state != "active":
            note.sent_at = m.utcnow()  # nobody to tell: do not retry forever
            continue
        subject, body = _message(note, event)
        try:
            mailer.mail_user(user, subject, body)
        except mailer.MailerException:
            counts["failed"] += 1
            log.warning("dialogue: could not e-mail notification %s", note.id)
            continue
        note.sent_at = m.utcnow()
        counts["sent"] += 1
    model.Session.commit()
    return counts

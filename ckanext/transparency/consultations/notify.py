"""E-mails through CKAN's mailer: answers and moderation decisions to the author, new drafts to
subscribers. A failed e-mail never undoes the decision; the log names no address."""
from __future__ import annotations

import logging

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.site_language import in_site_language

from . import lifecycle, moderation
from .dictization import decision_label, title_text

log = logging.getLogger(__name__)


def _send(user, subject: str, body: str) -> bool:
    if user is None or not user.email:
        return False
    try:
        mailer.mail_user(user, subject, body)
        return True
    except mailer.MailerException as error:
        log.warning("consultations: e-mail to user %s failed: %s", user.id, error)
        return False


def _draft_url(consultation) -> str:
    return tk.url_for("consultations.read", name=consultation.name, _external=True)


@in_site_language()
def answer(consultation, proposal) -> bool:
    subject = tk._("Answer to your proposal No. {number}").format(number=proposal.number)
    body = tk._(
        "Your proposal No. {number} on the draft \"{title}\" has been answered.\n\n"
        "Decision: {decision}\nReason: {reason}\n\nThe draft and all answers: {url}\n"
    ).format(number=proposal.number, title=title_text(consultation),
             decision=decision_label(proposal.decision), reason=proposal.answer,
             url=_draft_url(consultation))
    return _send(model.User.get(proposal.author_id), subject, body)


@in_site_language()
def rejected(consultation, proposal) -> bool:
    subject = tk._("Your proposal No. {number} was not published").format(
        number=proposal.number)
    body = tk._(
        "Your proposal No. {number} on the draft \"{title}\" was not published under the "
        "moderation rule \"{rule}\".\n{note}\nThe moderation rules: {rules}\n"
    ).format(number=proposal.number, title=title_text(consultation),
             rule=moderation.reason_title(proposal.moderation_reason),
             note=proposal.moderation_note or "",
             rules=tk.url_for("consultations.rules", _external=True))
    return _send(model.User.get(proposal.author_id), subject, body)


@in_site_language()
def new_draft(consultation, user) -> bool:
    subject = tk._("New draft for public discussion: {title}").format(title=title_text(consultation))
    body = tk._(
        "A new draft is put up for public discussion.\n\n{title}\n{kind}, {organization}\n"
        "Proposals from {opens} to {closes}.\n\n{url}\n\n"
        "You receive this because you subscribed to new drafts; unsubscribe at {manage}\n"
    ).format(title=title_text(consultation), kind=lifecycle.kind_label(consultation.kind),
             organization=display.department_title(consultation.owner_org),
             opens=consultation.opens_on.isoformat(), closes=consultation.closes_on.isoformat(),
             url=_draft_url(consultation),
             manage=tk.url_for("consultations.index", _external=True))
    return _send(user, subject, body)

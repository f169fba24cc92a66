"""E-mail subscriptions to new drafts (all, one department, one kind), sent by a background job."""
from __future__ import annotations

import logging

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import notify
from .model import Consultation, ConsultationSubscription, utcnow

log = logging.getLogger(__name__)


def subscriber_ids(consultation) -> list[str]:
    S = ConsultationSubscription
    rows = model.Session.query(S.user_id).filter(
        sa.or_(S.organization_id == "", S.organization_id == consultation.owner_org),
        sa.or_(S.kind == "", S.kind == consultation.kind)).distinct()
    return [row[0] for row in rows]


def notify_subscribers(consultation_id: str) -> int:
    """The job: e-mail every subscriber once about a new draft; returns the number sent."""
    consultation = model.Session.get(Consultation, consultation_id)
    if consultation is None or consultation.subscribers_notified_at:
        return 0
    sent = 0
    for user_id in subscriber_ids(consultation):
        user = model.User.get(user_id)
        if user is not None and user.state == "active" and notify.new_draft(consultation, user):
            sent += 1
    consultation.subscribers_notified_at = utcnow()
    model.Session.commit()
    log.info("consultations: new draft %s announced to %d subscribers", consultation.name, sent)
    return sent


def enqueue(consultation) -> None:
    try:
        tk.enqueue_job(notify_subscribers, [consultation.id],
                       title=f"consultations: announce {consultation.name}")
    except Exception as error:  # no Redis: the draft stands, the announcement is lost
        log.warning("consultations: could not queue the announcement of %s: %s",
                    consultation.name, error)

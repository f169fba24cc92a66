"""Per-department figures of public discussion, for the openness rating: how many published
proposals each department has answered, and how many it has left without an answer (those on
drafts whose discussion has closed are overdue)."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model

from . import moderation, settings
from .model import Consultation, ConsultationProposal


def by_organization() -> dict[str, dict[str, int]]:
    """{organization id: {"drafts", "proposals", "answered", "unanswered", "overdue"}}"""
    C, P = Consultation, ConsultationProposal
    today = settings.today()
    answered = sa.func.count(P.id).filter(P.decision.isnot(None))
    unanswered = sa.func.count(P.id).filter(P.decision.is_(None))
    overdue = sa.func.count(P.id).filter(P.decision.is_(None), C.closes_on < today)
    rows = model.Session.query(
        C.owner_org, sa.func.count(sa.distinct(C.id)), sa.func.count(P.id), answered,
        unanswered, overdue).outerjoin(
        P, sa.and_(P.consultation_id == C.id, P.state == moderation.PUBLISHED)).filter(
        C.withdrawn_at.is_(None)).group_by(C.owner_org)
    return {org: {"drafts": d, "proposals": n, "answered": a, "unanswered": u, "overdue": o}
            for org, d, n, a, u, o in rows}

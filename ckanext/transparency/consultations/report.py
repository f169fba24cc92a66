"""The results report of a discussion, generated from the data: counts by outcome and every
published proposal with its article, support, decision and reason. Stored as a snapshot when
published, so the report says what it said on the day."""
from __future__ import annotations

import collections

import ckan.model as model
from ckanext.transparency.i18n import fluent

from . import moderation
from .dictization import DECISIONS, _support, organization_summary
from .model import ConsultationProposal, utcnow

COLUMNS = ("number", "kind", "article", "text", "support", "decision", "reason")


def build(consultation) -> dict:
    P = ConsultationProposal
    proposals = model.Session.query(P).filter(P.consultation_id == consultation.id) \
        .order_by(P.number).all()
    published = [p for p in proposals if p.state == moderation.PUBLISHED]
    support = _support([p.id for p in published])
    headings = {a.number: a.heading for a in consultation.articles}
    outcome = collections.Counter(p.decision or "unanswered" for p in published)
    removed = collections.Counter(p.moderation_reason for p in proposals
                                  if p.state == moderation.REJECTED)
    return {
        "consultation": {"id": consultation.id, "name": consultation.name,
                         "title": consultation.title,
                         "title_translated": fluent.record_translations(
                             consultation.title, consultation.title_translated),
                         "kind": consultation.kind,
                         "organization": organization_summary(consultation.owner_org),
                         "opens_on": consultation.opens_on.isoformat(),
                         "closes_on": consultation.closes_on.isoformat()},
        "generated": utcnow().isoformat(timespec="seconds"),
        "counts": {"total": len(published),
                   **{d: outcome.get(d, 0) for d in DECISIONS},
                   "unanswered": outcome.get("unanswered", 0),
                   "removed_by_moderation": sum(removed.values())},
        "removed_by_rule": dict(sorted(removed.items())),
        "proposals": [{
            "number": p.number, "kind": p.kind, "article": p.article_number,
            "article_heading": headings.get((p.article_number or "").split(".")[0], ""),
            "text": p.text, "support": support.get(p.id, 0), "decision": p.decision,
            "reason": p.answer} for p in published],
    }

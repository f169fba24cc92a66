"""The consultations' measure in the openness rating: proposals answered before the report."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.measures import (RESPONSIVENESS, SHARE, Measure, RatingMeasure,
                                                day_bounds)

from . import moderation
from .model import Consultation, ConsultationProposal


def proposals_answered(org_id: str, period, as_of: dt.date) -> Measure:
    """Published proposals on drafts whose discussion closed in the period: answered before the
    results report (or, while no report is published, answered at all by `as_of`)."""
    C, P = Consultation, ConsultationProposal
    last = min(period.end, as_of)
    rows = (model.Session.query(C.name, C.title, C.closes_on, C.report_published_at, P.number,
                                P.answered_at)
            .join(P, P.consultation_id == C.id)
            .filter(C.owner_org == org_id, C.withdrawn_at.is_(None),
                    C.closes_on >= period.start, C.closes_on <= last,
                    P.state == moderation.PUBLISHED, P.created < day_bounds(period, as_of)[1])
            .order_by(C.closes_on, C.name, P.number).all())
    cutoff = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    evidence, answered = [], 0
    for name, title, closes_on, report_at, number, answered_at in rows:
        limit = min(report_at, cutoff) if report_at and report_at < cutoff else cutoff
        ok = answered_at is not None and answered_at <= limit
        answered += ok
        evidence.append({
            "draft": name, "title": title, "closed": closes_on.isoformat(),
            "proposal": number,
            "report": report_at.date().isoformat() if report_at and report_at < cutoff else None,
            "answered": answered_at.date().isoformat() if answered_at and answered_at < cutoff
            else None, "on_time": ok})
    return Measure(answered, len(evidence), evidence)


def _evidence_labels() -> dict[str, str]:
    return {"draft": tk._("Draft"), "title": tk._("Title"),
            "closed": tk._("Discussion closed"), "proposal": tk._("Proposal"),
            "report": tk._("Report published"), "answered": tk._("Answered on"),
            "on_time": tk._("On time")}


def _description() -> str:
    return tk._("Public discussion of drafts: published proposals on drafts whose discussion "
                "closed in the period, answered before the results report.")


MEASURES = [RatingMeasure(
    "proposals_answered", RESPONSIVENESS, 40, proposals_answered, SHARE,
    label=lambda: tk._("Consultation proposals answered before the report"),
    description=_description, evidence_labels=_evidence_labels)]

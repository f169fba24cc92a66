"""Drafts and proposals as API dictionaries. Authors are never named: a reader learns only
whether a proposal is their own."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.i18n import display, fluent

from . import lifecycle, moderation, settings
from .model import ConsultationFlag, ConsultationProposal, ConsultationVote

DECISIONS = ("accepted", "partially_accepted", "rejected")
KINDS = ("proposal", "comment")


def decision_label(decision: str | None) -> str:
    return {"accepted": tk._("Accepted"), "partially_accepted": tk._("Partially accepted"),
            "rejected": tk._("Rejected")}.get(decision or "", tk._("Not answered yet"))


def proposal_kind_label(kind: str) -> str:
    return {"proposal": tk._("Proposal"), "comment": tk._("Comment")}.get(kind, kind)


def title_text(consultation) -> str:
    """The draft's title in the current language (a page's, an e-mail's: the site's)."""
    return display.translated({"title": consultation.title,
                               "title_translated": consultation.title_translated or {}}, "title")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def organization_summary(organization_id: str) -> dict:
    group = model.Group.get(organization_id)
    if group is None:
        return {"id": organization_id, "name": None, "title": None}
    return {"id": group.id, "name": group.name, "title": group.title or group.name}


def counts(consultation_id: str) -> dict[str, int]:
    P = ConsultationProposal
    rows = model.Session.query(P.state, P.decision, sa.func.count()).filter(
        P.consultation_id == consultation_id).group_by(P.state, P.decision).all()
    result = {"published": 0, "pending": 0, "rejected_by_moderation": 0, "answered": 0,
              "unanswered": 0}
    for state, decision, n in rows:
        if state == moderation.PUBLISHED:
            result["published"] += n
            result["answered" if decision else "unanswered"] += n
        elif state == moderation.PENDING:
            result["pending"] += n
        else:
            result["rejected_by_moderation"] += n
    return result


def consultation_dictize(consultation, manager: bool = False, with_text: bool = True) -> dict:
    status = lifecycle.status(consultation)
    numbers = counts(consultation.id)
    if not manager:
        numbers = {k: numbers[k] for k in ("published", "answered", "unanswered")}
    data = {
        "id": consultation.id,
        "name": consultation.name,
        "title": consultation.title,
        "title_translated": fluent.record_translations(consultation.title,
                                                       consultation.title_translated),
        "summary": consultation.summary,
        "kind": consultation.kind,
        "owner_org": consultation.owner_org,
        "organization": organization_summary(consultation.owner_org),
        "opens_on": _iso(consultation.opens_on),
        "closes_on": _iso(consultation.closes_on),
        "period_days": lifecycle.period_days(consultation.opens_on, consultation.closes_on),
        "min_days": settings.min_days(consultation.kind),
        "status": status,
        "editable": status in lifecycle.EDITABLE,
        "days_left": lifecycle.days_left(consultation),
        "created": _iso(consultation.created),
        "modified": _iso(consultation.modified),
        "source_format": consultation.source_format,
        "proposal_counts": numbers,
        "withdrawn_reason": consultation.withdrawn_reason,
        "report_published": _iso(consultation.report_published_at),
        "report_package_id": consultation.report_package_id,
        "adopted_on": _iso(consultation.adopted_on),
        "adopted_reference": consultation.adopted_reference,
        "attachments": [{"id": a.id, "filename": a.filename, "mimetype": a.mimetype,
                         "size": a.size,
                         "url": tk.url_for("consultations.attachment", name=consultation.name,
                                           attachment_id=a.id, _external=True)}
                        for a in consultation.attachments],
    }
    if with_text:
        data["body"] = consultation.body
        data["adopted_text"] = consultation.adopted_text
        data["articles"] = [{"number": a.number, "level": a.level, "heading": a.heading,
                             "text": a.text} for a in consultation.articles]
    return data


def _support(proposal_ids: list[str]) -> dict[str, int]:
    if not proposal_ids:
        return {}
    rows = model.Session.query(ConsultationVote.proposal_id, sa.func.count()).filter(
        ConsultationVote.proposal_id.in_(proposal_ids)).group_by(
        ConsultationVote.proposal_id)
    return dict(rows.all())


def _flags(proposal_ids: list[str]) -> dict[str, int]:
    if not proposal_ids:
        return {}
    rows = model.Session.query(ConsultationFlag.proposal_id, sa.func.count()).filter(
        ConsultationFlag.proposal_id.in_(proposal_ids),
        ConsultationFlag.resolved.is_(False)).group_by(ConsultationFlag.proposal_id)
    return dict(rows.all())


def _mine(user_id: str | None, proposal_ids: list[str], table) -> set[str]:
    if not user_id or not proposal_ids:
        return set()
    rows = model.Session.query(table.proposal_id).filter(
        table.proposal_id.in_(proposal_ids), table.user_id == user_id)
    return {row[0] for row in rows}


def proposals_dictize(proposals: list, user_id: str | None, manager: bool) -> list[dict]:
    ids = [p.id for p in proposals]
    support = _support(ids)
    flags = _flags(ids) if manager else {}
    supported = _mine(user_id, ids, ConsultationVote)
    reported = _mine(user_id, ids, ConsultationFlag)
    result = []
    for p in proposals:
        mine = bool(user_id) and p.author_id == user_id
        data = {
            "id": p.id, "number": p.number, "consultation_id": p.consultation_id,
            "article_number": p.article_number, "kind": p.kind, "text": p.text,
            "state": p.state, "created": _iso(p.created),
            "support": support.get(p.id, 0), "supported_by_me": p.id in supported,
            "reported_by_me": p.id in reported, "is_mine": mine,
            "decision": p.decision, "answer": p.answer, "answered_at": _iso(p.answered_at),
        }
        if mine or manager:
            data.update(moderation_reason=p.moderation_reason,
                        moderation_reason_title=moderation.reason_title(p.moderation_reason)
                        if p.moderation_reason else None,
                        moderation_note=p.moderation_note, moderated_at=_iso(p.moderated_at))
        if manager:
            data.update(duplicate_of=p.duplicate_of,
                        duplicate_same_author=p.duplicate_same_author,
                        open_reports=flags.get(p.id, 0))
        result.append(data)
    return result

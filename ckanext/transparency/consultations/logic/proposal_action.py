"""Actions on proposals and comments: submit, list, moderate, answer, support, report."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from .. import access, lifecycle, moderation, notify, settings
from ..dictization import proposals_dictize
from ..model import (Consultation, ConsultationFlag, ConsultationProposal, ConsultationVote,
                     utcnow)
from . import schema as schemas
from .common import get_consultation, get_proposal, is_manager

P = ConsultationProposal


def _one(context: dict, proposal) -> dict:
    consultation = model.Session.get(Consultation, proposal.consultation_id)
    user = access.user_object(context)
    return proposals_dictize([proposal], user.id if user else None,
                             is_manager(context, consultation))[0]


def _frozen(consultation) -> None:
    if lifecycle.status(consultation) in (lifecycle.REPORT_PUBLISHED, lifecycle.ADOPTED,
                                          lifecycle.WITHDRAWN):
        raise tk.ValidationError({"id": [tk._("The report on this discussion is published "
                                              "(or the draft is withdrawn): proposals no "
                                              "longer change.")]})


@tk.validate_action_data(schemas.proposal_create_schema)
def consultation_proposal_create(context, data_dict):
    """Submit a proposal or comment while the discussion is open (signed-in users).

    :param consultation_id: the draft (id or name)
    :param article_number: the article or paragraph it concerns ("3" or "3.2"); none: the
        whole draft
    :param kind: proposal (default) or comment
    :param text: plain text, at most ckanext.transparency.consultations.max_text_length
    """
    tk.check_access("consultation_proposal_create", context, data_dict)
    consultation = get_consultation(data_dict["consultation_id"])
    # one writer at a time per draft: proposal numbers are consecutive
    model.Session.query(Consultation).filter(Consultation.id == consultation.id) \
        .with_for_update().one()
    status = lifecycle.status(consultation)
    if status != lifecycle.OPEN:
        model.Session.rollback()
        message = tk._("The discussion opens on {date}.").format(
            date=consultation.opens_on.isoformat()) if status == lifecycle.UPCOMING else \
            tk._("The discussion is not open for proposals.")
        raise tk.ValidationError({"consultation_id": [message]})
    article = data_dict.get("article_number") or None
    if article and consultation.article(article) is None:
        model.Session.rollback()
        raise tk.ValidationError({"article_number": [tk._("The draft has no article or "
                                                          "paragraph {number}.").format(
            number=article)]})
    user = access.user_object(context)
    earlier = model.Session.query(P).filter(
        P.consultation_id == consultation.id,
        sa.or_(P.state != moderation.REJECTED, P.author_id == user.id)) \
        .order_by(P.number.desc()).limit(moderation.RECENT_FOR_DUPLICATES).all()
    duplicate_of, same_author = moderation.likely_duplicate(data_dict["text"], user.id, earlier)
    number = (model.Session.query(sa.func.max(P.number))
              .filter(P.consultation_id == consultation.id).scalar() or 0) + 1
    proposal = P(id=model.types.make_uuid(), consultation_id=consultation.id, number=number,
                 author_id=user.id, article_number=article, kind=data_dict["kind"],
                 text=data_dict["text"],
                 state=moderation.PENDING if settings.premoderation() else moderation.PUBLISHED,
                 duplicate_of=duplicate_of, duplicate_same_author=same_author)
    model.Session.add(proposal)
    model.Session.commit()
    return _one(context, proposal)


@tk.side_effect_free
@tk.validate_action_data(schemas.proposal_list_schema)
def consultation_proposal_list(context, data_dict):
    """Proposals on a draft. Everyone sees the published ones; the department's editors may
    ask for any state; `mine` lists the caller's own with the moderation decision.

    :param consultation_id; :param article_number: only this article (and its paragraphs
        when an article number is given); :param state: published (default), pending,
        rejected or all (editors); :param mine: true: only mine, in any state;
    :param sort: number (default) or support; :param limit (100), offset
    :returns: {"count": n, "results": [...]}
    """
    tk.check_access("consultation_proposal_list", context, data_dict)
    consultation = get_consultation(data_dict["consultation_id"])
    manager = is_manager(context, consultation)
    user = access.user_object(context)
    query = model.Session.query(P).filter(P.consultation_id == consultation.id)
    state = data_dict.get("state", moderation.PUBLISHED)
    if data_dict["mine"]:
        if user is None:
            raise tk.NotAuthorized(tk._("Sign in to see your proposals."))
        query = query.filter(P.author_id == user.id)
        if "state" in data_dict and state != "all":
            query = query.filter(P.state == state)
    else:
        if state != moderation.PUBLISHED and not manager:
            raise tk.NotAuthorized(tk._("Only the department's editors see unpublished "
                                        "proposals."))
        if state != "all":
            query = query.filter(P.state == state)
    article = data_dict.get("article_number")
    if article:
        query = query.filter(sa.or_(P.article_number == article,
                                    P.article_number.like(f"{article}.%")))
    count = query.count()
    if data_dict["sort"] == "support":
        support = sa.select(sa.func.count()).where(ConsultationVote.proposal_id == P.id) \
            .scalar_subquery()
        query = query.order_by(support.desc(), P.number)
    else:
        query = query.order_by(P.number)
    rows = query.offset(data_dict["offset"]).limit(min(data_dict["limit"], 1000)).all()
    return {"count": count,
            "results": proposals_dictize(rows, user.id if user else None, manager)}


@tk.side_effect_free
@tk.validate_action_data(schemas.id_schema)
def consultation_moderation_queue(context, data_dict):
    """The department's queue: proposals awaiting moderation and published ones that readers
    reported. :param id: the draft"""
    consultation = get_consultation(data_dict["id"])
    tk.check_access("consultation_moderation_queue", context, {"id": consultation.id})
    flagged = sa.select(ConsultationFlag.proposal_id).where(
        ConsultationFlag.resolved.is_(False))
    rows = model.Session.query(P).filter(
        P.consultation_id == consultation.id,
        sa.or_(P.state == moderation.PENDING,
               sa.and_(P.state == moderation.PUBLISHED, P.id.in_(flagged)))) \
        .order_by(P.number).all()
    user = access.user_object(context)
    return {"count": len(rows), "results": proposals_dictize(rows, user.id, True)}


@tk.validate_action_data(schemas.proposal_moderate_schema)
def consultation_proposal_moderate(context, data_dict):
    """Approve a proposal, or reject it under one of the published rules; the author is told.

    :param id: the proposal; :param action: approve or reject
    :param reason: for reject, a rule code (abusive, spam, duplicate, off_topic, personal_data)
    :param note: an optional explanation for the author
    """
    proposal, consultation = get_proposal(data_dict["id"])
    tk.check_access("consultation_proposal_moderate", context, {"id": proposal.id})
    _frozen(consultation)
    user = access.user_object(context)
    flags = model.Session.query(ConsultationFlag).filter(
        ConsultationFlag.proposal_id == proposal.id)
    if data_dict["action"] == "approve":
        proposal.state = moderation.PUBLISHED
        proposal.moderation_reason = None
    else:
        if not data_dict.get("reason"):
            raise tk.ValidationError({"reason": [tk._("Choose the moderation rule that "
                                                      "applies.")]})
        proposal.state = moderation.REJECTED
        proposal.moderation_reason = data_dict["reason"]
        proposal.decision = proposal.answer = proposal.answered_at = None
    proposal.moderation_note = data_dict.get("note") or None
    proposal.moderated_at = utcnow()
    proposal.moderated_by = user.id
    flags.update({"resolved": True}, synchronize_session=False)
    model.Session.commit()
    if proposal.state == moderation.REJECTED:
        notify.rejected(consultation, proposal)
    return _one(context, proposal)


@tk.validate_action_data(schemas.proposal_answer_schema)
def consultation_proposal_answer(context, data_dict):
    """The department's official answer; the author is notified by e-mail.

    :param id: the proposal (published)
    :param decision: accepted, partially_accepted or rejected
    :param reason: the reason, required for every decision
    """
    proposal, consultation = get_proposal(data_dict["id"])
    tk.check_access("consultation_proposal_answer", context, {"id": proposal.id})
    _frozen(consultation)
    if proposal.state != moderation.PUBLISHED:
        raise tk.ValidationError({"id": [tk._("Only a published proposal can be answered.")]})
    user = access.user_object(context)
    proposal.decision = data_dict["decision"]
    proposal.answer = data_dict["reason"]
    proposal.answered_at = utcnow()
    proposal.answered_by = user.id
    model.Session.commit()
    result = _one(context, proposal)
    result["author_notified"] = notify.answer(consultation, proposal)
    return result


@tk.validate_action_data(schemas.id_schema)
def consultation_proposal_vote(context, data_dict):
    """Support a published proposal while the discussion is open: once per account, not
    one's own. :param id: the proposal"""
    proposal, consultation = get_proposal(data_dict["id"])
    tk.check_access("consultation_proposal_vote", context, {"id": proposal.id})
    user = access.user_object(context)
    if proposal.state != moderation.PUBLISHED:
        raise tk.ValidationError({"id": [tk._("Only a published proposal can be supported.")]})
    if lifecycle.status(consultation) != lifecycle.OPEN:
        raise tk.ValidationError({"id": [tk._("Support is counted while the discussion is "
                                              "open.")]})
    if proposal.author_id == user.id:
        raise tk.ValidationError({"id": [tk._("You cannot support your own proposal.")]})
    if model.Session.get(ConsultationVote, (proposal.id, user.id)) is not None:
        raise tk.ValidationError({"id": [tk._("You already support this proposal.")]})
    model.Session.add(ConsultationVote(proposal_id=proposal.id, user_id=user.id))
    model.Session.commit()
    return _one(context, proposal)


@tk.validate_action_data(schemas.proposal_flag_schema)
def consultation_proposal_flag(context, data_dict):
    """Report a published proposal or comment to the moderators (once per account).

    :param id: the proposal; :param reason: what is wrong with it (optional, 500 characters)
    """
    proposal, consultation = get_proposal(data_dict["id"])
    tk.check_access("consultation_proposal_flag", context, {"id": proposal.id})
    user = access.user_object(context)
    if proposal.state != moderation.PUBLISHED:
        raise tk.ValidationError({"id": [tk._("Only a published proposal can be reported.")]})
    if model.Session.get(ConsultationFlag, (proposal.id, user.id)) is not None:
        raise tk.ValidationError({"id": [tk._("You have already reported this.")]})
    model.Session.add(ConsultationFlag(proposal_id=proposal.id, user_id=user.id,
                                       reason=data_dict.get("reason", "")))
    model.Session.commit()
    return {"id": proposal.id, "reported": True}


PROPOSAL_ACTIONS = {f.__name__: f for f in (
    consultation_proposal_create, consultation_proposal_list, consultation_moderation_queue,
    consultation_proposal_moderate, consultation_proposal_answer, consultation_proposal_vote,
    consultation_proposal_flag)}

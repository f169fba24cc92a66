"""Questions from the public: asked in advance, moderated by the published rules, upvoted (one
vote per account), answered during the event (with the time in the recording) or in writing."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from .. import model as m
from .. import notifications
from ..search_text import canonical
from . import common, schema
from .dictization import (LIVE_ANSWER_STATUSES, accepts_questions, event_dictize,
                          question_dictize)
from .events import _get_event, refresh_search_text


def premoderation() -> bool:
    return tk.asbool(tk.config.get("ckanext.transparency.dialogue.premoderation", True))


def _get_question(reference: str | None) -> m.Question:
    question = model.Session.get(m.Question, reference) if isinstance(reference, str) \
        and reference else None
    if question is None:
        raise tk.ObjectNotFound(tk._("Question not found"))
    return question


def _voted_ids(user_id: str | None, question_ids: list[str]) -> set[str]:
    if not user_id or not question_ids:
        return set()
    rows = model.Session.query(m.QuestionVote.question_id).filter(
        m.QuestionVote.user_id == user_id, m.QuestionVote.question_id.in_(question_ids))
    return {r[0] for r in rows}


@tk.validate_action_data(schema.question_create_schema)
def event_question_create(context, data_dict):
    """Ask a question on an event that takes questions (signed-in users).

    :param event_id: the event (id or name)
    :param text: 10 to 1000 characters
    It waits for moderation (unless premoderation is off) and is published by the rules at
    /dialogue/rules; the author's name is never shown.
    """
    user = common.require_user(context)
    tk.check_access("event_question_create", context, data_dict)
    event = _get_event(data_dict["event_id"])
    if not accepts_questions(event):
        raise tk.ValidationError({"event_id": [tk._("This event does not take questions")]})
    mine = model.Session.query(m.Question).filter(
        m.Question.event_id == event.id, m.Question.user_id == user.id,
        m.Question.status != "rejected").all()
    limit = int(tk.config.get("ckanext.transparency.dialogue.questions_per_user") or 5)
    if len(mine) >= limit:
        raise tk.ValidationError({"text": [tk._(
            "You have already asked {n} questions on this event").format(n=limit)]})
    if any(canonical(q.text) == canonical(data_dict["text"]) for q in mine):
        raise tk.ValidationError({"text": [tk._("You have already asked this question")]})
    number = (model.Session.query(func.max(m.Question.number))
              .filter(m.Question.event_id == event.id).scalar() or 0) + 1
    question = m.Question(event_id=event.id, number=number, user_id=user.id,
                          text=data_dict["text"],
                          status="pending" if premoderation() else "published")
    model.Session.add(question)
    model.Session.commit()
    return question_dictize(question, user.id, common.is_editor(context, event.owner_org))


@tk.side_effect_free
@tk.validate_action_data(schema.question_list_schema)
def event_question_list(context, data_dict):
    """Questions of an event.

    :param event_id: the event (id or name)
    :param status: published (default: answered or not), answered, unanswered; pending or
        rejected (the department's moderation queue); mine (the signed-in user's own, any status)
    :param sort: votes (default), newest, number
    :returns: {"count": n, "results": [question, ...]}; never who asked
    """
    tk.check_access("event_question_list", context, data_dict)
    event = _get_event(data_dict["event_id"])
    user = common.current_user(context)
    editor = common.is_editor(context, event.owner_org)
    query = model.Session.query(m.Question).filter(m.Question.event_id == event.id)
    status = data_dict["status"]
    if status in ("pending", "rejected"):
        if not editor:
            raise tk.NotAuthorized(tk._("Only the department's editors can do this"))
        query = query.filter(m.Question.status == status)
    elif status == "mine":
        query = query.filter(m.Question.user_id == (user.id if user else None))
    else:
        query = query.filter(m.Question.status == "published")
        if status == "answered":
            query = query.filter(m.Question.answer.isnot(None))
        elif status == "unanswered":
            query = query.filter(m.Question.answer.is_(None))
    order = {"votes": (m.Question.votes.desc(), m.Question.number),
             "newest": (m.Question.created.desc(),),
             "number": (m.Question.number,)}[data_dict["sort"]]
    count = query.count()
    questions = query.order_by(*order).offset(data_dict["offset"]).limit(data_dict["limit"]).all()
    user_id = user.id if user else None
    voted = _voted_ids(user_id, [q.id for q in questions])
    return {"count": count,
            "results": [question_dictize(q, user_id, editor, q.id in voted) for q in questions]}


@tk.side_effect_free
@tk.validate_action_data(schema.question_show_schema)
def event_question_show(context, data_dict):
    """One question: published ones for anyone, the others for their author and the
    department's editors (not found for everyone else).

    :param id: the question's id
    :returns: the question, never who asked
    """
    tk.check_access("event_question_show", context, data_dict)
    question = _get_question(data_dict["id"])
    event = model.Session.get(m.Event, question.event_id)
    user = common.current_user(context)
    editor = common.is_editor(context, event.owner_org)
    result = question_dictize(question, user.id if user else None, editor)
    if result["text"] is None:
        raise tk.ObjectNotFound(tk._("Question not found"))
    return result


@tk.validate_action_data(schema.question_vote_schema)
def event_question_vote(context, data_dict):
    """Upvote a published question (one vote per account, not one's own); `remove: true`
    takes the vote back. Voting is open until the event is held or cancelled.

    :returns: {"id", "votes", "voted"}
    """
    user = common.require_user(context)
    tk.check_access("event_question_vote", context, data_dict)
    question = _get_question(data_dict["id"])
    event = model.Session.get(m.Event, question.event_id)
    if question.status != "published":
        raise tk.ObjectNotFound(tk._("Question not found"))
    if event.status not in m.UPCOMING_STATUSES:
        raise tk.ValidationError({"id": [tk._("Voting on this event's questions has ended")]})
    if question.user_id == user.id:
        raise tk.ValidationError({"id": [tk._("You cannot vote for your own question")]})
    existing = model.Session.get(m.QuestionVote, (question.id, user.id))
    if data_dict["remove"]:
        if existing is not None:
            model.Session.delete(existing)
    elif existing is not None:
        raise tk.ValidationError({"id": [tk._("You have already voted for this question")]})
    else:
        model.Session.add(m.QuestionVote(question_id=question.id, user_id=user.id))
    try:
        model.Session.flush()
    except IntegrityError:  # the same vote sent twice at once
        model.Session.rollback()
        raise tk.ValidationError({"id": [tk._("You have already voted for this question")]})
    question.votes = model.Session.query(m.QuestionVote).filter(
        m.QuestionVote.question_id == question.id).count()
    model.Session.commit()
    return {"id": question.id, "votes": question.votes, "voted": not data_dict["remove"]}


@tk.validate_action_data(schema.question_moderate_schema)
def event_question_moderate(context, data_dict):
    """Publish or reject a question (department editors).

    :param decision: publish or reject
    :param reason: when rejecting: abusive, spam, duplicate or off_topic (the published rules)
    :param note: a word to the author (optional)
    The author is told why a question was rejected.
    """
    tk.check_access("event_question_moderate", context, data_dict)
    question = _get_question(data_dict["id"])
    user = common.current_user(context)
    if data_dict["decision"] == "reject":
        if not data_dict.get("reason"):
            raise tk.ValidationError({"reason": [tk._("Choose the rule the question breaks")]})
        if question.answered:
            raise tk.ValidationError({"id": [tk._("An answered question stays published")]})
        was = question.status
        question.status, question.rejection_reason = "rejected", data_dict["reason"]
        if was != "rejected":
            notifications.queue_for_question(question, "rejected", user.id if user else None, {
                "number": question.number, "reason": data_dict["reason"],
                "note": data_dict.get("note", "")})
    else:
        question.status, question.rejection_reason = "published", None
    question.moderation_note = data_dict.get("note", "")
    question.moderated_at = m.utcnow()
    model.Session.commit()
    if data_dict["decision"] == "reject":
        notifications.enqueue_sending()
    return question_dictize(question, user.id if user else None, True)


@tk.validate_action_data(schema.question_answer_schema)
def event_question_answer(context, data_dict):
    """Answer a published question (department editors).

    :param answer: the answer, or what was said
    :param mode: live (answered during the event; the event is live or held) or written
    :param recording_time: for a live answer, where it is in the recording: 754, "12:34",
        "1:02:03"
    The author is told on the first answer; answering again corrects the answer.
    """
    tk.check_access("event_question_answer", context, data_dict)
    question = _get_question(data_dict["id"])
    event = model.Session.get(m.Event, question.event_id)
    if question.status != "published":
        raise tk.ValidationError({"id": [tk._("Publish the question before answering it")]})
    if data_dict["mode"] == "live" and event.status not in LIVE_ANSWER_STATUSES:
        raise tk.ValidationError({"mode": [tk._(
            "A question is answered live only during or after the event")]})
    if data_dict["mode"] == "written" and data_dict.get("recording_time") is not None:
        raise tk.ValidationError({"recording_time": [tk._(
            "A time in the recording belongs to a live answer")]})
    first = not question.answered
    user = common.current_user(context)
    question.answer, question.answer_mode = data_dict["answer"], data_dict["mode"]
    question.recording_time = data_dict.get("recording_time")
    question.answered_at = question.answered_at if not first else m.utcnow()
    if first:
        notifications.queue_for_question(question, "answered", user.id if user else None,
                                         {"number": question.number})
    model.Session.flush()
    refresh_search_text(event)
    model.Session.commit()
    if first:
        notifications.enqueue_sending()
    return question_dictize(question, user.id if user else None, True)


@tk.side_effect_free
@tk.validate_action_data(schema.moderation_queue_schema)
def dialogue_moderation_queue(context, data_dict):
    """Pending questions of the departments the user edits (all for a sysadmin).

    :param owner_org: one department only
    :returns: {"count": n, "results": [question with "event": {...}, ...]}
    """
    tk.check_access("dialogue_moderation_queue", context, data_dict)
    user = common.current_user(context)
    query = (model.Session.query(m.Question, m.Event)
             .join(m.Event, m.Event.id == m.Question.event_id)
             .filter(m.Question.status == "pending"))
    if data_dict.get("owner_org"):
        query = query.filter(m.Event.owner_org == data_dict["owner_org"])
    rows = [(q, e) for q, e in query.order_by(m.Question.created).all()
            if common.is_editor(context, e.owner_org)]
    page = rows[data_dict["offset"]:data_dict["offset"] + data_dict["limit"]]
    results = []
    for question, event in page:
        item = question_dictize(question, user.id if user else None, True)
        item["event"] = event_dictize(event, details=False)
        results.append(item)
    return {"count": len(rows), "results": results}

"""Objects -> the dicts the Action API answers with. No `user_id` ever leaves this module: a
question says only whether it is the viewer's own (`mine`) and whether the viewer voted."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.interfaces import IPollVotes
from ckanext.transparency.i18n import fluent

from .. import model as m
from .. import times


def site_url(path: str) -> str:
    return tk.config.get("ckan.site_url", "").rstrip("/") + path


def event_url(event: m.Event) -> str:
    return site_url(f"/dialogue/event/{event.name}")


def material_url(material: m.Material) -> str:
    if material.url_type == "upload":
        return site_url(f"/dialogue/file/{material.id}/{material.url}")
    if material.url_type == "dataset":
        return site_url(f"/dataset/{material.url}")
    return material.url


def organization(org_id: str) -> dict:
    group = model.Session.get(model.Group, org_id)
    if group is None:
        return {"id": org_id}
    return {"id": group.id, "name": group.name, "title": group.title or group.name}


def material_dictize(material: m.Material) -> dict:
    return {"id": material.id, "kind": material.kind, "title": material.title,
            "url": material_url(material), "url_type": material.url_type,
            "size": material.size}


def change_dictize(change: m.EventChange) -> dict:
    return {"timestamp": times.iso(change.timestamp), "action": change.action,
            "status_from": change.status_from, "status_to": change.status_to,
            "start_from": times.iso(change.start_from), "start_to": times.iso(change.start_to),
            "note": change.note, "changed": (change.fields or {}).get("changed", [])}


def question_counts(event_id: str) -> dict:
    query = model.Session.query(m.Question).filter(m.Question.event_id == event_id,
                                                  m.Question.status == "published")
    return {"published": query.count(),
            "answered": query.filter(m.Question.answer.isnot(None)).count()}


NOT_STARTED_STATUSES = ("announced", "postponed")
LIVE_ANSWER_STATUSES = ("live", "held")
OVER_STATUSES = ("held", "cancelled")


def event_dictize(event: m.Event, details: bool = True) -> dict:
    data = {
        "id": event.id, "name": event.name, "kind": event.kind, "title": event.title,
        "title_translated": fluent.record_translations(event.title, event.title_translated),
        "description": event.description, "owner_org": event.owner_org,
        "organization": organization(event.owner_org),
        "start": times.iso(event.start), "end": times.iso(event.end),
        "location": event.location, "stream_url": event.stream_url,
        "status": event.status, "status_note": event.status_note, "period": event.period,
        "not_started": event.status in NOT_STARTED_STATUSES,
        "takes_votes": event.status in m.UPCOMING_STATUSES,
        "answered_live": event.status in LIVE_ANSWER_STATUSES,
        "over": event.status in OVER_STATUSES,
        "questions_open": event.questions_open, "accepts_questions": accepts_questions(event),
        "summary": event.summary, "sequence": event.sequence,
        "created": times.iso(event.created), "modified": times.iso(event.modified),
        "url": event_url(event),
        "questions": question_counts(event.id),
    }
    if details:
        data["transcript"] = event.transcript
        data["materials"] = [material_dictize(x) for x in event.materials]
        data["history"] = [change_dictize(c) for c in event.history]
    return data


def accepts_questions(event: m.Event) -> bool:
    return event.questions_open and event.status in m.UPCOMING_STATUSES


def question_dictize(question: m.Question, viewer_id: str | None, editor: bool,
                     voted: bool = False) -> dict:
    mine = bool(viewer_id) and question.user_id == viewer_id
    visible = question.status == "published" or mine or editor
    data = {
        "id": question.id, "event_id": question.event_id, "number": question.number,
        "text": question.text if visible else None,
        "status": question.status, "votes": question.votes,
        "answered": question.answered, "answer": question.answer,
        "answer_mode": question.answer_mode, "recording_time": question.recording_time,
        "answered_at": times.iso(question.answered_at),
        "created": times.iso(question.created), "mine": mine, "voted": voted,
    }
    if mine or editor:
        data["rejection_reason"] = question.rejection_reason
        data["moderation_note"] = question.moderation_note
    return data


def poll_url(poll: m.Poll, suffix: str = "") -> str:
    return site_url(f"/dialogue/poll/{poll.name}{suffix}")


def poll_dictize(poll: m.Poll, has_voted: bool, results_visible: bool) -> dict:
    data = {
        "id": poll.id, "name": poll.name, "owner_org": poll.owner_org,
        "organization": organization(poll.owner_org), "event_id": poll.event_id,
        "question": poll.question, "description": poll.description,
        "multiple": poll.multiple, "opens_at": times.iso(poll.opens_at),
        "closes_at": times.iso(poll.closes_at), "state": poll.state(),
        "results_visibility": poll.results_visibility,
        "options": [{"id": o.id, "label": o.label} for o in poll.options],
        "has_voted": has_voted, "results_visible": results_visible,
        "dataset_id": poll.dataset_id,
        "url": poll_url(poll), "embed_url": poll_url(poll, "/embed"),
        "created": times.iso(poll.created),
    }
    if results_visible:
        data["results"] = poll_results_dictize(poll)
    return data


def channel_votes(poll: m.Poll) -> dict:
    """Votes cast on copies of the poll elsewhere (IPollVotes), by channel."""
    found: dict = {}
    for plugin in p.PluginImplementations(IPollVotes):
        found.update(plugin.poll_votes(poll.id))
    return found


def _share(votes: int, voters: int) -> float:
    return round(100.0 * votes / voters, 1) if voters else 0.0


def poll_results_dictize(poll: m.Poll) -> dict:
    """The portal's votes (`votes`, `voters`); with copies elsewhere, also each channel's
    (`channels`) and the sum (`total`, `total_voters`)."""
    voters = poll.voters
    data = {
        "voters": voters,
        "options": [{"id": o.id, "label": o.label, "votes": o.votes,
                     "share": _share(o.votes, voters)} for o in poll.options],
    }
    channels = channel_votes(poll)
    if channels:
        data["channels"] = {name: votes["voters"] for name, votes in channels.items()}
        data["total_voters"] = voters + sum(data["channels"].values())
        for position, option in enumerate(data["options"]):
            option["channels"] = {name: (votes["options"][position]
                                         if position < len(votes["options"]) else 0)
                                  for name, votes in channels.items()}
            option["total"] = option["votes"] + sum(option["channels"].values())
            option["total_share"] = _share(option["total"], data["total_voters"])
    return data

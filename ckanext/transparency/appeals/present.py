"""What an appeal looks like to the applicant (public part) and to the department's staff.

`public_dict` is the only shape that leaves the module without staff rights: it is built from
an explicit list of fields, and never reads the applicant table."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import ckan.model as ckan_model

from ckanext.transparency.core import clock

from . import deadlines, model, vocabulary

# Keys of an event's data that the applicant may see; the rest (notes, assignee, the
# applicant's comment) stay with the staff.
PUBLIC_EVENT_KEYS = ("to", "reason", "due_on", "outcome", "rating", "department")


def today() -> dt.date:
    return clock.site_today("appeals")


def _iso(value: Any) -> Optional[str]:
    return value.isoformat() if value is not None else None


def department(owner_org: str) -> dict[str, str]:
    group = ckan_model.Group.get(owner_org)
    return {"id": owner_org, "name": group.name if group else "",
            "title": (group.title or group.name) if group else ""}


def deadline(appeal: dict, rules: Optional[deadlines.Rules] = None,
             on: Optional[dt.date] = None) -> dict[str, Any]:
    rules = rules or deadlines.Rules.from_config()
    reason = ""
    if appeal["extended"]:
        extensions = [e for e in model.events(appeal["id"], public_only=True)
                      if e["kind"] == "extended"]
        reason = extensions[-1]["data"].get("reason", "") if extensions else ""
    computed = deadlines.compute(
        appeal["type"], appeal["registered_on"], needs_study=appeal["needs_study"],
        extended_to=appeal["due_on"] if appeal["extended"] else None,
        extension_reason=reason, rules=rules)
    due = appeal["forward_due_on"] if appeal["outcome"] == "forwarded" else appeal["due_on"]
    state = deadlines.state(due, on or today(), completed_on=appeal["completed_on"],
                            due_soon_days=rules.due_soon_days)
    return {
        "due_on": _iso(appeal["due_on"]), "original_due_on": _iso(appeal["original_due_on"]),
        "forward_due_on": _iso(appeal["forward_due_on"]), "extended": appeal["extended"],
        "needs_study": appeal["needs_study"], "state": state,
        "state_label": deadlines.state_label(state),
        "steps": [{"text": s.text, "date": _iso(s.date)} for s in computed.steps],
    }


def _event(event: dict, public: bool) -> dict[str, Any]:
    data = event["data"] or {}
    if public:
        data = {k: v for k, v in data.items() if k in PUBLIC_EVENT_KEYS}
    out = {"kind": event["kind"], "label": vocabulary.event_label(event["kind"]),
           "created": _iso(event["created"]), "data": data}
    if not public:
        user = ckan_model.User.get(event["actor_id"]) if event["actor_id"] else None
        out["actor"] = user.name if user else None
    return out


def _common(appeal: dict) -> dict[str, Any]:
    return {
        "number": appeal["number"], "type": appeal["type"],
        "type_label": vocabulary.type_label(appeal["type"]),
        "channel": appeal["channel"], "channel_label": vocabulary.channel_label(appeal["channel"]),
        "topic": appeal["topic"], "topic_label": vocabulary.topic_label(appeal["topic"]),
        "department": department(appeal["owner_org"]),
        "status": appeal["status"], "status_label": vocabulary.status_label(appeal["status"]),
        "outcome": appeal["outcome"],
        "outcome_label": vocabulary.outcome_label(appeal["outcome"]) if appeal["outcome"]
        else None,
        "registered_on": _iso(appeal["registered_on"]),
        "completed_on": _iso(appeal["completed_on"]),
        "forwarded_to": appeal["forwarded_to"], "answer": appeal["answer"],
        "rating": appeal["rating"], "deadline": deadline(appeal),
    }


def public_dict(appeal: dict) -> dict[str, Any]:
    """For whoever holds the number and the access code."""
    out = _common(appeal)
    out["subject"] = appeal["subject"]
    out["can_rate"] = (appeal["status"] in ("answered", "closed")
                       and appeal["outcome"] != "forwarded" and appeal["rating"] is None)
    out["timeline"] = [_event(e, True) for e in model.events(appeal["id"], public_only=True)]
    return out


def summary_dict(appeal: dict) -> dict[str, Any]:
    """A row of the staff inbox (no personal data)."""
    out = _common(appeal)
    out.update(id=appeal["id"], subject=appeal["subject"], assignee=_user_name(
        appeal["assignee_id"]))
    out.pop("answer")
    return out


def _user_name(user_id: Optional[str]) -> Optional[str]:
    user = ckan_model.User.get(user_id) if user_id else None
    return user.name if user else None


def _applicant(appeal_id: str) -> Optional[dict[str, Any]]:
    applicant = model.applicant(appeal_id)
    if applicant is None:
        return None
    return {k: _iso(v) if isinstance(v, dt.datetime) else v for k, v in applicant.items()}


def staff_dict(appeal: dict) -> dict[str, Any]:
    """Everything, the applicant's personal data included: staff of the department only."""
    out = summary_dict(appeal)
    status = appeal["status"]
    out.update(is_open=status in vocabulary.OPEN_STATUSES,
               can_close=status in vocabulary.CLOSABLE_STATUSES,
               can_reopen=status in vocabulary.REOPENABLE_STATUSES)
    out.update(text=appeal["text"], answer=appeal["answer"],
               registered_at=_iso(appeal["registered_at"]), closed_at=_iso(appeal["closed_at"]),
               reception_id=appeal["reception_id"],
               applicant=_applicant(appeal["id"]),
               attachments=[{k: _iso(v) if k == "created" else v for k, v in a.items()}
                            for a in model.attachments(appeal["id"])],
               timeline=[_event(e, False) for e in model.events(appeal["id"], False)])
    return out

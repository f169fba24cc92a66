"""Open dialogue's measures in the openness rating: events held, questions answered, polls run
(from `dialogue_activity` and the event and poll tables)."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.measures import (ACTIVITY, SHARE, TARGET, Measure,
                                                RatingMeasure, day_bounds)

from .helpers import status_labels
from .model import Event, Poll


def _activity(org_id: str, period, as_of: dt.date) -> dict:
    start, end = day_bounds(period, as_of)
    result = tk.get_action("dialogue_activity")(
        {"ignore_auth": True}, {"department": org_id, "date_from": start.isoformat() + "Z",
                                "date_to": end.isoformat() + "Z"})
    return next((d for d in result["departments"] if d["id"] == org_id), {})


def events_held(org_id: str, period, as_of: dt.date) -> Measure:
    """Events announced to start in the period (cancelled ones included): the share held."""
    figures = _activity(org_id, period, as_of)
    start, end = day_bounds(period, as_of)
    E = Event
    events = (model.Session.query(E.name, E.title, E.start, E.status)
              .filter(E.owner_org == org_id, E.start >= start, E.start < end)
              .order_by(E.start).all())
    evidence = [{"event": e.name, "title": e.title, "start": e.start.date().isoformat(),
                 "status": e.status, "held": e.status == "held"} for e in events]
    return Measure(figures.get("events_held", 0), figures.get("events_announced", 0), evidence)


def questions_answered(org_id: str, period, as_of: dt.date) -> Measure:
    """Published questions from the public to the period's events: the share answered."""
    figures = _activity(org_id, period, as_of)
    return Measure(figures.get("questions_answered", 0), figures.get("questions_published", 0),
                   [{"questions_published": figures.get("questions_published", 0),
                     "questions_answered": figures.get("questions_answered", 0)}])


def polls_run(org_id: str, period, as_of: dt.date) -> Measure:
    """Polls opened in the period, against the target (polls_per_year for the period's
    length); the sample is the target's period, not a count of records."""
    start, end = day_bounds(period, as_of)
    P = Poll
    polls = (model.Session.query(P.name, P.question, P.opens_at, P.voters)
             .filter(P.owner_org == org_id, P.opens_at >= start, P.opens_at < end)
             .order_by(P.opens_at).all())
    evidence = [{"poll": p.name, "question": p.question,
                 "opened": p.opens_at.date().isoformat(), "voters": p.voters} for p in polls]
    return Measure(len(polls), 0, evidence)


def _evidence_labels() -> dict[str, str]:
    return {"event": tk._("Event"), "title": tk._("Title"), "start": tk._("Date"),
            "status": tk._("Status"), "held": tk._("Held"),
            "questions_published": tk._("Questions published"),
            "questions_answered": tk._("Questions answered"), "poll": tk._("Poll"),
            "question": tk._("Question"), "opened": tk._("Opened"), "voters": tk._("Voters")}


def _evidence_value(key: str, value):
    return status_labels().get(value, value) if key == "status" and value else value


def _events_description() -> str:
    return tk._("Open dialogue: events announced to start in the period (cancelled ones "
                "included) that were held.")


def _questions_description() -> str:
    return tk._("Open dialogue: published questions from the public to those events that "
                "were answered.")


def _polls_description() -> str:
    return tk._("Open dialogue: polls opened in the period against a target of {n} a year "
                "(at most 100); counted only beside events or questions.").format(
        n=tk.config.get("ckanext.transparency.rating.polls_per_year"))


MEASURES = [
    RatingMeasure("events_held", ACTIVITY, 50, events_held, SHARE,
                  label=lambda: tk._("Announced events held"),
                  description=_events_description, evidence_labels=_evidence_labels,
                  evidence_value=_evidence_value),
    RatingMeasure("questions_answered", ACTIVITY, 60, questions_answered, SHARE,
                  label=lambda: tk._("Questions from the public answered"),
                  description=_questions_description, evidence_labels=_evidence_labels),
    RatingMeasure("polls_run", ACTIVITY, 70, polls_run, TARGET,
                  label=lambda: tk._("Polls run (against the target)"),
                  description=_polls_description, evidence_labels=_evidence_labels),
]

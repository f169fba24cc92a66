"""The open dialogue's happenings (core/happenings.py), from the events' public history: an
event announced, postponed or moved, starting (it went live, or its start came), a recording
added. Who changed what is not part of them."""
from __future__ import annotations

import datetime as dt

import ckan.model as model

from ckanext.transparency.core.happenings import Happening, naive_utc, utc
from ckanext.transparency.i18n.display import titles

from . import model as m
from .logic.dictization import event_url


def _happening(event: m.Event, kind: str, key: str, moment: dt.datetime,
               **extra) -> Happening:
    return Happening(key=f"event:{event.id}:{key}", kind=kind, subject_type="event",
                     subject_id=event.id, organization_id=event.owner_org,
                     occurred_at=utc(moment), url=event_url(event),
                     title=titles({"title": event.title,
                                  "title_translated": event.title_translated or {}}),
                     extra={"start": utc(event.start).isoformat(), **extra})


def _from_history(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    changes = (model.Session.query(m.EventChange, m.Event)
               .join(m.Event, m.Event.id == m.EventChange.event_id)
               .filter(m.EventChange.timestamp >= since, m.EventChange.timestamp < until)
               .order_by(m.EventChange.timestamp))
    found = []
    for change, event in changes:
        if change.action == "created" and change.status_to in ("announced", "live"):
            found.append(_happening(event, "event_announced", "announced", change.timestamp))
        if change.status_to == "live":
            found.append(_happening(event, "event_starting", "starting", change.timestamp,
                                    stream_url=event.stream_url))
        elif change.start_to and (change.status_to == "postponed"
                                  or change.action == "rescheduled"):
            found.append(_happening(event, "event_postponed",
                                    f"postponed:{utc(change.start_to).isoformat()}",
                                    change.timestamp, start_from=utc(change.start_from
                                                                     or change.start_to)
                                    .isoformat()))
    return found


def _starting(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    """Events whose start came in the window while they were still on."""
    events = model.Session.query(m.Event).filter(
        m.Event.start >= since, m.Event.start < until,
        m.Event.status.in_(m.UPCOMING_STATUSES))
    return [_happening(e, "event_starting", "starting", e.start, stream_url=e.stream_url)
            for e in events]


def _recordings(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    rows = (model.Session.query(m.Material, m.Event)
            .join(m.Event, m.Event.id == m.Material.event_id)
            .filter(m.Material.kind == "recording", m.Material.created >= since,
                    m.Material.created < until, m.Event.status != "cancelled"))
    return [_happening(event, "event_recording", f"recording:{material.id}", material.created)
            for material, event in rows]


def happenings(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    since, until = naive_utc(since), naive_utc(until)
    return _from_history(since, until) + _starting(since, until) + _recordings(since, until)

"""The records the rating reads, one small function per source.

Contract of every source: `source(org_id, period, as_of) -> Measure`: the department (CKAN
organization id), the period (periods.Period, start and end inclusive) and the day the rating is
computed on (records dated after it are not seen). A Measure has a numerator and a denominator
(the sample: how many records were judged) and the evidence, a list of plain dicts naming each
record judged (never a person). A source whose module changes is adapted here and only here.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import statistics as pystats
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk


@dataclasses.dataclass
class Measure:
    numerator: float
    denominator: int
    evidence: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    value: Optional[float] = None  # a measure that is not a share (median days)


def _day_bounds(period, as_of: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) as datetimes, the end cut at the day after `as_of`."""
    last = min(period.end, as_of)
    return (dt.datetime.combine(period.start, dt.time()),
            dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))


# --- open data (ckanext.transparency.opendata): the update history -------------------------

def _schedule_periods(first: dt.date, months: int):
    from ckanext.transparency.opendata import periods as od_periods
    period = od_periods.containing(first, months)
    while True:
        yield period
        period = od_periods.following(period, months)


def dataset_updates(org_id: str, period, as_of: dt.date) -> Measure:
    """Scheduled updates whose due date (end of the period the data covers + grace days) falls
    in the period and has passed: on time when an update covering that period was recorded by
    the due date. The schedule starts with the period the dataset was created in, or the first
    period it has data for, whichever is earlier."""
    from ckanext.transparency.opendata import freshness
    from ckanext.transparency.opendata.model import UpdateRecord
    from ckanext.transparency.opendata.types import PERIOD_MONTHS, TYPES
    grace = dt.timedelta(days=freshness.grace_days())
    packages = (model.Session.query(model.Package)
                .filter(model.Package.owner_org == org_id, model.Package.type.in_(TYPES),
                        model.Package.state == "active", model.Package.private.is_(False))
                .order_by(model.Package.name).all())
    on_time, evidence = 0, []
    for package in packages:
        months = PERIOD_MONTHS.get(package.extras.get("frequency"))
        if not months:
            continue
        records = [r for r in UpdateRecord.for_package(package.id)
                   if r.updated_at.date() <= as_of]
        created = package.metadata_created.date()
        first = min([created] + [r.period_start for r in records])
        temporal_end = freshness._date(package.extras.get("temporal_end"))
        for covered in _schedule_periods(first, months):
            due = covered.end + grace
            if due > min(period.end, as_of) or (temporal_end and covered.start > temporal_end):
                break
            if due < period.start:
                continue
            made = sorted((r.updated_at for r in records
                           if r.period_start <= covered.end <= r.period_end))
            in_time = bool(made) and made[0].date() <= due
            on_time += in_time
            late_by = None if in_time else ((made[0].date() if made else as_of) - due).days
            evidence.append({
                "dataset": package.name, "title": package.title, "data_period": covered.label,
                "due": due.isoformat(), "on_time": in_time,
                "updated": made[0].date().isoformat() if made else None,
                "days_late": late_by})
    return Measure(on_time, len(evidence), evidence)


# --- appeals (ckanext.transparency.appeals): the appeal table -------------------------------

def _appeals():
    from ckanext.transparency.appeals import model as appeals_model
    return appeals_model.appeal_table


def appeals_on_time(org_id: str, period, as_of: dt.date) -> Measure:
    """Appeals whose legal deadline (after a lawful extension) fell in the period and has
    passed: on time when answered or forwarded by the deadline."""
    a = _appeals()
    last = min(period.end, as_of)
    rows = model.Session.execute(
        sa.select(a.c.number, a.c.type, a.c.registered_on, a.c.due_on, a.c.extended,
                  a.c.completed_on)
        .where(a.c.owner_org == org_id, a.c.due_on >= period.start, a.c.due_on <= last)
        .order_by(a.c.due_on, a.c.number)).all()
    evidence, on_time = [], 0
    for row in rows:
        done = row.completed_on if row.completed_on and row.completed_on <= as_of else None
        in_time = done is not None and done <= row.due_on
        on_time += in_time
        evidence.append({
            "number": row.number, "type": row.type,
            "registered": row.registered_on.isoformat(), "due": row.due_on.isoformat(),
            "extended": row.extended, "answered": done.isoformat() if done else None,
            "on_time": in_time,
            "days_late": None if in_time else ((done or as_of) - row.due_on).days})
    return Measure(on_time, len(evidence), evidence)


def appeals_days_to_answer(org_id: str, period, as_of: dt.date) -> Measure:
    """Appeals answered (or forwarded) in the period: the median of the calendar days from
    registration to the answer."""
    a = _appeals()
    last = min(period.end, as_of)
    rows = model.Session.execute(
        sa.select(a.c.number, a.c.registered_on, a.c.completed_on)
        .where(a.c.owner_org == org_id, a.c.completed_on >= period.start,
               a.c.completed_on <= last)
        .order_by(a.c.completed_on, a.c.number)).all()
    days = [(r.completed_on - r.registered_on).days for r in rows]
    evidence = [{"number": r.number, "registered": r.registered_on.isoformat(),
                 "answered": r.completed_on.isoformat(), "days": d} for r, d in zip(rows, days)]
    median = float(pystats.median(days)) if days else None
    return Measure(len(days), len(days), evidence, value=median)


# --- consultations (ckanext.transparency.consultations): proposals ------------------------

def proposals_answered(org_id: str, period, as_of: dt.date) -> Measure:
    """Published proposals on drafts whose discussion closed in the period: answered before the
    results report (or, while no report is published, answered at all by `as_of`)."""
    from ckanext.transparency.consultations import moderation
    from ckanext.transparency.consultations.model import Consultation, ConsultationProposal
    C, P = Consultation, ConsultationProposal
    last = min(period.end, as_of)
    rows = (model.Session.query(C.name, C.title, C.closes_on, C.report_published_at, P.number,
                                P.answered_at)
            .join(P, P.consultation_id == C.id)
            .filter(C.owner_org == org_id, C.withdrawn_at.is_(None),
                    C.closes_on >= period.start, C.closes_on <= last,
                    P.state == moderation.PUBLISHED, P.created < _day_bounds(period, as_of)[1])
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


# --- dialogue (ckanext.transparency.dialogue): dialogue_activity and its events ----------

def _activity(org_id: str, period, as_of: dt.date) -> dict:
    start, end = _day_bounds(period, as_of)
    result = tk.get_action("dialogue_activity")(
        {"ignore_auth": True}, {"department": org_id, "date_from": start.isoformat() + "Z",
                                "date_to": end.isoformat() + "Z"})
    return next((d for d in result["departments"] if d["id"] == org_id), {})


def events_held(org_id: str, period, as_of: dt.date) -> Measure:
    """Events announced to start in the period (cancelled ones included): the share held."""
    from ckanext.transparency.dialogue import model as dialogue_model
    figures = _activity(org_id, period, as_of)
    start, end = _day_bounds(period, as_of)
    E = dialogue_model.Event
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
    from ckanext.transparency.dialogue import model as dialogue_model
    start, end = _day_bounds(period, as_of)
    P = dialogue_model.Poll
    polls = (model.Session.query(P.name, P.question, P.opens_at, P.voters)
             .filter(P.owner_org == org_id, P.opens_at >= start, P.opens_at < end)
             .order_by(P.opens_at).all())
    evidence = [{"poll": p.name, "question": p.question,
                 "opened": p.opens_at.date().isoformat(), "voters": p.voters} for p in polls]
    return Measure(len(polls), 0, evidence)

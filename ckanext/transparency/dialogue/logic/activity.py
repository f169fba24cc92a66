"""`dialogue_activity`: per department, the figures the openness rating reads ("activity in
public events"): events announced and held, questions answered, polls run."""
from __future__ import annotations

import datetime

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy import and_, case, func

from .. import model as m
from .. import times
from . import schema


def period_bounds(data: dict) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """[start, end) in UTC from year/quarter or date_from/date_to (none: all time)."""
    if data.get("year"):
        year = data["year"]
        if data.get("quarter"):
            first = 3 * (data["quarter"] - 1) + 1
            start = datetime.datetime(year, first, 1)
            end = (datetime.datetime(year + 1, 1, 1) if first == 10
                   else datetime.datetime(year, first + 3, 1))
        else:
            start, end = datetime.datetime(year, 1, 1), datetime.datetime(year + 1, 1, 1)
        return times.parse(start), times.parse(end)
    if data.get("quarter"):
        raise tk.ValidationError({"quarter": [tk._("A quarter needs a year")]})
    return data.get("date_from"), data.get("date_to")


def _between(column, start, end):
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return and_(True, *conditions)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


@tk.side_effect_free
@tk.validate_action_data(schema.activity_schema)
def dialogue_activity(context, data_dict):
    """Activity in public events per department, for a period.

    :param department: one department (id or name); default all
    :param year, quarter: the period (a quarter needs a year; times in the site's timezone)
    :param date_from, date_to: or a period [date_from, date_to)
    :returns: {"period": {"from", "to"}, "departments": [{"id", "name", "title",
        "events_announced" (scheduled in the period, cancelled ones included),
        "events_held", "events_cancelled", "events_postponed" (ever postponed),
        "events_held_ratio", "questions_published", "questions_answered",
        "questions_answered_ratio", "polls_run" (opened in the period), "poll_votes"}]}
    Events count by their start; questions and polls by their event's or opening time.
    """
    tk.check_access("dialogue_activity", context, data_dict)
    start, end = period_bounds(data_dict)
    session = model.Session

    in_period = _between(m.Event.start, start, end)
    postponed = (session.query(m.EventChange.event_id)
                 .filter(m.EventChange.status_to == "postponed").distinct().subquery())
    events = dict((row[0], row[1:]) for row in session.query(
        m.Event.owner_org, func.count(m.Event.id),
        func.count(case((m.Event.status == "held", 1))),
        func.count(case((m.Event.status == "cancelled", 1))),
        func.count(case((m.Event.id.in_(session.query(postponed.c.event_id)), 1))),
    ).filter(in_period).group_by(m.Event.owner_org))
    questions = dict((row[0], row[1:]) for row in session.query(
        m.Event.owner_org, func.count(m.Question.id),
        func.count(case((m.Question.answer.isnot(None), 1))),
    ).join(m.Question, m.Question.event_id == m.Event.id)
        .filter(in_period, m.Question.status == "published").group_by(m.Event.owner_org))
    polls = dict((row[0], row[1:]) for row in session.query(
        m.Poll.owner_org, func.count(m.Poll.id), func.coalesce(func.sum(m.Poll.voters), 0),
    ).filter(_between(m.Poll.opens_at, start, end), m.Poll.opens_at <= m.utcnow())
        .group_by(m.Poll.owner_org))

    orgs = session.query(model.Group).filter(model.Group.is_organization.is_(True),
                                             model.Group.state == "active")
    if data_dict.get("department"):
        orgs = orgs.filter(model.Group.id == data_dict["department"])
    departments = []
    for org in orgs.order_by(model.Group.name):
        announced, held, cancelled, ever_postponed = events.get(org.id, (0, 0, 0, 0))
        asked, answered = questions.get(org.id, (0, 0))
        polls_run, poll_votes = polls.get(org.id, (0, 0))
        departments.append({
            "id": org.id, "name": org.name, "title": org.title or org.name,
            "events_announced": announced, "events_held": held,
            "events_cancelled": cancelled, "events_postponed": ever_postponed,
            "events_held_ratio": _ratio(held, announced),
            "questions_published": asked, "questions_answered": answered,
            "questions_answered_ratio": _ratio(answered, asked),
            "polls_run": polls_run, "poll_votes": int(poll_votes),
        })
    return {"period": {"from": times.iso(start), "to": times.iso(end)},
            "departments": departments}

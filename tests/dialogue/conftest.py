"""Fixtures of the open dialogue tests: a department with its roles, citizens, events, polls."""
from __future__ import annotations

import datetime

import pytest

import ckan.tests.factories as factories

from ckanext.transparency.dialogue.model import utcnow
from tests.helpers import act


def at(hours: float = 0, days: float = 0) -> str:
    """An ISO time (UTC, "Z") relative to now."""
    moment = utcnow() + datetime.timedelta(hours=hours, days=days)
    return moment.replace(microsecond=0).isoformat() + "Z"


@pytest.fixture
def roles(clean_db, with_plugins):
    """A department with an admin, an editor and a plain member; another department's editor;
    two citizens; a sysadmin."""
    users = {name: factories.User(name=name, email=f"{name}@example.uz")
             for name in ("dept_admin", "dept_editor", "dept_member", "other_editor",
                          "citizen", "neighbour")}
    users["sysadmin"] = factories.Sysadmin(name="sysadmin")
    department = factories.Organization(name="finance", title="Moliya", users=[
        {"name": "dept_admin", "capacity": "admin"},
        {"name": "dept_editor", "capacity": "editor"},
        {"name": "dept_member", "capacity": "member"}])
    other = factories.Organization(name="water", title="Suv", users=[
        {"name": "other_editor", "capacity": "editor"}])
    return {**users, "department": department, "other": other}


@pytest.fixture
def event_factory(roles):
    def make(user="dept_editor", **fields):
        data = {"kind": "briefing", "title": "Byudjet ijrosi boʻyicha brifing",
                "owner_org": roles["department"]["id"], "start": at(days=7),
                "description": "Choraklik natijalar", "location": "Toshkent, 1-xona",
                "stream_url": "https://www.youtube.com/watch?v=abcdefgh"}
        data.update(fields)
        return act("event_create", roles[user], **data)
    return make


@pytest.fixture
def event(event_factory):
    return event_factory()


@pytest.fixture
def published_question(roles, event):
    """A question by `citizen`, published by the editor."""
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Qachon yangi suv quvuri quriladi?")
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    return question


@pytest.fixture
def poll_factory(roles):
    def make(**fields):
        data = {"owner_org": roles["department"]["id"], "question": "Qaysi loyiha muhim?",
                "options": ["Suv", "Issiqlik", "Yoʻllar"], "closes_at": at(days=3)}
        data.update(fields)
        return act("poll_create", roles["dept_editor"], **data)
    return make

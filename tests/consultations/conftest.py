"""Fixtures of the consultation tests: a department with an editor, a citizen, drafts."""
from __future__ import annotations

import datetime

import pytest

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
from ckanext.transparency.consultations import settings
from tests.helpers import act


TEXT = """Kirish qismi: ushbu nizom agentlik faoliyatini tartibga soladi.

## 1-modda. Umumiy qoidalar

Ushbu nizom ochiqlik tartibini belgilaydi.

Nizom barcha boʻlinmalarga tatbiq etiladi.

## 2-modda. Muhokama

Loyihalar kamida 15 kun muhokama qilinadi.
"""


def today() -> datetime.date:
    return settings.today()


_START: list[datetime.date] = []


@pytest.fixture(autouse=True)
def _start_day(with_plugins):
    """`days(n)` counts from the day the test started, wherever the frozen clock moves."""
    _START[:] = [today()]
    yield
    _START.clear()


def days(n: int) -> str:
    return ((_START[0] if _START else today()) + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def department():
    return factories.Organization()


@pytest.fixture
def editor(department):
    user = factories.User()
    helpers.call_action("member_create", id=department["id"], object=user["name"],
                        object_type="user", capacity="editor")
    return user


@pytest.fixture
def citizen():
    return factories.User()


@pytest.fixture
def other_citizen():
    return factories.User()


@pytest.fixture
def make_draft(department, editor):
    counter = iter(range(1, 1000))

    def make(**overrides):
        data = {"name": f"draft-{next(counter)}", "title": "Ochiqlik toʻgʻrisidagi nizom",
                "summary": "Loyiha", "kind": "decision", "owner_org": department["name"],
                "body": TEXT, "opens_on": days(0), "closes_on": days(15)}
        data.update(overrides)
        return act("consultation_create", editor, **data)
    return make


@pytest.fixture
def open_draft(make_draft):
    return make_draft()



"""Fixtures of the follow tests: a department with an editor, a citizen with an account, a
dataset, an event and a draft of the department, and helpers to read the mails sent."""
from __future__ import annotations

import datetime
import re

import pytest

import ckan.tests.factories as factories
from ckan.lib import jobs

from ckanext.transparency.consultations.settings import today as consultations_today
from ckanext.transparency import periodic
from ckanext.transparency.follow import periodic_jobs
from tests.helpers import act

# an address that must never appear in any answer, page or log
ADDRESS = "dilorom.plugh@example.org"


def at(days: float) -> str:
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def run_worker() -> None:
    """What `ckan jobs worker` does with the jobs queued so far (the confirmation mails)."""
    jobs.Worker().work(burst=True)


def run_periodic(day: datetime.date | None = None) -> list:
    """`ckan transparency periodic` with this plugin's jobs."""
    return periodic.run(day, jobs=periodic_jobs.JOBS)


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.get_content())


def link(message, part: str) -> str:
    """The path of the first link of `message` with `part` in it."""
    found = [url for url in links(message) if part in url]
    assert found, f"no {part} link in {message.get_content()!r}"
    return "/" + found[0].split("/", 3)[3]


@pytest.fixture
def place(clean_db, with_plugins, clean_redis):
    editor = factories.User(name="dept_editor", email="editor@example.uz")
    citizen = factories.User(name="citizen", email="citizen@example.uz")
    department = factories.Organization(name="finance", title="Moliya", users=[
        {"name": "dept_editor", "capacity": "editor"}])
    other = factories.Organization(name="water", title="Suv")
    dataset = factories.Dataset(name="budget-2026", title="Byudjet 2026",
                                owner_org=department["id"])
    return {"editor": editor, "citizen": citizen, "department": department, "other": other,
            "dataset": dataset}


@pytest.fixture
def event(place):
    return act("event_create", place["editor"], kind="briefing",
               title="Byudjet ijrosi boʻyicha brifing", owner_org=place["department"]["id"],
               start=at(7), description="Choraklik natijalar", location="Toshkent, 1-xona")


@pytest.fixture
def draft(place):
    today = consultations_today()
    return act("consultation_create", place["editor"], name="ochiqlik-nizomi",
               title="Ochiqlik toʻgʻrisidagi nizom", summary="Loyiha", kind="decision",
               owner_org=place["department"]["name"],
               body="## 1-modda. Umumiy qoidalar\n\nUshbu nizom ochiqlik tartibini belgilaydi.\n",
               opens_on=today.isoformat(),
               closes_on=(today + datetime.timedelta(days=20)).isoformat())

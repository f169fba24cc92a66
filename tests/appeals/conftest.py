"""Departments, staff in every role, and a helper that submits an appeal."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.plugins as plugins
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.transparency.appeals import model as appeals_model

# Personal data planted in appeals; no public output may ever contain any of it.
SECRET = {
    "full_name": "Zebuniso Qahramonova-Xyzzy",
    "address": "Quuxobod mahallasi, Plughkoʻcha 77-uy",
    "phone": "+998 90 713-37-42",
    "email": "zebuniso.xyzzy@example.org",
}


def appeal_data(org: str = "water", **overrides) -> dict:
    data = {"type": "application", "topic": "water", "owner_org": org,
            "subject": "No water on our street", "text": "The tap has been dry for a week.",
            "consent": "on", **SECRET}
    data.update(overrides)
    return data


def submit(org: str = "water", context: dict | None = None, **overrides) -> dict:
    return helpers.call_action("appeal_submit", context=context or {"user": ""},
                               **appeal_data(org, **overrides))


def code(receipt: dict) -> str:
    return receipt["access_code"]


def stored(number: str) -> dict:
    return appeals_model.get_appeal(number)


def age(number: str, days: int) -> None:
    """Move an appeal's registration (and deadlines) `days` into the past."""
    t = appeals_model.Appeal.__table__
    delta = dt.timedelta(days=days)
    model.Session.execute(t.update().where(t.c.number == number).values(
        registered_on=t.c.registered_on - delta, original_due_on=t.c.original_due_on - delta,
        due_on=t.c.due_on - delta, forward_due_on=t.c.forward_due_on - delta))
    model.Session.commit()


def run_jobs() -> None:
    """What `ckan jobs worker` does with the jobs queued so far (the e-mails): a real RQ worker
    that forks for each job, and stops when the queue is empty."""
    jobs.Worker().work(burst=True)


def _create_people() -> dict:
    """Two departments and a user in every role of the authorization matrix."""
    users = {name: factories.User(name=name) for name in (
        "citizen", "water_editor", "water_admin", "water_member", "heating_editor",
        "heating_admin")}
    users["sysadmin"] = factories.Sysadmin(name="sysadmin")
    factories.Organization(name="water", title="Ichimlik suvi", users=[
        {"name": "water_editor", "capacity": "editor"},
        {"name": "water_admin", "capacity": "admin"},
        {"name": "water_member", "capacity": "member"}])
    factories.Organization(name="heating", title="Issiqlik", users=[
        {"name": "heating_editor", "capacity": "editor"},
        {"name": "heating_admin", "capacity": "admin"}])
    return users


@pytest.fixture
def people(clean_db, with_plugins, clean_redis):
    return _create_people()


@pytest.fixture(scope="module")
def shared_people(reset_db, reset_redis):
    """`people` once for a module whose tests only read (the authorization matrix)."""
    reset_db()
    reset_redis()
    plugins.load_all()
    return _create_people()


def as_user(name: str) -> dict:
    return {"user": name, "ignore_auth": False}

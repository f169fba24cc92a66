"""No update action moves a record into a department its caller does not run (issue #12, 12):
an editor of department A alone is refused; an editor of both departments may move it."""
from __future__ import annotations

import datetime

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.transparency.consultations import settings
from tests.helpers import act

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")

TEXT = "## 1-modda. Umumiy qoidalar\n\nUshbu nizom ochiqlik tartibini belgilaydi.\n"


def later(days: int) -> str:
    return (settings.today() + datetime.timedelta(days=days)).isoformat()


def moment(days: int) -> str:
    when = datetime.datetime.utcnow() + datetime.timedelta(days=days)
    return when.replace(microsecond=0).isoformat() + "Z"


@pytest.fixture
def departments():
    """Department a with its editor and admin, department b; `both` edits a and b."""
    for name in ("a_editor", "a_admin", "both"):
        factories.User(name=name)
    a = factories.Organization(name="dept-a", users=[
        {"name": "a_editor", "capacity": "editor"}, {"name": "a_admin", "capacity": "admin"},
        {"name": "both", "capacity": "admin"}])
    b = factories.Organization(name="dept-b", users=[{"name": "both", "capacity": "admin"}])
    return a, b


def test_a_draft_stays_in_its_department(departments):
    a, b = departments
    draft = act("consultation_create", "a_editor", name="nizom", title="Nizom",
                kind="decision", owner_org=a["name"], body=TEXT, opens_on=later(1),
                closes_on=later(20))
    for reference in (b["id"], b["name"]):
        with pytest.raises(tk.NotAuthorized):
            act("consultation_update", "a_editor", id=draft["id"], owner_org=reference)
    assert act("consultation_show", "a_editor", id=draft["id"])["owner_org"] == a["id"]
    assert act("consultation_update", "a_editor", id=draft["id"], owner_org=a["name"],
               title="Nizom (2)")["owner_org"] == a["id"]
    moved = act("consultation_update", "both", id=draft["id"], owner_org=b["name"])
    assert moved["owner_org"] == b["id"]


def test_an_event_stays_in_its_department(departments):
    a, b = departments
    event = act("event_create", "a_editor", kind="briefing", title="Brifing",
                owner_org=a["id"], start=moment(7))
    with pytest.raises(tk.NotAuthorized):
        act("event_update", "a_editor", id=event["id"], owner_org=b["id"])
    assert act("event_show", "a_editor", id=event["id"])["owner_org"] == a["id"]
    assert act("event_update", "both", id=event["id"], owner_org=b["id"])["owner_org"] == b["id"]


def test_a_poll_stays_in_its_department_and_joins_only_its_events(departments):
    a, b = departments
    poll = act("poll_create", "a_editor", owner_org=a["id"], question="Qaysi?",
               options=["Ha", "Yoʻq"], closes_at=moment(3))
    with pytest.raises(tk.NotAuthorized):
        act("poll_update", "a_editor", id=poll["id"], owner_org=b["id"])
    their_event = act("event_create", "both", kind="briefing", title="B brifingi",
                      owner_org=b["id"], start=moment(7))
    with pytest.raises(tk.NotAuthorized):
        act("poll_update", "a_editor", id=poll["id"], event_id=their_event["id"])
    with pytest.raises(tk.NotAuthorized):
        act("poll_create", "a_editor", owner_org=a["id"], question="Boshqa?",
            options=["Ha", "Yoʻq"], closes_at=moment(3), event_id=their_event["id"])
    shown = act("poll_show", "a_editor", id=poll["id"])
    assert (shown["owner_org"], shown["event_id"]) == (a["id"], None)
    attached = act("poll_update", "both", id=poll["id"], event_id=their_event["id"])
    assert attached["event_id"] == their_event["id"]
    # a department editor still edits the poll that a sysadmin or `both` tied to that event
    assert act("poll_update", "a_editor", id=poll["id"], event_id=their_event["id"],
               question="Qaysi biri?")["question"] == "Qaysi biri?"


def test_a_reception_stays_in_its_department(departments):
    a, b = departments
    reception = act("appeal_reception_create", "a_admin", owner_org=a["id"],
                    position="Boshliq", weekday=1, starts="09:00", ends="12:00",
                    place="201-xona")
    with pytest.raises(tk.NotAuthorized):
        act("appeal_reception_update", "a_admin", id=reception["id"], owner_org=b["id"],
            position="Boshliq", weekday=1, starts="09:00", ends="12:00", place="201-xona")
    assert act("appeal_reception_show", "a_admin", id=reception["id"])["owner_org"] == a["id"]

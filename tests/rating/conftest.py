"""Departments with records of every kind built at known dates (frozen clock) through the other
modules' actions, so every number of the rating is known in advance.

February 2026, department "water":
- open data: 3 monthly datasets created 2025-12-20; January's data is due 2026-02-15
  (31 January + 15 grace days): one updated 10 Feb (on time), one 20 Feb (5 days late), one
  never (14 days late on 1 March): 1/3 = 33.3;
- appeals: 4 applications registered 1 Feb (due 16 Feb): answered after 4 and 9 days (on time),
  after 19 days (late), one unanswered: on time 2/4 = 50; median of 4, 9, 19 = 9 days,
  score 100 × (1 − 9/30) = 70; a draft closing 16 Feb with 2 published proposals, one answered:
  50; responsiveness = (50 + 70 + 50) / 3 = 56.7 (sample 4 + 2 = 6);
- dialogue: 4 events announced in February, 3 held, 1 cancelled: 75; 2 published questions, 1
  answered: 50; 1 poll against a target of 4/12: 100; activity = (75 + 50 + 100) / 3 = 75
  (sample 6).
"heating" has no records.
"""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers

from ckanext.transparency.opendata import history, periods as od_periods
from tests.helpers import act

FEB = "2026-02"


@pytest.fixture
def people(clean_db, clean_index, with_plugins, clean_redis, app):
    # `app`: the actions build links (url_for) against an app with every plugin's routes
    users = {name: factories.User(name=name, email=f"{name}@example.uz")
             for name in ("water_editor", "heating_member", "citizen", "citizen2")}
    users["sysadmin"] = factories.Sysadmin(name="sysadmin")
    water = factories.Organization(name="water", title="Ichimlik suvi", users=[
        {"name": "water_editor", "capacity": "editor"}])
    heating = factories.Organization(name="heating", title="Issiqlik", users=[
        {"name": "heating_member", "capacity": "member"}])
    return {**users, "water": water, "heating": heating}


def _datasets(people, freezer):
    freezer.move_to("2025-12-20 09:00:00")
    made = []
    for name in ("zakupki-a", "zakupki-b", "zakupki-c"):
        made.append(helpers.call_action(
            "package_create", context={"user": "water_editor"}, type="procurement", name=name,
            title=f"Xaridlar {name[-1].upper()}", owner_org=people["water"]["id"],
            frequency="http://publications.europa.eu/resource/authority/frequency/MONTHLY",
            fiscal_year=2026, language="uz-Latn", maintainer="Xaridlar boʻlimi",
            maintainer_email="xarid@example.uz"))
    for dataset in made:  # CKAN stamps metadata_created with the real clock
        model.Package.get(dataset["id"]).metadata_created = dt.datetime(2025, 12, 20, 9)
    model.Session.commit()
    january = od_periods.month(2026, 1)
    history.record(made[0], None, "water_editor", january, 10, when=dt.datetime(2026, 2, 10, 9))
    history.record(made[1], None, "water_editor", january, 10, when=dt.datetime(2026, 2, 20, 9))
    return made


def _appeals(freezer):
    freezer.move_to("2026-02-01 06:00:00")
    numbers = [helpers.call_action("appeal_submit", context={"user": ""}, type="application",
                                   topic="water", owner_org="water", subject=f"Suv yoʻq {i}",
                                   text="Koʻchamizda bir haftadan beri suv yoʻq.",
                                   full_name="Fuqaro Fuqarov", address="Toshkent",
                                   phone="+998 90 000-00-00", email="f@example.uz",
                                   consent=True)["number"]
               for i in range(4)]
    for number, day in zip(numbers, ("2026-02-05", "2026-02-10", "2026-02-20")):
        freezer.move_to(f"{day} 08:00:00")
        helpers.call_action("appeal_answer", context={"user": "sysadmin"}, id=number,
                            outcome="explained", answer="Suv taʼminoti tiklandi, rahmat.")
    return numbers


def _consultation(people, freezer):
    freezer.move_to("2026-02-01 06:00:00")
    draft = act("consultation_create", "water_editor", name="suv-nizomi",
                title="Suv taʼminoti nizomi", summary="Loyiha", kind="decision",
                owner_org="water", body="## 1-modda. Umumiy\n\nMatn.\n",
                opens_on="2026-02-01", closes_on="2026-02-16")
    proposals = []
    for user, text in (("citizen", "Birinchi taklif matni"), ("citizen2", "Ikkinchi taklif")):
        proposal = act("consultation_proposal_create", user, consultation_id=draft["id"],
                       text=text)
        act("consultation_proposal_moderate", "water_editor", id=proposal["id"],
            action="approve")
        proposals.append(proposal)
    act("consultation_proposal_answer", "water_editor", id=proposals[0]["id"],
        decision="accepted", reason="Qabul qilindi")
    return draft, proposals


def _dialogue(people, freezer):
    freezer.move_to("2026-02-01 06:00:00")
    events = [act("event_create", "water_editor", kind="briefing", title=f"Brifing {day}",
                  owner_org=people["water"]["id"], start=f"2026-02-{day:02d}T10:00:00Z",
                  description="Choraklik natijalar", location="Toshkent")
              for day in (5, 10, 12, 20)]
    questions = []
    for user in ("citizen", "citizen2"):
        question = act("event_question_create", user, event_id=events[0]["id"],
                       text=f"Savol {user}: suv qachon boʻladi?")
        act("event_question_moderate", "water_editor", id=question["id"], decision="publish")
        questions.append(question)
    act("poll_create", "water_editor", owner_org=people["water"]["id"],
        question="Qaysi loyiha muhim?", options=["Suv", "Kanalizatsiya"],
        closes_at="2026-02-05T00:00:00Z")
    freezer.move_to("2026-02-25 12:00:00")
    act("event_question_answer", "water_editor", id=questions[0]["id"],
        answer="Mart oyida.", answer_mode="written")
    for event in events[:3]:
        act("event_update", "water_editor", id=event["id"], status="held")
    act("event_update", "water_editor", id=events[3]["id"], status="cancelled",
        status_note="Xona band")
    return events


@pytest.fixture
def february(people, freezer):
    """Every record above; the clock left on 1 March 2026."""
    data = {"datasets": _datasets(people, freezer), "appeals": _appeals(freezer),
            "consultation": _consultation(people, freezer), "events": _dialogue(people, freezer)}
    freezer.move_to("2026-03-01 09:00:00")
    return dict(people, **data)

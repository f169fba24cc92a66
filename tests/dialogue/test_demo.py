"""The demo's open dialogue: past quarterly presentations with recordings and answered
questions, an announced briefing taking questions, an open and a closed poll."""
from __future__ import annotations

import re

import pytest

import ckan.model as model

from ckan.tests import factories, helpers

from ckanext.transparency.demo import organization
from ckanext.transparency.dialogue import demo
from ckanext.transparency.dialogue import model as m


@pytest.fixture
def loaded(clean_db, with_plugins):
    context = {"user": helpers.call_action("get_site_user")["name"], "ignore_auth": True}
    for department in organization.DEPARTMENTS:
        organization.ensure(context, department)
    factories.Dataset(name="byudjet-ijrosi-2026", owner_org="moliya-va-byudjet")
    lines: list[str] = []
    counts = demo.load(context, lines.append)
    return {"context": context, "counts": counts, "lines": lines}


def test_demo_dialogue(loaded):
    assert loaded["counts"] == {"dialogue events created": 5 + 4 * len(demo.MEETINGS),
                                "dialogue polls created": 2}
    call = helpers.call_action
    held = call("event_list", archive=True, kind="quarterly_report")["results"]
    assert len(held) == 3 and len({e["period"] for e in held}) == 3
    for event in held:
        shown = call("event_show", id=event["id"])
        assert [x["kind"] for x in shown["materials"]][0] == "recording"
        answered = call("event_question_list", event_id=event["id"], status="answered")
        assert answered["count"] == 3
        assert any(q["recording_time"] for q in answered["results"])
        assert call("event_question_list", event_id=event["id"],
                    status="unanswered")["count"] == 1
    # every event says what it was: no two share a title
    titles = [e["title"] for e in call("event_list", limit=1000)["results"]]
    assert len(titles) == len(set(titles)) == 5 + 4 * len(demo.MEETINGS)
    archive = call("event_archive", limit=100)
    assert len(archive["quarters"]) >= 4
    recorded = [e for q in archive["quarters"] for e in q["events"] if e["recording"]]
    assert len(recorded) == 3 and all(
        e["recording"]["thumbnail_url"].startswith("https://i.ytimg.com/vi/kiraHisob0")
        and any(q["at_url"] for q in e["answered"]) for e in recorded)
    [briefing] = call("event_list", when="upcoming", kind="briefing")["results"]
    assert briefing["accepts_questions"] and briefing["questions"]["published"] == 2
    postponed = call("event_show", id="issiqlik-mavsumi-savol-javob")
    assert postponed["status"] == "postponed"
    assert call("poll_list", state="open")["count"] == 1
    [closed] = call("poll_list", state="closed")["results"]
    assert closed["dataset_id"] and closed["results"]["voters"] == 4
    # every department met the public (or cancelled) in the last quarters
    activity = call("dialogue_activity", date_from="2000-01-01", date_to="2100-01-01")
    figures = {d["name"]: d for d in activity["departments"]}
    for department in organization.DEPARTMENTS:
        assert figures[department.name]["events_announced"] >= 3
        assert figures[department.name]["questions_published"] >= 4
    assert figures["issiqlik-taminoti"]["events_cancelled"] == 2
    assert figures["davlat-xaridlari"]["events_held"] == 4
    ratios = {d["questions_answered_ratio"] for d in activity["departments"]}
    assert len(ratios) > 3  # some departments answer, others do not
    # run again: nothing is duplicated
    assert demo.load(loaded["context"], loaded["lines"].append) == {
        "dialogue events created": 0, "dialogue polls created": 0}


def test_demo_events_carry_russian_and_english_titles(loaded):
    events = helpers.call_action("event_list", limit=1000)["results"]
    for event in events:
        assert set(event["title_translated"]) == {"uz", "ru", "en"}, event["name"]
        assert re.search("[а-я]", event["title_translated"]["ru"])
        assert not re.search("[а-я]", event["title_translated"]["en"])
    # events loaded before the demo had translations get them when it is loaded again
    model.Session.query(m.Event).update({"title_translated": {}}, synchronize_session=False)
    model.Session.commit()
    counts = demo.load(loaded["context"], lambda line: None)
    assert counts["dialogue events translated"] == len(events)
    quarterly = helpers.call_action("event_list", kind="quarterly_report")["results"][0]
    assert quarterly["title_translated"]["ru"].startswith("Открытая презентация отчёта")
    assert [e["name"] for e in helpers.call_action("event_list", q="презентация отчёта")[
        "results"]] == [e["name"] for e in helpers.call_action(
            "event_list", kind="quarterly_report")["results"]]

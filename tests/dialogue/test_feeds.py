"""The iCalendar and Atom feeds, read back with real parsers."""
from __future__ import annotations

import datetime

import feedparser
import icalendar
import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.dialogue.model import Event

from .conftest import act, at


def test_ical_feed_keeps_one_entry_per_event_through_postponing_and_cancelling(
        app, roles, event_factory):
    event = event_factory(title="Brifing: suv taʼminoti", location="Toshkent")
    other = event_factory("other_editor", owner_org="water", title="Suv boʻlimi brifingi")
    first = icalendar.Calendar.from_ical(app.get("/dialogue/calendar.ics").data)
    entries = {str(e["summary"]): e for e in first.walk("VEVENT")}
    assert set(entries) == {"Brifing: suv taʼminoti", "Suv boʻlimi brifingi"}
    entry = entries["Brifing: suv taʼminoti"]
    assert str(entry["status"]) == "CONFIRMED" and str(entry["location"]) == "Toshkent"
    assert entry.decoded("dtstart") == datetime.datetime.fromisoformat(
        event["start"].replace("Z", "+00:00"))
    uid, sequence = str(entry["uid"]), int(entry["sequence"])

    act("event_update", roles["dept_editor"], id=event["id"], status="postponed",
        start=at(days=20))
    act("event_update", roles["dept_editor"], id=event["id"], status="cancelled",
        status_note="Bekor qilindi")
    response = app.get("/dialogue/calendar.ics?owner_org=finance")
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.data)
    [entry] = calendar.walk("VEVENT")  # filtered to one department
    assert str(entry["uid"]) == uid
    assert int(entry["sequence"]) > sequence
    assert str(entry["status"]) == "CANCELLED"
    assert "Bekor qilindi" in str(entry["description"])
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]

    single = icalendar.Calendar.from_ical(
        app.get(f"/dialogue/event/{other['name']}/calendar.ics").data)
    assert [str(e["summary"]) for e in single.walk("VEVENT")] == ["Suv boʻlimi brifingi"]
    assert app.get("/dialogue/event/no-such-event/calendar.ics").status_code == 404


def test_atom_feed_parses_and_follows_the_filters(app, roles, event_factory):
    event_factory(title="Choraklik hisobot taqdimoti", kind="quarterly_report",
                  period="2025-Q1")
    event_factory(title="Savol-javob sessiyasi", kind="qa_session")
    response = app.get("/dialogue/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert {e.title.split(" (")[0] for e in feed.entries} == {
        "Choraklik hisobot taqdimoti", "Savol-javob sessiyasi"}
    assert all(e.link.startswith("http://test.ckan.net/dialogue/event/") for e in feed.entries)
    filtered = feedparser.parse(app.get("/dialogue/feed.atom?kind=qa_session").data)
    assert [e.title.split(" (")[0] for e in filtered.entries] == ["Savol-javob sessiyasi"]
    assert app.get("/dialogue/feed.atom?kind=party").status_code == 404


def test_a_line_break_cannot_add_calendar_entries(app, roles, event_factory):
    injected = "Brifing\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Soxta"
    for field in ("title", "location"):
        with pytest.raises(tk.ValidationError) as error:
            event_factory(**{field: injected})
        assert field in error.value.error_dict
    event = event_factory(title="Brifing", location="Toshkent")
    with pytest.raises(tk.ValidationError) as error:
        act("event_update", roles["dept_editor"], id=event["id"], title="A\rB")
    assert "title" in error.value.error_dict
    # a title stored before the rule is written on one line
    model.Session.query(Event).filter_by(id=event["id"]).update({"title": injected,
                                                                  "location": "A\rB"})
    model.Session.commit()
    calendar = icalendar.Calendar.from_ical(app.get("/dialogue/calendar.ics").data)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == " ".join(injected.split())
    assert str(entry["location"]) == "A B"

"""The pages: submit and track without an account, rate, the staff inbox and its actions,
statistics, reception days; CSRF-protected forms and safe rendering."""
from __future__ import annotations

import re

import icalendar
import pytest

from ckan.tests import factories, helpers

from .conftest import SECRET, appeal_data, code, stored, submit

pytestmark = pytest.mark.usefixtures("people")


def login(user: str) -> dict:
    return {"Authorization": factories.APIToken(user=user)["token"]}


def post_appeal(app, **overrides):
    data = appeal_data(**overrides)
    data.setdefault("submission_key", "web-form-key-0123456789")
    return app.post("/appeals/new", data=data)


def test_submit_form_works_without_an_account(app):
    page = app.get("/appeals/new")
    assert page.status_code == 200
    assert 'name="_csrf_token"' in page.body and 'name="website"' in page.body
    assert re.search(r'name="submission_key" value="[\w-]{16,}"', page.body)
    response = post_appeal(app)
    assert response.status_code == 200
    number = re.search(r'class="appeals-number">([\d-]+)<', response.body).group(1)
    access = re.search(r'class="appeals-code">([A-Z0-9-]+)<', response.body).group(1)
    assert "no-store" in response.headers["Cache-Control"]
    assert stored(number)["channel"] == "web"
    again = post_appeal(app)  # a double click: the same appeal
    assert number in again.body and access in again.body
    assert helpers.call_action("appeal_statistics")["total"] == 1


def test_submit_form_shows_errors(app):
    response = post_appeal(app, subject="", email="nope")
    assert response.status_code == 400
    assert "subject" in response.body and "email" in response.body
    assert "alert-danger" in response.body
    response = post_appeal(app, website="http://spam.example")
    assert response.status_code == 400
    assert helpers.call_action("appeal_statistics")["total"] == 0


def test_staff_channels_cannot_be_forced_through_the_form(app):
    post_appeal(app, channel="reception", registered_on="2020-01-01")
    [appeal] = helpers.call_action("appeal_list", context={"user": "sysadmin"})["results"]
    assert appeal["channel"] == "web" and appeal["registered_on"] != "2020-01-01"


def test_every_form_carries_the_csrf_token(app):
    """(CKAN's test app does not enforce CSRF, so the token's presence is what is checked.)"""
    receipt = submit()
    helpers.call_action("appeal_answer", context={"user": "water_editor"},
                        id=receipt["number"], outcome="satisfied", answer="Answered in full.")
    pages = [app.get("/appeals/new").body, app.get("/appeals/track").body,
             app.post("/appeals/track", data={"number": receipt["number"],
                                              "code": code(receipt)}).body]
    other = submit(subject="Still open")
    pages.append(app.get(f"/appeals/inbox/{other['number']}", headers=login("water_admin")).body)
    pages.append(app.get(f"/appeals/inbox/{receipt['number']}",
                         headers=login("water_admin")).body)
    for body in pages:
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", body, re.S)
        assert forms
        assert all('name="_csrf_token"' in form for form in forms)


def test_track_and_rate(app):
    receipt = submit(subject="<script>alert('x')</script>")
    assert app.get("/appeals/track").status_code == 200
    response = app.post("/appeals/track", data={"number": receipt["number"],
                                                "code": code(receipt)})
    assert response.status_code == 200
    assert "<script>alert" not in response.body and "&lt;script&gt;" in response.body
    assert "How this deadline was computed" in response.body
    assert not any(v in response.body for v in SECRET.values())
    wrong = app.post("/appeals/track", data={"number": receipt["number"], "code": "XXXXX-YYYYY"})
    assert wrong.status_code == 404
    helpers.call_action("appeal_answer", context={"user": "water_editor"}, id=receipt["number"],
                        outcome="explained", answer="Here is <b>the</b> explanation.")
    response = app.post("/appeals/track", data={"number": receipt["number"],
                                                "code": code(receipt)})
    assert "Here is &lt;b&gt;the&lt;/b&gt; explanation." in response.body
    assert 'name="rating"' in response.body
    rated = app.post("/appeals/track/rate", data={"number": receipt["number"],
                                                  "code": code(receipt), "rating": "4"})
    assert rated.status_code == 200 and "4/5" in rated.body
    assert stored(receipt["number"])["rating"] == 4


def test_inbox_needs_staff(app):
    submit()
    response = app.get("/appeals/inbox", follow_redirects=False)
    assert response.status_code == 302 and "/user/login" in response.headers["Location"]
    assert app.get("/appeals/inbox", headers=login("citizen")).status_code == 403
    page = app.get("/appeals/inbox", headers=login("heating_editor"))
    assert page.status_code == 200 and "No appeals" in page.body


def test_staff_work_an_appeal_in_the_pages(app):
    receipt = submit(subject="Broken <b>pipe</b>")
    number = receipt["number"]
    editor = login("water_editor")
    inbox = app.get("/appeals/inbox?deadline=&status=open", headers=editor)
    assert number in inbox.body and "Broken &lt;b&gt;pipe&lt;/b&gt;" in inbox.body
    assert SECRET["full_name"] not in inbox.body
    page = app.get(f"/appeals/inbox/{number}", headers=editor)
    assert SECRET["full_name"] in page.body and SECRET["phone"] in page.body
    assert app.get(f"/appeals/inbox/{number}", headers=login("heating_editor")).status_code \
        == 403
    assert app.get(f"/appeals/inbox/{number}", headers=login("citizen")).status_code == 403
    assert app.get("/appeals/inbox/not-a-number", headers=editor).status_code == 404
    response = app.post(f"/appeals/inbox/{number}/answer", headers=editor,
                        data={"outcome": "satisfied", "answer": "Fixed on Tuesday."})
    assert response.status_code == 200  # followed the redirect back to the appeal
    assert stored(number)["status"] == "answered"
    response = app.post(f"/appeals/inbox/{number}/close", headers=login("citizen"), data={})
    assert response.status_code == 403
    response = app.post(f"/appeals/inbox/{number}/extend", headers=editor,
                        data={"reason": "An editor cannot", "until": "2099-01-01"})
    assert response.status_code == 403
    assert app.post(f"/appeals/inbox/{number}/explode", headers=editor,
                    data={}).status_code == 404


def test_statistics_pages(app):
    receipt = submit()
    helpers.call_action("appeal_answer", context={"user": "water_editor"},
                        id=receipt["number"], outcome="satisfied", answer="Done and dusted.")
    page = app.get("/appeals/statistics")
    assert page.status_code == 200
    assert "<svg" in page.body and "<table" in page.body
    assert page.body.count("<svg") <= page.body.count("<table")  # every chart has a table
    month = receipt["registered_on"][:7]
    summary = app.get(f"/appeals/statistics/{month}")
    assert summary.status_code == 200 and month in summary.body
    assert app.get("/appeals/statistics/2026-13").status_code == 400
    assert app.get("/appeals/statistics?type=petition").status_code == 400
    api = app.get("/api/3/action/appeal_statistics?type=application")
    assert api.json["result"]["total"] == 1


def test_reception_pages_and_ical(app):
    helpers.call_action("appeal_reception_create", context={"user": "water_admin"},
                        owner_org="water", position="Head of department", weekday=1,
                        weeks="1,3", starts="09:00", ends="12:00",
                        place="Room 201, Obod street 12; Tashkent",
                        sign_up="By phone +998 71 200-47-00")
    page = app.get("/appeals/receptions")
    assert page.status_code == 200 and "Head of department" in page.body
    ical = app.get("/appeals/receptions.ics")
    assert ical.headers["Content-Type"].startswith("text/calendar")
    text = ical.body
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "BEGIN:VEVENT" in text and "TZID=Asia/Tashkent" in text
    assert "Room 201\\, Obod street 12\\; Tashkent" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # RFC 5545 3.2.19: every TZID a date-time names is defined by a VTIMEZONE
    calendar = icalendar.Calendar.from_ical(text)
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Asia/Tashkent"}
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].params["TZID"] in zones
        assert event["DTEND"].params["TZID"] in zones


def test_api_submit_and_track_without_an_account(app):
    response = app.post("/api/3/action/appeal_submit", json=appeal_data(
        submission_key="api-client-key-0123456789"))
    assert response.status_code == 200
    receipt = response.json["result"]
    again = app.post("/api/3/action/appeal_submit", json=appeal_data(
        submission_key="api-client-key-0123456789")).json["result"]
    assert again == receipt
    tracked = app.post("/api/3/action/appeal_track", json={
        "number": receipt["number"], "code": receipt["access_code"]}).json["result"]
    assert tracked["status"] == "registered"
    assert app.post("/api/3/action/appeal_list", json={}).status_code == 403
    assert app.post("/api/3/action/appeal_show", json={"id": receipt["number"]}).status_code \
        == 403

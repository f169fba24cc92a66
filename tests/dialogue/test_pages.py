"""The pages: the calendar, an event with its questions, voting and moderation by forms, the
editors' forms, the archive, polls with their share tags and widget."""
from __future__ import annotations

import ckan.tests.helpers as helpers
from bs4 import BeautifulSoup

from .conftest import act, at


def login(app, user):
    """Every following request of `app` is made as `user` (an API token, as CKAN's tests do)."""
    app.client.environ_base.pop("HTTP_AUTHORIZATION", None)
    if user:
        token = helpers.call_action("api_token_create", context={"user": user["name"]},
                                    user=user["name"], name="pages")["token"]
        app.client.environ_base["HTTP_AUTHORIZATION"] = token


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.body, "html.parser")


def test_calendar_shows_upcoming_and_past_with_filters_and_feeds(app, roles, event_factory):
    event_factory(title="Kelgusi brifing", start=at(days=2))
    event_factory(title="Oʻtgan taqdimot", kind="quarterly_report", start=at(days=-30),
                  status="held", period="2025-Q2")
    page = soup(app.get("/dialogue"))
    upcoming = page.find(id="upcoming").find_next("ul").get_text()
    past = page.find(id="past").find_next("ul").get_text()
    assert "Kelgusi brifing" in upcoming and "Oʻtgan taqdimot" in past
    assert page.find("link", type="text/calendar")["href"].endswith("/dialogue/calendar.ics")
    for control in ("kind", "owner_org", "year"):
        field = page.find(attrs={"name": control})
        assert page.find("label", attrs={"for": field["id"]})
    filtered = app.get("/dialogue", query_string={"kind": "quarterly_report"}).body
    assert "Kelgusi brifing" not in filtered and "Oʻtgan taqdimot" in filtered
    assert "calendar.ics?kind=quarterly_report" in filtered
    assert "Check the filters" in app.get("/dialogue", query_string={"year": "soon"}).body


def test_event_page_countdown_questions_and_keyboard_voting(app, roles, event,
                                                            published_question):
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    countdown = page.find(attrs={"data-dialogue-countdown": True})
    assert countdown["datetime"] == event["start"] and countdown.get_text().startswith("in ")
    assert page.find("a", string="Sign in to ask a question or vote")
    assert "Qachon yangi suv quvuri quriladi?" in page.get_text()
    assert "citizen" not in page.get_text()

    login(app, roles["neighbour"])
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    [button] = [b for b in page.find_all("button") if "Vote for this question" in b.get_text()]
    form = button.find_parent("form")
    assert form["method"] == "post" and button["type"] == "submit"
    app.post(form["action"], data={"came_from": f"/dialogue/event/{event['name']}"})
    listed = act("event_question_list", roles["neighbour"], event_id=event["id"])
    assert listed["results"][0]["votes"] == 1
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    assert page.find("button", attrs={"aria-pressed": "true"})

    # asking: the form is labelled; the question waits for a moderator
    label = page.find("label", attrs={"for": "field-question"})
    assert label and page.find(id="field-question").name == "textarea"
    app.post(f"/dialogue/event/{event['name']}/ask",
             data={"text": "Sahifadan yuborilgan savol matni"})
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    assert "waiting for a moderator" in page.get_text()
    login(app, roles["citizen"])
    assert "Sahifadan yuborilgan" not in app.get(f"/dialogue/event/{event['name']}").body


def test_moderation_queue_and_answer_form(app, roles, event_factory):
    event = event_factory(start=at(hours=-2), end=at(hours=-1))
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Navbatda turgan savol matni")
    login(app, roles["citizen"])
    assert app.get("/dialogue/moderation").status_code == 403
    login(app, roles["dept_editor"])
    page = soup(app.get("/dialogue/moderation"))
    assert "Navbatda turgan savol matni" in page.get_text()
    reason = page.find("select", attrs={"name": "reason"})
    assert {o["value"] for o in reason.find_all("option") if o["value"]} == {
        "abusive", "spam", "duplicate", "off_topic", "personal_data"}
    app.post(f"/dialogue/question/{question['id']}/moderate", data={"decision": "publish"})
    act("event_update", roles["dept_editor"], id=event["id"], status="held")
    act("event_material_create", roles["dept_editor"], event_id=event["id"],
        kind="recording", url="https://www.youtube.com/watch?v=abcdefgh123")
    login(app, roles["citizen"])
    assert app.get(f"/dialogue/question/{question['id']}/answer").status_code == 403
    assert app.get("/dialogue/question/no-such-question/answer").status_code == 404
    login(app, roles["dept_editor"])
    form = soup(app.get(f"/dialogue/question/{question['id']}/answer"))
    assert form.find("input", attrs={"name": "mode", "value": "live", "checked": True})
    app.post(f"/dialogue/question/{question['id']}/answer",
             data={"mode": "live", "recording_time": "2:05", "answer": "Yil oxirigacha"})
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    assert page.find("iframe", src="https://www.youtube-nocookie.com/embed/abcdefgh123")
    moment = page.find("a", string="at 2:05 in the recording")
    assert moment["href"] == "https://www.youtube.com/watch?v=abcdefgh123&t=125s"
    assert "Answered during the event" in page.get_text()
    bad = app.post(f"/dialogue/question/{question['id']}/answer",
                   data={"mode": "live", "recording_time": "soon", "answer": "Javob"})
    assert "recording_time" in bad.body


def test_editor_forms_announce_postpone_and_archive(app, roles):
    login(app, roles["citizen"])
    assert app.get("/dialogue/event/new").status_code == 403
    login(app, roles["dept_editor"])
    form = soup(app.get("/dialogue/event/new"))
    departments = [o["value"] for o in form.find(id="field-owner_org").find_all("option")]
    assert departments == ["", roles["department"]["id"]]
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.get("type") not in ("hidden", "checkbox"):
            assert form.find("label", attrs={"for": field["id"]}), field["name"]
    bad = app.post("/dialogue/event/new", data={"title": "Hisobot", "kind": "briefing"})
    assert "Please correct the following" in bad.body
    app.post("/dialogue/event/new", data={
        "title": "Forma orqali eʼlon", "kind": "quarterly_report",
        "owner_org": roles["department"]["id"], "start": "2031-03-01T10:00",
        "period": "2030 Q4", "questions_open": "true"})
    [event] = act("event_list", None)["results"]
    assert event["period"] == "2030-Q4" and event["questions_open"] is True
    app.post(f"/dialogue/event/{event['name']}/status", data={
        "status": "postponed", "start": "2031-03-08T10:00", "status_note": "Zal band"})
    shown = act("event_show", None, id=event["id"])
    assert shown["status"] == "postponed" and shown["start"].startswith("2031-03-08")
    page = soup(app.get(f"/dialogue/event/{event['name']}"))
    history = page.find(id="history").find_next("table").get_text()
    assert "Announced → Postponed" in history and "Zal band" in history
    app.post(f"/dialogue/event/{event['name']}/edit", data={
        "title": "Forma orqali eʼlon", "kind": "quarterly_report",
        "owner_org": roles["department"]["id"], "start": "2031-03-08T10:00",
        "summary": "Asosiy raqamlar"})
    assert act("event_show", None, id=event["id"])["summary"] == "Asosiy raqamlar"


def test_archive_lists_held_events_per_quarter(app, roles, event_factory):
    for period, day in (("2025-Q1", "2025-04-20"), ("2025-Q2", "2025-07-20")):
        event_factory(title=f"Hisobot {period}", kind="quarterly_report", period=period,
                      start=f"{day}T10:00", status="held", summary="Byudjet ijrosi")
    event_factory(title="Hali boʻlmagan", start=at(days=3))
    page = soup(app.get("/dialogue/archive"))
    quarters = [h.get_text() for h in page.select("section.dialogue-quarter h2")]
    assert quarters == ["Quarter 3 of 2025", "Quarter 2 of 2025"]
    assert "Hali boʻlmagan" not in page.get_text()
    found = soup(app.get("/dialogue/archive", query_string={"q": "бюджет"}))
    assert "2 events found" in found.get_text()


def test_poll_share_page_tags_voting_and_widget(app, roles, poll_factory):
    poll = poll_factory(description="Qaysi yoʻnalish birinchi?")
    page = soup(app.get(f"/dialogue/poll/{poll['name']}"))
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    twitter = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})
               if m["name"].startswith("twitter:")}
    assert og["og:title"] == "Qaysi loyiha muhim?"
    assert og["og:url"] == f"http://test.ckan.net/dialogue/poll/{poll['name']}"
    assert og["og:description"] == "Qaysi yoʻnalish birinchi?"
    assert og["og:image"].startswith("http")
    assert twitter["twitter:card"] == "summary" and twitter["twitter:title"] == og["og:title"]
    embed_code = page.find(id="embed-code").get_text()
    assert f'src="http://test.ckan.net/dialogue/poll/{poll["name"]}/embed"' in embed_code

    widget = app.get(f"/dialogue/poll/{poll['name']}/embed")
    assert widget.status_code == 200
    assert "frame-ancestors" in widget.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in widget.headers
    assert "Sign in to vote" in widget.body

    login(app, roles["citizen"])
    page = soup(app.get(f"/dialogue/poll/{poll['name']}"))
    radios = page.find_all("input", attrs={"name": "options", "type": "radio"})
    assert len(radios) == 3 and all(page.find("label", attrs={"for": r["id"]}) for r in radios)
    app.post(f"/dialogue/poll/{poll['name']}/vote", data={"options": radios[1]["value"]})
    page = soup(app.get(f"/dialogue/poll/{poll['name']}"))
    assert "You have voted" in page.get_text()
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])[:3]]
            for tr in page.select("table tbody tr")]
    assert rows == [["Suv", "0", "0.0"], ["Issiqlik", "1", "100.0"], ["Yoʻllar", "0", "0.0"]]
    again = app.post(f"/dialogue/poll/{poll['name']}/vote", data={"options": radios[0]["value"]})
    assert "already voted" in again.body
    assert act("poll_results", roles["dept_editor"], id=poll["id"])["voters"] == 1


def test_poll_form_creates_a_poll(app, roles):
    login(app, roles["dept_editor"])
    form = soup(app.get("/dialogue/poll/new"))
    assert len(form.find_all("input", attrs={"name": "options"})) == 6
    app.post("/dialogue/poll/new", data={
        "question": "Formadan soʻrovnoma?", "owner_org": roles["department"]["id"],
        "options": ["Ha", "Yoʻq", ""], "closes_at": "2031-01-01T12:00",
        "results_visibility": "after_close", "multiple": "true"})
    [poll] = act("poll_list", None)["results"]
    assert [o["label"] for o in poll["options"]] == ["Ha", "Yoʻq"]
    assert poll["multiple"] is True and poll["results_visibility"] == "after_close"
    assert app.get("/dialogue/polls").body.count("Formadan soʻrovnoma?") == 1

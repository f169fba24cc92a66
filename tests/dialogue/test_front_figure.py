"""The next-event figure of the home page: the soonest upcoming event with its countdown (the
server's text, kept ticking by script only on the portal's own page) and "ask a question"."""
from __future__ import annotations

from bs4 import BeautifulSoup

from ckan.tests.helpers import call_action

from .conftest import act, at


def test_no_event_planned(roles, app):
    [figure] = call_action("front_page_figures", name="event")["figures"]
    assert figure["data"] == {"event": None, "upcoming": 0}
    assert figure["badge"]["value"] == "none planned yet"
    assert "Открытых мероприятий пока не запланировано." in app.get("/ru/").body


def test_the_soonest_event_with_a_countdown_and_a_way_to_ask(roles, event_factory, app):
    event_factory(title="Keyingi brifing", start=at(days=9))
    soon = event_factory(title="Yaqin brifing", start=at(days=2, hours=3))
    past = event_factory(title="Oʻtgan brifing", start=at(days=-3))
    act("event_update", roles["dept_editor"], id=past["id"], status="held")
    [figure] = call_action("front_page_figures", name="event")["figures"]
    assert figure["data"]["upcoming"] == 2
    event = figure["data"]["event"]
    assert (event["name"], event["accepts_questions"]) == (soon["name"], True)
    assert figure["evidence"] == f"http://test.ckan.net/dialogue/event/{soon['name']}"
    assert "in 2 d" in figure["badge"]["value"]

    page = BeautifulSoup(app.get("/ru/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-event"})
    countdown = card.find("time", attrs={"data-dialogue-countdown": True})
    assert countdown["datetime"] == soon["start"] and countdown.get_text().startswith("через")
    ask = card.find("a", string="Задать вопрос")
    assert ask["href"] == f"http://test.ckan.net/ru/dialogue/event/{soon['name']}#ask"
    assert any("dialogue" in (s.get("src") or "") for s in page.find_all("script"))

    widget = BeautifulSoup(app.get("/ru/widgets/event.html").body, "html.parser")
    assert not widget.find("time", attrs={"data-dialogue-countdown": True})
    assert widget.find(string=lambda s: s and s.startswith("через"))


def test_an_event_closed_to_questions_has_no_ask_link(roles, event_factory, app):
    event_factory(title="Yopiq brifing", start=at(days=1), questions_open=False)
    page = BeautifulSoup(app.get("/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-event"})
    assert "Yopiq brifing" in card.get_text()
    assert not card.find("a", string="Ask a question")

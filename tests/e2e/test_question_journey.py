"""Citizens, signed in, ask a question before an event and vote for another one with the
keyboard, through the forms and their CSRF tokens as a browser sends them."""
from __future__ import annotations

import datetime as dt

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .keyboard import press_enter_on, type_into

pytestmark = pytest.mark.system

PASSWORD = "Samarqand-2026-savollar"


def _sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/uz/user/login")
    type_into(page, "#field-login", name)
    type_into(page, "#field-password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_citizen_asks_and_another_votes(live_server, browser):
    editor = factories.User(password=PASSWORD)
    asker, voter = factories.User(password=PASSWORD), factories.User(password=PASSWORD)
    department = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    start = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    event = call_action("event_create", context={"user": editor["name"]}, kind="briefing",
                        title="Suv tariflari boʻyicha brifing", owner_org=department["id"],
                        start=start, description="Savollar oldindan", location="1-xona")

    page = browser.new_context().new_page()
    _sign_in(page, live_server, asker["name"])
    page.goto(f"{live_server}/uz/dialogue/event/{event['name']}")
    type_into(page, "#field-question", "Yangi tariflar qachondan amal qiladi?")
    press_enter_on(page, "form[action$='/ask'] button[type=submit]")
    [question] = call_action("event_question_list", context={"user": editor["name"]},
                             event_id=event["id"], status="pending")["results"]
    call_action("event_question_moderate", context={"user": editor["name"]},
                id=question["id"], decision="publish")
    page.context.close()

    page = browser.new_context().new_page()
    _sign_in(page, live_server, voter["name"])
    page.goto(f"{live_server}/uz/dialogue/event/{event['name']}")
    press_enter_on(page, f"form[action$='/question/{question['id']}/vote'] button")
    [voted] = call_action("event_question_list", event_id=event["id"])["results"]
    assert voted["votes"] == 1
    page.context.close()

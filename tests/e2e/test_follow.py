"""Following on a phone with the keyboard only: a visitor reaches the follow box of an event,
types an address, chooses the daily digest and sends it; the box fits the screen on the pages
of a dataset, a department, a draft and an event, in Russian and Uzbek Cyrillic."""
from __future__ import annotations

import datetime

import pytest

import ckan.model as model
import ckan.tests.factories as factories
from ckan.tests.helpers import call_action

from ckanext.transparency.consultations.settings import today as consultations_today
from ckanext.transparency.follow.model import Follow

from .keyboard import tab_to, type_into

pytestmark = pytest.mark.system

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def subjects(with_plugins, clean_db, clean_redis):
    factories.User(name="tahrirchi")
    department = factories.Organization(name="moliya", title="Moliya boshqarmasi", users=[
        {"name": "tahrirchi", "capacity": "editor"}])
    factories.Dataset(name="byudjet-2026", title="Byudjet ijrosi 2026",
                      owner_org=department["id"])
    context = {"user": "tahrirchi", "ignore_auth": False}
    start = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7)
    event = call_action("event_create", context=dict(context), kind="briefing",
                        title="Byudjet ijrosi boʻyicha brifing", owner_org=department["id"],
                        start=start.replace(microsecond=0, tzinfo=None).isoformat() + "Z")
    today = consultations_today()
    draft = call_action("consultation_create", context=dict(context), name="ochiqlik-nizomi",
                        title="Ochiqlik toʻgʻrisidagi nizom", summary="Loyiha", kind="decision",
                        owner_org="moliya", body="## 1-modda\n\nMatn.\n",
                        opens_on=today.isoformat(),
                        closes_on=(today + datetime.timedelta(days=20)).isoformat())
    return {"dataset": "/dataset/byudjet-2026", "organization": "/organization/moliya",
            "event": f"/dialogue/event/{event['name']}",
            "draft": f"/consultations/{draft['name']}"}


def test_a_visitor_follows_an_event_by_keyboard_on_a_phone(live_server, browser, subjects,
                                                           screenshot):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/ru{subjects['event']}")
    tab_to(page, ".follow-link")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form is on a page of its own
    type_into(page, "#follow-event-email", "kuzatuvchi@example.uz")
    tab_to(page, "#follow-event-immediate")
    page.keyboard.press("ArrowDown")  # the radio group: the daily digest
    assert page.is_checked("#follow-event-daily")
    screenshot(page, "filled")
    tab_to(page, ".follow-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/ru{subjects['event']}")  # back in the reader's language
    assert "Узнавайте об изменениях" in page.content()
    assert "откройте ссылку" in page.inner_text("body")
    assert "kuzatuvchi@example.uz" not in page.content()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "asked")
    [row] = model.Session.query(Follow).all()
    assert (row.subject_type, row.frequency, row.language, row.confirmed_at) == (
        "event", "daily", "ru", None)
    context.close()


@pytest.mark.parametrize("locale", ["ru", "uz_Cyrl"])
@pytest.mark.parametrize("screen", ["phone", "desk"])
def test_the_follow_box_fits_every_followable_page(live_server, browser, subjects, screenshot,
                                                   locale, screen):
    viewport = PHONE if screen == "phone" else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    heading = {"ru": "Узнавайте об изменениях", "uz_Cyrl": "Ўзгаришлардан хабардор бўлинг"}
    for subject_type, path in subjects.items():
        page.goto(f"{live_server}/{locale}{path}")
        box = page.locator(".follow-box")
        assert heading[locale] in box.inner_text()
        link = box.locator(".follow-link")
        assert f"subject_type={subject_type}" in link.get_attribute("href")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
        box.scroll_into_view_if_needed()
        screenshot(page, f"{subject_type}-{locale}-{screen}")
    context.close()


def test_unsubscribing_asks_for_a_press_and_works_by_keyboard(live_server, browser, subjects,
                                                             screenshot):
    """A mail scanner's GET of the link leaves the follow; the page's button ends it."""
    from ckanext.transparency.follow import tokens
    row = Follow(subject_type="organization", subject_id=model.Group.get("moliya").id,
                 email="kuzatuvchi@example.uz", language="ru", frequency="immediate",
                 confirmed_at=datetime.datetime(2026, 1, 1))
    model.Session.add(row)
    model.Session.commit()
    token = tokens.sign(tokens.UNSUBSCRIBE, {"follow": row.id, "type": "organization",
                                             "subject": row.subject_id})
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/ru/follow/unsubscribe/{token}")
    model.Session.expire_all()
    assert model.Session.query(Follow).count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "asked")
    tab_to(page, ".follow-unsubscribe button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "больше не будете получать" in page.inner_text("body")
    screenshot(page, "done")
    model.Session.expire_all()
    assert model.Session.query(Follow).count() == 0
    context.close()

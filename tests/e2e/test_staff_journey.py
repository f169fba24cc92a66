"""An editor answers an appeal with the keyboard only; the citizen reads the answer on a phone
and rates it."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .keyboard import (choose_first, fits_the_screen, press_enter_on, tab_to, track,
                       type_into)

pytestmark = pytest.mark.system

PASSWORD = "Tashkent-2026-answers"


@pytest.fixture
def appeal():
    editor = factories.User(name="muharrir", password=PASSWORD)
    department = factories.Organization(
        name="issiqlik", title="Иссиқлик таъминоти бўлими",
        users=[{"name": editor["name"], "capacity": "editor"}])
    receipt = call_action("appeal_submit", context={"user": ""}, type="complaint",
                          topic="heating", owner_org=department["name"],
                          subject="Radiatorlar sovuq", text="Uyda harorat 14 daraja.",
                          full_name="Karimova Dilnoza", address="Yunusobod 4-12", consent=True)
    return editor, receipt


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_editor_answers_and_the_citizen_rates_the_answer(live_server, browser, phone,
                                                            appeal, screenshot):
    editor, receipt = appeal
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(f"{live_server}/ru/user/login")
    type_into(desk, "#field-login", editor["name"])
    type_into(desk, "#field-password", PASSWORD)
    with desk.expect_navigation():
        desk.keyboard.press("Enter")

    desk.goto(f"{live_server}/ru/appeals/inbox")
    assert receipt["number"] in desk.content()
    press_enter_on(desk, f"a[href$='/appeals/inbox/{receipt['number']}']")
    assert "Karimova Dilnoza" in desk.content()  # the editor of the department sees who wrote
    choose_first(desk, "#field-outcome")
    type_into(desk, "#field-answer", "Issiqlik tarmogʻi 2 kun ichida taʼmirlanadi.")
    press_enter_on(desk, "form[action$='/answer'] button[type=submit]")
    screenshot(desk, "answered")
    desk.context.close()

    page = phone
    track(page, f"{live_server}/uz/appeals/track", receipt["number"], receipt["access_code"])
    assert "Issiqlik tarmogʻi 2 kun ichida taʼmirlanadi." in page.content()
    assert "Karimova" not in page.content()
    tab_to(page, "#rating-1")  # Tab enters the group, the arrows choose (as in any radio group)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.is_checked("#rating-5")
    press_enter_on(page, "form[action$='/track/rate'] button[type=submit]")
    assert fits_the_screen(page)
    screenshot(page, "rated")
    shown = call_action("appeal_track", number=receipt["number"], code=receipt["access_code"])
    assert shown["rating"] == 5

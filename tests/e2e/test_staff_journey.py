"""An editor answers an appeal with the keyboard only; the citizen reads the answer on a phone
and rates it."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from .test_citizen_journey import fits_the_screen, tab_to

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
                          full_name="Karimova Dilnoza", address="Yunusobod 4-12")
    return editor, receipt


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_editor_answers_and_the_citizen_rates_the_answer(live_server, browser, phone,
                                                            appeal, screenshot):
    editor, receipt = appeal
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(f"{live_server}/ru/user/login")
    tab_to(desk, "#field-login")
    desk.keyboard.type(editor["name"])
    tab_to(desk, "#field-password")
    desk.keyboard.type(PASSWORD)
    with desk.expect_navigation():
        desk.keyboard.press("Enter")

    desk.goto(f"{live_server}/ru/appeals/inbox")
    assert receipt["number"] in desk.content()
    tab_to(desk, f"a[href$='/appeals/inbox/{receipt['number']}']")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    assert "Karimova Dilnoza" in desk.content()  # the editor of the department sees who wrote
    tab_to(desk, "#field-outcome")
    desk.keyboard.press("ArrowDown")
    tab_to(desk, "#field-answer")
    desk.keyboard.type("Issiqlik tarmogʻi 2 kun ichida taʼmirlanadi.")
    tab_to(desk, "form[action$='/answer'] button[type=submit]")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    screenshot(desk, "answered")
    desk.context.close()

    page = phone
    page.goto(f"{live_server}/uz/appeals/track")
    tab_to(page, "#field-number")
    page.keyboard.type(receipt["number"])
    tab_to(page, "#field-code")
    page.keyboard.type(receipt["access_code"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Issiqlik tarmogʻi 2 kun ichida taʼmirlanadi." in page.content()
    assert "Karimova" not in page.content()
    tab_to(page, "#rating-1")  # Tab enters the group, the arrows choose (as in any radio group)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.is_checked("#rating-5")
    tab_to(page, "form[action$='/track/rate'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert fits_the_screen(page)
    screenshot(page, "rated")
    shown = call_action("appeal_track", number=receipt["number"], code=receipt["access_code"])
    assert shown["rating"] == 5

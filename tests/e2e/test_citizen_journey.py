"""A citizen on a phone, with the keyboard only: sends an appeal in Uzbek Cyrillic, writes down
the number and code, and follows it."""
from __future__ import annotations

import pytest

from ckan.tests import factories

MAX_TABS = 80


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has the focus: it can be reached without a mouse."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    pytest.fail(f"{selector} is not reachable with the Tab key")


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_send_and_follow_an_appeal_with_the_keyboard_on_a_phone(live_server, phone,
                                                                screenshot):
    department = factories.Organization(name="suv-xojaligi", title="Сув хўжалиги бўлими")
    page = phone
    page.goto(f"{live_server}/uz_Cyrl/appeals/new")
    assert page.locator("html").get_attribute("lang").startswith("uz")
    assert fits_the_screen(page)

    tab_to(page, "#field-type")
    page.keyboard.press("ArrowDown")  # the first type
    tab_to(page, "#field-topic")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#field-owner_org")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#field-subject")
    page.keyboard.type("Сувнинг босими паст")
    tab_to(page, "#field-text")
    page.keyboard.type("Уч ҳафтадан бери учинчи қаватга сув чиқмаяпти.")
    tab_to(page, "#field-full_name")
    page.keyboard.type("Тошпўлатов Анвар")
    tab_to(page, "#field-address")
    page.keyboard.type("Чилонзор тумани, 7-мавзе, 12-уй")
    screenshot(page, "form")
    tab_to(page, "form.appeals-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert fits_the_screen(page)
    screenshot(page, "registered")
    number = page.locator(".appeals-number").inner_text().strip()
    code = page.locator(".appeals-code").inner_text().strip()
    assert number.startswith("20") and len(code) >= 8
    assert department["title"] in page.content()

    page.goto(f"{live_server}/uz_Cyrl/appeals/track")
    tab_to(page, "#field-number")
    page.keyboard.type(number)
    tab_to(page, "#field-code")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert fits_the_screen(page)
    screenshot(page, "tracked")
    content = page.content()
    assert number in content and "Сувнинг босими паст" in content
    assert "Тошпўлатов" not in content  # the applicant's name is staff-only
    assert "Чилонзор" not in content


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_wrong_code_gets_a_clear_error_in_the_readers_language(live_server, phone):
    page = phone
    page.goto(f"{live_server}/ru/appeals/track")
    tab_to(page, "#field-number")
    page.keyboard.type("2026-000001")
    tab_to(page, "#field-code")
    page.keyboard.type("WRONGCODE1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator(".alert-error, .alert-danger, .error-explanation").all_inner_texts()
    assert errors, page.content()[:2000]
    assert any(ch in "".join(errors) for ch in "абвгдеёжзийклмнопрстуфхцчшщыэюя")

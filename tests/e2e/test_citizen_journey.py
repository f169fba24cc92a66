"""A citizen on a phone, with the keyboard only: sends an appeal in Uzbek Cyrillic, writes down
the number and code, and follows it."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from .keyboard import choose_first, fits_the_screen, press_enter_on, tick, track, type_into


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_send_and_follow_an_appeal_with_the_keyboard_on_a_phone(live_server, phone,
                                                                screenshot):
    department = factories.Organization(name="suv-xojaligi", title="Сув хўжалиги бўлими")
    page = phone
    page.goto(f"{live_server}/uz_Cyrl/appeals/new")
    assert page.locator("html").get_attribute("lang").startswith("uz")
    assert fits_the_screen(page)

    choose_first(page, "#field-type")
    choose_first(page, "#field-topic")
    choose_first(page, "#field-owner_org")
    type_into(page, "#field-subject", "Сувнинг босими паст")
    type_into(page, "#field-text", "Уч ҳафтадан бери учинчи қаватга сув чиқмаяпти.")
    type_into(page, "#field-full_name", "Тошпўлатов Анвар")
    type_into(page, "#field-address", "Чилонзор тумани, 7-мавзе, 12-уй")
    tick(page, "#field-consent")
    screenshot(page, "form")
    press_enter_on(page, "form.appeals-form button[type=submit]")

    assert fits_the_screen(page)
    screenshot(page, "registered")
    number = page.locator(".appeals-number").inner_text().strip()
    code = page.locator(".appeals-code").inner_text().strip()
    assert number.startswith("20") and len(code) >= 8
    assert department["title"] in page.content()

    track(page, f"{live_server}/uz_Cyrl/appeals/track", number, code)
    assert fits_the_screen(page)
    screenshot(page, "tracked")
    content = page.content()
    assert number in content and "Сувнинг босими паст" in content
    assert "Тошпўлатов" not in content  # the applicant's name is staff-only
    assert "Чилонзор" not in content


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_wrong_code_gets_a_clear_error_in_the_readers_language(live_server, phone):
    page = phone
    track(page, f"{live_server}/ru/appeals/track", "2026-000001", "WRONGCODE1")
    errors = page.locator(".alert-error, .alert-danger, .error-explanation").all_inner_texts()
    assert errors, page.content()[:2000]
    assert any(ch in "".join(errors) for ch in "абвгдеёжзийклмнопрстуфхцчшщыэюя")

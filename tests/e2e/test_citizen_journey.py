"""A citizen on a phone, with the keyboard only: sends an appeal in Uzbek Cyrillic, writes down
the number and code, and follows it."""
from __future__ import annotations

import datetime as dt

import pytest

from ckan.tests import factories, helpers

from ckanext.transparency.consultations.settings import today as consultations_today

from .keyboard import choose_first, fits_the_screen, press_enter_on, tick, track, type_into

pytestmark = pytest.mark.system


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


def _draft_to_discuss() -> dict:
    """An open draft of a department, as its editor puts it up for discussion."""
    department = factories.Organization(name="ochiqlik", title="Очиқлик бўлими")
    editor = factories.User()
    helpers.call_action("member_create", id=department["id"], object=editor["name"],
                        object_type="user", capacity="editor")
    today = consultations_today()  # in Tashkent the day starts five hours before UTC's
    return helpers.call_action(
        "consultation_create", context={"user": editor["name"], "ignore_auth": False},
        name="ochiqlik-nizomi", title="Очиқлик тўғрисидаги низом", summary="Лойиҳа",
        kind="decision", owner_org=department["name"],
        body="## 1-модда. Умумий қоидалар\n\nНизом очиқлик тартибини белгилайди.\n",
        opens_on=today.isoformat(), closes_on=(today + dt.timedelta(days=15)).isoformat())


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_signing_in_from_a_draft_returns_to_the_draft(live_server, phone, screenshot):
    _draft_to_discuss()
    citizen = factories.User(password="correct123")
    page = phone
    page.goto(f"{live_server}/uz_Cyrl/consultations/ochiqlik-nizomi")
    press_enter_on(page, "#propose a.btn-primary")  # "Sign in to make a proposal"
    assert "/user/login" in page.url
    type_into(page, "#field-login", citizen["name"])
    type_into(page, "#field-password", "correct123")
    screenshot(page, "login")
    press_enter_on(page, "form button[type=submit].btn-primary")
    assert page.url == f"{live_server}/uz_Cyrl/consultations/ochiqlik-nizomi", page.url
    assert page.locator("#field-text").is_visible()  # the proposal form, signed in
    assert fits_the_screen(page)
    screenshot(page, "back-on-the-draft")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_registering_from_a_draft_returns_to_the_draft(live_server, phone, screenshot):
    _draft_to_discuss()
    page = phone
    page.goto(f"{live_server}/ru/consultations/ochiqlik-nizomi")
    press_enter_on(page, "#propose a[href*='/user/register']")
    assert fits_the_screen(page)
    screenshot(page, "register")
    type_into(page, "#field-username", "fuqaro-anvar")
    type_into(page, "#field-fullname", "Анвар")
    type_into(page, "#field-email", "anvar@example.org")
    type_into(page, "#field-password", "Parol-12345678")
    type_into(page, "#field-confirm-password", "Parol-12345678")
    press_enter_on(page, "#user-register-form button[type=submit]")
    assert page.url == f"{live_server}/ru/consultations/ochiqlik-nizomi", page.url
    assert page.locator("#field-text").is_visible()


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_sign_in_link_to_another_site_leaves_the_citizen_on_the_portal(live_server, phone):
    """A guard: CKAN with Werkzeug already kept this one on the site (the backslash goes out
    as %5C); the portal now drops such a target altogether."""
    citizen = factories.User(password="correct123")
    page = phone
    page.goto(f"{live_server}/user/login?came_from=/%5Cevil.example/")
    type_into(page, "#field-login", citizen["name"])
    type_into(page, "#field-password", "correct123")
    press_enter_on(page, "form button[type=submit].btn-primary")
    assert page.url.startswith(live_server + "/"), page.url

"""Signing in or up from a draft, an event or a poll returns the citizen there; only a path
of this site is accepted as the place to return to."""
from __future__ import annotations

import pytest

from ckan.tests import factories

PASSWORD = "correct123"
HOSTILE = ("//evil.example/x", "/\\evil.example/x", "https://evil.example/x",
           "http://test.ckan.net/x", "/\t/evil.example", "javascript:alert(1)")


def _login(app, user: dict, query: str = ""):
    return app.post("/user/login" + query, data={"login": user["name"], "password": PASSWORD},
                    follow_redirects=False)


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_logging_in_from_a_draft_returns_to_the_draft(app):
    user = factories.User(password=PASSWORD)
    response = _login(app, user, "?came_from=/uz_Cyrl/consultations/loyiha-1")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/uz_Cyrl/consultations/loyiha-1")


@pytest.mark.usefixtures("with_plugins", "clean_db")
@pytest.mark.parametrize("target", HOSTILE)
def test_logging_in_never_sends_the_browser_to_another_site(app, target):
    user = factories.User(password=PASSWORD)
    response = _login(app, user, "?" + __import__("urllib.parse").parse.urlencode(
        {"came_from": target}))
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil.example" not in location and "javascript" not in location
    assert location.endswith("/user/me") or location.endswith("/dashboard/datasets")


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_registering_from_a_poll_returns_to_the_poll(app):
    response = app.post("/user/register?came_from=/ru/dialogue/polls/suv", data={
        "name": "fuqaro-1", "fullname": "Fuqaro", "email": "fuqaro@example.org",
        "password1": "Parol-12345678", "password2": "Parol-12345678"},
        follow_redirects=False)
    assert response.status_code == 302, response.body[:3000]
    assert response.headers["Location"].endswith("/ru/dialogue/polls/suv")


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_registering_with_a_hostile_target_ends_on_the_portal(app):
    response = app.post("/user/register?came_from=/%5Cevil.example", data={
        "name": "fuqaro-2", "fullname": "Fuqaro", "email": "fuqaro2@example.org",
        "password1": "Parol-12345678", "password2": "Parol-12345678"},
        follow_redirects=False)
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_the_sign_in_and_sign_up_links_carry_the_page_and_speak_to_citizens(app):
    page = app.get("/ru/consultations")
    assert 'href="/ru/user/login?came_from=/ru/consultations"' in page.body
    assert 'href="/ru/user/login"' not in page.body
    login = app.get("/ru/user/login?came_from=/ru/consultations")
    assert 'href="/ru/user/register?came_from=/ru/consultations"' in login.body
    register = app.get("/ru/user/register?came_from=/ru/consultations")
    assert "Create datasets" not in register.body
    assert "предложения" in register.body  # proposals, questions and votes, in Russian
    hostile = app.get("/user/login?came_from=//evil.example")
    assert "/user/register?came_from" not in hostile.body  # the target is dropped


def test_only_paths_of_this_site_are_targets():
    from ckanext.transparency.web.accounts import safe_target
    assert safe_target("/consultations/x?article=1.2") == "/consultations/x?article=1.2"
    for target in HOSTILE + ("", None, "consultations", "/a\nb"):
        assert safe_target(target) == ""

"""Anonymous pages start no session, so caches may share them; anything of one visitor is private.

CKAN's base template issued a CSRF token in a <meta> of every page, which started a session and
set its cookie on every anonymous page view: no page could be cached. The token now comes only
with the pages that have a form (and for signed-in users)."""
from __future__ import annotations

import re

import pytest

from ckan.tests import factories

PASSWORD = "correct-Horse-7-battery"
cached = pytest.mark.ckan_config
pytestmark = [cached("WTF_CSRF_ENABLED", "true"), cached("ckan.cache_enabled", "true"),
              cached("ckan.cache_expires", "5"),
              pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")]


def _shared(response) -> bool:
    control = response.headers.get("Cache-Control", "")
    return "public" in control and "max-age=5" in control and "private" not in control


def _private(response) -> bool:
    control = response.headers.get("Cache-Control", "")
    return "private" in control and "public" not in control


def test_anonymous_pages_without_a_form_set_no_cookie_and_may_be_shared(app):
    factories.Organization(name="water")
    dataset = factories.Dataset(owner_org="water", name="suv-hisoboti")
    for url in ("/", "/dataset/", "/dataset/?q=suv", f"/dataset/{dataset['name']}",
                "/ru/dataset/", "/api/3/action/package_search?q=suv"):
        response = app.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        assert _shared(response), (url, response.headers.get("Cache-Control"))
        assert 'name="_csrf_token"' not in response.body, url


def test_the_language_selector_works_without_a_session(app):
    page = app.get("/dataset/").body
    form = re.search(r'<form class="lang-select"[^>]*>', page).group(0)
    assert 'method="GET"' in form
    switched = app.get("/util/redirect", query_string={"url": "/ru/dataset/"},
                       follow_redirects=False)
    assert switched.status_code == 302 and switched.headers["Location"].endswith("/ru/dataset/")
    assert "Set-Cookie" not in switched.headers


def test_a_page_with_a_form_issues_its_token_privately(app):
    factories.Organization(name="water")
    for url in ("/appeals/new", "/appeals/track", "/user/login", "/user/register"):
        app.client = app.test_client()  # a new visitor, without the session of the last form
        response = app.get(url)
        assert response.status_code == 200, url
        assert re.search(r'name="_csrf_token" value="[^"]+"', response.body), url
        assert "ckan=" in response.headers.get("Set-Cookie", ""), url
        assert _private(response), (url, response.headers.get("Cache-Control"))


def test_signed_in_pages_and_token_calls_are_private(app):
    user = factories.User(password=PASSWORD)
    factories.Organization(name="water")
    token = factories.APIToken(user=user["name"])["token"]
    signed = app.get("/api/3/action/package_search", headers={"Authorization": token})
    assert signed.status_code == 200 and _private(signed)

    login_page = app.get("/user/login").body
    csrf = re.search(r'name="_csrf_token" value="([^"]+)"', login_page).group(1)
    login = app.post("/user/login", data={"login": user["name"], "password": PASSWORD,
                                          "_csrf_token": csrf}, follow_redirects=False)
    assert login.status_code == 302
    for url in ("/", "/dataset/", "/api/3/action/package_search"):
        response = app.get(url)
        assert response.status_code == 200, url
        assert _private(response), (url, response.headers.get("Cache-Control"))
    # signed-in users' scripts still find the token in the page's <meta>
    assert re.search(r'<meta name="_csrf_token" content="[^"]+"', app.get("/dataset/").body)

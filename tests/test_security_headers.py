"""Security headers on every page and API answer; session cookies Secure on an HTTPS site."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict((part.strip().split(None, 1) + [""])[:2] for part in policy.split(";"))


@pytest.mark.parametrize("url", ["/", "/appeals/new", "/dataset/", "/api/3/action/status_show",
                                 "/no-such-page"])
def test_every_answer_carries_the_headers(app, url):
    response = app.get(url)
    policy = directives(response)
    assert policy["script-src"] == "'self'"  # no inline script
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.ckan_config("ckan.site_url", "https://portal.example.uz")
def test_cookies_are_secure_on_an_https_site(app):
    cookies = app.get("/appeals/new").headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)


@pytest.mark.ckan_config("ckan.site_url", "http://127.0.0.1:5000")
def test_cookies_still_work_on_a_plain_http_site(app):
    cookies = app.get("/appeals/new").headers.getlist("Set-Cookie")
    assert cookies and not any("Secure" in cookie for cookie in cookies)

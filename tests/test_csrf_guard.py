"""A request signed with an API token must not switch CSRF off for browser sessions."""
from __future__ import annotations

import re

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

PASSWORD = "correct-Horse-7-battery"


def _token(page: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_token_request_leaves_the_form_protected_for_sessions(app):
    victim = factories.User(password=PASSWORD)
    attacker = factories.User()
    api_token = factories.APIToken(user=attacker["name"])["token"]
    first, second = factories.Dataset(), factories.Dataset()

    # an API client posts to a web view: CKAN lets it through without a CSRF token
    signed = app.post(f"/dataset/follow/{first['id']}", headers={"Authorization": api_token},
                      follow_redirects=False)
    assert signed.status_code in (200, 302)

    # CKAN marks anonymous requests the same way: a visitor's request exempts the view too
    app.get(f"/dataset/unfollow/{first['id']}", follow_redirects=False)

    # a signed-in editor, then a cross-site post to the same view (no token)
    login = app.post("/user/login", data={"login": victim["name"], "password": PASSWORD,
                                          "_csrf_token": _token(app.get("/user/login").body)},
                     follow_redirects=False)
    assert login.status_code == 302
    forged = app.post(f"/dataset/follow/{second['id']}", follow_redirects=False)
    assert forged.status_code == 400
    assert call_action("dataset_follower_count", id=second["id"]) == 0
    assert app.post(f"/dataset/unfollow/{first['id']}",
                    follow_redirects=False).status_code == 400

    # the same post from the portal's own page, with its token, still works
    page = app.get(f"/dataset/{second['name']}").body
    genuine = app.post(f"/dataset/follow/{second['id']}", data={"_csrf_token": _token(page)},
                       follow_redirects=False)
    assert genuine.status_code in (200, 302)
    assert call_action("dataset_follower_count", id=second["id"]) == 1


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")
def test_anonymous_forms_need_the_token_the_api_does_not(app):
    from .appeals.conftest import appeal_data
    factories.Organization(name="water")
    data = dict(appeal_data(), submission_key="csrf-test-key-0123456789")

    # a third-party page makes a visitor's browser post the appeal form: refused
    forged = app.post("/ru/appeals/new", data=data)
    assert forged.status_code == 400
    assert "Срок действия этой формы истёк" in forged.body
    assert call_action("appeal_statistics")["total"] == 0
    assert app.post("/appeals/track", data={"number": "2026-000001",
                                            "code": "AAAAA-BBBBB"}).status_code == 400

    # the visitor on the portal's own form: sent
    sent = app.post("/appeals/new", data=dict(data, _csrf_token=_token(
        app.get("/appeals/new").body)))
    assert sent.status_code == 200
    assert call_action("appeal_statistics")["total"] == 1
    tracked = app.post("/appeals/track", data={
        "number": "2026-000001", "code": "AAAAA-BBBBB",
        "_csrf_token": _token(app.get("/appeals/track").body)})
    assert tracked.status_code == 404  # evaluated: a wrong code, not a refused form

    # programs call the Action API without a session, token or CSRF token
    api = app.post("/api/3/action/appeal_submit",
                   json=dict(appeal_data(subject="By API"), submission_key="api-key-0123456789"))
    assert api.status_code == 200 and api.json["success"]
    # but not a browser made to post there by another site's page
    forged_api = app.post(
        "/api/3/action/appeal_submit",
        json=dict(appeal_data(subject="Forged"), submission_key="forged-0123456789"),
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert forged_api.status_code == 400
    assert call_action("appeal_statistics")["total"] == 2

"""The follow box on the pages of a dataset, a department, a draft and an event: an address field
for visitors, a button for signed-in users; the form's answers come back as messages."""
from __future__ import annotations

import re

import pytest

import ckan.tests.helpers as helpers

from .conftest import ADDRESS

pytestmark = pytest.mark.usefixtures("place")


def login(app, user):
    app.client.environ_base.pop("HTTP_AUTHORIZATION", None)
    if user:
        token = helpers.call_action("api_token_create", context={"user": user["name"]},
                                    user=user["name"], name="pages")["token"]
        app.client.environ_base["HTTP_AUTHORIZATION"] = token


def _pages(event, draft) -> dict:
    return {"dataset": "/dataset/budget-2026", "organization": "/organization/finance",
            "event": f"/dialogue/event/{event['name']}", "draft": f"/consultations/{draft['name']}"}


def _box(body: str) -> str:
    found = re.search(r'<section class="module module-narrow follow-box".*?</section>', body,
                      re.S)
    assert found, "no follow box"
    return found.group(0)


def test_visitors_get_the_address_form_on_a_page_of_its_own(app, event, draft):
    """The subject's page carries a link, not a form: a form needs a session (its CSRF token),
    and a page that opens one is no longer kept by the shared cache."""
    for subject_type, path in _pages(event, draft).items():
        response = app.get(path)
        box = _box(response.body)
        assert "<form" not in box, subject_type
        if subject_type == "dataset":  # tests/test_page_cache.py: kept by the shared cache
            assert "Set-Cookie" not in response.headers
        [href] = re.findall(r'<a class="btn btn-primary follow-link" href="([^"]+)"', box)
        href = href.replace("&amp;", "&")
        assert f"subject_type={subject_type}" in href
        form = app.get(href).body
        assert f'name="subject_type" value="{subject_type}"' in form
        assert f'name="came_from" value="{path}"' in form
        assert 'type="email"' in form and 'name="frequency" value="daily"' in form
        assert re.search(r'<label for="follow-\w+-email">', form)
    assert app.get("/follow?subject_type=dataset&id=budget-2026&came_from=//evil.example/"
                   ).body.count('name="came_from" value="/"') == 1
    assert app.get("/follow", status=404)


def test_a_signed_in_user_follows_with_a_button_and_stops(app, place, event, draft):
    login(app, place["citizen"])
    path = _pages(event, draft)["event"]
    box = _box(app.get(path).body)
    assert 'type="email"' not in box
    response = app.post("/follow", data={"subject_type": "event", "id": event["id"],
                                         "frequency": "daily", "came_from": path},
                        follow_redirects=False)
    assert response.status_code == 302 and response.headers["Location"].endswith(path)
    page = app.get(path).body
    assert "You now follow this" in page
    assert 'name="stop"' in _box(page)
    app.post("/follow", data={"subject_type": "event", "id": event["id"], "stop": "1",
                              "came_from": path})
    assert 'name="stop"' not in _box(app.get(path).body)


def test_a_visitor_is_asked_to_confirm_and_the_address_is_not_shown(app, event, draft):
    path = _pages(event, draft)["dataset"]
    app.post("/follow", data={"subject_type": "dataset", "id": "budget-2026",
                              "email": ADDRESS, "came_from": path}, follow_redirects=False)
    page = app.get(path).body
    assert "open the link we have sent" in page and ADDRESS not in page


def test_an_invalid_address_is_told_on_the_page(app, event, draft):
    path = _pages(event, draft)["organization"]
    app.post("/follow", data={"subject_type": "organization", "id": "finance",
                              "email": "not-an-address", "came_from": "https://evil.example/"},
             follow_redirects=False)
    page = app.get("/").body
    assert "Please give a valid e-mail address." in page and "not-an-address" not in page
    response = app.post("/follow", data={"subject_type": "organization", "id": "finance",
                                         "email": "x@", "came_from": "//evil.example/"},
                        follow_redirects=False)
    assert response.status_code == 302 and "evil" not in response.headers["Location"]


def test_one_follow_control_on_dataset_and_department_pages(app, place, event, draft):
    """The portal's box, which follows through CKAN for accounts, instead of CKAN's button
    beside it."""
    login(app, place["citizen"])
    for subject_type in ("dataset", "organization"):
        body = app.get(_pages(event, draft)[subject_type]).body
        assert body.count('class="module module-narrow follow-box"') == 1, subject_type
        assert not re.search(r'hx-post="[^"]*/(un)?follow/', body), subject_type
        assert 'name="stop"' not in _box(body) and "btn btn-primary" in _box(body)

"""The staff form that keeps the reception schedule: add, edit, take off a reception; who may;
bad input shown next to its field and nothing written."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories, helpers

from ckanext.transparency.appeals import receptions

pytestmark = pytest.mark.usefixtures("people")

GOOD = {"position": "Head of the water department", "official": "A. Karimov",
        "weekday": "1", "weeks": ["1", "3"], "starts": "09:00", "ends": "12:00",
        "place": "Room 201, Obod street 12", "sign_up": "By phone +998 71 200-47-00"}


def login(user: str) -> dict:
    return {"Authorization": factories.APIToken(user=user)["token"]}


def water_id() -> str:
    return helpers.call_action("organization_show", id="water")["id"]


def schedule() -> list[dict]:
    return helpers.call_action("appeal_reception_list", days=0)


def a_reception() -> dict:
    return helpers.call_action("appeal_reception_create", context={"user": "water_admin"},
                               owner_org="water", **dict(GOOD, weeks="1,3"))


def error_next_to(body: str, field: str) -> str:
    found = re.search(rf'<div class="error-block" id="error-{field}">([^<]*)</div>', body)
    assert found, f"no error shown at {field}"
    assert f'aria-describedby="error-{field}"' in body
    return found.group(1)


def test_the_head_adds_edits_and_removes_a_reception(app):
    headers = login("water_admin")
    listing = app.get("/appeals/receptions", headers=headers)
    assert 'href="/appeals/receptions/new"' in listing.body

    form = app.get("/appeals/receptions/new", headers=headers)
    assert form.status_code == 200 and 'name="_csrf_token"' in form.body
    assert re.search(rf'<option value="{water_id()}" selected>Ichimlik suvi</option>', form.body)
    assert 'for="field-position"' in form.body and 'id="field-position"' in form.body
    response = app.post("/appeals/receptions/new", headers=headers,
                        data=dict(GOOD, owner_org=water_id()), follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/appeals/receptions")
    [saved] = schedule()
    assert (saved["position"], saved["official"], saved["weekday"], saved["weeks"],
            saved["starts"], saved["ends"], saved["place"]) == (
        GOOD["position"], "A. Karimov", 1, "1,3", "09:00", "12:00", GOOD["place"])
    assert saved["department"]["name"] == "water"

    listing = app.get("/appeals/receptions", headers=headers)
    edit_url = f"/appeals/receptions/{saved['id']}/edit"
    assert f'href="{edit_url}"' in listing.body
    form = app.get(edit_url, headers=headers)
    assert form.status_code == 200 and 'value="Room 201, Obod street 12"' in form.body
    assert 'id="field-weeks-3" name="weeks" value="3" checked' in form.body
    response = app.post(edit_url, headers=headers, follow_redirects=False, data=dict(
        GOOD, owner_org=water_id(), weekday="3", weeks=[], starts="14:00", ends="17:30",
        place="Room 305"))
    assert response.status_code == 302
    [changed] = schedule()
    assert changed["id"] == saved["id"]
    assert (changed["weekday"], changed["weeks"], changed["starts"], changed["ends"],
            changed["place"]) == (3, "", "14:00", "17:30", "Room 305")

    delete_url = f"/appeals/receptions/{saved['id']}/delete"
    confirm = app.get(delete_url, headers=headers)
    assert confirm.status_code == 200 and 'name="_csrf_token"' in confirm.body
    assert "Room 305" in confirm.body
    response = app.post(delete_url, headers=headers, data={}, follow_redirects=False)
    assert response.status_code == 302
    assert schedule() == []
    assert receptions.get(saved["id"])["active"] is False  # appeals keep their link
    assert app.get(edit_url, headers=headers).status_code == 404


def test_a_sysadmin_keeps_every_department(app):
    headers = login("sysadmin")
    form = app.get("/appeals/receptions/new", headers=headers)
    assert "Ichimlik suvi" in form.body and "Issiqlik" in form.body
    heating = helpers.call_action("organization_show", id="heating")["id"]
    assert app.post("/appeals/receptions/new", headers=headers, follow_redirects=False,
                    data=dict(GOOD, owner_org=heating)).status_code == 302
    assert schedule()[0]["department"]["name"] == "heating"


@pytest.mark.parametrize("user", ["citizen", "water_member", "water_editor", "heating_admin"])
def test_others_are_refused_and_nothing_changes(app, user):
    """Only the department's admin (its head) and sysadmins keep its schedule, as the
    appeal_reception_* auth functions say; a department editor does not."""
    reception = a_reception()
    headers = login(user)
    assert 'href="/appeals/receptions/new"' not in app.get(
        "/appeals/receptions", headers=headers).body or user == "heating_admin"
    assert f"/appeals/receptions/{reception['id']}/edit" not in app.get(
        "/appeals/receptions", headers=headers).body
    for url in (f"/appeals/receptions/{reception['id']}/edit",
                f"/appeals/receptions/{reception['id']}/delete"):
        assert app.get(url, headers=headers).status_code == 403
        assert app.post(url, headers=headers, data=dict(GOOD, owner_org=water_id(),
                                                        place="Hijacked")).status_code == 403
    new = app.post("/appeals/receptions/new", headers=headers,
                   data=dict(GOOD, owner_org=water_id(), position="Not theirs"))
    assert new.status_code == 403
    if user != "heating_admin":
        assert app.get("/appeals/receptions/new", headers=headers).status_code == 403
    assert [(r["id"], r["place"]) for r in schedule()] == [(reception["id"], GOOD["place"])]


def test_anonymous_is_sent_to_log_in(app):
    reception = a_reception()
    for url in ("/appeals/receptions/new", f"/appeals/receptions/{reception['id']}/edit",
                f"/appeals/receptions/{reception['id']}/delete"):
        response = app.get(url, follow_redirects=False)
        assert response.status_code == 302 and "/user/login" in response.headers["Location"]
        response = app.post(url, data=dict(GOOD, owner_org=water_id()),
                            follow_redirects=False)
        assert response.status_code == 302 and "/user/login" in response.headers["Location"]
    assert len(schedule()) == 1 and schedule()[0]["place"] == GOOD["place"]


@pytest.mark.parametrize("bad, field, message", [
    ({"starts": "12:00", "ends": "09:00"}, "ends", "Must be later than the start"),
    ({"starts": "10:00", "ends": "10:00"}, "ends", "Must be later than the start"),
    ({"position": "", "starts": "11:00", "ends": "08:00"}, "ends",
     "Must be later than the start"),
    ({"starts": "25:00"}, "starts", "A time looks like 09:30"),
    ({"position": ""}, "position", "Missing value"),
    ({"place": "  "}, "place", "Must be between 2 and 300 characters long"),
    ({"starts": ""}, "starts", "Missing value"),
    ({"weekday": "9"}, "weekday", "Must be one of"),
    ({"weeks": ["6"]}, "weeks", "Weeks of the month are numbers from 1 to 5"),
    ({"position": "<script>alert('x')</script>"}, "position", "HTML tags are not allowed"),
    ({"place": "Room <img src=x onerror=alert(1)>"}, "place", "HTML tags are not allowed"),
    ({"sign_up": "Call <a href='http://evil.example'>here</a>"}, "sign_up",
     "HTML tags are not allowed"),
])
def test_bad_input_is_shown_at_its_field_and_nothing_is_written(app, bad, field, message):
    headers = login("water_admin")
    data = dict(GOOD, owner_org=water_id(), **bad)
    response = app.post("/appeals/receptions/new", headers=headers, data=data)
    assert response.status_code == 400
    assert message in error_next_to(response.body, field)
    assert 'role="alert"' in response.body and f'href="#field-{field}"' in response.body
    assert "<script>alert" not in response.body and "<img src=x" not in response.body
    assert schedule() == []

    reception = a_reception()
    response = app.post(f"/appeals/receptions/{reception['id']}/edit", headers=headers,
                        data=data)
    assert response.status_code == 400 and message in error_next_to(response.body, field)
    [unchanged] = schedule()
    assert unchanged == reception


def test_several_missing_fields_and_no_department(app):
    """A head of two departments must choose one; every missing field is named at once."""
    helpers.call_action("organization_member_create", id="heating", username="water_admin",
                        role="admin")
    headers = login("water_admin")
    form = app.get("/appeals/receptions/new", headers=headers)
    assert '<option value="">' in form.body
    response = app.post("/appeals/receptions/new", headers=headers, data={
        "owner_org": "", "position": "", "weekday": "0", "starts": "", "ends": "",
        "place": ""})
    assert response.status_code == 400
    for field in ("owner_org", "position", "starts", "ends", "place"):
        assert "Missing value" in error_next_to(response.body, field)
    assert schedule() == []


def test_errors_in_the_users_language(app):
    response = app.post("/ru/appeals/receptions/new", headers=login("water_admin"),
                        data=dict(GOOD, owner_org=water_id(), position=""))
    assert response.status_code == 400
    message = error_next_to(response.body, "position")
    assert message and message != "Missing value"  # CKAN's own Russian catalog
    assert schedule() == []


@pytest.mark.parametrize("user, allowed", [
    ("", False), ("citizen", False), ("water_editor", False), ("heating_admin", False),
    ("water_admin", True), ("sysadmin", True)])
def test_update_and_delete_actions(user, allowed):
    reception = a_reception()
    context = {"user": user, "ignore_auth": False}
    if not allowed:
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("appeal_reception_update", context=context,
                                id=reception["id"], owner_org="water",
                                **dict(GOOD, weeks="", place="Elsewhere"))
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("appeal_reception_delete", context=context, id=reception["id"])
        assert schedule()[0]["place"] == GOOD["place"]
        return
    updated = helpers.call_action("appeal_reception_update", context=context,
                                  id=reception["id"], owner_org="water",
                                  **dict(GOOD, weeks="", place="Elsewhere"))
    assert updated["place"] == "Elsewhere" and updated["weeks"] == ""
    shown = helpers.call_action("appeal_reception_show", context={"user": ""},
                                id=reception["id"])
    assert shown["place"] == "Elsewhere" and shown["owner_org"] == water_id()
    helpers.call_action("appeal_reception_delete", context=context, id=reception["id"])
    assert schedule() == []
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("appeal_reception_show", id=reception["id"])


def test_an_update_without_department_keeps_it():
    reception = a_reception()
    helpers.call_action("appeal_reception_update",
                        context={"user": "water_admin", "ignore_auth": False},
                        id=reception["id"], owner_org="", **dict(GOOD, weeks=""))
    assert schedule()[0]["department"]["name"] == "water"


def test_moving_a_reception_needs_both_departments():
    reception = a_reception()
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("appeal_reception_update",
                            context={"user": "water_admin", "ignore_auth": False},
                            id=reception["id"], owner_org="heating",
                            **dict(GOOD, weeks=""))
    assert schedule()[0]["department"]["name"] == "water"

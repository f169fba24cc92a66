"""Citizens' accounts are not public (`ckan.auth.public_user_details = false`): anonymous
visitors get no user list and no user's full name or e-mail hash from the Action API, while every
page that shows people's contributions still works, for anonymous visitors and for staff."""
from __future__ import annotations

import datetime

import pytest

from ckan.tests import factories, helpers

from ckanext.transparency.consultations.settings import today as consultations_today

CITIZEN_NAME = "Gulnora Xyzzyeva"


def _at(days: int) -> str:
    moment = datetime.datetime.utcnow() + datetime.timedelta(days=days)
    return moment.replace(microsecond=0).isoformat() + "Z"


def _as(user: dict | None) -> dict:
    return {"ignore_auth": False, "user": user["name"] if user else ""}


@pytest.fixture
def portal(clean_db, with_plugins, clean_redis):
    citizen = factories.User(name="gulnora", fullname=CITIZEN_NAME, email="gulnora@example.uz")
    editor = factories.User(name="editor", fullname="Muharrir Editorov")
    department = factories.Organization(name="finance", title="Moliya", users=[
        {"name": "editor", "capacity": "editor"}])
    dataset = factories.Dataset(name="budget-2026", owner_org=department["id"],
                                user={"name": "editor"})
    call = helpers.call_action
    today = consultations_today()  # in Tashkent the day starts five hours before UTC's
    draft = call("consultation_create", context=_as(editor), name="draft-one",
                 title="Ochiqlik nizomi", summary="Loyiha", kind="decision",
                 owner_org="finance", body="## 1-modda. Umumiy\n\nMatn.\n",
                 opens_on=today.isoformat(),
                 closes_on=(today + datetime.timedelta(days=15)).isoformat())
    proposal = call("consultation_proposal_create", context=_as(citizen),
                    consultation_id=draft["id"], article_number="1", text="Muddatni uzaytirish")
    call("consultation_proposal_moderate", context=_as(editor), id=proposal["id"],
         action="approve")
    event = call("event_create", context=_as(editor), kind="briefing", title="Brifing",
                 owner_org=department["id"], start=_at(7), description="Natijalar",
                 location="Toshkent", stream_url="https://www.youtube.com/watch?v=abcdefgh")
    question = call("event_question_create", context=_as(citizen), event_id=event["id"],
                    text="Qachon yangi suv quvuri quriladi?")
    call("event_question_moderate", context=_as(editor), id=question["id"], decision="publish")
    appeal = call("appeal_submit", context={"user": ""}, type="application", topic="water",
                  owner_org="finance", subject="Suv yoʻq", text="Bir haftadan beri suv yoʻq.",
                  full_name="Ali Valiyev", address="Toshkent, 1-uy", consent="on")
    return {"citizen": citizen, "editor": editor, "dataset": dataset, "draft": draft,
            "event": event, "appeal": appeal}


def _get(app, url: str, user: dict | None):
    headers = {}
    if user:
        headers["Authorization"] = factories.APIToken(user=user["name"])["token"]
    return app.get(url, headers=headers)


def test_anonymous_visitors_get_no_user_details(app, portal):
    for action, data in (("user_show", {"id": "gulnora"}), ("user_list", {}),
                         ("user_autocomplete", {"q": "gul"})):
        response = app.post(f"/api/3/action/{action}", json=data)
        assert response.status_code == 403, action
        assert CITIZEN_NAME not in response.body
    assert _get(app, "/user/gulnora", None).status_code == 403
    assert _get(app, "/user/", None).status_code == 403


def test_signed_in_users_still_see_them(app, portal):
    token = factories.APIToken(user="editor")["token"]
    shown = app.post("/api/3/action/user_show", json={"id": "gulnora"},
                     headers={"Authorization": token})
    assert shown.status_code == 200 and shown.json["result"]["fullname"] == CITIZEN_NAME


@pytest.mark.parametrize("who", [None, "editor", "citizen"])
def test_pages_that_show_people_still_work(app, portal, who):
    user = portal[who] if who else None
    pages = ["/", "/dataset/", "/dataset/budget-2026", "/dataset/activity/budget-2026",
             "/organization/finance", "/organization/activity/finance",
             "/consultations", "/consultations/draft-one", "/dialogue",
             f"/dialogue/event/{portal['event']['name']}", "/dialogue/archive",
             "/appeals", "/appeals/statistics"]
    if who == "editor":
        pages += ["/appeals/inbox", f"/appeals/inbox/{portal['appeal']['number']}",
                  "/consultations/draft-one/moderation", "/dashboard/datasets"]
    for url in pages:
        response = _get(app, url, user)
        assert response.status_code == 200, (url, who, response.status_code)
    assert "Muddatni uzaytirish" in _get(app, "/consultations/draft-one", user).body
    assert "Qachon yangi suv quvuri" in _get(
        app, f"/dialogue/event/{portal['event']['name']}", user).body
    activity = _get(app, "/dataset/activity/budget-2026", user).body
    assert "Muharrir Editorov" in activity or "editor" in activity

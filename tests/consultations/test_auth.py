"""Every action for every role: anonymous, a signed-in citizen, a member (not editor) of the
department, an editor of another department, the department's editor and admin, a sysadmin."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers

from .conftest import act

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")

MANAGE = ("consultation_update", "consultation_report_publish",
          "consultation_moderation_queue")
PROPOSAL_MANAGE = ("consultation_proposal_moderate", "consultation_proposal_answer")
PARTICIPATE = ("consultation_proposal_create", "consultation_proposal_vote",
               "consultation_proposal_flag", "consultation_subscribe")
READ = ("consultation_list", "consultation_show", "consultation_proposal_list",
        "consultation_report_show")


@pytest.fixture
def roles(department, editor, citizen):
    member, admin, outsider = factories.User(), factories.User(), factories.User()
    for user, capacity in ((member, "member"), (admin, "admin")):
        helpers.call_action("member_create", id=department["id"], object=user["name"],
                            object_type="user", capacity=capacity)
    other = factories.Organization(users=[{"name": outsider["name"], "capacity": "editor"}])
    return {"anonymous": None, "citizen": citizen, "member": member,
            "other_editor": outsider, "editor": editor, "admin": admin,
            "sysadmin": factories.Sysadmin(), "_other_org": other}


def allowed(auth: str, user: dict | None, data: dict) -> bool:
    context = {"user": user["name"] if user else None, "ignore_auth": False}
    try:
        return helpers.call_auth(auth, context, **data)
    except tk.NotAuthorized:
        return False


MANAGERS = {"editor", "admin", "sysadmin"}
SIGNED_IN = {"citizen", "member", "other_editor", "editor", "admin", "sysadmin"}
ROLE_NAMES = ("anonymous", "citizen", "member", "other_editor", "editor", "admin", "sysadmin")


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_every_action_by_role(roles, role, open_draft, citizen, department):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   text="Taklif")
    user = roles[role]
    for auth in READ:
        assert allowed(auth, user, {"id": open_draft["id"]}), auth
    for auth in MANAGE:
        assert allowed(auth, user, {"id": open_draft["id"]}) is (role in MANAGERS), auth
    for auth in PROPOSAL_MANAGE:
        assert allowed(auth, user, {"id": proposal["id"]}) is (role in MANAGERS), auth
    for auth in PARTICIPATE:
        assert allowed(auth, user, {"id": proposal["id"]}) is (role in SIGNED_IN), auth
    assert allowed("consultation_create", user, {"owner_org": department["id"]}) is \
        (role in MANAGERS)
    # without a department named: anyone who edits some department
    assert allowed("consultation_create", user, {}) is \
        (role in MANAGERS | {"other_editor"})


def test_the_actions_enforce_it(roles, open_draft, department):
    for role in ("anonymous", "citizen", "member", "other_editor"):
        with pytest.raises(tk.NotAuthorized):
            act("consultation_update", roles[role], id=open_draft["id"], title="Hijacked")
        with pytest.raises(tk.NotAuthorized):
            act("consultation_create", roles[role], name="x-draft", title="X", kind="decision",
                owner_org=department["id"], body="Text", opens_on=open_draft["opens_on"],
                closes_on=open_draft["closes_on"])
    with pytest.raises(tk.NotAuthorized):
        act("consultation_proposal_create", None, consultation_id=open_draft["id"],
            text="Anonymous")
    assert act("consultation_update", roles["admin"], id=open_draft["id"],
               title="Renamed")["title"] == "Renamed"
    assert act("consultation_show", None, id=open_draft["name"])["title"] == "Renamed"


def test_report_preview_only_for_the_department(open_draft, roles):
    assert act("consultation_report_show", roles["editor"], id=open_draft["id"])[
        "published"] is None
    for role in ("anonymous", "citizen", "other_editor"):
        with pytest.raises(tk.ObjectNotFound):
            act("consultation_report_show", roles[role], id=open_draft["id"])


def test_counts_of_pending_only_for_the_department(open_draft, roles, citizen):
    act("consultation_proposal_create", citizen, consultation_id=open_draft["id"], text="T")
    assert act("consultation_show", roles["editor"], id=open_draft["id"])[
        "proposal_counts"]["pending"] == 1
    assert "pending" not in act("consultation_show", None, id=open_draft["id"])[
        "proposal_counts"]


def test_the_http_api_refuses_anonymous_participation(app, open_draft, citizen):
    url = "/api/3/action/consultation_proposal_create"
    data = {"consultation_id": open_draft["id"], "text": "Anonim taklif"}
    assert app.post(url, json=data).status_code == 403
    token = helpers.call_action("api_token_create", context={"user": citizen["name"]},
                                user=citizen["name"], name="api")["token"]
    response = app.post(url, json=data, headers={"Authorization": token})
    assert response.status_code == 200 and response.json["result"]["is_mine"] is True
    listed = app.get("/api/3/action/consultation_proposal_list",
                     query_string={"consultation_id": open_draft["name"], "mine": "true"},
                     headers={"Authorization": token})
    assert listed.json["result"]["count"] == 1
    assert app.get("/api/3/action/consultation_moderation_queue",
                   query_string={"id": open_draft["id"]},
                   headers={"Authorization": token}).status_code == 403

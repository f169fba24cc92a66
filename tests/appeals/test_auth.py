"""Authorization of every action for anonymous, citizen, member and editor of another
department, editor, admin and sysadmin."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from .conftest import submit

ROLES = ("", "citizen", "water_member", "heating_editor", "heating_admin", "water_editor",
         "water_admin", "sysadmin")
EVERYONE = set(ROLES)
STAFF = {"water_editor", "water_admin", "sysadmin"}
HEAD = {"water_admin", "sysadmin"}

MATRIX = {
    "appeal_show": STAFF, "appeal_assign": STAFF, "appeal_forward": STAFF,
    "appeal_answer": STAFF, "appeal_close": STAFF, "appeal_reopen": STAFF,
    "appeal_attachment_show": STAFF, "appeal_extend": HEAD,
    "appeal_track": EVERYONE, "appeal_rate": EVERYONE,
}


# Plugins are loaded once by `shared_people` (with_plugins per test would reload them each time).


@pytest.fixture(scope="module")
def appeal(shared_people):
    return submit()


def _allowed(action: str, user: str, **data) -> bool:
    try:
        helpers.call_auth(action, {"user": user, "model": model}, **data)
        return True
    except tk.NotAuthorized:
        return False


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("user", ROLES)
def test_actions_on_one_appeal(appeal, action, user):
    assert _allowed(action, user, id=appeal["number"]) == (user in MATRIX[action])


@pytest.mark.parametrize("user", ROLES)
def test_list(shared_people, user):
    assert _allowed("appeal_list", user, owner_org="water") == (user in STAFF)
    assert _allowed("appeal_list", user) == (
        user in STAFF | {"heating_editor", "heating_admin"})


@pytest.mark.parametrize("user", ROLES)
def test_submit_online_is_for_everyone_in_person_for_staff(shared_people, user):
    assert _allowed("appeal_submit", user, owner_org="water", channel="web")
    assert _allowed("appeal_submit", user, owner_org="water",
                    channel="reception") == (user in STAFF)
    assert _allowed("appeal_submit", user, owner_org="water",
                    registered_on="2026-01-02") == (user in STAFF)


@pytest.mark.parametrize("user", ROLES)
def test_public_reading(shared_people, user):
    assert _allowed("appeal_statistics", user)
    assert _allowed("appeal_reception_list", user)


@pytest.mark.parametrize("user", ROLES)
def test_schedule_and_publishing(shared_people, user):
    assert _allowed("appeal_reception_create", user, owner_org="water") == (user in HEAD)
    assert _allowed("appeal_publish_statistics", user) == (user == "sysadmin")


def test_the_actions_enforce_it(appeal):
    """Not only the auth functions: the actions called without ignore_auth refuse."""
    for user in ("", "citizen", "heating_editor"):
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("appeal_show", context={"user": user, "ignore_auth": False},
                                id=appeal["number"])
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("appeal_answer", context={"user": user, "ignore_auth": False},
                                id=appeal["number"], outcome="satisfied",
                                answer="Answer by the wrong person")
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("appeal_extend",
                            context={"user": "water_editor", "ignore_auth": False},
                            id=appeal["number"], reason="Only the head may", until="2099-01-01")


def test_editor_of_another_department_lists_none_of_ours(appeal):
    result = helpers.call_action("appeal_list",
                                 context={"user": "heating_editor", "ignore_auth": False})
    assert result["count"] == 0
    result = helpers.call_action("appeal_list",
                                 context={"user": "water_editor", "ignore_auth": False})
    assert [a["number"] for a in result["results"]] == [appeal["number"]]

"""The staff's journey through the Action API: inbox, assign, extend, forward, answer,
close, reopen; who and when is recorded; deadlines follow the rules."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from ckanext.transparency.appeals import present

from .conftest import SECRET, age, code, stored, submit
from tests.helpers import act

pytestmark = pytest.mark.usefixtures("people")


def test_whole_journey_records_who_and_when():
    receipt = submit()
    number = receipt["number"]
    shown = act("appeal_show", "water_editor", id=number)
    assert shown["applicant"]["full_name"] == SECRET["full_name"]
    act("appeal_assign", "water_editor", id=number, assignee="water_editor", note="I take it")
    act("appeal_extend", "water_admin", id=number, reason="Waiting for the lab report",
        until=(present.today() + dt.timedelta(days=30)).isoformat())
    act("appeal_answer", "water_editor", id=number, outcome="satisfied",
        answer="The pipe is repaired; water is back.")
    act("appeal_close", "water_editor", id=number, note="done")
    shown = act("appeal_show", "water_editor", id=number)
    assert shown["status"] == "closed" and shown["outcome"] == "satisfied"
    assert [e["kind"] for e in shown["timeline"]] == [
        "registered", "assigned", "extended", "answered", "closed"]
    assert [e["actor"] for e in shown["timeline"]][1:] == [
        "water_editor", "water_admin", "water_editor", "water_editor"]
    assert all(e["created"] for e in shown["timeline"])
    assert shown["deadline"]["state"] == "answered_on_time"
    public = helpers.call_action("appeal_track", number=number, code=code(receipt))
    assert public["answer"] == "The pipe is repaired; water is back."
    assert public["deadline"]["extended"]
    assert "I take it" not in str(public) and "water_editor" not in str(public)
    assert "Waiting for the lab report" in str(public)  # the reason is the applicant's to see


def test_reopen_then_answer_again():
    number = submit()["number"]
    act("appeal_answer", "water_editor", id=number, outcome="explained",
        answer="Explained in detail here.")
    act("appeal_reopen", "water_editor", id=number, note="The applicant wrote again")
    assert stored(number)["status"] == "in_progress"
    assert stored(number)["completed_on"] is None
    act("appeal_answer", "water_editor", id=number, outcome="rejected",
        answer="Rejected, with the reason.")
    assert stored(number)["outcome"] == "rejected"


def test_state_changes_follow_the_status():
    number = submit()["number"]
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_close", "water_editor", id=number)  # not answered yet
    assert "status" in error.value.error_dict
    act("appeal_answer", "water_editor", id=number, outcome="satisfied",
        answer="All done, thank you.")
    for action, data in (("appeal_answer", {"outcome": "rejected", "answer": "Twice? No way."}),
                         ("appeal_forward", {"to": "Ministry of Energy"}),
                         ("appeal_assign", {"assignee": "water_editor"}),
                         ("appeal_extend", {"reason": "Too late now", "until": "2099-01-01"})):
        with pytest.raises(tk.ValidationError) as error:
            act(action, "water_admin", id=number, **data)
        assert "status" in error.value.error_dict


def test_the_staff_answer_says_which_changes_the_status_allows():
    def allowed(number):
        shown = act("appeal_show", "water_editor", id=number)
        return shown["is_open"], shown["can_close"], shown["can_reopen"]

    number = submit()["number"]
    assert allowed(number) == (True, False, False)
    act("appeal_answer", "water_editor", id=number, outcome="satisfied",
        answer="All done, thank you.")
    assert allowed(number) == (False, True, True)
    act("appeal_close", "water_editor", id=number)
    assert allowed(number) == (False, False, True)
    forwarded = submit()["number"]
    act("appeal_forward", "water_editor", id=forwarded, to="Ministry of Energy")
    assert allowed(forwarded) == (False, True, False)
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_reopen", "water_editor", id=forwarded)
    assert "status" in error.value.error_dict


def test_forwarding_has_its_own_clock():
    number = submit()["number"]
    age(number, 6)  # registered six days ago: the 5-day forwarding term has passed
    act("appeal_forward", "water_editor", id=number, to="Ministry of Energy", note="Not ours")
    appeal = stored(number)
    assert appeal["status"] == "forwarded" and appeal["outcome"] == "forwarded"
    shown = act("appeal_show", "water_editor", id=number)
    assert shown["deadline"]["state"] == "answered_late"
    on_time = submit(subject="Forward this one")["number"]
    age(on_time, 2)
    act("appeal_forward", "water_editor", id=on_time, to="Hokimiyat")
    assert act("appeal_show", "water_editor", id=on_time)["deadline"]["state"] == "answered_on_time"
    public = helpers.call_action("appeal_list", context={"user": "water_editor"},
                                 status="forwarded")
    assert public["count"] == 2


def test_extension_rules():
    number = submit()["number"]
    due = stored(number)["due_on"]
    latest = (due.replace(day=1) + dt.timedelta(days=40)).replace(day=min(due.day, 28))
    for until in (due.isoformat(), (due - dt.timedelta(days=1)).isoformat(),
                  (due + dt.timedelta(days=40)).isoformat(), ""):
        with pytest.raises(tk.ValidationError) as error:
            act("appeal_extend", "water_admin", id=number, reason="Need more time",
                until=until)
        assert "until" in error.value.error_dict
    act("appeal_extend", "water_admin", id=number, reason="Need more time",
        until=(due + dt.timedelta(days=20)).isoformat())
    assert stored(number)["due_on"] == due + dt.timedelta(days=20)
    with pytest.raises(tk.ValidationError) as error:  # only once
        act("appeal_extend", "water_admin", id=number, reason="Need more time again",
            until=(due + dt.timedelta(days=25)).isoformat())
    assert "until" in error.value.error_dict
    assert latest  # (computed for readability of the bounds above)


def test_no_extension_after_the_deadline_passed():
    number = submit()["number"]
    age(number, 16)
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_extend", "water_admin", id=number, reason="Too late",
            until=(present.today() + dt.timedelta(days=5)).isoformat())
    assert "until" in error.value.error_dict


def test_extra_study_term():
    number = submit()["number"]
    act("appeal_extend", "water_admin", id=number, reason="Documents requested",
        needs_study="true")
    appeal = stored(number)
    assert appeal["needs_study"]
    assert appeal["due_on"].isoformat() > (appeal["registered_on"] +
                                           dt.timedelta(days=27)).isoformat()
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_extend", "water_admin", id=number, reason="Again",
            needs_study="true")
    assert "needs_study" in error.value.error_dict
    proposal = submit(type="proposal")["number"]
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_extend", "water_admin", id=proposal, reason="Not for proposals",
            needs_study="true")
    assert "needs_study" in error.value.error_dict


def test_inbox_filters_and_overdue_first():
    late = submit(subject="Late one")["number"]
    age(late, 20)
    soon = submit(subject="Soon one", type="complaint")["number"]
    age(soon, 13)
    fresh = submit(subject="Fresh proposal", type="proposal", topic="heating")["number"]
    other = submit("heating", subject="Heating department's")["number"]
    result = act("appeal_list", "water_editor")

    def listed(**filters):
        return [a["number"] for a in act("appeal_list", "water_editor", **filters)["results"]]
    assert [a["number"] for a in result["results"]] == [late, soon, fresh]
    assert result["results"][0]["deadline"]["state"] == "overdue"
    assert result["results"][1]["deadline"]["state"] == "due_soon"
    assert listed(deadline="overdue") == [late]
    assert listed(deadline="due_soon") == [soon]
    assert listed(type="proposal") == [fresh]
    assert listed(topic="heating") == [fresh]
    assert listed(q="Soon") == [soon]
    assert act("appeal_list", "water_editor", status="open")["count"] == 3
    assert other in [a["number"] for a in act("appeal_list", "sysadmin")["results"]]
    assert "applicant" not in result["results"][0]
    assert not any(v in str(result) for v in SECRET.values())
    for bad in ({"status": "lost"}, {"deadline": "yesterday"}, {"limit": -1},
                {"type": "petition"}, {"owner_org": "nowhere"}):
        with pytest.raises(tk.ValidationError) as error:
            act("appeal_list", "sysadmin", **bad)
        assert error.value.error_dict.keys() == bad.keys()


def test_assign_to_another_department_moves_the_appeal():
    number = submit()["number"]
    act("appeal_assign", "water_editor", id=number, owner_org="heating")
    assert stored(number)["owner_org"] != stored(submit()["number"])["owner_org"]
    with pytest.raises(tk.NotAuthorized):
        act("appeal_show", "water_editor", id=number)
    assert act("appeal_show", "heating_editor", id=number)["department"]["name"] == \
        "heating"


@pytest.mark.parametrize("action, data, field", [
    ("appeal_answer", {"outcome": "happy", "answer": "A long enough answer"}, "outcome"),
    ("appeal_answer", {"outcome": "satisfied", "answer": "short"}, "answer"),
    ("appeal_forward", {"to": ""}, "to"),
    ("appeal_assign", {"assignee": "nobody-at-all"}, "assignee"),
    ("appeal_extend", {"reason": "", "until": "2099-01-01"}, "reason"),
    ("appeal_extend", {"reason": "A good reason", "until": "not a date"}, "until"),
])
def test_bad_input_of_staff_actions(action, data, field):
    number = submit()["number"]
    with pytest.raises(tk.ValidationError) as error:
        act(action, "water_admin", id=number, **data)
    assert field in error.value.error_dict


def test_unknown_appeal():
    with pytest.raises(tk.ObjectNotFound):
        act("appeal_show", "sysadmin", id="2026-999999")


@pytest.mark.parametrize("assignee", ["citizen", "water_member", "heating_editor"])
def test_only_staff_of_the_department_can_be_assigned(assignee):
    number = submit()["number"]
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_assign", "water_editor", id=number, assignee=assignee)
    assert "assignee" in error.value.error_dict
    assert stored(number)["assignee_id"] is None


@pytest.mark.parametrize("assignee", ["water_editor", "water_admin", "sysadmin"])
def test_staff_and_sysadmins_can_be_assigned(assignee):
    number = submit()["number"]
    act("appeal_assign", "water_editor", id=number, assignee=assignee)
    assert stored(number)["assignee_id"] == helpers.call_action(
        "user_show", id=assignee)["id"]


def test_handed_over_appeal_goes_to_staff_of_the_new_department():
    number = submit()["number"]
    with pytest.raises(tk.ValidationError) as error:
        act("appeal_assign", "water_editor", id=number, owner_org="heating",
            assignee="water_editor")
    assert "assignee" in error.value.error_dict
    act("appeal_assign", "water_editor", id=number, owner_org="heating", assignee="heating_editor")
    assert stored(number)["assignee_id"] == helpers.call_action(
        "user_show", id="heating_editor")["id"]

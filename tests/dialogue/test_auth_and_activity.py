"""Permissions for every action and role, and the activity figures the rating reads."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from .conftest import act, at

ROLES = ("anonymous", "citizen", "dept_member", "other_editor", "dept_editor", "dept_admin",
         "sysadmin")
EDITORS = {"dept_editor", "dept_admin", "sysadmin"}
SIGNED_IN = set(ROLES) - {"anonymous"}


@pytest.fixture
def world(roles, event_factory, poll_factory):
    past = event_factory(title="Oʻtgan brifing", start=at(hours=-2), end=at(hours=-1))
    act("event_update", roles["dept_editor"], id=past["id"], status="live")
    question = act("event_question_create", roles["neighbour"], event_id=past["id"],
                   text="Javob berilishi kerak boʻlgan savol")
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    pending = act("event_question_create", roles["neighbour"], event_id=past["id"],
                  text="Moderatsiyani kutayotgan savol")
    closed = poll_factory(question="Yopilgan soʻrovnoma", opens_at=at(hours=-3),
                          closes_at=at(hours=-1))
    return {"event": event_factory(), "past": past, "question": question, "pending": pending,
            "poll": poll_factory(), "closed": closed}


def calls(roles, world):
    """action -> data, for one call of each action as an ordinary request would make it."""
    org = roles["department"]["id"]
    event, past, poll = world["event"], world["past"], world["poll"]
    return {
        "event_list": {}, "event_show": {"id": event["id"]},
        "event_create": {"kind": "other", "title": "Yangi tadbir", "owner_org": org,
                         "start": at(days=3)},
        "event_update": {"id": event["id"], "description": "Oʻzgartirildi"},
        "event_material_create": {"event_id": event["id"], "kind": "link",
                                  "url": "https://example.uz/hisobot"},
        "event_question_list": {"event_id": past["id"]},
        "event_question_list pending": {"event_id": past["id"], "status": "pending"},
        "event_question_create": {"event_id": event["id"], "text": "Har bir rol savol beradi"},
        "event_question_vote": {"id": world["question"]["id"]},
        "event_question_moderate": {"id": world["pending"]["id"], "decision": "publish"},
        "event_question_answer": {"id": world["question"]["id"], "answer": "Javob",
                                  "mode": "live", "recording_time": "3:00"},
        "dialogue_moderation_queue": {},
        "poll_list": {}, "poll_show": {"id": poll["id"]},
        "poll_create": {"owner_org": org, "question": "Yangi savol?", "options": ["Ha", "Yoʻq"],
                        "closes_at": at(days=1)},
        "poll_update": {"id": poll["id"], "description": "Tavsif"},
        "poll_vote": {"id": poll["id"], "options": [poll["options"][0]["id"]]},
        "poll_results": {"id": world["closed"]["id"]},
        "poll_publish_results": {"id": world["closed"]["id"]},
        "dialogue_activity": {"year": 2026},
    }


ALLOWED = {
    "event_list": set(ROLES), "event_show": set(ROLES), "event_question_list": set(ROLES),
    "poll_list": set(ROLES), "poll_show": set(ROLES), "poll_results": set(ROLES),
    "dialogue_activity": set(ROLES),
    "event_create": EDITORS, "event_update": EDITORS, "event_material_create": EDITORS,
    "event_question_list pending": EDITORS, "event_question_moderate": EDITORS,
    "event_question_answer": EDITORS, "poll_create": EDITORS, "poll_update": EDITORS,
    "poll_publish_results": EDITORS,
    "dialogue_moderation_queue": EDITORS | {"other_editor"},  # their own departments' queue
    "event_question_create": SIGNED_IN, "event_question_vote": SIGNED_IN,
    "poll_vote": SIGNED_IN,
}


@pytest.mark.parametrize("role", ROLES)
def test_every_action_for_every_role(roles, world, role):
    user = None if role == "anonymous" else roles[role]
    for name, data in calls(roles, world).items():
        action = name.split()[0]
        if role in ALLOWED[name]:
            act(action, user, **data)
        else:
            with pytest.raises(tk.NotAuthorized):
                act(action, user, **data)
    assert set(ALLOWED) == set(calls(roles, world))


def test_activity_counts_per_department_and_period(roles, event_factory, poll_factory):
    year = int(at()[:4])
    held = event_factory(start=at(days=-10), status="held")
    event_factory(start=at(days=-9), status="held", kind="quarterly_report")
    announced = event_factory(start=at(days=-8))  # announced, never held
    cancelled = event_factory(start=at(days=5))
    act("event_update", roles["dept_editor"], id=cancelled["id"], status="postponed",
        start=at(days=6))
    act("event_update", roles["dept_editor"], id=cancelled["id"], status="cancelled")
    event_factory("other_editor", owner_org="water", start=at(days=-5), status="held")
    live = event_factory(start=at(hours=-1), end=at(hours=1))
    for text, answer in (("Birinchi savol matni", True), ("Ikkinchi savol matni", False)):
        question = act("event_question_create", roles["citizen"], event_id=live["id"],
                       text=text)
        act("event_question_moderate", roles["dept_editor"], id=question["id"],
            decision="publish")
        if answer:
            act("event_question_answer", roles["dept_editor"], id=question["id"],
                answer="Javob", mode="written")
    act("event_question_create", roles["citizen"], event_id=live["id"],
        text="Hali moderatsiyada turgan savol")
    poll = poll_factory(opens_at=at(days=-1))
    act("poll_vote", roles["citizen"], id=poll["id"], options=[poll["options"][0]["id"]])
    poll_factory(question="Kelajakdagi soʻrovnoma", opens_at=at(days=1), closes_at=at(days=2))

    everything = act("dialogue_activity", None, date_from=at(days=-30), date_to=at(days=30))
    by_name = {d["name"]: d for d in everything["departments"]}
    finance = by_name["finance"]
    assert (finance["events_announced"], finance["events_held"], finance["events_cancelled"],
            finance["events_postponed"]) == (5, 2, 1, 1)
    assert finance["events_held_ratio"] == 0.4
    assert (finance["questions_published"], finance["questions_answered"]) == (2, 1)
    assert finance["questions_answered_ratio"] == 0.5
    assert (finance["polls_run"], finance["poll_votes"]) == (1, 1)
    assert (by_name["water"]["events_announced"], by_name["water"]["events_held"]) == (1, 1)
    assert by_name["water"]["questions_answered_ratio"] is None

    one = act("dialogue_activity", None, department="water", date_from=at(days=-30))
    assert [d["name"] for d in one["departments"]] == ["water"]
    none = act("dialogue_activity", None, year=year - 5)
    assert all(d["events_announced"] == 0 for d in none["departments"])
    assert none["period"]["from"].startswith(f"{year - 5}-") or none["period"]["from"] \
        .startswith(f"{year - 6}-12-31")  # the year starts in the site's timezone
    assert held["id"] and announced["id"]
    with pytest.raises(tk.ValidationError) as error:
        act("dialogue_activity", None, quarter=2)  # a quarter needs a year
    assert "quarter" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("dialogue_activity", None, year=year, quarter=5)
    assert "quarter" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("dialogue_activity", None, department="no-such-department")
    assert "department" in error.value.error_dict

"""Lifecycle of a draft and its date rules."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
import ckan.tests.helpers as helpers

from .conftest import act, days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")


def test_a_draft_opening_today_is_open_with_days_left(open_draft):
    assert open_draft["status"] == "open"
    assert open_draft["days_left"] == 15
    assert open_draft["period_days"] == 15 and open_draft["min_days"] == 15
    assert [a["number"] for a in open_draft["articles"]] == \
        ["0", "0.1", "1", "1.1", "1.2", "2", "2.1"]


def test_upcoming_then_open_then_closed(make_draft, freezer):
    draft = make_draft(opens_on=days(3), closes_on=days(20))
    assert draft["status"] == "upcoming" and draft["days_left"] is None
    freezer.move_to(days(3))
    assert act("consultation_show", id=draft["name"])["status"] == "open"
    freezer.move_to(days(20))
    assert act("consultation_show", id=draft["name"])["days_left"] == 0
    freezer.move_to(days(21))
    assert act("consultation_show", id=draft["name"])["status"] == "closed"


@pytest.mark.parametrize("kind, shortest", [("decision", 15), ("internal", 10)])
def test_minimum_period_by_kind(make_draft, kind, shortest):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(kind=kind, closes_on=days(shortest - 1))
    assert "at least" in str(error.value.error_dict["closes_on"])
    assert make_draft(kind=kind, closes_on=days(shortest))["status"] == "open"


@pytest.mark.ckan_config("ckanext.transparency.consultations.min_days", "30")
def test_minimum_period_is_configurable(make_draft):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(closes_on=days(29))
    assert "closes_on" in error.value.error_dict
    assert make_draft(closes_on=days(30))["min_days"] == 30


@pytest.mark.parametrize("dates, field", [
    ({"opens_on": days(-1), "closes_on": days(20)}, "opens_on"),
    ({"opens_on": days(5), "closes_on": days(4)}, "closes_on"),
    ({"opens_on": "2025-02-30", "closes_on": days(20)}, "opens_on"),
    ({"opens_on": "tomorrow", "closes_on": days(20)}, "opens_on"),
    ({"opens_on": "", "closes_on": days(20)}, "opens_on"),
])
def test_bad_dates_are_refused(make_draft, dates, field):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(**dates)
    assert field in error.value.error_dict


def test_bad_fields_are_refused(make_draft):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(kind="law", title="x" * 301, name="Bad Name!")
    assert {"kind", "title", "name"} <= set(error.value.error_dict)
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("consultation_create", name="x-1", title="T", kind="decision",
                            owner_org="no-such-department", body="Text",
                            opens_on=days(0), closes_on=days(20))
    assert "owner_org" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        make_draft(body="  ")
    assert "body" in error.value.error_dict
    make_draft(name="taken")
    with pytest.raises(tk.ValidationError) as error:
        make_draft(name="taken")
    assert "name" in error.value.error_dict


def test_update_rules(make_draft, editor, freezer):
    draft = make_draft(opens_on=days(2), closes_on=days(20))
    updated = act("consultation_update", editor, id=draft["id"], body="## A\n\nOne.\n",
                  closes_on=days(25))
    assert [a["number"] for a in updated["articles"]] == ["1", "1.1"]
    freezer.move_to(days(3))
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_update", editor, id=draft["id"], body="changed")
    assert "body" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_update", editor, id=draft["id"], opens_on=days(4))
    assert "opens_on" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:  # shortening below the minimum
        act("consultation_update", editor, id=draft["id"], closes_on=days(10))
    assert "closes_on" in error.value.error_dict
    extended = act("consultation_update", editor, id=draft["id"], closes_on=days(30),
                   title="New title")
    assert extended["closes_on"] == days(30) and extended["title"] == "New title"


def test_withdrawn_draft_takes_no_proposals(open_draft, editor, citizen):
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_withdraw", editor, id=open_draft["id"], reason="")
    assert "reason" in error.value.error_dict
    withdrawn = act("consultation_withdraw", editor, id=open_draft["id"], reason="Superseded")
    assert withdrawn["status"] == "withdrawn" and withdrawn["withdrawn_reason"] == "Superseded"
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
            text="Too late")
    assert "consultation_id" in error.value.error_dict


def test_no_proposals_before_opening_or_after_closing(make_draft, citizen, freezer):
    draft = make_draft(opens_on=days(1), closes_on=days(16))
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_create", citizen, consultation_id=draft["id"], text="Early")
    assert "opens on" in str(error.value.error_dict)
    freezer.move_to(days(1))
    act("consultation_proposal_create", citizen, consultation_id=draft["id"], text="In time")
    freezer.move_to(days(17))
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_create", citizen, consultation_id=draft["id"], text="Late")
    assert "consultation_id" in error.value.error_dict


def test_list_by_status_department_kind_and_words(make_draft, department, freezer):
    make_draft(name="open-one", title="Suv taʼminoti nizomi")
    make_draft(name="upcoming-one", opens_on=days(5), closes_on=days(30), kind="internal",
               title="Ichki tartib")
    freezer.move_to(days(4))
    make_draft(name="open-two", title="Issiqlik", opens_on=days(4), closes_on=days(30))
    freezer.move_to(days(17))
    assert {d["name"] for d in act("consultation_list", status="closed")["results"]} == \
        {"open-one"}
    assert {d["name"] for d in act("consultation_list", status="open")["results"]} == \
        {"upcoming-one", "open-two"}
    assert act("consultation_list", kind="internal")["count"] == 1
    assert act("consultation_list", organization=department["name"])["count"] == 3
    assert act("consultation_list", organization="elsewhere")["count"] == 0
    # Latin and Cyrillic spellings find each other
    assert [d["name"] for d in act("consultation_list", q="СУВ")["results"]] == ["open-one"]
    assert act("consultation_list", q="taʼminoti")["count"] == 1
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_list", status="nonsense")
    assert "status" in error.value.error_dict

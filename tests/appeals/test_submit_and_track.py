"""The citizen's journey through the Action API: submit without an account, track with the
number and access code, rate the answer; idempotent submissions, honeypot, limits."""
from __future__ import annotations

import re

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from ckanext.transparency.appeals import model as appeals_model

from .conftest import SECRET, appeal_data, as_user, code, stored, submit

pytestmark = pytest.mark.usefixtures("people")


def test_submit_returns_number_and_code_and_stores_apart():
    receipt = submit()
    assert re.match(r"^\d{4}-\d{6}$", receipt["number"])
    assert re.match(r"^[A-Z2-9]{5}-[A-Z2-9]{5}$", receipt["access_code"])
    appeal = stored(receipt["number"])
    assert appeal["status"] == "registered" and appeal["channel"] == "web"
    assert receipt["due_on"] == appeal["due_on"].isoformat()
    # the code is kept only as a hash
    assert code(receipt).replace("-", "") not in str(appeal)
    # personal data only in the applicant table
    assert not any(v in str(appeal) for v in SECRET.values())
    assert appeals_model.applicant(appeal["id"])["email"] == SECRET["email"]
    events = appeals_model.events(appeal["id"], public_only=False)
    assert [e["kind"] for e in events] == ["registered"]


def test_numbers_follow_each_other():
    first, second = submit()["number"], submit(subject="Second one")["number"]
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_repeated_submission_creates_one_appeal():
    key = "double-click-0123456789"
    first = submit(submission_key=key)
    again = submit(submission_key=key)
    assert again["number"] == first["number"]
    assert again["access_code"] == first["access_code"]
    assert model.Session.execute(appeals_model.Appeal.__table__.select()).rowcount == 1
    helpers.call_action("appeal_track", number=first["number"], code=first["access_code"])


def test_a_key_used_for_another_text_is_refused():
    submit(submission_key="reused-key-0123456789")
    with pytest.raises(tk.ValidationError) as error:
        submit(submission_key="reused-key-0123456789", text="A different appeal text")
    assert "submission_key" in error.value.error_dict


def test_honeypot_refuses_and_stores_nothing():
    with pytest.raises(tk.ValidationError) as error:
        submit(website="http://spam.example")
    assert "website" in error.value.error_dict
    assert model.Session.execute(appeals_model.Appeal.__table__.select()).rowcount == 0


@pytest.mark.parametrize("field, value", [
    ("type", ""), ("type", "petition"), ("topic", "weather"), ("topic", ""),
    ("owner_org", "no-such-department"), ("owner_org", ""), ("subject", ""),
    ("subject", "x" * 201), ("text", "short"), ("text", "x" * 10001),
    ("text", "bad \x00 byte here, long enough"), ("full_name", ""), ("full_name", "A"),
    ("address", ""), ("phone", "call me maybe"), ("email", "not-an-address"),
    ("submission_key", "short"), ("submission_key", "bad key with spaces!!"),
    ("channel", "pigeon"), ("registered_on", "yesterday"),
])
def test_bad_input_of_every_field(field, value):
    with pytest.raises(tk.ValidationError) as error:
        submit(**{field: value})
    assert field in error.value.error_dict


def test_missing_fields_are_reported_together():
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_submit", context={"user": ""})
    assert {"type", "topic", "owner_org", "subject", "text", "full_name",
            "address"} <= set(error.value.error_dict)


def test_anonymous_cannot_register_a_reception_or_written_appeal():
    for extra in ({"channel": "reception"}, {"channel": "written"},
                  {"registered_on": "2026-01-05"}):
        with pytest.raises(tk.NotAuthorized):
            submit(context=as_user(""), **extra)


def test_staff_register_an_oral_appeal_dated_earlier():
    receipt = submit(context=as_user("water_editor"), channel="reception",
                     registered_on="2026-01-31")
    appeal = stored(receipt["number"])
    assert appeal["channel"] == "reception"
    assert appeal["registered_on"].isoformat() == "2026-01-31"
    assert appeal["due_on"].isoformat() == "2026-02-15"
    with pytest.raises(tk.ValidationError) as error:
        submit(context=as_user("water_editor"), channel="written", registered_on="2999-01-01")
    assert "registered_on" in error.value.error_dict


def test_track_shows_the_public_part_only():
    receipt = submit()
    result = helpers.call_action("appeal_track", context={"user": ""},
                                 number=receipt["number"], code=code(receipt).lower())
    assert result["number"] == receipt["number"]
    assert result["status"] == "registered"
    assert result["department"]["name"] == "water"
    assert result["deadline"]["state"] == "on_time"
    assert result["deadline"]["steps"]
    assert [e["kind"] for e in result["timeline"]] == ["registered"]
    assert "applicant" not in result and "text" not in result
    assert not any(v in str(result) for v in SECRET.values())


def test_track_with_a_wrong_code_or_number_is_not_found():
    receipt = submit()
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("appeal_track", number=receipt["number"], code="AAAAA-BBBBB")
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("appeal_track", number="1999-000001", code=code(receipt))


@pytest.mark.parametrize("number, access, field", [
    ("", "AAAAA", "number"), ("123", "AAAAA", "number"),
    ("2026-000001", "", "code"), ("2026-000001", "a!b", "code")])
def test_track_bad_input(number, access, field):
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_track", number=number, code=access)
    assert field in error.value.error_dict


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_attempts", 3)
def test_access_code_attempts_are_limited():
    receipt = submit()
    for _ in range(3):
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("appeal_track", number=receipt["number"], code="WRONG-CODE2")
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_track", number=receipt["number"], code=code(receipt))
    assert "code" in error.value.error_dict


def test_rating_after_the_answer_only_and_once():
    receipt = submit()
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_rate", number=receipt["number"], code=code(receipt),
                            rating=5)
    assert "rating" in error.value.error_dict
    helpers.call_action("appeal_answer", context={"user": "water_editor"},
                        id=receipt["number"], outcome="satisfied",
                        answer="The water supply was restored on Monday.")
    for bad in (0, 6, "five", ""):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("appeal_rate", number=receipt["number"], code=code(receipt),
                                rating=bad)
        assert "rating" in error.value.error_dict
    result = helpers.call_action("appeal_rate", number=receipt["number"], code=code(receipt),
                                 rating=4, comment="Thank you")
    assert result["rating"] == 4 and not result["can_rate"]
    assert result["timeline"][-1]["kind"] == "rated"
    assert "Thank you" not in str(result["timeline"])  # the comment is for staff
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_rate", number=receipt["number"], code=code(receipt),
                            rating=1)
    assert "rating" in error.value.error_dict
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("appeal_rate", number=receipt["number"], code="WRONG-CODE2",
                            rating=5)


def test_unknown_fields_are_refused_by_name():
    with pytest.raises(tk.ValidationError) as error:
        submit(junk="x" * 100_000, notes="more")
    [message] = error.value.error_dict["__extras"]
    assert "junk" in message and "notes" in message
    assert model.Session.execute(appeals_model.Appeal.__table__.select()).rowcount == 0


def test_unknown_fields_through_the_api_get_a_clear_error(app):
    response = app.post("/api/3/action/appeal_submit",
                        json=dict(appeal_data(), junk="x" * 2_000_000))
    assert response.status_code == 409
    assert "Unknown fields: junk" in response.json["error"]["__extras"][0]
    assert len(response.body) < 1000  # the junk is not echoed
    assert model.Session.execute(appeals_model.Appeal.__table__.select()).rowcount == 0

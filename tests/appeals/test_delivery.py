"""Whatever the applicant typed, the appeal that was stored is answered with its number and
code: the e-mail goes out later, from the jobs worker, and names lose their control
characters (a line break in a name once broke the e-mail header after the appeal was stored)."""
from __future__ import annotations

import re

import pytest

from ckan.tests import helpers

from ckanext.transparency.appeals import model as appeals_model

from .conftest import SECRET, appeal_data, run_jobs, stored

pytestmark = pytest.mark.usefixtures("people")

BROKEN_NAME = "Zebuniso\r\nBcc: intruder@example.com\x07\tQahramonova"


def _applicant(number: str) -> dict:
    return appeals_model.applicant(stored(number)["id"])


def test_a_name_with_line_breaks_through_the_api(app, smtp):
    response = app.post("/api/3/action/appeal_submit",
                        json=appeal_data(full_name=BROKEN_NAME))
    assert response.status_code == 200
    receipt = response.json["result"]
    assert receipt["number"] and receipt["access_code"]
    assert _applicant(receipt["number"])["full_name"] == \
        "Zebuniso Bcc: intruder@example.com Qahramonova"
    assert smtp.messages == []  # nothing is sent in the request
    run_jobs()
    [(recipients, message)] = smtp.messages
    assert recipients == [SECRET["email"]]
    assert "\n" not in str(message["To"]) and "Bcc" not in message.keys()
    assert receipt["number"] in str(message["Subject"])


def test_a_name_with_line_breaks_through_the_form(app, smtp):
    response = app.post("/appeals/new", data=appeal_data(
        full_name=BROKEN_NAME, address="Quuxobod\r\nmahallasi 77", submission_key="crlf-form-0123456789"))
    assert response.status_code == 200
    number = re.search(r'class="appeals-number">([\d-]+)<', response.body).group(1)
    assert re.search(r'class="appeals-code">[A-Z0-9-]+<', response.body)
    assert _applicant(number)["address"] == "Quuxobod mahallasi 77"
    run_jobs()
    assert len(smtp.messages) == 1


def test_a_name_stored_with_line_breaks_earlier_is_still_mailed(app, smtp):
    """Rows stored before names were cleaned: the header is built from a cleaned name."""
    number = app.post("/api/3/action/appeal_submit",
                      json=appeal_data()).json["result"]["number"]
    run_jobs()
    t = appeals_model.Applicant.__table__
    appeals_model.session().execute(t.update().where(t.c.appeal_id == stored(number)["id"])
                                    .values(full_name="Broken\r\nBcc: x@example.com"))
    appeals_model.session().commit()
    helpers.call_action("appeal_answer", context={"user": "water_editor"}, id=number,
                        outcome="explained", answer="The tap has been repaired.")
    run_jobs()
    assert len(smtp.messages) == 2
    recipients, message = smtp.messages[1]
    assert recipients == [SECRET["email"]] and "Bcc" not in message.keys()
    assert stored(number)["status"] == "answered"

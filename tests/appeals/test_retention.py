"""Personal data of completed appeals is removed after the retention period by the daily
periodic job (Law ZRU-547); the statistics and the applicant's tracking do not change."""
from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from ckanext.transparency import periodic
from ckanext.transparency.core.clock import site_today
from ckanext.transparency.appeals import attachments, model as appeals_model

from .conftest import SECRET, appeal_data, code, stored, submit

pytestmark = pytest.mark.usefixtures("people")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RETENTION = 1825


def _move_back(numbers: list[str], days: int) -> None:
    """The appeals were completed (and closed) `days` earlier."""
    t, back = appeals_model.Appeal.__table__, dt.timedelta(days=days)
    model.Session.execute(t.update().where(t.c.number.in_(numbers)).values(
        completed_at=t.c.completed_at - back, closed_at=t.c.closed_at - back))
    model.Session.commit()


def _purge_job(day: dt.date | None = None) -> str:
    """The periodic command with only this job (`ckan transparency periodic`)."""
    jobs = tuple(j for j in periodic.JOBS if j.name == "appeals-personal-data")
    return dict(periodic.run(day, jobs))["appeals-personal-data"]


def _applicant(number: str) -> dict:
    return appeals_model.applicant(stored(number)["id"])


def test_the_notice_and_the_consent_are_on_the_form(app):
    page = app.get("/appeals/new").body
    assert "ZRU-547" in page and "02.07.2019" in page
    assert f"{RETENTION} days" in page
    assert 'name="consent"' in page and 'id="field-consent"' in page


def _without_consent(**overrides) -> dict:
    return {k: v for k, v in appeal_data(**overrides).items() if k != "consent"}


def test_consent_is_required_and_recorded(app):
    for refused in ({}, {"consent": ""}, {"consent": "no"}, {"consent": False}):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("appeal_submit", context={"user": ""},
                                **_without_consent(), **refused)
        assert "consent" in error.value.error_dict
    response = app.post("/api/3/action/appeal_submit", json=_without_consent())
    assert response.status_code == 409
    assert "ZRU-547" in response.json["error"]["consent"][0]
    form = app.post("/appeals/new", data=_without_consent(
        submission_key="no-consent-0123456789"))
    assert form.status_code == 400 and "ZRU-547" in form.body
    assert helpers.call_action("appeal_statistics")["total"] == 0

    before = dt.datetime.utcnow()
    receipt = submit()
    assert before <= _applicant(receipt["number"])["consent_at"] <= dt.datetime.utcnow()
    shown = helpers.call_action("appeal_show", context={"user": "water_editor"},
                                id=receipt["number"])
    assert shown["applicant"]["consent_at"].startswith(str(before.year))


@pytest.mark.ckan_config("ckanext.transparency.appeals.personal_data_retention_days",
                         RETENTION)
def test_the_periodic_job_removes_personal_data_after_the_retention_period(app):
    old = submit(subject="Old and closed",
                 attachment_1=FileStorage(stream=io.BytesIO(PDF), filename="scan.pdf"))
    helpers.call_action("appeal_answer", context={"user": "water_editor"}, id=old["number"],
                        outcome="satisfied", answer="The tap works again, thank you.")
    helpers.call_action("appeal_rate", number=old["number"], code=code(old), rating=4)
    helpers.call_action("appeal_close", context={"user": "water_editor"}, id=old["number"])
    forwarded = submit("heating", subject="Old and forwarded")
    helpers.call_action("appeal_forward", context={"user": "heating_editor"},
                        id=forwarded["number"], to="Ministry of Energy")
    recent = submit(subject="Closed recently")
    helpers.call_action("appeal_answer", context={"user": "water_editor"},
                        id=recent["number"], outcome="explained", answer="Explained in full.")
    helpers.call_action("appeal_close", context={"user": "water_editor"}, id=recent["number"])
    still_open = submit(subject="Still open")
    _move_back([old["number"], forwarded["number"]], RETENTION + 1)
    _move_back([recent["number"]], RETENTION - 1)
    [scan] = appeals_model.attachments(stored(old["number"])["id"])
    scan_path = attachments.path(stored(old["number"])["id"], scan["id"])
    assert os.path.exists(scan_path)

    statistics_before = helpers.call_action("appeal_statistics")
    tracked_before = helpers.call_action("appeal_track", number=old["number"], code=code(old))
    assert _purge_job() == "personal data of 2 completed appeals removed"

    for purged in (old, forwarded):
        applicant = _applicant(purged["number"])
        assert (applicant["full_name"], applicant["address"], applicant["phone"],
                applicant["email"]) == ("", "", "", "")
        assert applicant["purged_at"] is not None
    for kept in (recent, still_open):
        assert _applicant(kept["number"])["email"] == SECRET["email"]
    assert appeals_model.attachments(stored(old["number"])["id"]) == []
    assert not os.path.exists(scan_path)
    shown = helpers.call_action("appeal_show", context={"user": "water_editor"},
                                id=old["number"])
    assert not any(v in str(shown) for v in SECRET.values())
    assert shown["rating"] == 4 and shown["status"] == "closed"

    assert helpers.call_action("appeal_statistics") == statistics_before
    tracked = helpers.call_action("appeal_track", number=old["number"], code=code(old))
    assert tracked["status"] == tracked_before["status"] == "closed"
    assert tracked["timeline"] == tracked_before["timeline"]
    page = app.post("/appeals/track", data={"number": old["number"], "code": code(old)})
    assert page.status_code == 200 and tracked["status_label"] in page.body

    assert _purge_job() == "done already"
    assert _purge_job(site_today() + dt.timedelta(days=1)) == \
        "personal data of 0 completed appeals removed"

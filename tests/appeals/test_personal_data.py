"""Personal data of applicants appears in no public output.

Unique personal data is planted in appeals that go through every step (answered, rated,
extended, forwarded, oral appeals at a reception), the statistics are published into the
open-data section, and then every public page, API answer, search result, export and
statistics file the portal offers is requested: none of them may carry any of it."""
from __future__ import annotations

import io
import logging
import zipfile

import pytest

from ckan.tests import helpers

from ckanext.transparency.appeals import present

from .conftest import SECRET, appeal_data, code, submit

pytestmark = pytest.mark.usefixtures("people")

PLANTED = dict(SECRET)
ORAL = {"full_name": "Ulugʻbek Frobnicatorov", "address": "Grault koʻchasi 9-uy, Nukus",
        "phone": "+998 61 555-01-23", "email": "frobnicatorov@example.net"}


def _variants(value: str) -> set[str]:
    return {value, value.lower(), value.upper(), value.replace(" ", "+"),
            value.replace(" ", "%20"), value.replace("@", "%40"),
            value.encode("unicode_escape").decode()}


NEEDLES = set().union(*(_variants(v) for v in (*PLANTED.values(), *ORAL.values())))
NEEDLES |= {"Qahramonova", "Xyzzy", "Frobnicatorov", "713-37-42", "555-01-23"}


def assert_clean(where: str, text: str) -> None:
    found = [n for n in NEEDLES if n in text]
    assert not found, f"personal data {found} in {where}"


def _text(response) -> str:
    data = response.data
    if data[:2] == b"PK":  # XLSX: look inside every part
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


@pytest.fixture
def planted(app, caplog):
    caplog.set_level(logging.INFO)
    app.post("/appeals/new", data=appeal_data(submission_key="planted-form-0123456789"))
    answered = submit(subject="Answered and rated")
    helpers.call_action("appeal_answer", context={"user": "water_editor"},
                        id=answered["number"], outcome="satisfied",
                        answer="Your request is satisfied.")
    helpers.call_action("appeal_rate", number=answered["number"], code=code(answered),
                        rating=2, comment="Not really")
    extended = submit(subject="Extended", type="complaint")
    helpers.call_action("appeal_extend", context={"user": "water_admin"},
                        id=extended["number"], reason="Inspection needed",
                        needs_study="true")
    forwarded = submit("heating", subject="Forwarded")
    helpers.call_action("appeal_forward", context={"user": "heating_editor"},
                        id=forwarded["number"], to="Ministry of Energy")
    reception = helpers.call_action(
        "appeal_reception_create", context={"user": "water_admin"}, owner_org="water",
        position="Head of department", weekday=2, starts="10:00", ends="12:00",
        place="Room 12", sign_up="By phone")
    submit(context={"user": "water_editor"}, channel="reception",
           reception_id=reception["id"], subject="Oral appeal", **ORAL)
    published = helpers.call_action("appeal_publish_statistics",
                                    month=present.today().strftime("%Y-%m"))
    return {"answered": answered, "published": published, "caplog": caplog}


def test_no_public_output_carries_personal_data(app, planted):
    month = present.today().strftime("%Y-%m")
    pages = ["/", "/appeals", "/appeals/new", "/appeals/track", "/appeals/statistics",
             f"/appeals/statistics?period_from={month}&owner_org=water&type=application",
             f"/appeals/statistics/{month}", "/appeals/receptions", "/appeals/receptions.ics",
             "/dataset/", "/dataset/appeals-statistics", "/dataset/reception-schedule",
             "/organization/", "/organization/water", "/appeals/inbox"]
    for url in pages:
        response = app.get(url)
        assert response.status_code in (200, 302), url
        assert_clean(url, _text(response))

    for word in ("Qahramonova", "Xyzzy", "Frobnicatorov", "zebuniso.xyzzy@example.org"):
        # the search page echoes the words searched for; nothing else may carry them
        body = app.get("/dataset/", query_string={"q": word}).body.replace(word, "")
        assert "No datasets match" in body
        assert_clean(f"dataset search for {word}", body)
        assert helpers.call_action("package_search", q=word)["count"] == 0

    api = [("appeal_statistics", {}), ("appeal_statistics", {"owner_org": "water"}),
           ("appeal_reception_list", {}), ("package_show", {"id": "appeals-statistics"}),
           ("package_search", {"q": "*:*", "rows": 1000}),
           ("organization_show", {"id": "water", "include_datasets": True})]
    api += [("package_search", {"q": n}) for n in ("Qahramonova", "Xyzzy", "Frobnicatorov",
                                                   "example.org")]
    for action, data in api:
        response = app.post(f"/api/3/action/{action}", json=data)
        assert response.status_code == 200, action
        assert_clean(action, _text(response))
    for action in ("appeal_list", "appeal_show"):  # staff only: anonymous gets nothing
        response = app.post(f"/api/3/action/{action}",
                            json={"id": planted["answered"]["number"]})
        assert response.status_code == 403
        assert_clean(action, _text(response))

    for dataset in ("appeals-statistics", "reception-schedule"):
        package = helpers.call_action("package_show", id=dataset)
        for resource in package["resources"]:
            download = app.get(resource["url"].replace("http://test.ckan.net", ""))
            assert download.status_code == 200, resource["url"]
            assert_clean(resource["url"], _text(download))
            if resource["format"] == "CSV" and dataset == "appeals-statistics":
                rows = app.post("/api/3/action/datastore_search",
                                json={"resource_id": resource["id"], "limit": 1000})
                assert rows.json["result"]["total"] > 0
                assert_clean("datastore_search", _text(rows))

    # the applicant's own view has the answer, not the personal data
    tracked = app.post("/appeals/track", data={"number": planted["answered"]["number"],
                                               "code": code(planted["answered"])})
    assert "Your request is satisfied." in tracked.body
    assert_clean("track page", tracked.body)
    # nor any log line written meanwhile
    assert_clean("log", planted["caplog"].text)


def test_staff_see_it_so_the_test_can_fail(planted):
    shown = helpers.call_action("appeal_show", context={"user": "water_editor"},
                                id=planted["answered"]["number"])
    assert_clean_fails = [n for n in NEEDLES if n in str(shown)]
    assert assert_clean_fails

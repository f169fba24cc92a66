"""The e-mail channel: happenings of a followed subject or department become mails, at once or
in a daily digest, in the follower's language, each with a one-click unsubscribe link, sent once
however often the job runs; no address reaches a log or an answer."""
from __future__ import annotations

import datetime
import logging

import pytest

import ckan.model as model
import ckan.tests.helpers as helpers

from ckanext.transparency.core.clock import site_today
from ckanext.transparency.follow import confirmation
from ckanext.transparency.follow.model import Follow

from .conftest import ADDRESS, act, at, link, run_periodic, run_worker

pytestmark = pytest.mark.usefixtures("place")

ANNOUNCED = {"uz": "yangi tadbir eʼlon qilindi", "uz_Cyrl": "янги тадбир эълон қилинди",
             "ru": "объявлено новое мероприятие", "en": "a new event is announced"}


def _confirmed(app, smtp, address=ADDRESS, **data) -> None:
    """`address` follows with a confirmed link."""
    before = len(smtp.messages)
    act("follow_subscribe", None, email=address, **data)
    run_worker()
    app.get(link(smtp.messages[before][1], "/follow/confirm/"), status=200)
    del smtp.messages[before:]


def _postpone(place, event, days: float) -> None:
    act("event_update", place["editor"], id=event["id"], status="postponed", start=at(days))


def test_a_department_follower_is_told_at_once_and_only_once(app, place, smtp):
    _confirmed(app, smtp, subject_type="organization", id="finance", language="en")
    event = act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
                owner_org=place["department"]["id"], start=at(7))
    helpers.call_action("event_create", kind="briefing", title="Boshqa boʻlim brifingi",
                        owner_org=place["other"]["id"], start=at(7))
    run_periodic()
    [(recipients, message)] = smtp.messages
    assert recipients == [ADDRESS]
    assert str(message["Subject"]) == f"Suv tarifi brifingi: {ANNOUNCED['en']}"
    assert event["url"] in message.get_content()
    assert "/follow/unsubscribe/" in str(message["List-Unsubscribe"])
    run_periodic()
    run_periodic(site_today() + datetime.timedelta(days=1))
    assert len(smtp.messages) == 1  # the job ran three times, the mail went once

    _postpone(place, event, 14)
    run_periodic()
    assert len(smtp.messages) == 2 and "postponed" in str(smtp.messages[1][1]["Subject"])


def test_the_unsubscribe_link_stops_the_mails_without_signing_in(app, place, smtp):
    _confirmed(app, smtp, subject_type="organization", id="finance")
    event = act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
                owner_org=place["department"]["id"], start=at(7))
    run_periodic()
    [(_, message)] = smtp.messages
    page = app.post(link(message, "/follow/unsubscribe/"))
    assert page.status_code == 200 and ADDRESS not in page.body
    assert model.Session.query(Follow).count() == 0
    _postpone(place, event, 14)
    run_periodic()
    assert len(smtp.messages) == 1
    # the link again (a mail client posting it twice)
    assert app.post(link(message, "/follow/unsubscribe/")).status_code == 200


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
def test_one_click_unsubscribe_as_rfc_8058_says(app, place, smtp):
    """The header asks mail clients for a POST; the POST needs no session or CSRF token; a GET
    (a mail scanner opening the link) only shows the button."""
    _confirmed(app, smtp, subject_type="organization", id="finance")
    act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
        owner_org=place["department"]["id"], start=at(7))
    run_periodic()
    [(_, message)] = smtp.messages
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    url = link(message, "/follow/unsubscribe/")
    assert str(message["List-Unsubscribe"]) == f"<http://test.ckan.net{url}>"

    page = app.get(url)
    assert page.status_code == 200 and f'<form method="post" action="{url}"' in page.body
    assert model.Session.query(Follow).count() == 1  # a GET leaves the follow as it was

    assert app.post(url.replace("/unsubscribe/", "/unsubscribe/x"), data={
        "List-Unsubscribe": "One-Click"}).status_code == 400  # a forged token
    answer = app.post(url, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert model.Session.query(Follow).count() == 0
    # only that endpoint takes posts without a token
    assert app.post("/follow", data={"subject_type": "organization", "id": "finance",
                                     "email": ADDRESS}).status_code == 400


def test_an_account_unsubscribes_from_a_dataset_through_ckan_follow(app, place, smtp):
    citizen = place["citizen"]
    act("follow_subscribe", citizen, subject_type="organization", id="finance", language="en")
    act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
        owner_org=place["department"]["id"], start=at(7))
    run_periodic()
    [(recipients, message)] = smtp.messages
    assert recipients == ["citizen@example.uz"]
    app.post(link(message, "/follow/unsubscribe/"), status=200)
    assert not act("am_following_group", citizen, id="finance")


def test_a_daily_digest_gathers_the_day_and_goes_once_a_day(app, place, event, smtp):
    citizen = place["citizen"]
    act("follow_subscribe", citizen, subject_type="event", id=event["id"], frequency="daily",
        language="en")
    _confirmed(app, smtp, subject_type="event", id=event["id"], frequency="immediate",
               language="en")
    today = site_today()
    run_periodic(today)
    assert sorted(r[0] for r, _ in smtp.messages) == ["citizen@example.uz", ADDRESS]
    digest = next(m for r, m in smtp.messages if r == ["citizen@example.uz"])
    assert "(1)" in str(digest["Subject"]) and ANNOUNCED["en"] in digest.get_content()
    del smtp.messages[:]

    _postpone(place, event, 14)
    act("event_update", place["editor"], id=event["id"], start=at(21))
    run_periodic(today)
    assert [r for r, _ in smtp.messages] == [[ADDRESS], [ADDRESS]]  # at once: each change
    run_periodic(today + datetime.timedelta(days=1))
    [digest] = [m for r, m in smtp.messages if r == ["citizen@example.uz"]]
    assert "(2)" in str(digest["Subject"])
    assert digest.get_content().count("/follow/unsubscribe/") == 2
    run_periodic(today + datetime.timedelta(days=2))
    assert len(smtp.messages) == 3


def test_each_follower_reads_in_their_own_language(app, place, smtp):
    for language in ANNOUNCED:
        _confirmed(app, smtp, address=f"{language.lower()}@example.org",
                   subject_type="organization", id="finance", language=language)
    act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
        owner_org=place["department"]["id"], start=at(7))
    run_periodic()
    told = {recipients[0]: message for recipients, message in smtp.messages}
    assert len(told) == 4
    for language, words in ANNOUNCED.items():
        assert words in told[f"{language.lower()}@example.org"].get_content()


def test_no_address_in_logs_or_answers(app, place, smtp, caplog):
    caplog.set_level(logging.DEBUG)
    answer = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "organization", "id": "finance", "email": ADDRESS}).json
    assert ADDRESS not in str(answer)
    [row] = model.Session.query(Follow).all()
    confirmation.send_confirmation(row.id)  # in this process, so that its log is seen
    confirmed = app.get(link(smtp.messages[0][1], "/follow/confirm/"))
    act("event_create", place["editor"], kind="briefing", title="Suv tarifi brifingi",
        owner_org=place["department"]["id"], start=at(7))
    run_periodic()
    assert len(smtp.messages) == 2
    assert ADDRESS not in caplog.text and ADDRESS not in confirmed.body
    assert ADDRESS not in app.get("/organization/finance").body
    assert act("package_search", None, q="plugh")["count"] == 0


def test_a_draft_follower_is_told_in_uzbek(app, place, draft, smtp):
    act("follow_subscribe", place["citizen"], subject_type="draft", id=draft["id"],
        language="uz")
    run_periodic()
    [(recipients, message)] = smtp.messages
    assert recipients == ["citizen@example.uz"]
    assert str(message["Subject"]) == "Ochiqlik toʻgʻrisidagi nizom: loyiha muhokamaga qoʻyildi"
    assert "/consultations/ochiqlik-nizomi" in message.get_content()


def test_addresses_never_confirmed_are_forgotten(app, place, smtp, ckan_config, monkeypatch):
    act("follow_subscribe", None, subject_type="organization", id="finance", email=ADDRESS)
    run_worker()  # its link is sent, never opened
    _confirmed(app, smtp, address="kept@example.org", subject_type="organization", id="finance")
    run_periodic()
    assert model.Session.query(Follow).count() == 2  # the link is still valid
    monkeypatch.setitem(ckan_config, "ckanext.transparency.follow.confirm_days", 0)
    run_periodic(site_today() + datetime.timedelta(days=1))
    [kept] = model.Session.query(Follow).all()
    assert kept.email == "kept@example.org"

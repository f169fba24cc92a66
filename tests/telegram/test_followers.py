"""Followers told in Telegram too: a signed-in user links their account with a button, an
e-mail-only follower with the link of a follow mail; each happening then reaches the linked
chat once, in the follower's language, with nothing personal in it, until /unlink or the
page's button; Telegram down fails neither the jobs nor a page."""
from __future__ import annotations

import datetime
import re

import pytest

import ckan.model as model
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
from ckan.lib import jobs

from ckanext.transparency import periodic
from ckanext.transparency.follow import periodic_jobs as follow_jobs
from ckanext.transparency.telegram import outbox
from ckanext.transparency.telegram.model import Outbox

from .conftest import act, at, message

CHAT = 555030
ADDRESS = "nodira.xyzzy@example.org"


def run_follow() -> None:
    periodic.run(None, jobs=follow_jobs.JOBS)


def _told(standin, chat: int = CHAT) -> list[str]:
    return [p["text"] for p in standin.sent("sendMessage") if p["chat_id"] == chat]


def _new_event(department, title: str) -> dict:
    return act("event_create", department["editor"], kind="briefing", title=title,
               owner_org=department["org"]["id"], start=at(days=7))


def _start(url: str) -> str:
    assert url.startswith("https://t.me/ochiq_portal_bot?start=")
    return "/start " + url.split("start=")[1]


@pytest.fixture
def citizen(department):
    return factories.User(name="fuqaro", email="fuqaro@example.uz", fullname="Fuqaro Karimova")


def _login(app, user) -> None:
    token = helpers.call_action("api_token_create", context={"user": user["name"]},
                                user=user["name"], name="pages")["token"]
    app.client.environ_base["HTTP_AUTHORIZATION"] = token


def test_a_signed_in_follower_is_told_once_in_their_language_until_unlinked(
        telegram, department, citizen, webhook, run_job, smtp):
    act("follow_subscribe", citizen, subject_type="organization", id="moliya", language="ru")
    link = act("follow_telegram_link", citizen)
    webhook(message(_start(link["url"]), user_id=CHAT, language="en"))
    webhook(message(_start(link["url"]), user_id=CHAT + 1))  # a token is used once
    assert act("follow_status", citizen, subject_type="organization",
               id="moliya")["telegram"] == {"offered": True, "linked": True}

    event = _new_event(department, "Suv tarifi brifingi")
    run_follow()
    run_follow()
    run_job()
    run_job()
    linked, told = _told(telegram)
    assert "what you follow" in linked
    assert told == f"Suv tarifi brifingi: объявлено новое мероприятие\n{event['url']}"
    assert "not valid" in _told(telegram, CHAT + 1)[0]
    everything = " ".join(p["text"] for p in telegram.sent("sendMessage"))
    for personal in ("fuqaro", "Karimova", citizen["id"]):
        assert personal not in everything
    [(_, mail)] = smtp.messages
    assert "/follow/telegram/" not in mail.get_content()  # linked already: no invitation

    webhook(message("/unlink", user_id=CHAT))
    act("event_update", department["editor"], id=event["id"], status="postponed",
        start=at(days=14))
    run_follow()
    run_job()
    assert len(_told(telegram)) == 3  # the unlink confirmation, nothing after
    assert len(smtp.messages) == 2  # the e-mail goes on


def test_an_e_mail_follower_links_from_a_follow_mail(telegram, department, webhook, run_job,
                                                     app, smtp):
    act("follow_subscribe", None, subject_type="organization", id="moliya", email=ADDRESS,
        language="uz")
    jobs.Worker().work(burst=True)  # the confirmation mail
    [(_, confirmation)] = smtp.messages
    confirm = re.search(r"http://test\.ckan\.net(/follow/confirm/\S+)",
                        confirmation.get_content()).group(1)
    assert "/follow/telegram/" in confirmation.get_content()
    app.get(confirm, status=200)

    event = _new_event(department, "Suv tarifi brifingi")
    run_follow()
    mail = smtp.messages[1][1]
    path = re.search(r"http://test\.ckan\.net(/follow/telegram/\S+)", mail.get_content()).group(1)
    assert ADDRESS not in path
    answer = app.get(path, follow_redirects=False)
    assert answer.status_code == 302
    webhook(message(_start(answer.headers["Location"]), user_id=CHAT))
    assert app.get("/follow/telegram/forged", follow_redirects=False).status_code == 400

    act("event_update", department["editor"], id=event["id"], status="postponed",
        start=at(days=14))
    run_follow()
    run_job()
    _linked, told = _told(telegram)
    assert told == f"Suv tarifi brifingi: tadbir koʻchirildi\n{event['url']}"  # in Uzbek
    assert ADDRESS not in " ".join(p["text"] for p in telegram.sent("sendMessage"))


def test_telegram_down_fails_neither_the_jobs_nor_the_mails(telegram, department, citizen,
                                                            webhook, run_job, smtp):
    act("follow_subscribe", citizen, subject_type="organization", id="moliya", language="en")
    webhook(message(_start(act("follow_telegram_link", citizen)["url"]), user_id=CHAT))
    run_job()  # the link's confirmation
    telegram.fail(500, times=50)
    _new_event(department, "Suv tarifi brifingi")
    run_follow()
    run_job()
    assert len(smtp.messages) == 1 and len(_told(telegram)) == 1
    telegram.failures.clear()
    for row in model.Session.query(Outbox).filter(Outbox.sent_at.is_(None)):
        row.next_try = datetime.datetime(2000, 1, 1)
    model.Session.commit()
    assert outbox.send_due()["sent"] >= 1
    assert len(_told(telegram)) == 2


def test_the_follow_box_links_and_unlinks_telegram(telegram, department, citizen, app,
                                                   webhook):
    act("follow_subscribe", citizen, subject_type="organization", id="moliya", language="en")
    _login(app, citizen)
    page = app.get("/organization/moliya").body
    assert "Also tell me in Telegram" in page
    answer = app.post("/follow/telegram", data={"came_from": "/organization/moliya"},
                      follow_redirects=False)
    assert answer.status_code == 302
    webhook(message(_start(answer.headers["Location"]), user_id=CHAT))
    page = app.get("/organization/moliya").body
    assert "Stop Telegram messages" in page and "Also tell me in Telegram" not in page
    app.post("/follow/telegram/unlink", data={"came_from": "/organization/moliya"})
    assert not act("follow_status", citizen, subject_type="organization",
                   id="moliya")["telegram"]["linked"]


def test_without_telegram_nothing_is_offered(department, citizen, smtp, with_plugins,
                                             clean_db):
    act("follow_subscribe", citizen, subject_type="organization", id="moliya", language="en")
    assert act("follow_status", citizen, subject_type="organization",
               id="moliya")["telegram"] == {"offered": False, "linked": False}
    with pytest.raises(helpers.logic.ValidationError) as error:
        act("follow_telegram_link", citizen)
    assert "token" in error.value.error_dict
    _new_event(department, "Suv tarifi brifingi")
    run_follow()
    [(_, mail)] = smtp.messages
    assert "/follow/telegram/" not in mail.get_content()

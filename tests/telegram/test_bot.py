"""The bot: questions for an upcoming event into the same moderation queue (one account per
Telegram user, the same limits), votes on questions, appeal status through a one-time link."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories, helpers

from .conftest import act, at, message

PERSONAL = {"full_name": "Zebuniso Qahramonova-Xyzzy", "address": "Quuxobod 77",
            "phone": "+998 90 713-37-42", "email": "zebuniso.xyzzy@example.org"}


@pytest.fixture
def event(department):
    return act("event_create", department["editor"], kind="briefing",
               title="Byudjet brifingi", owner_org=department["org"]["id"], start=at(days=5))


def _replies(standin, chat: int = 555001) -> list[str]:
    return [p["text"] for p in standin.sent("sendMessage") if p["chat_id"] == chat]


def test_a_question_through_the_bot_waits_for_moderation(telegram, department, event,
                                                         webhook, run_job):
    webhook(message("/events"))
    webhook(message("/ask 1 Qachon yangi suv quvuri quriladi?"))
    run_job()
    listing, thanks = _replies(telegram)
    assert "1. Byudjet brifingi" in listing and event["url"] in listing
    assert "#1" in thanks
    [pending] = act("event_question_list", department["editor"], event_id=event["id"],
                    status="pending")["results"]
    assert pending["text"] == "Qachon yangi suv quvuri quriladi?"
    # the moderator publishes it as any web question; another Telegram user supports it
    act("event_question_moderate", department["editor"], id=pending["id"], decision="publish")
    webhook(message("/vote 1 1", user_id=555002))
    webhook(message("/vote 1 1", user_id=555002))
    run_job()
    counted, again = _replies(telegram, 555002)
    assert "counted" in counted and "not counted" in again
    [published] = act("event_question_list", department["editor"], event_id=event["id"])[
        "results"]
    assert published["votes"] == 1


@pytest.mark.ckan_config("ckanext.transparency.dialogue.questions_per_user", "1")
def test_one_telegram_account_has_the_webs_limit(telegram, department, event, webhook,
                                                 run_job):
    webhook(message("/ask 1 Birinchi savolim shu: yoʻl qachon?"))
    webhook(message("/ask 1 Ikkinchi savolim shu: suv qachon?"))
    webhook(message("/ask 1 Boshqa odamning savoli: gaz qachon?", user_id=555003))
    run_job()
    first, second = _replies(telegram)
    assert "not accepted" in second
    assert len(act("event_question_list", department["editor"], event_id=event["id"],
                   status="pending")["results"]) == 2


def test_a_question_for_an_unknown_event_gets_the_help(telegram, webhook, run_job, clean_db):
    webhook(message("/ask 7 Savol matni shu yerda", language="uz"))
    run_job()
    [reply] = _replies(telegram)
    # in the sender's language, the commands as they are
    assert reply == ("/ask N savol shaklida yuboring; tadbirlar raqamlarini /events "
                     "koʻrsatadi.")


@pytest.fixture
def appeal(department):
    factories.Organization(name="water", title="Ichimlik suvi", users=[
        {"name": "muharrir", "capacity": "admin"}])
    return helpers.call_action("appeal_submit", context={"user": ""}, type="application",
                               topic="water", owner_org="water", subject="Suv yoʻq",
                               text="Bir haftadan beri suv yoʻq.", consent="on", **PERSONAL)


def test_an_appeal_followed_in_telegram_until_unlinked(telegram, department, appeal, webhook,
                                                       run_job):
    with pytest.raises(tk.ObjectNotFound):
        act("telegram_appeal_link_create", None, number=appeal["number"], code="WRONG-CODE")
    link = act("telegram_appeal_link_create", None, number=appeal["number"],
               code=appeal["access_code"])
    assert link["url"].startswith("https://t.me/ochiq_portal_bot?start=")
    token = link["url"].split("start=")[1]
    assert appeal["access_code"] not in link["url"] and appeal["number"] not in link["url"]

    webhook(message(f"/start {token}", user_id=555010, language="ru"))
    webhook(message(f"/start {token}", user_id=555011))  # used once only
    helpers.call_action("appeal_extend", context={"user": "muharrir"}, id=appeal["number"],
                        reason="Joyida oʻrganish kerak",
                        until=(dt.date.fromisoformat(appeal["due_on"])
                               + dt.timedelta(days=10)).isoformat())
    run_job()
    run_job()
    linked, extended = _replies(telegram, 555010)
    assert appeal["number"] in linked
    assert linked.startswith("Здесь вам будут сообщать")  # the sender's Telegram language
    assert extended == f"Обращение {appeal['number']}: Срок продлён"
    [refused] = _replies(telegram, 555011)
    assert "not valid" in refused
    everything = " ".join(p["text"] for p in telegram.sent("sendMessage"))
    for value in PERSONAL.values():
        assert value not in everything
    assert appeal["access_code"] not in everything

    webhook(message("/unlink", user_id=555010))
    helpers.call_action("appeal_answer", context={"user": "muharrir"}, id=appeal["number"],
                        outcome="explained", answer="Tushuntirildi.")
    run_job()
    assert len(_replies(telegram, 555010)) == 3  # the unlink confirmation, nothing after


def test_the_follow_page_gives_a_link(telegram, department, appeal, app):
    page = app.post("/telegram/appeal", data={"number": appeal["number"],
                                              "code": appeal["access_code"]})
    assert page.status_code == 200
    assert "https://t.me/ochiq_portal_bot?start=" in page.get_data(as_text=True)
    wrong = app.post("/telegram/appeal", data={"number": appeal["number"], "code": "XXXX"})
    assert wrong.status_code == 200 and "t.me/ochiq_portal_bot?start=" not in \
        wrong.get_data(as_text=True)


def test_the_tracking_page_offers_the_bot(telegram, department, appeal, app, monkeypatch,
                                          ckan_config):
    data = {"number": appeal["number"], "code": appeal["access_code"]}
    page = app.post("/appeals/track", data=data).get_data(as_text=True)
    assert "Follow in Telegram" in page and 'action="/telegram/appeal"' in page
    monkeypatch.setitem(ckan_config, "ckanext.transparency.telegram.token", "")
    assert "Follow in Telegram" not in app.post("/appeals/track", data=data).get_data(
        as_text=True)

"""A portal poll on the channel: posted as a native poll, its votes read back and shown beside
the portal's (and in the published results), stopped when it closes on the portal."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk

from .conftest import act, at, poll_update

LABELS = ["Suv", "Issiqlik", "Yoʻllar"]


@pytest.fixture
def poll(department, roles_citizen):
    made = act("poll_create", department["editor"], owner_org=department["org"]["id"],
               question="Qaysi loyiha muhim?", options=LABELS, opens_at=at(hours=-1),
               closes_at=at(days=3))
    act("poll_vote", roles_citizen, id=made["id"], options=[made["options"][0]["id"]])
    return made


@pytest.fixture
def roles_citizen(department):
    import ckan.tests.factories as factories
    return factories.User(name="fuqaro")


def test_a_poll_goes_to_the_channel_and_its_votes_come_back(telegram, department, poll,
                                                            run_job, webhook):
    act("telegram_poll_post", department["editor"], id=poll["id"])
    run_job()
    [sent] = telegram.sent("sendPoll")
    assert sent["chat_id"] == "@ochiq_portal" and sent["question"] == "Qaysi loyiha muhim?"
    assert [o["text"] for o in sent["options"]] == LABELS
    assert sent["is_anonymous"] is True and sent["allows_multiple_answers"] is False
    with pytest.raises(tk.ValidationError) as error:  # once only
        act("telegram_poll_post", department["editor"], id=poll["id"])
    assert "id" in error.value.error_dict

    from ckanext.transparency.telegram.model import ChannelPoll
    from ckan import model
    telegram_id = model.Session.get(ChannelPoll, poll["id"]).telegram_poll_id
    assert webhook(poll_update(telegram_id, [2, 5, 0], LABELS)).json["outcome"] == "poll"

    results = act("poll_results", department["editor"], id=poll["id"])
    assert results["voters"] == 1 and results["channels"] == {"telegram": 7}
    assert results["total_voters"] == 8
    assert [(o["votes"], o["channels"]["telegram"], o["total"]) for o in results["options"]] \
        == [(1, 2, 3), (0, 5, 5), (0, 0, 0)]

    # closing on the portal stops it on Telegram
    act("poll_update", department["editor"], id=poll["id"], closes_at=at(hours=-0.01))
    run_job()
    [stop] = telegram.sent("stopPoll")
    assert stop["chat_id"] == "-1001234567890" and isinstance(stop["message_id"], int)
    run_job()
    assert len(telegram.sent("stopPoll")) == 1
    # the final counts stopPoll answers with (two late votes) are the ones kept
    telegram.vote(stop["message_id"], [2, 6, 1])
    model.Session.get(ChannelPoll, poll["id"]).stop_queued_at = None
    model.Session.commit()
    run_job()
    results = act("poll_results", department["editor"], id=poll["id"])
    assert results["channels"] == {"telegram": 9} and results["total_voters"] == 10


def test_the_published_results_carry_both_counts(telegram, department, poll, run_job, webhook,
                                                 app):
    act("telegram_poll_post", department["editor"], id=poll["id"])
    run_job()
    from ckanext.transparency.telegram.model import ChannelPoll
    from ckan import model
    telegram_id = model.Session.get(ChannelPoll, poll["id"]).telegram_poll_id
    webhook(poll_update(telegram_id, [2, 5, 0], LABELS))
    act("poll_update", department["editor"], id=poll["id"], closes_at=at(hours=-0.01))
    dataset = act("poll_publish_results", department["editor"], id=poll["id"])
    assert "Telegram" in dataset["notes"]
    [resource] = dataset["resources"]
    body = app.get(resource["url"].replace("http://test.ckan.net", "")).get_data(as_text=True)
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0] == ("option_number,option,votes,share_percent,votes_telegram,votes_total,"
                        "total_share_percent")
    assert lines[1].startswith("1,Suv,1,100.0,2,3,")


def test_the_poll_page_shows_portal_telegram_and_total(telegram, department, poll, run_job,
                                                       webhook, app):
    act("telegram_poll_post", department["editor"], id=poll["id"])
    run_job()
    from ckanext.transparency.telegram.model import ChannelPoll
    from ckan import model
    telegram_id = model.Session.get(ChannelPoll, poll["id"]).telegram_poll_id
    webhook(poll_update(telegram_id, [2, 5, 0], LABELS))
    act("poll_update", department["editor"], id=poll["id"], closes_at=at(hours=-0.01))
    page = app.get(poll["url"].replace("http://test.ckan.net", "")).get_data(as_text=True)
    assert "In Telegram" in page and "On the portal" in page and "Total" in page


def test_an_outsider_cannot_post_a_poll(telegram, department, poll, roles_citizen):
    with pytest.raises(tk.NotAuthorized):
        act("telegram_poll_post", roles_citizen, id=poll["id"])
    assert telegram.calls == []


def test_the_editor_posts_from_the_poll_page(telegram, department, poll, app, run_job):
    path = poll["url"].replace("http://test.ckan.net", "")
    headers = {"Authorization": tk.get_action("api_token_create")(
        {"ignore_auth": True, "user": "muharrir"},
        {"user": "muharrir", "name": "t"})["token"]}
    page = app.get(path, headers=headers).get_data(as_text=True)
    assert "Post to the Telegram channel" in page
    app.post(f"/telegram/poll/{poll['name']}", headers=headers)
    run_job()
    assert len(telegram.sent("sendPoll")) == 1
    page = app.get(path, headers=headers).get_data(as_text=True)
    assert "On the Telegram channel" in page and "Post to the Telegram channel" not in page
    assert "Post to the Telegram channel" not in app.get(path).get_data(as_text=True)


def _login(app, user) -> None:
    import ckan.tests.helpers as helpers
    token = helpers.call_action("api_token_create", context={"user": user["name"]},
                                user=user["name"], name="pages")["token"]
    app.client.environ_base["HTTP_AUTHORIZATION"] = token


def test_the_poll_form_posts_to_the_channel_as_the_poll_is_created(telegram, department, app,
                                                                   run_job, monkeypatch,
                                                                   ckan_config):
    _login(app, department["editor"])
    assert "Also post to the Telegram channel" in app.get("/dialogue/poll/new").body
    form = {"question": "Qaysi yoʻl taʼmirlansin?", "owner_org": department["org"]["id"],
            "options": ["Navoiy koʻchasi", "Amir Temur koʻchasi"],
            "closes_at": "2031-01-01T12:00", "results_visibility": "after_vote",
            "telegram_post": "true"}
    created = app.post("/dialogue/poll/new", data=form, follow_redirects=False)
    assert created.status_code == 302, re.findall(r"invalid-feedback[^<]*<?[^<]*", created.body)
    run_job()
    [sent] = telegram.sent("sendPoll")
    assert sent["question"] == "Qaysi yoʻl taʼmirlansin?"

    too_many = dict(form, question="Oʻn bittadan biri", options=[f"{n}-variant" for n in
                                                                range(1, 12)])
    page = app.post("/dialogue/poll/new", data=too_many, follow_redirects=False)
    assert page.status_code == 200 and "at most 10 options" in page.body
    assert act("poll_list", None)["count"] == 1  # refused before it was created

    app.post("/dialogue/poll/new", data=dict(form, question="Faqat portalda",
                                             telegram_post=""))
    run_job()
    assert len(telegram.sent("sendPoll")) == 1
    monkeypatch.setitem(ckan_config, "ckanext.transparency.telegram.token", "")
    assert "Also post to the Telegram channel" not in app.get("/dialogue/poll/new").body

"""Happenings announced on the channel in the site's language, each exactly once."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.transparency.telegram import announcements
from ckanext.transparency.telegram.model import Delivery

from .conftest import act, at


def _posts(standin) -> list[str]:
    return [p["text"] for p in standin.sent("sendMessage") if p["chat_id"] == "@ochiq_portal"]


def test_an_event_is_announced_once_then_its_postponement(telegram, department, run_job):
    event = act("event_create", department["editor"], kind="briefing",
                title="Byudjet ijrosi boʻyicha brifing", owner_org=department["org"]["id"],
                start=at(days=7), stream_url="https://www.youtube.com/watch?v=abcdefgh")
    run_job()
    [post] = _posts(telegram)
    assert "Byudjet ijrosi boʻyicha brifing" in post
    assert f"http://test.ckan.net/dialogue/event/{event['name']}" in post
    assert post.startswith("<b>New event</b>")  # the site's language (en in tests)
    run_job()  # again: nothing new
    assert len(_posts(telegram)) == 1

    act("event_update", department["editor"], id=event["id"], status="postponed",
        start=at(days=9))
    run_job()
    run_job()
    posts = _posts(telegram)
    assert len(posts) == 2 and posts[1].startswith("<b>The event is postponed</b>")
    assert telegram.sent("sendMessage")[1]["parse_mode"] == "HTML"


def test_a_live_event_is_announced_with_its_stream(telegram, department, run_job):
    event = act("event_create", department["editor"], kind="briefing", title="Jonli brifing",
                owner_org=department["org"]["id"], start=at(hours=1),
                stream_url="https://www.youtube.com/watch?v=live1")
    act("event_update", department["editor"], id=event["id"], status="live")
    run_job()
    [announced, live] = _posts(telegram)
    assert live.startswith("<b>Starting now</b>")
    assert "Watch: https://www.youtube.com/watch?v=live1" in live


@pytest.mark.ckan_config("ckan.locale_default", "ru")
def test_posts_are_in_the_sites_language(telegram, department, run_job):
    act("event_create", department["editor"], kind="briefing", title="Brifing",
        owner_org=department["org"]["id"], start=at(days=3))
    run_job()
    [post] = _posts(telegram)
    assert post.startswith("<b>Новое мероприятие</b>")


def test_a_key_is_delivered_once_even_when_two_jobs_overlap(telegram, department):
    act("event_create", department["editor"], kind="briefing", title="Brifing",
        owner_org=department["org"]["id"], start=at(days=3))
    assert announcements.announce() == 1
    # a second worker that read the same window (the watermark not yet moved)
    from ckan.model.system_info import set_system_info
    set_system_info(announcements.WATERMARK,
                    (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)).isoformat())
    assert announcements.announce() == 0
    from ckan import model
    assert model.Session.query(Delivery).count() == 1


def test_without_a_token_nothing_is_sent(configured, department, run_job, monkeypatch,
                                         ckan_config):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.telegram.token", "")
    act("event_create", department["editor"], kind="briefing", title="Brifing",
        owner_org=department["org"]["id"], start=at(days=3))
    assert run_job() == "off (no token)"
    assert configured.calls == []

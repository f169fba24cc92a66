"""Telegram down or rate-limiting never fails a portal request: calls wait in the outbox and are
retried (after retry_after when Telegram asks), each sent once."""
from __future__ import annotations

import datetime as dt

from ckan import model

from ckanext.transparency.telegram import outbox
from ckanext.transparency.telegram.model import Outbox

from .conftest import act, at


def _due_now() -> None:
    model.Session.query(Outbox).update({Outbox.next_try: dt.datetime(2000, 1, 1)})
    model.Session.commit()


def test_a_failing_api_is_retried_and_each_post_sent_once(telegram, department, run_job):
    telegram.fail(500, times=2)
    act("event_create", department["editor"], kind="briefing", title="Brifing",
        owner_org=department["org"]["id"], start=at(days=3))
    assert "retry 1" in run_job()
    assert outbox.pending() == 1
    assert run_job().endswith("sent 0, retry 0, failed 0")  # not due yet: backing off
    _due_now()
    assert "retry 1" in run_job()
    _due_now()
    assert "sent 1" in run_job()
    assert len(telegram.sent("sendMessage")) == 1
    assert [name for name, _ in telegram.calls].count("failed:sendMessage") == 2
    _due_now()
    run_job()
    assert len(telegram.sent("sendMessage")) == 1


def test_too_many_requests_waits_as_long_as_telegram_asks(telegram, department, run_job):
    telegram.fail(429, retry_after=120)
    act("event_create", department["editor"], kind="briefing", title="Brifing",
        owner_org=department["org"]["id"], start=at(days=3))
    run_job()
    [row] = model.Session.query(Outbox).all()
    wait = row.next_try - dt.datetime.utcnow()
    assert dt.timedelta(seconds=100) < wait <= dt.timedelta(seconds=120)
    assert "429" in row.error and "bot" not in row.error  # never the token's address


def test_telegram_down_does_not_fail_a_portal_request(telegram, department, app):
    telegram.stop()  # nothing listens any more
    poll = act("poll_create", department["editor"], owner_org=department["org"]["id"],
               question="Qaysi?", options=["A", "B"], closes_at=at(days=2))
    result = act("telegram_poll_post", department["editor"], id=poll["id"])
    assert result["queued"] is True
    assert outbox.send_due()["retry"] == 1
    assert outbox.pending() == 1

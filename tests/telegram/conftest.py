"""Fixtures of the Telegram tests: the Bot API stand-in (real HTTP) and the plugin configured
to use it; a department with an editor; a citizen's Telegram messages as webhook updates."""
from __future__ import annotations

import datetime
import itertools

import pytest

import ckan.tests.factories as factories

from ckanext.transparency.dialogue.model import utcnow
from ckanext.transparency.telegram import periodic_jobs

from .standin import BotApiStandIn
from tests.helpers import act

TOKEN = "123456:TEST-token_abc"
SECRET = "webhook-secret_1"
PREFIX = "ckanext.transparency.telegram."


def at(hours: float = 0, days: float = 0) -> str:
    moment = utcnow() + datetime.timedelta(hours=hours, days=days)
    return moment.replace(microsecond=0).isoformat() + "Z"


@pytest.fixture
def standin():
    server = BotApiStandIn(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def configured(standin, ckan_config, monkeypatch):
    for key, value in {"token": TOKEN, "api_url": standin.url, "channel": "@ochiq_portal",
                       "bot_username": "ochiq_portal_bot", "webhook_secret": SECRET,
                       "timeout": 5}.items():
        monkeypatch.setitem(ckan_config, PREFIX + key, value)
    return standin


@pytest.fixture
def telegram(configured, clean_db, clean_index, with_plugins):
    return configured


@pytest.fixture
def department(clean_db, with_plugins):
    editor = factories.User(name="muharrir", email="muharrir@example.uz")
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                 users=[{"name": "muharrir", "capacity": "editor"}])
    return {"editor": editor, "org": org}


@pytest.fixture
def run_job():
    def run() -> str:
        return periodic_jobs.run()
    return run


@pytest.fixture
def webhook(app):
    """Post an update to the webhook as Telegram would (with the secret, unless given)."""
    def post(update: dict, secret: str | None = SECRET):
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return app.post("/telegram/webhook", json=update, headers=headers)
    return post


_ids = itertools.count(700001)


def message(text: str, user_id: int = 555001, language: str = "en") -> dict:
    """An update with a private message to the bot, as Telegram documents Update/Message."""
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": 1764700000, "text": text,
        "chat": {"id": user_id, "type": "private", "first_name": "Aziz"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Aziz",
                 "language_code": language}}}


def poll_update(poll_id: str, counts: list[int], labels: list[str]) -> dict:
    """An update with a poll's new state (Update.poll: Poll)."""
    return {"update_id": next(_ids), "poll": {
        "id": poll_id, "question": "?", "is_closed": False, "is_anonymous": True,
        "type": "regular", "allows_multiple_answers": False,
        "total_voter_count": sum(counts),
        "options": [{"text": t, "voter_count": c} for t, c in zip(labels, counts)]}}

"""The webhook: the secret header, each update once, bad input; getUpdates without a webhook;
setWebhook from the command line."""
from __future__ import annotations

from ckan import model
from ckan.cli.cli import ckan

from ckanext.transparency.telegram.model import Update

from .conftest import SECRET, message


def test_forged_updates_are_refused(telegram, webhook):
    update = message("/start")
    assert webhook(update, secret=None).status_code == 403
    assert webhook(update, secret="guess").status_code == 403
    assert webhook(update, secret=SECRET + "x").status_code == 403
    assert model.Session.query(Update).count() == 0
    assert telegram.calls == []


def test_an_update_is_processed_once(telegram, webhook, run_job):
    update = message("/start")
    first = webhook(update)
    assert first.status_code == 200 and first.json["outcome"] == "message"
    again = webhook(update)
    assert again.status_code == 200 and again.json["outcome"] == "duplicate"
    run_job()
    [reply] = telegram.sent("sendMessage")
    assert reply["chat_id"] == 555001
    assert "/events" in reply["text"]


def test_malformed_updates_get_a_clear_answer_not_an_error(telegram, app, webhook):
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    assert app.post("/telegram/webhook", data="not json", headers=headers,
                    content_type="application/json").status_code == 400
    response = webhook({"update_id": "x", "message": "y"})
    assert response.status_code == 200 and response.json["outcome"] == "invalid"
    response = webhook({"message": {}})
    assert response.json["outcome"] == "invalid"


def test_the_webhook_is_off_without_a_token(configured, app, clean_db, with_plugins,
                                            monkeypatch, ckan_config):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.telegram.token", "")
    response = app.post("/telegram/webhook", json=message("/start"),
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == 404


def test_without_a_webhook_the_job_fetches_updates(telegram, run_job, monkeypatch,
                                                   ckan_config):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.telegram.webhook_secret", "")
    telegram.updates.append(message("/events"))
    run_job()
    [fetch] = telegram.sent("getUpdates")
    assert "offset" not in fetch and fetch["allowed_updates"] == ["message", "poll"]
    [reply] = telegram.sent("sendMessage")
    assert "No upcoming event takes questions now." in reply["text"]
    run_job()  # the same update is not processed again; the offset moves past it
    assert telegram.sent("getUpdates")[1]["offset"] == telegram.updates[0]["update_id"] + 1
    assert len(telegram.sent("sendMessage")) == 1


def test_set_webhook_from_the_command_line(telegram, cli, ckan_config):
    result = cli.invoke(ckan, ["transparency", "telegram-webhook"])
    assert result.exit_code == 0, result.output
    assert telegram.webhook == {"url": "http://test.ckan.net/telegram/webhook",
                                "secret_token": SECRET,
                                "allowed_updates": ["message", "poll"]}

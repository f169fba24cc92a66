"""A service the portal cannot reach (here a Redis that is down: a real closed port) gets a
clear 503 in the reader's language, on pages and in the Action API, never a 500; nothing is
stored, and nothing of the request reaches the log."""
from __future__ import annotations

import json
import logging
import socket

import pytest
import sqlalchemy as sa

import ckan.lib.redis as ckan_redis
import ckan.model as model
from ckan.tests import factories

from ckanext.transparency.appeals import model as appeals_model

APPLICANT = {"full_name": "Nodira Sinovova-Qwerty", "address": "Sinov mahallasi, 12-uy"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(with_plugins, clean_db, ckan_config, monkeypatch):
    factories.Organization(name="water")
    monkeypatch.setitem(ckan_config, "ckan.redis.url", f"redis://127.0.0.1:{_closed_port()}/0")
    monkeypatch.setitem(ckan_config, "ckanext.transparency.appeals.rate_limit", 5)
    monkeypatch.setattr(ckan_redis, "_connection_pool", None)


def _appeal(key: str) -> dict:
    return {"type": "application", "topic": "water", "owner_org": "water",
            "subject": "Suv yoʻq", "text": "Bir haftadan beri suv yoʻq.",
            "consent": True, "submission_key": key, **APPLICANT}


def _stored() -> int:
    return appeals_model.session().query(appeals_model.Appeal.__table__).count()


def test_the_action_api_answers_503_in_json(app, redis_down, caplog):
    caplog.set_level(logging.DEBUG)
    response = app.post("/api/3/action/appeal_submit", json=_appeal("api-key-0123456789abcdef"),
                        status=503)
    body = json.loads(response.body)
    assert body["success"] is False
    assert body["error"]["__type"] == "Service Unavailable"
    assert "try again" in body["error"]["message"]
    assert response.headers["Retry-After"].isdigit()
    assert _stored() == 0
    assert not any(v in caplog.text for v in APPLICANT.values())


def test_a_page_answers_503_in_the_readers_language(app, redis_down, caplog):
    caplog.set_level(logging.DEBUG)
    response = app.post("/ru/appeals/new", data=_appeal("web-key-0123456789abcdef"), status=503)
    assert '<html lang="ru"' in response.body
    assert "Повторите попытку через минуту" in response.body
    assert "Traceback" not in response.body
    assert _stored() == 0
    assert not any(v in caplog.text for v in APPLICANT.values())


def test_a_database_error_does_not_carry_the_parameters(with_plugins):
    """CKAN's API view logs a failed action's exception whole (a restart under an insert)."""
    with pytest.raises(sa.exc.DBAPIError) as failure:
        model.Session.execute(sa.text("SELECT :name, 1 / 0"), {"name": APPLICANT["full_name"]})
    model.Session.rollback()
    assert APPLICANT["full_name"] not in str(failure.value)

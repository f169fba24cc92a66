"""Per-address limits count the client the trusted proxies name, never an address a client
wrote itself into X-Forwarded-For."""
from __future__ import annotations

import pytest

from .conftest import appeal_data

pytestmark = [pytest.mark.usefixtures("people"),
              pytest.mark.ckan_config("ckanext.transparency.appeals.rate_limit", 1),
              pytest.mark.ckan_config("ckanext.transparency.trusted_proxies",
                                      "10.0.0.5 172.28.0.0/24")]


def send(app, peer: str, forwarded: str | None = None, subject: str = "Water") -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return app.post("/api/3/action/appeal_submit", json=appeal_data(subject=subject),
                    headers=headers, environ_base={"REMOTE_ADDR": peer}).status_code


def test_citizens_behind_the_proxy_are_told_apart(app):
    assert send(app, "10.0.0.5", "198.51.100.1") == 200
    assert send(app, "10.0.0.5", "198.51.100.2") == 200  # another citizen, same proxy
    assert send(app, "10.0.0.5", "198.51.100.1", "Again") == 409  # the first one, again


def test_the_proxy_chain_is_read_from_the_right(app):
    # the client wrote an address of its own; the proxies appended what they saw
    assert send(app, "10.0.0.5", "203.0.113.99, 198.51.100.7, 172.28.0.3") == 200
    assert send(app, "10.0.0.5", "203.0.113.42, 198.51.100.7, 172.28.0.3", "Again") == 409
    assert send(app, "10.0.0.5", "198.51.100.8, 172.28.0.3") == 200  # another citizen


def test_forwarded_for_from_anyone_else_is_ignored(app):
    assert send(app, "192.0.2.9", "198.51.100.3") == 200
    assert send(app, "192.0.2.9", "198.51.100.4", "Again") == 409
    assert send(app, "192.0.2.9", "not an address", "Third") == 409

"""The pages work under the site's Content-Security-Policy: a page of each kind of the demo
portal, in a real browser, with no CSP violation in the console."""
from __future__ import annotations

import pytest

from ckan.tests.helpers import call_action

from .test_accessibility import demo_pages  # noqa: F401  (the fixture)

pytestmark = pytest.mark.system


def _dialogue_pages() -> list[str]:
    events = call_action("event_list", limit=5)["results"]
    polls = call_action("poll_list", limit=5)["results"]
    pages = [f"/dialogue/event/{event['name']}" for event in events[:2]]
    pages += ["/dialogue/polls"] + [f"/dialogue/poll/{poll['name']}" for poll in polls[:1]]
    pages += [f"/dialogue/poll/{poll['name']}/embed" for poll in polls[:1]]
    return pages


def test_no_content_security_policy_violations(live_server, browser, demo_pages):  # noqa: F811
    page = browser.new_context().new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    addresses = demo_pages + _dialogue_pages()
    for address in addresses:
        response = page.goto(f"{live_server}/uz{address}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    page.context.close()
    assert len(addresses) > 30
    assert not violations, "\n".join(violations)

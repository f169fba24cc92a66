"""The poll widget may be framed by other sites; the rest of the site's policy still holds."""
from __future__ import annotations

from ..test_security_headers import directives


def test_the_poll_widget_keeps_its_frame_ancestors_and_gets_the_rest(app, poll_factory):
    poll = poll_factory()
    widget = app.get(f"/dialogue/poll/{poll['name']}/embed")
    policy = directives(widget)
    assert policy["frame-ancestors"] == "*"
    assert policy["script-src"] == "'self'"
    assert "X-Frame-Options" not in widget.headers
    assert widget.headers["X-Content-Type-Options"] == "nosniff"
    page = app.get(f"/dialogue/poll/{poll['name']}")
    assert directives(page)["frame-ancestors"] == "'none'"

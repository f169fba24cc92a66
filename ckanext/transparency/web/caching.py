"""Which answers caches may share. With `ckan.cache_enabled`, CKAN marks a page `Cache-Control:
public` unless a user is signed in or the session holds data of its own; it lets through a page
that issued a CSRF token (a form: the token is one visitor's), a session holding only flash
messages, and every answer of the Action API, even one signed with an API token. Those are made
private here, so a shared cache (nginx's micro-cache, scripts/cluster.py) stores only answers that
are the same for every anonymous visitor."""
from __future__ import annotations

from flask import Response, current_app, g, request, session

import ckan.plugins.toolkit as tk


def keep_private(response: Response) -> Response:
    """Runs before CKAN's own after-request handler, which reads `__no_cache__`."""
    token_issued = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in g
    if token_issued or session or tk.current_user.is_authenticated:
        request.environ["__no_cache__"] = True
    return response

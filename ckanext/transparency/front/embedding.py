"""What makes a widget embeddable: other sites (those configured) may frame it; it runs no
script, sets no cookie and is the same for every visitor, so any cache may keep it for a while.
Every other page keeps the site's policy (frame-ancestors 'none', X-Frame-Options DENY)."""
from __future__ import annotations

from flask import Flask, Response, request

import ckan.plugins.toolkit as tk

MARK = "transparency.widget"
POLICY = ("default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; frame-src 'none'; object-src 'none'; "
          "base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}")


def embeddable(response: Response) -> Response:
    ancestors = tk.config.get("ckanext.transparency.widgets.frame_ancestors") or "*"
    response.headers["Content-Security-Policy"] = POLICY.format(ancestors=ancestors)
    response.headers.pop("X-Frame-Options", None)
    request.environ[MARK] = True
    return response


def _cache_for_everyone(response: Response) -> Response:
    """Last of the after-request handlers (after CKAN's, which marks an answer private when the
    site's page cache is off or the visitor is signed in: a widget is the same for all)."""
    if request.environ.get(MARK) and response.status_code == 200:
        seconds = tk.config.get("ckanext.transparency.widgets.max_age")
        response.headers["Cache-Control"] = f"public, max-age={seconds}"
        response.vary.discard("Cookie")
    return response


def install(app: Flask) -> None:
    # Flask runs the after-request handlers last registered first
    app.after_request_funcs.setdefault(None, []).insert(0, _cache_for_everyone)

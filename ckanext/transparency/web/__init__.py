"""Web hardening of the whole site: the client's address behind trusted proxies, request size
limits, security headers, cookies and what caches may share. Wired by the portal plugin
(IMiddleware)."""
from __future__ import annotations

from flask import Flask
from werkzeug.exceptions import RequestEntityTooLarge

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import ckan_before_request

from . import caching, headers, limits
from .proxies import TrustedProxies


def install(app: Flask) -> None:
    trusted = tk.aslist(tk.config.get("ckanext.transparency.trusted_proxies"))
    if trusted:
        app.wsgi_app = TrustedProxies(app.wsgi_app, trusted)  # type: ignore[method-assign]
    # straight after CKAN's own (which sets up the request without reading the body) and
    # before Flask-WTF's, which reads the form
    handlers = app.before_request_funcs.setdefault(None, [])
    handlers.insert(handlers.index(ckan_before_request) + 1, limits.check_size)
    app.register_error_handler(RequestEntityTooLarge, limits.too_large)
    app.after_request(headers.add_headers)
    # after CKAN's registration, so it runs before CKAN's handler that writes Cache-Control
    app.after_request(caching.keep_private)
    headers.secure_cookies(app)

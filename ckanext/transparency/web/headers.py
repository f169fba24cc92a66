"""Security headers on every response, and cookies only over HTTPS when the site is on it."""
from __future__ import annotations

from flask import Flask, Response

import ckan.plugins.toolkit as tk

CSP = "Content-Security-Policy"


def _directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {pair[0].lower(): (pair[1] if len(pair) > 1 else "") for pair in pairs}


def add_headers(response: Response) -> Response:
    """A view that sets its own Content-Security-Policy (the poll widget's frame-ancestors)
    keeps its directives; the site's policy fills in the others."""
    own = _directives(response.headers.get(CSP, ""))
    policy = {**_directives(tk.config.get("ckanext.transparency.content_security_policy")),
              **own}
    response.headers[CSP] = "; ".join(f"{name} {value}".strip()
                                      for name, value in policy.items())
    if "frame-ancestors" not in own:
        response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response


def secure_cookies(app: Flask) -> None:
    if tk.config.get("ckan.site_url", "").lower().startswith("https://"):
        for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
            app.config[name] = True

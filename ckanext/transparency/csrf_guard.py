"""CSRF stays on for browser sessions after a request signed with an API token.

CKAN exempts a view from CSRF when a request signs in with the Authorization header, but
Flask-WTF's exemptions hold for the whole process: from then on that view takes posts signed
by a session cookie without a token, so anybody with an API token could open any form (an
editor's answer to an appeal, say) to cross-site requests. This check, which runs after CKAN's
and before Flask-WTF's, asks for the token again on every request not signed by the header.
"""
from __future__ import annotations

from flask import Blueprint, current_app, g, request


def blueprint() -> Blueprint:
    from ckan.config.middleware.flask_app import csrf
    exempt_by_design = frozenset(csrf._exempt_views)  # before any request: decorated views
    guard = Blueprint("transparency_csrf", __name__)

    @guard.before_app_request
    def protect() -> None:
        if g.get("login_via_auth_header") or not current_app.config.get("WTF_CSRF_ENABLED"):
            return
        view = current_app.view_functions.get(request.endpoint or "")
        if view is None:
            return
        name = f"{view.__module__}.{view.__name__}"
        if name in csrf._exempt_views and name not in exempt_by_design:
            csrf.protect()  # raises CSRFError (400) without a valid token

    return guard

"""CSRF stays on for browser sessions, signed in or anonymous.

CKAN exempts a view from CSRF when a request signs in with the Authorization header, and marks
every anonymous request the same way; Flask-WTF's exemptions hold for the whole process, so
from then on that view takes posts without a token. Anybody with an API token could open any
form (an editor's answer to an appeal, say) to cross-site requests, and a third-party page
could make its visitors' browsers submit appeals, guess access codes, ask questions or vote.
This check, which runs after CKAN's and before Flask-WTF's, asks for the token again on every
request not signed by an API token. Anonymous calls of the Action API stay open to programs;
a browser's post there from another site's page (Fetch Metadata: Sec-Fetch-Site, which
programs do not send) is refused unless CKAN's CORS settings allow that site.
"""
from __future__ import annotations

from flask import Blueprint, current_app, g, request
from flask_wtf.csrf import CSRFError

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import csrf


# a view that proves its caller otherwise (a webhook's secret header) carries this attribute,
# set to True, and takes posts without a token
NO_TOKEN_NEEDED = "transparency_no_csrf_token"

# CKAN's CSRFProtect is one for the process, shared by every app made in it (tests make many)
_exempt_by_design: frozenset[str] | None = None


def _signed_by_api_token() -> bool:
    return bool(g.get("login_via_auth_header") and tk.current_user.is_authenticated
                and request.headers.get(tk.config.get("apitoken_header_name")))


def _anonymous_api_call() -> bool:
    return request.blueprint == "api" and not tk.current_user.is_authenticated


def _sent_by_another_site() -> bool:
    if request.headers.get("Sec-Fetch-Site") != "cross-site":
        return False
    allowed = tk.aslist(tk.config.get("ckan.cors.origin_whitelist"))
    return not (tk.config.get("ckan.cors.origin_allow_all")
                or request.headers.get("Origin") in allowed)


def refused(error: CSRFError) -> tuple[str, int]:
    message = tk._("This form has expired or was sent from another site. Please open the page "
                   "again and send the form once more.")
    return tk.render("error_document_template.html", {"code": 400, "content": message}), 400


def blueprint() -> Blueprint:
    global _exempt_by_design
    if _exempt_by_design is None:  # the first app, before any request: decorated views only
        _exempt_by_design = frozenset(csrf._exempt_views)
    exempt_by_design = _exempt_by_design
    guard = Blueprint("transparency_csrf", __name__)

    @guard.before_app_request
    def protect() -> None:
        if not current_app.config.get("WTF_CSRF_ENABLED") or _signed_by_api_token():
            return
        if _anonymous_api_call():
            if (request.method in current_app.config["WTF_CSRF_METHODS"]
                    and _sent_by_another_site()):
                raise CSRFError()
            return
        view = current_app.view_functions.get(request.endpoint or "")
        if view is None or getattr(view, NO_TOKEN_NEEDED, False):
            return
        name = f"{view.__module__}.{view.__name__}"
        if name in csrf._exempt_views and name not in exempt_by_design:
            csrf.protect()  # raises CSRFError (400) without a valid token

    guard.app_errorhandler(CSRFError)(refused)
    return guard

"""Signing in or up from a page brings the citizen back to that page.

CKAN's login follows `came_from` (or `next`) when `h.url_is_local` accepts it, which lets
through "/\\other.site" (browsers read the backslash as a slash) and absolute addresses;
registration ignores it and opens the dashboard. Both views are wrapped here: the return
target is a path of this site or nothing."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from flask import Blueprint, request

import ckan.plugins.toolkit as tk
from ckan.views import user as ckan_user

_PATH = re.compile(r"/(?![/\\])[^\\\s\x00-\x1f\x7f]*")
_register = ckan_user.RegisterView.as_view("register")


def safe_target(value) -> str:
    """`value` if it is a path of this site ("/consultations/x?a=1"), else ""."""
    return value if isinstance(value, str) and _PATH.fullmatch(value) else ""


def _requested_target() -> str:
    return safe_target(request.args.get("next") or request.args.get("came_from") or "")


def _signed_in_and_sent_on(response) -> bool:
    return request.method == "POST" and tk.current_user.is_authenticated \
        and getattr(response, "status_code", 200) in (301, 302, 303)


def login():
    response = ckan_user.login()
    if _signed_in_and_sent_on(response):
        return tk.redirect_to(_requested_target() or tk.url_for("user.me"))
    return response


def register():
    response = _register()
    target = _requested_target()
    if target and _signed_in_and_sent_on(response) \
            and urlparse(response.location).path == tk.url_for("user.me"):
        return tk.redirect_to(target)
    return response


def return_here() -> str:
    """Where signing in from this page returns to: the page itself, or on the sign-in and
    sign-up pages the page they were opened from."""
    if request.endpoint in ("transparency_accounts.login", "transparency_accounts.register") \
            or request.blueprint == "user":
        return _requested_target()
    if request.method != "GET":
        return ""
    here = request.environ.get("CKAN_CURRENT_URL", "")
    if not request.environ.get("CKAN_LANG_IS_DEFAULT", True):
        here = f"/{request.environ['CKAN_LANG']}{here}"  # CKAN took the language off the path
    return safe_target(here)


def blueprint() -> Blueprint:
    accounts = Blueprint("transparency_accounts", __name__)
    accounts.add_url_rule("/user/login", view_func=login, methods=("GET", "POST"))
    accounts.add_url_rule("/user/register", view_func=register, methods=("GET", "POST"))
    return accounts


def get_helpers() -> dict:
    return {"transparency_return_here": return_here}

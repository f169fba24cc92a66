"""Helpers the tests of every folder share."""
from __future__ import annotations

from ckan.tests import helpers


def act(action: str, user: dict | str | None = None, /, **data):
    """Call an action as `user` (a user's dict or name; None: anonymous) with authorization
    checked, as a page or the API would."""
    name = user["name"] if isinstance(user, dict) else user
    return helpers.call_action(action, context={"ignore_auth": False, "user": name or ""},
                               **data)

"""Action contexts: for the signed-in user of the request and for the site user (commands, jobs,
the demo)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

# in an action's context: the caller fills the resource's DataStore table itself (the open-data
# uploads then leave the resource's data alone)
LOADED_BY_CALLER = "transparency_datastore_loaded_by_caller"


def user_context() -> dict:
    """The context of an action called for the request's user ("" when anonymous)."""
    user = tk.current_user
    if user and user.is_authenticated:
        return {"user": user.name, "auth_user_obj": user}
    return {"user": ""}


def site_context() -> dict:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def as_user(name: str, *, ignore_auth: bool = True) -> dict:
    """The context of an action done on behalf of the named user (the demo, jobs, the bot):
    their rights are checked only when `ignore_auth` is False."""
    return {"user": name, "ignore_auth": ignore_auth}


def anonymous_context() -> dict:
    """The context of an action called as an anonymous visitor sees things."""
    return {"user": ""}

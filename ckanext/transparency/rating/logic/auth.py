"""Who may see the rating: a published snapshot everyone; an unpublished one the staff (members
of any department) and sysadmins; computing and publishing sysadmins only."""
from __future__ import annotations

import ckan.authz as authz
import ckan.plugins.toolkit as tk


def _staff(context) -> bool:
    user = context.get("user")
    return bool(user) and authz.has_user_permission_for_some_org(user, "read")


@tk.auth_allow_anonymous_access
def openness_rating_show(context, data_dict):
    if (data_dict or {}).get("published"):
        return {"success": True}
    return openness_rating_internal(context, data_dict)


@tk.auth_allow_anonymous_access
def openness_rating_history(context, data_dict):
    return {"success": True}  # the action leaves out what the user may not see


@tk.auth_allow_anonymous_access
def openness_rating_methodology(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def openness_rating_internal(context, data_dict):
    if _staff(context):
        return {"success": True}
    return {"success": False, "msg": tk._("The rating is internal until a sysadmin publishes "
                                          "it.")}


def openness_rating_compute(context, data_dict):
    return {"success": False, "msg": tk._("Only a sysadmin computes the rating.")}


def openness_rating_publish(context, data_dict):
    return {"success": False, "msg": tk._("Only a sysadmin publishes the rating.")}


def get_auth_functions() -> dict:
    return {f.__name__: f for f in (
        openness_rating_show, openness_rating_history, openness_rating_methodology,
        openness_rating_internal, openness_rating_compute, openness_rating_publish)}

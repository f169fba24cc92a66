"""Who may do what with appeals. Sysadmins pass every check (CKAN's rule).

Anyone, with or without an account: submit online, track and rate with number + access code,
read the statistics and the reception schedule. Editors and admins of the responsible
department: see an appeal with the applicant's personal data and work it. Admins of the
department (its head): extend a deadline, keep the reception schedule."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.roles import STAFF, department_role, staff_departments



from .. import model as appeals_model


from .. import receptions

def _appeal_org(data_dict: dict) -> str | None:
    appeal_id = data_dict.get("id") or data_dict.get("number")
    appeal = appeals_model.get_appeal(appeal_id) if isinstance(appeal_id, str) else None
    return appeal["owner_org"] if appeal else None


def _result(allowed: bool, message: str) -> dict[str, Any]:
    return {"success": True} if allowed else {"success": False, "msg": message}


@tk.auth_allow_anonymous_access
def appeal_submit(context, data_dict):
    staff_only = (data_dict.get("channel") not in (None, "", "web")
                  or data_dict.get("registered_on") or data_dict.get("reception_id"))
    if not staff_only:
        return {"success": True}
    return _result(department_role(context.get("user"), data_dict.get("owner_org")) in STAFF,
                   tk._("Only staff of the department register appeals received in person, "
                        "in writing or by phone"))


@tk.auth_allow_anonymous_access
def appeal_track(context, data_dict):
    return {"success": True}  # the number + access code are checked by the action


@tk.auth_allow_anonymous_access
def appeal_rate(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def appeal_statistics(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def appeal_reception_list(context, data_dict):
    return {"success": True}


def appeal_list(context, data_dict):
    user = context.get("user")
    if data_dict.get("owner_org"):
        return _result(department_role(user, data_dict["owner_org"]) in STAFF,
                       tk._("Not a member of this department's staff"))
    return _result(bool(staff_departments(user)),
                   tk._("Only department staff can list appeals"))


def appeal_show(context, data_dict):
    return _result(department_role(context.get("user"), _appeal_org(data_dict)) in STAFF,
                   tk._("Not allowed to see this appeal"))


def _work(context, data_dict):
    return _result(department_role(context.get("user"), _appeal_org(data_dict)) in STAFF,
                   tk._("Not allowed to work on this appeal"))


def appeal_assign(context, data_dict):
    return _work(context, data_dict)


def appeal_forward(context, data_dict):
    return _work(context, data_dict)


def appeal_answer(context, data_dict):
    return _work(context, data_dict)


def appeal_close(context, data_dict):
    return _work(context, data_dict)


def appeal_reopen(context, data_dict):
    return _work(context, data_dict)


def appeal_attachment_show(context, data_dict):
    return _work(context, data_dict)


def appeal_extend(context, data_dict):
    return _result(department_role(context.get("user"), _appeal_org(data_dict)) == "admin",
                   tk._("Only the head of the department (its admin) may extend a deadline"))


def appeal_reception_create(context, data_dict):
    return _result(bool(data_dict.get("owner_org"))
                   and department_role(context.get("user"), data_dict["owner_org"]) == "admin",
                   tk._("Only an admin of the department keeps its reception schedule"))


@tk.auth_allow_anonymous_access
def appeal_reception_show(context, data_dict):
    return {"success": True}


def _keeps_schedule_of(user: str | None, owner_org: str | None) -> bool:
    return bool(owner_org) and department_role(user, owner_org) == "admin"


def appeal_reception_update(context, data_dict):
    """Admin of the reception's department, and of the department it moves to."""
    reception_id = data_dict.get("id")
    reception = receptions.get(reception_id) if isinstance(reception_id, str) else None
    user = context.get("user")
    moves_to = data_dict.get("owner_org")
    return _result(bool(reception) and _keeps_schedule_of(user, reception["owner_org"])
                   and (not moves_to or _keeps_schedule_of(user, moves_to)),
                   tk._("Only an admin of the department keeps its reception schedule"))


def appeal_reception_delete(context, data_dict):
    reception_id = data_dict.get("id")
    reception = receptions.get(reception_id) if isinstance(reception_id, str) else None
    return _result(bool(reception)
                   and _keeps_schedule_of(context.get("user"), reception["owner_org"]),
                   tk._("Only an admin of the department keeps its reception schedule"))


def appeal_publish_statistics(context, data_dict):
    return {"success": False, "msg": tk._("Only sysadmins publish the statistics")}


def appeal_status_show(context, data_dict):
    return {"success": False, "msg": tk._("Only the site's own jobs read appeal statuses")}

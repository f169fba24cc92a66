"""Who may do what. Reading is public; a department's editors and admins (and sysadmins) run its
events and polls and moderate and answer its questions; any signed-in user asks and votes."""
from __future__ import annotations

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core import roles



from ..model import Event, Poll, Question


from ..model import Material

def can_edit_department(user: str | None, org_reference: str | None) -> bool:
    return roles.is_staff(user, org_reference)


def _result(allowed: bool, message: str) -> dict:
    return {"success": True} if allowed else {"success": False, "msg": message}


def _event_org(data_dict: dict, key: str = "id") -> str | None:
    event = Event.get(data_dict.get(key))
    return event.owner_org if event else None


def _question_org(data_dict: dict) -> str | None:
    question_id = data_dict.get("id")
    question = model.Session.get(Question, question_id) if isinstance(question_id, str) \
        and question_id else None
    if question is None:
        return None
    event = model.Session.get(Event, question.event_id)
    return event.owner_org if event else None


def _poll_org(data_dict: dict) -> str | None:
    poll = Poll.get(data_dict.get("id"))
    return poll.owner_org if poll else None


def _department_editor(context, org) -> dict:
    return _result(can_edit_department(context.get("user"), org),
                   tk._("Only the department's editors can do this"))


@tk.auth_allow_anonymous_access
def event_list(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def event_archive(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def event_show(context, data_dict):
    return {"success": True}


def event_create(context, data_dict):
    return _department_editor(context, data_dict.get("owner_org"))


def event_update(context, data_dict):
    org = _event_org(data_dict)
    moves_to = data_dict.get("owner_org")
    target = model.Group.get(moves_to) if isinstance(moves_to, str) and moves_to else None
    if org and target is not None and not can_edit_department(
            context.get("user"), data_dict["owner_org"]):
        return _result(False, tk._("Only the department's editors can do this"))
    return _department_editor(context, org)


def event_material_create(context, data_dict):
    return _department_editor(context, _event_org(data_dict, "event_id"))


def event_material_delete(context, data_dict):
    material_id = data_dict.get("id")
    material = model.Session.get(Material, material_id) if isinstance(material_id, str) \
        and material_id else None
    event = model.Session.get(Event, material.event_id) if material else None
    return _department_editor(context, event.owner_org if event else None)


@tk.auth_allow_anonymous_access
def event_question_list(context, data_dict):
    """Published questions are public; the moderation queue is the department's."""
    statuses = data_dict.get("status")
    if statuses in ("pending", "rejected"):
        return _department_editor(context, _event_org(data_dict, "event_id"))
    return {"success": True}


@tk.auth_allow_anonymous_access
def event_question_show(context, data_dict):
    """Anyone may ask; the action hides what the user may not see (not found)."""
    return {"success": True}


def event_question_create(context, data_dict):
    # anonymous users are refused before this runs (no decorator); any account may ask
    return {"success": True}


def event_question_vote(context, data_dict):
    return {"success": True}


def event_question_moderate(context, data_dict):
    return _department_editor(context, _question_org(data_dict))


def event_question_answer(context, data_dict):
    return _department_editor(context, _question_org(data_dict))


def dialogue_moderation_queue(context, data_dict):
    """The pending questions of the departments the user edits: any editor of one."""
    user = context.get("user")
    allowed = bool(user) and (authz.is_sysadmin(user) or bool(
        authz.has_user_permission_for_some_org(user, "update_dataset")))
    return _result(allowed, tk._("Only the department's editors can do this"))


@tk.auth_allow_anonymous_access
def poll_list(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def poll_show(context, data_dict):
    return {"success": True}


def poll_create(context, data_dict):
    return _department_editor(context, data_dict.get("owner_org"))


def poll_update(context, data_dict):
    return _department_editor(context, _poll_org(data_dict))


def poll_vote(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def poll_results(context, data_dict):
    # whether the results are visible yet is the action's rule (it depends on the poll)
    return {"success": True}


def poll_publish_results(context, data_dict):
    return _department_editor(context, _poll_org(data_dict))


@tk.auth_allow_anonymous_access
def dialogue_activity(context, data_dict):
    return {"success": True}


def get_auth_functions() -> dict:
    names = ("event_list", "event_archive", "event_show", "event_create", "event_update",
             "event_material_create", "event_material_delete",
             "event_question_list", "event_question_show", "event_question_create", "event_question_vote",
             "event_question_moderate", "event_question_answer", "dialogue_moderation_queue",
             "poll_list", "poll_show", "poll_create", "poll_update", "poll_vote",
             "poll_results", "poll_publish_results", "dialogue_activity")
    return {name: globals()[name] for name in names}

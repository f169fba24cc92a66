"""Who may call the consultation actions. Reading is public; signed-in users take part; the
editors and admins of the responsible department manage drafts, moderate and answer."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model

from .. import access
from ..model import Consultation, ConsultationProposal


def _allowed(ok: bool, message: str) -> dict:
    return {"success": True} if ok else {"success": False, "msg": message}


@tk.auth_allow_anonymous_access
def consultation_list(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def consultation_show(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def consultation_attachment_show(context, data_dict):
    """Whoever may read the draft may download its files."""
    try:
        tk.check_access("consultation_show", context, data_dict)
    except tk.NotAuthorized as refused:
        return _allowed(False, str(refused))
    return {"success": True}


@tk.auth_allow_anonymous_access
def consultation_proposal_list(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def consultation_report_show(context, data_dict):
    return {"success": True}


def consultation_create(context, data_dict):
    """Editors of the department named in owner_org; without one, of any department."""
    user = context.get("user")
    organization = (data_dict or {}).get("owner_org")
    if organization:
        group = model.Group.get(organization) if isinstance(organization, str) else None
        ok = group is not None and access.can_manage(user, group.id)
    else:
        ok = bool(access.managed_organizations(user))
    return _allowed(ok, tk._("Only the editors of the responsible department can put a draft "
                             "up for discussion."))


def _manage_consultation(context, data_dict) -> dict:
    consultation = Consultation.get((data_dict or {}).get("id", ""))
    ok = consultation is not None and access.can_manage(context.get("user"),
                                                         consultation.owner_org)
    return _allowed(ok, tk._("Only the editors of the responsible department can do this."))


def _manage_proposal(context, data_dict) -> dict:
    proposal = ConsultationProposal.get((data_dict or {}).get("id", ""))
    consultation = proposal and Consultation.get(proposal.consultation_id)
    ok = consultation is not None and access.can_manage(context.get("user"),
                                                         consultation.owner_org)
    return _allowed(ok, tk._("Only the editors of the responsible department can do this."))


def consultation_update(context, data_dict) -> dict:
    """The draft's department, and the department it moves to (owner_org) as well."""
    result = _manage_consultation(context, data_dict)
    moves_to = (data_dict or {}).get("owner_org")
    if result["success"] and moves_to:
        group = model.Group.get(moves_to) if isinstance(moves_to, str) else None
        if group is not None and not access.can_manage(context.get("user"), group.id):
            return _allowed(False, tk._("Only the editors of the responsible department can "
                                        "do this."))
    return result


consultation_report_publish = _manage_consultation
consultation_moderation_queue = _manage_consultation
consultation_proposal_moderate = _manage_proposal
consultation_proposal_answer = _manage_proposal


def _signed_in(context, data_dict) -> dict:
    return _allowed(access.user_object(context) is not None,
                    tk._("Sign in (or register) to take part."))


consultation_proposal_create = _signed_in
consultation_proposal_vote = _signed_in
consultation_proposal_flag = _signed_in
consultation_subscribe = _signed_in


def get_auth_functions() -> dict:
    names = ("consultation_list", "consultation_show", "consultation_attachment_show",
             "consultation_proposal_list",
             "consultation_report_show", "consultation_create", "consultation_update",
             "consultation_report_publish", "consultation_moderation_queue",
             "consultation_proposal_moderate", "consultation_proposal_answer",
             "consultation_proposal_create", "consultation_proposal_vote",
             "consultation_proposal_flag", "consultation_subscribe")
    return {name: globals()[name] for name in names}

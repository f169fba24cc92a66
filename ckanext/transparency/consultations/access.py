"""Who may do what: the editors and admins of the responsible department manage a draft."""
from __future__ import annotations

import ckan.authz as authz
import ckan.model as model

PERMISSION = "update_dataset"  # editors and admins of the organization; sysadmins


def user_object(context: dict) -> "model.User | None":
    """The signed-in user of the call, or None (the web's anonymous user object is not one)."""
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    user = model.User.get(name) if name else None
    return user if user is not None and user.state == "active" else None


def can_manage(user_name: str | None, organization_id: str) -> bool:
    if not user_name:
        return False
    return authz.has_user_permission_for_group_or_org(organization_id, user_name, PERMISSION)


def managed_organizations(user_name: str | None) -> list[str]:
    """Ids of the organizations whose drafts this user manages (all of them for a sysadmin)."""
    if not user_name:
        return []
    query = model.Session.query(model.Group.id).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active")
    if not authz.is_sysadmin(user_name):
        user = model.User.get(user_name)
        if user is None:
            return []
        query = query.join(model.Member, model.Member.group_id == model.Group.id).filter(
            model.Member.table_name == "user", model.Member.table_id == user.id,
            model.Member.state == "active", model.Member.capacity.in_(("admin", "editor")))
    return [row[0] for row in query]

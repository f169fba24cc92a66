"""Who may do what: the editors and admins of the responsible department manage a draft."""
from __future__ import annotations

import ckan.model as model

from ckanext.transparency.core import roles


def user_object(context: dict) -> "model.User | None":
    """The signed-in user of the call, or None (the web's anonymous user object is not one)."""
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    user = model.User.get(name) if name else None
    return user if user is not None and user.state == "active" else None


def can_manage(user_name: str | None, organization_id: str) -> bool:
    return roles.is_staff(user_name, organization_id)


def managed_organizations(user_name: str | None) -> list[str]:
    """Ids of the organizations whose drafts this user manages (all of them for a sysadmin)."""
    return roles.staff_departments(user_name, every_one_for_sysadmin=True)

"""Department roles: who is staff of which department (a CKAN organization), in which capacity.
Sysadmins count as staff of every department (CKAN's rule)."""
from __future__ import annotations

from typing import Optional

import ckan.authz as authz
import ckan.model as model

STAFF = ("editor", "admin")


def department_role(user: Optional[str], department: Optional[str]) -> Optional[str]:
    """The capacity ("admin", "editor", "member") of `user` in the organization `department`
    (id or name), or None."""
    if not user or not department or not isinstance(department, str):
        return None
    group = model.Group.get(department)
    if group is None or not group.is_organization:
        return None
    return authz.users_role_for_group_or_org(group.id, user)


def is_staff(user: Optional[str], department: Optional[str],
             capacities: tuple[str, ...] = STAFF) -> bool:
    """Is `user` staff of `department` in one of `capacities` (or a sysadmin)?"""
    if not user:
        return False
    return authz.is_sysadmin(user) or department_role(user, department) in capacities


def staff_departments(user: Optional[str], capacities: tuple[str, ...] = STAFF,
                      every_one_for_sysadmin: bool = False) -> list[str]:
    """Ids of the active departments where `user` is staff in one of `capacities`."""
    if not user:
        return []
    query = model.Session.query(model.Group.id).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active")
    if every_one_for_sysadmin and authz.is_sysadmin(user):
        return [row[0] for row in query]
    user_obj = model.User.get(user)
    if user_obj is None:
        return []
    query = query.join(model.Member, model.Member.group_id == model.Group.id).filter(
        model.Member.table_name == "user", model.Member.table_id == user_obj.id,
        model.Member.state == "active", model.Member.capacity.in_(capacities))
    return [row[0] for row in query]

"""Small things every dialogue action needs."""
from __future__ import annotations

import ckan.lib.munge as munge
import ckan.model as model
import ckan.plugins.toolkit as tk


from .auth import can_edit_department


def current_user(context: dict) -> model.User | None:
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    return model.User.get(name) if name else None


def require_user(context: dict) -> model.User:
    user = current_user(context)
    if user is None:
        raise tk.NotAuthorized(tk._("Sign in to do this"))
    return user


def is_editor(context: dict, org_id: str) -> bool:
    return can_edit_department(context.get("user"), org_id)


def unique_name(table, wanted: str, fallback: str) -> str:
    base = munge.munge_title_to_name(wanted)[:90].strip("-") or fallback
    name, n = base, 1
    while model.Session.query(table).filter(table.name == name).count():
        n += 1
        name = f"{base}-{n}"
    return name


def check_name_free(table, name: str, own_id: str | None = None) -> None:
    query = model.Session.query(table).filter(table.name == name)
    if own_id:
        query = query.filter(table.id != own_id)
    if query.count():
        raise tk.ValidationError({"name": [tk._("That address is already in use")]})

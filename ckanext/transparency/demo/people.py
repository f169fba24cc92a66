"""Demo citizens: accounts the features' demos sign proposals, questions and votes with."""
from __future__ import annotations

import secrets

import ckan.plugins.toolkit as tk


def citizen(context: dict, name: str) -> dict:
    """The demo citizen `name`, created the first time (idempotent)."""
    try:
        return tk.get_action("user_show")(dict(context), {"id": name})
    except tk.ObjectNotFound:
        return tk.get_action("user_create")(dict(context), {
            "name": name, "email": f"{name}@example.uz", "password": secrets.token_urlsafe(16),
            "fullname": "Demo fuqaro"})

"""Validation schemas of the Telegram actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def _update_id(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise tk.Invalid(tk._("Must be a whole number"))
    return value


def _object(value):
    if not isinstance(value, dict):
        raise tk.Invalid(tk._("Must be an object"))
    return value


def update_schema() -> dict:
    not_empty = tk.get_validator("not_empty")
    ignore_missing = tk.get_validator("ignore_missing")
    return {"update_id": [not_empty, _update_id], "message": [ignore_missing, _object],
            "poll": [ignore_missing, _object], "__extras": [ignore_missing]}


def appeal_link_schema() -> dict:
    not_empty = tk.get_validator("not_empty")
    unicode_safe = tk.get_validator("unicode_safe")
    return {"number": [not_empty, unicode_safe], "code": [not_empty, unicode_safe]}


def follower_schema() -> dict:
    not_empty = tk.get_validator("not_empty")
    unicode_safe = tk.get_validator("unicode_safe")
    return {"follower": [not_empty, unicode_safe]}


def follower_message_schema() -> dict:
    not_empty = tk.get_validator("not_empty")
    unicode_safe = tk.get_validator("unicode_safe")
    return {**follower_schema(), "key": [not_empty, unicode_safe],
            "text": [not_empty, unicode_safe]}

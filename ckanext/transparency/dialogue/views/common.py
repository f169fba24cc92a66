"""What every dialogue view needs: the blueprint, the action context, form data, error pages."""
from __future__ import annotations

import ckan.lib.navl.dictization_functions as dictization_functions
import ckan.logic as logic
import ckan.plugins.toolkit as tk
from flask import Blueprint, request

from ckanext.transparency.core.context import user_context as context

dialogue = Blueprint("dialogue", __name__, url_prefix="/dialogue")


def call(action: str, data: dict):
    return tk.get_action(action)(context(), data)


def form_data() -> dict:
    """The posted form as a dict (repeated fields become lists), files included."""
    data = logic.clean_dict(dictization_functions.unflatten(
        logic.tuplize_dict(logic.parse_params(request.form))))
    data.update(logic.clean_dict(dictization_functions.unflatten(
        logic.tuplize_dict(logic.parse_params(request.files)))))
    data.pop("_ckan_phase", None)
    data.pop("save", None)
    return data


def args() -> dict:
    return {k: v for k, v in request.args.items() if v not in (None, "")}


def not_found(message: str):
    return tk.abort(404, message)


def forbidden(message: str):
    return tk.abort(403, message)


def error_summary(errors: dict) -> dict:
    return {key: "; ".join(str(e) for e in value) if isinstance(value, list) else str(value)
            for key, value in errors.items()}


def back(default: str) -> str:
    """A same-site address to return to (the `came_from` field), else `default`."""
    target = request.form.get("came_from") or ""
    return target if target.startswith("/") and not target.startswith("//") else default

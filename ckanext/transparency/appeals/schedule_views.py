"""Staff pages that keep the reception schedule: add, edit and take off a reception.
Thin: the rules are in appeal_reception_create / _update / _delete and their auth functions;
the blueprint that routes here is in views.py."""
from __future__ import annotations

from typing import Any

from flask import make_response

import ckan.authz as authz
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import user_context as _context

from . import receptions
from .logic import action, schema

FIELDS = ("owner_org", "position", "official", "weekday", "starts", "ends", "place",
          "sign_up")  # and "weeks": the ticked boxes


def _allowed(action: str, data_dict: dict) -> bool:
    try:
        tk.check_access(action, _context(), data_dict)
        return True
    except tk.NotAuthorized:
        return False


def schedule_departments() -> list[dict]:
    """Departments whose reception schedule the current user keeps."""
    if not tk.current_user.is_authenticated:
        return []
    organizations = tk.get_action("organization_list_for_user")(
        _context(), {"permission": "manage_group"})
    return [{"id": o["id"], "title": o.get("title") or o["name"]} for o in organizations
            if _allowed("appeal_reception_create", {"owner_org": o["id"]})]


def _refuse():
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.request.full_path)
    return tk.abort(403, tk._("Only an admin of the department keeps its reception schedule"))


def _posted() -> dict[str, Any]:
    form = tk.request.form
    data = {k: form.get(k, "") for k in FIELDS}
    data["weeks"] = ",".join(form.getlist("weeks"))
    return data


def _errors_without_writing(data: dict) -> dict:
    """The field errors of the whole form, for a department left empty (where the action
    would refuse before validating)."""
    try:
        action.validate_reception(dict(data), schema.reception_create(), _context())
        errors: dict = {}
    except tk.ValidationError as error:
        errors = dict(error.error_dict)
    errors["owner_org"] = [tk._("Missing value")]
    return errors


def _labels() -> dict[str, str]:
    return {"owner_org": tk._("Department"), "position": tk._("Position"),
            "official": tk._("Name of the official (optional)"), "weekday": tk._("Day of the week"),
            "weeks": tk._("Weeks of the month"), "starts": tk._("From"), "ends": tk._("Until"),
            "place": tk._("Place"), "sign_up": tk._("How to sign up (optional)"),
            "id": tk._("Reception")}


def _form_page(data: dict, errors: dict, departments: list[dict], reception_id: str = ""):
    order = list(_labels())
    errors = {k: errors[k] for k in sorted(errors, key=lambda k: order.index(k)
                                            if k in order else len(order))}
    page = tk.render("appeals/reception_form.html", extra_vars={
        "data": data, "errors": errors, "labels": _labels(), "departments": departments,
        "reception_id": reception_id, "weekdays": [(d, receptions.weekday_label(d))
                                                   for d in range(7)],
        "weeks": set(filter(None, str(data.get("weeks") or "").split(",")))})
    response = make_response(page, 400 if errors else 200)
    response.headers["Cache-Control"] = "no-store"
    return response


def _save(action: str, data: dict, departments: list[dict], reception_id: str = ""):
    if not data["owner_org"] and not authz.is_sysadmin(_context()["user"]):
        return _form_page(data, _errors_without_writing(data), departments, reception_id)
    try:
        tk.get_action(action)(_context(), dict(data, id=reception_id) if reception_id else data)
    except tk.NotAuthorized:
        return _refuse()
    except tk.ValidationError as error:
        return _form_page(data, error.error_dict, departments, reception_id)
    tk.h.flash_success(tk._("The reception schedule is saved."))
    return tk.redirect_to("appeals.reception_list")


def reception_new():
    departments = schedule_departments()
    if not departments:
        return _refuse()
    if tk.request.method == "POST":
        return _save("appeal_reception_create", _posted(), departments)
    data = {"owner_org": departments[0]["id"] if len(departments) == 1 else "",
            "weekday": "0", "weeks": ""}
    return _form_page(data, {}, departments)


def _stored(reception_id: str) -> dict:
    try:
        return tk.get_action("appeal_reception_show")(_context(), {"id": reception_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reception not found"))


def reception_edit(reception_id: str):
    stored = _stored(reception_id)
    if not _allowed("appeal_reception_update", {"id": reception_id}):
        return _refuse()
    departments = schedule_departments()
    if tk.request.method == "POST":
        return _save("appeal_reception_update", _posted(), departments, reception_id)
    return _form_page(dict(stored, weekday=str(stored["weekday"])), {}, departments,
                      reception_id)


def reception_delete(reception_id: str):
    stored = _stored(reception_id)
    if not _allowed("appeal_reception_delete", {"id": reception_id}):
        return _refuse()
    if tk.request.method == "POST":
        tk.get_action("appeal_reception_delete")(_context(), {"id": reception_id})
        tk.h.flash_success(tk._("The reception is taken off the schedule."))
        return tk.redirect_to("appeals.reception_list")
    return tk.render("appeals/reception_delete.html", extra_vars={
        "reception": stored, "weekday_label": receptions.weekday_label(stored["weekday"])})

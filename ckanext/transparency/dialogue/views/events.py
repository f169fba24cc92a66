"""The calendar, the archive, an event's page and the editors' event forms."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import make_response, send_file
import ckan.model as model

from .. import storage
from ..model import EVENT_KINDS, MATERIAL_KINDS
from . import common
from ..model import Material
from .common import dialogue

PAGE = 20


def _filters() -> dict:
    args = common.args()
    return {k: args[k] for k in ("kind", "owner_org", "year", "q") if k in args}


def _page() -> int:
    try:
        return max(1, int(tk.request.args.get("page", 1)))
    except ValueError:
        return 1


def _list(**data) -> dict:
    try:
        return common.call("event_list", data)
    except tk.ValidationError as error:
        return {"count": 0, "results": [], "errors": common.error_summary(error.error_dict)}


@dialogue.route("")
@dialogue.route("/")
def index():
    filters = _filters()
    filters.pop("q", None)
    page = _page()
    upcoming = _list(when="upcoming", limit=100, **filters)
    past = _list(when="past", limit=PAGE, offset=(page - 1) * PAGE, **filters)
    return tk.render("dialogue/index.html", {
        "upcoming": upcoming, "past": past, "filters": filters, "page": page,
        "page_size": PAGE, "kinds": EVENT_KINDS})


@dialogue.route("/archive")
def archive():
    filters = _filters()
    page = _page()
    try:
        found = common.call("event_archive", dict(filters, limit=PAGE,
                                                  offset=(page - 1) * PAGE))
    except tk.ValidationError as error:
        found = {"count": 0, "quarters": [], "errors": common.error_summary(error.error_dict)}
    return tk.render("dialogue/archive.html", {
        "found": found, "filters": filters, "page": page, "page_size": PAGE,
        "kinds": EVENT_KINDS})


@dialogue.route("/event/<name>/poster.svg")
def event_poster(name):
    """The portal's still image of an event without a host's thumbnail: its kind, title and
    date in the reader's language and script."""
    event = _event(name)
    response = make_response(tk.render("dialogue/poster.svg", {"event": event}))
    response.headers["Content-Type"] = "image/svg+xml; charset=utf-8"
    return response


@dialogue.route("/rules")
def rules():
    return tk.render("dialogue/rules.html", {})


def _event(name: str) -> dict:
    try:
        return common.call("event_show", {"id": name})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Event not found"))


@dialogue.route("/event/<name>")
def event_read(name):
    event = _event(name)
    questions = common.call("event_question_list", {"event_id": event["id"]})["results"]
    mine = []
    if tk.current_user.is_authenticated:
        mine = [q for q in common.call("event_question_list", {
            "event_id": event["id"], "status": "mine", "sort": "number"})["results"]
            if q["status"] != "published"]
    polls = common.call("poll_list", {"event_id": event["id"]})["results"]
    return tk.render("dialogue/event_read.html", {
        "event": event,
        "answered": [q for q in questions if q["answered"]],
        "unanswered": [q for q in questions if not q["answered"]],
        "mine": mine, "polls": polls,
        "errors": {}, "ask": ""})


def _event_form(event: dict | None, data: dict, errors: dict):
    return tk.render("dialogue/event_form.html", {
        "event": event, "data": data, "errors": errors,
        "error_summary": common.error_summary(errors), "kinds": EVENT_KINDS})


@dialogue.route("/event/new", methods=["GET", "POST"])
def event_new():
    if not tk.h.dialogue_editable_departments():
        return common.forbidden(tk._("Only the department's editors can do this"))
    data = {"questions_open": True}
    if tk.request.method == "POST":
        data = common.form_data()
        data["questions_open"] = bool(data.get("questions_open"))
        try:
            event = common.call("event_create", data)
        except tk.ValidationError as error:
            return _event_form(None, data, error.error_dict)
        except tk.NotAuthorized:
            return common.forbidden(tk._("Only the department's editors can do this"))
        tk.h.flash_success(tk._("The event is announced"))
        return tk.redirect_to("dialogue.event_read", name=event["name"])
    return _event_form(None, data, {})


@dialogue.route("/event/<name>/edit", methods=["GET", "POST"])
def event_edit(name):
    event = _event(name)
    if not event["can_edit"]:
        return common.forbidden(tk._("Only the department's editors can do this"))
    if tk.request.method == "POST":
        data = common.form_data()
        data["questions_open"] = bool(data.get("questions_open"))
        data.pop("status", None)  # the status has its own form
        data["id"] = event["id"]
        try:
            event = common.call("event_update", data)
        except tk.ValidationError as error:
            return _event_form(event, data, error.error_dict)
        tk.h.flash_success(tk._("The event is saved"))
        return tk.redirect_to("dialogue.event_read", name=event["name"])
    data = dict(event, start=tk.h.dialogue_form_time(event["start"]),
                end=tk.h.dialogue_form_time(event["end"]))
    return _event_form(event, data, {})


@dialogue.route("/event/<name>/status", methods=["GET", "POST"])
def event_status(name):
    event = _event(name)
    if not event["can_edit"]:
        return common.forbidden(tk._("Only the department's editors can do this"))
    data, errors = {"start": tk.h.dialogue_form_time(event["start"])}, {}
    if tk.request.method == "POST":
        data = common.form_data()
        change = {"id": event["id"], "status": data.get("status"),
                  "status_note": data.get("status_note", "")}
        if data.get("status") == "postponed":
            change["start"] = data.get("start")
            if data.get("end"):
                change["end"] = data["end"]
        try:
            common.call("event_update", change)
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(tk._("The status is changed"))
            return tk.redirect_to("dialogue.event_read", name=event["name"])
    return tk.render("dialogue/event_status.html", {
        "event": event, "data": data, "errors": errors,
        "error_summary": common.error_summary(errors)})


@dialogue.route("/event/<name>/materials", methods=["GET", "POST"])
def event_materials(name):
    event = _event(name)
    if not event["can_edit"]:
        return common.forbidden(tk._("Only the department's editors can do this"))
    data, errors = {}, {}
    if tk.request.method == "POST":
        data = common.form_data()
        data["event_id"] = event["id"]
        try:
            common.call("event_material_create", data)
        except tk.ValidationError as error:
            errors = error.error_dict
            data.pop("upload", None)
        else:
            tk.h.flash_success(tk._("The material is added"))
            return tk.redirect_to("dialogue.event_materials", name=event["name"])
    return tk.render("dialogue/materials.html", {
        "event": event, "data": data, "errors": errors,
        "error_summary": common.error_summary(errors), "kinds": MATERIAL_KINDS})


@dialogue.route("/material/<material_id>/delete", methods=["POST"])
def material_delete(material_id):
    try:
        common.call("event_material_delete", {"id": material_id})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Material not found"))
    except tk.NotAuthorized:
        return common.forbidden(tk._("Only the department's editors can do this"))
    tk.h.flash_success(tk._("The material is removed"))
    return tk.redirect_to(common.back(tk.url_for("dialogue.index")))


@dialogue.route("/file/<material_id>/<filename>")
def material_file(material_id, filename):
    material = model.Session.get(Material, material_id)
    path = storage.path_of(material_id, filename) if material and \
        material.url_type == "upload" and material.url == filename else None
    if path is None:
        return common.not_found(tk._("File not found"))
    # conditional: ranges, so a browser can seek in a video
    return send_file(path, conditional=True, download_name=filename)

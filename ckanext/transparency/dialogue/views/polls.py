"""Polls: the list, a poll's share page (Open Graph / Twitter card tags) with the voting form,
the embeddable widget and the editors' form."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import make_response

from . import common
from .common import dialogue


def _poll(name: str) -> dict:
    try:
        return common.call("poll_show", {"id": name})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Poll not found"))


@dialogue.route("/polls")
def polls():
    args = common.args()
    data = {k: args[k] for k in ("owner_org", "state") if k in args}
    try:
        found = common.call("poll_list", dict(data, limit=100))
    except tk.ValidationError:
        found = {"count": 0, "results": []}
    return tk.render("dialogue/polls.html", {"found": found, "filters": data})


@dialogue.route("/poll/<name>")
def poll_read(name):
    poll = _poll(name)
    return tk.render("dialogue/poll_read.html", {"poll": poll})


@dialogue.route("/poll/<name>/embed")
def poll_embed(name):
    poll = _poll(name)
    response = make_response(tk.render("dialogue/poll_embed.html", {"poll": poll}))
    ancestors = tk.config.get("ckanext.transparency.dialogue.embed_frame_ancestors") or "*"
    response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    response.headers.pop("X-Frame-Options", None)
    return response


@dialogue.route("/poll/<name>/vote", methods=["POST"])
def poll_vote(name):
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.url_for("dialogue.poll_read",
                                                                  name=name))
    options = tk.request.form.getlist("options")
    try:
        common.call("poll_vote", {"id": name, "options": options})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Poll not found"))
    except tk.ValidationError as error:
        for message in common.error_summary(error.error_dict).values():
            tk.h.flash_error(message)
    else:
        tk.h.flash_success(tk._("Thank you, your vote is counted"))
    return tk.redirect_to("dialogue.poll_read", name=name)


@dialogue.route("/poll/<name>/publish", methods=["POST"])
def poll_publish(name):
    try:
        package = common.call("poll_publish_results", {"id": name})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Poll not found"))
    except tk.NotAuthorized:
        return common.forbidden(tk._("Only the department's editors can do this"))
    except tk.ValidationError as error:
        for message in common.error_summary(error.error_dict).values():
            tk.h.flash_error(message)
        return tk.redirect_to("dialogue.poll_read", name=name)
    tk.h.flash_success(tk._("The results are published as open data"))
    return tk.redirect_to("dataset.read", id=package["name"])


def _form(poll: dict | None, data: dict, errors: dict):
    options = data.get("options") or []
    if isinstance(options, str):
        options = [options]
    options = list(options) + [""] * max(0, 6 - len(options))
    return tk.render("dialogue/poll_form.html", {
        "poll": poll, "data": data, "options": options, "errors": errors,
        "error_summary": common.error_summary(errors)})


def _form_values() -> dict:
    data = common.form_data()
    data["options"] = [o for o in tk.request.form.getlist("options") if o.strip()]
    data["multiple"] = bool(data.get("multiple"))
    if not data.get("event_id"):
        data.pop("event_id", None)
    return data


@dialogue.route("/poll/new", methods=["GET", "POST"])
def poll_new():
    if not tk.h.dialogue_editable_departments():
        return common.forbidden(tk._("Only the department's editors can do this"))
    data = {"results_visibility": "after_vote", "event_id": tk.request.args.get("event_id", "")}
    if tk.request.method == "POST":
        data = _form_values()
        try:
            poll = common.call("poll_create", data)
        except tk.ValidationError as error:
            return _form(None, data, error.error_dict)
        except tk.NotAuthorized:
            return common.forbidden(tk._("Only the department's editors can do this"))
        tk.h.flash_success(tk._("The poll is created"))
        return tk.redirect_to("dialogue.poll_read", name=poll["name"])
    return _form(None, data, {})


@dialogue.route("/poll/<name>/edit", methods=["GET", "POST"])
def poll_edit(name):
    poll = _poll(name)
    if not poll["can_edit"]:
        return common.forbidden(tk._("Only the department's editors can do this"))
    if tk.request.method == "POST":
        data = _form_values()
        data["id"] = poll["id"]
        if poll["results_visible"] and poll.get("results", {}).get("voters"):
            data.pop("options", None)  # fixed once people voted; the form shows them read-only
            data.pop("multiple", None)
        try:
            poll = common.call("poll_update", data)
        except tk.ValidationError as error:
            return _form(poll, data, error.error_dict)
        tk.h.flash_success(tk._("The poll is saved"))
        return tk.redirect_to("dialogue.poll_read", name=poll["name"])
    data = dict(poll, options=[o["label"] for o in poll["options"]],
                opens_at=tk.h.dialogue_form_time(poll["opens_at"]),
                closes_at=tk.h.dialogue_form_time(poll["closes_at"]))
    return _form(poll, data, {})

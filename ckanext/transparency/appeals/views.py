"""Pages of the appeals module; thin: every rule is in the actions."""
from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, make_response, send_file

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import user_context as _context

from . import receptions, schedule_views
from .logic.validators import NUMBER

appeals = Blueprint("appeals", __name__, url_prefix="/appeals")

WORK_ACTIONS = ("assign", "forward", "extend", "answer", "close", "reopen")
INBOX_PAGE_SIZE = 50


def _form() -> dict[str, Any]:
    return {k: v for k, v in tk.request.form.items() if k != "_csrf_token"}


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _render(template: str, status: int = 200, **extra):
    return _no_store(make_response(tk.render(template, extra_vars=extra), status))


def index():
    return tk.render("appeals/index.html")


def new():
    """The submission form; POST registers the appeal and shows the number and code once."""
    data: dict[str, Any] = {"submission_key": secrets.token_urlsafe(24)}
    errors: dict[str, Any] = {}
    if tk.request.method == "POST":
        data = _form()
        data_dict = dict(data, channel="web")
        data_dict.pop("registered_on", None)
        data_dict.pop("reception_id", None)
        for key, upload in tk.request.files.items(multi=True):
            if upload and upload.filename:
                data_dict.setdefault("attachments", []).append(upload)
        try:
            receipt = tk.get_action("appeal_submit")(_context(), data_dict)
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            return _render("appeals/submitted.html", receipt=receipt)
    return _render("appeals/new.html", 400 if errors else 200, data=data, errors=errors)


def track():
    """Number + access code (sent by POST, so that the code stays out of addresses and logs)."""
    data: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    appeal = None
    if tk.request.method == "POST":
        data = _form()
        try:
            appeal = tk.get_action("appeal_track")(_context(), {
                "number": data.get("number", ""), "code": data.get("code", "")})
        except tk.ValidationError as error:
            errors = error.error_dict
        except tk.ObjectNotFound as error:
            errors = {"code": [str(error.message or error)]}
    status = 200 if appeal or not errors else 404 if "code" in errors and len(errors) == 1 \
        else 400
    return _render("appeals/track.html", status, data=data, errors=errors, appeal=appeal)


def rate():
    data = _form()
    errors: dict[str, Any] = {}
    try:
        appeal = tk.get_action("appeal_rate")(_context(), {
            "number": data.get("number", ""), "code": data.get("code", ""),
            "rating": data.get("rating", ""), "comment": data.get("comment", "")})
        tk.h.flash_success(tk._("Thank you for rating the answer."))
    except (tk.ValidationError, tk.ObjectNotFound) as error:
        errors = getattr(error, "error_dict", None) or {"code": [str(error)]}
        try:
            appeal = tk.get_action("appeal_track")(_context(), {
                "number": data.get("number", ""), "code": data.get("code", "")})
        except (tk.ValidationError, tk.ObjectNotFound):
            appeal = None
    return _render("appeals/track.html", 200 if not errors else 400, data=data,
                   errors=errors, appeal=appeal)


def statistics(month: str | None = None):
    args = {k: v for k, v in tk.request.args.items()
            if k in ("period_from", "period_to", "owner_org", "type") and v}
    if month:
        args.update(period_from=month, period_to=month)
    errors: dict[str, Any] = {}
    try:
        stats = tk.get_action("appeal_statistics")(_context(), args)
    except tk.ValidationError as error:
        errors, stats = error.error_dict, tk.get_action("appeal_statistics")(_context(), {})
    template = "appeals/summary.html" if month else "appeals/statistics.html"
    return make_response(tk.render(template, extra_vars={
        "stats": stats, "filters": args, "errors": errors, "month": month}),
        400 if errors else 200)


def reception_list():
    schedule = tk.get_action("appeal_reception_list")(_context(), {"days": 28})
    return tk.render("appeals/receptions.html", extra_vars={
        "schedule": schedule, "keeps_schedule": bool(schedule_views.schedule_departments())})


def reception_ical():
    schedule = tk.get_action("appeal_reception_list")(_context(), {"days": 92})
    body = receptions.ical(schedule)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = "inline; filename=receptions.ics"
    return response


def inbox():
    args = {k: v for k, v in tk.request.args.items()
            if k in ("owner_org", "status", "type", "topic", "deadline", "q") and v}
    page = max(tk.h.get_page_number(tk.request.args), 1)
    errors: dict[str, Any] = {}
    try:
        result = tk.get_action("appeal_list")(_context(), dict(
            args, limit=INBOX_PAGE_SIZE, offset=(page - 1) * INBOX_PAGE_SIZE))
    except tk.NotAuthorized:
        if not tk.current_user.is_authenticated:
            return tk.redirect_to("user.login", came_from=tk.request.path)
        return tk.abort(403, tk._("Only department staff can see the appeals inbox"))
    except tk.ValidationError as error:
        errors, result = error.error_dict, {"count": 0, "results": []}
    return _render("appeals/inbox.html", 400 if errors else 200, result=result,
                   filters=args, errors=errors, page=page, page_size=INBOX_PAGE_SIZE)


def _staff_appeal(number: str) -> dict:
    if not NUMBER.match(number):
        return tk.abort(404, tk._("Appeal not found"))
    try:
        return tk.get_action("appeal_show")(_context(), {"id": number})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Appeal not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not allowed to see this appeal"))


def inbox_appeal(number: str):
    return _render("appeals/appeal.html", appeal=_staff_appeal(number))


def inbox_action(number: str, name: str):
    if name not in WORK_ACTIONS:
        return tk.abort(404)
    appeal = _staff_appeal(number)
    data = _form()
    data["id"] = appeal["id"]
    try:
        tk.get_action(f"appeal_{name}")(_context(), data)
        tk.h.flash_success(tk._("Saved."))
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ValidationError as error:
        messages = [f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}"
                    for k, v in error.error_dict.items()]
        tk.h.flash_error(" ".join(messages))
    return tk.redirect_to("appeals.inbox_appeal", number=number)


def attachment(number: str, attachment_id: str):
    appeal = _staff_appeal(number)
    try:
        item = tk.get_action("appeal_attachment_show")(_context(), {
            "id": appeal["id"], "attachment": attachment_id})
    except tk.ObjectNotFound:
        return tk.abort(404)
    response = send_file(item["path"], mimetype=item["content_type"], as_attachment=True,
                         download_name=item["filename"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)


appeals.add_url_rule("", view_func=index)
appeals.add_url_rule("/new", view_func=new, methods=["GET", "POST"])
appeals.add_url_rule("/track", view_func=track, methods=["GET", "POST"])
appeals.add_url_rule("/track/rate", view_func=rate, methods=["POST"])
appeals.add_url_rule("/statistics", view_func=statistics)
appeals.add_url_rule("/statistics/<month>", view_func=statistics, endpoint="summary")
appeals.add_url_rule("/receptions", view_func=reception_list)
appeals.add_url_rule("/receptions.ics", view_func=reception_ical)
appeals.add_url_rule("/receptions/new", view_func=schedule_views.reception_new,
                     methods=["GET", "POST"])
appeals.add_url_rule("/receptions/<reception_id>/edit", view_func=schedule_views.reception_edit,
                     methods=["GET", "POST"])
appeals.add_url_rule("/receptions/<reception_id>/delete",
                     view_func=schedule_views.reception_delete, methods=["GET", "POST"])
appeals.add_url_rule("/inbox", view_func=inbox)
appeals.add_url_rule("/inbox/<number>", view_func=inbox_appeal)
appeals.add_url_rule("/inbox/<number>/<name>", view_func=inbox_action, methods=["POST"])
appeals.add_url_rule("/inbox/<number>/attachment/<attachment_id>", view_func=attachment)

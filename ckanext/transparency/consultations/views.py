"""Pages of the "For discussion" section (/consultations). Thin: every rule is in the actions."""
from __future__ import annotations

import io

from flask import Blueprint, Response, send_file

import ckan.plugins.toolkit as tk

from ckanext.transparency.actions import messages_of
from ckanext.transparency.core.context import user_context as _context

from . import access, diff, feed, lifecycle, moderation, report_files, settings, storage
from .dictization import DECISIONS

consultations = Blueprint("consultations", __name__, url_prefix="/consultations")
PAGE_SIZE = 20
TABS = ("open", "upcoming", "past", "withdrawn")


def _user_id() -> str | None:
    user = tk.current_user
    return user.id if user and user.is_authenticated else None


def _action(name: str, data: dict, context: dict | None = None):
    return tk.get_action(name)(context or _context(), data)


def _get(name: str) -> dict:
    try:
        return _action("consultation_show", {"id": name})
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Draft not found"))


def _can(auth: str, data: dict) -> bool:
    try:
        tk.check_access(auth, _context(), data)
        return True
    except tk.NotAuthorized:
        return False


def _require(auth: str, data: dict) -> None:
    if not _can(auth, data):
        if not _user_id():
            return tk.abort(403, tk._("Sign in to continue."))
        tk.abort(403, tk._("Only the editors of the responsible department can do this."))


def _form() -> dict:
    return {k: v for k, v in tk.request.form.items() if k != "_csrf_token"}


def index():
    args = tk.request.args
    tab = args.get("status") if args.get("status") in TABS else "open"
    try:
        page = max(int(args.get("page", 1)), 1)
    except ValueError:
        page = 1
    filters = {k: args[k] for k in ("q", "organization", "kind") if args.get(k)}
    try:
        result = _action("consultation_list", dict(filters, status=tab, limit=PAGE_SIZE,
                                                   offset=(page - 1) * PAGE_SIZE))
        errors = {}
    except tk.ValidationError as error:
        result, errors = {"count": 0, "results": []}, error.error_dict
    tab_counts = {}
    for name in TABS:
        try:
            tab_counts[name] = _action("consultation_list",
                                       dict(filters, status=name, limit=0))["count"]
        except tk.ValidationError:
            tab_counts[name] = 0
    organizations = tk.get_action("organization_list")({}, {"all_fields": True})
    subscriptions = []
    if _user_id():
        subscriptions = _action("consultation_subscription_list", {})
    return tk.render("consultations/index.html", {
        "tab": tab, "tabs": TABS, "tab_counts": tab_counts, "filters": filters,
        "result": result, "errors": errors, "page": page, "page_size": PAGE_SIZE,
        "organizations": organizations, "kinds": lifecycle.KINDS,
        "can_create": _can("consultation_create", {}), "subscriptions": subscriptions})


def atom_feed():
    args = tk.request.args
    filters = {k: args[k] for k in ("organization", "kind") if args.get(k)}
    try:
        drafts = _action("consultation_list", dict(filters, status="all", limit=50))
    except tk.ValidationError:
        tk.abort(400, tk._("Bad filter"))
    # newest drafts first, whatever their status
    results = sorted(drafts["results"], key=lambda d: d["created"], reverse=True)
    body = feed.atom(results, tk.request.url)
    return Response(body, mimetype="application/atom+xml")


def rules():
    return tk.render("consultations/rules.html", {
        "rules": moderation.rules(), "min_days": settings.min_days("decision"),
        "min_days_internal": settings.min_days("internal")})


def subscribe():
    _require("consultation_subscribe", {})
    data = _form()
    action = "consultation_unsubscribe" if data.pop("unsubscribe", None) else \
        "consultation_subscribe"
    data = {k: v for k, v in data.items() if v and k in ("organization", "kind")}
    try:
        _action(action, data)
        tk.h.flash_success(tk._("Subscription saved.") if action == "consultation_subscribe"
                           else tk._("Subscription removed."))
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
    return tk.redirect_to("consultations.index")


def _read_vars(draft: dict, form: dict | None = None, errors: dict | None = None) -> dict:
    manager = access.can_manage(_context()["user"], draft["owner_org"])
    proposals = _action("consultation_proposal_list",
                        {"consultation_id": draft["id"], "limit": 1000})["results"]
    by_article: dict[str, list] = {}
    for proposal in proposals:
        by_article.setdefault(proposal["article_number"] or "", []).append(proposal)
    mine = []
    if _user_id():
        mine = [p for p in _action("consultation_proposal_list",
                                   {"consultation_id": draft["id"], "mine": True,
                                    "state": "all", "limit": 1000})["results"]
                if p["state"] != moderation.PUBLISHED]
    report = None
    if draft["report_published"] or manager:
        report = _action("consultation_report_show", {"id": draft["id"]})
    changes = None
    if draft["adopted_text"]:
        changes = {"html": diff.as_html(draft["body"], draft["adopted_text"]),
                   "summary": diff.summary(draft["body"], draft["adopted_text"])}
    return {"draft": draft, "manager": manager, "proposals": proposals,
            "by_article": by_article, "mine": mine, "report": report, "changes": changes,
            "form": form or {"article_number": tk.request.args.get("article", "")},
            "errors": errors or {}, "signed_in": bool(_user_id()),
            "decisions": DECISIONS, "rules": moderation.rules()}


def read(name: str):
    draft = _get(name)
    return tk.render("consultations/read.html", _read_vars(draft))


def propose(name: str):
    draft = _get(name)
    _require("consultation_proposal_create", {})
    form = _form()
    try:
        proposal = _action("consultation_proposal_create", {
            "consultation_id": draft["id"], "article_number": form.get("article_number", ""),
            "kind": form.get("kind") or "proposal", "text": form.get("text", "")})
    except tk.ValidationError as error:
        return tk.render("consultations/read.html", _read_vars(draft, form, error.error_dict))
    if proposal["state"] == moderation.PENDING:
        tk.h.flash_success(tk._("Thank you. Your proposal No. {number} was received and will "
                                "appear after moderation.").format(number=proposal["number"]))
        return tk.redirect_to(tk.url_for("consultations.read", name=name) + "#mine")
    tk.h.flash_success(tk._("Thank you. Your proposal No. {number} is published.").format(
        number=proposal["number"]))
    return tk.redirect_to(tk.url_for("consultations.read", name=name) +
                          f"#proposal-{proposal['number']}")


def _proposal_post(name: str, proposal_id: str, action: str, data: dict, done: str):
    _get(name)
    _require("consultation_proposal_vote", {})
    try:
        _action(action, dict(data, id=proposal_id))
        tk.h.flash_success(done)
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Proposal not found"))
    return tk.redirect_to(tk.url_for("consultations.read", name=name) +
                          f"#p-{proposal_id}")


def support(name: str, proposal_id: str):
    return _proposal_post(name, proposal_id, "consultation_proposal_vote", {},
                          tk._("Your support is counted."))


def flag(name: str, proposal_id: str):
    return _proposal_post(name, proposal_id, "consultation_proposal_flag",
                          {"reason": tk.request.form.get("reason", "")},
                          tk._("Thank you; the moderators will look at it."))


def moderation_queue(name: str):
    draft = _get(name)
    _require("consultation_moderation_queue", {"id": draft["id"]})
    errors = {}
    if tk.request.method == "POST":
        form = _form()
        try:
            _action("consultation_proposal_moderate", {
                "id": form.get("id", ""), "action": form.get("action", ""),
                "reason": form.get("reason") or None, "note": form.get("note", "")})
            tk.h.flash_success(tk._("Moderation decision saved."))
            return tk.redirect_to("consultations.moderation_queue", name=name)
        except tk.ValidationError as error:
            errors = {form.get("id", ""): error.error_dict}
        except tk.ObjectNotFound:
            tk.abort(404, tk._("Proposal not found"))
    queue = _action("consultation_moderation_queue", {"id": draft["id"]})
    unanswered = _action("consultation_proposal_list", {
        "consultation_id": draft["id"], "limit": 1000})["results"]
    return tk.render("consultations/moderation.html", {
        "draft": draft, "queue": queue["results"], "rules": moderation.rules(),
        "errors": errors, "unanswered": [p for p in unanswered if not p["decision"]]})


def answer(name: str, proposal_id: str):
    draft = _get(name)
    _require("consultation_proposal_answer", {"id": proposal_id})
    proposals = _action("consultation_proposal_list", {
        "consultation_id": draft["id"], "state": "all", "limit": 1000})["results"]
    proposal = next((p for p in proposals if p["id"] == proposal_id), None)
    if proposal is None:
        tk.abort(404, tk._("Proposal not found"))
    form, errors = {"decision": proposal["decision"], "reason": proposal["answer"]}, {}
    if tk.request.method == "POST":
        form = _form()
        try:
            result = _action("consultation_proposal_answer", {
                "id": proposal_id, "decision": form.get("decision", ""),
                "reason": form.get("reason", "")})
            tk.h.flash_success(tk._("Answer saved; the author was notified by e-mail.")
                               if result.get("author_notified") else tk._("Answer saved."))
            return tk.redirect_to(tk.url_for("consultations.read", name=name) +
                                  f"#p-{proposal_id}")
        except tk.ValidationError as error:
            errors = error.error_dict
    return tk.render("consultations/answer.html", {
        "draft": draft, "proposal": proposal, "form": form, "errors": errors,
        "decisions": DECISIONS})


def publish_report(name: str):
    draft = _get(name)
    _require("consultation_report_publish", {"id": draft["id"]})
    try:
        _action("consultation_report_publish", {"id": draft["id"]})
        tk.h.flash_success(tk._("The report is published and added to the data catalog."))
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
    return tk.redirect_to(tk.url_for("consultations.read", name=name) + "#report")


def report_file(name: str, fmt: str):
    if fmt not in report_files.WRITERS:
        tk.abort(404)
    draft = _get(name)
    if not draft["report_published"]:
        tk.abort(404, tk._("The report on this discussion is not published yet."))
    report = _action("consultation_report_show", {"id": draft["id"]})
    data = report_files.render(report, fmt)
    return send_file(io.BytesIO(data), mimetype=report_files.MIMETYPES[fmt],
                     as_attachment=fmt != "pdf",
                     download_name=f"{draft['name']}-report.{fmt}")


def attachment(name: str, attachment_id: str):
    try:
        item = _action("consultation_attachment_show", {"id": name,
                                                        "attachment_id": attachment_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Attachment not found"))
    except tk.NotAuthorized as refused:
        return tk.abort(403, str(refused))
    return send_file(storage.path(item["consultation_id"], item["id"]),
                     mimetype=item["mimetype"], as_attachment=True,
                     download_name=item["filename"])


def _draft_form(draft: dict | None):
    if draft:
        _require("consultation_update", {"id": draft["id"]})
    else:
        _require("consultation_create", {})
    form = dict(draft or {"kind": "decision"})
    errors = {}
    if tk.request.method == "POST":
        form = _form()
        data = {k: form[k] for k in ("name", "title", "summary", "kind", "owner_org",
                                     "body", "opens_on", "closes_on") if k in form}
        data.update({k: v for k, v in form.items() if k.startswith("title_translated-")})
        upload = tk.request.files.get("upload")
        if upload and upload.filename:
            data["upload"] = upload
            data.pop("body", None)
        try:
            if draft:
                if form.get("withdraw"):
                    result = _action("consultation_withdraw", {
                        "id": draft["id"], "reason": form.get("withdrawn_reason", "")})
                else:
                    extra = tk.request.files.get("attachment")
                    if extra and extra.filename:
                        data["attachment"] = extra
                    result = _action("consultation_update", dict(data, id=draft["id"]))
            else:
                result = _action("consultation_create", data)
            tk.h.flash_success(tk._("Draft saved."))
            return tk.redirect_to("consultations.read", name=result["name"])
        except tk.ValidationError as error:
            errors = error.error_dict
    organizations = _action("organization_list_for_user", {"permission": "create_dataset"})
    return tk.render("consultations/form.html", {
        "draft": draft, "form": form, "errors": errors, "organizations": organizations,
        "kinds": lifecycle.KINDS, "min_days": settings.min_days("decision"),
        "min_days_internal": settings.min_days("internal")})


def new():
    return _draft_form(None)


def edit(name: str):
    return _draft_form(_get(name))


def adopt(name: str):
    draft = _get(name)
    _require("consultation_update", {"id": draft["id"]})
    form, errors = {"adopted_text": draft["body"]}, {}
    if tk.request.method == "POST":
        form = _form()
        data = {k: form.get(k, "") for k in ("adopted_text", "adopted_on",
                                            "adopted_reference")}
        upload = tk.request.files.get("upload")
        if upload and upload.filename:
            data["upload"] = upload
        try:
            _action("consultation_adopt", dict(data, id=draft["id"]))
            tk.h.flash_success(tk._("The draft is marked adopted."))
            return tk.redirect_to(tk.url_for("consultations.read", name=name) + "#adopted")
        except tk.ValidationError as error:
            errors = error.error_dict
    return tk.render("consultations/adopt.html", {"draft": draft, "form": form,
                                                  "errors": errors})


def _rule(path: str, view, methods=("GET",), endpoint: str | None = None) -> None:
    consultations.add_url_rule(path, endpoint=endpoint or view.__name__, view_func=view,
                               methods=list(methods))


_rule("", index)
_rule("/feed.atom", atom_feed)
_rule("/rules", rules)
_rule("/subscribe", subscribe, ("POST",))
_rule("/new", new, ("GET", "POST"))
_rule("/<name>", read)
_rule("/<name>/edit", edit, ("GET", "POST"))
_rule("/<name>/adopt", adopt, ("GET", "POST"))
_rule("/<name>/proposals", propose, ("POST",))
_rule("/<name>/proposals/<proposal_id>/support", support, ("POST",))
_rule("/<name>/proposals/<proposal_id>/report", flag, ("POST",))
_rule("/<name>/proposals/<proposal_id>/answer", answer, ("GET", "POST"))
_rule("/<name>/moderation", moderation_queue, ("GET", "POST"))
_rule("/<name>/report/publish", publish_report, ("POST",))
_rule("/<name>/report.<fmt>", report_file)
_rule("/<name>/attachments/<attachment_id>", attachment)


def get_blueprints() -> list[Blueprint]:
    return [consultations]

"""Asking, voting, moderating and answering questions (forms posted from the event page)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import common
from .common import dialogue


def _event_page(event_id: str, anchor: str = "questions") -> str:
    event = common.call("event_show", {"id": event_id})
    return tk.url_for("dialogue.event_read", name=event["name"]) + f"#{anchor}"


@dialogue.route("/event/<name>/ask", methods=["POST"])
def ask(name):
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.url_for("dialogue.event_read",
                                                                  name=name))
    text = tk.request.form.get("text", "")
    try:
        event = common.call("event_show", {"id": name})
        question = common.call("event_question_create", {"event_id": event["id"], "text": text})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Event not found"))
    except tk.ValidationError as error:
        for message in common.error_summary(error.error_dict).values():
            tk.h.flash_error(message)
        return tk.redirect_to(_event_page(name, "ask"))
    if question["status"] == "pending":
        tk.h.flash_success(tk._("Thank you. Your question will appear once a moderator has "
                                "checked it against the rules."))
    else:
        tk.h.flash_success(tk._("Thank you. Your question is published."))
    return tk.redirect_to(_event_page(event["id"], f"question-{question['number']}"))


@dialogue.route("/question/<question_id>/vote", methods=["POST"])
def vote(question_id):
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login")
    remove = tk.request.form.get("remove") == "1"
    try:
        result = common.call("event_question_vote", {"id": question_id, "remove": remove})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Question not found"))
    except tk.ValidationError as error:
        for message in common.error_summary(error.error_dict).values():
            tk.h.flash_error(message)
        return tk.redirect_to(common.back(tk.url_for("dialogue.index")))
    tk.h.flash_success(tk._("Your vote is taken back") if remove else tk._("Your vote counts"))
    return tk.redirect_to(common.back(tk.url_for("dialogue.index")) + f"#q-{result['id']}")


@dialogue.route("/question/<question_id>/moderate", methods=["POST"])
def moderate(question_id):
    data = {"id": question_id, "decision": tk.request.form.get("decision"),
            "reason": tk.request.form.get("reason") or None,
            "note": tk.request.form.get("note", "")}
    data = {k: v for k, v in data.items() if v is not None}
    try:
        common.call("event_question_moderate", data)
    except tk.ObjectNotFound:
        return common.not_found(tk._("Question not found"))
    except tk.NotAuthorized:
        return common.forbidden(tk._("Only the department's editors can do this"))
    except tk.ValidationError as error:
        for message in common.error_summary(error.error_dict).values():
            tk.h.flash_error(message)
    else:
        tk.h.flash_success(tk._("The question is published") if data.get("decision") ==
                           "publish" else tk._("The question is rejected; the author is told why"))
    return tk.redirect_to(common.back(tk.url_for("dialogue.moderation")))


@dialogue.route("/moderation")
def moderation():
    try:
        queue = common.call("dialogue_moderation_queue", {})
    except tk.NotAuthorized:
        return common.forbidden(tk._("Only the department's editors can do this"))
    return tk.render("dialogue/moderation.html", {"queue": queue})


@dialogue.route("/question/<question_id>/answer", methods=["GET", "POST"])
def answer(question_id):
    try:
        question = common.call("event_question_show", {"id": question_id})
        tk.check_access("event_question_answer", common.context(), {"id": question_id})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Question not found"))
    except tk.NotAuthorized:
        return common.forbidden(tk._("Only the department's editors can do this"))
    event = common.call("event_show", {"id": question["event_id"]})
    data, errors = {"answer": question["answer"] or "", "mode": question["answer_mode"] or (
        "live" if event["answered_live"] else "written"),
        "recording_time": tk.h.dialogue_clock(question["recording_time"])}, {}
    if tk.request.method == "POST":
        data = common.form_data()
        data["id"] = question_id
        if not data.get("recording_time"):
            data.pop("recording_time", None)
        try:
            common.call("event_question_answer", data)
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(tk._("The answer is published"))
            return tk.redirect_to(tk.url_for("dialogue.event_read", name=event["name"])
                                  + f"#q-{question_id}")
    return tk.render("dialogue/answer.html", {
        "event": event, "question": question,
        "data": data, "errors": errors, "error_summary": common.error_summary(errors)})

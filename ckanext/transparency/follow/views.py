"""Pages of following: the follow form's target, the confirmation link, the one-click
unsubscribe link (RFC 8058) and the links to Telegram. Each calls its action and says what
happened."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import csrf
from flask import Blueprint

from ckanext.transparency.actions import messages_of
from ckanext.transparency.core.context import user_context
from ckanext.transparency.csrf_guard import NO_TOKEN_NEEDED

follow = Blueprint("follow", __name__, url_prefix="/follow")


def _came_from(values) -> str:
    """The page of the form; only ever a path of this site."""
    came_from = values.get("came_from", "")
    return came_from if came_from.startswith("/") and not came_from.startswith(("//", "/\\")) \
        else "/"


def _back():
    """Back to the page of the form, in the reader's language."""
    return tk.redirect_to(_came_from(tk.request.form), parse_url=True)  # url_for adds the language


@follow.route("", methods=["GET"])
def form():
    """A visitor's form, on a page of its own so that the subject's page needs no session."""
    args = tk.request.args
    if not args.get("subject_type") or not args.get("id"):
        return tk.abort(404, tk._("Nothing of this kind can be followed."))
    return tk.render("follow/form.html", {"subject_type": args["subject_type"],
                                          "subject_id": args["id"],
                                          "came_from": _came_from(args)})


@follow.route("", methods=["POST"])
def subscribe():
    form = tk.request.form
    action = "follow_unfollow" if form.get("stop") else "follow_subscribe"
    data = {key: form[key] for key in ("subject_type", "id", "email", "frequency")
            if form.get(key)}
    try:
        result = tk.get_action(action)(user_context(), data)
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
        return _back()
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Nothing of this kind can be followed."))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Please sign in."))
    tk.h.flash_success({
        "following": tk._("You now follow this. We will e-mail you when something happens."),
        "confirmation_sent": tk._("Almost done: open the link we have sent to your e-mail "
                                  "address to confirm."),
        "not_following": tk._("You no longer follow this."),
    }[result["status"]])
    return _back()


def _message(action: str, token: str, done: str):
    try:
        result = tk.get_action(action)(user_context(), {"token": token})
    except tk.ValidationError as error:
        return tk.render("follow/message.html", {"message": messages_of(error), "failed": True}), 400
    return tk.render("follow/message.html", {"message": done, "subject": result["subject"]})


@follow.route("/confirm/<token>")
def confirm(token):
    return _message("follow_confirm", token, tk._(
        "Thank you: your address is confirmed. We will e-mail you when something happens."))


@follow.route("/unsubscribe/<token>", methods=["GET"])
def unsubscribe_page(token):
    """A button, not the unsubscription: mail scanners open the links of a mail."""
    return tk.render("follow/unsubscribe.html", {"token": token}), 200, {
        "Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@follow.route("/unsubscribe/<token>", methods=["POST"])
def unsubscribe(token):
    """The page's button and RFC 8058's one-click POST of mail clients; the signed token is
    the proof, so it needs no session or CSRF token."""
    return _message("follow_unsubscribe", token, tk._(
        "Done: you will get no more messages about this."))


@follow.route("/telegram/<token>", methods=["GET"])
def telegram_from_mail(token):
    """The Telegram link of a follow mail: on to the bot with a one-time link."""
    try:
        link = tk.get_action("follow_telegram_link")(user_context(), {"token": token})
    except tk.ValidationError as error:
        return tk.render("follow/message.html", {"message": messages_of(error), "failed": True}), 400
    return tk.redirect_to(link["url"])


@follow.route("/telegram", methods=["POST"])
def telegram_link():
    """A signed-in follower's button: on to the bot with a one-time link."""
    try:
        link = tk.get_action("follow_telegram_link")(user_context(), {})
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
        return _back()
    return tk.redirect_to(link["url"])


@follow.route("/telegram/unlink", methods=["POST"])
def telegram_unlink():
    try:
        tk.get_action("follow_telegram_unlink")(user_context(), {})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Please sign in."))
    tk.h.flash_success(tk._("You will no longer be told in Telegram."))
    return _back()


def blueprints() -> list[Blueprint]:
    csrf.exempt(unsubscribe)
    setattr(unsubscribe, NO_TOKEN_NEEDED, True)  # the signed token in the URL is the proof
    return [follow]

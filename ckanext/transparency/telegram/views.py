"""The webhook Telegram posts updates to, and the page that links an appeal to the bot."""
from __future__ import annotations

import hmac
import logging

from flask import Blueprint, jsonify, request

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import csrf

from ckanext.transparency.actions import messages_of
from ckanext.transparency.core.context import site_context, user_context
from ckanext.transparency.csrf_guard import NO_TOKEN_NEEDED

from . import settings

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

telegram = Blueprint("telegram", __name__, url_prefix="/telegram")


def webhook():
    """Telegram's updates. Answers 200 to everything Telegram should not send again (a
    duplicate, a malformed update); 403 without the secret, 404 when the feature is off."""
    secret = settings.webhook_secret()
    if not settings.enabled() or not secret:
        return jsonify({"ok": False}), 404
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("telegram webhook: a request without the right secret was refused")
        return jsonify({"ok": False}), 403
    update = request.get_json(silent=True)
    if not isinstance(update, dict):
        return jsonify({"ok": False}), 400
    try:
        outcome = tk.get_action("telegram_update_receive")(site_context(), update)
    except tk.ValidationError:
        return jsonify({"ok": True, "outcome": "invalid"})
    return jsonify({"ok": True, **outcome})


def appeal_link():
    """Number and access code in, a one-time t.me link out."""
    form = {"number": request.form.get("number", ""), "code": request.form.get("code", "")}
    errors, link = {}, None
    if request.method == "POST":
        try:
            link = tk.get_action("telegram_appeal_link_create")(user_context(), form)
        except tk.ValidationError as error:
            errors = error.error_dict
        except tk.ObjectNotFound as error:
            errors = {"code": [str(error.message or error)]}
    status = tk.get_action("telegram_status_show")(user_context(), {})
    response = tk.render("telegram/appeal_link.html", {
        "data": form, "errors": errors, "link": link, "status": status})
    return response, 200, {"Cache-Control": "no-store"}


def poll_post(name: str):
    """An editor's button on the poll page: post the poll to the channel."""
    try:
        tk.get_action("telegram_poll_post")(user_context(), {"id": name})
        tk.h.flash_success(tk._("The poll is sent to the Telegram channel."))
    except tk.ValidationError as error:
        tk.h.flash_error(messages_of(error))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Only the department's editors can do this"))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Poll not found"))
    return tk.redirect_to(tk.url_for("dialogue.poll_read", name=name))


def blueprints() -> list[Blueprint]:
    csrf.exempt(webhook)
    setattr(webhook, NO_TOKEN_NEEDED, True)  # Telegram proves itself by the secret header
    return [telegram]


telegram.add_url_rule("/webhook", view_func=webhook, methods=["POST"])
telegram.add_url_rule("/appeal", view_func=appeal_link, methods=["GET", "POST"])
telegram.add_url_rule("/poll/<name>", view_func=poll_post, methods=["POST"])

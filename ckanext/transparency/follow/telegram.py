"""Followers told in Telegram too, through the Telegram feature's actions (absent or switched
off: nothing happens). A follower is named there by a key with nothing readable: "user:<id>"
for an account, "address:<keyed hash>" for an e-mail address (one link serves all the
address's follows). The messages are written here, in the follower's language."""
from __future__ import annotations

import logging

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import site_context
from ckanext.transparency.rate_limits import keyed_hash

from . import tokens

log = logging.getLogger(__name__)


def user_key(user_id: str) -> str:
    return f"user:{user_id}"


def address_key(address: str) -> str:
    return f"address:{keyed_hash('follow-telegram', address.lower())}"


def _call(action: str, data: dict) -> dict | None:
    """The Telegram action's answer; None when the feature is not loaded or not set up."""
    try:
        return tk.get_action(action)(site_context(), data)
    except KeyError:  # the Telegram plugin is not in ckan.plugins
        return None
    except tk.ValidationError:  # not set up
        return None


def available() -> bool:
    status = _call("telegram_status_show", {})
    return bool(status and status["bot_url"])


def deep_link(follower: str) -> dict | None:
    return _call("telegram_follower_link_create", {"follower": follower})


def linked(follower: str) -> bool:
    answer = _call("telegram_follower_link_show", {"follower": follower})
    return bool(answer and answer["linked"])


def unlink(follower: str) -> None:
    _call("telegram_follower_unlink", {"follower": follower})


def tell(follower: str, key: str, text: str) -> None:
    """Queue a message to the follower's chat, once per key; Telegram is never waited for."""
    try:
        _call("telegram_follower_tell", {"follower": follower, "key": key, "text": text})
    except Exception as error:  # noqa: BLE001 - the e-mails go on whatever happens here
        model.Session.rollback()
        log.warning("follow: telegram message not queued: %s", type(error).__name__)


def link_line(follower: str) -> str:
    """A mail's line with the signed link that connects the follower to the bot ("" when
    Telegram is not offered or already linked)."""
    if not available() or linked(follower):
        return ""
    url = tk.url_for("follow.telegram_from_mail",
                     token=tokens.sign(tokens.TELEGRAM, {"follower": follower}), _external=True)
    return "\n\n" + tk._("To get these messages in Telegram too, open: {url}").format(url=url)

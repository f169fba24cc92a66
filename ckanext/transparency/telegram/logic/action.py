"""Actions of the Telegram channel and bot."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.actions import reference
from ckanext.transparency.core.context import site_context

from .. import appeal_links, follower_links, outbox, polls, settings, updates
from . import schema


def _require_enabled() -> None:
    if not settings.enabled():
        raise tk.ValidationError({"__before": [tk._("Telegram is not set up on this portal")]})


@tk.validate_action_data(schema.update_schema)
def telegram_update_receive(context: dict, data_dict: dict) -> dict[str, Any]:
    """Process one update from Telegram (the webhook's body; sysadmins only: the webhook view
    calls it once the secret header matched). Each update_id is processed once.

    :param update_id: Telegram's id of the update
    :param message, poll: the update's content (others are ignored)
    :returns: {"outcome": poll | message | ignored | duplicate}
    """
    tk.check_access("telegram_update_receive", context, data_dict)
    _require_enabled()
    return {"outcome": updates.receive(site_context(), data_dict)}


def telegram_poll_post(context: dict, data_dict: dict) -> dict[str, Any]:
    """Post a poll to the channel as a native Telegram poll (editors of its department). The
    votes cast there are shown beside the portal's; closing the poll closes it there too.

    :param id: the poll (id or name)
    """
    _require_enabled()
    if not settings.channel():
        raise tk.ValidationError({"__before": [tk._("No Telegram channel is set up")]})
    poll = tk.get_action("poll_show")(dict(context), {"id": reference(data_dict)})
    tk.check_access("telegram_poll_post", context, {"id": poll["id"]})
    polls.post(poll)
    return {"poll_id": poll["id"], "queued": True}


@tk.chained_action
def poll_create(up_func, context: dict, data_dict: dict) -> dict[str, Any]:
    """The poll form's "also post to the Telegram channel" (`telegram_post`): the poll is
    created, then posted as by telegram_poll_post; a poll the channel cannot take is refused
    before it is created."""
    data_dict = dict(data_dict)
    wanted = tk.asbool(data_dict.pop("telegram_post", None) or False)
    if wanted:
        _require_enabled()
        if not settings.channel():
            raise tk.ValidationError({"telegram_post": [tk._("No Telegram channel is set up")]})
        options = data_dict.get("options")
        if isinstance(options, list) and len(options) > polls.OPTIONS_MAX:
            raise tk.ValidationError({"telegram_post": [tk._(
                "A Telegram poll has at most {n} options").format(n=polls.OPTIONS_MAX)]})
    poll = up_func(context, data_dict)
    if wanted:
        tk.get_action("telegram_poll_post")(dict(context), {"id": poll["id"]})
    return poll


@tk.validate_action_data(schema.appeal_link_schema)
def telegram_appeal_link_create(context: dict, data_dict: dict) -> dict[str, Any]:
    """A one-time link that connects an appeal to the bot, for whoever has the appeal's number
    and access code (checked, and wrong codes counted, as by appeal_track).

    :param number: the appeal's number; :param code: its access code
    :returns: {"url": "https://t.me/<bot>?start=<token>", "expires_in_hours": n}
    """
    tk.check_access("telegram_appeal_link_create", context, data_dict)
    _require_enabled()
    if not settings.bot_username():
        raise tk.ValidationError({"__before": [tk._("Telegram is not set up on this portal")]})
    tracked = tk.get_action("appeal_track")(dict(context), {"number": data_dict["number"],
                                                            "code": data_dict["code"]})
    return {"url": appeal_links.new_link(tracked["number"]),
            "expires_in_hours": settings.link_token_hours()}


@tk.validate_action_data(schema.follower_schema)
def telegram_follower_link_create(context: dict, data_dict: dict) -> dict[str, Any]:
    """A one-time link that connects a follower to the bot (the follow feature calls it once
    it knows who the follower is: a signed-in user, or an address by a signed mail link).

    :param follower: the follow feature's key of the follower
    :returns: {"url": "https://t.me/<bot>?start=<token>", "expires_in_hours": n}
    """
    tk.check_access("telegram_follower_link_create", context, data_dict)
    _require_enabled()
    if not settings.bot_username():
        raise tk.ValidationError({"__before": [tk._("Telegram is not set up on this portal")]})
    return {"url": follower_links.new_link(data_dict["follower"]),
            "expires_in_hours": settings.link_token_hours()}


@tk.side_effect_free
@tk.validate_action_data(schema.follower_schema)
def telegram_follower_link_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """Whether a follower has linked a chat.

    :param follower: the follow feature's key of the follower
    """
    tk.check_access("telegram_follower_link_show", context, data_dict)
    return {"linked": settings.enabled() and follower_links.is_linked(data_dict["follower"])}


@tk.validate_action_data(schema.follower_schema)
def telegram_follower_unlink(context: dict, data_dict: dict) -> dict[str, Any]:
    """Stop telling a follower in Telegram.

    :param follower: the follow feature's key of the follower
    """
    tk.check_access("telegram_follower_unlink", context, data_dict)
    return {"unlinked": follower_links.unlink(data_dict["follower"]) > 0}


@tk.validate_action_data(schema.follower_message_schema)
def telegram_follower_tell(context: dict, data_dict: dict) -> dict[str, Any]:
    """Send a follower's linked chat a message once per key, through the outbox.

    :param follower: the follow feature's key of the follower
    :param key: what makes the message unique (a happening's key)
    :param text: the message, in the follower's language, with nothing personal in it
    :returns: {"queued": false} when the follower has no chat or the key was sent before
    """
    tk.check_access("telegram_follower_tell", context, data_dict)
    if not settings.enabled():
        return {"queued": False}
    queued = follower_links.tell(data_dict["follower"], data_dict["key"], data_dict["text"])
    if queued:
        outbox.kick()
    return {"queued": queued}


@tk.side_effect_free
def telegram_status_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """Whether Telegram is set up, and where citizens find the channel and the bot."""
    tk.check_access("telegram_status_show", context, data_dict)
    channel = settings.channel()
    public_channel = channel[1:] if channel.startswith("@") else ""
    return {"enabled": settings.enabled(),
            "channel_url": f"https://t.me/{public_channel}" if public_channel else None,
            "bot_url": f"https://t.me/{settings.bot_username()}"
            if settings.enabled() and settings.bot_username() else None}


def get_actions() -> dict:
    actions = {"telegram_update_receive": telegram_update_receive,
               "telegram_poll_post": telegram_poll_post,
               "telegram_appeal_link_create": telegram_appeal_link_create,
               "telegram_follower_link_create": telegram_follower_link_create,
               "telegram_follower_link_show": telegram_follower_link_show,
               "telegram_follower_unlink": telegram_follower_unlink,
               "telegram_follower_tell": telegram_follower_tell,
               "telegram_status_show": telegram_status_show}
    if p.plugin_loaded("transparency_dialogue"):  # a chained action needs the one it chains
        actions["poll_create"] = poll_create
    return actions

"""Who may call the Telegram actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def telegram_update_receive(context, data_dict):
    return {"success": False, "msg": tk._("Only Telegram, through the webhook, sends updates")}


def telegram_poll_post(context, data_dict):
    """Whoever may change the poll (its department's editors)."""
    try:
        tk.check_access("poll_update", context, data_dict)
    except tk.NotAuthorized as error:
        return {"success": False, "msg": str(error)}
    return {"success": True}


@tk.auth_allow_anonymous_access
def telegram_appeal_link_create(context, data_dict):
    return {"success": True}  # the number + access code are checked by the action


def _follow_feature_only(context, data_dict):
    """The follow feature calls these once it knows the follower (sysadmins may too)."""
    return {"success": False, "msg": tk._("Only the portal itself links followers")}


@tk.auth_allow_anonymous_access
def telegram_status_show(context, data_dict):
    return {"success": True}


def get_auth_functions() -> dict:
    return {"telegram_update_receive": telegram_update_receive,
            "telegram_poll_post": telegram_poll_post,
            "telegram_appeal_link_create": telegram_appeal_link_create,
            "telegram_follower_link_create": _follow_feature_only,
            "telegram_follower_link_show": _follow_feature_only,
            "telegram_follower_unlink": _follow_feature_only,
            "telegram_follower_tell": _follow_feature_only,
            "telegram_status_show": telegram_status_show}

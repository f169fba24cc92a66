"""Anyone may ask to follow, confirm, unsubscribe and link Telegram (the signed link is the
proof); only a signed-in user has follows of their own to list or stop."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


@tk.auth_allow_anonymous_access
def _anyone(context, data_dict):
    return {"success": True}


def _signed_in(context, data_dict):
    return {"success": bool(context.get("user"))}


def get_auth_functions() -> dict:
    return {"follow_subscribe": _anyone, "follow_confirm": _anyone,
            "follow_unsubscribe": _anyone, "follow_unfollow": _signed_in,
            "follow_status": _signed_in, "follow_telegram_link": _anyone,
            "follow_telegram_unlink": _signed_in}

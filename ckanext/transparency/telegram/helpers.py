"""Template helpers of the Telegram plugin."""
from __future__ import annotations

import ckan.model as model

from . import settings
from .model import ChannelPoll


def telegram_bot_available() -> bool:
    return settings.enabled() and bool(settings.bot_username())


def telegram_channel_available() -> bool:
    return settings.enabled() and bool(settings.channel())


def telegram_poll_posted(poll_id: str) -> bool:
    return model.Session.get(ChannelPoll, poll_id) is not None


def get_helpers() -> dict:
    return {"telegram_bot_available": telegram_bot_available,
            "telegram_channel_available": telegram_channel_available,
            "telegram_poll_posted": telegram_poll_posted}

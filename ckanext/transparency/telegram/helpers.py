"""Template helpers of the Telegram plugin."""
from __future__ import annotations

from . import settings


def telegram_bot_available() -> bool:
    return settings.enabled() and bool(settings.bot_username())


def telegram_channel_available() -> bool:
    return settings.enabled() and bool(settings.channel())


def get_helpers() -> dict:
    return {"telegram_bot_available": telegram_bot_available,
            "telegram_channel_available": telegram_channel_available}

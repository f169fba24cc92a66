"""The declared options of the Telegram plugin (config_declaration.yaml), read in one place."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

PREFIX = "ckanext.transparency.telegram."


def option(name: str):
    return tk.config.get(PREFIX + name)


def token() -> str:
    return (option("token") or "").strip()


def enabled() -> bool:
    """Without a token the feature is off."""
    return bool(token())


def channel() -> str:
    return (option("channel") or "").strip()


def api_url() -> str:
    return (option("api_url") or "https://api.telegram.org").rstrip("/")


def webhook_secret() -> str:
    return option("webhook_secret") or ""


def bot_username() -> str:
    return (option("bot_username") or "").lstrip("@")


def timeout() -> int:
    return int(option("timeout") or 10)


def link_token_hours() -> int:
    return int(option("link_token_hours") or 24)


def site_url(path: str = "") -> str:
    return tk.config.get("ckan.site_url", "").rstrip("/") + path

"""Signed links: confirming an e-mail follow (they expire), unsubscribing and linking Telegram
(they do not). A token names the follow or the follower's key, never the address."""
from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

import ckan.plugins.toolkit as tk

CONFIRM, UNSUBSCRIBE, TELEGRAM = "confirm", "unsubscribe", "telegram"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    secret = tk.config.get("SECRET_KEY") or tk.config.get("beaker.session.secret")
    return URLSafeTimedSerializer(str(secret), salt=f"transparency-follow-{purpose}")


def sign(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read(purpose: str, token: str) -> dict:
    """The payload, or a ValidationError saying why the link cannot be used."""
    max_age = tk.config.get("ckanext.transparency.follow.confirm_days") * 86400 \
        if purpose == CONFIRM else None
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise tk.ValidationError({"token": [tk._(
            "This link has expired. Please ask to follow again to get a new one.")]})
    except BadSignature:
        payload = None
    if not isinstance(payload, dict):
        raise tk.ValidationError({"token": [tk._("This link is not valid.")]})
    return payload

"""Deep links t.me/<bot>?start=<token> that connect a chat to an appeal or to a follower: a
random one-time token valid link_token_hours, of which only a hash is kept."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import ckan.model as model

from . import settings
from .model import LinkToken, utcnow


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(appeal_number: str | None = None, follower: str | None = None) -> str:
    token = secrets.token_urlsafe(24)  # A-Z a-z 0-9 _ -: what a start parameter allows
    model.Session.add(LinkToken(
        token_hash=_hash(token), appeal_number=appeal_number, follower=follower,
        expires_at=utcnow() + dt.timedelta(hours=settings.link_token_hours())))
    model.Session.commit()
    return f"https://t.me/{settings.bot_username()}?start={token}"


def use(token: str) -> LinkToken | None:
    """The token's row when it is valid and unused (now used), else None."""
    row = model.Session.get(LinkToken, _hash(token))
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    row.used_at = utcnow()
    return row

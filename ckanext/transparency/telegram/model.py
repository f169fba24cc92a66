"""Tables of the Telegram channel and bot (migration/transparency_telegram). Times are naive UTC.

A Telegram account and the chat of a linked appeal are personal data: they stay in these tables
and in the messages to that chat, never in a page, an API answer or a log line.
"""
from __future__ import annotations

import datetime

from sqlalchemy import BigInteger, Column, DateTime, Integer, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB

from ckan.model.base import BaseModel


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Update(BaseModel):
    """An update Telegram sent (webhook or getUpdates), kept so each is processed once."""
    __tablename__ = "telegram_update"
    update_id = Column(BigInteger, primary_key=True, autoincrement=False)
    received_at = Column(DateTime, nullable=False, default=utcnow)


class Delivery(BaseModel):
    """A happening announced on the channel (core/happenings.py key): announced once."""
    __tablename__ = "telegram_delivery"
    key = Column(UnicodeText, primary_key=True)
    delivered_at = Column(DateTime, nullable=False, default=utcnow)


class Outbox(BaseModel):
    """A Bot API call waiting to be made (retried while Telegram fails)."""
    __tablename__ = "telegram_outbox"
    id = Column(Integer, primary_key=True, autoincrement=True)
    method = Column(UnicodeText, nullable=False)
    payload = Column(JSONB, nullable=False)
    purpose = Column(UnicodeText, nullable=False, default="")  # "poll:<portal poll id>"
    attempts = Column(Integer, nullable=False, default=0)
    next_try = Column(DateTime, nullable=False, default=utcnow, index=True)
    sent_at = Column(DateTime, nullable=True, index=True)
    failed_at = Column(DateTime, nullable=True)  # given up (a request Telegram refuses)
    error = Column(UnicodeText, nullable=False, default="")
    created = Column(DateTime, nullable=False, default=utcnow)


class ChannelPoll(BaseModel):
    """A portal poll posted to the channel as a native poll, and the votes cast there."""
    __tablename__ = "telegram_poll"
    poll_id = Column(UnicodeText, primary_key=True)  # the portal's poll
    telegram_poll_id = Column(UnicodeText, nullable=True, unique=True)
    chat_id = Column(UnicodeText, nullable=True)
    message_id = Column(BigInteger, nullable=True)
    votes = Column(JSONB, nullable=False, default=list)  # per option, in the poll's order
    voters = Column(Integer, nullable=False, default=0)
    stop_queued_at = Column(DateTime, nullable=True)
    created = Column(DateTime, nullable=False, default=utcnow)


class Account(BaseModel):
    """The portal account a Telegram user asks and votes through."""
    __tablename__ = "telegram_account"
    telegram_user_id = Column(BigInteger, primary_key=True, autoincrement=False)
    user_id = Column(UnicodeText, nullable=False, unique=True)
    created = Column(DateTime, nullable=False, default=utcnow)


class LinkToken(BaseModel):
    """A one-time token of a deep link that connects an appeal or a follower to a chat (only
    its hash is kept)."""
    __tablename__ = "telegram_link_token"
    token_hash = Column(UnicodeText, primary_key=True)
    appeal_number = Column(UnicodeText, nullable=True)
    follower = Column(UnicodeText, nullable=True)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime, nullable=True)


class AppealLink(BaseModel):
    """A chat told of an appeal's status changes, until it unlinks."""
    __tablename__ = "telegram_appeal_link"
    appeal_number = Column(UnicodeText, primary_key=True)
    chat_id = Column(BigInteger, primary_key=True, autoincrement=False)
    events_seen = Column(Integer, nullable=False, default=0)
    language = Column(UnicodeText, nullable=False, default="")  # of the messages
    linked_at = Column(DateTime, nullable=False, default=utcnow)


class FollowerLink(BaseModel):
    """A follower told in a chat of what they follow, until they unlink. The follower is the
    follow feature's key ("user:<id>", "address:<keyed hash>"): nothing readable about them."""
    __tablename__ = "telegram_follower_link"
    follower = Column(UnicodeText, primary_key=True)
    chat_id = Column(BigInteger, nullable=False, index=True)
    linked_at = Column(DateTime, nullable=False, default=utcnow)

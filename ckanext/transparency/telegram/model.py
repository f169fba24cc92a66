"""Tables of the Telegram channel and bot (migration/transparency_telegram). Times are naive UTC.

A Telegram account and the chat of a linked appeal are personal data: they stay in these tables
and in the messages to that chat, never in a page, an API answer or a log line.
"""
from __future__ import annotations

import datetime

from typing import Any, Optional

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Integer, Table, UnicodeText
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

import ckan.model.domain_object as domain_object
from ckan.model.base import BaseModel


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Update(domain_object.DomainObject, BaseModel):
    """An update Telegram sent (webhook or getUpdates), kept so each is processed once."""
    __table__ = Table(
        "telegram_update", BaseModel.metadata,
        Column("update_id", BigInteger, primary_key=True, autoincrement=False),
        Column("received_at", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    update_id: Mapped[int]
    received_at: Mapped[datetime.datetime]


class Delivery(domain_object.DomainObject, BaseModel):
    """A happening announced on the channel (core/happenings.py key): announced once."""
    __table__ = Table(
        "telegram_delivery", BaseModel.metadata,
        Column("key", UnicodeText, primary_key=True),
        Column("delivered_at", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    key: Mapped[str]
    delivered_at: Mapped[datetime.datetime]


class Outbox(domain_object.DomainObject, BaseModel):
    """A Bot API call waiting to be made (retried while Telegram fails)."""
    __table__ = Table(
        "telegram_outbox", BaseModel.metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("method", UnicodeText, nullable=False),
        Column("payload", JSONB, nullable=False),
        # "poll:<portal poll id>"
        Column("purpose", UnicodeText, nullable=False, default="", server_default=""),
        Column("attempts", Integer, nullable=False, default=0, server_default="0"),
        Column("next_try", DateTime, nullable=False, default=utcnow, index=True),
        Column("sent_at", DateTime, nullable=True, index=True),
        Column("failed_at", DateTime, nullable=True),  # given up (a request Telegram refuses)
        Column("error", UnicodeText, nullable=False, default="", server_default=""),
        Column("created", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    id: Mapped[int]
    method: Mapped[str]
    payload: Mapped[dict[str, Any]]
    purpose: Mapped[str]
    attempts: Mapped[int]
    next_try: Mapped[datetime.datetime]
    sent_at: Mapped[Optional[datetime.datetime]]
    failed_at: Mapped[Optional[datetime.datetime]]
    error: Mapped[str]
    created: Mapped[datetime.datetime]


class ChannelPoll(domain_object.DomainObject, BaseModel):
    """A portal poll posted to the channel as a native poll, and the votes cast there."""
    __table__ = Table(
        "telegram_poll", BaseModel.metadata,
        Column("poll_id", UnicodeText, primary_key=True),  # the portal's poll
        Column("telegram_poll_id", UnicodeText, nullable=True, unique=True),
        Column("chat_id", UnicodeText, nullable=True),
        Column("message_id", BigInteger, nullable=True),
        # per option, in the poll's order
        Column("votes", JSONB, nullable=False, default=list, server_default="[]"),
        Column("voters", Integer, nullable=False, default=0, server_default="0"),
        Column("stop_queued_at", DateTime, nullable=True),
        Column("created", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    poll_id: Mapped[str]
    telegram_poll_id: Mapped[Optional[str]]
    chat_id: Mapped[Optional[str]]
    message_id: Mapped[Optional[int]]
    votes: Mapped[list[Any]]
    voters: Mapped[int]
    stop_queued_at: Mapped[Optional[datetime.datetime]]
    created: Mapped[datetime.datetime]


class Account(domain_object.DomainObject, BaseModel):
    """The portal account a Telegram user asks and votes through."""
    __table__ = Table(
        "telegram_account", BaseModel.metadata,
        Column("telegram_user_id", BigInteger, primary_key=True, autoincrement=False),
        Column("user_id", UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False,
               unique=True),
        Column("created", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    telegram_user_id: Mapped[int]
    user_id: Mapped[str]
    created: Mapped[datetime.datetime]


class LinkToken(domain_object.DomainObject, BaseModel):
    """A one-time token of a deep link that connects an appeal or a follower to a chat (only
    its hash is kept)."""
    __table__ = Table(
        "telegram_link_token", BaseModel.metadata,
        Column("token_hash", UnicodeText, primary_key=True),
        Column("appeal_number", UnicodeText, nullable=True),
        Column("follower", UnicodeText, nullable=True),
        Column("expires_at", DateTime, nullable=False),
        Column("used_at", DateTime, nullable=True),
        extend_existing=True,
    )
    token_hash: Mapped[str]
    appeal_number: Mapped[Optional[str]]
    follower: Mapped[Optional[str]]
    expires_at: Mapped[datetime.datetime]
    used_at: Mapped[Optional[datetime.datetime]]


class AppealLink(domain_object.DomainObject, BaseModel):
    """A chat told of an appeal's status changes, until it unlinks."""
    __table__ = Table(
        "telegram_appeal_link", BaseModel.metadata,
        Column("appeal_number", UnicodeText, primary_key=True),
        Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
        Column("events_seen", Integer, nullable=False, default=0, server_default="0"),
        # of the messages
        Column("language", UnicodeText, nullable=False, default="", server_default=""),
        Column("linked_at", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    appeal_number: Mapped[str]
    chat_id: Mapped[int]
    events_seen: Mapped[int]
    language: Mapped[str]
    linked_at: Mapped[datetime.datetime]


class FollowerLink(domain_object.DomainObject, BaseModel):
    """A follower told in a chat of what they follow, until they unlink. The follower is the
    follow feature's key ("user:<id>", "address:<keyed hash>"): nothing readable about them."""
    __table__ = Table(
        "telegram_follower_link", BaseModel.metadata,
        Column("follower", UnicodeText, primary_key=True),
        Column("chat_id", BigInteger, nullable=False, index=True),
        Column("linked_at", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    follower: Mapped[str]
    chat_id: Mapped[int]
    linked_at: Mapped[datetime.datetime]

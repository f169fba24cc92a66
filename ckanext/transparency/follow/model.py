"""Followers and what they were sent (created by migration/transparency_follow).

A follower is a signed-in user or an e-mail address confirmed by a link. The address is personal
data: it is read only to send mail and never leaves this module's callers in an answer. Account
follows of datasets and departments are CKAN's own (follow_dataset, follow_group); the rows here
hold the follows CKAN has no table for (drafts, events) and every e-mail-only follow, and
`Choice` holds how each signed-in follower wants to be told."""
from __future__ import annotations

import datetime as dt

from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

import ckan.model.domain_object as domain_object
from ckan.model import types as _types
from ckan.model.base import BaseModel

SUBJECT_TYPES = ("dataset", "organization", "draft", "event")
FREQUENCIES = ("immediate", "daily")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Follow(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "transparency_follow", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=_types.make_uuid),
        sa.Column("subject_type", sa.UnicodeText, nullable=False),
        sa.Column("subject_id", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("email", sa.UnicodeText),  # personal data
        sa.Column("language", sa.UnicodeText, nullable=False),
        sa.Column("frequency", sa.UnicodeText, nullable=False, default="immediate"),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.Column("confirmed_at", sa.DateTime),  # e-mail follows: null until the link is opened
        sa.UniqueConstraint("subject_type", "subject_id", "user_id"),
        sa.UniqueConstraint("subject_type", "subject_id", "email"),
        sa.CheckConstraint("(user_id IS NULL) <> (email IS NULL)"),
        extend_existing=True,
    )
    id: Mapped[str]
    subject_type: Mapped[str]
    subject_id: Mapped[str]
    user_id: Mapped[Optional[str]]
    email: Mapped[Optional[str]]
    language: Mapped[str]
    frequency: Mapped[str]
    created: Mapped[dt.datetime]
    confirmed_at: Mapped[Optional[dt.datetime]]


class Choice(domain_object.DomainObject, BaseModel):
    """How a signed-in user is told, for all they follow."""
    __table__ = sa.Table(
        "transparency_follow_choice", BaseModel.metadata,
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("language", sa.UnicodeText, nullable=False),
        sa.Column("frequency", sa.UnicodeText, nullable=False, default="immediate"),
        extend_existing=True,
    )
    user_id: Mapped[str]
    language: Mapped[str]
    frequency: Mapped[str]


class Delivery(domain_object.DomainObject, BaseModel):
    """One happening for one follower: written once (the key), sent once (sent_at)."""
    __table__ = sa.Table(
        "transparency_follow_delivery", BaseModel.metadata,
        # "user:<id>" or "email:<follow id>"
        sa.Column("follower", sa.UnicodeText, primary_key=True),
        sa.Column("happening_key", sa.UnicodeText, primary_key=True),
        sa.Column("frequency", sa.UnicodeText, nullable=False),
        sa.Column("happening", JSONB, nullable=False),  # kind, title, url, subject, occurred_at
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.Column("sent_at", sa.DateTime),
        sa.Index("transparency_follow_delivery_unsent", "sent_at"),
        extend_existing=True,
    )
    follower: Mapped[str]
    happening_key: Mapped[str]
    frequency: Mapped[str]
    happening: Mapped[dict[str, Any]]
    created: Mapped[dt.datetime]
    sent_at: Mapped[Optional[dt.datetime]]

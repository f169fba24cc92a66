"""Followers and what they were sent (created by migration/transparency_follow).

A follower is a signed-in user or an e-mail address confirmed by a link. The address is personal
data: it is read only to send mail and never leaves this module's callers in an answer. Account
follows of datasets and departments are CKAN's own (follow_dataset, follow_group); the rows here
hold the follows CKAN has no table for (drafts, events) and every e-mail-only follow, and
`Choice` holds how each signed-in follower wants to be told."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

import ckan.plugins.toolkit as tk
from ckan.model import types as _types

SUBJECT_TYPES = ("dataset", "organization", "draft", "event")
FREQUENCIES = ("immediate", "daily")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Follow(tk.BaseModel):
    __tablename__ = "transparency_follow"
    __table_args__ = (
        sa.UniqueConstraint("subject_type", "subject_id", "user_id"),
        sa.UniqueConstraint("subject_type", "subject_id", "email"),
        sa.CheckConstraint("(user_id IS NULL) <> (email IS NULL)"),
        {"extend_existing": True})

    id = sa.Column(sa.UnicodeText, primary_key=True, default=_types.make_uuid)
    subject_type = sa.Column(sa.UnicodeText, nullable=False)
    subject_id = sa.Column(sa.UnicodeText, nullable=False)
    user_id = sa.Column(sa.UnicodeText)
    email = sa.Column(sa.UnicodeText)  # personal data
    language = sa.Column(sa.UnicodeText, nullable=False)
    frequency = sa.Column(sa.UnicodeText, nullable=False, default="immediate")
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    confirmed_at = sa.Column(sa.DateTime)  # e-mail follows: null until the link is opened


class Choice(tk.BaseModel):
    """How a signed-in user is told, for all they follow."""
    __tablename__ = "transparency_follow_choice"
    __table_args__ = {"extend_existing": True}

    user_id = sa.Column(sa.UnicodeText, primary_key=True)
    language = sa.Column(sa.UnicodeText, nullable=False)
    frequency = sa.Column(sa.UnicodeText, nullable=False, default="immediate")


class Delivery(tk.BaseModel):
    """One happening for one follower: written once (the key), sent once (sent_at)."""
    __tablename__ = "transparency_follow_delivery"
    __table_args__ = {"extend_existing": True}

    follower = sa.Column(sa.UnicodeText, primary_key=True)  # "user:<id>" or "email:<follow id>"
    happening_key = sa.Column(sa.UnicodeText, primary_key=True)
    frequency = sa.Column(sa.UnicodeText, nullable=False)
    happening = sa.Column(JSONB, nullable=False)  # kind, title, url, subject, occurred_at
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    sent_at = sa.Column(sa.DateTime, )

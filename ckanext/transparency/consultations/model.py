"""Tables of public discussion, on CKAN's metadata (created by
migration/transparency_consultations)."""
from __future__ import annotations

import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, relationship

import ckan.model as model
import ckan.model.domain_object as domain_object
from ckan.model import types as ckan_types
from ckan.model.base import BaseModel


def utcnow() -> datetime.datetime:
    return datetime.datetime.utcnow()


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


class Consultation(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "consultation", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("name", sa.UnicodeText, nullable=False, unique=True),
        sa.Column("title", sa.UnicodeText, nullable=False),  # in Uzbek
        # the title in the other languages, {"uz-Cyrl"|"ru"|"en": text} (i18n/fluent.py)
        sa.Column("title_translated", JSONB, nullable=False, default=dict, server_default="{}"),
        sa.Column("summary", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("owner_org", sa.UnicodeText, nullable=False, index=True),
        sa.Column("body", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("source_format", sa.UnicodeText,
                  nullable=False, default="markdown", server_default="markdown"),
        sa.Column("opens_on", sa.Date, nullable=False),
        sa.Column("closes_on", sa.Date, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.Column("modified", sa.DateTime, nullable=False, default=utcnow, onupdate=utcnow),
        sa.Column("creator_user_id", sa.UnicodeText),
        sa.Column("withdrawn_at", sa.DateTime),
        sa.Column("withdrawn_reason", sa.UnicodeText),
        sa.Column("report_published_at", sa.DateTime),
        sa.Column("report", JSONB),
        sa.Column("report_package_id", sa.UnicodeText),
        sa.Column("adopted_at", sa.DateTime),
        sa.Column("adopted_on", sa.Date),
        sa.Column("adopted_reference", sa.UnicodeText),
        sa.Column("adopted_text", sa.UnicodeText),
        sa.Column("search_text", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("subscribers_notified_at", sa.DateTime),
        extend_existing=True,
    )
    id: Mapped[str]
    name: Mapped[str]
    title: Mapped[str]
    title_translated: Mapped[dict[str, Any]]
    summary: Mapped[str]
    kind: Mapped[str]
    owner_org: Mapped[str]
    body: Mapped[str]
    source_format: Mapped[str]
    opens_on: Mapped[datetime.date]
    closes_on: Mapped[datetime.date]
    created: Mapped[datetime.datetime]
    modified: Mapped[datetime.datetime]
    creator_user_id: Mapped[Optional[str]]
    withdrawn_at: Mapped[Optional[datetime.datetime]]
    withdrawn_reason: Mapped[Optional[str]]
    report_published_at: Mapped[Optional[datetime.datetime]]
    report: Mapped[Optional[dict[str, Any]]]
    report_package_id: Mapped[Optional[str]]
    adopted_at: Mapped[Optional[datetime.datetime]]
    adopted_on: Mapped[Optional[datetime.date]]
    adopted_reference: Mapped[Optional[str]]
    adopted_text: Mapped[Optional[str]]
    search_text: Mapped[str]
    subscribers_notified_at: Mapped[Optional[datetime.datetime]]

    articles: Mapped[list[ConsultationArticle]] = relationship(
        order_by="ConsultationArticle.position", cascade="all, delete-orphan",
        passive_deletes=True)
    attachments: Mapped[list[ConsultationAttachment]] = relationship(
        order_by="ConsultationAttachment.created", cascade="all, delete-orphan",
        passive_deletes=True)

    @classmethod
    def get(cls, reference: str) -> "Consultation | None":
        if not reference or not isinstance(reference, str):
            return None
        query = model.Session.query(cls)
        return query.filter(cls.id == reference).first() or \
            query.filter(cls.name == reference).first()

    def article(self, number: str) -> "ConsultationArticle | None":
        return next((a for a in self.articles if a.number == number), None)


class ConsultationArticle(domain_object.DomainObject, BaseModel):
    """A numbered unit of the draft: an article (level 1, "3") or a paragraph (level 2, "3.2")."""
    __table__ = sa.Table(
        "consultation_article", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.UnicodeText, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("heading", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("text", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.UniqueConstraint("consultation_id", "number"),
        extend_existing=True,
    )
    id: Mapped[str]
    consultation_id: Mapped[str]
    position: Mapped[int]
    number: Mapped[str]
    level: Mapped[int]
    heading: Mapped[str]
    text: Mapped[str]


class ConsultationAttachment(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "consultation_attachment", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False,
                  index=True),
        sa.Column("filename", sa.UnicodeText, nullable=False),
        sa.Column("mimetype", sa.UnicodeText, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    id: Mapped[str]
    consultation_id: Mapped[str]
    filename: Mapped[str]
    mimetype: Mapped[str]
    size: Mapped[int]
    created: Mapped[datetime.datetime]


class ConsultationProposal(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "consultation_proposal", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("author_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("article_number", sa.UnicodeText),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.Column("moderated_at", sa.DateTime),
        sa.Column("moderated_by", sa.UnicodeText),
        sa.Column("moderation_reason", sa.UnicodeText),
        sa.Column("moderation_note", sa.UnicodeText),
        sa.Column("duplicate_of", sa.Integer),
        sa.Column("duplicate_same_author", sa.Boolean,
                  nullable=False, default=False, server_default="false"),
        sa.Column("decision", sa.UnicodeText),
        sa.Column("answer", sa.UnicodeText),
        sa.Column("answered_at", sa.DateTime),
        sa.Column("answered_by", sa.UnicodeText),
        sa.UniqueConstraint("consultation_id", "number"),
        extend_existing=True,
    )
    id: Mapped[str]
    consultation_id: Mapped[str]
    number: Mapped[int]
    author_id: Mapped[str]
    article_number: Mapped[Optional[str]]
    kind: Mapped[str]
    text: Mapped[str]
    state: Mapped[str]
    created: Mapped[datetime.datetime]
    moderated_at: Mapped[Optional[datetime.datetime]]
    moderated_by: Mapped[Optional[str]]
    moderation_reason: Mapped[Optional[str]]
    moderation_note: Mapped[Optional[str]]
    duplicate_of: Mapped[Optional[int]]
    duplicate_same_author: Mapped[bool]
    decision: Mapped[Optional[str]]
    answer: Mapped[Optional[str]]
    answered_at: Mapped[Optional[datetime.datetime]]
    answered_by: Mapped[Optional[str]]

    @classmethod
    def get(cls, reference: str) -> "ConsultationProposal | None":
        return model.Session.get(cls, reference) if isinstance(reference, str) and reference \
            else None


class ConsultationVote(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "consultation_vote", BaseModel.metadata,
        sa.Column("proposal_id", sa.UnicodeText, _fk("consultation_proposal"), primary_key=True),
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    proposal_id: Mapped[str]
    user_id: Mapped[str]
    created: Mapped[datetime.datetime]


class ConsultationFlag(domain_object.DomainObject, BaseModel):
    """A reader's "report" of a published comment; unresolved flags put it in the queue."""
    __table__ = sa.Table(
        "consultation_flag", BaseModel.metadata,
        sa.Column("proposal_id", sa.UnicodeText, _fk("consultation_proposal"), primary_key=True),
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("reason", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.Column("resolved", sa.Boolean, nullable=False, default=False, server_default="false"),
        extend_existing=True,
    )
    proposal_id: Mapped[str]
    user_id: Mapped[str]
    reason: Mapped[str]
    created: Mapped[datetime.datetime]
    resolved: Mapped[bool]


class ConsultationSubscription(domain_object.DomainObject, BaseModel):
    """E-mail on new drafts; an empty organization_id / kind means "any"."""
    __table__ = sa.Table(
        "consultation_subscription", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("organization_id", sa.UnicodeText,
                  nullable=False, default="", server_default=""),
        sa.Column("kind", sa.UnicodeText, nullable=False, default="", server_default=""),
        sa.Column("created", sa.DateTime, nullable=False, default=utcnow),
        sa.UniqueConstraint("user_id", "organization_id", "kind"),
        extend_existing=True,
    )
    id: Mapped[str]
    user_id: Mapped[str]
    organization_id: Mapped[str]
    kind: Mapped[str]
    created: Mapped[datetime.datetime]

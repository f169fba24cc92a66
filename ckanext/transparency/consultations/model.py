"""Tables of public discussion, on CKAN's metadata (created by migration/transparency_consultations)."""
from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import relationship

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.model import types as ckan_types


def utcnow() -> datetime.datetime:
    return datetime.datetime.utcnow()


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


class Consultation(tk.BaseModel):
    __tablename__ = "consultation"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid)
    name = sa.Column(sa.UnicodeText, nullable=False, unique=True)
    title = sa.Column(sa.UnicodeText, nullable=False)  # in Uzbek
    # the title in the other languages, {"uz-Cyrl"|"ru"|"en": text} (i18n/fluent.py)
    title_translated = sa.Column(JSONB, nullable=False, default=dict)
    summary = sa.Column(sa.UnicodeText, nullable=False, default="")
    kind = sa.Column(sa.UnicodeText, nullable=False)
    owner_org = sa.Column(sa.UnicodeText, nullable=False)
    body = sa.Column(sa.UnicodeText, nullable=False, default="")
    source_format = sa.Column(sa.UnicodeText, nullable=False, default="markdown")
    opens_on = sa.Column(sa.Date, nullable=False)
    closes_on = sa.Column(sa.Date, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    modified = sa.Column(sa.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    creator_user_id = sa.Column(sa.UnicodeText)
    withdrawn_at = sa.Column(sa.DateTime)
    withdrawn_reason = sa.Column(sa.UnicodeText)
    report_published_at = sa.Column(sa.DateTime)
    report = sa.Column(JSONB)
    report_package_id = sa.Column(sa.UnicodeText)
    adopted_at = sa.Column(sa.DateTime)
    adopted_on = sa.Column(sa.Date)
    adopted_reference = sa.Column(sa.UnicodeText)
    adopted_text = sa.Column(sa.UnicodeText)
    search_text = sa.Column(sa.UnicodeText, nullable=False, default="")
    subscribers_notified_at = sa.Column(sa.DateTime)

    articles = relationship("ConsultationArticle", order_by="ConsultationArticle.position",
                            cascade="all, delete-orphan", passive_deletes=True)
    attachments = relationship("ConsultationAttachment",
                               order_by="ConsultationAttachment.created",
                               cascade="all, delete-orphan", passive_deletes=True)

    @classmethod
    def get(cls, reference: str) -> "Consultation | None":
        if not reference or not isinstance(reference, str):
            return None
        query = model.Session.query(cls)
        return query.filter(cls.id == reference).first() or \
            query.filter(cls.name == reference).first()

    def article(self, number: str) -> "ConsultationArticle | None":
        return next((a for a in self.articles if a.number == number), None)


class ConsultationArticle(tk.BaseModel):
    """A numbered unit of the draft: an article (level 1, "3") or a paragraph (level 2, "3.2")."""
    __tablename__ = "consultation_article"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid)
    consultation_id = sa.Column(sa.UnicodeText, _fk("consultation"), nullable=False)
    position = sa.Column(sa.Integer, nullable=False)
    number = sa.Column(sa.UnicodeText, nullable=False)
    level = sa.Column(sa.Integer, nullable=False)
    heading = sa.Column(sa.UnicodeText, nullable=False, default="")
    text = sa.Column(sa.UnicodeText, nullable=False, default="")


class ConsultationAttachment(tk.BaseModel):
    __tablename__ = "consultation_attachment"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid)
    consultation_id = sa.Column(sa.UnicodeText, _fk("consultation"), nullable=False)
    filename = sa.Column(sa.UnicodeText, nullable=False)
    mimetype = sa.Column(sa.UnicodeText, nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class ConsultationProposal(tk.BaseModel):
    __tablename__ = "consultation_proposal"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid)
    consultation_id = sa.Column(sa.UnicodeText, _fk("consultation"), nullable=False)
    number = sa.Column(sa.Integer, nullable=False)
    author_id = sa.Column(sa.UnicodeText, nullable=False)
    article_number = sa.Column(sa.UnicodeText)
    kind = sa.Column(sa.UnicodeText, nullable=False)
    text = sa.Column(sa.UnicodeText, nullable=False)
    state = sa.Column(sa.UnicodeText, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    moderated_at = sa.Column(sa.DateTime)
    moderated_by = sa.Column(sa.UnicodeText)
    moderation_reason = sa.Column(sa.UnicodeText)
    moderation_note = sa.Column(sa.UnicodeText)
    duplicate_of = sa.Column(sa.Integer)
    duplicate_same_author = sa.Column(sa.Boolean, nullable=False, default=False)
    decision = sa.Column(sa.UnicodeText)
    answer = sa.Column(sa.UnicodeText)
    answered_at = sa.Column(sa.DateTime)
    answered_by = sa.Column(sa.UnicodeText)

    @classmethod
    def get(cls, reference: str) -> "ConsultationProposal | None":
        return model.Session.get(cls, reference) if isinstance(reference, str) and reference \
            else None


class ConsultationVote(tk.BaseModel):
    __tablename__ = "consultation_vote"

    proposal_id = sa.Column(sa.UnicodeText, _fk("consultation_proposal"), primary_key=True)
    user_id = sa.Column(sa.UnicodeText, primary_key=True)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class ConsultationFlag(tk.BaseModel):
    """A reader's "report" of a published comment; unresolved flags put it in the queue."""
    __tablename__ = "consultation_flag"

    proposal_id = sa.Column(sa.UnicodeText, _fk("consultation_proposal"), primary_key=True)
    user_id = sa.Column(sa.UnicodeText, primary_key=True)
    reason = sa.Column(sa.UnicodeText, nullable=False, default="")
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    resolved = sa.Column(sa.Boolean, nullable=False, default=False)


class ConsultationSubscription(tk.BaseModel):
    """E-mail on new drafts; an empty organization_id / kind means "any"."""
    __tablename__ = "consultation_subscription"
    __table_args__ = (sa.UniqueConstraint("user_id", "organization_id", "kind"),)

    id = sa.Column(sa.UnicodeText, primary_key=True, default=ckan_types.make_uuid)
    user_id = sa.Column(sa.UnicodeText, nullable=False)
    organization_id = sa.Column(sa.UnicodeText, nullable=False, default="")
    kind = sa.Column(sa.UnicodeText, nullable=False, default="")
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

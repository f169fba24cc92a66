"""Tables of open dialogue: events, their history and materials, questions from the public and
their votes, polls with options and ballots, and the notification outbox.

Times are stored as naive UTC. Who asked a question or voted is personal data: `user_id`
columns never leave the logic layer (see logic/dictization.py).
"""
from __future__ import annotations

import datetime
from typing import Any, Optional

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer,
                        PrimaryKeyConstraint, Table, UnicodeText, UniqueConstraint, orm)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

import ckan.model as model
import ckan.model.domain_object as domain_object
import ckan.model.types as _types
from ckan.model.base import BaseModel
from ckan.model.types import JsonDictType

EVENT_KINDS = ("quarterly_report", "briefing", "qa_session", "other")
EVENT_STATUSES = ("announced", "live", "held", "cancelled", "postponed")
UPCOMING_STATUSES = ("announced", "postponed", "live")
# status -> the statuses an editor may move an event to
TRANSITIONS = {
    "announced": {"live", "held", "cancelled", "postponed"},
    "postponed": {"live", "held", "cancelled", "postponed"},
    "live": {"held"},
    "held": set(),
    "cancelled": set(),
}
MATERIAL_KINDS = ("recording", "slides", "report", "transcript", "dataset", "link")
QUESTION_STATUSES = ("pending", "published", "rejected")
# the published moderation rules of public discussion (DOMAIN.md; the same codes as
# consultations): why a question is not published
REJECTION_REASONS = ("abusive", "spam", "duplicate", "off_topic", "personal_data")
ANSWER_MODES = ("live", "written")
RESULTS_VISIBILITY = ("after_vote", "after_close")


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _id() -> str:
    return _types.make_uuid()


class Event(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_event", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("name", UnicodeText, nullable=False, unique=True),
        Column("kind", UnicodeText, nullable=False),
        Column("title", UnicodeText, nullable=False),  # in Uzbek
        # the title in the other languages, {"uz-Cyrl"|"ru"|"en": text} (i18n/fluent.py)
        Column("title_translated", JSONB, nullable=False, default=dict, server_default="{}"),
        Column("description", UnicodeText, nullable=False, default="", server_default=""),
        Column("owner_org", UnicodeText, ForeignKey("group.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("start", DateTime, nullable=False, index=True),
        Column("end", DateTime, nullable=False),
        Column("location", UnicodeText, nullable=False, default="", server_default=""),
        Column("stream_url", UnicodeText, nullable=False, default="", server_default=""),
        Column("status", UnicodeText,
               nullable=False, default="announced", server_default="announced"),
        Column("status_note", UnicodeText, nullable=False, default="", server_default=""),
        # the reported quarter of a quarterly report presentation, "2025-Q1"
        Column("period", UnicodeText, nullable=False, default="", server_default=""),
        Column("questions_open", Boolean, nullable=False, default=True, server_default="true"),
        Column("summary", UnicodeText, nullable=False, default="", server_default=""),
        Column("transcript", UnicodeText, nullable=False, default="", server_default=""),
        # canonical words (Latin/Cyrillic folded) of the texts above and the answered questions
        Column("search_text", UnicodeText, nullable=False, default="", server_default=""),
        # iCalendar SEQUENCE
        Column("sequence", Integer, nullable=False, default=0, server_default="0"),
        Column("created", DateTime, nullable=False, default=utcnow),
        Column("modified", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    id: Mapped[str]
    name: Mapped[str]
    kind: Mapped[str]
    title: Mapped[str]
    title_translated: Mapped[dict[str, Any]]
    description: Mapped[str]
    owner_org: Mapped[str]
    start: Mapped[datetime.datetime]
    end: Mapped[datetime.datetime]
    location: Mapped[str]
    stream_url: Mapped[str]
    status: Mapped[str]
    status_note: Mapped[str]
    period: Mapped[str]
    questions_open: Mapped[bool]
    summary: Mapped[str]
    transcript: Mapped[str]
    search_text: Mapped[str]
    sequence: Mapped[int]
    created: Mapped[datetime.datetime]
    modified: Mapped[datetime.datetime]

    history: Mapped[list[EventChange]] = orm.relationship(
        order_by="EventChange.timestamp", cascade="all, delete-orphan", lazy="select")
    materials: Mapped[list[Material]] = orm.relationship(
        order_by="Material.position", cascade="all, delete-orphan", lazy="select")

    @classmethod
    def get(cls, reference: str | None) -> "Event | None":
        if not reference or not isinstance(reference, str):
            return None
        session = model.Session
        return (session.get(cls, reference)
                or session.query(cls).filter(cls.name == reference).one_or_none())


class EventChange(domain_object.DomainObject, BaseModel):
    """One line of an event's public history: announced, edited, postponed, cancelled..."""
    __table__ = Table(
        "dialogue_event_change", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("event_id", UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("timestamp", DateTime, nullable=False, default=utcnow),
        Column("user_id", UnicodeText, nullable=True),
        Column("action", UnicodeText, nullable=False),  # created, updated, status
        Column("status_from", UnicodeText, nullable=True),
        Column("status_to", UnicodeText, nullable=True),
        Column("start_from", DateTime, nullable=True),
        Column("start_to", DateTime, nullable=True),
        Column("note", UnicodeText, nullable=False, default="", server_default=""),
        Column("fields", JsonDictType, nullable=True),  # {"changed": [field names]}
        extend_existing=True,
    )
    id: Mapped[str]
    event_id: Mapped[str]
    timestamp: Mapped[datetime.datetime]
    user_id: Mapped[Optional[str]]
    action: Mapped[str]
    status_from: Mapped[Optional[str]]
    status_to: Mapped[Optional[str]]
    start_from: Mapped[Optional[datetime.datetime]]
    start_to: Mapped[Optional[datetime.datetime]]
    note: Mapped[str]
    fields: Mapped[Optional[dict[str, Any]]]


class Material(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_material", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("event_id", UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("kind", UnicodeText, nullable=False),
        Column("title", UnicodeText, nullable=False, default="", server_default=""),
        # a link, or the stored file's name
        Column("url", UnicodeText, nullable=False, default="", server_default=""),
        # "upload" for a stored file
        Column("url_type", UnicodeText, nullable=False, default="", server_default=""),
        Column("size", Integer, nullable=True),
        Column("position", Integer, nullable=False, default=0, server_default="0"),
        Column("created", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    id: Mapped[str]
    event_id: Mapped[str]
    kind: Mapped[str]
    title: Mapped[str]
    url: Mapped[str]
    url_type: Mapped[str]
    size: Mapped[Optional[int]]
    position: Mapped[int]
    created: Mapped[datetime.datetime]


class Question(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_question", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("event_id", UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("number", Integer, nullable=False),  # public reference within the event: "#3"
        Column("user_id", UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        Column("text", UnicodeText, nullable=False),
        Column("status", UnicodeText, nullable=False, default="pending", server_default="pending"),
        Column("rejection_reason", UnicodeText, nullable=True),
        Column("moderation_note", UnicodeText, nullable=False, default="", server_default=""),
        Column("moderated_at", DateTime, nullable=True),
        Column("answer", UnicodeText, nullable=True),
        Column("answer_mode", UnicodeText, nullable=True),
        Column("recording_time", Integer, nullable=True),  # seconds into the recording
        Column("answered_at", DateTime, nullable=True),
        Column("votes", Integer, nullable=False, default=0, server_default="0"),
        Column("created", DateTime, nullable=False, default=utcnow),
        UniqueConstraint("event_id", "number"),
        Index("dialogue_question_status_idx", "status"),
        extend_existing=True,
    )
    id: Mapped[str]
    event_id: Mapped[str]
    number: Mapped[int]
    user_id: Mapped[str]
    text: Mapped[str]
    status: Mapped[str]
    rejection_reason: Mapped[Optional[str]]
    moderation_note: Mapped[str]
    moderated_at: Mapped[Optional[datetime.datetime]]
    answer: Mapped[Optional[str]]
    answer_mode: Mapped[Optional[str]]
    recording_time: Mapped[Optional[int]]
    answered_at: Mapped[Optional[datetime.datetime]]
    votes: Mapped[int]
    created: Mapped[datetime.datetime]

    @property
    def answered(self) -> bool:
        return bool(self.answer)


class QuestionVote(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_question_vote", BaseModel.metadata,
        Column("question_id", UnicodeText, ForeignKey("dialogue_question.id", ondelete="CASCADE"),
               nullable=False),
        Column("user_id", UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        Column("created", DateTime, nullable=False, default=utcnow),
        PrimaryKeyConstraint("question_id", "user_id"),
        extend_existing=True,
    )
    question_id: Mapped[str]
    user_id: Mapped[str]
    created: Mapped[datetime.datetime]


class Poll(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_poll", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("name", UnicodeText, nullable=False, unique=True),
        Column("owner_org", UnicodeText, ForeignKey("group.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("event_id", UnicodeText, ForeignKey("dialogue_event.id", ondelete="SET NULL"),
               nullable=True),
        Column("question", UnicodeText, nullable=False),
        Column("description", UnicodeText, nullable=False, default="", server_default=""),
        Column("multiple", Boolean, nullable=False, default=False, server_default="false"),
        Column("opens_at", DateTime, nullable=False),
        Column("closes_at", DateTime, nullable=False),
        Column("results_visibility", UnicodeText,
               nullable=False, default="after_vote", server_default="after_vote"),
        Column("voters", Integer, nullable=False, default=0, server_default="0"),
        Column("dataset_id", UnicodeText, nullable=True),  # the open dataset of its results
        Column("created", DateTime, nullable=False, default=utcnow),
        Column("modified", DateTime, nullable=False, default=utcnow),
        extend_existing=True,
    )
    id: Mapped[str]
    name: Mapped[str]
    owner_org: Mapped[str]
    event_id: Mapped[Optional[str]]
    question: Mapped[str]
    description: Mapped[str]
    multiple: Mapped[bool]
    opens_at: Mapped[datetime.datetime]
    closes_at: Mapped[datetime.datetime]
    results_visibility: Mapped[str]
    voters: Mapped[int]
    dataset_id: Mapped[Optional[str]]
    created: Mapped[datetime.datetime]
    modified: Mapped[datetime.datetime]

    options: Mapped[list[PollOption]] = orm.relationship(
        order_by="PollOption.position", cascade="all, delete-orphan", lazy="select")

    @classmethod
    def get(cls, reference: str | None) -> "Poll | None":
        if not reference or not isinstance(reference, str):
            return None
        session = model.Session
        return (session.get(cls, reference)
                or session.query(cls).filter(cls.name == reference).one_or_none())

    def state(self, now: datetime.datetime | None = None) -> str:
        now = now or utcnow()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class PollOption(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "dialogue_poll_option", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("poll_id", UnicodeText, ForeignKey("dialogue_poll.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("position", Integer, nullable=False, default=0, server_default="0"),
        Column("label", UnicodeText, nullable=False),
        Column("votes", Integer, nullable=False, default=0, server_default="0"),
        extend_existing=True,
    )
    id: Mapped[str]
    poll_id: Mapped[str]
    position: Mapped[int]
    label: Mapped[str]
    votes: Mapped[int]


class PollVoter(domain_object.DomainObject, BaseModel):
    """Who voted, for the one-vote rule only: the choices are kept apart, unlinked (a secret
    ballot), in the option counters."""
    __table__ = Table(
        "dialogue_poll_voter", BaseModel.metadata,
        Column("poll_id", UnicodeText, ForeignKey("dialogue_poll.id", ondelete="CASCADE"),
               nullable=False),
        Column("user_id", UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        PrimaryKeyConstraint("poll_id", "user_id"),
        extend_existing=True,
    )
    poll_id: Mapped[str]
    user_id: Mapped[str]


class Notification(domain_object.DomainObject, BaseModel):
    """Outbox of e-mails to people involved in an event (question authors and voters)."""
    __table__ = Table(
        "dialogue_notification", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_id),
        Column("user_id", UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False,
               index=True),
        Column("event_id", UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
               nullable=False),
        Column("question_id", UnicodeText, ForeignKey("dialogue_question.id", ondelete="CASCADE"),
               nullable=True),
        Column("kind", UnicodeText, nullable=False),  # postponed, cancelled, answered, rejected
        Column("data", JsonDictType, nullable=True),
        Column("created", DateTime, nullable=False, default=utcnow),
        Column("sent_at", DateTime, nullable=True),
        extend_existing=True,
    )
    id: Mapped[str]
    user_id: Mapped[str]
    event_id: Mapped[str]
    question_id: Mapped[Optional[str]]
    kind: Mapped[str]
    data: Mapped[Optional[dict[str, Any]]]
    created: Mapped[datetime.datetime]
    sent_at: Mapped[Optional[datetime.datetime]]

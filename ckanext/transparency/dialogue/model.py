"""Tables of open dialogue: events, their history and materials, questions from the public and
their votes, polls with options and ballots, and the notification outbox.

Times are stored as naive UTC. Who asked a question or voted is personal data: `user_id`
columns never leave the logic layer (see logic/dictization.py).
"""
from __future__ import annotations

import datetime

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, PrimaryKeyConstraint,
                        UnicodeText, UniqueConstraint, orm)
from sqlalchemy.dialects.postgresql import JSONB

import ckan.model.types as _types
from ckan.model.base import BaseModel
from ckan.model.types import JsonDictType

import ckan.model as model

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


class Event(BaseModel):
    __tablename__ = "dialogue_event"
    id = Column(UnicodeText, primary_key=True, default=_id)
    name = Column(UnicodeText, nullable=False, unique=True)
    kind = Column(UnicodeText, nullable=False)
    title = Column(UnicodeText, nullable=False)  # in Uzbek
    # the title in the other languages, {"uz-Cyrl"|"ru"|"en": text} (i18n/fluent.py)
    title_translated = Column(JSONB, nullable=False, default=dict)
    description = Column(UnicodeText, nullable=False, default="")
    owner_org = Column(UnicodeText, ForeignKey("group.id", ondelete="CASCADE"), nullable=False,
                       index=True)
    start = Column(DateTime, nullable=False, index=True)
    end = Column(DateTime, nullable=False)
    location = Column(UnicodeText, nullable=False, default="")
    stream_url = Column(UnicodeText, nullable=False, default="")
    status = Column(UnicodeText, nullable=False, default="announced")
    status_note = Column(UnicodeText, nullable=False, default="")
    # the reported quarter of a quarterly report presentation, "2025-Q1"
    period = Column(UnicodeText, nullable=False, default="")
    questions_open = Column(Boolean, nullable=False, default=True)
    summary = Column(UnicodeText, nullable=False, default="")
    transcript = Column(UnicodeText, nullable=False, default="")
    # canonical words (Latin/Cyrillic folded) of the texts above and the answered questions
    search_text = Column(UnicodeText, nullable=False, default="")
    sequence = Column(Integer, nullable=False, default=0)  # iCalendar SEQUENCE
    created = Column(DateTime, nullable=False, default=utcnow)
    modified = Column(DateTime, nullable=False, default=utcnow)

    history = orm.relationship("EventChange", order_by="EventChange.timestamp",
                               cascade="all, delete-orphan", lazy="select")
    materials = orm.relationship("Material", order_by="Material.position",
                                 cascade="all, delete-orphan", lazy="select")

    @classmethod
    def get(cls, reference: str | None) -> "Event | None":
        if not reference or not isinstance(reference, str):
            return None
        session = model.Session
        return (session.get(cls, reference)
                or session.query(cls).filter(cls.name == reference).one_or_none())


class EventChange(BaseModel):
    """One line of an event's public history: announced, edited, postponed, cancelled..."""
    __tablename__ = "dialogue_event_change"
    id = Column(UnicodeText, primary_key=True, default=_id)
    event_id = Column(UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
                      nullable=False, index=True)
    timestamp = Column(DateTime, nullable=False, default=utcnow)
    user_id = Column(UnicodeText, nullable=True)
    action = Column(UnicodeText, nullable=False)  # created, updated, status
    status_from = Column(UnicodeText, nullable=True)
    status_to = Column(UnicodeText, nullable=True)
    start_from = Column(DateTime, nullable=True)
    start_to = Column(DateTime, nullable=True)
    note = Column(UnicodeText, nullable=False, default="")
    fields = Column(JsonDictType, nullable=True)  # {"changed": [field names]}


class Material(BaseModel):
    __tablename__ = "dialogue_material"
    id = Column(UnicodeText, primary_key=True, default=_id)
    event_id = Column(UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
                      nullable=False, index=True)
    kind = Column(UnicodeText, nullable=False)
    title = Column(UnicodeText, nullable=False, default="")
    url = Column(UnicodeText, nullable=False, default="")  # a link, or the stored file's name
    url_type = Column(UnicodeText, nullable=False, default="")  # "upload" for a stored file
    size = Column(Integer, nullable=True)
    position = Column(Integer, nullable=False, default=0)
    created = Column(DateTime, nullable=False, default=utcnow)


class Question(BaseModel):
    __tablename__ = "dialogue_question"
    id = Column(UnicodeText, primary_key=True, default=_id)
    event_id = Column(UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
                      nullable=False, index=True)
    number = Column(Integer, nullable=False)  # public reference within the event: "#3"
    user_id = Column(UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    text = Column(UnicodeText, nullable=False)
    status = Column(UnicodeText, nullable=False, default="pending", index=True)
    rejection_reason = Column(UnicodeText, nullable=True)
    moderation_note = Column(UnicodeText, nullable=False, default="")
    moderated_at = Column(DateTime, nullable=True)
    answer = Column(UnicodeText, nullable=True)
    answer_mode = Column(UnicodeText, nullable=True)
    recording_time = Column(Integer, nullable=True)  # seconds into the recording
    answered_at = Column(DateTime, nullable=True)
    votes = Column(Integer, nullable=False, default=0)
    created = Column(DateTime, nullable=False, default=utcnow)
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    @property
    def answered(self) -> bool:
        return bool(self.answer)


class QuestionVote(BaseModel):
    __tablename__ = "dialogue_question_vote"
    question_id = Column(UnicodeText, ForeignKey("dialogue_question.id", ondelete="CASCADE"),
                         nullable=False)
    user_id = Column(UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    created = Column(DateTime, nullable=False, default=utcnow)
    __table_args__ = (PrimaryKeyConstraint("question_id", "user_id"),)


class Poll(BaseModel):
    __tablename__ = "dialogue_poll"
    id = Column(UnicodeText, primary_key=True, default=_id)
    name = Column(UnicodeText, nullable=False, unique=True)
    owner_org = Column(UnicodeText, ForeignKey("group.id", ondelete="CASCADE"), nullable=False,
                       index=True)
    event_id = Column(UnicodeText, ForeignKey("dialogue_event.id", ondelete="SET NULL"),
                      nullable=True)
    question = Column(UnicodeText, nullable=False)
    description = Column(UnicodeText, nullable=False, default="")
    multiple = Column(Boolean, nullable=False, default=False)
    opens_at = Column(DateTime, nullable=False)
    closes_at = Column(DateTime, nullable=False)
    results_visibility = Column(UnicodeText, nullable=False, default="after_vote")
    voters = Column(Integer, nullable=False, default=0)
    dataset_id = Column(UnicodeText, nullable=True)  # the open dataset of its results
    created = Column(DateTime, nullable=False, default=utcnow)
    modified = Column(DateTime, nullable=False, default=utcnow)

    options = orm.relationship("PollOption", order_by="PollOption.position",
                               cascade="all, delete-orphan", lazy="select")

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


class PollOption(BaseModel):
    __tablename__ = "dialogue_poll_option"
    id = Column(UnicodeText, primary_key=True, default=_id)
    poll_id = Column(UnicodeText, ForeignKey("dialogue_poll.id", ondelete="CASCADE"),
                     nullable=False, index=True)
    position = Column(Integer, nullable=False, default=0)
    label = Column(UnicodeText, nullable=False)
    votes = Column(Integer, nullable=False, default=0)


class PollVoter(BaseModel):
    """Who voted, for the one-vote rule only: the choices are kept apart, unlinked (a secret
    ballot), in the option counters."""
    __tablename__ = "dialogue_poll_voter"
    poll_id = Column(UnicodeText, ForeignKey("dialogue_poll.id", ondelete="CASCADE"),
                     nullable=False)
    user_id = Column(UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    __table_args__ = (PrimaryKeyConstraint("poll_id", "user_id"),)


class Notification(BaseModel):
    """Outbox of e-mails to people involved in an event (question authors and voters)."""
    __tablename__ = "dialogue_notification"
    id = Column(UnicodeText, primary_key=True, default=_id)
    user_id = Column(UnicodeText, ForeignKey("user.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    event_id = Column(UnicodeText, ForeignKey("dialogue_event.id", ondelete="CASCADE"),
                      nullable=False)
    question_id = Column(UnicodeText, ForeignKey("dialogue_question.id", ondelete="CASCADE"),
                         nullable=True)
    kind = Column(UnicodeText, nullable=False)  # postponed, cancelled, answered, rejected
    data = Column(JsonDictType, nullable=True)
    created = Column(DateTime, nullable=False, default=utcnow)
    sent_at = Column(DateTime, nullable=True)

"""Tables of the appeals module (created by migration/transparency_appeals).

`Applicant` holds the personal data and is read only by the staff code paths
(`logic/action.py`: appeal_show and the e-mail to the applicant); nothing public imports it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey,
                        Index, Integer, SmallInteger, Table, Text, Time, text)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

import ckan.model as model
import ckan.model.domain_object as domain_object
from ckan.model import types as _types
from ckan.model.base import BaseModel


class Counter(domain_object.DomainObject, BaseModel):
    """The last appeal number given in a year (next_number)."""
    __table__ = Table(
        "appeal_counter", BaseModel.metadata,
        Column("year", Integer, primary_key=True),
        Column("value", Integer, nullable=False),
        extend_existing=True,
    )
    year: Mapped[int]
    value: Mapped[int]


class Reception(domain_object.DomainObject, BaseModel):
    """A recurring hour when an official receives citizens in person."""
    __table__ = Table(
        "appeal_reception", BaseModel.metadata,
        Column("id", Text, primary_key=True, default=_types.make_uuid),
        Column("owner_org", Text),
        Column("position", Text, nullable=False),
        Column("official", Text),
        Column("weekday", SmallInteger,
               CheckConstraint("weekday BETWEEN 0 AND 6", name="appeal_reception_weekday_check"),
               nullable=False),
        Column("weeks", Text, nullable=False, default="", server_default=""),
        Column("starts", Time, nullable=False),
        Column("ends", Time, nullable=False),
        Column("place", Text, nullable=False),
        Column("sign_up", Text, nullable=False, default="", server_default=""),
        Column("active", Boolean, nullable=False, default=True, server_default="true"),
        Column("created", DateTime, nullable=False, default=dt.datetime.utcnow,
               server_default=text("(now() AT TIME ZONE 'utc')")),
        extend_existing=True,
    )
    id: Mapped[str]
    owner_org: Mapped[Optional[str]]
    position: Mapped[str]
    official: Mapped[Optional[str]]
    weekday: Mapped[int]
    weeks: Mapped[str]
    starts: Mapped[dt.time]
    ends: Mapped[dt.time]
    place: Mapped[str]
    sign_up: Mapped[str]
    active: Mapped[bool]
    created: Mapped[dt.datetime]


class Appeal(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "appeal", BaseModel.metadata,
        Column("id", Text, primary_key=True, default=_types.make_uuid),
        Column("number", Text, nullable=False, unique=True),
        Column("access_code_hash", Text, nullable=False),
        Column("submission_key", Text, unique=True),
        Column("fingerprint", Text),
        Column("type", Text, nullable=False),
        Column("channel", Text, nullable=False),
        Column("topic", Text, nullable=False),
        Column("owner_org", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("status", Text, nullable=False),
        Column("outcome", Text),
        Column("assignee_id", Text),
        Column("reception_id", Text, ForeignKey("appeal_reception.id", ondelete="SET NULL")),
        Column("registered_at", DateTime, nullable=False),
        Column("registered_on", Date, nullable=False),
        Column("needs_study", Boolean, nullable=False, default=False, server_default="false"),
        Column("original_due_on", Date, nullable=False),
        Column("due_on", Date, nullable=False),
        Column("extended", Boolean, nullable=False, default=False, server_default="false"),
        Column("forward_due_on", Date, nullable=False),
        Column("forwarded_to", Text),
        Column("completed_on", Date),
        Column("completed_at", DateTime),
        Column("answer", Text),
        Column("closed_at", DateTime),
        Column("rating", SmallInteger,
               CheckConstraint("rating BETWEEN 1 AND 5", name="appeal_rating_check")),
        Column("rated_at", DateTime),
        Column("modified", DateTime, nullable=False),
        Index("appeal_owner_org_due_idx", "owner_org", "due_on"),
        Index("appeal_open_due_idx", "due_on", postgresql_where=text("completed_on IS NULL")),
        Index("appeal_registered_on_idx", "registered_on"),
        extend_existing=True,
    )
    id: Mapped[str]
    number: Mapped[str]
    access_code_hash: Mapped[str]
    submission_key: Mapped[Optional[str]]
    fingerprint: Mapped[Optional[str]]
    type: Mapped[str]
    channel: Mapped[str]
    topic: Mapped[str]
    owner_org: Mapped[str]
    subject: Mapped[str]
    text: Mapped[str]
    status: Mapped[str]
    outcome: Mapped[Optional[str]]
    assignee_id: Mapped[Optional[str]]
    reception_id: Mapped[Optional[str]]
    registered_at: Mapped[dt.datetime]
    registered_on: Mapped[dt.date]
    needs_study: Mapped[bool]
    original_due_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    extended: Mapped[bool]
    forward_due_on: Mapped[dt.date]
    forwarded_to: Mapped[Optional[str]]
    completed_on: Mapped[Optional[dt.date]]
    completed_at: Mapped[Optional[dt.datetime]]
    answer: Mapped[Optional[str]]
    closed_at: Mapped[Optional[dt.datetime]]
    rating: Mapped[Optional[int]]
    rated_at: Mapped[Optional[dt.datetime]]
    modified: Mapped[dt.datetime]


class Applicant(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "appeal_applicant", BaseModel.metadata,
        Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), primary_key=True),
        Column("full_name", Text, nullable=False),
        Column("address", Text, nullable=False, default="", server_default=""),
        Column("phone", Text, nullable=False, default="", server_default=""),
        Column("email", Text, nullable=False, default="", server_default=""),
        # of the e-mails to the applicant
        Column("language", Text, nullable=False, default="", server_default=""),
        Column("consent_at", DateTime),  # consent to the processing of personal data (ZRU-547)
        Column("purged_at", DateTime),  # personal data removed after the retention period
        extend_existing=True,
    )
    appeal_id: Mapped[str]
    full_name: Mapped[str]
    address: Mapped[str]
    phone: Mapped[str]
    email: Mapped[str]
    language: Mapped[str]
    consent_at: Mapped[Optional[dt.datetime]]
    purged_at: Mapped[Optional[dt.datetime]]


class AppealEvent(domain_object.DomainObject, BaseModel):
    """One line of an appeal's history; `public` lines are shown to the applicant."""
    __table__ = Table(
        "appeal_event", BaseModel.metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), nullable=False),
        Column("created", DateTime, nullable=False),
        Column("kind", Text, nullable=False),
        Column("actor_id", Text),
        Column("public", Boolean, nullable=False),
        Column("data", JSONB, nullable=False, server_default=text("'{}'")),
        Index("appeal_event_appeal_idx", "appeal_id", "id"),
        extend_existing=True,
    )
    id: Mapped[int]
    appeal_id: Mapped[str]
    created: Mapped[dt.datetime]
    kind: Mapped[str]
    actor_id: Mapped[Optional[str]]
    public: Mapped[bool]
    data: Mapped[dict[str, Any]]


class Attachment(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "appeal_attachment", BaseModel.metadata,
        Column("id", Text, primary_key=True, default=_types.make_uuid),
        Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), nullable=False),
        Column("filename", Text, nullable=False),
        Column("content_type", Text, nullable=False),
        Column("size", Integer, nullable=False),
        Column("sha256", Text, nullable=False),
        Column("created", DateTime, nullable=False),
        Index("appeal_attachment_appeal_idx", "appeal_id"),
        extend_existing=True,
    )
    id: Mapped[str]
    appeal_id: Mapped[str]
    filename: Mapped[str]
    content_type: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str]
    created: Mapped[dt.datetime]


class Statistic(domain_object.DomainObject, BaseModel):
    """A monthly count of appeals of a department by one dimension's value."""
    __table__ = Table(
        "appeal_statistic", BaseModel.metadata,
        Column("month", Date, primary_key=True),
        Column("owner_org", Text, primary_key=True),
        Column("type", Text, primary_key=True),
        Column("dimension", Text, primary_key=True),
        Column("value", Text, primary_key=True),
        Column("count", Integer, nullable=False),
        extend_existing=True,
    )
    month: Mapped[dt.date]
    owner_org: Mapped[str]
    type: Mapped[str]
    dimension: Mapped[str]
    value: Mapped[str]
    count: Mapped[int]  # type: ignore[assignment]  # the column, over DomainObject.count()


def session():
    return model.Session


def row_dict(row: Any) -> dict[str, Any]:
    return dict(row._mapping) if row is not None else None


def get_appeal(id_or_number: str) -> Optional[dict[str, Any]]:
    t = Appeal.__table__
    column = t.c.number if "-" in id_or_number and len(id_or_number) < 20 else t.c.id
    return row_dict(session().execute(t.select().where(column == id_or_number)).first())


def get_appeal_for_update(appeal_id: str) -> dict[str, Any]:
    t = Appeal.__table__
    return row_dict(session().execute(
        t.select().where(t.c.id == appeal_id).with_for_update()).first())


def events(appeal_id: str, public_only: bool) -> list[dict[str, Any]]:
    t = AppealEvent.__table__
    query = t.select().where(t.c.appeal_id == appeal_id).order_by(t.c.id)
    if public_only:
        query = query.where(t.c.public.is_(True))
    return [row_dict(r) for r in session().execute(query)]


def attachments(appeal_id: str) -> list[dict[str, Any]]:
    t = Attachment.__table__
    return [row_dict(r) for r in session().execute(
        t.select().where(t.c.appeal_id == appeal_id).order_by(t.c.created))]


def applicant(appeal_id: str) -> Optional[dict[str, Any]]:
    t = Applicant.__table__
    return row_dict(session().execute(t.select().where(t.c.appeal_id == appeal_id)).first())


def add_event(appeal_id: str, kind: str, actor_id: Optional[str], public: bool,
              data: Optional[dict] = None, when: Optional[dt.datetime] = None) -> None:
    session().execute(AppealEvent.__table__.insert().values(
        appeal_id=appeal_id, kind=kind, actor_id=actor_id, public=public, data=data or {},
        created=when or dt.datetime.utcnow()))


def next_number(year: int) -> str:
    value = session().execute(text(
        "INSERT INTO appeal_counter (year, value) VALUES (:year, 1) "
        "ON CONFLICT (year) DO UPDATE SET value = appeal_counter.value + 1 RETURNING value"),
        {"year": year}).scalar()
    return f"{year}-{value:06d}"

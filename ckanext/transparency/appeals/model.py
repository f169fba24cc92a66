"""Tables of the appeals module (created by migration/transparency_appeals).

`Applicant` holds the personal data and is read only by the staff code paths
(`logic/action.py`: appeal_show and the e-mail to the applicant); nothing public imports it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Integer,
                        SmallInteger, Table, Text, Time, text)
from sqlalchemy.dialects.postgresql import JSONB

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.model import types as _types

metadata = tk.BaseModel.metadata


def _table(name: str, *columns) -> Table:
    return Table(name, metadata, *columns, extend_existing=True)


counter_table = _table(
    "appeal_counter",
    Column("year", Integer, primary_key=True),
    Column("value", Integer, nullable=False),
)

reception_table = _table(
    "appeal_reception",
    Column("id", Text, primary_key=True, default=_types.make_uuid),
    Column("owner_org", Text),
    Column("position", Text, nullable=False),
    Column("official", Text),
    Column("weekday", SmallInteger, nullable=False),
    Column("weeks", Text, nullable=False, default=""),
    Column("starts", Time, nullable=False),
    Column("ends", Time, nullable=False),
    Column("place", Text, nullable=False),
    Column("sign_up", Text, nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
    Column("created", DateTime, nullable=False, default=dt.datetime.utcnow),
)

appeal_table = _table(
    "appeal",
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
    Column("needs_study", Boolean, nullable=False, default=False),
    Column("original_due_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("extended", Boolean, nullable=False, default=False),
    Column("forward_due_on", Date, nullable=False),
    Column("forwarded_to", Text),
    Column("completed_on", Date),
    Column("completed_at", DateTime),
    Column("answer", Text),
    Column("closed_at", DateTime),
    Column("rating", SmallInteger),
    Column("rated_at", DateTime),
    Column("modified", DateTime, nullable=False),
)

applicant_table = _table(
    "appeal_applicant",
    Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), primary_key=True),
    Column("full_name", Text, nullable=False),
    Column("address", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("language", Text, nullable=False, default=""),  # of the e-mails to the applicant
    Column("consent_at", DateTime),  # consent to the processing of personal data (ZRU-547)
    Column("purged_at", DateTime),  # personal data removed after the retention period
)

event_table = _table(
    "appeal_event",
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("kind", Text, nullable=False),
    Column("actor_id", Text),
    Column("public", Boolean, nullable=False),
    Column("data", JSONB, nullable=False, server_default=text("'{}'")),
)

attachment_table = _table(
    "appeal_attachment",
    Column("id", Text, primary_key=True, default=_types.make_uuid),
    Column("appeal_id", Text, ForeignKey("appeal.id", ondelete="CASCADE"), nullable=False),
    Column("filename", Text, nullable=False),
    Column("content_type", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("created", DateTime, nullable=False),
)

statistic_table = _table(
    "appeal_statistic",
    Column("month", Date, primary_key=True),
    Column("owner_org", Text, primary_key=True),
    Column("type", Text, primary_key=True),
    Column("dimension", Text, primary_key=True),
    Column("value", Text, primary_key=True),
    Column("count", Integer, nullable=False),
)


def session():
    return model.Session


def row_dict(row: Any) -> dict[str, Any]:
    return dict(row._mapping) if row is not None else None


def get_appeal(id_or_number: str) -> Optional[dict[str, Any]]:
    t = appeal_table
    column = t.c.number if "-" in id_or_number and len(id_or_number) < 20 else t.c.id
    return row_dict(session().execute(t.select().where(column == id_or_number)).first())


def get_appeal_for_update(appeal_id: str) -> dict[str, Any]:
    t = appeal_table
    return row_dict(session().execute(
        t.select().where(t.c.id == appeal_id).with_for_update()).first())


def events(appeal_id: str, public_only: bool) -> list[dict[str, Any]]:
    t = event_table
    query = t.select().where(t.c.appeal_id == appeal_id).order_by(t.c.id)
    if public_only:
        query = query.where(t.c.public.is_(True))
    return [row_dict(r) for r in session().execute(query)]


def attachments(appeal_id: str) -> list[dict[str, Any]]:
    t = attachment_table
    return [row_dict(r) for r in session().execute(
        t.select().where(t.c.appeal_id == appeal_id).order_by(t.c.created))]


def applicant(appeal_id: str) -> Optional[dict[str, Any]]:
    t = applicant_table
    return row_dict(session().execute(t.select().where(t.c.appeal_id == appeal_id)).first())


def add_event(appeal_id: str, kind: str, actor_id: Optional[str], public: bool,
              data: Optional[dict] = None, when: Optional[dt.datetime] = None) -> None:
    session().execute(event_table.insert().values(
        appeal_id=appeal_id, kind=kind, actor_id=actor_id, public=public, data=data or {},
        created=when or dt.datetime.utcnow()))


def next_number(year: int) -> str:
    value = session().execute(text(
        "INSERT INTO appeal_counter (year, value) VALUES (:year, 1) "
        "ON CONFLICT (year) DO UPDATE SET value = appeal_counter.value + 1 RETURNING value"),
        {"year": year}).scalar()
    return f"{year}-{value:06d}"

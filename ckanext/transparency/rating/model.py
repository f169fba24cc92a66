"""Rating snapshots (created by migration/transparency_rating): one per period, never changed
after it is taken, except for whether it is published."""
from __future__ import annotations

import datetime as dt

from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped

import ckan.model as model
import ckan.model.domain_object as domain_object
from ckan.model import types as _types
from ckan.model.base import BaseModel


class Snapshot(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "transparency_rating_snapshot", BaseModel.metadata,
        sa.Column("id", sa.UnicodeText, primary_key=True, default=_types.make_uuid),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("label", sa.UnicodeText, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False, default=dt.datetime.utcnow),
        sa.Column("method", JSONB, nullable=False),  # weights, minimum sample, targets used
        sa.Column("published", sa.Boolean, nullable=False, default=False, server_default="false"),
        sa.Column("published_at", sa.DateTime),
        sa.UniqueConstraint("kind", "period_start"),
        extend_existing=True,
    )
    id: Mapped[str]
    kind: Mapped[str]
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    label: Mapped[str]
    as_of: Mapped[dt.date]
    computed_at: Mapped[dt.datetime]
    method: Mapped[dict[str, Any]]
    published: Mapped[bool]
    published_at: Mapped[Optional[dt.datetime]]


class Entry(domain_object.DomainObject, BaseModel):
    __table__ = sa.Table(
        "transparency_rating_entry", BaseModel.metadata,
        sa.Column("snapshot_id", sa.UnicodeText, sa.ForeignKey(
                  "transparency_rating_snapshot.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("name", sa.UnicodeText, nullable=False),  # as they were when computed
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("band", sa.UnicodeText, nullable=False),
        sa.Column("rank", sa.Integer),
        sa.Column("result", JSONB, nullable=False),  # indicators, measures, evidence
        extend_existing=True,
    )
    snapshot_id: Mapped[str]
    organization_id: Mapped[str]
    name: Mapped[str]
    title: Mapped[str]
    score: Mapped[Optional[float]]
    band: Mapped[str]
    rank: Mapped[Optional[int]]
    result: Mapped[dict[str, Any]]


def snapshot(kind: str, start: dt.date) -> Snapshot | None:
    return model.Session.query(Snapshot).filter(
        Snapshot.kind == kind, Snapshot.period_start == start).one_or_none()


def entries(snapshot_id: str) -> list[Entry]:
    return (model.Session.query(Entry).filter(Entry.snapshot_id == snapshot_id)
            .order_by(Entry.rank.asc().nulls_last(), Entry.name).all())

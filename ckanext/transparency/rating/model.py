"""Rating snapshots (created by migration/transparency_rating): one per period, never changed
after it is taken, except for whether it is published."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.model import types as _types


class Snapshot(tk.BaseModel):
    __tablename__ = "transparency_rating_snapshot"
    __table_args__ = (sa.UniqueConstraint("kind", "period_start"), {"extend_existing": True})

    id = sa.Column(sa.UnicodeText, primary_key=True, default=_types.make_uuid)
    kind = sa.Column(sa.UnicodeText, nullable=False)
    period_start = sa.Column(sa.Date, nullable=False)
    period_end = sa.Column(sa.Date, nullable=False)
    label = sa.Column(sa.UnicodeText, nullable=False)
    as_of = sa.Column(sa.Date, nullable=False)
    computed_at = sa.Column(sa.DateTime, nullable=False, default=dt.datetime.utcnow)
    method = sa.Column(JSONB, nullable=False)  # weights, minimum sample, targets used
    published = sa.Column(sa.Boolean, nullable=False, default=False)
    published_at = sa.Column(sa.DateTime)


class Entry(tk.BaseModel):
    __tablename__ = "transparency_rating_entry"
    __table_args__ = {"extend_existing": True}

    snapshot_id = sa.Column(sa.UnicodeText, sa.ForeignKey(
        "transparency_rating_snapshot.id", ondelete="CASCADE"), primary_key=True)
    organization_id = sa.Column(sa.UnicodeText, primary_key=True)
    name = sa.Column(sa.UnicodeText, nullable=False)  # as they were when computed
    title = sa.Column(sa.UnicodeText, nullable=False)
    score = sa.Column(sa.Float)
    band = sa.Column(sa.UnicodeText, nullable=False)
    rank = sa.Column(sa.Integer)
    result = sa.Column(JSONB, nullable=False)  # indicators, measures, evidence


def snapshot(kind: str, start: dt.date) -> Snapshot | None:
    return model.Session.query(Snapshot).filter(
        Snapshot.kind == kind, Snapshot.period_start == start).one_or_none()


def entries(snapshot_id: str) -> list[Entry]:
    return (model.Session.query(Entry).filter(Entry.snapshot_id == snapshot_id)
            .order_by(Entry.rank.asc().nulls_last(), Entry.name).all())

"""The update history of typed datasets (when, by whom, which period) and the schedule state
last written to the search index and last reminded about."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Column, Date, DateTime, Integer, Table, UnicodeText
from sqlalchemy.orm import Mapped

import ckan.model as model
import ckan.model.domain_object as domain_object
import ckan.model.types as _types
from ckan.model.base import BaseModel


class UpdateRecord(domain_object.DomainObject, BaseModel):
    """One data update of a dataset: the data it published covers period_start..period_end."""
    __table__ = Table(
        "transparency_opendata_update", BaseModel.metadata,
        Column("id", UnicodeText, primary_key=True, default=_types.make_uuid),
        Column("package_id", UnicodeText, nullable=False, index=True),
        Column("resource_id", UnicodeText),
        Column("user_id", UnicodeText),
        Column("updated_at", DateTime, nullable=False),
        Column("period_start", Date, nullable=False),
        Column("period_end", Date, nullable=False),
        Column("rows", Integer),
        Column("source", UnicodeText, nullable=False, server_default="upload"),
        extend_existing=True,
    )
    id: Mapped[str]
    package_id: Mapped[str]
    resource_id: Mapped[Optional[str]]
    user_id: Mapped[Optional[str]]
    updated_at: Mapped[dt.datetime]
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    rows: Mapped[Optional[int]]
    source: Mapped[str]

    @classmethod
    def for_package(cls, package_id: str) -> list["UpdateRecord"]:
        return (model.Session.query(cls).filter(cls.package_id == package_id)
                .order_by(cls.updated_at.desc()).all())

    @classmethod
    def latest_by_package(cls, package_ids: list[str] | None = None) -> dict[str, "UpdateRecord"]:
        """The update covering the latest period, per package."""
        query = (model.Session.query(cls).distinct(cls.package_id)
                 .order_by(cls.package_id, cls.period_end.desc(), cls.updated_at.desc()))
        if package_ids is not None:
            query = query.filter(cls.package_id.in_(package_ids))
        return {record.package_id: record for record in query}


class ScheduleState(domain_object.DomainObject, BaseModel):
    __table__ = Table(
        "transparency_opendata_schedule", BaseModel.metadata,
        Column("package_id", UnicodeText, primary_key=True),
        Column("indexed_state", UnicodeText),
        Column("next_due", Date),
        Column("reminded_soon", Date),
        Column("reminded_overdue", Date),
        extend_existing=True,
    )
    package_id: Mapped[str]
    indexed_state: Mapped[Optional[str]]
    next_due: Mapped[Optional[dt.date]]
    reminded_soon: Mapped[Optional[dt.date]]
    reminded_overdue: Mapped[Optional[dt.date]]

    @classmethod
    def get_or_new(cls, package_id: str) -> "ScheduleState":
        state = model.Session.get(cls, package_id)
        if state is None:
            state = cls(package_id=package_id)
            model.Session.add(state)
        return state

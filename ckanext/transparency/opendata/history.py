"""Recording data updates: when, by whom, which period."""
from __future__ import annotations

import datetime as dt

import ckan.model as model

from . import periods
from .model import UpdateRecord
from .types import PERIOD_MONTHS


def default_period(frequency: str | None, day: dt.date) -> periods.Period:
    """Without period columns in the data, an update covers the last period that ended."""
    months = PERIOD_MONTHS.get(frequency, 1)
    return periods.previous(periods.containing(day, months), months)


def record(package: dict, resource_id: str | None, user_name: str | None,
           period: periods.Period | None, rows: int | None, source: str = "upload",
           when: dt.datetime | None = None) -> UpdateRecord:
    when = when or dt.datetime.utcnow()
    period = period or default_period(package.get("frequency"), when.date())
    user = model.User.get(user_name) if user_name else None
    entry = UpdateRecord(package_id=package["id"], resource_id=resource_id,
                         user_id=user.id if user else None, updated_at=when,
                         period_start=period.start, period_end=period.end, rows=rows,
                         source=source)
    model.Session.add(entry)
    model.Session.commit()
    return entry

"""The update schedule: a dataset with a frequency is due at the end of the period after the
last one its data covers, plus a grace period; it is on time, due soon or overdue. A schedule
(reception days) announces a period to come: it is due when that period starts."""
from __future__ import annotations

import dataclasses
import datetime as dt

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.clock import site_today

from . import periods
from .types import PERIOD_MONTHS

ON_TIME, DUE_SOON, OVERDUE, UNSCHEDULED = "on_time", "due_soon", "overdue", "unscheduled"
ANNOUNCED_IN_ADVANCE = ("reception-schedule",)
STATES = (ON_TIME, DUE_SOON, OVERDUE, UNSCHEDULED)
INDEX_FIELD = "opendata_freshness"


def state_label(state: str) -> str:
    return {
        ON_TIME: tk._("On time"),
        DUE_SOON: tk._("Due soon"),
        OVERDUE: tk._("Overdue"),
        UNSCHEDULED: tk._("No schedule"),
    }.get(state, state)


def grace_days() -> int:
    return tk.config.get("ckanext.transparency.opendata.grace_days")


def soon_days() -> int:
    return tk.config.get("ckanext.transparency.opendata.due_soon_days")


@dataclasses.dataclass
class Schedule:
    state: str
    frequency: str | None
    covered_until: dt.date | None = None  # the end of the last period the data covers
    next_period: periods.Period | None = None
    next_due: dt.date | None = None
    last_update: dt.datetime | None = None

    def as_dict(self) -> dict:
        return {
            "state": self.state,
            "state_label": state_label(self.state),
            "frequency": self.frequency,
            "covered_until": self.covered_until.isoformat() if self.covered_until else None,
            "next_period": self.next_period.label if self.next_period else None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "last_update": self.last_update.isoformat() if self.last_update else None,
        }


def as_date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def compute(dataset: dict, latest=None, today: dt.date | None = None) -> Schedule:
    """The schedule of a dataset dict (frequency, temporal_end, metadata_created) given its
    latest UpdateRecord (the one covering the latest period), on `today`."""
    today = today or site_today()
    frequency = dataset.get("frequency")
    months = PERIOD_MONTHS.get(frequency)
    last_update = latest.updated_at if latest else None
    if not months:
        return Schedule(UNSCHEDULED, frequency, last_update=last_update)
    if latest is not None:
        covered_until = latest.period_end
    else:
        created = as_date(dataset.get("metadata_created")) or today
        covered_until = periods.containing(created, months).start - dt.timedelta(days=1)
    temporal_end = as_date(dataset.get("temporal_end"))
    if latest is not None and temporal_end and covered_until >= temporal_end:
        return Schedule(UNSCHEDULED, frequency, covered_until, last_update=last_update)
    next_period = periods.containing(covered_until + dt.timedelta(days=1), months)
    if dataset.get("type") in ANNOUNCED_IN_ADVANCE:
        due = next_period.start
    else:
        due = next_period.end + dt.timedelta(days=grace_days())
    if today > due:
        state = OVERDUE
    elif (due - today).days <= soon_days():
        state = DUE_SOON
    else:
        state = ON_TIME
    return Schedule(state, frequency, covered_until, next_period, due, last_update)


def on_time(record, grace: int | None = None, dataset_type: str | None = None) -> bool:
    """Whether one recorded update was published within the grace period after the end of
    the period it covers (for a schedule: before the period started)."""
    if dataset_type in ANNOUNCED_IN_ADVANCE:
        return record.updated_at.date() <= record.period_start
    grace = grace_days() if grace is None else grace
    return record.updated_at.date() <= record.period_end + dt.timedelta(days=grace)


def published_period(period: periods.Period, frequency: str | None, dataset_type: str | None,
                     day: dt.date) -> periods.Period:
    """The period an update on `day` can cover: data cannot cover a period that has not ended
    (rows dated later are announcements or late entries), except for a schedule."""
    if dataset_type in ANNOUNCED_IN_ADVANCE:
        return period
    months = PERIOD_MONTHS.get(frequency, 1)
    last_ended = periods.previous(periods.containing(day, months), months)
    if period.end <= last_ended.end:
        return period
    return periods.Period(min(period.start, last_ended.start), last_ended.end)

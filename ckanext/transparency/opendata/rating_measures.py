"""The open data section's measure in the openness rating: scheduled updates on time."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.measures import SHARE, TIMELINESS, Measure, RatingMeasure

from . import freshness, periods
from .model import UpdateRecord
from .types import PERIOD_MONTHS, TYPES


def _schedule_periods(first: dt.date, months: int):
    period = periods.containing(first, months)
    while True:
        yield period
        period = periods.following(period, months)


def dataset_updates(org_id: str, period, as_of: dt.date) -> Measure:
    """Scheduled updates whose due date (end of the period the data covers + grace days) falls
    in the period and has passed: on time when an update covering that period was recorded by
    the due date. The schedule starts with the period the dataset was created in, or the first
    period it has data for, whichever is earlier."""
    grace = dt.timedelta(days=freshness.grace_days())
    packages = (model.Session.query(model.Package)
                .filter(model.Package.owner_org == org_id, model.Package.type.in_(TYPES),
                        model.Package.state == "active", model.Package.private.is_(False))
                .order_by(model.Package.name).all())
    on_time, evidence = 0, []
    for package in packages:
        months = PERIOD_MONTHS.get(package.extras.get("frequency"))
        if not months:
            continue
        records = [r for r in UpdateRecord.for_package(package.id)
                   if r.updated_at.date() <= as_of]
        created = package.metadata_created.date()
        first = min([created] + [r.period_start for r in records])
        temporal_end = freshness.as_date(package.extras.get("temporal_end"))
        for covered in _schedule_periods(first, months):
            due = covered.end + grace
            if due > min(period.end, as_of) or (temporal_end and covered.start > temporal_end):
                break
            if due < period.start:
                continue
            made = sorted((r.updated_at for r in records
                           if r.period_start <= covered.end <= r.period_end))
            in_time = bool(made) and made[0].date() <= due
            on_time += in_time
            late_by = None if in_time else ((made[0].date() if made else as_of) - due).days
            evidence.append({
                "dataset": package.name, "title": package.title, "data_period": covered.label,
                "due": due.isoformat(), "on_time": in_time,
                "updated": made[0].date().isoformat() if made else None,
                "days_late": late_by})
    return Measure(on_time, len(evidence), evidence)


def _description() -> str:
    return tk._("Update history of the open datasets with a publication frequency (Open data "
                "section): an update is due at the end of the period its data covers plus {n} "
                "grace days; on time when recorded by then.").format(
        n=tk.config.get("ckanext.transparency.opendata.grace_days"))


def _evidence_labels() -> dict[str, str]:
    return {"dataset": tk._("Dataset"), "title": tk._("Title"),
            "data_period": tk._("Data period"), "due": tk._("Due"), "on_time": tk._("On time"),
            "updated": tk._("Updated"), "days_late": tk._("Days late")}


MEASURES = [RatingMeasure(
    "datasets_on_time", TIMELINESS, 10, dataset_updates, SHARE,
    label=lambda: tk._("Scheduled dataset updates published on time"),
    description=_description, evidence_labels=_evidence_labels,
    parameters=lambda: {"grace_days": int(freshness.grace_days())})]

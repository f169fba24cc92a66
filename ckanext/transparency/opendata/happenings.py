"""The open data section's happenings (core/happenings.py), from the update history and the
schedule: data for a new period published, a dataset becoming overdue, an overdue dataset
brought up to date. Public datasets only; who uploaded is not part of them."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.clock import site_timezone
from ckanext.transparency.core.happenings import Happening, naive_utc, utc
from ckanext.transparency.i18n.display import titles

from . import freshness
from .jobs import schedule_fields
from .model import UpdateRecord
from .types import TYPES


def _public(package_ids=None) -> dict[str, model.Package]:
    query = model.Session.query(model.Package).filter(
        model.Package.type.in_(TYPES), model.Package.state == "active",
        model.Package.private.is_(False))
    if package_ids is not None:
        query = query.filter(model.Package.id.in_(package_ids))
    return {package.id: package for package in query}


def _happening(package: model.Package, kind: str, key: str, moment: dt.datetime,
               **extra) -> Happening:
    site = tk.config.get("ckan.site_url", "").rstrip("/")
    return Happening(key=f"dataset:{package.id}:{key}", kind=kind, subject_type="dataset",
                     subject_id=package.id, organization_id=package.owner_org or "",
                     occurred_at=utc(moment), url=f"{site}/{package.type}/{package.name}",
                     title=titles({"title": package.title, "name": package.name,
                                   "title_translated": package.extras.get("title_translated")}),
                     extra=extra)


def _latest_before(records: list[UpdateRecord], moment: dt.datetime) -> Optional[UpdateRecord]:
    """The record covering the latest period among those made before `moment`."""
    earlier = [r for r in records if r.updated_at < moment]
    return max(earlier, key=lambda r: (r.period_end, r.updated_at), default=None)


def _updates(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    new = (model.Session.query(UpdateRecord.package_id)
           .filter(UpdateRecord.updated_at >= since, UpdateRecord.updated_at < until))
    packages = _public({row.package_id for row in new})
    found = []
    for package in packages.values():
        records = UpdateRecord.for_package(package.id)
        for record in records:
            if not since <= record.updated_at < until:
                continue
            before = _latest_before(records, record.updated_at)
            if before is not None and before.period_end >= record.period_end:
                continue  # a correction of a period already published
            period = f"{record.period_start.isoformat()}/{record.period_end.isoformat()}"
            found.append(_happening(package, "dataset_new_period", f"period:{period}",
                                    record.updated_at, period=period))
            day = record.updated_at.date()
            was = freshness.compute(schedule_fields(package), before, day)
            now = freshness.compute(schedule_fields(package), record, day)
            if was.state == freshness.OVERDUE and now.state != freshness.OVERDUE:
                found.append(_happening(package, "dataset_on_time_again",
                                        f"on_time:{record.id}", record.updated_at,
                                        period=period))
    return found


def _overdue(until: dt.datetime) -> list[Happening]:
    """Datasets overdue at `until`, at the moment their due day ended."""
    zone = site_timezone()
    day = utc(until).astimezone(zone).date()
    packages = _public()
    records = model.Session.query(UpdateRecord).filter(
        UpdateRecord.package_id.in_(list(packages)), UpdateRecord.updated_at < until)
    by_package: dict[str, list[UpdateRecord]] = {}
    for record in records:
        by_package.setdefault(record.package_id, []).append(record)
    found = []
    for package in packages.values():
        latest = _latest_before(by_package.get(package.id, []), until)
        schedule = freshness.compute(schedule_fields(package), latest, day)
        if schedule.state != freshness.OVERDUE:
            continue
        ended = dt.datetime.combine(schedule.next_due + dt.timedelta(days=1), dt.time(), zone)
        moment = max(utc(ended), utc(package.metadata_created))
        found.append(_happening(package, "dataset_overdue",
                                f"overdue:{schedule.next_due.isoformat()}", moment,
                                due=schedule.next_due.isoformat(),
                                period=schedule.next_period.label))
    return found


def happenings(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    since, until = naive_utc(since), naive_utc(until)
    return _updates(since, until) + _overdue(until)

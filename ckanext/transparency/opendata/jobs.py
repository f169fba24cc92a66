"""The daily schedule job: re-index datasets whose state changed with time, and remind the
department's editors 7 days before a due date and on the day after it passed (CKAN's mailer).

Run it daily from cron (`ckan transparency freshness --daily`) or enqueue `jobs.daily` on the
jobs worker."""
from __future__ import annotations

import datetime as dt
import logging

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer
from ckan.lib.search import rebuild

from ckanext.transparency.core.clock import site_today
from ckanext.transparency.i18n.site_language import in_site_language

from . import freshness
from .model import ScheduleState, UpdateRecord
from .types import TYPES

log = logging.getLogger(__name__)


def _datasets() -> list[model.Package]:
    return (model.Session.query(model.Package)
            .filter(model.Package.type.in_(TYPES), model.Package.state == "active").all())


def schedule_fields(package: model.Package) -> dict:
    return {"frequency": package.extras.get("frequency"),
            "temporal_end": package.extras.get("temporal_end"),
            "metadata_created": package.metadata_created, "type": package.type}


def schedules(today: dt.date | None = None) -> list[tuple[model.Package, freshness.Schedule]]:
    packages = _datasets()
    latest = UpdateRecord.latest_by_package([p.id for p in packages])
    return [(p, freshness.compute(schedule_fields(p), latest.get(p.id), today)) for p in packages]


def reindex_changed(today: dt.date | None = None) -> list[str]:
    """Re-index the datasets whose state is not the one in the search index."""
    changed = []
    for package, schedule in schedules(today):
        stored = model.Session.get(ScheduleState, package.id)
        if stored is None or stored.indexed_state != schedule.state:
            changed.append(package.name)
    for name in changed:
        rebuild(name)
    return changed


def _editors(package: model.Package) -> list[model.User]:
    if not package.owner_org:
        return []
    members = (model.Session.query(model.User).join(
        model.Member, model.Member.table_id == model.User.id)
        .filter(model.Member.group_id == package.owner_org, model.Member.state == "active",
                model.Member.table_name == "user",
                model.Member.capacity.in_(("editor", "admin")),
                model.User.state == "active"))
    return [u for u in members if u.email]


@in_site_language()
def _message(package: model.Package, schedule: freshness.Schedule, overdue: bool) -> tuple:
    url = tk.url_for(f"{package.type}.read", id=package.name, _external=True)
    if overdue:
        subject = tk._("Overdue: {title}").format(title=package.title)
        body = tk._("The data of «{title}» for {period} was due on {due} and has not been "
                    "published yet. Please upload it: {url}")
    else:
        subject = tk._("Due on {due}: {title}").format(title=package.title,
                                                       due=schedule.next_due)
        body = tk._("The data of «{title}» for {period} is due on {due}. Please upload it "
                    "before then: {url}")
    return subject, body.format(title=package.title, period=schedule.next_period.label,
                                due=schedule.next_due.isoformat(), url=url)


def remind(today: dt.date | None = None) -> list[tuple[str, str, str]]:
    """Send the reminders due today; returns (dataset, kind, e-mail) of each sent."""
    today = today or site_today()
    sent = []
    for package, schedule in schedules(today):
        if schedule.next_due is None:
            continue
        days_left = (schedule.next_due - today).days
        state = ScheduleState.get_or_new(package.id)
        if schedule.state == freshness.OVERDUE and state.reminded_overdue != schedule.next_due:
            kind = "overdue"
        elif (0 <= days_left <= freshness.soon_days()
              and state.reminded_soon != schedule.next_due):
            kind = "due_soon"
        else:
            continue
        subject, body = _message(package, schedule, kind == "overdue")
        for user in _editors(package):
            try:
                mailer.mail_recipient(user.display_name, user.email, subject, body)
                sent.append((package.name, kind, user.email))
            except mailer.MailerException as error:
                log.warning("reminder for %s not sent to %s: %s", package.name, user.name,
                            error)
        if kind == "overdue":
            state.reminded_overdue = schedule.next_due
        else:
            state.reminded_soon = schedule.next_due
    model.Session.commit()
    return sent


def daily(today: dt.date | None = None) -> dict:
    return {"reindexed": reindex_changed(today), "reminders": remind(today)}

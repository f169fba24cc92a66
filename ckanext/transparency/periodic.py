"""The portal's periodic jobs, behind one idempotent command: `ckan transparency periodic`.

CKAN has no scheduler. Each job has a cadence (every run, daily, monthly) and runs at most once
per day or month: the day or month it last ran is kept in CKAN's system_info table, so the
command may run as often as wanted (`make up` runs it every 15 minutes, cron hourly) and a day
the portal was down is made up at its next run. Jobs of plugins that are not loaded are skipped;
a job that fails is logged and tried again at the next run.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable, Optional

import ckan.model as model
import ckan.plugins as p
from ckan.model.system_info import get_system_info, set_system_info

from ckanext.transparency.timezone import site_today

log = logging.getLogger(__name__)

EVERY_RUN, DAILY, MONTHLY = "every run", "daily", "monthly"
KEY_PREFIX = "ckanext.transparency.periodic."


@dataclass(frozen=True)
class Job:
    name: str
    plugin: str
    cadence: str
    run: Callable[[dt.date], str]


def _freshness(today: dt.date) -> str:
    from ckanext.transparency.opendata import jobs
    result = jobs.daily(today)
    return (f"re-indexed {len(result['reindexed'])}, "
            f"reminders sent {len(result['reminders'])}")


def _rating(today: dt.date) -> str:
    from ckanext.transparency.rating import snapshots
    taken = snapshots.take_due(today)
    return f"snapshots taken {len(taken)}"


def _appeals(today: dt.date) -> str:
    from ckanext.transparency.appeals import publish
    result = publish.publish(publish.previous_month(today))
    return f"published {result['rows']} rows up to {result['month']}"


def _appeals_personal_data(today: dt.date) -> str:
    from ckanext.transparency.appeals import retention
    return f"personal data of {retention.purge()} completed appeals removed"


def _dialogue_notifications(today: dt.date) -> str:
    from ckanext.transparency.dialogue import notifications
    counts = notifications.send_pending()
    return f"sent {counts['sent']}, failed {counts['failed']}"


def _dialogue_polls(today: dt.date) -> str:
    from ckanext.transparency.dialogue import opendata
    return f"polls published {opendata.publish_closed(echo=log.info)}"


JOBS = (
    Job("opendata-freshness", "transparency_opendata", DAILY, _freshness),
    Job("rating-snapshots", "transparency_rating", DAILY, _rating),
    Job("appeals-statistics", "transparency_appeals", MONTHLY, _appeals),
    Job("appeals-personal-data", "transparency_appeals", DAILY, _appeals_personal_data),
    Job("dialogue-notifications", "transparency_dialogue", EVERY_RUN, _dialogue_notifications),
    Job("dialogue-polls", "transparency_dialogue", EVERY_RUN, _dialogue_polls),
)


def period_of(cadence: str, day: dt.date) -> Optional[str]:
    if cadence == DAILY:
        return day.isoformat()
    if cadence == MONTHLY:
        return day.strftime("%Y-%m")
    return None


def run(day: Optional[dt.date] = None, jobs: tuple[Job, ...] = JOBS) -> list[tuple[str, str]]:
    """Run the jobs that are due on `day`; returns (job, what it did) of each."""
    day = day or site_today()
    results = []
    for job in jobs:
        if not p.plugin_loaded(job.plugin):
            continue
        period = period_of(job.cadence, day)
        key = KEY_PREFIX + job.name
        if period and get_system_info(key) == period:
            results.append((job.name, "done already"))
            continue
        try:
            outcome = job.run(day)
        except Exception as error:  # the other jobs still run; this one runs again next time
            model.Session.rollback()
            # the class only: a message may carry an e-mail address
            log.error("periodic job %s failed: %s", job.name, type(error).__name__)
            results.append((job.name, "failed"))
            continue
        if period:
            set_system_info(key, period)
        log.info("periodic job %s: %s", job.name, outcome)
        results.append((job.name, outcome))
    return results

"""The portal's periodic jobs, behind one idempotent command: `ckan transparency periodic`.

CKAN has no scheduler. Each job has a cadence (every run, daily, monthly) and runs at most once
per day or month: the day or month it last ran is kept in CKAN's system_info table, so the
command may run as often as wanted (`make up` runs it every 15 minutes, cron hourly) and a day
the portal was down is made up at its next run. The jobs are those the loaded plugins give
(IPeriodicJobs in core/interfaces.py); a job that fails is logged and tried again at the next
run.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Iterable, Iterator, Optional

import ckan.model as model
import ckan.plugins as p
from ckan.model.system_info import get_system_info, set_system_info

from ckanext.transparency.core.clock import site_today
from ckanext.transparency.core.interfaces import IPeriodicJobs
from ckanext.transparency.core.jobs import DAILY, EVERY_RUN, MONTHLY, Job

log = logging.getLogger(__name__)

__all__ = ["DAILY", "EVERY_RUN", "MONTHLY", "JOBS", "Job", "KEY_PREFIX", "period_of", "run"]

KEY_PREFIX = "ckanext.transparency.periodic."


class _Registered:
    """The jobs of the loaded plugins (IPeriodicJobs), read at each iteration."""

    def __iter__(self) -> Iterator[Job]:
        for plugin in p.PluginImplementations(IPeriodicJobs):
            yield from plugin.periodic_jobs()


JOBS: Iterable[Job] = _Registered()


def period_of(cadence: str, day: dt.date) -> Optional[str]:
    if cadence == DAILY:
        return day.isoformat()
    if cadence == MONTHLY:
        return day.strftime("%Y-%m")
    return None


def run(day: Optional[dt.date] = None, jobs: Iterable[Job] = JOBS) -> list[tuple[str, str]]:
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

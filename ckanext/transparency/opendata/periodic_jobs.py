"""The open data section's periodic job (`ckan transparency periodic`)."""
from __future__ import annotations

import datetime as dt

from ckanext.transparency.core.jobs import DAILY, Job

from . import jobs


def _freshness(today: dt.date) -> str:
    result = jobs.daily(today)
    return (f"re-indexed {len(result['reindexed'])}, "
            f"reminders sent {len(result['reminders'])}")


JOBS = [Job("opendata-freshness", "transparency_opendata", DAILY, _freshness)]

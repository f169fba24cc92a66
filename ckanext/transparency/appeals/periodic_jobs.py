"""The appeals' periodic jobs (`ckan transparency periodic`)."""
from __future__ import annotations

import datetime as dt

from ckanext.transparency.core.jobs import DAILY, MONTHLY, Job

from . import publish, retention


def _statistics(today: dt.date) -> str:
    result = publish.publish(publish.previous_month(today))
    return f"published {result['rows']} rows up to {result['month']}"


def _personal_data(today: dt.date) -> str:
    return f"personal data of {retention.purge()} completed appeals removed"


JOBS = [Job("appeals-statistics", "transparency_appeals", MONTHLY, _statistics),
        Job("appeals-personal-data", "transparency_appeals", DAILY, _personal_data)]

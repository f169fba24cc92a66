"""The rating's periodic job (`ckan transparency periodic`)."""
from __future__ import annotations

import datetime as dt

from ckanext.transparency.core.jobs import DAILY, Job

from . import snapshots


def _rating(today: dt.date) -> str:
    taken = snapshots.take_due(today)
    return f"snapshots taken {len(taken)}"


JOBS = [Job("rating-snapshots", "transparency_rating", DAILY, _rating)]

"""Times: stored as naive UTC; read and shown in the site's display timezone.

A time given without an offset (a form's datetime-local field, or an API call) means the site's
`ckan.display_timezone`; a time with an offset is converted. The API answers in UTC with "Z".
"""
from __future__ import annotations

import datetime

from ckanext.transparency.core.clock import site_timezone


def parse(value) -> datetime.datetime:
    """A datetime or ISO 8601 string -> naive UTC. Raises ValueError."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        text = str(value).strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=site_timezone())
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def to_local(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=datetime.timezone.utc).astimezone(site_timezone())


def iso(moment: datetime.datetime | None) -> str | None:
    """Naive UTC -> "2025-04-10T05:00:00Z" for API answers."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def form_value(moment: datetime.datetime | None) -> str:
    """Naive UTC -> the value of a datetime-local field, in the site's timezone."""
    local = to_local(moment)
    return local.strftime("%Y-%m-%dT%H:%M") if local else ""

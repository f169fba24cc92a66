"""Open dialogue's periodic jobs (`ckan transparency periodic`)."""
from __future__ import annotations

import datetime as dt
import logging

from ckanext.transparency.core.jobs import EVERY_RUN, Job

from . import notifications, opendata

log = logging.getLogger(__name__)


def _notifications(today: dt.date) -> str:
    counts = notifications.send_pending()
    return f"sent {counts['sent']}, failed {counts['failed']}"


def _polls(today: dt.date) -> str:
    return f"polls published {opendata.publish_closed(echo=log.info)}"


JOBS = [Job("dialogue-notifications", "transparency_dialogue", EVERY_RUN, _notifications),
        Job("dialogue-polls", "transparency_dialogue", EVERY_RUN, _polls)]

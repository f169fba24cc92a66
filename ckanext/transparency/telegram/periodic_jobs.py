"""The Telegram plugin's periodic job (`ckan transparency periodic`): read the updates waiting
(without a webhook), announce the new happenings, stop the polls closed on the portal, tell
linked chats of their appeals' new steps, and make the queued Bot API calls (again, for those
that failed before)."""
from __future__ import annotations

import datetime as dt

from ckanext.transparency.core.context import site_context
from ckanext.transparency.core.jobs import EVERY_RUN, Job

from . import announcements, appeal_links, outbox, polls, settings, updates


def run(day: dt.date | None = None) -> str:
    if not settings.enabled():
        return "off (no token)"
    context = site_context()
    fetched = updates.fetch(context)
    announced = announcements.announce()
    stopped = polls.stop_closed(context)
    told = appeal_links.tell_changes(context)
    sent = outbox.send_due()
    return (f"updates {fetched}, announced {announced}, polls stopped {stopped}, "
            f"appeal messages {told}, sent {sent['sent']}, retry {sent['retry']}, "
            f"failed {sent['failed']}")


JOBS = [Job("telegram", "transparency_telegram", EVERY_RUN, run)]

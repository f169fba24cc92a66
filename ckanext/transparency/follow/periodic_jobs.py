"""The e-mail channel's jobs: every run, collect the happenings and mail those wanted at once;
once a day, the digests, and the addresses never confirmed are forgotten."""
from __future__ import annotations

import datetime as dt

from ckanext.transparency.core.jobs import DAILY, EVERY_RUN, Job

from . import channel, followers


def _immediate(day: dt.date) -> str:
    new = channel.collect()
    counts = channel.send_immediate()
    return f"{new} new deliveries, {counts['sent']} mails sent, {counts['failed']} failed"


def _digests(day: dt.date) -> str:
    channel.collect()
    counts = channel.send_digests()
    forgotten = followers.forget_unconfirmed()
    return (f"{counts['sent']} digests sent, {counts['failed']} failed, "
            f"{forgotten} unconfirmed addresses forgotten")


JOBS = [Job("follow-immediate", "transparency_follow", EVERY_RUN, _immediate),
        Job("follow-digests", "transparency_follow", DAILY, _digests)]

"""What happened on the portal, for the channels that tell people about it (the Telegram
channel, e-mail to followers, the front page).

A feature derives its happenings from its own tables (IHappenings in core/interfaces.py); a
channel asks `collect(since, until)` and remembers the keys it has delivered, so a job that runs
twice, or two windows that overlap, deliver each happening once per channel. Only public things
are happenings: no personal data ever enters one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

import ckan.plugins as p

from .interfaces import IHappenings

KINDS = ("event_announced", "event_postponed", "event_starting", "event_recording",
         "draft_opened", "draft_closing_soon", "draft_report", "draft_adopted",
         "dataset_new_period", "dataset_overdue", "dataset_on_time_again")
SUBJECT_TYPES = ("dataset", "organization", "draft", "event")
FALLBACK_LOCALE = "uz"


@dataclass(frozen=True)
class Happening:
    key: str  # stable and unique: "event:<id>:postponed:<new start>"
    kind: str  # one of KINDS
    subject_type: str  # one of SUBJECT_TYPES
    subject_id: str
    organization_id: str
    occurred_at: dt.datetime  # aware, UTC
    url: str  # absolute
    title: dict = field(default_factory=dict, hash=False, compare=False)  # locale -> text
    extra: dict = field(default_factory=dict, hash=False, compare=False)  # e.g. stream_url

    def title_in(self, locale: Optional[str]) -> str:
        """The subject's title in `locale` (a CKAN locale: uz, uz_Cyrl, ru, en), else in Uzbek,
        else in any language given."""
        for wanted in (locale, FALLBACK_LOCALE):
            if wanted and self.title.get(wanted):
                return self.title[wanted]
        return next((text for text in self.title.values() if text), "")


def utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime; a naive one is taken as UTC (as the portal's tables store it)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """The naive UTC datetime the portal's tables compare with."""
    return utc(moment).replace(tzinfo=None)


def collect(since: dt.datetime, until: Optional[dt.datetime] = None) -> list[Happening]:
    """The happenings of the loaded plugins with since <= occurred_at < until (default: now),
    each key once (its earliest), oldest first."""
    since = utc(since)
    until = utc(until or dt.datetime.now(dt.timezone.utc))
    earliest: dict[str, Happening] = {}
    for plugin in p.PluginImplementations(IHappenings):
        for happening in plugin.happenings(since, until):
            moment = utc(happening.occurred_at)
            if not since <= moment < until:
                continue
            known = earliest.get(happening.key)
            if known is None or moment < known.occurred_at:
                earliest[happening.key] = happening
    return sorted(earliest.values(), key=lambda h: (h.occurred_at, h.key))

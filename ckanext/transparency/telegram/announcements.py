"""Announcements on the channel: the happenings the features report (core/happenings.py) that
the public wants to hear of, in the site's language, with a link, each once: its key goes into
telegram_delivery in the same transaction as the message into the outbox."""
from __future__ import annotations

import datetime as dt
import html

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.model.system_info import get_system_info, set_system_info
from sqlalchemy.dialects.postgresql import insert

from ckanext.transparency.core import happenings as happenings_
from ckanext.transparency.core.happenings import Happening
from ckanext.transparency.i18n.site_language import in_site_language

from . import outbox, settings
from .model import Delivery

WATERMARK = "ckanext.transparency.telegram.announced_until"
# a happening dated a little before the last run (a draft entered on its opening day, a job
# that committed late) is still caught; its key keeps it from being announced twice
OVERLAP = dt.timedelta(days=2)
FIRST_LOOK_BACK = dt.timedelta(days=1)


def _headline(kind: str) -> str:
    return {
        "event_announced": tk._("New event"),
        "event_postponed": tk._("The event is postponed"),
        "event_starting": tk._("Starting now"),
        "event_recording": tk._("The recording is published"),
        "draft_opened": tk._("A draft is open for discussion"),
        "draft_report": tk._("The report on the proposals is published"),
        "dataset_on_time_again": tk._("The data is up to date again"),
    }[kind]


ANNOUNCED = ("event_announced", "event_postponed", "event_starting", "event_recording",
             "draft_opened", "draft_report", "dataset_on_time_again")


def _when(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return tk.h.render_datetime(moment, with_hours=True)


@in_site_language()
def message(happening: Happening) -> str:
    """The channel post (Telegram's HTML parse mode) in the site's language."""
    locale = tk.config.get("ckan.locale_default") or "en"
    lines = [f"<b>{html.escape(_headline(happening.kind))}</b>",
             html.escape(happening.title_in(locale))]
    extra = happening.extra
    if happening.subject_type == "event" and extra.get("start"):
        lines.append(html.escape(tk._("When: {when}").format(when=_when(extra["start"]))))
    if happening.kind == "event_starting" and extra.get("stream_url"):
        lines.append(html.escape(tk._("Watch: {url}").format(url=extra["stream_url"])))
    if happening.subject_type == "draft" and happening.kind == "draft_opened":
        lines.append(html.escape(tk._("Proposals until {date}").format(
            date=tk.h.render_datetime(dt.datetime.fromisoformat(extra["closes_on"])))))
    lines.append(html.escape(happening.url))
    return "\n".join(lines)


def _claim(key: str) -> bool:
    """Record the key as delivered; False when it was delivered before."""
    inserted = model.Session.execute(
        insert(Delivery.__table__).values(key=key, delivered_at=dt.datetime.utcnow())
        .on_conflict_do_nothing(index_elements=["key"]).returning(Delivery.key)).scalar()
    return inserted is not None


def announce(now: dt.datetime | None = None) -> int:
    """Queue the posts of the happenings since the last run; returns how many were queued."""
    if not settings.enabled() or not settings.channel():
        return 0
    now = now or dt.datetime.now(dt.timezone.utc)
    last = get_system_info(WATERMARK)
    since = (dt.datetime.fromisoformat(last) - OVERLAP) if last else now - FIRST_LOOK_BACK
    queued = 0
    for happening in happenings_.collect(since, now):
        if happening.kind not in ANNOUNCED or not _claim(happening.key):
            continue
        outbox.queue("sendMessage", {"chat_id": settings.channel(), "text": message(happening),
                                     "parse_mode": "HTML"}, purpose=f"announce:{happening.key}")
        queued += 1
    model.Session.commit()
    set_system_info(WATERMARK, now.isoformat())
    return queued

"""Subscriptions: the events as an iCalendar (RFC 5545) calendar and as an Atom feed.

An event keeps its UID for life; a postponement or cancellation is a new SEQUENCE of the same
entry (a cancelled event stays in the calendar with STATUS:CANCELLED), so calendar programs
update the entry they have instead of adding a second one.
"""
from __future__ import annotations

import datetime
from urllib.parse import urlparse

import ckan.plugins.toolkit as tk
import icalendar
from feedgen.feed import FeedGenerator

from ckanext.transparency.i18n import display

from . import times
from .helpers import kind_labels, status_labels

ICAL_STATUS = {"announced": "CONFIRMED", "postponed": "CONFIRMED", "live": "CONFIRMED",
               "held": "CONFIRMED", "cancelled": "CANCELLED"}


def _utc(value: str) -> datetime.datetime:
    return times.parse(value).replace(tzinfo=datetime.timezone.utc)


def _host() -> str:
    return urlparse(tk.config.get("ckan.site_url", "")).hostname or "localhost"


def _description(event: dict) -> str:
    parts = [kind_labels().get(event["kind"], event["kind"]),
             display.department_title(event["organization"]), event["description"]]
    if event["status"] in ("postponed", "cancelled"):
        parts.insert(0, status_labels()[event["status"]] + (
            f": {event['status_note']}" if event["status_note"] else ""))
    if event["stream_url"]:
        parts.append(tk._("Watch: {url}").format(url=event["stream_url"]))
    parts.append(event["url"])
    return "\n\n".join(p for p in parts if p)


def ical(events: list[dict], title: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ckanext-transparency//open dialogue//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{event['id']}@{_host()}")
        entry.add("dtstamp", now)
        entry.add("dtstart", _utc(event["start"]))
        entry.add("dtend", _utc(event["end"]))
        entry.add("summary", " ".join(display.translated(event, "title").split()))  # older titles: one line here
        entry.add("description", _description(event))
        location = event["location"] or event["stream_url"]
        if location:
            entry.add("location", " ".join(location.split()))
        entry.add("url", event["url"])
        entry.add("status", ICAL_STATUS[event["status"]])
        entry.add("sequence", event["sequence"])
        entry.add("created", _utc(event["created"]))
        entry.add("last-modified", _utc(event["modified"]))
        entry.add("categories", [kind_labels().get(event["kind"], event["kind"])])
        calendar.add_component(entry)
    return calendar.to_ical()


def atom(events: list[dict], title: str, feed_url: str, page_url: str) -> bytes:
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=page_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language(tk.h.lang() or "en")
    feed.author({"name": tk.config.get("ckan.site_title") or "CKAN"})
    latest = max((_utc(e["modified"]) for e in events),
                 default=datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))
    feed.updated(latest)
    for event in reversed(events):  # feedgen prepends: keep the given order
        entry = feed.add_entry()
        entry.id(event["url"])
        status = status_labels()[event["status"]]
        when = tk.h.dialogue_when(event["start"])
        entry.title(f"{display.translated(event, 'title')} ({when}, {status})")
        entry.link(href=event["url"], rel="alternate")
        entry.published(_utc(event["created"]))
        entry.updated(_utc(event["modified"]))
        entry.author({"name": display.department_title(event["organization"])})
        entry.summary(_description(event))
        entry.category(term=event["kind"], label=kind_labels().get(event["kind"]))
    return feed.atom_str(pretty=True)

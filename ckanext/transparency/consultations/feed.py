"""The Atom feed of new drafts for discussion."""
from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
from feedgen.feed import FeedGenerator

from ckanext.transparency.i18n import display

from . import lifecycle


def atom(drafts: list[dict], self_url: str) -> bytes:
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(tk._("For discussion: new drafts") + " - " + tk.config.get("ckan.site_title", ""))
    feed.link(href=tk.url_for("consultations.index", _external=True), rel="alternate")
    feed.link(href=self_url, rel="self")
    feed.language(tk.h.lang() or "en")
    newest = None
    for draft in drafts:
        entry = feed.add_entry(order="append")
        url = tk.url_for("consultations.read", name=draft["name"], _external=True)
        created = datetime.datetime.fromisoformat(draft["created"]).replace(
            tzinfo=datetime.timezone.utc)
        modified = datetime.datetime.fromisoformat(draft["modified"]).replace(
            tzinfo=datetime.timezone.utc)
        newest = max(newest or modified, modified)
        entry.id(url)
        entry.title(display.translated(draft, "title"))
        entry.link(href=url)
        entry.published(created)
        entry.updated(modified)
        entry.author({"name": display.department_title(draft["organization"])})
        entry.category(term=draft["kind"], label=lifecycle.kind_label(draft["kind"]))
        entry.summary(tk._("{summary} Proposals from {opens} to {closes}.").format(
            summary=draft["summary"] or "", opens=draft["opens_on"], closes=draft["closes_on"]))
    feed.updated(newest or datetime.datetime.now(datetime.timezone.utc))
    return feed.atom_str(pretty=True)

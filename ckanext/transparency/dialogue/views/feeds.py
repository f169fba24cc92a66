"""/dialogue/calendar.ics, /dialogue/feed.atom (with the calendar's filters) and one event's
.ics ("add to my calendar")."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import make_response

from .. import feeds
from . import common
from .common import dialogue

FEED_SIZE = 200


def _events() -> list[dict]:
    args = common.args()
    data = {k: args[k] for k in ("kind", "owner_org", "year") if k in args}
    try:
        return common.call("event_list", dict(data, when="all", limit=FEED_SIZE))["results"]
    except tk.ValidationError:
        return common.not_found(tk._("Unknown filter"))


def _title() -> str:
    return tk._("{site}: open dialogue").format(site=tk.config.get("ckan.site_title") or "CKAN")


def _response(body: bytes, mimetype: str, filename: str | None = None):
    response = make_response(body)
    response.headers["Content-Type"] = mimetype
    if filename:
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@dialogue.route("/calendar.ics")
def calendar_ics():
    return _response(feeds.ical(_events(), _title()), "text/calendar; charset=utf-8",
                     "dialogue.ics")


@dialogue.route("/event/<name>/calendar.ics")
def event_ics(name):
    try:
        event = common.call("event_show", {"id": name})
    except tk.ObjectNotFound:
        return common.not_found(tk._("Event not found"))
    return _response(feeds.ical([event], event["title"]), "text/calendar; charset=utf-8",
                     f"{event['name']}.ics")


@dialogue.route("/feed.atom")
def atom():
    feed_url = tk.h.full_current_url()
    page_url = tk.url_for("dialogue.index", _external=True, **common.args())
    return _response(feeds.atom(_events(), _title(), feed_url, page_url),
                     "application/atom+xml; charset=utf-8")

"""The next-event figure of the home page and its widget: the next public event (briefing,
report presentation, question session) with its countdown and the way to ask a question in
advance (from event_list)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure

from . import helpers

FIELDS = ("name", "title", "kind", "status", "start", "end", "accepts_questions", "url")


def gather(context: dict) -> dict:
    found = tk.get_action("event_list")(dict(context), {"when": "upcoming", "limit": 1})
    if not found["results"]:
        return {"event": None, "upcoming": 0}
    event = found["results"][0]
    return {"upcoming": found["count"],
            "event": dict({k: event[k] for k in FIELDS},
                          organization_title=(event.get("organization") or {}).get("title"))}


def badge(data: dict) -> tuple[str, str]:
    event = data["event"]
    if event is None:
        return tk._("Next public event"), tk._("none planned yet")
    if event["status"] == "live":
        return tk._("Next public event"), tk._("live now")
    return tk._("Next public event"), "{when} · {left}".format(
        when=helpers.dialogue_when(event["start"]),
        left=helpers.dialogue_countdown(event["start"]))


def evidence(data: dict) -> str:
    if data["event"] is None:
        return tk.url_for("dialogue.index", qualified=True)
    return tk.url_for("dialogue.event_read", name=data["event"]["name"], qualified=True)


FIGURE = Figure(
    name="event", order=30, title=lambda: tk._("Next public event"), gather=gather,
    badge=badge, template="dialogue/snippets/front_figure.html", evidence=evidence,
    height=320,
    section=lambda: tk.url_for("dialogue.index", qualified=True),
    description=lambda: tk._("The next briefing or report presentation, with a countdown and "
                             "a link to ask a question in advance."))

"""The drafts figure of the home page and its widget: drafts open for discussion, closing soonest
first, with the days left (from consultation_list)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.i18n.formatting import transparency_number

SHOWN = 3


def gather(context: dict) -> dict:
    found = tk.get_action("consultation_list")(dict(context), {"status": "open",
                                                               "limit": SHOWN})
    return {"open": found["count"],
            "drafts": [{k: draft[k] for k in ("name", "title", "closes_on", "days_left")}
                       for draft in found["results"]]}


def badge(data: dict) -> tuple[str, str]:
    if not data["open"]:
        return tk._("Drafts open for discussion"), tk._("none now")
    return tk._("Drafts open for discussion"), transparency_number(data["open"])


FIGURE = Figure(
    name="drafts", order=40, title=lambda: tk._("Drafts open for discussion"), gather=gather,
    badge=badge, template="consultations/snippets/front_figure.html",
    evidence=lambda data: tk.url_for("consultations.index", qualified=True),
    section=lambda: tk.url_for("consultations.index", qualified=True),
    description=lambda: tk._("Draft documents open for public comment, with the days left."))

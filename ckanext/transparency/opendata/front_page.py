"""The schedule figure of the home page and its widget: how many scheduled datasets are on
schedule (on time or due soon) and how many are overdue (from opendata_schedule_list)."""
from __future__ import annotations

import collections

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.i18n.formatting import transparency_number

from . import freshness


def gather(context: dict) -> dict:
    rows = tk.get_action("opendata_schedule_list")(dict(context), {})
    states = collections.Counter(row["state"] for row in rows)
    on_schedule = states[freshness.ON_TIME] + states[freshness.DUE_SOON]
    return {"on_schedule": on_schedule, "overdue": states[freshness.OVERDUE],
            "due_soon": states[freshness.DUE_SOON],
            "scheduled": on_schedule + states[freshness.OVERDUE]}


def badge(data: dict) -> tuple[str, str]:
    return tk._("Datasets on schedule"), tk._("{on_schedule} of {scheduled} · {overdue} "
                                               "overdue").format(
        on_schedule=transparency_number(data["on_schedule"]),
        scheduled=transparency_number(data["scheduled"]),
        overdue=transparency_number(data["overdue"]))


FIGURE = Figure(
    name="schedule", order=20, title=lambda: tk._("Datasets on schedule"), gather=gather,
    badge=badge, template="opendata/snippets/front_figure.html",
    evidence=lambda data: tk.url_for("opendata.index", qualified=True) + "#schedule",
    section=lambda: tk.url_for("opendata.index", qualified=True) + "#schedule",
    description=lambda: tk._("Datasets published on their update schedule, and those "
                             "overdue."))

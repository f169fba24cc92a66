"""The appeals figure of the home page and its widget: appeals received this month and the share
answered on time, each with its change from last month (from appeal_statistics)."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.i18n.formatting import transparency_number

from . import present


def _month(context: dict, month: str) -> dict:
    return tk.get_action("appeal_statistics")(dict(context), {"period_from": month,
                                                              "period_to": month})


def _change(now, before):
    return round(now - before, 1) if now is not None and before is not None else None


def gather(context: dict) -> dict:
    today = present.today()
    first = today.replace(day=1)
    month = first.strftime("%Y-%m")
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    now, before = _month(context, month), _month(context, previous)
    return {"month": month, "previous_month": previous,
            "received": now["total"], "received_change": now["total"] - before["total"],
            "answered": now["answered"], "on_time_share": now["on_time_share"],
            "previous_on_time_share": before["on_time_share"],
            "on_time_change": _change(now["on_time_share"], before["on_time_share"])}


def badge(data: dict) -> tuple[str, str]:
    value = tk._("{count} received").format(count=transparency_number(data["received"]))
    if data["on_time_share"] is not None:
        value += " · " + tk._("{share}% on time").format(
            share=transparency_number(data["on_time_share"]))
    return tk._("Appeals this month"), value


FIGURE = Figure(
    name="appeals", order=10, title=lambda: tk._("Appeals this month"), gather=gather,
    badge=badge, template="appeals/snippets/front_figure.html",
    evidence=lambda data: tk.url_for("appeals.summary", month=data["month"], qualified=True),
    section=lambda: tk.url_for("appeals.statistics", qualified=True),
    description=lambda: tk._("Appeals received this month and the share answered on time, "
                             "with the change from last month."))

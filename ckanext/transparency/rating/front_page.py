"""The rating figure of the home page and its widget: the latest published rating, its three
best and three weakest departments (from openness_rating_show)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.formatting import transparency_number

SHOWN = 3


def gather(context: dict) -> dict:
    try:
        rating = tk.get_action("openness_rating_show")(dict(context), {})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return {"period": None, "top": [], "bottom": []}
    ranked = sorted((d for d in rating["departments"] if d["score"] is not None),
                    key=lambda d: d["rank"])
    rows = [{k: d[k] for k in ("organization", "title", "rank", "score", "change")}
            for d in ranked]
    top = rows[:SHOWN]
    bottom = [row for row in rows[-SHOWN:] if row not in top]
    return {"period": rating["period"], "kind": rating["kind"], "rated": len(rows),
            "top": top, "bottom": bottom}


def badge(data: dict) -> tuple[str, str]:
    label = tk._("Openness rating")
    if not data["top"]:
        return label, tk._("not published yet")
    leader = data["top"][0]
    return f"{label} {data['period']}", "1. {title} · {score}".format(
        title=display.text(leader["title"]), score=transparency_number(leader["score"], 1))


FIGURE = Figure(
    name="rating", order=50, title=lambda: tk._("Openness rating"), gather=gather,
    badge=badge, template="rating/snippets/front_figure.html",
    evidence=lambda data: tk.url_for("rating.index", qualified=True),
    height=340,
    section=lambda: tk.url_for("rating.index", qualified=True),
    description=lambda: tk._("The latest published rating of the departments: the three "
                             "best and the three weakest."))

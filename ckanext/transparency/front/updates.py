"""The latest-updates figure of the home page and its widget: the datasets changed last (CKAN's
package_search), a figure of the portal itself."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.i18n import display

SHOWN = 5


def gather(context: dict) -> dict:
    found = tk.get_action("package_search")(dict(context), {
        "q": "*:*", "rows": SHOWN, "sort": "metadata_modified desc"})
    shown = [display.dataset_for_view(d) for d in found["results"]]
    return {"datasets": found["count"], "latest": [
        {"name": d["name"], "title": d["title"], "modified": d["metadata_modified"],
         "organization_title": (d.get("organization") or {}).get("title")}
        for d in shown]}


def badge(data: dict) -> tuple[str, str]:
    if not data["latest"]:
        return tk._("Latest update"), tk._("no data yet")
    latest = data["latest"][0]
    return tk._("Latest update"), "{date} · {title}".format(
        date=latest["modified"][:10], title=latest["title"])


FIGURE = Figure(
    name="updates", order=60, title=lambda: tk._("Latest updates"), gather=gather,
    badge=badge, template="front/snippets/updates_figure.html",
    evidence=lambda data: tk.url_for("dataset.search", sort="metadata_modified desc",
                                     qualified=True),
    height=320,
    section=lambda: tk.url_for("dataset.search", sort="metadata_modified desc",
                               qualified=True),
    description=lambda: tk._("The datasets updated last."))

"""The widgets for other sites (/widgets/NAME.svg, /widgets/NAME.html) and the page that lists
them with their embed code (/widgets). They show what every visitor sees, whoever asks."""
from __future__ import annotations

from flask import Blueprint, Response, make_response

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import anonymous_context

from . import badge, embedding, registry

widgets = Blueprint("widgets", __name__, url_prefix="/widgets")


def figures(name: str | None = None) -> list[dict]:
    """The figures as every visitor sees them, each with its card template."""
    data = {"name": name} if name else {}
    found = tk.get_action("front_page_figures")(anonymous_context(), data)["figures"]
    known = {figure.name: figure for figure in registry.figures()}
    return [dict(item, template=known[item["name"]].template,
                 height=known[item["name"]].height,
                 description=known[item["name"]].description()
                 if known[item["name"]].description else "")
            for item in found]


def _one(name: str) -> dict:
    try:
        return figures(name)[0]
    except tk.ValidationError:
        return tk.abort(404, tk._("There is no such widget"))


@widgets.route("")
def index():
    return tk.render("front/widgets.html", {"figures": figures()})


@widgets.route("/<name>.svg")
def badge_svg(name: str):
    figure = _one(name)
    image = badge.svg(figure["badge"]["label"], figure["badge"]["value"])
    return embedding.embeddable(Response(image, mimetype="image/svg+xml"))


@widgets.route("/<name>.html")
def card(name: str):
    figure = _one(name)
    return embedding.embeddable(make_response(tk.render("front/widget.html",
                                                        {"figure": figure})))


def blueprint() -> Blueprint:
    return widgets

"""The action that gathers the front page figures, with its auth function and schema."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import registry


def _known_figure(value: str) -> str:
    if registry.find(value) is None:
        raise tk.Invalid(tk._("There is no such figure"))
    return value


def front_page_figures_schema() -> dict:
    return {"name": [tk.get_validator("ignore_missing"), tk.get_validator("unicode_safe"),
                     _known_figure]}


@tk.side_effect_free
@tk.validate_action_data(front_page_figures_schema)
def front_page_figures(context, data_dict):
    """The programme's figures on the home page, each with the address of its evidence and
    the text of its badge; a feature whose plugin is not loaded has none.

    :param name: only this figure (optional): appeals, schedule, briefing, drafts, rating,
        updates, as far as their plugins are loaded
    :returns: {"figures": [{"name", "title", "evidence" (the address of what the figure
        counts), "section" (its section's address, the same every day), "badge": {"label",
        "value"}, "data": {...}}]}
    """
    tk.check_access("front_page_figures", context, data_dict)
    chosen = [f for f in registry.figures() if data_dict.get("name") in (None, f.name)]
    out = []
    for figure in chosen:
        figures = figure.gather(dict(context))
        label, value = figure.badge(figures)
        out.append({"name": figure.name, "title": figure.title(),
                    "evidence": figure.evidence(figures),
                    "section": figure.section() or figure.evidence(figures),
                    "badge": {"label": label, "value": value}, "data": figures})
    return {"figures": out}


@tk.auth_allow_anonymous_access
def front_page_figures_auth(context, data_dict):
    return {"success": True}


def get_actions() -> dict:
    return {"front_page_figures": front_page_figures}


def get_auth_functions() -> dict:
    return {"front_page_figures": front_page_figures_auth}

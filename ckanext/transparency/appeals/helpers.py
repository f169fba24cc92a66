"""Template helpers of the appeals module: labels, deadline badges, server-side SVG charts."""
from __future__ import annotations

from markupsafe import Markup, escape

import ckan.plugins.toolkit as tk
import ckan.model as model

from ckanext.transparency.i18n import display

from . import deadlines, vocabulary

BADGE = {deadlines.OVERDUE: "danger", deadlines.DUE_SOON: "warning",
         deadlines.ON_TIME: "success", deadlines.DONE_ON_TIME: "secondary",
         deadlines.DONE_LATE: "dark"}


def appeals_badge_class(state: str) -> str:
    return BADGE.get(state, "secondary")


def appeals_topics() -> list[tuple[str, str]]:
    return [(t, vocabulary.topic_label(t)) for t in vocabulary.topics()]


def appeals_types() -> list[tuple[str, str]]:
    return [(t, vocabulary.type_label(t)) for t in vocabulary.TYPES]


def appeals_outcomes() -> list[tuple[str, str]]:
    return [(o, vocabulary.outcome_label(o)) for o in vocabulary.OUTCOMES]


def appeals_statuses() -> list[tuple[str, str]]:
    return [(s, vocabulary.status_label(s)) for s in vocabulary.STATUSES]


def appeals_departments() -> list[dict]:
    return tk.get_action("organization_list")({}, {"all_fields": True, "include_extras": True})


def appeals_bar_chart(rows: list[dict], label_key: str = "label", value_key: str = "count",
                      title: str = "") -> Markup:
    """A horizontal bar chart as inline SVG (no JavaScript); the page shows the same numbers
    in a table next to it, so the chart is hidden from screen readers."""
    rows = [r for r in rows if r.get(value_key) is not None]
    if not rows:
        return Markup("")
    top = max(r[value_key] for r in rows) or 1
    bar_h, gap, label_w, width = 22, 6, 210, 640
    height = len(rows) * (bar_h + gap)
    parts = [f'<svg class="appeals-chart" role="img" aria-hidden="true" focusable="false" '
             f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, row in enumerate(rows):
        y = i * (bar_h + gap)
        w = (width - label_w - 60) * row[value_key] / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f'{escape(str(row[label_key])[:34])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#206b82"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12">'
            f'{escape(str(row[value_key]))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def appeals_options(pairs: list[tuple[str, str]]) -> list[dict]:
    return [{"value": value, "text": text} for value, text in pairs]


def appeals_department_options() -> list[dict]:
    return [{"value": d["name"], "text": display.group_title(d)} for d in appeals_departments()]


def appeals_config(name: str):
    return tk.config.get(f"ckanext.transparency.appeals.{name}")


def appeals_user_name(user_id: str) -> str:
    user = model.User.get(user_id) if user_id else None
    return (user.display_name if user else "") or ""


HELPERS = {f.__name__: f for f in (appeals_badge_class, appeals_topics, appeals_types,
                                   appeals_outcomes, appeals_statuses, appeals_departments,
                                   appeals_bar_chart, appeals_options,
                                   appeals_department_options, appeals_config,
                                   appeals_user_name)}
HELPERS["appeals_outcome_label"] = vocabulary.outcome_label
HELPERS["appeals_type_label"] = vocabulary.type_label
HELPERS["appeals_topic_label"] = vocabulary.topic_label

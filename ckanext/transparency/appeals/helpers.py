"""Template helpers of the appeals module: labels, deadline badges, server-side SVG charts."""
from __future__ import annotations

from markupsafe import Markup, escape

import ckan.plugins.toolkit as tk
import ckan.model as model

from ckanext.transparency import svg_charts
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
    """Horizontal bars as inline SVG (no JavaScript), each under its full name (svg_charts);
    the page shows the same numbers in a table next to it, so the chart is hidden from screen
    readers."""
    rows = [r for r in rows if r.get(value_key) is not None]
    if not rows:
        return Markup("")
    return svg_charts.horizontal_bars(
        [str(r[label_key]) for r in rows], [(title, [r[value_key] for r in rows])], ("#206b82",),
        str, 'class="appeals-chart" role="img" aria-hidden="true" focusable="false"',
        head=f"<title>{escape(title)}</title>")


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

"""/rating (the ranking), /rating/department/<name> (evidence and history), /rating/methodology.
Thin: every figure comes from the rating actions."""
from __future__ import annotations

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ckanext.transparency import svg_charts
from ckanext.transparency.core.context import user_context as _context
from ckanext.transparency.i18n import display

from . import indicators, periods

rating = Blueprint("rating", __name__)
BANDS = ((0, indicators.YELLOW_FROM, "#f8d7da"),
         (indicators.YELLOW_FROM, indicators.GREEN_FROM, "#fff3cd"),
         (indicators.GREEN_FROM, 100, "#d4edda"))


def _kind() -> str:
    kind = tk.request.args.get("kind")
    if kind in periods.KINDS:
        return kind
    return periods.MONTH if tk.request.args.get("period") else _rated_kind()


def _rated_kind() -> str:
    """Without a choice, the kind of period whose latest rating that rates a department ends
    last (the shorter kind on a tie): a small department has too few records in a month and
    is rated by quarter or year."""
    best, best_end = periods.MONTH, ""
    for kind in periods.KINDS:
        try:
            result = tk.get_action("openness_rating_show")(_context(), {"kind": kind})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            continue
        if any(d["rated"] for d in result["departments"]) and result["end"] > best_end:
            best, best_end = kind, result["end"]
    return best


def index():
    data = {"kind": _kind()}
    if tk.request.args.get("period"):
        data["period"] = tk.request.args["period"]
    try:
        result = tk.get_action("openness_rating_show")(_context(), data)
    except tk.ObjectNotFound:
        result = None
    except tk.NotAuthorized:
        return tk.abort(403, tk._("The rating is internal until a sysadmin publishes it."))
    except tk.ValidationError:
        return tk.abort(400, tk._("A period is a month (2026-10), a quarter (2026-Q3) or a "
                                  "year (2026)."))
    return tk.render("rating/index.html", {"rating": result, "kind": data["kind"],
                                           "chosen": "period" in data})


def department(name: str):
    kind = _kind()
    data = {"organization": name, "kind": kind}
    if tk.request.args.get("period"):
        data["period"] = tk.request.args["period"]
    try:
        result = tk.get_action("openness_rating_show")(_context(), data)
        history = tk.get_action("openness_rating_history")(
            _context(), {"organization": name, "kind": kind})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("This department is not in the rating of this period."))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("The rating is internal until a sysadmin publishes it."))
    except tk.ValidationError:
        return tk.abort(400, tk._("Invalid period"))
    chart = svg_charts.line_chart(
        [(point["period"], point["score"]) for point in history["history"]],
        tk._("Score history of {department}").format(
            department=display.department_title(history["organization"])),
        BANDS, (0, indicators.YELLOW_FROM, indicators.GREEN_FROM, 100), "rating-history-chart")
    return tk.render("rating/department.html", {
        "rating": result, "entry": result["department"], "history": history, "chart": chart,
        "kind": kind})


def methodology():
    result = tk.get_action("openness_rating_methodology")(_context(), {})
    return tk.render("rating/methodology.html", {"method": result})


rating.add_url_rule("/rating", view_func=index)
rating.add_url_rule("/rating/department/<name>", view_func=department)
rating.add_url_rule("/rating/methodology", view_func=methodology)


def blueprint():
    return rating

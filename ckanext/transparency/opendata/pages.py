"""The data behind the /open-data pages: category counts, the schedule, and per category the
figures (from the DataStore tables of the typed datasets) that the charts and tables show."""
from __future__ import annotations

import collections
import datetime as dt
import itertools
from typing import Any, Mapping

import ckan.plugins.toolkit as tk
from markupsafe import Markup

from ckanext.transparency import svg_charts
from ckanext.transparency.core.clock import site_today
from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.formatting import transparency_quarter
from ckanext.transparency.i18n.labels import transparency_project_status

from . import freshness, tableschema
from .exports import records
from .types import CATEGORIES, TYPES

MAX_ROWS = 50000


def category_title(name: str) -> str:
    return {
        "budget": tk._("Budget execution"),
        "procurement": tk._("Public procurement"),
        "projects": tk._("Project status"),
        "appeals": tk._("Reception days and appeals"),
    }[name]


def _search(context: dict, types: tuple[str, ...], **params) -> dict:
    fq = "+type:(" + " OR ".join(f'"{t}"' for t in types) + ")"
    return tk.get_action("package_search")(dict(context), dict(
        {"q": "*:*", "fq": fq, "rows": 0}, **params))


def index(context: dict) -> dict:
    categories = []
    for name, types in CATEGORIES:
        categories.append({"name": name, "title": category_title(name), "types": types,
                           "count": _search(context, types)["count"]})
    recent = _search(context, TYPES, rows=8, sort="metadata_modified desc")["results"]
    schedule = tk.get_action("opendata_schedule_list")(dict(context), {})
    today = site_today()
    month_end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    due = [r for r in schedule if r["state"] == freshness.OVERDUE
           or (r["next_due"] and r["next_due"] < month_end.isoformat())]
    by_department: dict = collections.defaultdict(collections.Counter)
    titles = {}
    for row in schedule:
        by_department[row["organization"]][row["state"]] += 1
        titles[row["organization"]] = row["organization_title"]
    departments = sorted(({"name": k, "title": titles[k], **{s: c[s] for s in freshness.STATES}}
                          for k, c in by_department.items() if k),
                         key=lambda d: (-d[freshness.OVERDUE], d["title"] or ""))
    return {"categories": categories, "recent": recent, "due": due,
            "departments": departments, "states": freshness.STATES,
            "totals": collections.Counter(r["state"] for r in schedule),
            "month": today.strftime("%Y-%m")}


def _datasets(context: dict, types: tuple[str, ...]) -> list[dict]:
    return _search(context, types, rows=200, sort="name asc")["results"]


def _table(context: dict, datasets: list[dict], wanted: str | None,
           schema_names: tuple[str, ...]) -> tuple[dict | None, list[dict], dict | None]:
    """The chosen dataset (by name, else the first with a table), its rows, its resource."""
    candidates = [d for d in datasets if (tableschema.for_dataset(d) or {}).get("name")
                  in schema_names]
    candidates.sort(key=lambda d: (d["name"] != wanted, -(int(d.get("fiscal_year") or 0)),
                                   d["name"]))
    for dataset in candidates:
        for resource in dataset.get("resources", []):
            if resource.get("datastore_active"):
                try:
                    rows = list(itertools.islice(records.iterate(context, resource["id"]),
                                                 MAX_ROWS))
                except tk.ObjectNotFound:
                    continue  # the search index names a table the database no longer has
                return dataset, rows, resource
    return None, [], None


def _number(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _common(context: dict, name: str, args: Mapping) -> dict:
    types = dict(CATEGORIES)[name]
    datasets = _datasets(context, types)
    schedule = [r for r in tk.get_action("opendata_schedule_list")(dict(context), {})
                if r["type"] in types]
    return {"datasets": datasets, "schedule": schedule, "title": category_title(name),
            "selected": args.get("dataset")}


# The figures of each table schema's chart and tables, from the rows of one table: the
# category pages and a typed dataset's own page (action opendata_dataset_figures) show the same.

def budget_figures(rows: list[dict], args: Mapping | None = None) -> dict:
    quarters: dict = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in rows:
        key = (int(row["yil"]), int(row["chorak"]))
        for i, column in enumerate(("tasdiqlangan_reja_soʻm", "aniqlangan_reja_soʻm",
                                    "ijro_soʻm")):
            quarters[key][i] += _number(row.get(column))
    return {"table": [{"year": y, "quarter": q, "period": transparency_quarter(y, q),
                       "approved": a, "revised": r, "executed": e,
                       "rate": round(100 * e / r, 1) if r else 0.0}
                      for (y, q), (a, r, e) in sorted(quarters.items())]}


def budget_chart(figures: dict) -> Markup | None:
    table = figures["table"]
    return svg_charts.bar_chart(
        tk._("Approved, revised and executed budget by quarter (UZS)"),
        [t["period"] for t in table],
        [(tk._("Approved"), [t["approved"] for t in table]),
         (tk._("Revised"), [t["revised"] for t in table]),
         (tk._("Executed"), [t["executed"] for t in table])],
        line=(tk._("Execution rate"), [t["rate"] for t in table]),
        description=tk._("The table below the chart has the same numbers.")) if table else None


def procurement_figures(rows: list[dict], args: Mapping | None = None) -> dict:
    args = args or {}
    methods = sorted({r.get("tender/procurementMethod") for r in rows} - {None, ""})
    statuses = sorted({r.get("tender/status") for r in rows} - {None, ""})
    method, status = args.get("method") or "", args.get("status") or ""
    chosen = [r for r in rows if (not method or r.get("tender/procurementMethod") == method)
              and (not status or r.get("tender/status") == status)]
    totals = {
        "procedures": len(chosen),
        "tender_value": sum(_number(r.get("tender/value/amount")) for r in chosen),
        "awarded": sum(1 for r in chosen if r.get("awards/0/value/amount")),
        "award_value": sum(_number(r.get("awards/0/value/amount")) for r in chosen),
    }
    awarded_tender = sum(_number(r.get("tender/value/amount")) for r in chosen
                         if r.get("awards/0/value/amount"))
    totals["savings"] = (round(100 * (1 - totals["award_value"] / awarded_tender), 1)
                         if awarded_tender else 0.0)
    largest = sorted((r for r in chosen if r.get("awards/0/value/amount")),
                     key=lambda r: -_number(r.get("awards/0/value/amount")))[:10]
    by_method: dict = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for row in chosen:
        entry = by_method[row.get("tender/procurementMethodDetails")
                          or row.get("tender/procurementMethod") or "-"]
        entry[0] += 1
        entry[1] += _number(row.get("tender/value/amount"))
        entry[2] += _number(row.get("awards/0/value/amount"))
    method_table = [{"method": k, "count": c, "tender_value": t, "award_value": a}
                    for k, (c, t, a) in sorted(by_method.items(), key=lambda kv: -kv[1][1])]
    return {"methods": methods, "statuses": statuses, "method": method, "status": status,
            "totals": totals, "largest": [{k: r.get(k) for k in LARGEST_COLUMNS}
                                          for r in largest],
            "method_table": method_table}


LARGEST_COLUMNS = ("ocid", "tender/title", "awards/0/suppliers/0/name",
                   "parties/0/identifier/id", "awards/0/value/amount")


def procurement_chart(figures: dict) -> Markup | None:
    method_table = figures["method_table"]
    return svg_charts.bar_chart(
        tk._("Tender and award value by procedure (UZS)"),
        [display.text(m["method"]) for m in method_table],
        [(tk._("Tender value"), [m["tender_value"] for m in method_table]),
         (tk._("Award value"), [m["award_value"] for m in method_table])],
        description=tk._("The table below the chart has the same numbers.")
    ) if method_table else None


PROJECT_COLUMNS = ("loyiha_nomi", "loyiha_raqami", "tuman_shahar", "hudud", "holati",
                   "holati_kodi", "jismoniy_bajarilish_foizi", "umumiy_qiymati_soʻm",
                   "sarflangan_soʻm", "tugash_sanasi")


def projects_figures(rows: list[dict], args: Mapping | None = None) -> dict:
    counts = collections.Counter(r.get("holati_kodi") for r in rows)
    status_table = [{"status": s, "count": counts[s],
                     "budget": sum(_number(r.get("umumiy_qiymati_soʻm")) for r in rows
                                   if r.get("holati_kodi") == s),
                     "spent": sum(_number(r.get("sarflangan_soʻm")) for r in rows
                                  if r.get("holati_kodi") == s)}
                    for s in sorted(counts, key=lambda s: -counts[s])]
    status = (args or {}).get("status") or ""
    listed = [r for r in rows if not status or r.get("holati_kodi") == status]
    return {"status_table": status_table, "status": status,
            "statuses": [s["status"] for s in status_table], "total": len(listed),
            "projects": [{k: r.get(k) for k in PROJECT_COLUMNS} for r in listed[:100]]}


def projects_chart(figures: dict) -> Markup | None:
    status_table = figures["status_table"]
    return svg_charts.bar_chart(
        tk._("Budget and spending by project status (UZS)"),
        [transparency_project_status(s["status"]) for s in status_table],
        [(tk._("Budget"), [s["budget"] for s in status_table]),
         (tk._("Spent"), [s["spent"] for s in status_table])],
        description=tk._("The table below the chart has the same numbers.")
    ) if status_table else None


def appeals_figures(rows: list[dict], args: Mapping | None = None) -> dict:
    months: dict = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        key = (int(row["yil"]), int(row["oy"]))
        months[key][0] += int(_number(row.get("kelib_tushgan")))
        months[key][1] += int(_number(row.get("koʻrib_chiqilgan")))
    return {"month_table": [{"period": f"{y}-{m:02d}", "received": r, "reviewed": v}
                            for (y, m), (r, v) in sorted(months.items())]}


def appeals_chart(figures: dict) -> Markup | None:
    month_table = figures["month_table"]
    return svg_charts.bar_chart(
        tk._("Appeals received and reviewed by month"),
        [m["period"] for m in month_table],
        [(tk._("Received"), [m["received"] for m in month_table]),
         (tk._("Reviewed"), [m["reviewed"] for m in month_table])],
        description=tk._("The table below the chart has the same numbers.")
    ) if month_table else None


# table schema -> (category, figures, chart)
FIGURES: dict[str, tuple[str, Any, Any]] = {
    "budget": ("budget", budget_figures, budget_chart),
    "ocds-releases": ("procurement", procurement_figures, procurement_chart),
    "projects": ("projects", projects_figures, projects_chart),
    "appeals-monthly": ("appeals", appeals_figures, appeals_chart),
}


def chart(category: str, figures: dict) -> Markup | None:
    return {c: draw for c, _, draw in FIGURES.values()}[category](figures)


def dataset_figures(context: dict, package: dict) -> dict | None:
    """The figures of a typed dataset's first loaded table whose schema has a chart."""
    schema = (tableschema.for_dataset(package) or {}).get("name")
    if schema not in FIGURES:
        return None
    dataset, rows, resource = _table(context, [package], package["name"], (schema,))
    if dataset is None:
        return None
    category, figures, _ = FIGURES[schema]
    return dict(figures(rows), category=category, table_schema=schema,
                resource_id=resource["id"], rows=len(rows))


def _category(context: dict, name: str, schema: str, args: Mapping) -> dict:
    data = _common(context, name, args)
    dataset, rows, resource = _table(context, data["datasets"], data["selected"], (schema,))
    figures = FIGURES[schema][1](rows, args)
    figures["chart"] = chart(name, figures)
    return dict(data, **figures, figures=figures, dataset=dataset, resource=resource)


def budget(context: dict, args: Mapping) -> dict:
    return _category(context, "budget", "budget", args)


def procurement(context: dict, args: Mapping) -> dict:
    return _category(context, "procurement", "ocds-releases", args)


def projects(context: dict, args: Mapping) -> dict:
    return _category(context, "projects", "projects", args)


def appeals(context: dict, args: Mapping) -> dict:
    data = _category(context, "appeals", "appeals-monthly", args)
    _, receptions, reception_resource = _table(context, data["datasets"], None,
                                               ("receptions",))
    return dict(data, upcoming=_reception_days(context, receptions),
                reception_resource=reception_resource)


def _reception_days(context: dict, published: list[dict]) -> list[dict]:
    """The next reception days with the department in every row: from the schedule the
    appeals section keeps (the one /appeals/receptions shows) when that plugin runs, so the
    two pages cannot disagree; else from a published schedule's rows."""
    try:
        schedule = tk.get_action("appeal_reception_list")(dict(context), {"days": 42})
    except KeyError:  # the appeals plugin is not loaded
        schedule = None
    if schedule is not None:
        rows = [{"date": day, "who": r["position"], "official": r["official"],
                 "department": display.department_title(r["department"] or ""),
                 "hours": f"{r['starts']}–{r['ends']}", "place": r["place"],
                 "sign_up": r["sign_up"]} for r in schedule for day in r["upcoming"]]
    else:
        rows = [{"date": str(r.get("sana") or "")[:10], "who": r.get("lavozim") or "",
                 "official": "", "department": r.get("boʻlinma") or "",
                 "hours": r.get("qabul_vaqti") or "", "place": r.get("manzil") or "",
                 "sign_up": r.get("yozilish_tartibi") or ""} for r in published]
    today = site_today().isoformat()
    return sorted((r for r in rows if r["date"] >= today), key=lambda r: r["date"])[:12]


CATEGORY_PAGES: dict[str, Any] = {"budget": budget, "procurement": procurement,
                                  "projects": projects, "appeals": appeals}

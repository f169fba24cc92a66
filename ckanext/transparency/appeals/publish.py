"""The monthly job: the appeals statistics into the `appeals-statistics` dataset (CSV and XLSX
resources, the CSV's rows in the DataStore), and the reception schedule into
`reception-schedule`. One row per month x department x type x outcome; counts only.

Run by `ckan transparency appeals publish` (from cron on the 1st of each month, or with
--enqueue for the jobs worker)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Optional

import openpyxl
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

import ckan.model as ckan_model
import ckan.plugins as plugins
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import LOADED_BY_CALLER, site_context
from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.site_language import in_site_language
from ckanext.transparency.spreadsheet import safe_row

from . import model, present, receptions

STATISTICS_FIELDS = (
    ("month", "text"), ("department", "text"), ("department_title", "text"), ("type", "text"),
    ("outcome", "text"), ("appeals", "int"), ("answered_on_time", "int"),
    ("answered_late", "int"), ("extended", "int"), ("median_days_to_answer", "numeric"),
    ("average_rating", "numeric"),
)
RECEPTION_FIELDS = (
    ("position", "text"), ("official", "text"), ("department", "text"), ("weekday", "text"),
    ("weeks_of_month", "text"), ("starts", "text"), ("ends", "text"), ("place", "text"),
    ("sign_up", "text"),
)


def previous_month(today: Optional[dt.date] = None) -> str:
    first = (today or present.today()).replace(day=1)
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def statistics_rows(until: str) -> list[dict[str, Any]]:
    a = model.Appeal.__table__
    month = sa.func.to_char(sa.func.date_trunc("month", a.c.registered_on), "YYYY-MM")
    due = sa.case((a.c.outcome == "forwarded", a.c.forward_due_on), else_=a.c.due_on)
    days = a.c.completed_on - a.c.registered_on
    outcome = sa.func.coalesce(a.c.outcome, "pending")
    query = sa.select(
        month.label("month"), a.c.owner_org, a.c.type, outcome.label("outcome"),
        sa.func.count().label("appeals"),
        sa.func.count().filter(a.c.completed_on <= due).label("on_time"),
        sa.func.count().filter(a.c.completed_on > due).label("late"),
        sa.func.count().filter(a.c.extended).label("extended"),
        sa.func.percentile_cont(0.5).within_group(days).label("median_days"),
        sa.func.avg(a.c.rating).label("rating"),
    ).where(month <= until).group_by(month, a.c.owner_org, a.c.type, outcome) \
        .order_by(month, a.c.owner_org, a.c.type, outcome)
    groups = {g.id: g for g in ckan_model.Session.query(ckan_model.Group).filter(
        ckan_model.Group.is_organization.is_(True))}
    site_locale = tk.config.get("ckan.locale_default")
    rows = []
    for row in model.session().execute(query):
        group = groups.get(row.owner_org)
        rows.append({
            "month": row.month, "department": group.name if group else row.owner_org,
            "department_title": display.group_title(group, site_locale) if group else "",
            "type": row.type,
            "outcome": row.outcome, "appeals": row.appeals, "answered_on_time": row.on_time,
            "answered_late": row.late, "extended": row.extended,
            "median_days_to_answer": None if row.median_days is None
            else round(float(row.median_days), 1),
            "average_rating": None if row.rating is None else round(float(row.rating), 2),
        })
    return rows


def reception_rows() -> list[dict[str, Any]]:
    rows = []
    for reception in receptions.all_active():
        shown = receptions.public_dict(reception)
        rows.append({
            "position": shown["position"], "official": shown["official"],
            "department": shown["department"]["title"] if shown["department"] else "",
            "weekday": shown["weekday_label"], "weeks_of_month": shown["weeks"],
            "starts": shown["starts"], "ends": shown["ends"], "place": shown["place"],
            "sign_up": shown["sign_up"],
        })
    return rows


def to_csv(fields, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f for f, _t in fields])
    for row in rows:
        writer.writerow(safe_row("" if row[f] is None else row[f] for f, _t in fields))
    return ("\ufeff" + out.getvalue()).encode()  # with a BOM: Excel reads it as UTF-8


def to_xlsx(fields, rows, title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([f for f, _t in fields])
    for row in rows:
        sheet.append(safe_row(row[f] for f, _t in fields))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _publisher() -> str:
    name = tk.config.get("ckanext.transparency.appeals.publisher_org")
    if name:
        return name
    first = ckan_model.Session.query(ckan_model.Group).filter(
        ckan_model.Group.is_organization.is_(True), ckan_model.Group.state == "active") \
        .order_by(ckan_model.Group.name).first()
    if first is None:
        raise tk.ValidationError({"owner_org": [tk._("No department to publish under")]})
    return first.name


def _dataset(context: dict, name: str, title: str, notes: str) -> dict:
    try:
        return tk.get_action("package_show")(dict(context), {"id": name})
    except tk.ObjectNotFound:
        return tk.get_action("package_create")(dict(context), {
            "name": name, "title": title, "notes": notes, "owner_org": _publisher(),
            "license_id": "cc-by", "extras": [{"key": "frequency", "value":
                                               "http://publications.europa.eu/resource/"
                                               "authority/frequency/MONTHLY"}]})


def _upload(context: dict, package: dict, filename: str, fmt: str, content: bytes,
            mimetype: str) -> dict:
    existing = next((r for r in package.get("resources", []) if r.get("name") == filename), None)
    data = {"name": filename, "format": fmt,
            "upload": FileStorage(stream=io.BytesIO(content), filename=filename,
                                  content_type=mimetype)}
    context = dict(context, **{LOADED_BY_CALLER: True})  # see _datastore
    if existing:
        return tk.get_action("resource_patch")(dict(context), dict(data, id=existing["id"]))
    return tk.get_action("resource_create")(dict(context), dict(data, package_id=package["id"]))


def _datastore(context: dict, resource_id: str, fields, rows, primary_key) -> None:
    if not plugins.plugin_loaded("datastore"):
        return
    table = {"resource_id": resource_id, "force": True,
             "fields": [{"id": f, "type": t} for f, t in fields]}
    if primary_key:
        table["primary_key"] = primary_key
    tk.get_action("datastore_create")(dict(context), table)
    tk.get_action("datastore_delete")(dict(context), {"resource_id": resource_id,
                                                      "force": True, "filters": {}})
    if rows:
        tk.get_action("datastore_upsert")(dict(context), {
            "resource_id": resource_id, "force": True, "method": "insert", "records": rows})


def _publish_table(context: dict, dataset: dict, basename: str, fields, rows, sheet: str,
                   primary_key: list[str]) -> dict[str, str]:
    csv_resource = _upload(context, dataset, f"{basename}.csv", "CSV", to_csv(fields, rows),
                           "text/csv")
    xlsx_resource = _upload(
        context, tk.get_action("package_show")(dict(context), {"id": dataset["id"]}),
        f"{basename}.xlsx", "XLSX", to_xlsx(fields, rows, sheet),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    _datastore(context, csv_resource["id"], fields, rows, primary_key)
    return {"csv": csv_resource["id"], "xlsx": xlsx_resource["id"]}


def loads_itself(resource_id: str) -> bool:
    """Whether the resource is a file of the datasets `publish` keeps (their tables go into
    the DataStore from here, with their types; xloader would load them again as text)."""
    resource = ckan_model.Resource.get(resource_id)
    if resource is None or resource.package is None:
        return False
    return resource.package.name in (
        tk.config.get("ckanext.transparency.appeals.statistics_dataset"),
        tk.config.get("ckanext.transparency.appeals.reception_dataset"))


@in_site_language()
def publish(month: Optional[str] = None) -> dict[str, Any]:
    month = month or previous_month()
    context = site_context()
    rows = statistics_rows(month)
    statistics = _dataset(
        context, tk.config.get("ckanext.transparency.appeals.statistics_dataset"),
        tk._("Appeals statistics (monthly)"),
        tk._("Appeals of individuals and legal entities (Law ZRU-445): one row per month, "
             "department, type and outcome; counts, answers on time and late, extensions, "
             "median days to answer and average rating. Updated monthly; no personal data."))
    resources = _publish_table(context, statistics, "appeals-statistics", STATISTICS_FIELDS,
                               rows, tk._("Appeals"), ["month", "department", "type", "outcome"])
    schedule = reception_rows()
    reception_dataset = _dataset(
        context, tk.config.get("ckanext.transparency.appeals.reception_dataset"),
        tk._("Reception days of the management"),
        tk._("Who receives citizens, on which days and hours, where and how to sign up. Visits "
             "are registered as oral appeals and counted in the appeals statistics."))
    _publish_table(context, reception_dataset, "reception-schedule", RECEPTION_FIELDS,
                   schedule, tk._("Receptions"), [])
    return {"month": month, "rows": len(rows), "receptions": len(schedule),
            "dataset": statistics["name"], "resources": resources}

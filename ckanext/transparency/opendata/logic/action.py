"""Open data actions: checked uploads, schedule, update history, table schemas, OCDS and OC4IDS
packages."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.search import rebuild

from ckanext.transparency.actions import reference

from .. import freshness, history, pages, periods, tableschema, uploads
from ..model import UpdateRecord
from ..types import TYPES
from . import schema
from ..exports import ocds
from ..exports import oc4ids
from . import source_urls


def _typed_package(context: dict, name_or_id: str) -> dict:
    package = tk.get_action("package_show")(dict(context), {"id": name_or_id})
    if package.get("type") not in TYPES:
        raise tk.ValidationError({"id": [tk._("Not an open data dataset of a known type.")]})
    return package


def _dataset_fields(package: model.Package) -> dict:
    extras = package.extras
    return {"frequency": extras.get("frequency"), "temporal_end": extras.get("temporal_end"),
            "metadata_created": package.metadata_created, "type": package.type}


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def opendata_schedule_show(context, data_dict):
    """The update schedule of a typed dataset.

    :param id: the dataset's id or name
    :returns: state (on_time, due_soon, overdue, unscheduled), state_label, frequency,
        covered_until, next_period, next_due, last_update
    """
    tk.check_access("opendata_schedule_show", context, data_dict)
    package = _typed_package(context, data_dict["id"])
    latest = UpdateRecord.latest_by_package([package["id"]]).get(package["id"])
    return dict(freshness.compute(package, latest).as_dict(), name=package["name"])


@tk.side_effect_free
@tk.validate_action_data(schema.schedule_list)
def opendata_schedule_list(context, data_dict):
    """The schedule of every public typed dataset, most urgent first.

    :param organization: only this department (name or id) (optional)
    :param state: only this state (optional)
    :param type: only this dataset type (optional)
    """
    tk.check_access("opendata_schedule_list", context, data_dict)
    query = (model.Session.query(model.Package)
             .filter(model.Package.type.in_(TYPES), model.Package.state == "active",
                     model.Package.private.is_(False)))
    if data_dict.get("type"):
        query = query.filter(model.Package.type == data_dict["type"])
    if data_dict.get("organization"):
        group = model.Group.get(data_dict["organization"])
        query = query.filter(model.Package.owner_org == (group.id if group else None))
    packages = query.all()
    latest = UpdateRecord.latest_by_package([p.id for p in packages])
    organizations = {g.id: g for g in model.Session.query(model.Group).filter(
        model.Group.id.in_({p.owner_org for p in packages if p.owner_org}))}
    rows = []
    for package in packages:
        schedule = freshness.compute(_dataset_fields(package), latest.get(package.id))
        if data_dict.get("state") and schedule.state != data_dict["state"]:
            continue
        org = organizations.get(package.owner_org)
        rows.append(dict(schedule.as_dict(), id=package.id, name=package.name,
                         title=package.title, type=package.type,
                         organization=org.name if org else None,
                         organization_title=org.title if org else None))
    order = {s: i for i, s in enumerate((freshness.OVERDUE, freshness.DUE_SOON,
                                         freshness.ON_TIME, freshness.UNSCHEDULED))}
    rows.sort(key=lambda r: (order[r["state"]], r["next_due"] or "9999", r["name"]))
    return rows


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def opendata_update_history(context, data_dict):
    """The recorded data updates of a typed dataset, newest first: when, which period, whether
    it came within the grace period after the period's end (`on_time`), and, for those who may
    edit the dataset, by whom.

    :param id: the dataset's id or name
    """
    tk.check_access("opendata_update_history", context, data_dict)
    package = _typed_package(context, data_dict["id"])
    try:
        tk.check_access("package_update", dict(context), {"id": package["id"]})
        show_user = True
    except tk.NotAuthorized:
        show_user = False
    out = []
    for record in UpdateRecord.for_package(package["id"]):
        item = {
            "updated_at": record.updated_at.isoformat(),
            "period_start": record.period_start.isoformat(),
            "period_end": record.period_end.isoformat(),
            "period": periods.Period(record.period_start, record.period_end).label,
            "resource_id": record.resource_id, "rows": record.rows, "source": record.source,
            "on_time": freshness.on_time(record, dataset_type=package["type"]),
        }
        if show_user:
            user = model.User.get(record.user_id) if record.user_id else None
            item["user"] = user.name if user else None
        out.append(item)
    return out


@tk.validate_action_data(schema.update_record)
def opendata_update_record(context, data_dict):
    """Record a data update made without an upload (e.g. through the DataStore API).

    :param id: the dataset's id or name
    :param period_start: first day the new data covers (YYYY-MM-DD)
    :param period_end: last day the new data covers (YYYY-MM-DD)
    :param resource_id: the resource updated (optional)
    :param rows: number of rows (optional)
    """
    tk.check_access("opendata_update_record", context, data_dict)
    package = _typed_package(context, data_dict["id"])
    start, end = (d.date() if isinstance(d, dt.datetime) else d
                  for d in (data_dict["period_start"], data_dict["period_end"]))
    if end < start:
        raise tk.ValidationError({"period_end": [tk._("The period ends before it starts.")]})
    if data_dict.get("resource_id") and data_dict["resource_id"] not in {
            r["id"] for r in package.get("resources", [])}:
        raise tk.ValidationError({"resource_id": [tk._("Not a resource of this dataset.")]})
    history.record(package, data_dict.get("resource_id"), context.get("user"),
                   periods.Period(start, end), data_dict.get("rows"), source="api")
    rebuild(package["id"])
    return opendata_schedule_show(dict(context), {"id": package["id"]})


@tk.side_effect_free
@tk.validate_action_data(schema.table_schema)
def opendata_table_schema(context, data_dict):
    """A table schema as a Frictionless Table Schema: by `name`, or that of dataset `id`.

    :param name: a table schema name (optional)
    :param id: a dataset id or name (optional)
    :param language: en, uz, uz_Cyrl or ru for the titles (optional)
    """
    tk.check_access("opendata_table_schema", context, data_dict)
    if data_dict.get("id"):
        table = tableschema.for_dataset(_typed_package(context, data_dict["id"]))
    else:
        table = tableschema.get(data_dict.get("name", ""))
    if table is None:
        raise tk.ObjectNotFound(tk._("No such table schema"))
    return tableschema.frictionless(table, data_dict.get("language") or "en")


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def opendata_dataset_figures(context, data_dict):
    """The figures behind a typed dataset's chart and the tables under it, the same as its
    category page shows, from the dataset's first loaded table whose schema has a chart.

    :param id: the dataset's id or name
    :returns: None when no such table is loaded; else category (budget, procurement, projects,
        appeals), table_schema, resource_id, rows, and by table schema: `table` (budget: per
        quarter approved, revised, executed, rate), `totals`, `method_table`, `largest`
        (OCDS releases), `status_table`, `projects`, `total` (projects), `month_table`
        (monthly appeals)
    """
    tk.check_access("opendata_dataset_figures", context, data_dict)
    return pages.dataset_figures(context, _typed_package(context, data_dict["id"]))


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def ocds_release_package(context, data_dict):
    """The OCDS 1.1.5 release package of a procurement dataset (from its DataStore tables).

    :param id: the dataset's id or name
    """
    tk.check_access("ocds_release_package", context, data_dict)
    package = _typed_package(context, data_dict["id"])
    if package["type"] != "procurement":
        raise tk.ValidationError({"id": [tk._("Not a procurement dataset.")]})
    return ocds.release_package(context, package)


@tk.side_effect_free
@tk.validate_action_data(schema.project_package)
def oc4ids_project_package(context, data_dict):
    """The OC4IDS project package of a project-status dataset (from its DataStore tables).

    :param id: the dataset's id or name
    :param language: en, uz, uz_Cyrl or ru: the language of the sector labels (optional,
        default: the site's default language)
    """
    tk.check_access("oc4ids_project_package", context, data_dict)
    package = _typed_package(context, data_dict["id"])
    if package["type"] != "project-status":
        raise tk.ValidationError({"id": [tk._("Not a project-status dataset.")]})
    language = data_dict.get("language") or tk.config.get("ckan.locale_default")
    return oc4ids.project_package(context, package,
                                  language if language in oc4ids.LANGUAGES else "uz")


@tk.chained_action
def resource_create(next_action, context, data_dict):
    """A data file uploaded to a typed dataset is checked against its table schema and loaded
    into a staging DataStore table before the resource is saved (see uploads.py)."""
    package_id = reference(data_dict, "package_id") or None
    return uploads.save_checked("resource_create", context, package_id, data_dict,
                                lambda: next_action(context, data_dict))


@tk.chained_action
def resource_update(next_action, context, data_dict):
    """A new data file of a typed dataset's resource replaces the published one only once it
    is checked, loaded and the resource saved; on any failure nothing published changes."""
    return uploads.save_checked("resource_update", context,
                                uploads.package_of_resource(reference(data_dict)), data_dict,
                                lambda: next_action(context, data_dict))


def get_actions() -> dict:
    return {f.__name__: f for f in (
        resource_create, resource_update, opendata_schedule_show, opendata_schedule_list,
        opendata_update_history, opendata_update_record, opendata_table_schema,
        opendata_dataset_figures,
        ocds_release_package, oc4ids_project_package, source_urls.package_create,
        source_urls.package_update)}

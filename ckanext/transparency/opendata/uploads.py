"""Checking and loading uploads to typed datasets (resource_create and resource_update, chained
in logic/action.py).

A data file uploaded to a typed dataset is recognised by its content, checked against the
dataset's table schema row by row and loaded into a staging DataStore table, all before the
resource is saved. A file with problems, or one PostgreSQL refuses while loading, is refused
with a ValidationError naming the row and column, and nothing published changes: the resource
keeps its file, its DataStore table, views and dumps. Only once the resource is saved does the
staged table replace the published one; the update is then recorded in the history.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.search import rebuild

from . import datastore, freshness, history, periods, reading, tableschema, validation
from .types import PERIOD_MONTHS, TYPES

MIMETYPES = {reading.CSV: "text/csv", reading.XLSX: (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


@dataclasses.dataclass
class CheckedUpload:
    package: dict
    table: validation.CheckedTable
    period: periods.Period | None
    staged: datastore.StagedTable | None


def _file(resource: dict):
    upload = resource.get("upload")
    if upload is None or not hasattr(upload, "stream") or not getattr(upload, "filename", None):
        return None
    return upload


def typed_dataset(package_id: str) -> dict | None:
    package = tk.get_action("package_show")({"ignore_auth": True}, {"id": package_id})
    return package if package.get("type") in TYPES else None


def _refused(messages: list[str]) -> tk.ValidationError:
    return tk.ValidationError({"upload": messages})


def _load_problem(table: validation.CheckedTable,
                  failure: datastore.LoadFailed) -> validation.Problem:
    if failure.record is None:
        return validation.Problem(None, None, tk._(
            "The data could not be stored in the database; nothing was changed."))
    message = (tk._("the value is outside the range the database can store")
               if failure.out_of_range else tk._("the database could not store this value"))
    return validation.Problem(failure.record + 1, table.columns.get(failure.field or ""),
                              message)


def _check(package: dict, stream, kind: str) -> tuple[validation.CheckedTable,
                                                       periods.Coverage, datastore.RecordFile]:
    schema = tableschema.for_dataset(package)
    coverage = periods.Coverage(schema.get("period") or {},
                                PERIOD_MONTHS.get(package.get("frequency"), 1))
    records = datastore.RecordFile()

    def keep(record: dict) -> None:
        records.write(record)
        coverage.add(record)

    try:
        raw = reading.open_table(stream, kind, reading.Limits.from_config())
        table = validation.check(schema, raw, keep)
    except reading.UnreadableFile as error:
        records.close()
        raise _refused([str(error)])
    if not table.ok:
        records.close()
        raise _refused(validation.summary(table.problems, table.problem_count))
    return table, coverage, records


def _stage(table: validation.CheckedTable,
           records: datastore.RecordFile) -> datastore.StagedTable | None:
    if not datastore.available():
        return None
    staged = datastore.StagedTable(table.fields)
    try:
        staged.load(records)
    except datastore.LoadFailed as failure:
        staged.discard()
        raise _refused([str(_load_problem(table, failure))])
    except BaseException:
        staged.discard()
        raise
    return staged


def check_and_stage(package: dict, resource: dict, upload) -> CheckedUpload | None:
    """Check the uploaded file and load it into a staging table; None for documentation."""
    try:
        kind = reading.file_kind(upload.stream, resource.get("format"))
    except reading.UnreadableFile as error:
        raise _refused([str(error)])
    if kind is None:
        return None
    table, coverage, records = _check(package, upload.stream, kind)
    try:
        staged = _stage(table, records)
    finally:
        records.close()
    upload.stream.seek(0)
    resource["format"] = resource.get("format") or kind
    resource.setdefault("mimetype", MIMETYPES[kind])
    if staged is not None:
        resource["datastore_active"] = True
    return CheckedUpload(package, table, coverage.period, staged)


def save_checked(action: str, context: dict, package_id: str | None, resource: dict,
                 save: Callable[[], dict]) -> dict:
    """Run `save` (the resource action), with a typed dataset's data file checked and staged
    before it and published only after it succeeded."""
    upload = _file(resource)
    package = typed_dataset(package_id) if upload is not None and package_id else None
    if package is None:
        return save()
    tk.check_access(action, dict(context), resource)
    checked = check_and_stage(package, resource, upload)
    if checked is None:
        return save()
    try:
        saved = save()
    except BaseException:
        if checked.staged is not None:
            checked.staged.discard()
        raise
    if checked.staged is not None:
        checked.staged.publish(saved["id"])
        _table_views(saved)
    _record(context, checked, saved["id"])
    return saved


def _table_views(resource: dict) -> None:
    """The default views that show a DataStore table (as xloader adds after a load)."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    package = tk.get_action("package_show")(dict(context), {"id": resource["package_id"]})
    tk.get_action("resource_create_default_resource_views")(
        context, {"resource": resource, "package": package, "create_datastore_views": True})


def _record(context: dict, checked: CheckedUpload, resource_id: str) -> None:
    package = checked.package
    period = checked.period
    if period is not None:
        period = freshness.published_period(period, package.get("frequency"), package["type"],
                                            dt.date.today())
    history.record(package, resource_id, context.get("user"), period, checked.table.rows)
    rebuild(package["id"])


def package_of_resource(resource_id) -> str | None:
    """The dataset of a resource; None for anything else (CKAN's own action answers that)."""
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) else None
    return resource.package_id if resource is not None else None


def handled_by_us(resource_id: str) -> bool:
    """Whether the resource is a file uploaded to a typed dataset: its data is checked and
    loaded here, never by xloader (a linked file is left to xloader)."""
    resource = model.Resource.get(resource_id)
    return (resource is not None and resource.package is not None
            and resource.url_type == "upload" and resource.package.type in TYPES)

"""Checking and loading resources' data files (resource_create and resource_update, chained in
logic/action.py): the portal loads every DataStore table itself, never xloader.

A data file uploaded to a typed dataset is recognised by its content, checked against the
dataset's table schema row by row and loaded into a staging DataStore table, all before the
resource is saved. Any other data file (uploaded to an untyped dataset, or a new link, which is
fetched) is loaded the same way into a staging table of text columns (plain.py). A file with
problems, one PostgreSQL refuses while loading, a link that cannot be fetched, or a file that is
not a table where the resource has one, is refused with a ValidationError (naming the row and
column where there is one), and nothing published changes: the resource keeps its file or link,
its DataStore table, views and dumps. The staged table takes the published one's place in an
uncommitted DataStore transaction before the resource is saved, and is committed once it is;
an update of a typed dataset is then recorded in the history.
"""
from __future__ import annotations

import dataclasses
import os
import urllib.parse
import uuid
from typing import IO, Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.search import rebuild
from flask import has_request_context

from ckanext.transparency.core.clock import site_today
from ckanext.transparency.core.context import LOADED_BY_CALLER, site_context

from . import (datastore, fetching, freshness, history, periods, plain, reading, tableschema,
               validation)
from .logic.source_urls import STORED
from .types import PERIOD_MONTHS, TYPES

# formats whose files get a DataStore table when the resource has none yet (xloader's, less
# the legacy XLS and ODS that reading.py does not read)
TABLE_FORMATS = {"CSV", "TSV", "XLSX", "TEXT/CSV", "APPLICATION/CSV"}
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


def _refused(messages: list[str], field: str = "upload") -> tk.ValidationError:
    return tk.ValidationError({field: messages})


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
    staged = datastore.StagedTable(datastore.typed_fields(table.fields))
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
    """Run `save` (the resource action), with the new data file checked and staged before it
    and published only with it."""
    if context.get(LOADED_BY_CALLER) or not package_id:
        return save()
    upload = _file(resource)
    package = typed_dataset(package_id)
    if package is not None and upload is None:
        # a typed dataset's table comes from a checked upload only: a link is kept as a link,
        # never loaded unchecked as text columns under the type's pages
        return save()
    if package is not None:
        tk.check_access(action, dict(context), resource)
        checked = check_and_stage(package, resource, upload)
        if checked is None:
            return save()
        saved = _save_staged(resource, checked.staged, save)
        entry = _record(context, checked, saved["id"])
        _tell_the_editor(checked.table.rows, _period_label(
            periods.Period(entry.period_start, entry.period_end), package.get("frequency")))
        return saved
    source = _new_data(resource, upload)
    if source is None:
        return save()
    tk.check_access(action, dict(context), resource)
    return _save_staged(resource, _stage_plain(resource, upload, source), save)


def _save_staged(resource: dict, staged: datastore.StagedTable | None,
                 save: Callable[[], dict]) -> dict:
    if staged is None:
        return save()
    try:
        staged.swap(resource.setdefault("id", str(uuid.uuid4())))
        saved = save()
    except BaseException:
        staged.discard()
        raise
    staged.commit()
    _table_views(saved)
    return saved


@dataclasses.dataclass
class _Source:
    name: str  # the file's name or the link's path, for its format
    url: str | None  # a link to fetch
    has_table: bool  # whether the resource has a DataStore table to keep


def _new_data(resource: dict, upload) -> _Source | None:
    """What new data the resource gets: an uploaded file or a new link; None when it gets
    none, or none the DataStore takes (a document or a web page, unless the resource has a
    table whose place it would take)."""
    current = model.Resource.get(resource["id"]) if isinstance(resource.get("id"), str) \
        else None
    has_table = bool(current is not None and current.extras.get("datastore_active"))
    url = resource.get("url")
    if upload is not None:
        source = _Source(upload.filename, None, has_table)
    elif url and resource.get("url_type") not in STORED and (
            current is None or current.url != url or current.url_type in STORED):
        source = _Source(urllib.parse.urlsplit(url).path, url, has_table)
    else:
        return None
    if not has_table and _format(resource, source.name) not in TABLE_FORMATS:
        return None
    return source


def _format(resource: dict, name: str) -> str:
    declared = (resource.get("format") or "").strip().upper()
    return declared or os.path.splitext(name or "")[1].lstrip(".").upper()


def _stage_plain(resource: dict, upload, source: _Source) -> datastore.StagedTable:
    stream: IO[bytes] = upload.stream if upload is not None else None
    try:
        if stream is None:
            stream = fetching.fetch(source.url, reading.Limits.from_config())
        kind = reading.file_kind(stream, _format(resource, source.name))
        if kind is None:
            raise reading.UnreadableFile(tk._(
                "The file is not a table: upload a CSV or XLSX file (a document can be added "
                "as a new resource)."))
        staged = plain.stage(stream, kind)
    except reading.UnreadableFile as error:
        raise _refused([str(error)], "upload" if upload is not None else "url")
    finally:
        if stream is not None and upload is None:
            stream.close()
    resource["format"] = resource.get("format") or kind
    if upload is not None:
        resource.setdefault("mimetype", MIMETYPES[kind])
    resource["datastore_active"] = True
    return staged


def _period_label(period: periods.Period, frequency: str | None) -> str:
    """"2026-Q3", or "2026-Q1 – 2026-Q3" for data covering several periods."""
    months = PERIOD_MONTHS.get(frequency, 1)
    first = periods.containing(period.start, months)
    last = periods.containing(period.end, months)
    if first.start != period.start or last.end != period.end:
        return period.label
    return first.label if first == last else f"{first.label} – {last.label}"


def _tell_the_editor(rows: int, period: str) -> None:
    """On the resource form (not the API), the next page says what was loaded."""
    if not has_request_context() or not (tk.request.endpoint or "").endswith(
            ("resource.new", "resource.edit")):
        return
    tk.h.flash_success(tk.ungettext(
        "{rows} row loaded, for the period {period}.",
        "{rows} rows loaded, for the period {period}.", rows).format(
            rows=rows, period=period))


def _table_views(resource: dict) -> None:
    """The default views that show a DataStore table (as xloader adds after a load)."""
    context = site_context()
    package = tk.get_action("package_show")(dict(context), {"id": resource["package_id"]})
    tk.get_action("resource_create_default_resource_views")(
        context, {"resource": resource, "package": package, "create_datastore_views": True})


def _record(context: dict, checked: CheckedUpload, resource_id: str):
    package = checked.package
    period = checked.period
    if period is not None:
        period = freshness.published_period(period, package.get("frequency"), package["type"],
                                            site_today())
    entry = history.record(package, resource_id, context.get("user"), period,
                           checked.table.rows)
    rebuild(package["id"])
    return entry


def package_of_resource(resource_id) -> str | None:
    """The dataset of a resource; None for anything else (CKAN's own action answers that)."""
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) else None
    return resource.package_id if resource is not None else None



"""Checking uploads to typed datasets before they are published (IResourceController).

A CSV or XLSX file uploaded to a typed dataset is read (encoding detected), checked against the
dataset's table schema and, only when it has no problem, stored, loaded into the DataStore and
recorded in the update history. A file with problems is refused with a ValidationError that
lists them by row and column; the resource keeps its previous file and DataStore table.
"""
from __future__ import annotations

import datetime as dt
import logging

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import datastore, freshness, history, periods, reading, tableschema, validation
from .types import PERIOD_MONTHS, TYPES

log = logging.getLogger(__name__)
CHECKED = "transparency_opendata_checked"


def _file(resource: dict):
    upload = resource.get("upload")
    if upload is None or not hasattr(upload, "stream") or not getattr(upload, "filename", None):
        return None
    return upload


def typed_dataset(package_id: str) -> dict | None:
    package = tk.get_action("package_show")({"ignore_auth": True}, {"id": package_id})
    return package if package.get("type") in TYPES else None


def check_upload(context: dict, package_id: str, resource: dict) -> None:
    upload = _file(resource)
    if upload is None:
        return
    package = typed_dataset(package_id)
    if package is None:
        return
    data = upload.stream.read()
    upload.stream.seek(0)
    file_format = reading.detect_format(upload.filename, resource.get("format"), data[:4])
    if file_format is None:
        return  # documentation (PDF, ...) is not data
    schema = tableschema.for_dataset(package)
    try:
        raw = reading.read(data, file_format)
    except reading.UnreadableFile as error:
        raise tk.ValidationError({"upload": [str(error)]})
    checked = validation.check(schema, raw)
    if checked.problems:
        raise tk.ValidationError({"upload": validation.summary(checked.problems)})
    if not resource.get("format"):
        resource["format"] = file_format
    context[CHECKED] = (package, checked)


def publish(context: dict, resource: dict) -> None:
    """After the resource is saved: DataStore table and update history."""
    pending = context.pop(CHECKED, None)
    if pending is None:
        return
    package, checked = pending
    rows = None
    if datastore.available():
        rows = datastore.load(resource["id"], checked)
    months = PERIOD_MONTHS.get(package.get("frequency"), 1)
    period = periods.covered(checked.records, checked.schema.get("period") or {}, months)
    if period is not None:
        period = freshness.published_period(period, package.get("frequency"), package["type"],
                                            dt.date.today())
    history.record(package, resource["id"], context.get("user"), period,
                   rows if rows is not None else len(checked.records))
    _reindex(package["id"])


def _reindex(package_id: str) -> None:
    from ckan.lib.search import rebuild
    rebuild(package_id)


def handled_by_us(resource_id: str) -> bool:
    """Whether the resource is an uploaded data file of a typed dataset (checked and loaded
    here, not by xloader; a linked file is left to xloader)."""
    resource = model.Resource.get(resource_id)
    if resource is None or resource.package is None or resource.url_type != "upload":
        return False
    return (resource.package.type in TYPES
            and reading.detect_format(resource.url or "", resource.format) is not None)

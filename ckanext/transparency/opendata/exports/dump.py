"""XLSX at CKAN's own dump address, `/datastore/dump/<resource_id>?format=xlsx`.

The other formats (csv, tsv, json, xml) stay CKAN's. The same parameters as CKAN's dump apply
(filters, q, plain, language, fields, sort, offset, limit, distinct); rows are read page by page
with keyset pagination, like CKAN's own dump, and streamed.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import ckan.lib.navl.dictization_functions as dict_fns
import ckan.plugins.toolkit as tk
from flask import Response

from .. import tableschema
from . import xlsx_stream

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = 10000  # rows per DataStore query: bounds the memory of a download
# Pages are read as CSV (PostgreSQL's COPY, as CKAN's own CSV dump does): numbers arrive as
# the database wrote them.
KINDS = {"int": xlsx_stream.DB_NUMBER, "int4": xlsx_stream.DB_NUMBER,
         "int8": xlsx_stream.DB_NUMBER, "float8": xlsx_stream.DB_NUMBER,
         "numeric": xlsx_stream.DB_NUMBER, "date": xlsx_stream.DATE}


def dump_schema() -> dict:
    from ckanext.datastore.blueprint import dump_schema as ckan_dump_schema
    schema = ckan_dump_schema()
    schema["format"] = [tk.get_validator("default")("csv"), tk.get_validator("unicode_safe")]
    schema["labels"] = [tk.get_validator("default")(True), tk.get_validator("boolean_validator")]
    return schema


def _labels(resource_id: str, fields: list[dict], language: str) -> list[str]:
    """Headers in the reader's language where the dataset's table schema has labels."""
    by_name: dict[str, dict] = {}
    try:
        resource = tk.get_action("resource_show")({"ignore_auth": True}, {"id": resource_id})
        package = tk.get_action("package_show")({"ignore_auth": True},
                                                {"id": resource["package_id"]})
        schema = tableschema.for_dataset(package)
        if schema:
            by_name = {f["name"]: f for f in schema["fields"]}
    except (tk.ObjectNotFound, tk.NotAuthorized):
        pass
    headers = []
    for field in fields:
        if field["id"] in by_name:
            headers.append(tableschema.label(by_name[field["id"]], language))
        else:
            headers.append((field.get("info") or {}).get("label") or field["id"])
    return headers


def _pages(first: dict, search, limit: int | None) -> Iterator[str]:
    """The CSV text of each page (PostgreSQL's COPY), following CKAN's keyset pagination."""
    result = first
    remaining = limit
    while True:
        text = result["records"] or ""
        count = text.count("\n") if '"' not in text else None
        if count is None:  # quoted cells may hold line breaks: count records properly
            count = sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
        if remaining is not None:
            remaining -= count
        yield text
        if count < PAGE or (remaining is not None and remaining <= 0):
            return
        result = search(result.get("next_page") or {}, remaining)


def xlsx_response(resource_id: str, data: dict[str, Any], user: str | None) -> Response:
    params = {k: v for k, v in data.items()
              if k in ("filters", "q", "distinct", "plain", "language", "fields")}
    limit = data.get("limit")

    def search(keyset: dict, remaining: int | None, page_size: int = PAGE) -> dict:
        page = dict(params)
        if keyset:
            page["filters"] = dict(params.get("filters") or {}, **keyset)
        return tk.get_action("datastore_search")({"user": user}, dict(
            page, resource_id=resource_id, sort=data["sort"], records_format="csv",
            include_total=False, include_next_page=True,
            limit=page_size if remaining is None else min(page_size, remaining),
            offset=0 if keyset else data["offset"]))

    try:
        fields = search({}, 0, 0)["fields"]
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("DataStore resource not found"))
    if not data.get("fields"):  # like CKAN's dump, but Excel readers do not need _id
        fields = [f for f in fields if f["id"] != "_id"]
        params["fields"] = [f["id"] for f in fields]
    headers = (_labels(resource_id, fields, tk.h.lang()) if data.get("labels")
               else [f["id"] for f in fields])
    kinds = [KINDS.get(f["type"], xlsx_stream.TEXT) for f in fields]
    first = search({}, limit)
    body = xlsx_stream.stream(headers, kinds, _pages(first, search, limit),
                              sheet_name=resource_id[:31], csv_pages=True)
    return Response(body, mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{resource_id}.xlsx"'})


def intercept() -> Response | None:
    """Before CKAN's dump view: answer format=xlsx, let CKAN answer the rest."""
    if tk.request.endpoint != "datastore.dump" or tk.request.args.get("format") != "xlsx":
        return None
    resource_id = tk.request.view_args["resource_id"]
    data, errors = dict_fns.validate(tk.request.args.to_dict(), dump_schema())
    if errors:
        return tk.abort(400, "\n".join(f"{k}: {' '.join(e)}" for k, e in errors.items()))
    from ckanext.datastore.backend import DatastoreBackend
    if resource_id not in tk.config.get("ckan.datastore.public_table_search"):
        exists, real_id = DatastoreBackend.get_active_backend().resource_id_from_alias(
            resource_id)
        if not exists:
            return tk.abort(404, tk._("DataStore resource not found"))
        resource_id = real_id or resource_id
    try:
        tk.check_access("datastore_search", {}, {"resource_id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(404, tk._("DataStore resource not found"))
    return xlsx_response(resource_id, data, tk.g.user)

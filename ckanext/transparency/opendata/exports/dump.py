"""Downloads at CKAN's own dump address, `/datastore/dump/<resource_id>`, for people.

`format=xlsx` is ours, with a header row in the reader's language where the dataset's table
schema has labels (`labels=false` gives the column names). `format=csv|tsv|json&labels=true`
is ours too: the same header row in the reader's language (JSON: a `label` beside each field's
`id`), written by CKAN's own writers. CSV and TSV without `labels` are CKAN's file (the column
names, `_id` included), but go through ours as well: text cells that a spreadsheet would run as
a formula get a leading quote (ckanext/transparency/spreadsheet.py); the XLSX file writes every
text as an inline string, which spreadsheets never run. JSON without `labels`, and xml, stay
CKAN's, byte for byte. `format=csv&excel=true` is the CSV Excel opens with a double click in
the reader's locale (BOM; `;` and decimal commas for ru, uz, uz_Cyrl; `,` for en). Files are
named after the dataset and the resource (exports/filenames.py). The same parameters as CKAN's dump
apply (filters, q, plain, language, fields, sort, offset, limit, distinct, bom); rows are read
page by page with keyset pagination, like CKAN's own dump, and streamed.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import ckan.lib.navl.dictization_functions as dict_fns
import ckan.plugins.toolkit as tk
from flask import Response
from ckanext.datastore.blueprint import dump_schema as ckan_dump_schema
from ckanext.datastore import writer
from ckanext.datastore.backend import DatastoreBackend

from ckanext.transparency import spreadsheet

from .. import tableschema
from . import filenames, xlsx_stream

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = 10000  # rows per DataStore query: bounds the memory of a download
# Pages are read as CSV (PostgreSQL's COPY, as CKAN's own CSV dump does): numbers arrive as
# the database wrote them.
KINDS = {"int": xlsx_stream.DB_NUMBER, "int4": xlsx_stream.DB_NUMBER,
         "int8": xlsx_stream.DB_NUMBER, "float8": xlsx_stream.DB_NUMBER,
         "numeric": xlsx_stream.DB_NUMBER, "date": xlsx_stream.DATE}


def dump_schema() -> dict:
    schema = ckan_dump_schema()
    schema["format"] = [tk.get_validator("default")("csv"), tk.get_validator("unicode_safe")]
    schema["labels"] = [tk.get_validator("ignore_missing"), tk.get_validator("boolean_validator")]
    schema["excel"] = [tk.get_validator("ignore_missing"), tk.get_validator("boolean_validator")]
    return schema


def _described(resource_id: str) -> tuple[dict | None, dict | None]:
    """The resource and its dataset (already authorised through datastore_search)."""
    try:
        resource = tk.get_action("resource_show")({"ignore_auth": True}, {"id": resource_id})
        package = tk.get_action("package_show")({"ignore_auth": True},
                                                {"id": resource["package_id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None, None
    return resource, package


def _labels(package: dict | None, fields: list[dict], language: str) -> list[str]:
    """Headers in the reader's language where the dataset's table schema has labels."""
    by_name: dict[str, dict] = {}
    schema = tableschema.for_dataset(package) if package else None
    if schema:
        by_name = {f["name"]: f for f in schema["fields"]}
    headers = []
    for field in fields:
        if field["id"] in by_name:
            headers.append(tableschema.label(by_name[field["id"]], language))
        else:
            headers.append((field.get("info") or {}).get("label") or field["id"])
    return headers


# format -> DataStore records_format of its pages
RECORDS_FORMATS = {"xlsx": "csv", "csv": "csv", "tsv": "tsv", "json": "lists"}
LABELLED_FORMATS = ("json",)  # ours only with labels=true
SPREADSHEET_FORMATS = ("xlsx", "csv", "tsv")  # always ours
DELIMITERS = {"csv": ",", "tsv": "\t"}


def _count(page: Any, records_format: str) -> int:
    if records_format == "lists":
        return len(page)
    text = page or ""
    if '"' not in text:
        return text.count("\n")
    # quoted cells may hold line breaks: count records properly
    dialect = "excel-tab" if records_format == "tsv" else "excel"
    return sum(1 for _ in csv.reader(io.StringIO(text, newline=""), dialect=dialect))


def _pages(first: dict, search, limit: int | None, records_format: str) -> Iterator[Any]:
    """The records of each page, following CKAN's keyset pagination."""
    result = first
    remaining = limit
    while True:
        page = result["records"]
        count = _count(page, records_format)
        if remaining is not None:
            remaining -= count
        yield page if records_format == "lists" else (page or "")
        if count < PAGE or (remaining is not None and remaining <= 0):
            return
        result = search(result.get("next_page") or {}, remaining)


def _text_body(fmt: str, fields: list[dict], headers: list[str], pages: Iterator[Any],
               bom: bool) -> Iterator[bytes]:
    if fmt == "json":
        factory, columns = writer.json_writer, [dict(f, label=h) for f, h in zip(fields, headers)]
    else:
        factory = writer.tsv_writer if fmt == "tsv" else writer.csv_writer
        columns = [{"id": spreadsheet.safe_cell(h)} for h in headers]
        texts = [f["type"] not in KINDS for f in fields]
        pages = (spreadsheet.safe_delimited(page, DELIMITERS[fmt], texts) for page in pages)
    with factory(columns, bom=bom) as out:
        for page in pages:
            yield out.write_records(page)
        yield out.end_file()


def list_separator(language: str) -> str:
    """The list separator Excel uses in the reader's locale: Russian and Uzbek Windows write
    decimals with a comma and so separate a list's items with a semicolon."""
    return "," if (language or "en").split("_")[0] == "en" else ";"


def _excel_body(fields: list[dict], headers: list[str], pages: Iterator[str],
                language: str) -> Iterator[bytes]:
    """CSV as Excel opens it with a double click in the reader's locale: a BOM (UTF-8), the
    locale's list separator, and in a semicolon locale decimal commas in number columns."""
    separator = list_separator(language)
    numbers = [f["type"] in KINDS and f["type"] != "date" for f in fields]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    out.write(BOM)
    writer.writerow(spreadsheet.safe_row(headers))
    for page in pages:
        for row in csv.reader(io.StringIO(page, newline="")):
            writer.writerow([
                (v.replace(".", ",") if separator == ";" else v) if i < len(numbers)
                and numbers[i] else spreadsheet.safe_cell(v) for i, v in enumerate(row)])
        yield out.getvalue().encode("utf-8")
        out.seek(0)
        out.truncate(0)
    if out.getvalue():
        yield out.getvalue().encode("utf-8")


BOM = "\ufeff"


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "tsv": "text/tab-separated-values; charset=utf-8",
                 "json": "application/json; charset=utf-8", "xlsx": XLSX_MIMETYPE}


def response(resource_id: str, data: dict[str, Any], user: str | None) -> Response:
    fmt = data["format"]
    records_format = RECORDS_FORMATS[fmt]
    params = {k: v for k, v in data.items()
              if k in ("filters", "q", "distinct", "plain", "language", "fields")}
    limit = data.get("limit")

    def search(keyset: dict, remaining: int | None, page_size: int = PAGE) -> dict:
        page = dict(params)
        if keyset:
            page["filters"] = dict(params.get("filters") or {}, **keyset)
        return tk.get_action("datastore_search")({"user": user}, dict(
            page, resource_id=resource_id, sort=data["sort"], records_format=records_format,
            include_total=False, include_next_page=True,
            limit=page_size if remaining is None else min(page_size, remaining),
            offset=0 if keyset else data["offset"]))

    try:
        fields = search({}, 0, 0)["fields"]
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("DataStore resource not found"))
    labelled = data.get("labels", fmt == "xlsx")
    ckans_columns = fmt in DELIMITERS and not labelled  # the plain CSV/TSV keeps CKAN's _id
    if not data.get("fields") and not ckans_columns:  # people do not need _id
        fields = [f for f in fields if f["id"] != "_id"]
        params["fields"] = [f["id"] for f in fields]
    resource, package = _described(resource_id)
    language = tk.h.lang() or "en"
    headers = (_labels(package, fields, language) if labelled
               else [f["id"] for f in fields])
    pages = _pages(search({}, limit), search, limit, records_format)
    if fmt == "xlsx":
        kinds = [KINDS.get(f["type"], xlsx_stream.TEXT) for f in fields]
        body = xlsx_stream.stream(headers, kinds, pages,
                                  sheet_name=filenames.sheet_name(package, resource),
                                  csv_pages=True)
    elif fmt == "csv" and data.get("excel"):
        body = _excel_body(fields, headers, pages, language)
    else:
        body = _text_body(fmt, fields, headers, pages, data.get("bom", False))
    name = filenames.download_name(package, resource, fmt, resource_id)
    # content_type, not mimetype: Flask would add a second "; charset=utf-8"
    return Response(body, content_type=CONTENT_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


def _ours(args) -> bool:
    fmt = args.get("format", "csv")
    if fmt in SPREADSHEET_FORMATS:
        return True
    try:
        return fmt in LABELLED_FORMATS and tk.asbool(args.get("labels", False))
    except ValueError:  # not a yes: CKAN's dump, which ignores the parameter
        return False


def intercept() -> Response | None:
    """Before CKAN's dump view: answer spreadsheet and labelled downloads, let CKAN answer
    the rest."""
    if tk.request.endpoint != "datastore.dump" or not _ours(tk.request.args):
        return None
    resource_id = tk.request.view_args["resource_id"]
    data, errors = dict_fns.validate(tk.request.args.to_dict(), dump_schema())
    if errors:
        return tk.abort(400, "\n".join(f"{k}: {' '.join(e)}" for k, e in errors.items()))
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
    return response(resource_id, data, tk.g.user)

"""Pages and files of the open data section; thin: the data comes from actions and `pages`."""
from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.transparency.actions import messages_of
from ckanext.transparency.core.context import user_context

from . import chooser, pages, tableschema
from .exports import dump
from .exports import ocds, template, xlsx_stream

opendata = Blueprint("opendata", __name__)


def index():
    return tk.render("opendata/index.html", pages.index(user_context()))


def category(name: str):
    if name not in pages.CATEGORY_PAGES:
        return tk.abort(404, tk._("Page not found"))
    data = pages.CATEGORY_PAGES[name](user_context(), tk.request.args)
    return tk.render(f"opendata/{name}.html", dict(data, category=name))


def choose():
    """Which kind of dataset to add (the "Add dataset" buttons lead here)."""
    try:
        tk.check_access("package_create", user_context())
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Log in as an editor of a department to add datasets."))
    organization = tk.request.args.get("group") or None
    return tk.render("opendata/choose.html", {
        "choices": chooser.choices(tk.h.lang() or "en", organization)})


def table_template(name: str, fmt: str):
    """A blank data file of a table schema, its header in the reader's language."""
    schema = tableschema.get(name)
    if schema is None or fmt not in ("xlsx", "csv"):
        return tk.abort(404, tk._("There is no table schema «{name}».").format(name=name))
    language = tk.h.lang() or "en"
    if fmt == "xlsx":
        body, content_type = template.xlsx(schema, language), dump.XLSX_MIMETYPE
    else:
        body, content_type = template.csv_file(schema, language), "text/csv; charset=utf-8"
    return Response(body, content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{template.filename(schema, fmt)}"'})


def _package_or_404(action: str, id: str, **params):
    try:
        return tk.get_action(action)(user_context(), {"id": id, **params})
    except tk.ObjectNotFound as error:
        return tk.abort(404, error.message or tk._("Dataset not found"))
    except tk.NotAuthorized:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.ValidationError as error:
        return tk.abort(404, messages_of(error))


def _json(data: dict, filename: str) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def ocds_json(id: str):
    return _json(_package_or_404("ocds_release_package", id), f"{id}-ocds.json")


def ocds_xlsx(id: str):
    package = _package_or_404("ocds_release_package", id)
    body = xlsx_stream.workbook(ocds.flat_workbook(package))
    return Response(body, mimetype=dump.XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{id}-ocds.xlsx"'})


def oc4ids_json(id: str):
    package = _package_or_404("oc4ids_project_package", id, language=tk.h.lang() or "uz")
    return _json(package, f"{id}-oc4ids.json")


opendata.add_url_rule("/open-data", view_func=index)
opendata.add_url_rule("/dataset/add", view_func=choose)
opendata.add_url_rule("/open-data/templates/<name>.<fmt>", view_func=table_template)
opendata.add_url_rule("/open-data/<name>", view_func=category)
opendata.add_url_rule("/dataset/<id>/ocds.json", view_func=ocds_json)
opendata.add_url_rule("/dataset/<id>/ocds.xlsx", view_func=ocds_xlsx)
opendata.add_url_rule("/dataset/<id>/oc4ids.json", view_func=oc4ids_json)
# format=xlsx at CKAN's /datastore/dump/<id>, whatever the plugin order
opendata.before_app_request(dump.intercept)


def blueprints():
    return [opendata]

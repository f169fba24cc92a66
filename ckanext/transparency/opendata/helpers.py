"""Template helpers of the open data pages."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency import svg_charts
from ckanext.transparency.core.context import user_context

from . import columns, freshness, indexing, pages, tableschema, validation
from .types import QUARTERLY, TYPES
from .exports import oc4ids, ocds

STATE_CLASSES = {freshness.ON_TIME: "success", freshness.DUE_SOON: "warning",
                 freshness.OVERDUE: "danger", freshness.UNSCHEDULED: "secondary"}


def opendata_schedule(pkg_dict: dict) -> dict | None:
    if pkg_dict.get("type") not in TYPES:
        return None
    if pkg_dict.get("opendata_schedule"):
        return pkg_dict["opendata_schedule"]
    return indexing.schedule_of(pkg_dict).as_dict()


def opendata_state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "secondary")


def opendata_table_schema(pkg_dict: dict) -> dict | None:
    return tableschema.for_dataset(pkg_dict)


def opendata_standard_form(pkg_dict: dict) -> str | None:
    """"ocds" or "oc4ids" when the dataset's table schema has that standard's form."""
    schema = tableschema.for_dataset(pkg_dict) or {}
    if pkg_dict.get("type") == "procurement" and schema.get("name") in ocds.TABLE_SCHEMAS:
        return "ocds"
    if pkg_dict.get("type") == "project-status" and schema.get("name") in oc4ids.TABLE_SCHEMAS:
        return "oc4ids"
    return None


def opendata_label(item: dict) -> str:
    return tableschema.label(item, tk.h.lang() or "en")


def opendata_is_typed(pkg_dict: dict) -> bool:
    return pkg_dict.get("type") in TYPES


def opendata_progress_bar(percent, label=""):
    return svg_charts.progress_bar(float(percent or 0), label)


def opendata_number(value, digits: int = 0) -> str:
    if value in (None, ""):
        return ""
    return f"{float(value):,.{digits}f}".replace(",", "\u202f")


def opendata_grace_days() -> int:
    return freshness.grace_days()


def opendata_page_organization() -> str | None:
    """The id of the organization whose page is shown (its "Add dataset" is for it)."""
    if tk.request.endpoint not in ("organization.read", "organization.bulk_process"):
        return None
    organization = model.Group.get((tk.request.view_args or {}).get("id"))
    return organization.id if organization is not None else None


def opendata_type_words(kind: str) -> str:
    return columns.type_words(kind)


def opendata_expected_columns(schema_name: str) -> list[dict]:
    schema = tableschema.get(schema_name)
    return columns.expected(schema, tk.h.lang() or "en") if schema else []


def opendata_dataset_table_schema(dataset_id: str | None) -> dict | None:
    """The table schema of the dataset of a resource form (only its name reaches the form)."""
    if not dataset_id:
        return None
    try:
        package = tk.get_action("package_show")(user_context(), {"id": dataset_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None
    return tableschema.for_dataset(package) if package.get("type") in TYPES else None


def opendata_dataset_figures(pkg_dict: dict) -> dict | None:
    """What a typed dataset's page shows of its data: the figures, their chart and the title of
    its category page."""
    if pkg_dict.get("type") not in TYPES:
        return None
    try:
        figures = tk.get_action("opendata_dataset_figures")(user_context(),
                                                            {"id": pkg_dict["id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return None
    if not figures:
        return None
    return dict(figures, chart=pages.chart(figures["category"], figures),
                category_title=pages.category_title(figures["category"]))


def opendata_known_fields(pkg_dict: dict) -> dict:
    """Values of a typed dataset's empty metadata fields that the portal knows elsewhere: the
    coverage of its recorded updates, the quarter they reach, its department as publisher."""
    if pkg_dict.get("type") not in TYPES:
        return {}
    known = {}
    if pkg_dict.get("organization"):
        known["author"] = pkg_dict["organization"].get("title")
    try:
        updates = tk.get_action("opendata_update_history")(user_context(),
                                                           {"id": pkg_dict["id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        updates = []
    if updates:
        known["temporal_start"] = min(u["period_start"] for u in updates)
        known["temporal_end"] = max(u["period_end"] for u in updates)
        if pkg_dict.get("frequency") == QUARTERLY:
            known["quarter"] = str((int(known["temporal_end"][5:7]) + 2) // 3)
    return {k: v for k, v in known.items() if v and pkg_dict.get(k) in (None, "", [])}


def opendata_upload_problems(messages: list) -> dict:
    return validation.grouped(messages)


def get_helpers() -> dict:
    return {f.__name__: f for f in (
        opendata_grace_days, opendata_schedule, opendata_state_class, opendata_table_schema, opendata_label,
        opendata_standard_form,
        opendata_is_typed, opendata_progress_bar, opendata_number,
        opendata_page_organization, opendata_type_words, opendata_expected_columns,
        opendata_dataset_table_schema, opendata_upload_problems, opendata_dataset_figures,
        opendata_known_fields)}

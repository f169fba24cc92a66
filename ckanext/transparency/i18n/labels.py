"""Names in the reader's language for what CKAN would show by its internal name: the dataset
types of the open data section (their scheming schemas carry `opendata_label` per language,
ckanext/transparency/schemas/), the fields of a resource under "Additional information", the
site title, and a schema label written in Uzbek Latin only (its Cyrillic is derived)."""
from __future__ import annotations

from typing import Any, Optional

import flask
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from .transliterate import cyrillic_label


def _(message: str) -> str:  # marks a string for extraction; translated where it is shown
    return message


# Fields of a resource a reader may want, by their names; the rest of CKAN's and the DataStore's
# own bookkeeping (ids, position, state, url_type, datastore_active, ...) is not shown.
RESOURCE_FIELDS = {
    "size": _("File size"),
    "mimetype": _("Media type"),
    "hash": _("Checksum"),
    "resource_type": _("Resource type"),
}
YES_NO = (_("Yes"), _("No"))

# Fields of the portal's forms by their names, as an error summary names them: the forms' own
# labels where they are short. A field not listed is not named (its message stands alone).
FIELD_LABELS = {
    "address": _("Postal address"), "full_name": _("Full name"), "owner_org": _("Department"),
    "topic": _("Topic"), "type": _("Type"), "code": _("Access code"),
    "number": _("Appeal number"), "subject": _("Subject"), "text": _("Text"),
    "upload": _("File"), "attachments": _("Attachments"), "email": _("E-mail"),
    "phone": _("Phone"), "status": _("Status"), "outcome": _("Outcome"),
    "deadline": _("Deadline"), "until": _("New deadline"), "answer": _("Answer"),
    "reason": _("Reason"), "comment": _("Comment"), "note": _("Internal note"),
    "assignee": _("Member of staff (user name)"), "to": _("Body"), "title": _("Title"),
    "kind": _("Kind"), "start": _("Start"), "end": _("End"), "location": _("Location"),
    "place": _("Place"), "description": _("Description"), "stream_url": _("Broadcast link"),
    "summary": _("Summary"), "transcript": _("Transcript"), "question": _("Question"),
    "period": _("Period"), "quarter": _("Quarter"), "year": _("Year"), "date": _("Date"),
    "position": _("Position"), "link": _("Link"), "url": _("URL"), "name": _("Name"),
    "title_translated": _("Title"),
}
INTERNAL_FIELDS = {
    "id", "package_id", "position", "state", "url_type", "datastore_active",
    "datastore_contains_all_records_of_source_file", "has_views", "cache_url",
    "cache_last_updated", "mimetype_inner", "ignore_hash", "original_url", "tracking_summary",
    "created", "last_modified", "metadata_modified", "format", "name", "description", "url",
}
INTERNAL_PREFIXES = ("datastore_", "xloader_", "_")

# Where a typed dataset's name stands for the kind of data (CKAN would show "Budget-execution",
# "Procurements"); elsewhere CKAN's own wording about datasets is kept.
TYPE_LABEL_PURPOSES = {"breadcrumb", "page title", "facet label", "content tab"}


def transparency_dataset_type_label(dataset_type: Optional[str]) -> Optional[str]:
    """The label of a dataset type in the page's language, None for CKAN's `dataset` or a type
    without a label."""
    if not dataset_type or dataset_type == "dataset":
        return None
    helpers = tk.h
    if "scheming_get_dataset_schema" not in helpers:
        return None
    schema = helpers.scheming_get_dataset_schema(dataset_type) or {}
    label = schema.get("opendata_label") or schema.get("label")
    return helpers.scheming_language_text(label) if label else None


@tk.chained_helper
def humanize_entity_type(next_helper, entity_type: str, object_type: str,
                         purpose: str) -> Optional[str]:
    """CKAN's, except that a typed dataset is named by its label, and never by its type."""
    if entity_type != "package" or object_type == "dataset":
        return next_helper(entity_type, object_type, purpose)
    if purpose in TYPE_LABEL_PURPOSES:
        return transparency_dataset_type_label(object_type)
    return None  # the template's own text about datasets


def transparency_resource_items(resource: dict, schema: Optional[dict] = None
                                ) -> list[tuple[str, Any]]:
    """(label, value) of the resource fields worth showing that the schema does not show,
    the known ones first; a field a publisher added keeps its own name (it is data)."""
    shown_by_schema = {f["field_name"] for f in (schema or {}).get("resource_fields", [])}
    items = []
    for key, value in resource.items():
        if (key in INTERNAL_FIELDS or key in shown_by_schema
                or key.startswith(INTERNAL_PREFIXES)):
            continue
        if isinstance(value, bool):
            formatted = tk._("Yes") if value else tk._("No")
        else:
            # CKAN's formatting of the value (sizes, dates, numbers); it drops empty ones
            formatted_items = tk.h.format_resource_items([(key, value)])
            if not formatted_items:
                continue
            formatted = formatted_items[0][1]
        known = key in RESOURCE_FIELDS
        items.append((not known, tk._(RESOURCE_FIELDS[key]) if known else key, formatted))
    return [(label, value) for _unknown, label, value in sorted(items, key=lambda i: i[:2])]


# OC4IDS project status codes (https://standard.open-contracting.org/infrastructure/latest/en/
# reference/codelists/#projectstatus), as a reader sees them.
PROJECT_STATUSES = {
    "identification": _("Identification"), "preparation": _("Preparation"),
    "implementation": _("Implementation"), "completion": _("Completion"),
    "maintenance": _("Maintenance"), "decommissioning": _("Decommissioning"),
    "decommissioned": _("Decommissioned"), "cancelled": _("Cancelled"),
}


# OCDS 1.1 closed codelists the procurement pages filter by.
TENDER_STATUSES = {
    "planning": _("Planning"), "planned": _("Planned"), "active": _("Active"),
    "cancelled": _("Cancelled"), "unsuccessful": _("Unsuccessful"), "complete": _("Complete"),
    "withdrawn": _("Withdrawn"),
}
PROCUREMENT_METHODS = {"open": _("Open"), "selective": _("Selective"), "limited": _("Limited"),
                       "direct": _("Direct")}
CODELISTS = {"project_status": PROJECT_STATUSES, "tender_status": TENDER_STATUSES,
             "procurement_method": PROCUREMENT_METHODS}


def transparency_code_label(codelist: str, code: Optional[str]) -> str:
    """A code of a standard's codelist in the page's language (an unknown code as it is)."""
    label = CODELISTS.get(codelist, {}).get(code or "")
    return tk._(label) if label else (code or "")


def transparency_project_status(code: Optional[str]) -> str:
    """An OC4IDS project status code in the page's language."""
    return transparency_code_label("project_status", code)


def transparency_field_label(field: str) -> Optional[str]:
    """The label of a form field in the page's language, None for a field without one."""
    label = FIELD_LABELS.get(field)
    return tk._(label) if label else None


def translate_site_title() -> None:
    """(before each request) The site title in the page's language when the catalogs have it
    (the portal's default title, "Ochiq portal", is in them)."""
    title = tk.config.get("ckan.site_title")
    if title:
        flask.g.site_title = tk._(title)


@tk.chained_helper
def scheming_language_text(next_helper, text, prefer_lang=None):
    """Scheming's, with the Uzbek Cyrillic of a label that the schema writes in Latin only."""
    if isinstance(text, dict) and (prefer_lang or tk.h.lang()) == "uz_Cyrl":
        cyrillic = cyrillic_label(text)
        if cyrillic:
            return cyrillic
    return next_helper(text, prefer_lang)


@tk.chained_helper
def scheming_choices_label(next_helper, choices, value):
    """Scheming's, through the scheming_language_text above (scheming calls its own)."""
    for choice in choices:
        if choice["value"] == value:
            return tk.h.scheming_language_text(choice.get("label", value))
    return next_helper(choices, value)


def get_helpers() -> dict:
    helpers = {"humanize_entity_type": humanize_entity_type,
               "transparency_dataset_type_label": transparency_dataset_type_label,
               "transparency_resource_items": transparency_resource_items,
               "transparency_field_label": transparency_field_label,
               "transparency_project_status": transparency_project_status,
               "transparency_code_label": transparency_code_label}
    if p.plugin_loaded("scheming_datasets"):
        helpers["scheming_language_text"] = scheming_language_text
        helpers["scheming_choices_label"] = scheming_choices_label
    return helpers

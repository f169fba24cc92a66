"""The "Add dataset" chooser: the typed forms an editor can start, each with what it is for."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_get_dataset_schema

from . import tableschema
from .types import TYPES


def _about(dataset_type: str) -> str:
    return {
        "budget-execution": tk._(
            "Approved, revised and executed amounts by quarter and budget line."),
        "procurement": tk._(
            "Tenders, contracts and suppliers, published as Open Contracting data."),
        "project-status": tk._(
            "Investment projects: stage, cost, financing and progress (OC4IDS)."),
        "reception-schedule": tk._(
            "Reception days of the heads: who receives, when, where and how to book."),
        "appeals-statistics": tk._(
            "Appeals received and answered each month, by type, topic and outcome."),
    }[dataset_type]


def choices(language: str, organization: str | None) -> list[dict]:
    """The five typed forms and the plain dataset, with the address of each form."""
    extra = {"group": organization} if organization else {}
    result = []
    for dataset_type in TYPES:
        schema = scheming_get_dataset_schema(dataset_type)
        result.append({
            "type": dataset_type,
            "title": tableschema.label(schema["opendata_label"], language),
            "about": _about(dataset_type),
            "url": tk.url_for(f"{dataset_type}.new", **extra),
        })
    result.append({"type": "dataset", "title": tk._("Other dataset"),
                   "about": tk._("Any other data or documents: no table schema and no "
                                 "update schedule."),
                   "url": tk.url_for("dataset.new", **extra)})
    return result

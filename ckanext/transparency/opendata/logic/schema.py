"""Validation schemas of the open data actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import Schema


def _v(name):
    return tk.get_validator(name)


def dataset_id() -> Schema:
    return {"id": [_v("not_empty"), _v("unicode_safe")]}


def project_package() -> Schema:
    """A dataset, and the language of the labels the package adds (default: the site's)."""
    return {"id": [_v("not_empty"), _v("unicode_safe")],
            "language": [_v("ignore_missing"), _v("unicode_safe"),
                         _v("one_of")(["en", "uz", "uz_Cyrl", "ru"])]}


def schedule_list() -> Schema:
    return {
        "organization": [_v("ignore_missing"), _v("unicode_safe")],
        "state": [_v("ignore_missing"), _v("unicode_safe")],
        "type": [_v("ignore_missing"), _v("unicode_safe")],
    }


def update_record() -> Schema:
    return {
        "id": [_v("not_empty"), _v("unicode_safe")],
        "period_start": [_v("not_empty"), _v("isodate")],
        "period_end": [_v("not_empty"), _v("isodate")],
        "resource_id": [_v("ignore_missing"), _v("unicode_safe")],
        "rows": [_v("ignore_missing"), _v("natural_number_validator")],
    }


def table_schema() -> Schema:
    return {
        "id": [_v("ignore_missing"), _v("unicode_safe")],
        "name": [_v("ignore_missing"), _v("unicode_safe")],
        "language": [_v("ignore_missing"), _v("unicode_safe")],
    }

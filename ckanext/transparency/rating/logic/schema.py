"""Validation schemas of the rating actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .. import periods


def period_label(value, context):
    if value in (None, ""):
        return value
    try:
        return periods.parse(str(value)).label
    except ValueError:
        raise tk.Invalid(tk._("A period is a month (2026-10), a quarter (2026-Q3) or a year "
                              "(2026)."))


def kind(value, context):
    if value not in periods.KINDS:
        raise tk.Invalid(tk._("Choose month, quarter or year."))
    return value


def _v(*names):
    return [tk.get_validator(n) for n in names]


def show() -> dict:
    return {"period": _v("ignore_missing") + [period_label],
            "kind": [tk.get_validator("default")("month"), kind],
            "organization": _v("ignore_missing", "unicode_safe")}


def history() -> dict:
    return {"organization": _v("not_empty", "unicode_safe"),
            "kind": [tk.get_validator("default")("month"), kind]}


def compute() -> dict:
    return {"period": _v("not_empty") + [period_label],
            "as_of": _v("ignore_missing", "isodate")}


def publish() -> dict:
    return {"period": _v("not_empty") + [period_label],
            "published": [tk.get_validator("default")(True), tk.get_validator("boolean_validator")]}

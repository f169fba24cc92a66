"""The columns a data file must have, as an editor reads them: label, type in words, unit,
whether a value is required, the codes allowed."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import tableschema

# DataStore (PostgreSQL) column types by the table schema's type they come from
DATASTORE_KINDS = {"int": "integer", "int4": "integer", "int8": "integer", "numeric": "number",
                   "float8": "number", "date": "date", "timestamp": "datetime",
                   "timestamptz": "datetime", "text": "string", "bool": "boolean"}


def type_words(kind: str, unit: str | None = None) -> str:
    """A column's type for people: "whole number", "amount (UZS)", ... A DataStore type
    (int8, numeric, ...) is read as the table schema's type it stores."""
    kind = DATASTORE_KINDS.get(kind, kind)
    if unit == "%" and kind in ("integer", "number"):
        return tk._("percentage")
    if unit and kind in ("integer", "number"):
        return tk._("amount ({unit})").format(unit=unit)
    return {
        "integer": tk._("whole number"),
        "number": tk._("number"),
        "date": tk._("date"),
        "datetime": tk._("date and time"),
        "string": tk._("text"),
        "boolean": tk._("yes or no"),
    }.get(kind, kind)


def expected(schema: dict, language: str) -> list[dict]:
    return [{"name": field["name"], "label": tableschema.label(field, language),
             "type": type_words(field["type"], field.get("unit")),
             "required": bool(field.get("required")), "optional": bool(field.get("optional")),
             "codes": field.get("enum") or []}
            for field in schema["fields"]]

"""Table schemas (schemas/tables/*.yaml): the columns of a typed dataset's data file.

A field: name, type (integer, number, string, date, datetime), required (a value in every row),
optional (the column may be absent), minimum, maximum, enum, pattern, unit, example (a value
for the template; otherwise made from the constraints), and labels en, uz, ru
(uz_Cyrl is derived). A header in the file matches a field by its name or a label, in either
script, with the letters Windows-1251 lacks (қ ғ ҳ typed as к г х) folded.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ckanext.transparency.i18n.transliterate import cyrillic_label, to_cyrillic
from ckanext.transparency.search.text import normalize

TABLES = Path(__file__).resolve().parent.parent / "schemas" / "tables"
LANGUAGES = ("en", "uz", "uz_Cyrl", "ru")


@functools.lru_cache(maxsize=None)
def all_schemas() -> dict[str, dict]:
    schemas = {}
    for path in sorted(TABLES.glob("*.yaml")):
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in [schema["title"], *schema["fields"]]:
            if "uz" in item:
                item.setdefault("uz_Cyrl", to_cyrillic(item["uz"]))
        schemas[schema["name"]] = schema
    return schemas


def get(name: str) -> dict | None:
    return all_schemas().get(name)


def for_dataset(dataset: dict) -> dict | None:
    """The table schema a typed dataset's data file follows (None for other datasets)."""
    name = dataset.get("table_schema")
    schema = get(name) if name else None
    if schema is None or schema["dataset_type"] != dataset.get("type"):
        schema = next((s for s in all_schemas().values()
                       if s["dataset_type"] == dataset.get("type")), None)
    return schema


def header_key(text: str) -> str:
    key = normalize(str(text)).replace("q", "k").replace("h", "x")
    return re.sub(r"[^0-9a-z]", "", key)


@functools.lru_cache(maxsize=None)
def _keys(schema_name: str) -> dict[str, str]:
    fields = get(schema_name)["fields"]
    keys = {header_key(f["name"]): f["name"] for f in fields}
    for field in fields:  # labels after names: a label never hides another field's name
        for lang in LANGUAGES:
            if field.get(lang):
                keys.setdefault(header_key(field[lang]), field["name"])
    return keys


def match_header(schema: dict, header: str) -> str | None:
    return _keys(schema["name"]).get(header_key(header))


def label(field: dict, language: str) -> str:
    """The field's label in `language`; Uzbek Cyrillic, unless written out, from the Latin."""
    if language == "uz_Cyrl":
        cyrillic = cyrillic_label(field)
        if cyrillic:
            return cyrillic
    for lang in (language, language.split("_")[0], "uz", "en"):
        if field.get(lang):
            return field[lang]
    return field["name"]


def datastore_type(field: dict) -> str:
    return {"integer": "int8", "number": "numeric", "date": "date"}.get(field["type"], "text")


def frictionless(schema: dict, language: str = "en") -> dict:
    """The schema as a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/)."""
    fields = []
    for field in schema["fields"]:
        out = {"name": field["name"], "title": label(field, language),
               "type": field["type"], "constraints": {}}
        if field.get("required"):
            out["constraints"]["required"] = True
        for key in ("minimum", "maximum", "enum", "pattern"):
            if key in field:
                out["constraints"][key] = field[key]
        if field.get("unit"):
            out["unit"] = field["unit"]
        fields.append(out)
    return {"name": schema["name"], "title": label(schema["title"], language), "fields": fields}

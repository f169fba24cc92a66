"""Offline validation of OCDS 1.1.5 release packages: the JSON schema (draft 4, the release
schema resolved locally) and the closed codelists."""
from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import ckan.plugins.toolkit as tk
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def schema_dir() -> Path:
    configured = tk.config.get("ckanext.transparency.opendata.ocds_schema_dir")
    if configured:
        return Path(configured)
    # the standard's own schema and codelists (tag 1__1__5, Apache 2.0), shipped with the package
    return Path(__file__).resolve().parents[1] / "standards" / "ocds-1.1.5"


@functools.lru_cache(maxsize=4)
def _load(directory: str):
    root = Path(directory)
    package = json.loads((root / "release-package-schema.json").read_text())
    release = json.loads((root / "release-schema.json").read_text())
    codelists = {}
    for path in (root / "codelists").glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            codelists[path.name] = {row["Code"] for row in csv.DictReader(f)}
    return package, release, codelists


def schema_errors(data: dict, directory: Path | None = None) -> list[str]:

    package, release, _ = _load(str(directory or schema_dir()))
    registry = Registry().with_resource(RELEASE_SCHEMA_URL,
                                        Resource.from_contents(release, DRAFT4))
    validator = Draft4Validator(package, registry=registry, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


def _resolve(root: dict, ref: str) -> dict:
    node = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _walk(data, schema: dict, root: dict, codelists: dict, path: str, errors: list[str]):
    if "$ref" in schema:
        schema = _resolve(root, schema["$ref"])
    closed = schema.get("codelist") and not schema.get("openCodelist", False)
    if closed:
        allowed = codelists[schema["codelist"]]
        for value in data if isinstance(data, list) else [data]:
            if value is not None and value not in allowed:
                errors.append(f"{path}: «{value}» is not in codelist {schema['codelist']}")
        return
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        for key, value in data.items():
            if key in properties:
                _walk(value, properties[key], root, codelists, f"{path}/{key}", errors)
    elif isinstance(data, list):
        items = schema.get("items")
        if isinstance(items, dict):
            for index, value in enumerate(data):
                _walk(value, items, root, codelists, f"{path}/{index}", errors)


def codelist_errors(data: dict, directory: Path | None = None) -> list[str]:
    _, release, codelists = _load(str(directory or schema_dir()))
    errors: list[str] = []
    for index, item in enumerate(data.get("releases", [])):
        _walk(item, release, release, codelists, f"releases/{index}", errors)
    return errors


def errors(data: dict, directory: Path | None = None) -> list[str]:
    return schema_errors(data, directory) + codelist_errors(data, directory)

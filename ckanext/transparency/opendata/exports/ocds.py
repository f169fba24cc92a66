"""OCDS 1.1.5 release packages from procurement tables flattened with JSON-pointer headers."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ckan.plugins.toolkit as tk

from . import records
from . import xlsx_stream

VERSION = "1.1"
# the table schemas whose rows are releases
TABLE_SCHEMAS = ("ocds-releases", "procurement-plan")
ARRAY_CODES = {"tag", "roles"}  # multiple codes in one cell, separated by ";"
_INDEX = re.compile(r"^\d+$")


def unflatten(row: dict) -> dict:
    """{"tender/items/0/id": "1"} -> {"tender": {"items": [{"id": "1"}]}}; empty cells are left
    out."""
    release: dict = {}
    for pointer, value in row.items():
        if value is None or value == "" or pointer.startswith("_"):
            continue
        parts = pointer.split("/")
        if parts[-1] in ARRAY_CODES and isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        node: Any = release
        for part, following in zip(parts, parts[1:]):
            key = int(part) if isinstance(node, list) else part
            child_default: Any = [] if _INDEX.match(following) else {}
            if isinstance(node, list):
                while len(node) <= key:
                    node.append(None)
                if node[key] is None:
                    node[key] = child_default
                node = node[key]
            else:
                node = node.setdefault(key, child_default)
        last = parts[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            node[index] = value
        else:
            node[last] = value
    return release


def _amounts(node: Any) -> Any:
    """DataStore numerics come back as strings or Decimals: OCDS wants numbers."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("amount", "quantity") and not isinstance(value, (dict, list)):
                number = float(value)
                value = int(number) if number.is_integer() else number
            out[key] = _amounts(value)
        return out
    if isinstance(node, list):
        return [_amounts(v) for v in node if v is not None]
    return node


def _with_buyer_party(release: dict) -> dict:
    buyer = release.get("buyer")
    if buyer and buyer.get("id"):
        parties = release.setdefault("parties", [])
        if not any(p.get("id") == buyer["id"] for p in parties):
            parties.insert(0, {"id": buyer["id"], "name": buyer.get("name"), "roles": ["buyer"]})
    return release


def release_from_row(row: dict, planning: bool = False) -> dict:
    release = _with_buyer_party(_amounts(unflatten(row)))
    if planning:
        release.setdefault("id", f"{release['ocid']}-planning")
        release.setdefault("date", release.get("tender", {}).get("tenderPeriod", {})
                           .get("startDate"))
        if release.get("tender"):
            release["tender"].setdefault("id", f"{release['ocid']}-tender")
    for index, item in enumerate(release.get("tender", {}).get("items", [])):
        item.setdefault("id", str(index + 1))
    if isinstance(release.get("tag"), str):
        release["tag"] = [release["tag"]]
    release.setdefault("initiationType", "tender")
    return release


def _releases(context: dict, package: dict):
    for resource, schema in records.tables(context, package, TABLE_SCHEMAS):
        planning = schema["name"] == "procurement-plan"
        for row in records.iterate(context, resource["id"]):
            release = release_from_row(row, planning)
            release["language"] = "uz" if package.get("language") != "ru" else "ru"
            yield release


def release_package(context: dict, package: dict) -> dict:
    """The dataset's releases, each (ocid, id) once; a dataset without releases has no OCDS
    form (a release package must not be empty)."""
    releases = list(records.once(_releases(context, package),
                                 key=lambda r: (r["ocid"], r["id"])))
    if not releases:
        raise tk.ObjectNotFound(tk._(
            "This dataset has no OCDS form: none of its tables lists procurement procedures "
            "in the OCDS release layout."))
    site = tk.config.get("ckan.site_url").rstrip("/")
    organization = package.get("organization") or {}
    published = package.get("metadata_modified") or dt.datetime.utcnow().isoformat()
    result = {
        "uri": f"{site}/dataset/{package['name']}/ocds.json",
        "version": VERSION,
        "publishedDate": _with_zone(published),
        "publisher": {"name": organization.get("title") or package.get("author")
                      or tk.config.get("ckan.site_title")},
        "releases": releases,
    }
    if package.get("license_url"):
        result["license"] = package["license_url"]
    return result


def _with_zone(timestamp: str) -> str:
    """CKAN's timestamps are naive UTC; OCDS wants RFC 3339 with a zone."""
    value = dt.datetime.fromisoformat(str(timestamp))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.replace(microsecond=0).isoformat()


def flatten(release: dict, prefix: str = "") -> dict:
    """The inverse of `unflatten`: JSON pointers to cell values (code arrays joined by ";")."""
    out: dict = {}
    items = release.items() if isinstance(release, dict) else enumerate(release)
    for key, value in items:
        pointer = f"{prefix}{key}"
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[pointer] = ";".join(value)
        elif isinstance(value, (dict, list)):
            out.update(flatten(value, pointer + "/"))
        else:
            out[pointer] = value
    return out


def flat_workbook(package: dict) -> list:
    """The release package in the flattened OCDS layout that flatten-tool reads back
    (`flatten-tool unflatten --root-id ocid --metatab-name Meta --metatab-vertical-orientation`):
    a "releases" sheet, one release a row under JSON-pointer headers, and a vertical "Meta"
    sheet with the package metadata."""
    rows = [flatten(r) for r in package["releases"]]
    headers: list[str] = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    kinds = [xlsx_stream.NUMBER if h.endswith(("/amount", "/quantity")) else xlsx_stream.TEXT
             for h in headers]
    meta = flatten({k: v for k, v in package.items() if k != "releases"})
    return [xlsx_stream.Sheet("releases", kinds, [[[r.get(h) for h in headers] for r in rows]],
                              headers),
            xlsx_stream.Sheet("Meta", [xlsx_stream.TEXT] * 2, [list(meta.items())])]

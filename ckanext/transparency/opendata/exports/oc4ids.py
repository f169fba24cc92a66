"""OC4IDS project packages from project-status tables.

Dates become RFC 3339 date-times (OC4IDS periods are `date-time`) at midnight where the portal
is (ckan.display_timezone); fields without a value are left out rather than written as null.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import ckan.plugins.toolkit as tk
import yaml

from ckanext.transparency.i18n.transliterate import to_cyrillic
from ckanext.transparency.search.text import normalize
from ckanext.transparency.core.clock import site_timezone

from . import records
from .ocds import _with_zone

VERSION = "0.9"
# the table schemas whose rows are projects
TABLE_SCHEMAS = ("projects",)
SECTORS = Path(__file__).resolve().parents[1] / "standards" / "oc4ids" / "sectors.yaml"
LANGUAGES = ("en", "uz", "uz_Cyrl", "ru")


@functools.lru_cache(maxsize=1)
def _sectors() -> dict[str, dict]:
    """Every name of a known sector (and its code), canonical form -> the sector."""
    found = {}
    for sector in yaml.safe_load(SECTORS.read_text(encoding="utf-8")):
        sector["uz_Cyrl"] = to_cyrillic(sector["uz"])
        for name in (sector["code"], *(sector[lang] for lang in LANGUAGES)):
            found.setdefault(normalize(name), sector)
    return found


def sector(label: str, language: str) -> dict:
    """The OC4IDS `sector` codes of a table's sector label and the label in `language`, as
    project fields; a label of no known sector is kept as it was published."""
    if not label:
        return {}
    known = _sectors().get(normalize(label))
    if known is None:
        return {"transparency:sectorLabel": label}
    return {"sector": [known["code"]], "transparency:sectorLabel": known[language]}


def _number(value):
    if value in (None, ""):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _date_time(value) -> str | None:
    if value in (None, ""):
        return None
    day = dt.date.fromisoformat(str(value)[:10])
    return dt.datetime.combine(day, dt.time(), site_timezone()).isoformat()


def _present(value):
    """The value without the members that have none (null, empty string, empty object)."""
    if isinstance(value, dict):
        kept = {k: _present(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", {})}
    if isinstance(value, list):
        return [_present(v) for v in value]
    return value


def project(row: dict, language: str = "uz") -> dict:
    item = {
        "id": row["loyiha_raqami"],
        "title": row["loyiha_nomi"],
        "status": row["holati_kodi"],
        **sector(row.get("soha"), language),
        # one location a project: its id is unique within the project's `locations`
        "locations": [{"id": "1", "description": ", ".join(
            v for v in (row.get("tuman_shahar"), row.get("hudud")) if v)}],
        "budget": {"amount": {"amount": _number(row.get("umumiy_qiymati_soʻm")),
                              "currency": "UZS"}},
    }
    if row.get("boshlanish_sanasi") or row.get("tugash_sanasi"):
        item["period"] = {"startDate": _date_time(row.get("boshlanish_sanasi")),
                          "endDate": _date_time(row.get("tugash_sanasi"))}
    if row.get("haqiqiy_tugash_sanasi"):
        item["completion"] = {"endDate": _date_time(row["haqiqiy_tugash_sanasi"])}
    spent = _number(row.get("sarflangan_soʻm"))
    progress = _number(row.get("jismoniy_bajarilish_foizi"))
    item["transparency:progress"] = {
        "spent": {"amount": spent, "currency": "UZS"} if spent is not None else None,
        "physicalProgressPercent": progress}
    if row.get("moliyalashtirish_manbai"):
        item["budget"]["description"] = row["moliyalashtirish_manbai"]
    if row.get("pudratchi"):
        party_id = f"UZ-STIR-{row.get('pudratchi_stir') or row['pudratchi']}"
        item["parties"] = [{"id": party_id, "name": row["pudratchi"], "roles": ["supplier"],
                            "identifier": {"scheme": "UZ-STIR",
                                           "id": row.get("pudratchi_stir")}}]
    ocids = [o.strip() for o in (row.get("bogʻliq_ocid") or "").split(";") if o.strip()]
    if ocids:
        item["contractingProcesses"] = [{"id": o, "summary": {"ocid": o}} for o in ocids]
    return _present(item)


def _projects(context: dict, package: dict, language: str):
    for resource, _schema in records.tables(context, package, TABLE_SCHEMAS):
        for row in records.iterate(context, resource["id"]):
            yield project(row, language)


def project_package(context: dict, package: dict, language: str = "uz") -> dict:
    """The dataset's projects, each id once, extension labels in `language`; a dataset
    without projects has no OC4IDS form (a project package must not be empty)."""
    projects = list(records.once(_projects(context, package, language),
                                 key=lambda p: p["id"]))
    if not projects:
        raise tk.ObjectNotFound(tk._(
            "This dataset has no OC4IDS form: none of its tables lists projects in the "
            "project status layout."))
    site = tk.config.get("ckan.site_url").rstrip("/")
    organization = package.get("organization") or {}
    return {
        "uri": f"{site}/dataset/{package['name']}/oc4ids.json",
        "version": VERSION,
        "publishedDate": _with_zone(package.get("metadata_modified")),
        "publisher": {"name": organization.get("title") or package.get("author")},
        "license": package.get("license_url"),
        "projects": projects,
    }

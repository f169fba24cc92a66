"""OC4IDS project packages from project-status tables.

Dates become RFC 3339 date-times (OC4IDS periods are `date-time`) at midnight where the portal
is (ckan.display_timezone); fields without a value are left out rather than written as null.
"""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ckanext.transparency.timezone import site_timezone

from . import records
from .ocds import _with_zone

VERSION = "0.9"


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


def project(row: dict) -> dict:
    item = {
        "id": row["loyiha_raqami"],
        "title": row["loyiha_nomi"],
        "status": row["holati_kodi"],
        "sector": [row["soha"]] if row.get("soha") else [],
        "locations": [{"description": ", ".join(
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
    item["transparency:progress"] = {"spent": {"amount": spent, "currency": "UZS"},
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


def project_package(context: dict, package: dict) -> dict:
    projects = []
    for resource, _schema in records.tables(context, package, ("projects",)):
        projects.extend(project(row) for row in records.iterate(context, resource["id"]))
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

"""Readable names of downloaded files and sheets: `byudjet-ijrosi-2026_2026-Q3.xlsx`, from the
dataset's and the resource's names, in ASCII (an attachment's name travels through e-mail and
old Windows tools that mangle anything else)."""
from __future__ import annotations

import re

from unidecode import unidecode

from ckanext.transparency.i18n.transliterate import in_script

_APOSTROPHES = re.compile("[ʻʼ‘’'`]")  # oʻ, gʻ and the tutuq belong to the word they are in
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
MAX_SLUG = 60


def slug(text: str | None) -> str:
    """ASCII letters and digits (in the case they were written) joined by hyphens."""
    # Uzbek written in Cyrillic as the Latin alphabet writes it (unidecode would spell it as
    # Russian); Russian text is left to unidecode
    ascii_text = unidecode(_APOSTROPHES.sub("", in_script(text or "", "uz")))
    return _NOT_SLUG.sub("-", ascii_text).strip("-")[:MAX_SLUG].strip("-")


def download_name(package: dict | None, resource: dict | None, extension: str,
                  fallback: str) -> str:
    """`<dataset>_<resource>.<extension>`; the resource's part is left out where it would
    only repeat the dataset's, and `fallback` (the resource id) stands in for a nameless one."""
    dataset_part = slug((package or {}).get("name") or (package or {}).get("title"))
    resource_part = slug((resource or {}).get("name"))
    if resource_part and dataset_part and resource_part.lower() in dataset_part.lower():
        resource_part = ""
    name = "_".join(p for p in (dataset_part, resource_part) if p) or slug(fallback)
    return f"{name}.{extension}"


def sheet_name(package: dict | None, resource: dict | None, fallback: str = "Data") -> str:
    """A worksheet's name (at most 31 characters, none of []:*?/\\): the resource's name, else
    the dataset's title."""
    for text in ((resource or {}).get("name"), (package or {}).get("title")):
        cleaned = _NOT_IN_SHEET_NAME.sub(" ", text or "").strip().strip("'")
        if cleaned:
            return cleaned[:31].strip()
    return fallback

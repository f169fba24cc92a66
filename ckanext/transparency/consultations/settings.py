"""The declared options of the plugin (config_declaration.yaml), read in one place."""
from __future__ import annotations

import datetime
import os

import ckan.plugins.toolkit as tk

from ckanext.transparency.core import clock

PREFIX = "ckanext.transparency.consultations."
FONTS = os.path.join(os.path.dirname(__file__), "fonts")


def option(name: str):
    return tk.config.get(PREFIX + name)


def min_days(kind: str) -> int:
    return int(option("min_days_internal") if kind == "internal" else option("min_days"))


def timezone() -> datetime.tzinfo:
    return clock.site_timezone("consultations")


def today() -> datetime.date:
    return clock.site_today("consultations")


def max_text_length() -> int:
    return int(option("max_text_length"))


def premoderation() -> bool:
    return tk.asbool(option("premoderation"))


def duplicate_similarity() -> float:
    return int(option("duplicate_similarity")) / 100


def max_upload_bytes() -> int:
    return int(option("max_upload_mb")) * 1024 * 1024


def pdf_fonts() -> tuple[str, str]:
    regular = option("pdf_font") or os.path.join(FONTS, "DejaVuSans.ttf")
    root, ext = os.path.splitext(regular)
    bold = f"{root}-Bold{ext}"
    return regular, bold if os.path.exists(bold) else regular

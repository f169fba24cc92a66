"""The site's time zone, `ckan.display_timezone` ("server": the machine's own), as a tzinfo
that datetime arithmetic can use (CKAN's h.get_display_timezone gives a pytz zone, which
datetime.combine gets wrong)."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import ckan.plugins.toolkit as tk


def site_timezone() -> dt.tzinfo:
    name = tk.config.get("ckan.display_timezone") or "UTC"
    if name == "server":
        return dt.datetime.now().astimezone().tzinfo or dt.timezone.utc
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc


def site_today() -> dt.date:
    return dt.datetime.now(site_timezone()).date()

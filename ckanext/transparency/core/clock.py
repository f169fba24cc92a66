"""The site's time zone and day: `ckan.display_timezone` ("server": the machine's own), as a
tzinfo that datetime arithmetic can use (CKAN's h.get_display_timezone gives a pytz zone, which
datetime.combine gets wrong).

`ckanext.transparency.appeals.timezone` and `ckanext.transparency.consultations.timezone` are
deprecated: a feature whose option is still set uses it, with a warning once per process."""
from __future__ import annotations

import datetime as dt
import functools
import logging
import zoneinfo
from typing import Optional

import ckan.plugins.toolkit as tk

log = logging.getLogger(__name__)

DEPRECATED = {"appeals": "ckanext.transparency.appeals.timezone",
              "consultations": "ckanext.transparency.consultations.timezone"}


def _zone(name: str) -> dt.tzinfo:
    if name == "server":
        return dt.datetime.now().astimezone().tzinfo or dt.timezone.utc
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc


@functools.lru_cache(maxsize=None)
def _warn(key: str) -> None:
    log.warning("%s is deprecated: set ckan.display_timezone instead", key)


def site_timezone(feature: Optional[str] = None) -> dt.tzinfo:
    """The site's zone; a `feature` still configured with its own (deprecated) option gets
    that one."""
    key = DEPRECATED.get(feature or "")
    own = tk.config.get(key) if key else None
    if own:
        _warn(key)
        return _zone(own)
    return _zone(tk.config.get("ckan.display_timezone") or "UTC")


def site_today(feature: Optional[str] = None) -> dt.date:
    return dt.datetime.now(site_timezone(feature)).date()

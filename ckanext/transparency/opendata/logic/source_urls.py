"""CKAN's own dataset actions, chained: ids are text (CKAN answers a list or a number with a
500), and datasets and resources take only http(s) web addresses: the dataset's source (`url`)
and each resource's link (its `url`, unless the file is uploaded)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.urls import http_url

STORED = ("upload", "datastore")  # url_type of a file the site keeps: its url is its own


def _url_error(value) -> list[str] | None:
    try:
        http_url(value)
    except tk.Invalid as error:
        return [error.error]
    return None


def check(data_dict: dict) -> None:
    """A ValidationError shaped like CKAN's own (resources as a list) for every bad id and
    address."""
    errors: dict = {field: [tk._("Must be an id or a name (text)")]
                    for field in ("id", "name", "owner_org")
                    if data_dict.get(field) is not None and not isinstance(data_dict[field], str)}
    if data_dict.get("url") and (message := _url_error(data_dict["url"])):
        errors["url"] = message
    resources = data_dict.get("resources")
    if isinstance(resources, list):
        found = [{"url": message} if isinstance(r, dict) and r.get("url")
                 and r.get("url_type") not in STORED and (message := _url_error(r["url"]))
                 else {} for r in resources]
        if any(found):
            errors["resources"] = found
    if errors:
        raise tk.ValidationError(errors)


@tk.chained_action
def package_create(up_func, context, data_dict):
    check(data_dict)
    return up_func(context, data_dict)


@tk.chained_action
def package_update(up_func, context, data_dict):
    check(data_dict)
    return up_func(context, data_dict)

"""Web addresses people give (dataset sources, resource links, broadcasts, recordings): only
http(s) is accepted, and only http(s) or the site's own paths are rendered as links."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk

_HTTP_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def is_http_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_HTTP_URL.fullmatch(value))


def http_url(value: Any) -> str:
    """A navl validator: "" for nothing, an http(s) address, or a message in the reader's
    language."""
    if value is None or value == "":
        return ""
    text = value.strip() if isinstance(value, str) else value
    if not is_http_url(text):
        raise tk.Invalid(tk._("A web address starting with http:// or https://"))
    return text


def safe_href(value: Any) -> str:
    """The address to put in a link's href: http(s) or a path of this site, else nothing."""
    if is_http_url(value):
        return value
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//") \
            and not re.search(r"[\s\\]", value):
        return value
    return ""


def get_helpers() -> dict:
    return {"transparency_safe_href": safe_href}

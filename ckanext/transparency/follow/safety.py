"""How often one client may ask to follow by e-mail (each request may send a mail)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.rate_limits import count, keyed_hash


def request_allowed(address: str | None) -> bool:
    """Counts one request from `address`; False once it is over the limit of the window."""
    limit = tk.config.get("ckanext.transparency.follow.rate_limit")
    if not limit or not address:
        return True
    window = tk.config.get("ckanext.transparency.follow.rate_window")
    return count(f"follow:request:{keyed_hash('follow-address', address)}", window) <= limit

"""Counting what one client does in a window, in Redis (the features' rate and attempt limits).
A client's address is personal data: Redis only ever sees a keyed hash of it."""
from __future__ import annotations

import hashlib
import hmac

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

# INCR and EXPIRE in one step: parallel requests each get their own count, and a key never
# lives on without its expiry.
_COUNT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def secret() -> bytes:
    return str(tk.config.get("SECRET_KEY") or tk.config.get("beaker.session.secret")
               or "").encode()


def keyed_hash(purpose: str, value: str) -> str:
    """A hash of `value` that only this site can make (so it cannot be reversed by trying)."""
    return hmac.new(secret(), f"{purpose}:".encode() + value.encode(),
                    hashlib.sha256).hexdigest()[:32]


def client_address() -> str | None:
    """The address of the client of the current web or API request (None outside one)."""
    try:
        return tk.request.remote_addr if tk.request else None
    except RuntimeError:  # no request context: CLI, jobs
        return None


def count(key: str, window: int) -> int:
    """Counts one more under `key` (site-wide, for `window` seconds from the first); returns
    the count."""
    full_key = f"{tk.config.get('ckan.site_id')}:{key}"
    return int(connect_to_redis().eval(_COUNT, 1, full_key, window))

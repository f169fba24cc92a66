"""How often one client may ask to follow by e-mail (each request may send a mail). Redis sees
a keyed hash of the client's address only."""
from __future__ import annotations

import hashlib
import hmac

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

# INCR and EXPIRE in one step: a key never lives on without its expiry.
_COUNT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def client_address() -> str | None:
    try:
        return tk.request.remote_addr if tk.request else None
    except RuntimeError:  # no request: CLI, jobs
        return None


def request_allowed(address: str | None) -> bool:
    """Counts one request from `address`; False once it is over the limit of the window."""
    limit = tk.config.get("ckanext.transparency.follow.rate_limit")
    if not limit or not address:
        return True
    secret = str(tk.config.get("SECRET_KEY") or "").encode()
    hashed = hmac.new(secret, b"follow-address:" + address.encode(), hashlib.sha256).hexdigest()
    key = f"{tk.config.get('ckan.site_id')}:follow:request:{hashed[:32]}"
    window = tk.config.get("ckanext.transparency.follow.rate_window")
    return int(connect_to_redis().eval(_COUNT, 1, key, window)) <= limit

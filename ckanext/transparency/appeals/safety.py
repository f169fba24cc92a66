"""Abuse and safety: access codes, per-address rate limits, limited code attempts per appeal
number and client, and a slow-down of wrong codes on a number that never refuses the right one.

Client addresses are personal data too: Redis only ever sees a keyed hash of them."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

from ckanext.transparency.rate_limits import count, keyed_hash, secret

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 10


def _encode(raw: bytes) -> str:
    return "".join(ALPHABET[b % len(ALPHABET)] for b in raw[:CODE_LENGTH])


def new_code(submission_key: str | None = None) -> str:
    """A random access code; for a submission with a key, the same code every time the same
    submission comes again (so a retried submission can be answered with it)."""
    if submission_key:
        return _encode(hmac.new(secret(), b"appeal-code:" + submission_key.encode(),
                                hashlib.sha256).digest())
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def hash_code(appeal_id: str, code: str) -> str:
    return hashlib.sha256(f"{appeal_id}:{code}".encode()).hexdigest()


def code_matches(appeal_id: str, code: str, stored: str) -> bool:
    return hmac.compare_digest(hash_code(appeal_id, code), stored)


def _address_key(address: str) -> str:
    return keyed_hash("appeal-address", address)


def submission_allowed(address: str | None) -> bool:
    """Counts one submission from `address`; False once the address is over the limit."""
    limit = tk.config.get("ckanext.transparency.appeals.rate_limit")
    if not limit or not address:
        return True
    window = tk.config.get("ckanext.transparency.appeals.rate_window")
    return count(f"appeals:submit:{_address_key(address)}", window) <= limit


# Gives an attempt back, unless its count has expired meanwhile (a key without expiry).
_GIVE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
"""


def _tracking_key(kind: str, number: str, address: str | None = None) -> str:
    key = f"appeals:track:{kind}:{number}"
    return f"{key}:{_address_key(address or 'no-request')}" if kind == "client" else key


def _increment(key: str) -> int:
    window = tk.config.get("ckanext.transparency.appeals.track_window")
    return count(key, window)


def start_attempt(number: str, address: str | None) -> bool:
    """Takes one of the code attempts this client has on this appeal number; False when none
    is left. Taken before the code is checked, so that parallel guesses cannot outrun it."""
    limit = tk.config.get("ckanext.transparency.appeals.track_attempts")
    return not limit or _increment(_tracking_key("client", number, address)) <= limit


def right_code(number: str, address: str | None) -> None:
    """A right code does not use up the client's attempts."""
    if tk.config.get("ckanext.transparency.appeals.track_attempts"):
        connect_to_redis().eval(_GIVE_BACK, 1, f"{tk.config.get('ckan.site_id')}:"
                                + _tracking_key("client", number, address))


def wrong_code(number: str) -> None:
    """Counts a wrong code on the number from any client; past the slow-down threshold, each
    further wrong code is answered late. A right code is never slowed down nor refused."""
    after = tk.config.get("ckanext.transparency.appeals.track_slowdown_after")
    if after and _increment(_tracking_key("number", number)) > after:
        time.sleep(tk.config.get("ckanext.transparency.appeals.track_slowdown_seconds"))

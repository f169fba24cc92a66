"""The client's address behind the reverse proxies the site trusts.

A request that comes from a trusted proxy is from the last address in its X-Forwarded-For
that is not itself a trusted proxy; from anyone else, X-Forwarded-For is ignored (a client
could write any address there). werkzeug's ProxyFix trusts a number of hops from whoever is
connected, which lets a client that reaches the server directly choose its own address.
"""
from __future__ import annotations

import ipaddress
from typing import Any, Callable, Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class TrustedProxies:
    """WSGI middleware that sets REMOTE_ADDR (and the scheme) as the trusted proxies saw them."""

    def __init__(self, app: Callable, trusted: Iterable[str]):
        self.app = app
        self.networks: list[Network] = [ipaddress.ip_network(item, strict=False)
                                        for item in trusted]

    def _trusted(self, text: str | None) -> bool:
        address = _address(text or "")
        return address is not None and any(address in net for net in self.networks)

    def client(self, environ: dict[str, Any]) -> str | None:
        peer = environ.get("REMOTE_ADDR")
        if not self._trusted(peer):
            return peer
        for hop in reversed(environ.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            if _address(hop) is None:  # not an address: nothing further left is believed
                break
            peer = hop.strip()
            if not self._trusted(peer):
                break
        return peer

    def __call__(self, environ: dict[str, Any], start_response: Callable):
        if self._trusted(environ.get("REMOTE_ADDR")):
            environ["REMOTE_ADDR"] = self.client(environ)
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        return self.app(environ, start_response)

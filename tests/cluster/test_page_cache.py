"""nginx's micro-cache in the cluster: anonymous pages without a form are served from the cache;
a page with a form (a CSRF token), a signed-in user's page and a call signed with an API token
never are, and the cache never hands one visitor's page to another."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.system

LOGOUT = "/user/_logout"  # the sign-out form in the header of a signed-in user's page


class Browser:
    """A visitor keeping the cookies it is given (a fresh one is anonymous). Python's cookie jar
    drops CKAN's cookie (`Domain=` empty), so they are kept here by name."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def _open(self, request: urllib.request.Request) -> tuple[int, dict, str]:
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";")[0].partition("=")
                self.cookies[name.strip()] = value
            return response.status, dict(response.headers), response.read().decode()

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
        return self._open(urllib.request.Request(self.base + path, headers=headers or {}))

    def post(self, path: str, form: dict) -> int:
        return self._open(urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(form).encode()))[0]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cache(headers: dict) -> str:
    return headers.get("X-Cache-Status", "")


# nginx's answers from the cache: a fresh copy, or a stale one while another request renews
# it (proxy_cache_use_stale updating; on a loaded machine the 5 s entry is often renewing)
CACHED = {"HIT", "UPDATING", "STALE"}


def _from_cache(browser: Browser, path: str) -> tuple[dict, str]:
    """The page once it comes from the cache (the first request may have filled it)."""
    for _attempt in range(3):
        status, headers, body = browser.get(path)
        assert status == 200, path
        if _cache(headers) in CACHED:
            return headers, body
    raise AssertionError(f"{path} never came from the cache: {headers}")


def _csrf(body: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', body).group(1)


def test_anonymous_pages_come_from_the_cache_personal_ones_never(cluster):
    token = cluster.ckan("user", "token", "add", "admin", "cache-test").strip().split()[-1]
    api = Browser(cluster.url)
    auth = {"Authorization": token, "Content-Type": "application/json"}
    for action, data in (("organization_create", {"name": "cache-org", "title": "Kesh"}),
                         ("package_create", {"name": "kesh-hisoboti", "title": "Kesh hisoboti",
                                             "owner_org": "cache-org"}),
                         ("package_create", {"name": "yopiq-hisobot", "title": "Yopiq hisobot",
                                             "owner_org": "cache-org", "private": True})):
        request = urllib.request.Request(f"{cluster.url}/api/3/action/{action}",
                                         data=json.dumps(data).encode(), headers=auth)
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200

    anonymous = Browser(cluster.url)
    for path in ("/", "/dataset/", "/dataset/?q=kesh", "/dataset/kesh-hisoboti"):
        headers, body = _from_cache(anonymous, path)
        assert "Set-Cookie" not in headers and LOGOUT not in body, path
    assert not anonymous.cookies  # no page gave the visitor a cookie

    # a page with a form: each visitor gets a token of their own, never a cached one
    tokens = set()
    for _visitor in range(3):
        status, headers, body = Browser(cluster.url).get("/appeals/new")
        assert status == 200 and _cache(headers) not in CACHED
        assert "ckan=" in headers.get("Set-Cookie", "") and "private" in headers["Cache-Control"]
        tokens.add(_csrf(body))
    assert len(tokens) == 3

    # the admin signs in through nginx: their pages bypass the cache, and are not stored
    admin = Browser(cluster.url)
    _status, _headers, login_page = admin.get("/user/login")
    assert admin.post("/user/login", {"login": "admin", "_csrf_token": _csrf(login_page),
                                      "password": cluster.env["ADMIN_PASSWORD"]}) == 302
    for path in ("/", "/dataset/", "/dataset/kesh-hisoboti"):
        status, headers, body = admin.get(path)
        assert status == 200 and _cache(headers) == "BYPASS", (path, headers)
        assert LOGOUT in body and "private" in headers["Cache-Control"], path
        # and the anonymous visitor still gets the anonymous page
        headers, body = _from_cache(anonymous, path)
        assert LOGOUT not in body, path
    assert "yopiq-hisobot" in admin.get("/dataset/?q=hisobot")[2]
    assert "yopiq-hisobot" not in anonymous.get("/dataset/?q=hisobot")[2]

    # the Action API: a call signed with a token is not shared with anonymous callers
    path = "/api/3/action/package_search?fq=organization:cache-org&include_private=true"
    _status, headers, body = anonymous.get(path, {"Authorization": token})
    names = {dataset["name"] for dataset in json.loads(body)["result"]["results"]}
    assert _cache(headers) == "BYPASS" and "yopiq-hisobot" in names
    for _attempt in range(3):
        _status, headers, body = anonymous.get(path)
        names = {dataset["name"] for dataset in json.loads(body)["result"]["results"]}
        # (the appeals plugin puts its own public datasets in the only organization too)
        assert "kesh-hisoboti" in names and "yopiq-hisobot" not in names, headers

"""Crawl a running portal in its four languages and list the text in another language.

    .venv/bin/python scripts/i18n_crawl.py http://127.0.0.1:5000 [--password-file var/admin-password]
        [--user admin] [--max-pages 150] [--json report.json] [--browser]

The sysadmin's password comes from --password-file, else from ADMIN_PASSWORD (the variable
`make up` creates the sysadmin with; var/admin-password is written only when it is unset).

Visits the pages of every kind (shape: the first path segments, ids left out) found from the
home page and the sections, anonymously and, with a password, as the sysadmin (edit forms),
in /uz, /uz_Cyrl, /ru and /en, and prints the chunks of text that ckanext.transparency.i18n.
pagecheck flags: English on uz/uz_Cyrl/ru pages, Latin on uz_Cyrl/ru, Cyrillic on uz/en, Uzbek
on en. Data (what the API returns about datasets, organizations, groups, events, drafts,
polls...) is left out. With --browser the pages are read as Chromium renders them, text added
by JavaScript included (slower). Forms sent with bad and good input, e-mails and the PDF/XLSX
files are checked by tests/i18n/test_rendered_pages.py. Exit status 1 when anything is flagged.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ckanext.transparency.i18n import pagecheck  # noqa: E402

LOCALES = ("uz", "uz_Cyrl", "ru", "en")
START = ("/", "/dataset/", "/organization/", "/group/", "/about", "/open-data", "/appeals",
         "/appeals/new", "/appeals/track", "/appeals/statistics", "/appeals/receptions",
         "/dialogue", "/dialogue/archive", "/consultations", "/rating", "/rating/methodology",
         "/user/login", "/user/register", "/user/reset", "/no-such-page",
         "/dataset/no-such-dataset", "/budget-execution/", "/procurement/", "/project-status/",
         "/reception-schedule/", "/appeals-statistics/")
# CKAN's API help pages are left untranslated (catalogs.CORE_SCOPE).
SKIP = re.compile(r"^/(api|_debug|datastore/api_info|webassets|base|fanstatic|uploads)/|/download/|/dump/|"
                  r"\.(csv|xlsx|xls|json|ics|atom|ttl|rdf|xml|jsonld|n3|pdf|png|jpg|svg|zip)$|"
                  r"/user/_logout|/user/logout|/delete|/follow|/unfollow")
# Actions whose answers are data shown on pages (those that do not exist are skipped).
DATA_ACTIONS = (("package_search", {"rows": 1000, "include_private": True}),
                ("organization_list", {"all_fields": True, "include_extras": True}),
                ("group_list", {"all_fields": True}), ("user_list", {}),
                ("consultation_list", {}), ("event_list", {}), ("poll_list", {}),
                ("event_archive", {"limit": 100}))


def shape(path: str) -> str:
    """A page kind: /dataset/x and /dataset/y are one kind, /dataset/x/resource/y another."""
    parts = [p for p in path.split("/") if p]
    kept = [p if i == 0 or p in {"resource", "edit", "new", "groups", "members", "archive",
                                 "statistics", "track", "receptions", "department", "polls",
                                 "methodology", "budget", "procurement", "projects", "appeals",
                                 "about", "rules", "report", "moderation", "inbox", "views",
                                 "calendar", "poll", "event", "read", "activity",
                                 "changes", "dictionary", "api-tokens", "followers", "login",
                                 "register", "reset", "config", "trash"} else "*"
            for i, p in enumerate(parts)]
    return "/" + "/".join(kept)


def links(html: str, base: str, prefix: str) -> set[str]:
    found = set()
    for href in re.findall(r'href="([^"#]+)', html):
        url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
        if url.netloc != urlsplit(base).netloc:
            continue
        path = url.path
        if path.startswith(prefix + "/"):
            path = path[len(prefix):]
        elif path == prefix:
            path = "/"
        if not SKIP.search(path) and not path.endswith(".css"):
            found.add(path)
    return found


def api(session: requests.Session, base: str, action: str, **params):
    """An action's result (GET: a browser session's POST would need a CSRF token), or None."""
    params = {k: json.dumps(v) if isinstance(v, bool) else v for k, v in params.items()}
    try:
        answer = session.get(f"{base}/api/3/action/{action}", params=params, timeout=60)
        return answer.json()["result"] if answer.ok else None
    except (requests.RequestException, ValueError):
        return None


def data_strings(session: requests.Session, base: str) -> pagecheck.Data:
    data = pagecheck.Data()
    data.add(license["title"] for license in api(session, base, "license_list") or [])
    for action, params in DATA_ACTIONS:
        data.add(pagecheck.strings_in(api(session, base, action, **params)))
    for event in (api(session, base, "event_list", limit=1000) or {}).get("results", []):
        data.add(pagecheck.strings_in(api(session, base, "event_question_list",
                                          event_id=event["id"])))  # what citizens asked
    for package in api(session, base, "package_search", rows=1000)["results"]:
        for resource in package.get("resources", []):
            for action in ("datastore_info", "datastore_search"):
                data.add(pagecheck.strings_in(api(session, base, action, id=resource["id"],
                                                  limit=1000)))
    return data


def log_in(session: requests.Session, base: str, user: str, password: str) -> None:
    page = session.get(f"{base}/en/user/login").text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page)
    form = {"login": user, "password": password}
    if token:
        form["_csrf_token"] = token.group(1)
    answer = session.post(f"{base}/en/user/login", data=form, allow_redirects=False)
    # CKAN sends `Domain=` (empty), which requests drops: keep the session cookie by hand.
    cookie = re.match(r"([^=]+)=([^;]+)", answer.headers.get("set-cookie", ""))
    if cookie:
        session.cookies.set(cookie.group(1), cookie.group(2))
    answer = session.get(f"{base}/en/dashboard/datasets")
    if "/user/_logout" not in answer.text and "/user/logout" not in answer.text:
        raise SystemExit(f"could not log in as {user}")


def crawl(session: requests.Session, base: str, start, max_pages: int) -> list[str]:
    """Paths of one page per kind, found from `start` through the uz pages."""
    queue, seen_shapes, pages = collections.deque(start), set(), []
    while queue and len(pages) < max_pages:
        path = queue.popleft()
        if shape(path) in seen_shapes or SKIP.search(path):
            continue
        seen_shapes.add(shape(path))
        pages.append(path)
        answer = session.get(f"{base}/uz{path}")
        if "text/html" in answer.headers.get("content-type", ""):
            queue.extend(sorted(links(answer.text, answer.url, "/uz")))
    return pages


class Browser:
    """Pages as Chromium renders them (their scripts run), with a requests session's cookies."""
    CHROMIUM = "/usr/bin/chromium"

    def __enter__(self):
        from playwright.sync_api import sync_playwright
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=self.CHROMIUM,
                                                         args=["--no-sandbox"])
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._playwright.stop()

    def reader(self, session: requests.Session, base: str):
        context = self._browser.new_context()
        host = urlsplit(base).hostname
        context.add_cookies([{"name": c.name, "value": c.value, "domain": host, "path": "/"}
                             for c in session.cookies])
        page = context.new_page()

        def read(address: str) -> str | None:
            answer = page.goto(address, wait_until="load")
            if answer is None or "text/html" not in answer.headers.get("content-type", ""):
                return None
            return page.content()
        return read


def _reader(session: requests.Session):
    def read(address: str) -> str | None:
        answer = session.get(address)
        return answer.text if "text/html" in answer.headers.get("content-type", "") else None
    return read


def check(read, base, paths, data, who, report) -> None:
    for path in paths:
        pages = {}
        for locale in LOCALES:
            html = read(f"{base}/{locale}{path}")
            if html is not None:
                pages[locale] = html
        for locale, findings in pagecheck.check_pages(pages, data).items():
            for finding in findings:
                report[locale].setdefault(finding.text, {"words": finding.words, "pages": []})
                report[locale][finding.text]["pages"].append(f"{who}:{path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password-file")
    parser.add_argument("--max-pages", type=int, default=150)
    parser.add_argument("--json")
    parser.add_argument("--browser", action="store_true",
                        help="read the pages as Chromium renders them (text added by scripts)")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        browser = stack.enter_context(Browser()) if args.browser else None
        return run(args, browser)


def run(args, browser) -> int:
    base = args.base.rstrip("/")
    anonymous = requests.Session()
    report: dict[str, dict] = {locale: {} for locale in LOCALES}
    data = data_strings(anonymous, base)
    data.add(START)  # the made-up addresses of the not-found pages
    paths = crawl(anonymous, base, START, args.max_pages)
    print("pages:", " ".join(paths))
    check(browser.reader(anonymous, base) if browser else _reader(anonymous), base, paths, data,
          "anonymous", report)
    password = (Path(args.password_file).read_text().strip() if args.password_file
                else os.environ.get("ADMIN_PASSWORD"))
    if password:
        admin = requests.Session()
        log_in(admin, base, args.user, password)
        data.add(pagecheck.strings_in(api(admin, base, "package_search", rows=1000,
                                          include_private=True, include_drafts=True)))
        admin_start = [p for p in paths if not p.startswith("/user/")] + [
            "/dashboard/datasets", "/user/" + args.user, "/appeals/inbox", "/ckan-admin",
            "/ckan-admin/config", "/ckan-admin/trash", "/dialogue/moderation",
            "/appeals/receptions/new", "/consultations/new", "/dialogue/event/new"]
        for path in list(paths):
            kind = re.match(r"^/([\w-]+)/([\w-]+)$", path)
            if kind and kind.group(1) not in ("user", "organization", "group", "appeals",
                                              "rating", "dialogue", "consultations",
                                              "open-data"):
                admin_start += [f"/{kind.group(1)}/edit/{kind.group(2)}",
                                f"/{kind.group(1)}/{kind.group(2)}/resource/new",
                                f"/{kind.group(1)}/new"]
        admin_paths = crawl(admin, base, admin_start, args.max_pages)
        check(browser.reader(admin, base) if browser else _reader(admin), base,
              [p for p in admin_paths if p not in paths], data, "admin", report)
    total = 0
    for locale in LOCALES:
        print(f"== {locale}: {len(report[locale])} chunks in another language")
        for text, found in sorted(report[locale].items(), key=lambda kv: kv[1]["pages"][0]):
            print(f"  {text[:110]!r}  {found['words'][:4]}  @ {', '.join(found['pages'][:2])}"
                  f"{' +%d' % (len(found['pages']) - 2) if len(found['pages']) > 2 else ''}")
        total += len(report[locale])
    print(f"pages: {len(paths)} anonymous kinds x {len(LOCALES)} locales; flagged: " + ", ".join(
        f"{locale} {len(report[locale])}" for locale in LOCALES))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())

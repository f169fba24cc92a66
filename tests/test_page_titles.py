"""No page's <title> says the same thing twice ("Open data - Open data - Ochiq portal", issue #14
item 8): the section front pages, and every page their links lead to, for the public and for
the sysadmin, in English and Russian."""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import FileStorage

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files
from ckanext.transparency.demo.tables import build
from ckanext.transparency.opendata.types import QUARTERLY

SEEDS = ("/", "/open-data", "/open-data/budget", "/appeals", "/dialogue/", "/consultations",
         "/rating", "/dataset/", "/organization/", "/user/login", "/dataset/byudjet",
         "/dataset/add", "/appeals/inbox")
SKIP = re.compile(r"/(api|download|datastore|templates|user/_logout|feeds)/|"
                  r"\.(json|xlsx|csv|ics|rdf|xml|ttl|jsonld|atom)$|/ocds|/oc4ids")


@pytest.fixture
def site():
    admin = factories.Sysadmin()
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi")
    dataset = call_action(
        "package_create", context={"user": admin["name"]}, type="budget-execution",
        name="byudjet", title="Byudjet ijrosi", owner_org=org["id"], frequency=QUARTERLY,
        language="uz-Latn", fiscal_year=2026, maintainer="Moliya",
        maintainer_email="moliya@example.uz")
    table = build("budget", "test", "latn", year=2026)
    data = files.render(table, files.FileSpec("t.csv", files.CSV, files.UTF8))
    call_action("resource_create", context={"user": admin["name"]}, package_id=dataset["id"],
                name="2026", upload=FileStorage(stream=io.BytesIO(data), filename="b.csv"))
    return factories.APIToken(user=admin["name"])["token"]


def _title(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").find("title")
    return " ".join(found.get_text().split()) if found else ""


def _repeats(title: str) -> bool:
    parts = [p.strip() for p in title.split(" - ")]
    return len(parts) != len(set(parts))


def _crawl(app, prefix: str, headers: dict) -> dict[str, str]:
    titles, links = {}, set()
    for seed in SEEDS:
        url = prefix + seed
        response = app.get(url, headers=headers)
        if response.status_code != 200:
            continue
        html = response.get_data(as_text=True)
        titles[url] = _title(html)
        for a in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            parts = urlsplit(a["href"])
            path = parts.path
            if not parts.netloc and path.startswith("/") and not SKIP.search(path):
                links.add(path)
    for url in sorted(links - set(titles)):
        response = app.get(url, headers=headers)
        if response.status_code == 200 and "html" in response.content_type:
            titles[url] = _title(response.get_data(as_text=True))
    return titles


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_no_page_title_repeats_itself(app, site, prefix):
    for headers in ({}, {"Authorization": site}):
        titles = _crawl(app, prefix, headers)
        assert len(titles) > 25
        assert all(titles.values())
        assert [(url, t) for url, t in titles.items() if _repeats(t)] == []
    assert titles[prefix + "/open-data"] in ("Open data - Ochiq portal",
                                             "Открытые данные - Открытый портал")

"""axe-core (Deque's accessibility engine, WCAG 2 rules) on every kind of page of the demo
portal, on a phone and on a desk, in Uzbek Cyrillic: no serious or critical violation."""
from __future__ import annotations

import pytest

from ckan.tests.helpers import call_action

from ckanext.transparency.demo import loader

pytestmark = pytest.mark.system

BLOCKING = ("serious", "critical")


_pages: list[str] = []


@pytest.fixture
def demo_pages(with_plugins, reset_db, reset_index):
    """The demo loaded (once) into the test database; the addresses of a page of each kind."""
    if not _pages:
        reset_db()
        reset_index()
        _pages.extend(_load())
    return _pages


def _load() -> list[str]:
    loader.load(echo=lambda line: None)
    datasets = call_action("package_search", q="*:*", rows=1000)["results"]
    by_type = {}
    for dataset in datasets:
        if dataset["resources"]:
            by_type.setdefault(dataset["type"], dataset)
    budget = by_type["budget-execution"]
    consultation = call_action("consultation_list")["results"][0]
    organization = call_action("organization_list")[0]
    pages = ["/", "/dataset/", "/dataset/?page=2", "/organization/", f"/organization/{organization}",
             "/group/", "/about", "/user/login", "/user/register", "/no-such-page",
             f"/dataset/{budget['name']}",
             f"/dataset/{budget['name']}/resource/{budget['resources'][0]['id']}",
             "/open-data", "/open-data/budget", "/open-data/procurement", "/open-data/projects",
             "/open-data/appeals", "/appeals", "/appeals/new", "/appeals/track",
             "/appeals/statistics", "/appeals/receptions", "/dialogue", "/dialogue/archive",
             "/consultations", f"/consultations/{consultation['name']}",
             "/consultations/rules", "/rating", "/rating/methodology"]
    pages += [f"/dataset/{d['name']}" for t, d in sorted(by_type.items()) if d is not budget]
    return pages


def _blocking(axe, page) -> list[str]:
    found = axe.run(page).response["violations"]
    return [f"[{v['impact']}] {v['id']}: {v['help']} at {v['nodes'][0]['target']}"
            for v in found if v["impact"] in BLOCKING]


@pytest.mark.parametrize("screen", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
                         ids=["phone", "desk"])
def test_no_serious_accessibility_violations(live_server, browser, demo_pages, screen):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    page = browser.new_context(viewport=screen).new_page()
    problems = {}
    for address in demo_pages:
        page.goto(f"{live_server}/uz_Cyrl{address}")
        found = _blocking(axe, page)
        if found:
            problems[address] = found
    page.context.close()
    assert not problems, "\n".join(f"{a}: {p}" for a, p in problems.items())

"""The About page of the demo organization on a phone and a desktop, in Russian and Uzbek
Cyrillic: nothing wider than the screen, every link reachable by keyboard."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.transparency.about import demo
from ckanext.transparency.core.context import site_context
from ckanext.transparency.demo import organization

pytestmark = pytest.mark.system

SCREENS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1280, "height": 900}}


def _forget_texts():
    for option in demo.OPTIONS:
        tk.config[option] = ""


@pytest.fixture
def demo_about(with_plugins, clean_db):
    context = site_context()
    for department in organization.DEPARTMENTS:
        organization.ensure(context, department)
    _forget_texts()  # read from system_info when the app was made, before clean_db
    demo.load(context, lambda line: None)
    yield
    _forget_texts()


@pytest.mark.parametrize("locale", ["ru", "uz_Cyrl"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_about_page_fits_and_every_link_is_reachable(live_server, browser, demo_about,
                                                         screenshot, locale, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{live_server}/{locale}/about")
    main = page.locator('[role="main"]')
    expected = {"ru": "Агентство развития коммунальной инфраструктуры",
                "uz_Cyrl": "Коммунал инфратузилмани ривожлантириш агентлиги"}[locale]
    assert expected in main.inner_text()
    assert "CKAN is the world" not in page.content()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    links = main.locator("a[href]")
    assert links.count() >= len(organization.DEPARTMENTS) + 10
    hrefs = set(links.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.closest('[role=main]') && "
                             "document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
    assert hrefs <= reached, hrefs - reached
    screenshot(page, f"{locale}-{screen}")
    context.close()

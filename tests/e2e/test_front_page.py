"""The live front page of the demo portal in a browser, at desktop and phone width in Uzbek
Cyrillic and Russian: every figure is there, nothing is wider than a phone, the countdown ticks
when script runs; the widgets page shows each card in its frame."""
from __future__ import annotations

import re

import pytest

from ckanext.transparency.demo import loader

pytestmark = pytest.mark.system

NAMES = ["appeals", "schedule", "event", "drafts", "rating", "updates"]
_loaded: list = []


@pytest.fixture
def demo(with_plugins, reset_db, reset_index):
    if not _loaded:
        reset_db()
        reset_index()
        loader.load(echo=lambda line: None)
        _loaded.append(True)


def _page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  device_scale_factor=1, is_mobile=width < 500,
                                  has_touch=width < 500)
    return context.new_page()


@pytest.mark.parametrize("locale", ["uz_Cyrl", "ru"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_front_page_shows_every_figure(live_server, browser, demo, screenshot, width,
                                           locale):
    page = _page(browser, width)
    answer = page.goto(f"{live_server}/{locale}/")
    assert answer.status == 200
    cards = page.locator(".portal-home-figures article")
    assert [cards.nth(i).get_attribute("aria-labelledby").removeprefix("front-figure-")
            for i in range(cards.count())] == NAMES
    for i in range(cards.count()):
        assert cards.nth(i).locator("h3 a").get_attribute("href").startswith(
            f"{live_server}/{locale}/")
    screenshot(page, f"front-{locale}-{width}")
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"the page is {wide} px wide at {width}"
    page.context.close()


def test_the_countdown_ticks_with_script_and_reads_without(live_server, browser, demo):
    page = _page(browser, 1280)
    page.goto(f"{live_server}/ru/")
    countdown = page.locator(".portal-home-figures [data-dialogue-countdown]")
    # the script turns the server's "через 2 д. 3 ч." into a ticking clock
    page.wait_for_function("""() => /\\d\\d:\\d\\d:\\d\\d/.test(document.querySelector(
        '.portal-home-figures [data-dialogue-countdown]').textContent)""")
    first = countdown.text_content()
    page.wait_for_timeout(1500)
    assert countdown.text_content() != first
    page.context.close()
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(f"{live_server}/ru/")
    text = plain.locator(".portal-home-figures [data-dialogue-countdown]").text_content()
    assert re.match(r"через \d+", text), text
    plain.context.close()


def test_the_widgets_page_shows_each_card_in_its_frame(live_server, browser, demo, screenshot):
    page = _page(browser, 1280)
    page.goto(f"{live_server}/uz_Cyrl/widgets")
    for name in NAMES:
        frame = page.frame_locator(f"iframe[src$='/uz_Cyrl/widgets/{name}.html']")
        frame.locator("h3").wait_for()
        badge = page.locator(f"img[src$='/uz_Cyrl/widgets/{name}.svg']")
        badge.scroll_into_view_if_needed()
        assert page.evaluate("(img) => img.complete && img.naturalWidth > 0",
                             badge.element_handle())
    screenshot(page, "widgets-uz_Cyrl")
    page.context.close()

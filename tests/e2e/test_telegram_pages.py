"""The Telegram pages in a browser, on a phone and a desktop: a poll's results with the channel's
votes beside the portal's, and following an appeal in Telegram with the keyboard only."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import time

import pytest

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers
from ckan.common import config

from ckanext.transparency.telegram.model import ChannelPoll

from ..telegram.standin import BotApiStandIn
from .conftest import CKAN, SHOTS, _answers, _free_port
from .keyboard import tab_to

pytestmark = pytest.mark.system

SCREENS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1280, "height": 900}}
TOKEN = "123456:E2E-token"


@pytest.fixture(scope="module")
def standin():
    server = BotApiStandIn(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def telegram_server(standin):
    """A web server of the test configuration with Telegram set up (the stand-in's API)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    env["CKAN_SITE_URL"] = base
    SHOTS.mkdir(parents=True, exist_ok=True)
    ini = SHOTS / "telegram.ini"
    ini.write_text(f"[app:main]\nuse = config:{config['__file__']}\nWTF_CSRF_ENABLED = true\n"
                   f"ckanext.transparency.telegram.token = {TOKEN}\n"
                   f"ckanext.transparency.telegram.api_url = {standin.url}\n"
                   "ckanext.transparency.telegram.channel = @ochiq_portal\n"
                   "ckanext.transparency.telegram.bot_username = ochiq_portal_bot\n")
    log = open(SHOTS / "telegram-server.log", "wb")
    server = subprocess.Popen([CKAN, "-c", str(ini), "run", "-H", "127.0.0.1", "-p", str(port),
                               "--disable-reloader"], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not _answers(f"{base}/api/3/action/status_show"):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("the web server did not start")
        time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=15)
    log.close()


def _iso(hours: float) -> str:
    moment = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=hours)
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


@pytest.fixture
def closed_poll(with_plugins, clean_db):
    editor = factories.User(name="muharrir")
    org = factories.Organization(name="moliya", users=[{"name": "muharrir",
                                                         "capacity": "editor"}])
    poll = helpers.call_action("poll_create", context={"user": "muharrir"},
                               owner_org=org["id"], question="Qaysi loyiha muhim?",
                               options=["Ichimlik suvi quvurlari", "Issiqlik", "Yoʻllar"],
                               opens_at=_iso(-2), closes_at=_iso(1))
    from ckan import model
    model.Session.add(ChannelPoll(poll_id=poll["id"], telegram_poll_id="5101", votes=[12, 30, 4],
                                  voters=46))
    model.Session.commit()
    helpers.call_action("poll_update", context={"user": "muharrir"}, id=poll["id"],
                        closes_at=_iso(-0.01))
    return poll


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_poll_results_with_telegram_fit_the_screen(telegram_server, browser, closed_poll,
                                                   screenshot, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{telegram_server}/ru/dialogue/poll/{closed_poll['name']}")
    table = page.locator("table").first
    headers = table.locator("thead th").all_inner_texts()
    assert headers[1:4] == ["На портале", "В Telegram", "Всего"]
    assert "46" in table.locator("caption").inner_text()  # people who voted, both channels
    assert table.locator("tbody tr").first.locator("td").all_inner_texts()[:3] == [
        "0", "12", "12"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    screenshot(page, f"poll-{screen}")
    # nor does the table scroll sideways in its own box
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"), \
        table.evaluate("t => [...t.querySelectorAll('th, td')].map(c => c.textContent.trim() "
                       "+ ':' + Math.round(c.getBoundingClientRect().width))")
    context.close()


@pytest.fixture
def appeal(with_plugins, clean_db):
    factories.Organization(name="water", title="Ichimlik suvi")
    return helpers.call_action("appeal_submit", context={"user": ""}, type="application",
                               topic="water", owner_org="water", subject="Suv yoʻq",
                               text="Bir haftadan beri suv yoʻq.", consent="on",
                               full_name="Aziz Karimov", address="Toshkent")


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_follow_an_appeal_in_telegram_with_the_keyboard(telegram_server, browser, appeal,
                                                        screenshot, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{telegram_server}/uz_Cyrl/telegram/appeal")
    page.locator("#field-number").focus()
    page.keyboard.type(appeal["number"])
    page.keyboard.press("Tab")
    page.keyboard.type(appeal["access_code"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    link = page.locator('a[href^="https://t.me/ochiq_portal_bot?start="]')
    assert link.count() == 1
    screenshot(page, f"appeal-link-{screen}")
    assert appeal["access_code"] not in link.get_attribute("href")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    context.close()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_follower_is_offered_telegram_in_the_follow_box(telegram_server, browser, screenshot,
                                                         screen, with_plugins, clean_db):
    factories.User(name="kuzatuvchi", password="Tashkent-2026-follow")
    factories.Organization(name="moliya", title="Moliya boshqarmasi")
    helpers.call_action("follow_subscribe", context={"user": "kuzatuvchi"},
                        subject_type="organization", id="moliya", language="ru")
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{telegram_server}/ru/user/login")
    page.fill("#field-login", "kuzatuvchi")
    page.fill("#field-password", "Tashkent-2026-follow")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"{telegram_server}/ru/organization/moliya")
    box = page.locator(".follow-box")
    button = box.locator(".follow-telegram button")
    assert button.inner_text() == "Сообщать и в Telegram"
    tab_to(page, ".follow-telegram button")  # reachable with the keyboard
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    box.scroll_into_view_if_needed()
    screenshot(page, f"follow-box-{screen}")
    context.close()

"""Every kind of page of the demo portal on a phone (390 x 844): nothing wider than the screen,
a dataset's files within the first screen, and charts whose words can be read."""
from __future__ import annotations

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.demo import loader

from .keyboard import track, type_into

pytestmark = pytest.mark.system

PHONE = {"width": 390, "height": 844}
LONG_NAME = ("Qishloq xoʻjaligi, suv xoʻjaligi va ekologiya masalalari boʻyicha hududiy "
             "boshqarma qoshidagi muvofiqlashtirish boʻlimi")
PASSWORD = "Tashkent-2026-phone"
STAFF = {"inbox", "dashboard"}
PAGES = {
    "home": "/", "datasets": "/dataset/", "dataset": "/dataset/{dataset}",
    "resource": "/dataset/{dataset}/resource/{resource}", "organizations": "/organization/",
    "organization": "/organization/{organization}", "open-data": "/open-data",
    "budget": "/open-data/budget", "procurement": "/open-data/procurement",
    "projects": "/open-data/projects", "open-data-appeals": "/open-data/appeals",
    "dialogue": "/dialogue", "event": "/dialogue/event/{event}", "archive": "/dialogue/archive",
    "consultations": "/consultations", "draft": "/consultations/{draft}", "appeals": "/appeals",
    "appeal-form": "/appeals/new", "tracking": "/appeals/track", "tracked": "tracked",
    "receptions": "/appeals/receptions", "statistics": "/appeals/statistics",
    "rating": "/rating", "rating-department": "/rating/department/{organization}",
    "inbox": "/appeals/inbox", "dashboard": "/dashboard/", "about": "/about",
    "login": "/user/login", "register": "/user/register",
}
_site: dict = {}


@pytest.fixture
def site(with_plugins, reset_db, reset_index):
    """The demo loaded (once) into the test database, a staff member and an appeal to track."""
    if not _site:
        reset_db()
        reset_index()
        loader.load(echo=lambda line: None)
        datasets = call_action("package_search", q="*:*", rows=1000)["results"]
        budget = next(d for d in datasets if d["type"] == "budget-execution" and d["resources"])
        organization = budget["organization"]["name"]
        factories.Sysadmin(name="navbatchi", password=PASSWORD)
        factories.Organization(name="uzun-nomli-bolim", title=LONG_NAME)
        call_action("appeal_submit", context={"user": ""}, type="proposal", topic="heating",
                    owner_org="uzun-nomli-bolim", subject="Issiqlik", text="Taklif matni.",
                    full_name="Karimov Anvar", address="Sergeli 2-7", consent=True)
        receipt = call_action("appeal_submit", context={"user": ""}, type="application",
                              topic="heating", owner_org=organization,
                              subject="Koʻcha chiroqlari yonmayapti",
                              text="Uch kundan beri chiroqlar oʻchiq.", full_name="Aliyev Botir",
                              address="Chilonzor 9-14", consent=True)
        _site.update(
            dataset=budget["name"], resource=budget["resources"][0]["id"],
            organization=organization, receipt=receipt,
            event=call_action("event_list", when="all", limit=1)["results"][0]["name"],
            draft=call_action("consultation_list")["results"][0]["name"])
    return _site


_contexts: dict = {}


def _phone(browser, live_server, staff: bool):
    """One phone per kind of visitor for the whole module; the staff member signs in once."""
    if staff not in _contexts:
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                      has_touch=True)
        page = context.new_page()
        if staff:
            page.goto(f"{live_server}/uz/user/login")
            type_into(page, "#field-login", "navbatchi")
            type_into(page, "#field-password", PASSWORD)
            with page.expect_navigation():
                page.keyboard.press("Enter")
        _contexts[staff] = page
    return _contexts[staff]


def _open(page, live_server, site, locale: str, kind: str) -> None:
    if kind == "tracked":
        track(page, f"{live_server}/{locale}/appeals/track", site["receipt"]["number"],
              site["receipt"]["access_code"])
        return
    answer = page.goto(f"{live_server}/{locale}{PAGES[kind].format(**site)}")
    assert answer.status == 200, f"{kind}: {answer.status}"


WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width && box.right > width + 1;
  }).slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
                        + ` right=${Math.round(e.getBoundingClientRect().right)}`);
}"""


@pytest.mark.parametrize("locale", ["uz", "ru"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_fits_a_phone(live_server, browser, site, screenshot, kind, locale):
    page = _phone(browser, live_server, kind in STAFF)
    _open(page, live_server, site, locale, kind)
    screenshot(page, "phone")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{kind} is {width} px wide: {page.evaluate(WIDEST)}"


def test_a_dataset_shows_its_files_within_the_first_screen(live_server, browser, site):
    page = _phone(browser, live_server, False)
    _open(page, live_server, site, "uz", "dataset")
    first = page.locator(".resource-item").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], first


CHART_TEXT = """() => [...document.querySelectorAll('svg text')].filter(t =>
    t.textContent.trim() && getComputedStyle(t).display !== 'none').map(t => {
  const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
  return {text: t.textContent, height: box.height, left: box.left - svg.left,
          right: svg.right - box.right};
})"""


@pytest.mark.parametrize("kind", ["statistics", "budget", "procurement", "projects",
                                  "open-data-appeals", "rating-department"])
def test_chart_text_is_readable_on_a_phone(live_server, browser, site, kind):
    page = _phone(browser, live_server, False)
    _open(page, live_server, site, "ru", kind)
    texts = page.evaluate(CHART_TEXT)
    assert texts
    small = [t for t in texts if t["height"] < 11]
    assert not small, f"{len(small)} of {len(texts)} labels under 11 px: {small[:3]}"
    clipped = [t for t in texts if t["left"] < -0.5 or t["right"] < -0.5]
    assert not clipped, f"labels cut at the chart's edge: {clipped[:3]}"


DEPARTMENT_LABELS = """() => {
  const chart = document.querySelector('#by-department').parentElement.querySelector('svg');
  return [...chart.querySelectorAll('text')].filter(t => t.querySelector('tspan')).map(t => ({
    shown: [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' '),
    title: t.querySelector('title') ? t.querySelector('title').textContent : null}));
}"""


def test_department_names_are_whole_or_end_in_an_ellipsis_with_the_full_name(
        live_server, browser, site):
    page = _phone(browser, live_server, False)
    _open(page, live_server, site, "uz", "statistics")
    names = page.locator("#by-department ~ .table-responsive tbody th").all_inner_texts()
    labels = page.evaluate(DEPARTMENT_LABELS)
    assert len(labels) == len(names) and LONG_NAME in names
    for name, label in zip(names, labels):
        if label["shown"] == name:
            continue
        assert label["shown"].endswith("…") and label["title"] == name, label
        kept = label["shown"][:-1]
        assert name.startswith(kept) and name[len(kept)] == " ", f"cut mid-word: {label}"
    assert any(label["title"] == LONG_NAME for label in labels)


def test_the_staff_inbox_keeps_numbers_whole_and_its_filters_look_like_choices(
        live_server, browser, site):
    page = _phone(browser, live_server, True)
    _open(page, live_server, site, "ru", "inbox")
    numbers = page.locator("tbody th a[href*='/appeals/inbox/']")
    assert numbers.count() > 10
    lines = numbers.evaluate_all("links => links.map(a => a.getClientRects().length)")
    assert set(lines) == {1}, "an appeal number is broken over two lines"
    arrows = page.locator("form[action$='/appeals/inbox'] select").evaluate_all(
        "selects => selects.map(s => getComputedStyle(s).backgroundImage)")
    assert len(arrows) == 5 and all("svg" in arrow for arrow in arrows), arrows


def test_facets_show_whole_department_names(live_server, browser, site):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server}/uz/dataset/")
    labels = page.locator(".nav-facet .item-label").all_inner_texts()
    page.context.close()
    assert "Murojaatlar bilan ishlash va nazorat boʻlimi" in labels
    assert not [label for label in labels if label.endswith("...")]


def test_department_cards_take_the_width_of_a_phone(live_server, browser, site):
    """CKAN floats its cards at 178 px: on a phone they stood in the left half of the screen and
    a department's name broke inside its words."""
    page = _phone(browser, live_server, False)
    _open(page, live_server, site, "ru", "organizations")
    grid = page.locator(".media-grid").bounding_box()
    cards = page.locator(".media-grid .media-item").evaluate_all(
        "cards => cards.map(c => c.getBoundingClientRect().width)")
    assert len(cards) > 5
    assert min(cards) >= grid["width"] * 0.85, (grid["width"], cards)


SEARCH_FIELD = """() => {
  const field = document.querySelector('.masthead .site-search input');
  const button = document.querySelector('.masthead .site-search button');
  const box = field.getBoundingClientRect();
  return {textEnds: box.right - parseFloat(getComputedStyle(field).paddingRight),
          buttonStarts: button.getBoundingClientRect().left};
}"""


def test_the_header_search_words_end_before_its_button(live_server, browser, site):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server}/uz_Cyrl/dataset/{site['dataset']}")
    edges = page.evaluate(SEARCH_FIELD)
    page.context.close()
    assert edges["textEnds"] <= edges["buttonStarts"], edges

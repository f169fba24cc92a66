"""The widgets for other sites: every figure as an SVG badge (valid XML) and an HTML card, in the
four languages; cached for everyone, without cookies or script, framable only where they are;
the page that lists them with their embed code."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories

from ..test_security_headers import directives

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ("appeals", "schedule", "event", "drafts", "rating", "updates")
# the badge's label of the appeals figure in each language
APPEALS_LABEL = {"uz": "Shu oydagi murojaatlar", "uz_Cyrl": "Шу ойдаги мурожаатлар",
                 "ru": "Обращения за этот месяц", "en": "Appeals this month"}

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _embeddable(answer) -> None:
    assert answer.status_code == 200
    assert "Set-Cookie" not in answer.headers
    cache = answer.headers["Cache-Control"]
    assert "public" in cache and "max-age=300" in cache and "private" not in cache
    policy = directives(answer)
    assert policy["script-src"] == "'none'" and policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in answer.headers


@pytest.mark.parametrize("name", NAMES)
def test_a_badge_is_valid_svg_with_its_text(app, name):
    answer = app.get(f"/widgets/{name}.svg")
    _embeddable(answer)
    assert answer.headers["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(answer.body)
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert len(texts) == 2 and all(texts)
    assert root.find(f"{SVG}title").text == f"{texts[0]}: {texts[1]}"
    assert not list(root.iter(f"{SVG}script"))


@pytest.mark.parametrize("locale", list(APPEALS_LABEL))
def test_badges_and_cards_speak_the_four_languages(app, locale):
    prefix = "" if locale == "en" else f"/{locale}"
    root = ET.fromstring(app.get(f"{prefix}/widgets/appeals.svg").body)
    assert [t.text for t in root.iter(f"{SVG}text")][0] == APPEALS_LABEL[locale]
    card = BeautifulSoup(app.get(f"{prefix}/widgets/appeals.html").body, "html.parser")
    assert card.find("h3").get_text(strip=True) == APPEALS_LABEL[locale]


@pytest.mark.parametrize("name", NAMES)
def test_a_card_is_a_page_without_script_whose_links_leave_the_frame(app, name):
    answer = app.get(f"/ru/widgets/{name}.html")
    _embeddable(answer)
    page = BeautifulSoup(answer.body, "html.parser")
    assert page.html["lang"] == "ru"
    assert not page.find_all("script") and not page.find_all("form")
    links = page.find_all("a")
    assert links and all(a["target"] == "_blank" and a["href"].startswith("http://test.ckan.net")
                         for a in links)


def test_a_signed_in_visitor_gets_the_same_public_widget(app):
    user = factories.Sysadmin()
    token = factories.APIToken(user=user["name"])["token"]
    answer = app.get("/widgets/rating.html", headers={"Authorization": token})
    _embeddable(answer)


@pytest.mark.ckan_config("ckanext.transparency.widgets.frame_ancestors", "https://kira.uz")
def test_only_the_widgets_may_be_framed_and_only_by_the_sites_configured(app):
    assert directives(app.get("/widgets/drafts.html"))["frame-ancestors"] == "https://kira.uz"
    for page in ("/", "/widgets"):
        answer = app.get(page)
        assert directives(answer)["frame-ancestors"] == "'none'"
        assert answer.headers["X-Frame-Options"] == "DENY"


def test_an_unknown_widget_is_not_found_in_the_readers_language(app):
    answer = app.get("/ru/widgets/nothing.svg", status=404)
    assert "Такого виджета нет" in answer.body


def test_the_widgets_page_gives_the_code_of_each(app):
    page = BeautifulSoup(app.get("/uz_Cyrl/widgets").body, "html.parser")
    codes = {area["id"]: area.get_text() for area in page.find_all("textarea")}
    for name in NAMES:
        badge = BeautifulSoup(codes[f"code-{name}-badge"], "html.parser")
        assert badge.img["src"] == f"http://test.ckan.net/uz_Cyrl/widgets/{name}.svg"
        card = BeautifulSoup(codes[f"code-{name}-card"], "html.parser")
        assert card.iframe["src"] == f"http://test.ckan.net/uz_Cyrl/widgets/{name}.html"
        assert card.iframe["title"]
    assert page.find("iframe", src="http://test.ckan.net/uz_Cyrl/widgets/rating.html")
    # a badge copied today links to the section, not to this month's figures
    badge = BeautifulSoup(codes["code-appeals-badge"], "html.parser")
    assert badge.a["href"] == "http://test.ckan.net/uz_Cyrl/appeals/statistics"


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
@pytest.mark.ckan_config("ckan.cache_enabled", "true")
def test_a_browser_signed_in_gets_no_cookie_from_a_widget(app):
    """The widget's answer is kept by shared caches: it must never carry a visitor's session."""
    factories.User(name="kotib", password="correct-Horse-7-battery")
    login_page = app.get("/user/login").body
    csrf = re.search(r'name="_csrf_token" value="([^"]+)"', login_page).group(1)
    login = app.post("/user/login", data={"login": "kotib", "password": "correct-Horse-7-battery",
                                          "_csrf_token": csrf}, follow_redirects=False)
    assert login.status_code == 302
    for url in ("/widgets/appeals.svg", "/ru/widgets/rating.html"):
        _embeddable(app.get(url))

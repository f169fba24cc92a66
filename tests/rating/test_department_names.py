"""The rating's pages name each department in the reader's language (its `title_ru`,
`title_en` or `title_uz_Cyrl`, else its Uzbek title in the reader's script)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import helpers

from .test_pages import get

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)

NAMES = {"uz": "Ichimlik suvi", "uz_Cyrl": "Ичимлик суви", "ru": "Управление питьевой воды",
         "en": "Drinking Water Department"}


@pytest.fixture
def published(february, freezer):
    helpers.call_action("organization_patch", context={"user": "sysadmin"},
                        id="water", extras=[{"key": "title_ru", "value": NAMES["ru"]},
                                            {"key": "title_en", "value": NAMES["en"]}])
    helpers.call_action("openness_rating_compute", period="2026-02")
    helpers.call_action("openness_rating_publish", period="2026-02")
    from freezegun.api import real_datetime
    freezer.move_to(real_datetime.now())


@pytest.mark.parametrize("locale", ["uz", "uz_Cyrl", "ru", "en"])
def test_ranking_and_department_page_in_the_readers_language(app, published, locale):
    page = BeautifulSoup(get(app, f"/{locale}/rating").body, "html.parser")
    link = page.find("a", href=lambda href: href and "/rating/department/water" in href)
    assert link.get_text(strip=True) == NAMES[locale]
    page = BeautifulSoup(get(app, f"/{locale}/rating/department/water").body, "html.parser")
    assert page.find_all("h1")[-1].get_text(strip=True) == NAMES[locale]
    assert NAMES[locale] in page.find("svg").find("title").get_text()

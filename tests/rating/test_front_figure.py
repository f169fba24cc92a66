"""The rating figure of the home page: nothing until a rating is published (a computed, internal
one is not shown, even to a sysadmin's page), then the best and the weakest rated departments."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories, helpers

from .conftest import act

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)


@pytest.fixture
def computed(february):
    helpers.call_action("openness_rating_compute", period="2026-02")
    return february


def _figure() -> dict:
    return helpers.call_action("front_page_figures", context={"user": "", "ignore_auth": False},
                               name="rating")["figures"][0]


def test_no_rating_before_one_is_published(computed, app):
    assert _figure()["data"] == {"period": None, "top": [], "bottom": []}
    assert _figure()["badge"]["value"] == "not published yet"
    token = factories.APIToken(user="sysadmin")["token"]
    page = app.get("/ru/", headers={"Authorization": token}).body
    assert "Рейтинг ещё не опубликован." in page


def test_the_published_rating_with_its_best_and_weakest(computed, app):
    act("openness_rating_publish", "sysadmin", period="2026-02")
    shown = helpers.call_action("openness_rating_show", period="2026-02")
    water = next(d for d in shown["departments"] if d["organization"] == "water")
    figure = _figure()
    assert figure["data"]["period"] == "2026-02" and figure["data"]["rated"] == 1
    assert figure["data"]["top"] == [{"organization": "water", "title": "Ichimlik suvi",
                                      "rank": 1, "score": water["score"], "change": None}]
    assert figure["data"]["bottom"] == []  # heating has too few records to be rated
    assert figure["evidence"] == "http://test.ckan.net/rating"
    assert figure["badge"]["value"].startswith("1. Ichimlik suvi · ")
    page = BeautifulSoup(app.get("/uz_Cyrl/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-rating"})
    assert card.find("a", href="http://test.ckan.net/uz_Cyrl/rating/department/water")\
        .get_text() == "Ичимлик суви"

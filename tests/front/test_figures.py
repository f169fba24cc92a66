"""The front page figures come from the loaded feature plugins (IFrontPageFigures): a feature left
out has no card and no widget; the latest updates are the portal's own."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import config
from ckan.tests import factories
from ckan.tests.helpers import call_action

WITHOUT_DIALOGUE = " ".join(name for name in config["ckan.plugins"]
                            if name != "transparency_dialogue")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _cards(app, url: str) -> list[str]:
    page = BeautifulSoup(app.get(url).body, "html.parser")
    return [a["aria-labelledby"].removeprefix("front-figure-")
            for a in page.select(".portal-home-figures article")]


def test_every_feature_gives_its_figure_in_order(app):
    names = [f["name"] for f in call_action("front_page_figures")["figures"]]
    assert names == ["appeals", "schedule", "event", "drafts", "rating", "updates"]
    assert _cards(app, "/") == names


@pytest.mark.ckan_config("ckan.plugins", WITHOUT_DIALOGUE)
def test_a_feature_left_out_has_no_card_and_no_widget(app):
    assert not p.plugin_loaded("transparency_dialogue")
    assert "event" not in [f["name"] for f in call_action("front_page_figures")["figures"]]
    assert _cards(app, "/") == ["appeals", "schedule", "drafts", "rating", "updates"]
    app.get("/widgets/event.svg", status=404)
    assert "/widgets/event.html" not in app.get("/widgets").body


def test_an_unknown_figure_is_refused_in_the_readers_language(app):
    with pytest.raises(tk.ValidationError) as error:
        call_action("front_page_figures", name="weather")
    assert error.value.error_dict == {"name": ["There is no such figure"]}
    answer = app.get("/ru/api/3/action/front_page_figures?name=weather", status=409)
    assert answer.json["error"]["name"] == ["Такого показателя нет"]


def test_the_latest_updates_newest_first(app):
    organization = factories.Organization(title="Moliya boshqarmasi")
    for name in ("birinchi", "ikkinchi", "uchinchi"):
        factories.Dataset(name=name, title=f"Toʻplam {name}", owner_org=organization["id"])
    private = factories.Dataset(name="yopiq", private=True, owner_org=organization["id"])
    [figure] = call_action("front_page_figures", name="updates")["figures"]
    assert [d["name"] for d in figure["data"]["latest"]] == ["uchinchi", "ikkinchi", "birinchi"]
    assert private["name"] not in str(figure)
    assert figure["badge"]["value"].endswith("· Toʻplam uchinchi")
    page = BeautifulSoup(app.get("/uz_Cyrl/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-updates"})
    assert card.find("a", href="http://test.ckan.net/uz_Cyrl/dataset/uchinchi")\
        .get_text() == "Тўплам учинчи"


def test_the_latest_updates_when_nothing_is_published(app):
    [figure] = call_action("front_page_figures", name="updates")["figures"]
    assert figure["data"] == {"datasets": 0, "latest": []}
    assert "Данные пока не опубликованы." in app.get("/ru/").body

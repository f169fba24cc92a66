"""The drafts figure of the home page: drafts open for discussion, closing soonest first, with the
days left; drafts not yet open are not counted."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests.helpers import call_action

from .conftest import days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")


def test_no_draft_open(make_draft, app):
    make_draft(opens_on=days(5), closes_on=days(25))  # announced, not open yet
    [figure] = call_action("front_page_figures", name="drafts")["figures"]
    assert figure["data"] == {"open": 0, "drafts": []}
    assert figure["badge"]["value"] == "none now"
    assert "Сейчас нет проектов на обсуждении." in app.get("/ru/").body


def test_open_drafts_closing_soonest_first_with_the_days_left(make_draft, app):
    for n, closing in enumerate((30, 16, 20, 15)):
        make_draft(name=f"loyiha-{n}", title=f"Loyiha {n}", closes_on=days(closing))
    make_draft(name="kelgusi", opens_on=days(5), closes_on=days(25))
    [figure] = call_action("front_page_figures", name="drafts")["figures"]
    assert figure["data"]["open"] == 4
    assert [(d["name"], d["days_left"]) for d in figure["data"]["drafts"]] == [
        ("loyiha-3", 15), ("loyiha-1", 16), ("loyiha-2", 20)]
    assert figure["evidence"] == "http://test.ckan.net/consultations"
    assert figure["badge"]["value"] == "4"
    page = BeautifulSoup(app.get("/ru/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-drafts"})
    items = [" ".join(li.get_text(" ").split()) for li in card.find_all("li")]
    assert items == ["Loyiha 3 осталось 15 дней", "Loyiha 1 осталось 16 дней",
                     "Loyiha 2 осталось 20 дней"]
    assert "4 проекта открыты для ваших предложений" in " ".join(card.get_text(" ").split())

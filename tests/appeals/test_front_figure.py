"""The appeals figure of the home page: appeals received this month, the share answered on time
and the change of both from last month, from appeals made and answered through the actions."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import helpers

from .conftest import age, submit

pytestmark = pytest.mark.usefixtures("people")


def answer(number: str) -> None:
    helpers.call_action("appeal_answer", context={"user": "sysadmin"}, id=number,
                        outcome="explained", answer="An answer of proper length.")


@pytest.fixture
def two_months(freezer):
    """November: two applications, one answered on time (2 days), one late (31 days);
    December (today, the 2nd): three, one answered the day it came."""
    freezer.move_to("2026-12-02 06:00:00")
    on_time = submit(subject="November, on time")["number"]
    age(on_time, 2)
    answer(on_time)
    late = submit(subject="November, late")["number"]
    age(late, 31)
    answer(late)
    december = [submit(subject=f"December {i}")["number"] for i in range(3)]
    answer(december[0])


def test_received_this_month_and_on_time_share_with_the_change(two_months, app):
    [figure] = helpers.call_action("front_page_figures", name="appeals")["figures"]
    assert figure["data"] == {
        "month": "2026-12", "previous_month": "2026-11", "received": 3, "received_change": 1,
        "answered": 1, "on_time_share": 100.0, "previous_on_time_share": 50.0,
        "on_time_change": 50.0}
    assert figure["evidence"] == "http://test.ckan.net/appeals/statistics/2026-12"
    assert figure["badge"] == {"label": "Appeals this month",
                               "value": "3 received · 100% on time"}
    page = BeautifulSoup(app.get("/ru/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-appeals"})
    assert card.h3.a["href"] == "http://test.ckan.net/ru/appeals/statistics/2026-12"
    text = " ".join(card.get_text(" ").split())
    assert "3 обращений поступило в этом месяце · +1 к прошлому месяцу" in text
    assert "100% рассмотрено в срок · +50,0 п. п. к прошлому месяцу" in text


def test_a_month_without_answers_says_so(freezer, app):
    freezer.move_to("2026-12-02 06:00:00")
    submit(subject="Not answered yet")
    [figure] = helpers.call_action("front_page_figures", name="appeals")["figures"]
    assert figure["data"]["received"] == 1 and figure["data"]["on_time_share"] is None
    assert figure["badge"]["value"] == "1 received"
    page = app.get("/uz/").body
    assert "Shu oyda kelib tushgan murojaatlarga hali javob berilmagan." in page

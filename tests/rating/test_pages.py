"""The pages: /rating (ranking), the department page (evidence, history chart and table) and
the methodology, with the visibility rules."""
from __future__ import annotations

import pytest

from ckan.tests import helpers

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)


def get(app, url, user=None, status=200):
    """A page as `user` (an API token, as CKAN's tests do)."""
    app.client.environ_base.pop("HTTP_AUTHORIZATION", None)
    if user:
        app.client.environ_base["HTTP_AUTHORIZATION"] = helpers.call_action(
            "api_token_create", context={"user": user}, user=user, name="t")["token"]
    return app.get(url, status=status)


@pytest.fixture
def computed(february, freezer):
    helpers.call_action("openness_rating_compute", period="2026-01", as_of="2026-02-01")
    helpers.call_action("openness_rating_compute", period="2026-02")
    from freezegun.api import real_datetime
    freezer.move_to(real_datetime.now())  # logging in with a token needs the real clock
    return february


def test_internal_pages(app, computed):
    page = get(app, "/rating?period=2026-02", user="heating_member").body
    assert "Ichimlik suvi" in page and "55.0" in page and "internal" in page
    get(app, "/rating?period=2026-02", status=403)
    get(app, "/rating/department/water?period=2026-02", status=403)


def test_published_pages(app, computed):
    helpers.call_action("openness_rating_publish", period="2026-01")
    helpers.call_action("openness_rating_publish", period="2026-02")
    page = get(app, "/rating").body
    assert "2026-02" in page and "Ichimlik suvi" in page and "Yellow" in page
    assert "/rating/department/water" in page
    page = get(app, "/rating/department/water?period=2026-02").body
    assert "<svg" in page and "Xaridlar C" in page and "2026-02-15" in page
    assert "Brifing 20" in page and "<td>Cancelled</td>" in page  # codes in words
    assert "<th scope=\"col\">Days late</th>" in page and "days_late" not in page
    assert "Not rated" in page  # January, in the history table
    assert "Fuqaro" not in page and "f@example.uz" not in page
    get(app, "/rating/department/nowhere", status=404)
    get(app, "/rating?period=someday", status=400)


def test_methodology_page(app, computed):
    page = get(app, "/rating/methodology").body
    assert "71" in page and "55" in page and "Minimum sample" in page
    assert "Last computation" in page and "never" not in page


def test_the_ranking_defaults_to_a_kind_of_period_that_rates(app, february, freezer,
                                                             monkeypatch):
    """Too few records in a month: /rating shows the quarter, where departments are rated."""
    import ckan.plugins.toolkit as tk
    monkeypatch.setitem(tk.config, "ckanext.transparency.rating.minimum_sample", 1000)
    helpers.call_action("openness_rating_compute", period="2026-02")
    monkeypatch.setitem(tk.config, "ckanext.transparency.rating.minimum_sample", 3)
    helpers.call_action("openness_rating_compute", period="2026-Q1")
    for period in ("2026-02", "2026-Q1"):
        helpers.call_action("openness_rating_publish", period=period)
    from freezegun.api import real_datetime
    freezer.move_to(real_datetime.now())
    page = get(app, "/rating").body
    assert "2026-Q1" in page and "49.5" in page
    page = get(app, "/rating?kind=month").body
    assert "2026-02" in page and "2026-Q1" not in page

"""The SVG bar chart: long category names are wrapped to the width of their group of bars
(on the procurement chart 'Eng yaxshi takliflarni tanlash' ran into the next method)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from ckanext.transparency.opendata import charts

METHODS = ["Tender", "Auksion", "Eng yaxshi takliflarni tanlash", "Toʻgʻridan-toʻgʻri shartnoma",
           "Elektron doʻkon"]


def test_long_category_names_are_wrapped_within_their_group():
    svg = BeautifulSoup(charts.bar_chart("t", METHODS, [("a", [5, 4, 3, 2, 1])]), "html.parser")
    group = (charts.WIDTH - charts.LEFT - charts.RIGHT) / len(METHODS)
    labels = [t for t in svg.find_all("text") if t.find("tspan")]
    assert len(labels) == len(METHODS)
    for label in labels:
        for line in label.find_all("tspan"):
            assert len(line.get_text()) * charts.LETTER <= group
    assert [" ".join(t.get_text() for t in label.find_all("tspan")) for label in labels] == METHODS
    assert [r.find("title").get_text().split(",")[0] for r in svg.find_all("rect")
            if r.find("title")] == METHODS  # the whole name on hovering


def test_a_name_past_two_lines_is_shortened():
    assert charts.wrap("Bir ikki uch toʻrt besh olti yetti", 9) == ["Bir ikki", "uch toʻr…"]

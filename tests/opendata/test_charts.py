"""The SVG bar chart names each category on a line of its own above its bars, so long names
never run into the next one (on the old vertical procurement chart 'Eng yaxshi takliflarni
tanlash' did); a name past two lines is cut between words and keeps its whole text on hover."""
from __future__ import annotations

from bs4 import BeautifulSoup

from ckanext.transparency import svg_charts

METHODS = ["Tender", "Auksion", "Eng yaxshi takliflarni tanlash", "Toʻgʻridan-toʻgʻri shartnoma",
           "Elektron doʻkon"]


def test_each_category_name_is_whole_on_its_own_line():
    svg = BeautifulSoup(svg_charts.bar_chart("t", METHODS, [("a", [5, 4, 3, 2, 1])]),
                        "html.parser")
    names = [t for t in svg.find_all("text") if t.get("font-weight") == "bold"]
    assert [" ".join(s.get_text() for s in t.find_all("tspan")) for t in names] == METHODS
    ys = [float(t["y"]) for t in names]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert [r.find("title").get_text().split(",")[0] for r in svg.find_all("rect")
            if r.find("title")] == METHODS  # the whole name on hovering a bar


def test_a_name_past_two_lines_is_cut_between_words():
    name = "Toshkent viloyati ichimlik suvi taʼminoti va kanalizatsiya boshqarmasi " * 2
    lines, cut = svg_charts.label_lines(name.strip())
    assert cut and len(lines) == 2 and lines[-1].endswith("…")
    assert all(len(line) <= svg_charts.LABEL_CHARS for line in lines)
    assert lines[-1][:-1].split()[-1] in name.split()  # no word broken in the middle
    svg = BeautifulSoup(svg_charts.bar_chart("t", [name.strip()], [("a", [1])]), "html.parser")
    label = next(t for t in svg.find_all("text") if t.get("font-weight") == "bold")
    assert label.find("title").get_text() == name.strip()

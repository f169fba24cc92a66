"""Server-side SVG charts: no script, no network. Every chart is shown with a table of the same
numbers (the templates put one beside it); the SVG itself carries a title and a description."""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

from ckanext.transparency import svg_charts
from ckanext.transparency.i18n.formatting import transparency_short_number

COLOURS = ("#1f6fb2", "#7fb3de", "#2e8540", "#e07b00", "#8a5db5", "#c0392b")
RATE_COLOUR = "#c0392b"


def short_number(value: float) -> str:
    return transparency_short_number(value)


def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]],
              line: tuple[str, Sequence[float]] | None = None,
              description: str = "") -> Markup:
    """A group of horizontal bars per category, under its name (svg_charts: 12 px text at any
    width; a 720-wide drawing scaled to a phone had 5 px labels); `line` is a percentage per
    category, written at the end of the category's name line."""
    head = f'<title id="t">{escape(title)}</title><desc id="d">{escape(description)}</desc>'
    note = (line[0], RATE_COLOUR, lambda v: f"{v:.1f}%", line[1]) if line else None
    return svg_charts.horizontal_bars(
        categories, series, COLOURS, short_number,
        'class="opendata-chart" role="img" aria-labelledby="t d"', head=head, note=note)


def progress_bar(percent: float, label: str = "") -> Markup:
    percent = max(0.0, min(100.0, percent or 0))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" width="100" height="10" '
        f'role="img" aria-label="{escape(label)} {percent:.0f}%">'
        f'<rect width="100" height="10" fill="#e6e6e6"/>'
        f'<rect width="{percent:.1f}" height="10" fill="#2e8540"/></svg>')

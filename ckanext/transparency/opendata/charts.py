"""Server-side SVG charts: no script, no network. Every chart is shown with a table of the same
numbers (the templates put one beside it); the SVG itself carries a title and a description."""
from __future__ import annotations

import math
from typing import Sequence

from markupsafe import Markup, escape

from ckanext.transparency.i18n.formatting import transparency_short_number

COLOURS = ("#1f6fb2", "#7fb3de", "#2e8540", "#e07b00", "#8a5db5", "#c0392b")
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 50, 20, 60
LETTER = 6  # px, the mean width of a letter of the 11 px axis labels


def nice_step(maximum: float, ticks: int = 5) -> float:
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def short_number(value: float) -> str:
    return transparency_short_number(value)


def wrap(label: str, width: int, lines: int = 2) -> list[str]:
    """A category's label in at most `lines` lines of about `width` letters, the last one
    shortened with an ellipsis: long names of procurement methods ran into each other."""
    out: list[str] = []
    for word in label.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines - 1] + [" ".join(out[lines - 1:])]
    return [line if len(line) <= width else line[:max(1, width - 1)] + "…" for line in out]


def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]],
              line: tuple[str, Sequence[float]] | None = None,
              description: str = "") -> Markup:
    """Grouped bars, one group per category; `line` is an optional percentage series drawn on
    a 0-100+ % axis on the right."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = max([v for _, values in series for v in values] + [0])
    step = nice_step(top_value)
    axis_max = step * max(1, math.ceil(top_value / step))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'class="opendata-chart" role="img" aria-labelledby="t d" '
             f'preserveAspectRatio="xMidYMid meet" width="100%">',
             f'<title id="t">{escape(title)}</title><desc id="d">{escape(description)}</desc>']
    value = 0.0
    while value <= axis_max + 1e-9:
        y = TOP + plot_h - plot_h * value / axis_max
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{short_number(value)}</text>')
        value += step
    group_w = plot_w / max(1, len(categories))
    bar_w = group_w * 0.8 / max(1, len(series))
    for c, category in enumerate(categories):
        x0 = LEFT + c * group_w + group_w * 0.1
        for s, (label, values) in enumerate(series):
            v = values[c] or 0
            h = plot_h * v / axis_max
            parts.append(f'<rect x="{x0 + s * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{bar_w * 0.95:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(category)}, '
                         f'{escape(label)}: {v:,.0f}</title></rect>')
        x = x0 + group_w * 0.4
        lines = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
                        for i, line in enumerate(wrap(category, int(group_w / LETTER))))
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" font-size="11" '
                     f'text-anchor="middle">{lines}</text>')
    if line:
        label, values = line
        line_max = max(100.0, *[v or 0 for v in values])
        points = []
        for c, v in enumerate(values):
            x = LEFT + c * group_w + group_w / 2
            y = TOP + plot_h - plot_h * (v or 0) / line_max
            points.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#c0392b">'
                         f'<title>{escape(label)}: {v:.1f}%</title></circle>'
                         f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" '
                         f'text-anchor="middle" fill="#c0392b">{v:.1f}%</text>')
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#c0392b" '
                     f'stroke-width="2"/>')
    legend = [(label, COLOURS[i % len(COLOURS)]) for i, (label, _) in enumerate(series)]
    if line:
        legend.append((line[0], "#c0392b"))
    x = LEFT
    for label, colour in legend:
        parts.append(f'<rect x="{x}" y="{HEIGHT - 22}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{HEIGHT - 12}" font-size="12">{escape(label)}</text>')
        x += 28 + 8 * len(label)  # 12 px text: Cyrillic letters are up to 8 px wide
    parts.append("</svg>")
    return Markup("".join(parts))


def progress_bar(percent: float, label: str = "") -> Markup:
    percent = max(0.0, min(100.0, percent or 0))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" width="100" height="10" '
        f'role="img" aria-label="{escape(label)} {percent:.0f}%">'
        f'<rect width="100" height="10" fill="#e6e6e6"/>'
        f'<rect width="{percent:.1f}" height="10" fill="#2e8540"/></svg>')

"""The portal's server-side SVG charts (no script, no network): bars, a line over bands and a
progress bar. Every page shows the same numbers in a table beside a chart.

They stay readable on a 390 px phone: no viewBox, so text is drawn at its own size (12 px) at
any width, and lengths along the bars or the periods are percentages of the width the page
gives. Each category's name has a line of its own above its bars, wrapped between words; a name
too long for two lines ends in an ellipsis and carries its full text in a <title>."""
from __future__ import annotations

from typing import Callable, Sequence

from markupsafe import Markup, escape

from ckanext.transparency.i18n.formatting import transparency_short_number

FONT = 12
LINE = 16
BAR, BAR_GAP, GROUP_GAP = 12, 3, 12
LABEL_CHARS = 40  # 12 px letters, Cyrillic up to 8 px wide: 40 fit the 358 px of a phone
BAR_SHARE = 78  # % of the width the longest bar takes; the rest is room for its value
LEGEND_WIDTH = 330  # legend entries wrap to fit a phone
COLOURS = ("#1f6fb2", "#7fb3de", "#2e8540", "#e07b00", "#8a5db5", "#c0392b")
RATE_COLOUR = "#c0392b"
LINE_HEIGHT, LINE_PAD_BOTTOM, LINE_PAD_TOP = 240, 28, 10
LINE_LEFT, LINE_RIGHT = 10.0, 91.0  # % of the width: room for the marks and half a period's name


def label_lines(text: str, chars: int = LABEL_CHARS, lines: int = 2) -> tuple[list[str], bool]:
    """`text` in at most `lines` lines of at most `chars` letters, broken between words;
    (lines, whether something was left out: the last line then ends in an ellipsis)."""
    out: list[str] = []
    for word in str(text).split():
        if out and len(f"{out[-1]} {word}") <= chars:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) <= lines and all(len(line) <= chars for line in out):
        return out, False
    out = out[:lines]
    last = out[-1]
    while len(last) > chars - 1 and " " in last:
        last = last.rsplit(" ", 1)[0]
    out[-1] = last[:chars - 1].rstrip(" ,;:-") + "…"  # one word longer than a line is cut
    return out, True


def _label(x: str, y: float, text: str, anchor: str = "start", colour: str = "#212529",
           weight: str = "normal") -> tuple[str, int]:
    lines, cut = label_lines(text)
    tspans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
                     for i, line in enumerate(lines))
    title = f"<title>{escape(text)}</title>" if cut else ""
    return (f'<text x="{x}" y="{y:.0f}" font-size="{FONT}" text-anchor="{anchor}" '
            f'fill="{colour}" font-weight="{weight}">{title}{tspans}</text>', len(lines))


def legend(entries: Sequence[tuple[str, str]], y: float) -> tuple[list[str], float]:
    """Swatches and names in rows no wider than a phone; (parts, the y below them)."""
    parts, x = [], 0
    for label, colour in entries:
        width = 22 + 8 * len(label)
        if x and x + width > LEGEND_WIDTH:
            x, y = 0, y + LINE + 4
        parts.append(f'<rect x="{x}" y="{y:.0f}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y + 11:.0f}" font-size="{FONT}">'
                     f'{escape(label)}</text>')
        x += width + 10
    return parts, y + LINE + 10


def horizontal_bars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                    colours: Sequence[str], number: Callable[[float], str],
                    attributes: str, head: str = "",
                    note: tuple[str, str, Callable[[float], str], Sequence[float]] | None = None
                    ) -> Markup:
    """One group of bars per category under its name; `note` (label, colour, format, values)
    is a figure written at the right end of each name's line (a rate beside the amounts)."""
    top = max([v or 0 for _, values in series for v in values] + [0]) or 1
    parts, y = [], 0.0
    entries = [(label, colours[i % len(colours)]) for i, (label, _) in enumerate(series)]
    if note:
        entries.append((note[0], note[1]))
    if len(entries) > 1:
        drawn, y = legend(entries, y)
        parts += drawn
    for c, category in enumerate(categories):
        text, lines = _label("0", y + FONT, category, weight="bold")
        parts.append(text)
        if note:
            parts.append(f'<text x="100%" y="{y + FONT:.0f}" font-size="{FONT}" '
                         f'text-anchor="end" fill="{note[1]}">{escape(note[2](note[3][c] or 0))}'
                         f'</text>')
        y += lines * LINE + 2
        for s, (label, values) in enumerate(series):
            value = values[c] or 0
            share = BAR_SHARE * value / top
            parts.append(
                f'<rect x="0" y="{y:.0f}" width="{share:.2f}%" height="{BAR}" '
                f'fill="{colours[s % len(colours)]}"><title>{escape(category)}, {escape(label)}: '
                f'{escape(number(value))}</title></rect>'
                f'<text x="{share:.2f}%" dx="4" y="{y + BAR - 2:.0f}" font-size="{FONT}">'
                f'{escape(number(value))}</text>')
            y += BAR + BAR_GAP
        y += GROUP_GAP
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{y:.0f}" '
                  f'{attributes}>{head}{"".join(parts)}</svg>')


def short_number(value: float) -> str:
    return transparency_short_number(value)


def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]],
              line: tuple[str, Sequence[float]] | None = None,
              description: str = "") -> Markup:
    """A group of horizontal bars per category, under its name, with a title and description
    for screen readers; `line` is a percentage per category, written at the end of the
    category's name line."""
    head = f'<title id="t">{escape(title)}</title><desc id="d">{escape(description)}</desc>'
    note = (line[0], RATE_COLOUR, lambda v: f"{v:.1f}%", line[1]) if line else None
    return horizontal_bars(
        categories, series, COLOURS, short_number,
        'class="opendata-chart" role="img" aria-labelledby="t d"', head=head, note=note)


def line_chart(points: Sequence[tuple[str, float | None]], title: str,
               bands: Sequence[tuple[float, float, str]], marks: Sequence[float],
               css_class: str) -> Markup:
    """Values from 0 to 100 over periods, oldest first ((period, value); None: a gap in the
    line), over coloured `bands` (low, high, colour) with the values `marks` written at the
    left; on a phone (css) every other period's name may be hidden: those carry the class
    "rating-chart-minor" when there are more than six."""
    plot_h = LINE_HEIGHT - LINE_PAD_BOTTOM - LINE_PAD_TOP

    def y(value: float) -> float:
        return LINE_PAD_TOP + plot_h * (1 - value / 100)

    def x(i: int) -> float:
        if len(points) < 2:
            return (LINE_LEFT + LINE_RIGHT) / 2
        return LINE_LEFT + (LINE_RIGHT - LINE_LEFT) * i / (len(points) - 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{LINE_HEIGHT}" '
             f'role="img" aria-label="{escape(title)}" class="{escape(css_class)}">',
             f"<title>{escape(title)}</title>"]
    for low, high, colour in bands:
        parts.append(f'<rect x="0" y="{y(high):.1f}" width="100%" '
                     f'height="{y(low) - y(high):.1f}" fill="{colour}"/>')
    for mark in marks:
        below = 10 if mark == 100 else -3  # each mark just above its line, 100 just below
        parts.append(f'<text x="4" y="{y(mark) + below:.1f}" font-size="{FONT}">{mark:g}</text>')
    minor = len(points) > 6
    previous = None
    for i, (period, value) in enumerate(points):
        extra = ' class="rating-chart-minor"' if minor and i % 2 else ""
        parts.append(f'<text x="{x(i):.2f}%" y="{LINE_HEIGHT - 8}" font-size="{FONT}" '
                     f'text-anchor="middle"{extra}>{escape(period)}</text>')
        if value is None:
            previous = None
            continue
        here = (x(i), y(value))
        if previous:
            parts.append(f'<line x1="{previous[0]:.2f}%" y1="{previous[1]:.1f}" '
                         f'x2="{here[0]:.2f}%" y2="{here[1]:.1f}" stroke="#1f4e79" '
                         f'stroke-width="2"/>')
        parts.append(f'<circle cx="{here[0]:.2f}%" cy="{here[1]:.1f}" r="4" fill="#1f4e79">'
                     f'<title>{escape(period)}: {value}</title></circle>')
        previous = here
    parts.append("</svg>")
    return Markup("".join(parts))


def progress_bar(percent: float, label: str = "") -> Markup:
    percent = max(0.0, min(100.0, percent or 0))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" width="100" height="10" '
        f'role="img" aria-label="{escape(label)} {percent:.0f}%">'
        f'<rect width="100" height="10" fill="#e6e6e6"/>'
        f'<rect width="{percent:.1f}" height="10" fill="#2e8540"/></svg>')

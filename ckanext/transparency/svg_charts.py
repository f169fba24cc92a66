"""Server-side SVG charts that stay readable on a 390 px phone: no viewBox, so text is drawn at
its own size (12 px) at any width, and lengths along the bars are percentages of the width the
page gives. Each category's name has a line of its own above its bars, wrapped between words;
a name too long for two lines ends in an ellipsis and carries its full text in a <title>."""
from __future__ import annotations

from typing import Callable, Sequence

from markupsafe import Markup, escape

FONT = 12
LINE = 16
BAR, BAR_GAP, GROUP_GAP = 12, 3, 12
LABEL_CHARS = 40  # 12 px letters, Cyrillic up to 8 px wide: 40 fit the 358 px of a phone
BAR_SHARE = 78  # % of the width the longest bar takes; the rest is room for its value
LEGEND_WIDTH = 330  # legend entries wrap to fit a phone


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

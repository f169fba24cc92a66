"""A badge in the style of those on code hosting sites: a grey label and a coloured value, as SVG
text that any page can show with an <img>. Widths are estimated from the number of letters (the
reader's font is not known here), generously enough for Cyrillic and wide Latin letters."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

LETTER_WIDTH = 7
PADDING = 10
HEIGHT = 20
MAX_LETTERS = 60


def _fit(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LETTERS else text[:MAX_LETTERS - 1].rstrip() + "…"


def svg(label: str, value: str, colour: str = "#0b6e4f") -> str:
    label, value = _fit(label), _fit(value)
    left = len(label) * LETTER_WIDTH + 2 * PADDING
    right = len(value) * LETTER_WIDTH + 2 * PADDING
    width = left + right
    both = f"{label}: {value}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={quoteattr(both)}>'
        f"<title>{escape(both)}</title>"
        f'<rect width="{left}" height="{HEIGHT}" rx="3" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" rx="3" fill="{colour}"/>'
        f'<rect x="{left}" width="4" height="{HEIGHT}" fill="{colour}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{PADDING}" y="14">{escape(label)}</text>'
        f'<text x="{left + PADDING}" y="14">{escape(value)}</text>'
        "</g></svg>")

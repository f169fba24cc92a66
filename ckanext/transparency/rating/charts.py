"""The score history as a server-side SVG line chart with the band areas behind it. No viewBox:
text is drawn at 12 px at any width and positions along the periods are percentages (a 640-wide
drawing scaled to a phone had 6 px labels); on a phone every other period is named."""
from __future__ import annotations

from markupsafe import Markup, escape

from . import indicators

HEIGHT, PAD_BOTTOM, PAD_TOP, FONT = 240, 28, 10, 12
LEFT, RIGHT = 10.0, 91.0  # % of the width: room for the score marks and half a period's name
COLOURS = {indicators.GREEN: "#d4edda", indicators.YELLOW: "#fff3cd", indicators.RED: "#f8d7da"}


def history_svg(points: list[dict], title: str) -> Markup:
    """points: [{"period", "score" (None: not rated)}] oldest first."""
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP

    def y(score: float) -> float:
        return PAD_TOP + plot_h * (1 - score / 100)

    def x(i: int) -> float:
        if len(points) < 2:
            return (LEFT + RIGHT) / 2
        return LEFT + (RIGHT - LEFT) * i / (len(points) - 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{HEIGHT}" '
             f'role="img" aria-label="{escape(title)}" class="rating-history-chart">',
             f"<title>{escape(title)}</title>"]
    for band, low, high in ((indicators.RED, 0, indicators.YELLOW_FROM),
                            (indicators.YELLOW, indicators.YELLOW_FROM, indicators.GREEN_FROM),
                            (indicators.GREEN, indicators.GREEN_FROM, 100)):
        parts.append(f'<rect x="0" y="{y(high):.1f}" width="100%" '
                     f'height="{y(low) - y(high):.1f}" fill="{COLOURS[band]}"/>')
    for mark in (0, 55, 71, 100):
        below = 10 if mark == 100 else -3  # each mark just above its line, 100 just below
        parts.append(f'<text x="4" y="{y(mark) + below:.1f}" font-size="{FONT}">{mark}</text>')
    minor = len(points) > 6
    previous = None
    for i, point in enumerate(points):
        extra = ' class="rating-chart-minor"' if minor and i % 2 else ""
        parts.append(f'<text x="{x(i):.2f}%" y="{HEIGHT - 8}" font-size="{FONT}" '
                     f'text-anchor="middle"{extra}>{escape(point["period"])}</text>')
        if point["score"] is None:
            previous = None
            continue
        here = (x(i), y(point["score"]))
        if previous:
            parts.append(f'<line x1="{previous[0]:.2f}%" y1="{previous[1]:.1f}" '
                         f'x2="{here[0]:.2f}%" y2="{here[1]:.1f}" stroke="#1f4e79" '
                         f'stroke-width="2"/>')
        parts.append(f'<circle cx="{here[0]:.2f}%" cy="{here[1]:.1f}" r="4" fill="#1f4e79">'
                     f'<title>{escape(point["period"])}: {point["score"]}</title></circle>')
        previous = here
    parts.append("</svg>")
    return Markup("".join(parts))

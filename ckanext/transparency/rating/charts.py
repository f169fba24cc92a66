"""The score history as a server-side SVG line chart with the band areas behind it."""
from __future__ import annotations

from markupsafe import Markup, escape

from . import indicators

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 240, 36, 28, 10
COLOURS = {indicators.GREEN: "#d4edda", indicators.YELLOW: "#fff3cd", indicators.RED: "#f8d7da"}


def history_svg(points: list[dict], title: str) -> Markup:
    """points: [{"period", "score" (None: not rated)}] oldest first."""
    plot_w, plot_h = WIDTH - PAD_LEFT - 10, HEIGHT - PAD_BOTTOM - PAD_TOP

    def y(score: float) -> float:
        return PAD_TOP + plot_h * (1 - score / 100)

    step = plot_w / max(len(points) - 1, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(title)}" class="rating-history-chart" '
             f'style="max-width:100%;height:auto">', f"<title>{escape(title)}</title>"]
    for band, low, high in ((indicators.RED, 0, indicators.YELLOW_FROM),
                            (indicators.YELLOW, indicators.YELLOW_FROM, indicators.GREEN_FROM),
                            (indicators.GREEN, indicators.GREEN_FROM, 100)):
        parts.append(f'<rect x="{PAD_LEFT}" y="{y(high):.1f}" width="{plot_w}" '
                     f'height="{y(low) - y(high):.1f}" fill="{COLOURS[band]}"/>')
    for mark in (0, 55, 71, 100):
        parts.append(f'<text x="{PAD_LEFT - 4}" y="{y(mark) + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{mark}</text>')
    line = []
    for i, point in enumerate(points):
        x = PAD_LEFT + (i * step if len(points) > 1 else plot_w / 2)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" font-size="11" '
                     f'text-anchor="middle">{escape(point["period"])}</text>')
        if point["score"] is None:
            line.append(None)
            continue
        line.append((x, y(point["score"])))
        parts.append(f'<circle cx="{x:.1f}" cy="{y(point["score"]):.1f}" r="4" fill="#1f4e79">'
                     f'<title>{escape(point["period"])}: {point["score"]}</title></circle>')
    segment: list[str] = []
    for item in line + [None]:
        if item is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                             f'stroke="#1f4e79" stroke-width="2"/>')
            segment = []
        else:
            segment.append(f"{item[0]:.1f},{item[1]:.1f}")
    parts.append("</svg>")
    return Markup("".join(parts))

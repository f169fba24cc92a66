"""A figure of the openness programme that a feature shows on the home page and offers to other
sites as a widget (an SVG badge and a small HTML card)."""
from __future__ import annotations

import dataclasses
from typing import Callable, Optional


@dataclasses.dataclass(frozen=True)
class Figure:
    name: str  # in the widget's addresses: /widgets/<name>.svg and /widgets/<name>.html
    order: int  # place on the home page, smallest first
    title: Callable[[], str]  # the figure's heading, in the reader's language
    # the figure's data, read through the feature's actions with the given context: plain
    # JSON values (numbers, names, ISO dates, addresses), the same in every language
    gather: Callable[[dict], dict]
    # the badge's two parts (label, value) in the reader's language, from the data
    badge: Callable[[dict], tuple[str, str]]
    # the card's body: a template given `figure` (the data) and `widget` (inside an iframe)
    template: str
    # the address of the evidence behind the figure, from the data
    evidence: Callable[[dict], str]
    # the figure's section, whatever the data: where a badge copied to another site links
    section: Callable[[], str] = lambda: ""
    height: int = 260  # the iframe's suggested height, px
    description: Optional[Callable[[], str]] = None

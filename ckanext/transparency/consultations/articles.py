"""Split a draft's Markdown into numbered articles and paragraphs, the units proposals anchor to.

- A Markdown heading (`#`, `##`, ...) starts an article, numbered 1, 2, 3 in order.
- Inside an article, every block of text separated by a blank line is a paragraph: 3.1, 3.2.
- Text before the first heading is article 0 (the preamble).
- A text without any heading is a list of numbered paragraphs: 1, 2, 3.
"""
from __future__ import annotations

import dataclasses
import re

import ckan.plugins.toolkit as tk

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
MAX_UNITS = 2000


@dataclasses.dataclass
class Unit:
    number: str
    level: int  # 1: article, 2: paragraph
    heading: str = ""
    text: str = ""


def _blocks(lines: list[str]) -> list[str]:
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def split(markdown: str) -> list[Unit]:
    lines = (markdown or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = HEADING.match(line)
        if match:
            sections.append((match.group(1), []))
        else:
            sections[-1][1].append(line)
    preamble = _blocks(sections[0][1])
    if len(sections) == 1:
        return [Unit(str(i), 1, text=block) for i, block in enumerate(preamble, 1)]
    units: list[Unit] = []
    if preamble:
        units.append(Unit("0", 1))
        units += [Unit(f"0.{i}", 2, text=b) for i, b in enumerate(preamble, 1)]
    for index, (heading, body) in enumerate(sections[1:], 1):
        units.append(Unit(str(index), 1, heading=heading or ""))
        units += [Unit(f"{index}.{i}", 2, text=b) for i, b in enumerate(_blocks(body), 1)]
    return units


def label(number: str | None) -> str:
    """A unit's number in words: "3" -> "Article 3", "3.2" -> "Paragraph 2 of article 3",
    "0.2" -> "Paragraph 2 of the preamble"."""
    if not number:
        return tk._("Whole draft")
    if number == "0":
        return tk._("Preamble")
    article, _dot, paragraph = number.partition(".")
    if not paragraph:
        return tk._("Article {number}").format(number=article)
    if article == "0":
        return tk._("Paragraph {paragraph} of the preamble").format(paragraph=paragraph)
    return tk._("Paragraph {paragraph} of article {article}").format(
        paragraph=paragraph, article=article)


def heading_has_number(number: str, heading: str | None) -> bool:
    """Whether the heading names its number itself ("1-modda. ...", "Статья 1."), so that
    the page does not number it twice."""
    return bool(re.match(rf"\W*(\w+\W+)?{re.escape(number)}(?!\d)", heading or ""))

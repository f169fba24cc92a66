"""The difference between the draft put up for discussion and the adopted text, word by word:
as segments, and as the text's Markdown rendered with <del> and <ins> in it."""
from __future__ import annotations

import difflib
import re

import nh3
from markupsafe import Markup

import ckan.plugins.toolkit as tk

from . import articles

TOKENS = re.compile(r"\s+|\w+|[^\w\s]+")


def segments(old: str, new: str) -> list[dict]:
    """[{"op": "equal" | "delete" | "insert", "text": ...}] turning `old` into `new`."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    result: list[dict] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if result and result[-1]["op"] == op:
            result[-1]["text"] += text
        else:
            result.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return result


# Private-use characters mark the changes through the Markdown renderer, which would escape tags
MARKS = {"delete": ("\ue000", "\ue001"), "insert": ("\ue002", "\ue003")}
TAGS = {"\ue000": "<del>", "\ue001": "</del>", "\ue002": "<ins>", "\ue003": "</ins>"}
# A mark opening a line goes after the line's block syntax, or the heading or item is lost
BLOCK_START = re.compile(r"^([\ue000\ue002])(\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>)[ \t]+)",
                        re.MULTILINE)
HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def marked_markdown(old: str, new: str) -> str:
    """The adopted text with the removed words kept: changes between marks, a mark never
    across a line break."""
    out = []
    for segment in segments(_plain(old), _plain(new)):
        if segment["op"] == "equal":
            out.append(segment["text"])
            continue
        start, end = MARKS[segment["op"]]
        out.append("\n".join(f"{start}{line}{end}" if line.strip() else line
                              for line in segment["text"].split("\n")))
    return BLOCK_START.sub(r"\2\1", "".join(out))


def as_html(old: str, new: str) -> Markup:
    html = str(tk.h.render_markdown(marked_markdown(old, new), auto_link=False))
    for mark, tag in TAGS.items():
        html = html.replace(mark, tag)
    # under the page's "Adopted text" (h2): the text's headings from h3 on
    html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", html)
    return Markup(nh3.clean(html))  # closes what a change left open inside bold, say


def _plain(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(
        {ord(m): None for m in TAGS})


def summary(old: str, new: str) -> dict[str, int]:
    """How many articles/paragraphs were changed, added or removed (by their number)."""
    before = {u.number: (u.heading, u.text) for u in articles.split(old)}
    after = {u.number: (u.heading, u.text) for u in articles.split(new)}
    return {"changed": sum(1 for n in before.keys() & after.keys() if before[n] != after[n]),
            "added": len(after.keys() - before.keys()),
            "removed": len(before.keys() - after.keys())}

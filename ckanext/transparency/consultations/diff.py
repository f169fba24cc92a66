"""The difference between the draft put up for discussion and the adopted text, word by word,
as segments a template shows with <del> and <ins> (line breaks kept)."""
from __future__ import annotations

import difflib
import re

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


def summary(old: str, new: str) -> dict[str, int]:
    """How many articles/paragraphs were changed, added or removed (by their number)."""
    before = {u.number: (u.heading, u.text) for u in articles.split(old)}
    after = {u.number: (u.heading, u.text) for u in articles.split(new)}
    return {"changed": sum(1 for n in before.keys() & after.keys() if before[n] != after[n]),
            "added": len(after.keys() - before.keys()),
            "removed": len(before.keys() - after.keys())}

"""The archive's search: texts folded to one spelling (Uzbek Latin/Cyrillic, case, apostrophes)
with the search engine's own normalisation, so a Cyrillic query finds a Latin text."""
from __future__ import annotations

from ckanext.transparency.search.text import tokenize


def canonical(*texts: str | None) -> str:
    return " ".join(" ".join(tokenize(t)) for t in texts if t)


def query_words(q: str | None) -> list[str]:
    return tokenize(q or "")[:10]

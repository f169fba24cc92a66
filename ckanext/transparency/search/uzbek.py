"""Uzbek suffixes, stripped so that an inflected word finds its bare form.

PostgreSQL has no Uzbek stemmer. Uzbek is agglutinative and regular: a noun takes the plural
-lar, then a possessive ending, then a case ending, in that order. The rules work on the
canonical Latin form (text.normalize), so they serve both scripts: "hisobotlarining",
"ҳисоботларининг" -> "hisobot". A suffix is stripped only if at least MIN_STEM letters with a
vowel remain, which keeps short words ("dan", "gap", "bosh") whole.
"""
from __future__ import annotations

MIN_STEM = 3
_VOWELS = set("aeiou")

# Outermost first: case, then possessive, then plural. Longest suffix first within a layer.
CASE_ENDINGS = ("gacha", "dagi", "ning", "dan", "tan", "ga", "ka", "qa", "da", "ta", "ni")
POSSESSIVE_ENDINGS = ("ingiz", "imiz", "lari", "ngiz", "miz", "ing", "si", "im")
PLURAL_ENDINGS = ("lar",)
LAYERS = (CASE_ENDINGS, POSSESSIVE_ENDINGS, PLURAL_ENDINGS)


def _strip(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix):
            stem = word[:-len(suffix)]
            if len(stem) >= MIN_STEM and _VOWELS & set(stem):
                return stem
    return word


def stem(word: str) -> str:
    """The bare form of a canonical (lower-case Latin) Uzbek word."""
    for suffixes in LAYERS:
        word = _strip(word, suffixes)
    return word

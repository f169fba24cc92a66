"""Text normalisation for search: one canonical spelling for Uzbek Latin and Cyrillic.

A word is indexed and queried in the same canonical form: Cyrillic transliterated to Latin by
the official Uzbek rules (Ўзбекистон -> oʻzbekiston), lower case, accents dropped, and every
apostrophe variant (' ʻ ʼ ‘ ’ `) removed, so that "oʻzbekiston", "o'zbekiston", "o‘zbekiston",
"ozbekiston" and "Ўзбекистон" are the same token. Russian Cyrillic goes through the same table;
that only has to be consistent, not a standard transliteration.
"""
from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'ʻʼ‘’`´′ʹ"

_VOWELS = set("аеёиоуўэюяaeiou")
_YE_AFTER = _VOWELS | set("ъь")

# Letters whose Latin form does not depend on their neighbours.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh",
    "ъ": "", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "o", "қ": "q", "ғ": "g",
    "ҳ": "h", "щ": "shch", "ы": "i", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

_TOKEN_RE = re.compile(r"[^\W_]+")
_APOSTROPHE_RE = re.compile("[" + re.escape(APOSTROPHES) + "]")


_CONTEXT_RULES = [
    # е is "ye" at the start of a word and after a vowel (or ъ ь), "e" elsewhere
    (re.compile(r"(?:(?<=[" + "".join(_YE_AFTER) + r"])|(?<![^\W\d_]))е"), "ye"),
    # ц is "ts" after a vowel, "s" elsewhere
    (re.compile(r"(?<=[" + "".join(_VOWELS) + r"])ц"), "ts"),
]
_TABLE = str.maketrans({**_CYRILLIC, "е": "e", "ц": "s"})
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _transliterate(text: str) -> str:
    if not _CYRILLIC_RE.search(text):
        return text
    for pattern, latin in _CONTEXT_RULES:
        text = pattern.sub(latin, text)
    return text.translate(_TABLE)


def normalize(text: str) -> str:
    """The canonical form of a whole string (case, script, accents, apostrophes)."""
    text = unicodedata.normalize("NFC", str(text)).lower()
    text = _APOSTROPHE_RE.sub("", _transliterate(text))
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Canonical words of a text, in order (letters and digits; everything else separates)."""
    return _TOKEN_RE.findall(normalize(text))

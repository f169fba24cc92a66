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


def _transliterate(text: str) -> str:
    out = []
    previous = ""
    for char in text:
        if char == "е":
            # е is "ye" at the start of a word and after a vowel, "e" elsewhere.
            out.append("ye" if not previous.isalpha() or previous in _YE_AFTER else "e")
        elif char == "ц":
            # ц is "ts" after a vowel, "s" elsewhere.
            out.append("ts" if previous in _VOWELS else "s")
        else:
            out.append(_CYRILLIC.get(char, char))
        previous = char
    return "".join(out)


def normalize(text: str) -> str:
    """The canonical form of a whole string (case, script, accents, apostrophes)."""
    text = unicodedata.normalize("NFC", str(text)).lower()
    text = _transliterate(text)
    text = _APOSTROPHE_RE.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Canonical words of a text, in order (letters and digits; everything else separates)."""
    return _TOKEN_RE.findall(normalize(text))

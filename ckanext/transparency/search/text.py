"""Text normalisation for search: one canonical spelling for Uzbek Latin and Cyrillic.

A word is indexed and queried in the same canonical form: Cyrillic transliterated to Latin by
the official Uzbek rules (Ўзбекистон -> oʻzbekiston), lower case, accents dropped, and every
apostrophe variant (' ʻ ʼ ‘ ’ `) removed, so that "oʻzbekiston", "o'zbekiston", "o‘zbekiston",
"ozbekiston" and "Ўзбекистон" are the same token. Russian Cyrillic goes through the same table;
that only has to be consistent, not a standard transliteration.
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata

import snowballstemmer

from . import uzbek

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


# -- analysis of the search engine (CKAN's Solr `text` field, and more) ------------------------
# Word delimiter: a whitespace-separated chunk splits into runs of letters and of digits, and a
# run of letters again where a lower-case letter meets an upper-case one (WaterSupply2024 ->
# water, supply, 2024). At index time adjacent letter runs (and digit runs) of a chunk are also
# joined (e-mail -> e, mail, email), at the position of their first part, as Solr's
# catenateWords/catenateNumbers do. Stems go in their own namespace, marked with STEM_MARK, so
# that an exact match counts once more than a stemmed one.
STEM_MARK = "~"
_CHUNK_RE = re.compile(r"\S+")
_RUN_RE = re.compile(r"[^\W\d_]+|\d+")


def _parts(chunk: str) -> list[str]:
    """Letter and digit runs of one chunk, letter runs split on a lower-to-upper case change."""
    parts: list[str] = []
    for run in _RUN_RE.findall(_APOSTROPHE_RE.sub("", chunk)):
        start = 0
        for i in range(1, len(run)):
            if run[i - 1].islower() and run[i].isupper():
                parts.append(run[start:i])
                start = i
        parts.append(run[start:])
    return parts


def words(text: str) -> list[str]:
    """The canonical words of a query text, in order (no catenations)."""
    return [w for chunk in _CHUNK_RE.findall(unicodedata.normalize("NFC", str(text)))
            for w in (normalize(p) for p in _parts(chunk)) if w]


def positions(text: str, language: str | None = None) -> list[tuple[str, ...]]:
    """The terms of an indexed text by position: the word first, then its stems, and at the
    first part of a run of two or more its catenation and the catenation's stems. `language`
    (see `stems`) is the text's language when it is known."""
    return [slot for chunk in _CHUNK_RE.findall(unicodedata.normalize("NFC", str(text)))
            for slot in _chunk_positions(chunk, language)]


@functools.lru_cache(maxsize=200_000)
def _chunk_positions(chunk: str, language: str | None) -> tuple[tuple[str, ...], ...]:
    slots: list[tuple[str, ...]] = []
    parts = [(p, normalize(p)) for p in _parts(chunk)]
    parts = [(raw, word) for raw, word in parts if word]
    i = 0
    while i < len(parts):
        j = i + 1
        while j < len(parts) and parts[j][0].isdigit() == parts[i][0].isdigit():
            j += 1
        first = [parts[i][1], *stems(parts[i][0], language)]
        if j - i > 1:
            joined = "".join(raw for raw, _ in parts[i:j])
            first += [normalize(joined), *stems(joined, language)]
        slots.append(tuple(first))
        slots.extend((w, *stems(raw, language)) for raw, w in parts[i + 1:j])
        i = j
    return tuple(slots)


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC_RE.search(word))


_STEMMERS = {"en": snowballstemmer.stemmer("english"), "ru": snowballstemmer.stemmer("russian")}
_stem_lock = threading.Lock()  # a Snowball stemmer object keeps state while it works
# Texts in a known language (a Russian or English title) are analysed as PostgreSQL's text
# search configuration of that language does: `russian` stems Cyrillic words with Russian
# Snowball and Latin ones with English Snowball, `english` stems every word with English
# Snowball (which leaves Cyrillic as it is). The Uzbek suffix rules are not theirs.
LANGUAGES = ("ru", "en")


# Russian Snowball keeps the vowel that a noun drops in its other forms ("закупок" and
# "закупки" stem to "закупок" and "закупк", "образец" and "образца" to "образец" and "образц"),
# so the form without it is a stem too, at index and query time alike.
_FLEETING_VOWEL_RE = re.compile("(?<=[бвгджзклмнпрстфхцчшщ])[оеё](?=[кц]$)")
MIN_FLEETING_STEM = 5


def _without_fleeting_vowel(stem: str) -> tuple[str, ...]:
    if len(stem) < MIN_FLEETING_STEM or not _FLEETING_VOWEL_RE.search(stem):
        return ()
    return (_FLEETING_VOWEL_RE.sub("", stem),)


@functools.lru_cache(maxsize=200_000)
def stems(raw: str, language: str | None = None) -> tuple[str, ...]:
    """The stems of one word part as written, canonical and marked with STEM_MARK; none for
    numbers. In a text of a `language` of LANGUAGES: that language's Snowball analysis. In any
    other text (Uzbek in either script, or a language not known), and in a query, whose
    language is not known: every analysis that applies to the word (English or Russian
    Snowball by script, and the Uzbek suffix rules), so that a query word meets the stems of
    each language's texts."""
    canonical = normalize(raw)
    if not canonical or canonical.isdigit():
        return ()
    found = set()
    with _stem_lock:
        if not is_cyrillic(raw):
            found.add(_STEMMERS["en"].stemWord(canonical))
        elif language != "en":
            russian = _STEMMERS["ru"].stemWord(raw.lower())
            found.update(normalize(s) for s in (russian, *_without_fleeting_vowel(russian)))
    if language not in LANGUAGES:
        found.add(uzbek.stem(canonical))
    return tuple(sorted(STEM_MARK + s for s in found if s))


def query_terms(text: str) -> list[list[str]]:
    """Per word of a query text (in order): the word and its stems, any of which may match."""
    return [[w, *stems(raw)] for chunk in _CHUNK_RE.findall(unicodedata.normalize("NFC", str(text)))
            for raw in _parts(chunk) for w in [normalize(raw)] if w]

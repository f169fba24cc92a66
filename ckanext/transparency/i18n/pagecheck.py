"""Words of a page in another language than the page's: what tests/i18n/test_pages.py and
scripts/i18n_crawl.py look for.

The visible text of a page (text, and the title, alt, placeholder, aria-label and button
values a reader or a screen reader meets) is cut into chunks, one per text node. A chunk that
is data (found in the strings the caller names: titles, descriptions, names of what the page
shows) is skipped; in the others a word is flagged when it is in the wrong script for the
locale (Cyrillic on uz and en pages, Latin on uz_Cyrl and ru pages) or, on a Latin-script page,
in the other Latin language (English on uz pages: a word of CKAN's or the extension's English
messages that no Uzbek translation uses; Uzbek on en pages). Acronyms, words with digits, file
formats and the names of the languages in the switcher are not words of a language.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable

from babel.messages.pofile import read_po

from . import catalogs
from .formatting import LANGUAGE_NAMES

_WORD = re.compile(r"[^\W\d_]+(?:[-ʻʼ'’‘`][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UZ_LATIN_MARK = re.compile(r"[a-z][ʻ‘`](?=[a-z])|ʼ", re.IGNORECASE)  # oʻ gʻ, the tutuq
_SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "svg", "code", "pre",
                     "textarea"}  # textarea: what a reader typed, or code to copy
_TEXT_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
# Names, not words of a language: the software and standards the pages name.
NAMES = {"ckan", "excel", "datastore", "oc4ids", "ocds", "dcat", "markdown", "gravatar",
         "github", "youtube", "telegram", "facebook", "windows", "openid", "ochiq", "portal", "atom",
         "rss", "utc", "kib", "mib", "gib", "tib", "ical", "iframe", "twitter", "vimeo", "e-mail",
         "api", "json", "csv", "xlsx", "int", "timestamp", "numeric",  # + DataStore types
         "contracting", "partnership"}  # the Open Contracting Partnership
LANGUAGE_WORDS = {w.lower() for name in LANGUAGE_NAMES.values() for w in _WORD.findall(name)}


@dataclass
class Finding:
    text: str
    words: list[str] = field(default_factory=list)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_ELEMENTS:
            self._skipping.append(tag)
            return
        if self._skipping:
            return
        attributes = dict(attrs)
        for name in _TEXT_ATTRIBUTES:
            if attributes.get(name):
                self.chunks.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset") \
                and attributes.get("value"):
            self.chunks.append(attributes["value"])

    def handle_startendtag(self, tag, attrs):
        if tag not in _SKIPPED_ELEMENTS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.chunks.append(data)


def visible_text(html: str) -> list[str]:
    """The text chunks of a page, whitespace collapsed."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return [c for c in (" ".join(chunk.split()) for chunk in parser.chunks) if c]


def _words_of(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in _WORD.findall(re.sub(r"%\(\w+\)\w|\{\w*\}|<[^>]*>",
                                                                      " ", text))}


def _messages(path) -> Iterable:
    if path.exists():
        with open(path, "rb") as f:
            yield from read_po(f)


def _strings(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


@functools.lru_cache(maxsize=1)
def vocabularies() -> tuple[frozenset, frozenset]:
    """(English words of the UI messages, Uzbek Latin words of their uz translations)."""
    english, uzbek = set(), set()
    for path in (catalogs.CKAN_DIR / "uz" / "LC_MESSAGES" / "ckan.po",
                 catalogs.I18N_DIR / "uz" / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po"):
        for message in _messages(path):
            if message.id:
                english |= _words_of(_strings(message.id))
                uzbek |= _words_of(s for s in _strings(message.string) if s)
    return frozenset(english - uzbek), frozenset(uzbek - english)


def _not_a_word(word: str) -> bool:
    bare = word.strip("-")
    if "-" in bare and bare.lower() not in NAMES:  # API-токены: the parts that are words count
        return all(_not_a_word(part) or not _LATIN.search(part) for part in bare.split("-"))
    return (len(bare) < 2 or (bare.isupper() and len(bare) <= 6) or bare.lower() in NAMES
            or bare.lower() in LANGUAGE_WORDS)


def wrong_words(text: str, locale: str) -> list[str]:
    english, uzbek = vocabularies()
    found = []
    for word in _WORD.findall(text):
        if _not_a_word(word):
            continue
        lower = word.lower()
        cyrillic, latin = bool(_CYRILLIC.search(word)), bool(_LATIN.search(word))
        if locale in ("uz", "en") and cyrillic:
            found.append(word)
        elif locale in ("uz_Cyrl", "ru") and latin:
            found.append(word)
        elif locale == "uz" and lower in english:
            found.append(word)
        elif locale == "en" and latin and (lower in uzbek or _UZ_LATIN_MARK.search(word)):
            found.append(word)
    return found


def _normalized(text: str) -> str:
    return " ".join(text.replace("…", " ").replace("...", " ").split()).lower()


class Data:
    """The strings of the data a page shows (titles, descriptions, tags, table rows...).

    A chunk found in them is data; in a chunk that mixes a translated message and data
    ("Resource: <name>"), a word of the data is not flagged."""

    def __init__(self, strings: Iterable[str] = ()) -> None:
        self._blob = ""
        self._words: set[str] = set()
        self.add(strings)

    def add(self, strings: Iterable[str]) -> None:
        strings = [s for s in strings if isinstance(s, str) and s]
        self._blob += "\n" + "\n".join(_normalized(s) for s in strings)
        self._words |= _words_of(strings)

    def __contains__(self, chunk: str) -> bool:
        text = _normalized(chunk).strip(" :()[]-–—,.«»\"'")
        return not text or text in self._blob

    def has_word(self, word: str) -> bool:
        return word.lower() in self._words


# Addresses, paths and file names are not words of a language.
_NOT_TEXT = re.compile(r"\S+@\S+|\S*://\S*|\S*/\S*|\S+\.[a-z]{2,4}\b|\b\w+_\w+\b")


def check_page(html: str, locale: str, data: Data | None = None) -> list[Finding]:
    """The chunks of a page with words in another language, data left out."""
    data = data or Data()
    findings = []
    for chunk in visible_text(html):
        if chunk in data:
            continue
        words = [w for w in wrong_words(_NOT_TEXT.sub(" ", chunk), locale)
                 if not data.has_word(w)]
        if words:
            findings.append(Finding(chunk, words))
    return findings


# Keys of API answers whose values are codes the pages translate, not data.
CODES = {"type", "state", "url_type", "mimetype", "resource_type", "license_id", "license_title",
         "dataset_type", "datastore_active", "has_views"}


def check_pages(pages: dict[str, str], data: Data | None = None) -> dict[str, list[Finding]]:
    """check_page for one page in several locales ({locale: html}). Text that every locale shows
    alike is data too (nothing translated it), unless it has words of the English UI messages."""
    data = data or Data()
    english, _ = vocabularies()
    chunk_sets = [set(visible_text(html)) for html in pages.values()]
    alike = set.intersection(*chunk_sets) if len(chunk_sets) > 1 else set()
    results = {}
    for locale, html in pages.items():
        results[locale] = [
            finding for finding in check_page(html, locale, data)
            if finding.text not in alike or any(
                w.lower() in english and not data.has_word(w)
                for w in _WORD.findall(_NOT_TEXT.sub(" ", finding.text)))]
    return results


def strings_in(value) -> Iterable[str]:
    """Every string inside an API answer (a dict, list or string), e.g. a package_show result."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in CODES:
                yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)

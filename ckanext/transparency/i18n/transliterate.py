"""Uzbek Latin to Uzbek Cyrillic and back: the demo's Cyrillic datasets, the `uz_Cyrl` UI
catalogs, and content shown in the reader's script (`in_script`, see display.py).

The demo content and the UI translations are written once, in Latin script, and their Cyrillic
form is derived from them (`to_cyrillic`; `to_cyrillic_message` for gettext messages, whose
placeholders and markup stay as they are).
The rules are the official correspondences (sh=ш, ch=ч, oʻ=ў, gʻ=ғ, yo=ё, yu=ю, ya=я, ye=е,
ʼ=ъ, e=э at the start of a word), plus a short list of Russian loanwords whose Cyrillic spelling
the letters alone do not give (rekonstruksiya = реконструкция). It is exact for the words this
project uses, which the tests check (tests/test_demo.py, tests/i18n); it is not a
general-purpose transliterator.
"""
from __future__ import annotations

import re

# ʻ (U+02BB) marks oʻ and gʻ; ʼ (U+02BC) is the tutuq belgisi (Cyrillic ъ). ASCII and
# typographic variants are accepted so that a typo in a demo text still converts.
_OKINA = "ʻ‘'`"
_TUTUQ = "ʼ’"

# Loanwords, matched at the start of a lower-case word (so the endings -lar, -ni, ... follow).
_LOANWORDS = {
    "korrupsiya": "коррупция",
    "rekonstruksiya": "реконструкция",
    "modernizatsiya": "модернизация",
    "kanalizatsiya": "канализация",
    "izolyatsiya": "изоляция",
    "sirkulyatsion": "циркуляцион",
    "funksional": "функционал",
    "funksiya": "функция",
    "kanselyariya": "канцелярия",
    "stansiya": "станция",
    "aksiyador": "акциядор",
    "kompyuter": "компьютер",
    "obyekt": "объект",
    "sentabr": "сентябр",
    "oktabr": "октябр",
    "litsenziya": "лицензия",
    "sement": "цемент",
    "auksion": "аукцион",
    "redaksiya": "редакция",
    "filtr": "фильтр",
    "aksiya": "акция",
    "seksiya": "секция",
    "kollektsiya": "коллекция",
    "kolleksiya": "коллекция",
    "konsultatsiya": "консультация",
    "sentyabr": "сентябр",
    "brauzer": "браузер",
    "ierarxiya": "иерархия",
    "subyekt": "субъект",
}

_LETTERS = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ",
    "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
    "c": "ц", "w": "в",
}
_DIGRAPHS = {"sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю", "ya": "я", "ye": "е"}
_VOWELS = set("aeiou")

# A word: Latin letters with their apostrophes, and digits joined to them (OC4IDS, d110).
_WORD_RE = re.compile(r"[A-Za-z0-9" + re.escape(_OKINA + _TUTUQ) + r"]*[A-Za-z][A-Za-z0-9"
                      + re.escape(_OKINA + _TUTUQ) + r"]*")


def _match_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1 and len(target) == 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


# Names of formats and standards, written in Latin letters in Cyrillic texts too.
_KEEP_LATIN = {"csv", "xlsx", "utf", "bom", "excel", "windows", "ocds", "oc4ids", "json", "api",
               "ckan", "ocid",
               # names in the UI catalogs: formats, protocols, products
               "id", "url", "uri", "html", "rss", "atom", "xml", "rdf", "pdf", "zip", "sql", "http",
               "https", "www", "markdown", "datastore", "xloader", "javascript", "js", "csrf",
               "gravatar", "github", "facebook", "twitter", "linkedin", "google", "dcat", "iframe",
               "datatables", "ok", "kib", "mib", "gib", "tib", "postgresql", "solr", "geojson",
               "wms", "wfs", "kml", "odt", "ods", "docx", "xls", "txt", "tsv", "email", "jpeg",
               "png", "gif", "svg", "cc", "by", "sa", "odc", "odbl", "pddl", "gnu",
               "fdl", "ogl", "uk", "nc", "ajax", "ascii", "unicode", "captcha", "cms", "mime",
               "none", "shift", "trackback", "datapusher", "ckanapi", "moment", "x", "youtube",
               "vimeo", "ical", "utc", "iso", "docx", "odt",
               "n"}  # the sample size, n=12
_ROMAN = {"I", "II", "III", "IV"}  # quarters are numbered in Latin letters in both scripts


def _word(word: str) -> str:
    lower = word.lower()
    if lower in _KEEP_LATIN or word in _ROMAN:
        return word
    for latin, cyrillic in _LOANWORDS.items():
        if lower.startswith(latin):
            source = word[:len(latin)]
            head = (cyrillic.upper() if source.isupper()
                    else _match_case(source, cyrillic))
            rest = word[len(latin):]
            if rest in _ROMAN:  # FILTRI: an upper-case ending, not a Roman numeral
                return head + _word(rest.lower()).upper()
            return head + (_word(rest) if rest else "")
    out = []
    i = 0
    while i < len(word):
        pair = lower[i:i + 2]
        char = lower[i]
        if len(pair) == 2 and pair[1] in _OKINA and char in "og":
            out.append(_match_case(word[i], "ў" if char == "o" else "ғ"))
            i += 2
            continue
        if char in _OKINA:  # a stray okina (not after o/g) carries no sound
            i += 1
            continue
        if char in _TUTUQ:
            out.append("ъ")
            i += 1
            continue
        following = lower[i + 2:i + 3]
        if pair in _DIGRAPHS and not (pair == "yo" and following and following in _OKINA):
            # ...but "yoʻl" is й + ўл, not ё + ʻл
            out.append(_match_case(word[i:i + 2], _DIGRAPHS[pair]))
            i += 2
            continue
        if (lower.startswith("tsi", i) and i > 0  # investitsiya, -tsion: loanword ц
                and not lower.startswith(("tsiz", "tsin"), i)):  # ...not the suffixes -siz, -sin
            out.append(_match_case(word[i], "ц"))
            i += 2
            continue
        if char == "e" and (i == 0 or lower[i - 1] in _VOWELS):
            out.append(_match_case(word[i], "э"))
        else:
            out.append(_match_case(word[i], _LETTERS.get(char, char)))
        i += 1
    return "".join(out)


# Code spans (`...`), web addresses and e-mail addresses keep their Latin letters.
_ADDRESS_RE = re.compile(r"(`[^`]*`|\S+@\S+|(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                         r"\.(?:uz|com|org|net|uk|br|gov|io)\b\S*)")


def to_cyrillic(text: str) -> str:
    """The Uzbek Cyrillic spelling of an Uzbek Latin text (digits, punctuation, `code spans`
    and web or e-mail addresses unchanged)."""
    parts = _ADDRESS_RE.split(text)
    return "".join(part if i % 2 else _WORD_RE.sub(lambda m: _word(m.group(0)), part)
                   for i, part in enumerate(parts))


def cyrillic_label(texts: dict) -> str | None:
    """The Uzbek Cyrillic of a label given per language ({"uz": ..., "ru": ...}): its own
    `uz_Cyrl`, else derived from its Uzbek Latin; None without either."""
    if texts.get("uz_Cyrl"):
        return texts["uz_Cyrl"]
    return to_cyrillic(texts["uz"]) if texts.get("uz") else None


# Parts of a gettext message that are code, not words: printf and str.format placeholders,
# HTML tags and entities.
_MARKUP_RE = re.compile(r"(%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sdifr]|\{[^{}]*\}|<[^>]*>"
                        r"|&#?[A-Za-z0-9]+;|\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b"
                        # examples of values: periods (2026-Q3), times (2025-04-10T10:00), n=12
                        r"|\b\d{4}-Q\d\b|\b\d{4}-\d{2}-\d{2}T[\d:]+|\bn(?==))")


# Attributes of a tag whose values are text a reader meets (a tooltip, an image's description).
_TEXT_ATTRIBUTE_RE = re.compile(r'\b((?:title|alt|placeholder|aria-label)=")([^"]*)')


def _markup(part: str) -> str:
    if not part.startswith("<"):
        return part
    return _TEXT_ATTRIBUTE_RE.sub(lambda m: m.group(1) + to_cyrillic_message(m.group(2)), part)


def to_cyrillic_message(text: str) -> str:
    """`to_cyrillic` of a translated UI message: placeholders and markup keep their spelling,
    except the text of a tag's title, alt, placeholder and aria-label."""
    parts = _MARKUP_RE.split(text)
    return "".join(_markup(part) if i % 2 else to_cyrillic(part) for i, part in enumerate(parts))


# -- Uzbek Cyrillic to Uzbek Latin -----------------------------------------------------------
# The official correspondences of the 1995 alphabet: ц is "s" at the start of a word and after a
# consonant, "ts" after a vowel; е is "ye" at the start of a word and after a vowel, ъ or ь,
# "e" elsewhere; ъ is the tutuq belgisi ʼ; ь is not written.
OKINA, TUTUQ = "ʻ", "ʼ"
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh", "ъ": TUTUQ, "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "ў": "o" + OKINA, "қ": "q", "ғ": "g" + OKINA, "ҳ": "h",
    "щ": "shch", "ы": "i",
}
_CYRILLIC_VOWELS = set("аеёиоуўэюя")
# Loanwords whose Latin spelling the letters alone do not give: the Latin-to-Cyrillic list read
# backwards (its first spelling wins: сентябр -> sentabr), and words where ъ or ь before a vowel
# is written y.
_LATIN_LOANWORDS = {**{c: l for l, c in reversed(list(_LOANWORDS.items()))},
                    "объект": "obyekt", "субъект": "subyekt", "компьютер": "kompyuter",
                    "съезд": "syezd", "павильон": "pavilyon", "батальон": "batalyon"}
_CYRILLIC_WORD_RE = re.compile(r"[\u0400-\u04ff]+(?:[\u0400-\u04ff0-9]*)")


def _latin_word(word: str) -> str:
    lower = word.lower()
    for cyrillic, latin in _LATIN_LOANWORDS.items():
        if lower.startswith(cyrillic):
            source = word[:len(cyrillic)]
            head = latin.upper() if source.isupper() and len(source) > 1 else _match_case(
                source, latin)
            rest = word[len(cyrillic):]
            return head + (_latin_word(rest) if rest else "")
    upper = word.isupper() and len(word) > 1
    out = []
    for i, char in enumerate(lower):
        before = lower[i - 1] if i else ""
        if char == "е":
            latin = "ye" if not before or before in _CYRILLIC_VOWELS or before in "ъь" else "e"
        elif char == "ц":
            latin = "ts" if before in _CYRILLIC_VOWELS else "s"
        else:
            latin = _LATIN.get(char, char)
        if upper:
            out.append(latin.upper())
        elif word[i].isupper():
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def to_latin(text: str) -> str:
    """The Uzbek Latin spelling of an Uzbek Cyrillic text (Latin words, digits and punctuation
    unchanged)."""
    return _CYRILLIC_WORD_RE.sub(lambda m: _latin_word(m.group(0)), text)


# -- Which texts are Uzbek ----------------------------------------------------------------------
_UZ_CYRILLIC_LETTERS = re.compile("[ўқғҳЎҚҒҲ]")
_RU_LETTERS = re.compile("[щыЩЫ]")
# Russian words and endings that Uzbek does not have; Uzbek words and endings Russian lacks.
_RU_WORDS = {"и", "в", "на", "по", "для", "с", "о", "от", "к", "из", "не", "что", "или", "при",
             "за", "об", "как", "это", "года", "год"}
_RU_ENDING = re.compile(r"(?:ого|его|ому|ыми|ими|ых|их|ой|ей|ая|яя|ое|ее|ый|ий|ость|ние|ния|"
                        r"ции|ться|ется|ются|ать|ять|ить)$")
_UZ_WORDS = {"ва", "билан", "учун", "ҳамда", "бўйича", "тўғрисида", "ҳақида", "йил", "йили",
             "va", "bilan", "uchun", "hamda", "boʻyicha", "toʻgʻrisida", "haqida", "yil", "yili",
             "va", "yoki", "ёки", "bo'yicha", "to'g'risida"}
_UZ_ENDING = re.compile(r"(?:лар|лари|ларни|ларнинг|нинг|даги|дан|ни|си|лик|чи|ган|моқ|"
                        r"lar|lari|larni|larning|ning|dagi|dan|ni|si|lik|chi|gan|moq|ish|ligi|"
                        r"sida|сида|iya|ия|iyasi|ияси)$")
_EN_WORDS = {"the", "of", "and", "for", "to", "in", "on", "with", "by", "is", "are", "from",
             "a", "an", "this", "that", "data", "report", "at", "or", "as", "be", "not"}
_EN_LETTERS = re.compile(r"c(?!h)|w|th|ph|ee|oo|dg|gh|ea|ou|tion\b|ck", re.IGNORECASE)
_UZ_LATIN_LETTERS = re.compile(r"[og][ʻ‘'`]|ʼ|q|x|sh|ch", re.IGNORECASE)
_ANY_WORD_RE = re.compile(r"[^\W\d_]+(?:[ʻʼ‘’'`][^\W\d_]+)*")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_HAS_LATIN = re.compile("[A-Za-z]")

# The `language` field of a dataset (ckanext/transparency/schemas/presets.yaml) and locales.
UZBEK_LANGUAGES = {"uz", "uz-Latn", "uz-Cyrl", "uz_Cyrl", "uz-latn", "uz-cyrl"}
OTHER_LANGUAGES = {"ru", "en"}


def _cyrillic_score(words: list[str]) -> int:
    score = 0
    for word in words:
        lower = word.lower()
        if _UZ_CYRILLIC_LETTERS.search(word) or lower in _UZ_WORDS:
            score += 2
        elif _RU_LETTERS.search(word) or lower in _RU_WORDS or "ь" in lower:
            score -= 2
        elif _RU_ENDING.search(lower) and len(lower) > 4:
            score -= 1
        elif _UZ_ENDING.search(lower) and len(lower) > 4:
            score += 1
    return score


def _latin_score(words: list[str]) -> int:
    score = 0
    for word in words:
        lower = word.lower()
        if lower in _UZ_WORDS or re.search(r"[og][ʻ‘'`]|ʼ", lower):
            score += 2
        elif lower in _EN_WORDS or _EN_LETTERS.search(lower):
            score -= 2
        elif _UZ_LATIN_LETTERS.search(lower) or (_UZ_ENDING.search(lower) and len(lower) > 4):
            score += 1
    return score


def is_uzbek(text: str, language: str | None = None) -> bool:
    """Whether a text is Uzbek (in either script), not Russian or English: by the language its
    dataset or department declares, else by its letters and words (ў қ ғ ҳ, oʻ gʻ and Uzbek
    endings against щ ы ь, Russian endings and English spellings)."""
    if language in UZBEK_LANGUAGES:
        return True
    if language in OTHER_LANGUAGES:
        return False
    cyrillic = [w for w in _ANY_WORD_RE.findall(text) if _HAS_CYRILLIC.search(w)]
    latin = [w for w in _ANY_WORD_RE.findall(text) if _HAS_LATIN.search(w)]
    if len(cyrillic) >= len(latin):
        return bool(cyrillic) and _cyrillic_score(cyrillic) > 0
    return _latin_score(latin) > 0


def is_foreign(text: str) -> bool:
    """Whether a text shows signs of Russian or English (a single word often shows neither)."""
    cyrillic = [w for w in _ANY_WORD_RE.findall(text) if _HAS_CYRILLIC.search(w)]
    latin = [w for w in _ANY_WORD_RE.findall(text) if _HAS_LATIN.search(w)]
    return _cyrillic_score(cyrillic) < 0 or _latin_score(latin) < 0


# Spans a conversion leaves alone: names in quotes, web and e-mail addresses, code spans, and
# words with digits or in capitals (codes: OCDS, KIRA, d110).
_KEPT_RE = re.compile(r"(«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|`[^`]*`|\S+@\S+|https?://\S+|"
                      r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:uz|com|org|net|ru|io|gov)"
                      r"\b\S*|\b[^\W\d_]*\d[^\W_]*|\b[A-ZА-ЯЎҚҒҲЁ]{2,5}\b)")


def _outside_kept(text: str, convert) -> str:
    parts = _KEPT_RE.split(text)
    return "".join(part if i % 2 else convert(part) for i, part in enumerate(parts))


def in_script(text, locale: str, language: str | None = None):
    """A text in the script of a page in `locale` when it is Uzbek: Latin to Cyrillic on uz_Cyrl
    pages, Cyrillic to Latin on uz pages; Russian and English text, other locales' pages, names
    in quotes, codes, addresses and numbers unchanged."""
    if not isinstance(text, str) or not text or locale not in ("uz", "uz_Cyrl"):
        return text
    words = _KEPT_RE.sub(" ", text)
    if locale == "uz_Cyrl":
        if not _HAS_LATIN.search(words) or not is_uzbek(words, language):
            return text
        return _outside_kept(text, to_cyrillic)
    if not _HAS_CYRILLIC.search(words) or not is_uzbek(words, language):
        return text
    return _outside_kept(text, to_latin)


# What a Windows-1251 file from a local office does with the four Uzbek letters that code page
# lacks (ў is in it): the nearest Russian letter, as typed on a Russian keyboard layout.
CP1251_SUBSTITUTES = str.maketrans({"қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ҳ": "х", "Ҳ": "Х",
                                    "ʻ": "'", "ʼ": "'", "²": "2", "³": "3"})


def for_cp1251(text: str) -> str:
    """Text as a Windows-1251 office file writes it."""
    return text.translate(CP1251_SUBSTITUTES)

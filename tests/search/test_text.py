"""Canonical words: Uzbek Latin and Cyrillic, case and apostrophe variants are one word."""
import pytest

from ckanext.transparency.search.text import normalize, tokenize


@pytest.mark.parametrize("latin, cyrillic", [
    ("Oʻzbekiston", "Ўзбекистон"),
    ("maʼlumotlar", "маълумотлар"),
    ("Qabul kunlari", "Қабул кунлари"),
    ("hisobot", "ҳисобот"),
    ("Yer resurslari", "Ер ресурслари"),
    ("obyekt", "объект"),
    ("shikoyat", "шикоят"),
    ("gʻalla", "ғалла"),
    ("choʻl", "чўл"),
    ("yangi", "янги"),
    ("yoʻl", "йўл"),
    ("yuk", "юк"),
    ("sex", "цех"),
    ("aksiya", "акция"),
])
def test_latin_and_cyrillic_are_the_same_words(latin, cyrillic):
    assert tokenize(latin) == tokenize(cyrillic)


@pytest.mark.parametrize("variant", ["o'zbekiston", "oʻzbekiston", "o‘zbekiston", "o’zbekiston",
                                     "o`zbekiston", "OʻZBEKISTON", "ozbekiston"])
def test_apostrophe_and_case_variants(variant):
    assert tokenize(variant) == ["ozbekiston"]


def test_words_split_on_punctuation_and_keep_digits():
    assert tokenize("Murojaatlar — 2024-yil, I chorak") == ["murojaatlar", "2024", "yil", "i", "chorak"]


def test_accents_dropped():
    assert normalize("Café Zürich") == "cafe zurich"


def test_ye_only_at_word_start_or_after_vowel():
    assert tokenize("ер") == ["yer"]
    assert tokenize("келди") == ["keldi"]
    assert tokenize("иерархия") == ["iyerarxiya"]

"""Search in the reader's language (issue #15, item 8): the demo's Russian and English titles
and descriptions found with Russian and English words as a reader types them, each language's
text analysed as PostgreSQL's configuration of that language does; Uzbek in either script as
before; a search that finds nothing says so in the reader's language."""
import html
import re

import pytest
import sqlalchemy as sa

import ckan.model as model
from ckan.tests import factories, helpers

from ckanext.transparency.demo import translations
from ckanext.transparency.demo.datasets import DATASETS
from ckanext.transparency.demo.organization import DEPARTMENTS
from ckanext.transparency.search import text

from .conftest import names

_made: dict = {}


@pytest.fixture
def demo(with_plugins, reset_db, reset_index):
    """The demo's departments and datasets (their metadata in uz, ru and en), made once for the
    module through CKAN's actions."""
    if not _made:
        reset_db()
        reset_index()
        context = {"user": helpers.call_action("get_site_user")["name"], "ignore_auth": True}
        for department in DEPARTMENTS:
            factories.Organization(name=department.name, title=department.title)
        for spec in DATASETS:
            helpers.call_action("package_create", context=dict(context), **spec.package_dict())
        _made["done"] = True
    return _made


def _of_kind(*kinds: str) -> set[str]:
    return {spec.name for spec in DATASETS if spec.kind in kinds}


def _of_type(*types: str) -> set[str]:
    return {spec.name for spec in DATASETS if spec.type in types}


PROCUREMENT = _of_kind("procurement")          # the OCDS releases of the year
BUDGET_EXECUTION = _of_kind("budget")
APPEALS_STATISTICS = _of_kind("appeals")       # the monthly statistics


@pytest.mark.parametrize("query, expected, within", [
    ("государственные закупки", PROCUREMENT, _of_type("procurement")),
    ("Государственные закупки", PROCUREMENT, _of_type("procurement")),
    ("закупки", PROCUREMENT, _of_type("procurement")),
    ("закупок", PROCUREMENT | _of_kind("procurement_plan", "contracts"),
     _of_type("procurement")),
    ("государственных закупках", _of_kind("procurement"), _of_type("procurement")),
    ("исполнение бюджета", BUDGET_EXECUTION, _of_type("budget-execution")),
    ("исполнения бюджета", BUDGET_EXECUTION, _of_type("budget-execution")),
    ("бюджет", BUDGET_EXECUTION, _of_type("budget-execution")),
    ("обращения граждан", APPEALS_STATISTICS, _of_type("appeals-statistics",
                                                       "reception-schedule")),
    ("обращений граждан", APPEALS_STATISTICS, _of_type("appeals-statistics",
                                                       "reception-schedule")),
    ("обращений", APPEALS_STATISTICS, _of_type("appeals-statistics", "reception-schedule")),
    ("procurement", PROCUREMENT, _of_type("procurement")),
    ("public procurement", PROCUREMENT, _of_type("procurement")),
    ("budget execution", BUDGET_EXECUTION, _of_type("budget-execution")),
    ("citizens' appeals", APPEALS_STATISTICS, _of_type("appeals-statistics",
                                                       "reception-schedule")),
    ("citizen appeal", APPEALS_STATISTICS, _of_type("appeals-statistics",
                                                    "reception-schedule")),
])
def test_russian_and_english_words_find_their_datasets(demo, query, expected, within):
    found = names(q=query)
    assert expected <= found, (query, expected - found)
    assert found <= within, (query, found - within)


@pytest.mark.parametrize("locale, query, expected", [
    ("ru", "государственные закупки", PROCUREMENT),
    ("ru", "исполнение бюджета", BUDGET_EXECUTION),
    ("ru", "обращения граждан", APPEALS_STATISTICS),
    ("en", "citizens' appeals", APPEALS_STATISTICS),
    ("en", "budget execution", BUDGET_EXECUTION),
])
def test_the_dataset_page_finds_them(demo, app, locale, query, expected):
    page = app.get(f"/{locale}/dataset/", query_string={"q": query}).get_data(as_text=True)
    listed = set(re.findall(r'href="/%s/[a-z-]+/([a-z0-9-]+)"' % locale, page))
    assert expected <= listed
    for name in expected:  # titles in the reader's language (a long one is cut in the list)
        assert translations.titles(name)[locale][:60] in html.unescape(page)


@pytest.mark.parametrize("latin, cyrillic", [
    ("davlat xaridlari", "давлат харидлари"),
    ("byudjet ijrosi", "бюджет ижроси"),
    ("murojaatlar statistikasi", "мурожаатлар статистикаси"),
])
def test_uzbek_finds_the_same_in_either_script(demo, latin, cyrillic):
    found = names(q=latin)
    assert found and found == names(q=cyrillic)


# -- each language's analysis --------------------------------------------------------------------
def test_uzbek_analysis_is_unchanged():
    """Texts of no known language (the Uzbek title, notes, tags) keep every analysis: Russian or
    English Snowball by script and the Uzbek suffix rules."""
    assert text.positions("Murojaatlar statistikasi") == [
        ("murojaatlar", "~murojaat", "~murojaatlar"), ("statistikasi", "~statistika",
                                                         "~statistikasi")]
    assert text.positions("Мурожаатларни кўриб чиқиш") == [
        ("murojaatlarni", "~murojaat", "~murojaatlarn"), ("korib", "~korib"),
        ("chiqish", "~chiqish")]


def test_russian_and_english_texts_take_their_own_analysis_only():
    # the Uzbek rules would strip "-ka" of the Russian genitive ("банка" -> "ban") and "-im" of
    # an English word ("interim" -> "inter")
    assert text.positions("банка", "ru") == [("banka", "~bank")]
    assert text.positions("Interim", "en") == [("interim", "~interim")]
    # Russian stems Latin words in English, as PostgreSQL's `russian` configuration does
    assert text.positions("релизы OCDS releases", "ru")[2] == ("releases", "~releas")
    # the vowel that "закупок" (of "закупки") and "образец" (of "образца") drop
    assert {"~zakupk", "~zakupok"} <= set(text.stems("закупок", "ru"))
    assert "~zakupk" in text.stems("закупки", "ru")
    assert "~obrazs" in set(text.stems("образец", "ru")) & set(text.stems("образца", "ru"))
    assert text.stems("срок", "ru") == ("~srok",)  # too short to tell
    # a query word meets every language's stems
    assert {"~bank", "~ban"} <= set(text.query_terms("банка")[0])


def test_a_russian_genitive_is_not_an_uzbek_suffix(demo):
    factories.Dataset(name="osiyo-banki", title="Osiyo taraqqiyot banki krediti",
                      owner_org=DEPARTMENTS[0].name,
                      title_translated={"ru": "Кредит Азиатского банка развития",
                                        "en": "Asian Development Bank loan"})
    assert names(q="банк") == names(q="банка") == names(q="bank") == {"osiyo-banki"}
    assert names(q="ban") == set()


WORDS = sorted({w for ru, en in translations.TITLES.values() for w in text.words(ru + " " + en)}
               | {w for ru, en in translations.NOTES.values()
                  for w in re.findall(r"[^\W\d_]+", ru + " " + en)})


def test_stems_are_postgresqls_snowball_stems(with_plugins):
    """Russian and English words stem as PostgreSQL's `russian_stem` and `english_stem`
    dictionaries stem them (the `russian` and `english` text search configurations)."""
    raw = sorted({w.lower() for ru, en in translations.NOTES.values()
                  for w in re.findall(r"[^\W\d_]+", ru + " " + en) if len(w) > 2})
    statement = sa.text("SELECT w, ts_lexize(CASE WHEN w ~ '[а-яё]' THEN 'russian_stem' "
                        "ELSE 'english_stem' END::regdictionary, w) FROM unnest(:words) w")
    differ = []
    for word, lexemes in model.Session.execute(statement, {"words": raw}):
        if not lexemes:  # a stop word of the configuration: kept as a word here
            continue
        language = "ru" if text.is_cyrillic(word) else "en"
        ours = set(text.stems(word, language))
        if text.STEM_MARK + text.normalize(lexemes[0]) not in ours:
            differ.append((word, lexemes[0], ours))
    assert len(raw) > 300 and not differ


# -- the empty state -------------------------------------------------------------------------------
EMPTY = {
    "uz": ("«zzqx» soʻrovi boʻyicha maʼlumotlar toʻplami topilmadi",
           "«zzqx» soʻrovi boʻyicha boʻlim topilmadi", "«zzqx» soʻrovi boʻyicha guruh topilmadi",
           "Qidiruv natijalarida yoʻq"),
    "uz_Cyrl": ("«zzqx» сўрови бўйича маълумотлар тўплами топилмади",
                "«zzqx» сўрови бўйича бўлим топилмади", "«zzqx» сўрови бўйича гуруҳ топилмади",
                "Қидирув натижаларида йўқ"),
    "ru": ("По запросу «zzqx» наборы данных не найдены",
           "По запросу «zzqx» отделы не найдены", "По запросу «zzqx» группы не найдены",
           "Нет в результатах поиска"),
    "en": ('No datasets match "zzqx"', 'No departments match "zzqx"', 'No groups match "zzqx"',
           "None in the results of this search"),
}


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("locale", list(EMPTY))
def test_a_search_that_finds_nothing_says_so_in_the_readers_language(demo, app, locale):
    datasets, departments, groups, facet = EMPTY[locale]
    prefix = f"/{locale}"
    page = _text(app.get(f"{prefix}/dataset/", query_string={"q": "zzqx"}).get_data(as_text=True))
    assert datasets in page
    assert facet in page and "{facet_type}" not in page and "Нет Организации" not in page
    page = _text(app.get(f"{prefix}/organization/", query_string={"q": "zzqx"}).get_data(
        as_text=True))
    assert departments in page
    page = _text(app.get(f"{prefix}/group/", query_string={"q": "zzqx"}).get_data(as_text=True))
    assert groups in page


@pytest.mark.parametrize("locale, query, heading", [
    ("ru", "закупки", r"По запросу «закупки» найдено (\d+) наборов данных"),
    ("uz", "xaridlari", r"«xaridlari» soʻrovi boʻyicha (\d+) ta maʼlumotlar toʻplami topildi"),
    ("uz_Cyrl", "xaridlari", r"«xaridlari» сўрови бўйича (\d+) та маълумотлар тўплами топилди"),
    ("en", "procurement", r'(\d+) datasets found for "procurement"'),
])
def test_what_a_search_found_is_counted_in_the_readers_language(demo, app, locale, query,
                                                                  heading):
    page = _text(app.get(f"/{locale}/dataset/", query_string={"q": query}).get_data(as_text=True))
    assert int(re.search(heading, page).group(1)) == len(_of_type("procurement"))

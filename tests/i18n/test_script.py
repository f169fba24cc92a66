"""Uzbek content in the reader's script: the conversion both ways, which texts are Uzbek, and
the pages (datasets, departments, tags) against the API, which keeps the stored text."""
from __future__ import annotations

import re

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.demo.organization import DEPARTMENTS
from ckanext.transparency.i18n import display
from ckanext.transparency.i18n.transliterate import in_script, is_uzbek, to_cyrillic, to_latin
from tests.dialogue.conftest import event, event_factory, published_question, roles  # noqa: F401


@pytest.mark.parametrize("cyrillic, latin", [
    ("Молия ва бюджет бошқармаси", "Moliya va byudjet boshqarmasi"),
    ("Ўзбекистон Республикаси", "Oʻzbekiston Respublikasi"),
    ("Ғалла ва ғўза", "Gʻalla va gʻoʻza"),
    ("Ер ости сувлари", "Yer osti suvlari"),  # е at the start of a word: ye
    ("Иқтисодиёт вазирлиги", "Iqtisodiyot vazirligi"),  # ё: yo
    ("Шаҳар ЧОРРАҲАСИ", "Shahar CHORRAHASI"),  # case of digraphs
    ("Таъминот", "Taʼminot"),  # ъ: the tutuq belgisi
    ("Цех", "Sex"),  # ц at the start of a word: s
    ("Милиция", "Militsiya"),  # ц after a vowel: ts
    ("Насос станцияси", "Nasos stansiyasi"),  # ц after a consonant: s
    ("Сентябр ойида", "Sentabr oyida"),  # the exception list
    ("Объект", "Obyekt"),
    ("Компьютер", "Kompyuter"),
    ("Реконструкция ишлари", "Rekonstruksiya ishlari"),
])
def test_cyrillic_to_latin_follows_the_official_rules(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize("department", DEPARTMENTS, ids=lambda d: d.name)
def test_department_names_convert_both_ways(department):
    assert to_cyrillic(department.title) == department.title_uz_Cyrl
    assert to_latin(department.title_uz_Cyrl) == department.title


@pytest.mark.parametrize("text, language, expected", [
    ("Молия ва бюджет бошқармаси", None, True),  # ў қ ғ ҳ
    ("Давлат харидлари бўлими", None, True),
    ("Бюджет ижроси ҳисоботи", None, True),
    ("Мурожаатлар статистикаси", None, True),  # Uzbek endings, no Uzbek-only letter
    ("Управление финансов и бюджета", None, False),  # Russian words and endings
    ("Отдел государственных закупок", None, False),
    ("Исполнение бюджета за 2026 год", None, False),
    ("Moliya va byudjet boshqarmasi", None, True),
    ("Ichimlik suvi taʼminoti boʻyicha hisobot", None, True),  # oʻ, ʼ
    ("murojaatlar", None, True),
    ("Budget execution report", None, False),  # English spellings and words
    ("Open data of the agency", None, False),
    ("Procurement plan", None, False),
    ("budget", None, False),
    ("Бюджет", "uz-Cyrl", True),  # the dataset's declared language decides
    ("Бюджет", "ru", False),
    ("Budget", "uz-Latn", True),
    ("Budget", "en", False),
])
def test_uzbek_is_told_from_russian_and_english(text, language, expected):
    assert is_uzbek(text, language) is expected


def test_only_uzbek_content_changes_and_names_codes_numbers_stay():
    assert in_script("Управление финансов и бюджета", "uz") == "Управление финансов и бюджета"
    assert in_script("Budget execution report", "uz_Cyrl") == "Budget execution report"
    assert (in_script("«Оқ сарой» МЧЖ билан шартнома, 2026-йил", "uz")
            == "«Оқ сарой» МЧЖ bilan shartnoma, 2026-yil")
    assert (in_script('"Suvoqova" MChJ bilan shartnoma OCDS boʻyicha', "uz_Cyrl")
            == '"Suvoqova" МЧЖ билан шартнома OCDS бўйича')
    assert (in_script("Batafsil: https://data.gov.uz/uz/hisobot va d110 kodi", "uz_Cyrl")
            == "Батафсил: https://data.gov.uz/uz/hisobot ва d110 коди")
    # other locales and the reader's own script: unchanged
    assert in_script("Moliya boshqarmasi", "ru") == "Moliya boshqarmasi"
    assert in_script("Moliya boshqarmasi", "uz") == "Moliya boshqarmasi"
    assert in_script("Молия бошқармаси", "uz_Cyrl") == "Молия бошқармаси"


def test_rendered_markdown_keeps_its_tags():
    html = display.text(display.Markup('<p>Moliya <a href="/dataset/x">boshqarmasi</a></p>'),
                        locale="uz_Cyrl")
    assert html == '<p>Молия <a href="/dataset/x">бошқармаси</a></p>'


def test_tags_of_one_word_in_two_scripts_are_one_facet_entry():
    items = [{"name": "murojaatlar", "display_name": "murojaatlar", "count": 6},
             {"name": "мурожаатлар", "display_name": "мурожаатлар", "count": 5},
             {"name": "budget", "display_name": "budget", "count": 2},
             {"name": "infratuzilma", "display_name": "infratuzilma", "count": 1}]
    cyrillic = display.merge_facet_items(items, "uz_Cyrl", words=True)
    assert [(i["name"], i["display_name"], i["count"]) for i in cyrillic] == [
        ("мурожаатлар", "мурожаатлар", 11), ("budget", "budget", 2),
        ("infratuzilma", "инфратузилма", 1)]
    latin = display.merge_facet_items(list(reversed(items)), "uz", words=True)
    assert [(i["name"], i["display_name"], i["count"]) for i in latin] == [
        ("infratuzilma", "infratuzilma", 1), ("budget", "budget", 2),
        ("murojaatlar", "murojaatlar", 11)]
    assert (display.tags_in_both_scripts('tags:"murojaatlar" organization:"x"')
            == '(tags:"murojaatlar" OR tags:"мурожаатлар") organization:"x"')
    assert display.tags_in_both_scripts('tags:"budget"') == 'tags:"budget"'


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def content(with_plugins, clean_db, clean_index):
    org = factories.Organization(
        name="murojaatlar-bolimi", title="Murojaatlar bilan ishlash boʻlimi",
        description="Fuqarolarning murojaatlarini qabul qiladi.")
    explicit = factories.Organization(
        name="moliya", title="Moliya boshqarmasi",
        extras=[{"key": "title_uz_Cyrl", "value": "Молия бошқармаси (таҳрир)"}])
    latin = factories.Dataset(name="murojaatlar-2026", title="Murojaatlar statistikasi, 2026",
                              notes="Oylik murojaatlar soni.", owner_org=org["id"],
                              tags=[{"name": "murojaatlar"}])
    cyrillic = factories.Dataset(name="murojaatlar-2025", title="Мурожаатлар статистикаси, 2025",
                                 notes="Ойлик мурожаатлар сони.", owner_org=org["id"],
                                 tags=[{"name": "мурожаатлар"}])
    factories.Dataset(name="lizing", title="Lizing shartnomalari", owner_org=org["id"],
                      extras=[{"key": "title_uz_Cyrl", "value": "Лизинг шартномалари (таҳрир)"}])
    russian = factories.Dataset(name="obrashcheniya", title="Статистика обращений граждан",
                                notes="Число обращений по месяцам.", owner_org=explicit["id"],
                                tags=[{"name": "обращения"}])
    return {"org": org, "explicit": explicit, "latin": latin, "cyrillic": cyrillic,
            "russian": russian}


def test_pages_show_uzbek_content_in_the_readers_script(app, content):
    page = _text(app.get("/uz_Cyrl/dataset/"))
    assert "Мурожаатлар статистикаси, 2026" in page
    assert "Murojaatlar statistikasi" not in page
    assert "Статистика обращений граждан" in page  # Russian stays
    assert "Лизинг шартномалари (таҳрир)" in page  # the editor's own spelling
    page = _text(app.get("/uz/dataset/"))
    assert "Murojaatlar statistikasi, 2025" in page
    assert "Мурожаатлар" not in page
    page = _text(app.get("/uz_Cyrl/dataset/murojaatlar-2026"))
    assert "Ойлик мурожаатлар сони." in page
    assert "Мурожаатлар билан ишлаш бўлими" in page
    # the editor's own spelling wins over the automatic one
    page = _text(app.get("/uz_Cyrl/organization/"))
    assert "Молия бошқармаси (таҳрир)" in page and "Мурожаатлар билан ишлаш бўлими" in page
    assert "Moliya boshqarmasi" not in page
    # English pages, the API and the edit form keep the stored text
    assert "Murojaatlar statistikasi, 2026" in _text(app.get("/dataset/"))
    shown = call_action("package_show", id="murojaatlar-2026")
    assert shown["title"] == "Murojaatlar statistikasi, 2026"
    api = app.get("/uz_Cyrl/api/3/action/package_search?q=murojaatlar").json["result"]
    assert {d["title"] for d in api["results"]} >= {"Murojaatlar statistikasi, 2026"}
    sysadmin = factories.SysadminWithToken()
    form = app.get("/uz_Cyrl/dataset/edit/murojaatlar-2026",
                   headers={"Authorization": sysadmin["token"]}).get_data(as_text=True)
    assert 'value="Murojaatlar statistikasi, 2026"' in form


def test_a_tag_in_either_script_is_one_facet_entry_that_finds_both(app, content):
    html = app.get("/uz_Cyrl/dataset/").get_data(as_text=True)
    facet = re.findall(r'<span class="item-label">([^<]+)</span>\s*<span class="hidden '
                       r'separator"> - </span>\s*<span class="item-count badge">(\d+)<', html)
    assert ("мурожаатлар", "2") in facet
    assert not any(label == "murojaatlar" for label, _count in facet)
    found = _text(app.get("/uz_Cyrl/dataset/?tags=мурожаатлар"))
    assert "Мурожаатлар статистикаси, 2026" in found and "Мурожаатлар статистикаси, 2025" in found
    found = _text(app.get("/uz/dataset/?tags=murojaatlar"))
    assert "Murojaatlar statistikasi, 2026" in found and "Murojaatlar statistikasi, 2025" in found


def test_events_and_questions_in_the_readers_script(app, event, published_question):
    page = _text(app.get(f"/uz_Cyrl/dialogue/event/{event['name']}"))
    assert "Бюджет ижроси бўйича брифинг" in page
    assert "Қачон янги сув қувури қурилади?" in page
    assert "Byudjet ijrosi" not in page and "Qachon yangi" not in page
    assert "Byudjet ijrosi boʻyicha brifing" in _text(app.get(f"/dialogue/event/{event['name']}"))

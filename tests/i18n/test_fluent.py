"""Metadata in several languages (i18n/fluent.py): the Action API takes and returns every
language, pages show the reader's language and fall back to Uzbek, search finds every language."""
from __future__ import annotations

import json
import re

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

import ckan.plugins.toolkit as tk

TITLES = {"uz": "Suv taʼminoti loyihalari", "ru": "Проекты водоснабжения",
          "en": "Water supply projects"}
NOTES = {"uz": "Loyihalar holati.", "ru": "Состояние проектов.", "en": "Status of the projects."}


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def org(with_plugins, clean_db, clean_index):
    admin = factories.Sysadmin()
    return dict(factories.Organization(name="suv", title="Suv taʼminoti boshqarmasi"),
                admin=admin["name"])


def _create(org, **fields):
    data = {"name": "suv-loyihalari", "owner_org": org["id"], **fields}
    return call_action("package_create", {"user": org["admin"]}, **data)


def _patch(org, **fields):
    return call_action("package_patch", {"user": org["admin"]}, **fields)


def test_the_api_takes_and_returns_every_language(org):
    created = _create(org, title_translated=TITLES, notes_translated=NOTES,
                      resources=[{"url": "http://example.com/a.csv", "format": "CSV",
                                  "name_translated": {"uz": "Maʼlumotlar", "ru": "Данные"}}])
    shown = call_action("package_show", id=created["id"])
    # title and notes stay plain strings, the Uzbek text, for CKAN core and other extensions
    assert shown["title"] == TITLES["uz"] and shown["notes"] == NOTES["uz"]
    assert shown["title_translated"] == TITLES
    assert shown["notes_translated"] == NOTES
    assert shown["resources"][0]["name"] == "Maʼlumotlar"
    assert shown["resources"][0]["name_translated"] == {"uz": "Maʼlumotlar", "ru": "Данные"}
    found = call_action("package_search", q="name:suv-loyihalari")["results"][0]
    assert found["title_translated"] == TITLES


def test_json_text_and_the_locale_name_are_accepted(org):
    created = _create(org, title="Suv loyihalari",
                      title_translated=json.dumps({"ru": "Проекты", "uz_Cyrl": "Сув лойиҳалари"}))
    assert created["title_translated"] == {"uz": "Suv loyihalari", "ru": "Проекты",
                                           "uz-Cyrl": "Сув лойиҳалари"}
    # the plain title stays the Uzbek text when only it changes; the translations stay
    patched = _patch(org, id=created["id"], title="Suv loyihalari (yangi)")
    assert patched["title_translated"] == {"uz": "Suv loyihalari (yangi)", "ru": "Проекты",
                                           "uz-Cyrl": "Сув лойиҳалари"}
    # no translation left: no dict, only the plain title
    cleared = _patch(org, id=created["id"], title_translated={})
    assert "title_translated" not in cleared and cleared["title"] == "Suv loyihalari (yangi)"


@pytest.mark.parametrize("value, message", [
    ({"fr": "Projets"}, 'Unknown language "fr"'),
    ({"ru": ["Проекты"]}, 'The "ru" text must be a string'),
    ("{not json", "Translations must be a JSON object"),
    (["Проекты"], "Translations must be a JSON object"),
])
def test_bad_translations_get_a_clear_error(org, value, message):
    with pytest.raises(tk.ValidationError) as error:
        _create(org, title="Suv loyihalari", title_translated=value)
    assert message in " ".join(error.value.error_dict["title_translated"])


def test_bad_translations_get_an_error_in_the_users_language(app, org):
    sysadmin = factories.SysadminWithToken()
    response = app.post("/api/3/action/package_create", json={
        "name": "suv-loyihalari", "owner_org": org["id"], "title_translated": {"fr": "x"}},
        headers={"Authorization": sysadmin["token"], "Accept-Language": "ru"},
        status=409)
    assert "fr" in json.dumps(response.json["error"], ensure_ascii=False)


def test_pages_show_the_readers_language_and_fall_back_to_uzbek(app, org):
    _create(org, title_translated=TITLES, notes_translated=NOTES)
    _create(org, name="faqat-ozbekcha", title="Faqat oʻzbekcha sarlavha",
            title_translated={"ru": ""})
    page = _text(app.get("/ru/dataset/suv-loyihalari"))
    assert TITLES["ru"] in page and NOTES["ru"] in page
    assert TITLES["uz"] not in page
    page = _text(app.get("/en/dataset/suv-loyihalari"))
    assert TITLES["en"] in page and NOTES["en"] in page
    # Uzbek Cyrillic: spelled from the Uzbek Latin text when none is given
    page = _text(app.get("/uz_Cyrl/dataset/suv-loyihalari"))
    assert "Сув таъминоти лойиҳалари" in page
    page = _text(app.get("/uz/dataset/suv-loyihalari"))
    assert TITLES["uz"] in page and TITLES["ru"] not in page
    # lists too, and the Uzbek text where a language is missing
    page = _text(app.get("/ru/dataset/"))
    assert TITLES["ru"] in page and "Faqat oʻzbekcha sarlavha" in page
    page = _text(app.get("/en/organization/suv"))
    assert TITLES["en"] in page and "Faqat oʻzbekcha sarlavha" in page


def test_an_explicit_cyrillic_text_wins(app, org):
    _create(org, title_translated={**TITLES, "uz-Cyrl": "Сув таъминоти лойиҳалари (таҳрир)"})
    page = _text(app.get("/uz_Cyrl/dataset/suv-loyihalari"))
    assert "Сув таъминоти лойиҳалари (таҳрир)" in page


def test_search_finds_every_language(app, org):
    _create(org, title_translated=TITLES, notes_translated=NOTES,
            resources=[{"url": "http://example.com/a.csv", "format": "CSV",
                        "name_translated": {"uz": "Jadval", "en": "Spreadsheet"}}])
    for query in ("водоснабжения", "Water supply", "Состояние", "Spreadsheet", "taʼminoti"):
        result = call_action("package_search", q=query)
        assert [d["name"] for d in result["results"]] == ["suv-loyihalari"], query
    # a Russian title counts as a title: it outranks a mention in another dataset's notes
    _create(org, name="boshqa", title="Boshqa", notes="Проекты водоснабжения упомянуты здесь.")
    result = call_action("package_search", q="водоснабжения")
    assert [d["name"] for d in result["results"]] == ["suv-loyihalari", "boshqa"]


def test_the_form_takes_one_input_per_language(app, org):
    sysadmin = factories.SysadminWithToken()
    headers = {"Authorization": sysadmin["token"]}
    _create(org, title="Suv loyihalari", title_translated={"ru": "Проекты"})
    form = app.get("/ru/dataset/edit/suv-loyihalari", headers=headers).get_data(as_text=True)
    assert 'name="title_translated-ru"' in form and 'value="Проекты"' in form
    assert 'name="title_translated-en"' in form and 'name="notes_translated-ru"' in form
    # the edit form keeps the Uzbek text in the plain field, whatever the page's language
    assert 'name="title" value="Suv loyihalari"' in re.sub(r"\s+", " ", form) or \
        'value="Suv loyihalari"' in form
    app.post("/dataset/edit/suv-loyihalari", headers=headers, data={
        "name": "suv-loyihalari", "title": "Suv loyihalari", "owner_org": org["id"],
        "notes": "", "license_id": "cc-by", "title_translated-ru": "Проекты воды",
        "title_translated-en": "Water projects", "title_translated-uz-Cyrl": "",
        "save": ""}, follow_redirects=False)
    shown = call_action("package_show", id="suv-loyihalari")
    assert shown["title_translated"] == {"uz": "Suv loyihalari", "ru": "Проекты воды",
                                         "en": "Water projects"}
    assert "title_translated-ru" not in json.dumps(shown)


@pytest.fixture
def department(with_plugins, clean_db, clean_index):
    return factories.Organization(
        name="moliya", title="Moliya va byudjet boshqarmasi",
        description="Agentlik byudjetini rejalashtiradi.",
        extras=[{"key": "title_ru", "value": "Управление финансов и бюджета"},
                {"key": "title_en", "value": "Finance and Budget Department"},
                {"key": "description_ru", "value": "Планирует бюджет агентства."}])


def test_departments_in_the_readers_language(app, department):
    admin = factories.Sysadmin()
    call_action("package_create", {"user": admin["name"]}, name="byudjet",
                title="Byudjet ijrosi", owner_org=department["id"])
    page = _text(app.get("/ru/organization/"))
    assert "Управление финансов и бюджета" in page
    assert "Moliya va byudjet boshqarmasi" not in page
    page = _text(app.get("/ru/organization/moliya"))
    assert "Управление финансов и бюджета" in page and "Планирует бюджет агентства." in page
    # a language without a translation: the Uzbek description
    page = _text(app.get("/en/organization/moliya"))
    assert "Finance and Budget Department" in page
    assert "Agentlik byudjetini rejalashtiradi." in page
    assert "Управление финансов и бюджета" in _text(app.get("/ru/dataset/byudjet"))
    # the API keeps every language as it was given
    shown = call_action("organization_show", id="moliya")
    assert shown["title"] == "Moliya va byudjet boshqarmasi"
    assert {e["key"]: e["value"] for e in shown["extras"]}["title_ru"] == \
        "Управление финансов и бюджета"


def test_the_appeal_forms_department_list_in_the_readers_language(app, department):
    def options(locale):
        page = app.get(f"/{locale}/appeals/new").get_data(as_text=True)
        select = re.search(r'<select[^>]*name="owner_org".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="moliya"[^>]*>\s*([^<]*?)\s*</option>', select)
    assert options("ru") == ["Управление финансов и бюджета"]
    assert options("en") == ["Finance and Budget Department"]
    assert options("uz_Cyrl") == ["Молия ва бюджет бошқармаси"]
    assert options("uz") == ["Moliya va byudjet boshqarmasi"]


def test_dcat_writes_every_language_with_its_tag(app, org):
    import rdflib
    _create(org, title_translated={**TITLES, "uz-Cyrl": "Сув таъминоти лойиҳалари"},
            notes_translated=NOTES)
    graph = rdflib.Graph().parse(data=app.get("/dataset/suv-loyihalari.ttl").data,
                                 format="turtle")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    titles = {(str(o), o.language) for o in graph.objects(None, dct.title)}
    assert titles == {(TITLES["uz"], "uz"), (TITLES["ru"], "ru"), (TITLES["en"], "en"),
                      ("Сув таъминоти лойиҳалари", "uz-Cyrl")}
    assert (NOTES["ru"], "ru") in {(str(o), o.language) for o in
                                   graph.objects(None, dct.description)}


def test_an_appeals_department_is_named_in_the_readers_language(app, department, clean_redis):
    from tests.appeals.conftest import submit
    receipt = submit(org="moliya")
    for locale, name in (("ru", "Управление финансов и бюджета"),
                         ("uz_Cyrl", "Молия ва бюджет бошқармаси"),
                         ("uz", "Moliya va byudjet boshqarmasi")):
        page = _text(app.post(f"/{locale}/appeals/track", data={
            "number": receipt["number"], "code": receipt["access_code"]}))
        assert name in page, locale
    page = _text(app.get("/ru/appeals/statistics"))
    assert "Управление финансов и бюджета" in page

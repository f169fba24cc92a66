"""/about: the organization's text from the configuration in the reader's language (editable by
a sysadmin), its departments, the portal's sections, the licence and the API; no CKAN marketing."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.transparency.about import demo
from ckanext.transparency.core.context import site_context

UZ = "Agentlik **shahar** suv taʼminoti bilan shugʻullanadi. Telefon: +998 71 200-00-00"
RU = "Агентство занимается **водоснабжением** города."
EN = "The agency runs the **water supply** of the city."
OPTIONS = [pytest.mark.ckan_config(f"ckanext.transparency.about_{locale}", "")
           for locale in ("uz", "uz_Cyrl", "ru", "en")]


def _configure(app, **texts):
    tk.get_action("config_option_update")(
        site_context(), {f"ckanext.transparency.about_{k}": v for k, v in texts.items()})


def _main(page: str) -> str:
    return page[page.index('role="main"'):page.index("</article>")]


def _apply(marks):
    def decorate(test):
        for mark in marks:
            test = mark(test)
        return test
    return decorate


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_each_language_shows_its_own_text_uz_cyrillic_derived(app):
    _configure(app, uz=UZ, ru=RU, en=EN)
    pages = {locale: _main(app.get(f"/{locale}/about").body)
             for locale in ("uz", "uz_Cyrl", "ru", "en")}
    assert "Agentlik <strong>shahar</strong> suv taʼminoti" in pages["uz"]
    assert "Агентлик <strong>шаҳар</strong> сув таъминоти" in pages["uz_Cyrl"]
    assert "+998 71 200-00-00" in pages["uz_Cyrl"]
    assert "Агентство занимается <strong>водоснабжением</strong> города." in pages["ru"]
    assert "The agency runs the <strong>water supply</strong> of the city." in pages["en"]
    assert "водоснабжением" not in pages["en"] and "water supply" not in pages["ru"]
    for page in pages.values():
        assert "CKAN is the world" not in page and "data.gov.uk" not in page


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_written_uz_cyrillic_text_is_shown_as_written(app):
    _configure(app, uz=UZ, uz_Cyrl="Қўлда ёзилган матн.")
    assert "Қўлда ёзилган матн." in _main(app.get("/uz_Cyrl/about").body)


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_without_configuration_the_portal_speaks_for_itself(app):
    ru = _main(app.get("/ru/about").body)
    assert "Открытый портал</strong> — официальный портал открытого правительства" in ru
    uz = _main(app.get("/uz/about").body)
    assert "Ochiq portal</strong> — tashkilotning rasmiy ochiq hukumat portali" in uz
    assert "CKAN is the world" not in ru + uz


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_departments_sections_licence_and_api_are_linked(app):
    factories.Organization(name="water-dept", title="Ichimlik suvi boshqarmasi",
                           extras=[{"key": "title_ru", "value": "Управление питьевой воды"}])
    page = _main(app.get("/ru/about").body)
    assert '<a href="/ru/organization/water-dept">Управление питьевой воды</a>' in page
    for href in ("/ru/open-data", "/ru/open-data#schedule", "/ru/appeals",
                 "/ru/appeals/statistics", "/ru/dialogue/", "/ru/rating",
                 "/ru/rating/methodology", "/ru/consultations",
                 "https://creativecommons.org/licenses/by/4.0/",
                 "/api/3/action/package_search"):
        assert f'href="{href}"' in page, href
    assert "в течение 15 дней" in page  # the legal deadline of an application (ZRU-445)


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_sysadmin_edits_the_russian_text_on_the_config_page(app):
    sysadmin = factories.Sysadmin()
    headers = {"Authorization": factories.APIToken(user=sysadmin["name"])["token"]}
    form = app.get("/ckan-admin/config", headers=headers)
    assert 'name="ckanext.transparency.about_ru"' in form.body
    assert 'name="ckanext.transparency.about_uz_Cyrl"' in form.body
    response = app.post("/ckan-admin/config", headers=headers, follow_redirects=False, data={
        "ckan.site_title": tk.config.get("ckan.site_title"),
        "ckanext.transparency.about_ru": "Новый текст *о нас* от администратора.",
        "save": ""})
    assert response.status_code == 302
    assert "Новый текст <em>о нас</em> от администратора." in _main(app.get("/ru/about").body)
    assert "Новый текст" not in app.get("/en/about").body
    assert 'Новый текст *о нас*' in app.get("/ckan-admin/config", headers=headers).body
    assert app.get("/ckan-admin/config").status_code == 403


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_hostile_markdown_is_rendered_safely(app):
    _configure(app, ru='Текст <script>alert("x")</script> и [ссылка](javascript:alert(1)) '
                      '<a href="javascript:alert(2)" onclick="alert(3)">ещё</a> '
                      '<img src=x onerror="alert(4)">')
    page = _main(app.get("/ru/about").body)
    assert "Текст" in page and "ссылка" in page
    assert "<script" not in page and "javascript:" not in page
    assert "onclick" not in page and "onerror" not in page


@_apply(OPTIONS)
@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_the_demo_sets_the_text_once(app):
    counts = demo.load(site_context(), lambda line: None)
    assert counts == {"About page texts set": 1}
    assert "Агентство развития коммунальной инфраструктуры" in _main(app.get("/ru/about").body)
    assert "Коммунал инфратузилмани ривожлантириш агентлиги" in _main(
        app.get("/uz_Cyrl/about").body)
    _configure(app, ru="Своё")
    assert demo.load(site_context(), lambda line: None) == {"About page texts present": 1}
    assert tk.config.get("ckanext.transparency.about_ru") == "Своё"

"""Every kind of page in each of the four languages shows no text in another language, data
aside (ckanext.transparency.i18n.pagecheck; scripts/i18n_crawl.py does the same on a running
portal with its demo)."""
from __future__ import annotations

import re

import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.i18n import catalogs, pagecheck
from ckanext.transparency.opendata.types import QUARTERLY

PUBLIC_PAGES = (
    "/", "/dataset/", "/dataset/{dataset}", "/dataset/{dataset}/resource/{resource}",
    "/budget-execution/", "/budget-execution/{typed}", "/budget-execution/{typed}/resource/{typed_resource}",
    "/organization/", "/organization/{org}", "/organization/about/{org}", "/group/", "/about",
    "/user/login", "/user/register", "/open-data", "/open-data/budget", "/appeals",
    "/appeals/new", "/appeals/track", "/appeals/statistics", "/appeals/receptions", "/dialogue",
    "/dialogue/archive", "/consultations", "/rating", "/rating/methodology", "/widgets",
    "/widgets/appeals.html", "/widgets/schedule.html", "/widgets/event.html",
    "/widgets/drafts.html", "/widgets/rating.html", "/widgets/updates.html",
)
EDITOR_PAGES = (
    "/dataset/new", "/dataset/edit/{dataset}", "/dataset/{dataset}/resource/new",
    "/dataset/{dataset}/resource/{resource}/edit", "/budget-execution/new",
    "/budget-execution/edit/{typed}", "/dashboard/datasets", "/dataset/add",
    "/budget-execution/{typed}/resource/new",
)


@pytest.fixture
def site(with_plugins, clean_db, clean_index, linked_csv):
    """A department with a dataset of CKAN's type and a typed one, each with a file."""
    admin = factories.SysadminWithToken(name="tekshiruvchi", fullname="Tekshiruvchi")
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                 description="Byudjet va moliya masalalari")
    dataset = factories.Dataset(name="yillik-hisobot", title="Yillik hisobot, 2026",
                                notes="Tashkilotning yillik hisoboti.", owner_org=org["id"],
                                tags=[{"name": "hisobot"}])
    resource = factories.Resource(package_id=dataset["id"], name="Hisobot jadvali",
                                  url=f"{linked_csv}/hisobot.csv", format="CSV",
                                  size=20802, mimetype="text/csv")
    typed = call_action("package_create", context={"user": admin["name"]},
                        type="budget-execution", name="byudjet-ijrosi-2026",
                        title="Byudjet ijrosi, 2026", owner_org=org["id"], fiscal_year=2026,
                        frequency=QUARTERLY, language="uz-Latn", maintainer="Moliya boʻlimi",
                        maintainer_email="moliya@example.uz")
    typed_resource = factories.Resource(package_id=typed["id"], name="Maʼlumotlar",
                                        url=f"{linked_csv}/byudjet.csv", format="CSV")
    data = pagecheck.Data(pagecheck.strings_in([admin, org, dataset, resource, typed,
                                                typed_resource]))
    data.add(license["title"] for license in call_action("license_list"))
    data.add(("kod", "nomi", "Toshkent", "Samarqand"))  # the linked CSV's header and rows
    names = {"dataset": dataset["name"], "resource": resource["id"], "org": org["name"],
             "typed": typed["name"], "typed_resource": typed_resource["id"]}
    return {"admin": admin, "data": data, "names": names}


def _prefix(locale: str) -> str:
    return "" if locale == "en" else f"/{locale}"


def _findings(app, site, pages, headers=None) -> list[str]:
    found = []
    for page in pages:
        path = page.format(**site["names"])
        for locale in catalogs.LOCALES:
            html = app.get(_prefix(locale) + path, headers=headers or {}).get_data(as_text=True)
            found += [f"{locale} {path}: {f.text!r} ({', '.join(f.words)})"
                      for f in pagecheck.check_page(html, locale, site["data"])]
    return found


def test_public_pages_speak_the_language_of_the_page(app, site):
    found = _findings(app, site, PUBLIC_PAGES)
    assert not found, "\n".join(found)


def test_the_editor_forms_speak_the_language_of_the_page(app, site):
    headers = {"Authorization": site["admin"]["token"]}
    found = _findings(app, site, EDITOR_PAGES, headers)
    assert not found, "\n".join(found)


def test_the_not_found_page_speaks_the_language_of_the_page(app, site):
    for locale in catalogs.LOCALES:
        html = app.get(f"{_prefix(locale)}/dataset/no-such-dataset", status=404).get_data(
            as_text=True)
        assert pagecheck.check_page(html, locale, site["data"]) == []


@pytest.mark.parametrize("text, locale, wrong", [
    ("Maʼlumotlar toʻplamlari", "uz", []),
    ("Save changes", "uz", ["Save", "changes"]),
    ("Маълумотлар тўплами", "uz", ["Маълумотлар", "тўплами"]),
    ("Maʼlumotlar toʻplami", "uz_Cyrl", ["Maʼlumotlar", "toʻplami"]),
    ("Скачать CSV или Excel через API", "ru", []),
    ("Yuklab olish", "en", ["Yuklab", "olish"]),
    ("Download the data", "en", []),
])
def test_the_check_tells_words_of_another_language(text, locale, wrong):
    assert pagecheck.wrong_words(text, locale) == wrong


def test_data_is_not_flagged_but_the_words_around_it_are():
    data = pagecheck.Data(["Moliya boshqarmasi"])
    html = ("<h1>Moliya boshqarmasi</h1><a aria-label='Resource: Moliya boshqarmasi'>x</a>"
            "<p>Маълумотлар тўплами</p>")
    found = pagecheck.check_page(html, "uz_Cyrl", data)
    assert [(f.text, f.words) for f in found] == [("Resource: Moliya boshqarmasi", ["Resource"])]


# A CKAN organization is one of the organization's departments, a package a dataset: the pages
# say so in the portal's words, not in the ones CKAN's own catalogs use for them.
OTHER_TERMS = {"ru": re.compile(r"пакет|массив|подразделени", re.IGNORECASE),
               "uz": re.compile(r"boʻlinma|tashkilotlar", re.IGNORECASE),
               "uz_Cyrl": re.compile(r"бўлинма|ташкилотлар", re.IGNORECASE),
               "en": re.compile(r"\borganizations\b|\bpackages?\b", re.IGNORECASE)}
TERMS = {"ru": ("Наборы данных", "Отделы"), "uz": ("Maʼlumotlar toʻplamlari", "Boʻlimlar"),
         "uz_Cyrl": ("Маълумотлар тўпламлари", "Бўлимлар"), "en": ("Datasets", "Departments")}


def test_pages_name_datasets_and_departments_in_the_portals_words(app, site):
    headers = {"Authorization": site["admin"]["token"]}  # the editors' buttons shown too
    for locale, pattern in OTHER_TERMS.items():
        found = []
        for page in PUBLIC_PAGES + ("/dashboard/datasets", "/dashboard/organizations"):
            path = page.format(**site["names"])
            html = app.get(_prefix(locale) + path, headers=headers).get_data(as_text=True)
            found += [f"{path}: {text!r}" for text in pagecheck.visible_text(html)
                      if pattern.search(text)]
        assert not found, f"{locale}:\n" + "\n".join(found)
        html = app.get(f"{_prefix(locale)}/dataset/").get_data(as_text=True)
        assert all(term in html for term in TERMS[locale]), locale


def test_a_departments_page_in_russian_names_its_tabs_and_sorts_as_the_portal_means_them(
        app, site):
    """CKAN's Russian calls a department's "About" tab «О проекте», its activity «Динамика
    процесса» and the sort by relevance «Актуальность»."""
    html = app.get("/ru/organization/{org}".format(**site["names"])).get_data(as_text=True)
    texts = pagecheck.visible_text(html)
    assert {"Описание", "История изменений", "Релевантность", "Название (А–Я)"} <= set(texts)
    assert not {"О проекте", "Динамика процесса", "Актуальность"} & set(texts)

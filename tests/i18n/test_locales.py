"""The four locales in the running site: URLs, switcher, translated pages, formats, search."""
from __future__ import annotations

import datetime
import re

import pytest

from ckan.tests import factories

from ckanext.transparency.i18n import catalogs, formatting



def _spaces(text: str) -> str:
    """babel separates groups and units with no-break spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.mark.usefixtures("with_plugins")
class TestLocales:
    def test_the_plugin_makes_ckan_list_our_locales(self, ckan_config):
        from ckan.lib import i18n
        assert ckan_config["ckan.i18n_directory"] == str(catalogs.CKAN_DIR)
        assert set(catalogs.LOCALES) <= set(i18n.get_locales())

    def test_the_switcher_offers_the_four_languages_by_their_own_names(self, app):
        html = app.get("/uz_Cyrl/dataset/").get_data(as_text=True)
        options = dict(re.findall(r'<option value="([^"]*)" lang="[^"]*"[^>]*>\s*([^<]+?)\s*<',
                                  html))
        assert set(options.values()) == {"Oʻzbekcha", "Ўзбекча", "Русский", "English"}
        assert '<html lang="uz-Cyrl"' in html

    @pytest.mark.parametrize("prefix, expected, absent", [
        ("/uz", ["Maʼlumotlar toʻplamlari", "Boʻlimlar", "Kirish", "Til"],
         ["Datasets", "Log in", "Language"]),
        ("/uz_Cyrl", ["Маълумотлар тўпламлари", "Бўлимлар", "Кириш", "Тил"],
         ["Datasets", "Log in", "Language", "Maʼlumotlar"]),
        ("/ru", ["Наборы данных", "Отделы", "Войти", "Язык"],
         ["Log in", "Language", "Skip to main content"]),
        ("", ["Datasets", "Departments", "Log in"], ["Maʼlumotlar", "Organizations"]),
    ])
    def test_the_dataset_search_page_in_each_language(self, app, prefix, expected, absent):
        text = _text(app.get(f"{prefix}/dataset/"))
        for word in expected:
            assert word in text
        for word in absent:
            assert word not in text

    def test_the_login_page_in_uzbek_cyrillic(self, app):
        text = _text(app.get("/uz_Cyrl/user/login"))
        assert "Фойдаланувчи номи ёки электрон почта" in text
        assert "Паролни унутдингизми?" in text
        assert "Password" not in text and "Username" not in text

    @pytest.mark.ckan_config("ckan.locale_default", "uz")
    def test_uzbek_can_be_the_default(self, app):
        text = _text(app.get("/dataset/"))
        assert "Maʼlumotlar toʻplamlari" in text

    def test_an_error_page_in_uzbek(self, app):
        text = _text(app.get("/uz/dataset/no-such-dataset", status=404))
        assert "Maʼlumotlar toʻplami topilmadi" in text


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_latin_and_cyrillic_find_the_same_dataset_from_every_locale(app):
    org = factories.Organization(name="moliya", title="Moliya boʻlimi")
    factories.Dataset(name="byudjet-ijrosi", title="Byudjet ijrosi", owner_org=org["id"])
    factories.Dataset(name="murojaatlar", title="Мурожаатлар статистикаси", owner_org=org["id"])
    for prefix in ("/uz", "/uz_Cyrl", "/ru", ""):
        for query, name in (("бюджет", "byudjet-ijrosi"), ("byudjet", "byudjet-ijrosi"),
                            ("murojaatlar", "murojaatlar"), ("мурожаатлар", "murojaatlar")):
            html = app.get(f"{prefix}/dataset/", query_string={"q": query}).get_data(as_text=True)
            assert f"/dataset/{name}" in html, (prefix, query)


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("locale, money, number, date", [
    ("uz", "1 234 567 890 soʻm", "1 234 567,50", "2024-yil 15-sentabr"),
    ("uz_Cyrl", "1 234 567 890 сўм", "1 234 567,50", "2024-йил 15-сентябр"),
    ("ru", "1 234 567 890 UZS", "1 234 567,50", "15 сентября 2024 г."),
    ("en", "1,234,567,890 UZS", "1,234,567.50", "September 15, 2024"),
])
def test_money_numbers_and_dates_in_each_locale(app, locale, money, number, date):
    with app.flask_app.test_request_context("/", environ_base={"CKAN_LANG": locale}):
        assert _spaces(formatting.transparency_money(1234567890)) == money
        assert _spaces(formatting.transparency_number(1234567.5, 2)) == number
        assert _spaces(formatting.transparency_date(datetime.date(2024, 9, 15))) == date
        assert _spaces(formatting.transparency_date("2024-09-15T10:00:00")) == date
        assert formatting.transparency_money(None) == ""


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("locale, date, date_time", [
    ("uz", "2026-yil 26-noyabr", "2026-yil 26-noyabr, 09:05"),
    ("uz_Cyrl", "2026-йил 26-ноябр", "2026-йил 26-ноябр, 09:05"),
    ("ru", "26 ноября 2026 г.", "26 ноября 2026 г., 09:05"),
    ("en", "November 26, 2026", "November 26, 2026, 09:05 (UTC)"),
])
def test_dates_and_times_in_the_word_order_of_each_language(app, locale, date, date_time):
    """CKAN's h.render_datetime too: babel's Uzbek puts the year last, CKAN's time the month
    first ("noyabr 26, 2026, 09:05")."""
    from ckan.plugins import toolkit
    with app.flask_app.test_request_context("/", environ_base={"CKAN_LANG": locale}):
        assert _spaces(toolkit.h.render_datetime("2026-11-26T09:05:00")) == date
        assert _spaces(toolkit.h.render_datetime("2026-11-26T09:05:00",
                                                 with_hours=True)) == date_time
        assert toolkit.h.render_datetime("2026-11-26T09:05:00", "%d.%m.%Y") == "26.11.2026"


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("locale, day", [
    ("uz", "2026-yil 13-dekabr"),
    ("uz_Cyrl", "2026-йил 13-декабр"),
    ("ru", "13 декабря 2026 г."),
    ("en", "December 13, 2026"),
])
def test_event_times_in_the_word_order_of_each_language(app, locale, day):
    """Briefings, polls and questions show their times as the other pages show dates, in the
    site's time zone; an action called outside a request (the home page's badge) in English."""
    from ckanext.transparency.dialogue import helpers, times
    clock = times.to_local(datetime.datetime(2026, 12, 13, 10, 0)).strftime("%H:%M")
    with app.flask_app.test_request_context("/", environ_base={"CKAN_LANG": locale}):
        assert _spaces(helpers.dialogue_when("2026-12-13T10:00:00Z")) == f"{day}, {clock}"
    assert _spaces(helpers.dialogue_when("2026-12-13T10:00:00Z")) == \
        f"December 13, 2026, {clock}"
    assert helpers.dialogue_when(None) == ""

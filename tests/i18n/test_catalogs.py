"""The UI catalogs are complete and compiled. A failure lists the untranslated strings; the fix
is `make i18n` (extract, merge, derive uz_Cyrl, compile), then translating the empty entries of
ckanext/transparency/i18n/{uz,ru}/LC_MESSAGES/*.po, then `make i18n` again."""
from __future__ import annotations

from babel.messages.catalog import Catalog

from ckanext.transparency.i18n import catalogs
from ckanext.transparency.i18n.transliterate import to_cyrillic_message


def test_every_string_of_the_extension_is_translated_in_the_four_catalogs():
    problems = catalogs.check_extension()
    assert not problems, catalogs.report(problems)


def test_the_ckan_strings_visitors_and_editors_meet_are_translated_into_uzbek():
    problems = catalogs.check_core()
    assert not problems, catalogs.report(problems)


def test_translations_keep_placeholders_markup_and_script():
    problems = catalogs.check_consistency()
    assert not problems, catalogs.report(problems)


def test_compiled_catalogs_are_current():
    problems = catalogs.check_compiled()
    assert not problems, catalogs.report(problems)


def test_the_check_names_an_untranslated_string_and_the_command():
    template = Catalog()
    template.add("Appeal received", locations=[("ckanext/transparency/appeals/views.py", 7)])
    translated = Catalog(locale="uz")
    translated.add("Appeal received", "")
    problems = catalogs._untranslated(template, [translated], "uz/LC_MESSAGES/x.po")
    assert problems == ["uz/LC_MESSAGES/x.po: not translated: 'Appeal received'  "
                        "(ckanext/transparency/appeals/views.py:7)"]
    assert "make i18n" in catalogs.report(problems)
    translated.get("Appeal received").string = "Murojaat qabul qilindi"
    assert catalogs._untranslated(template, [translated], "uz") == []


def test_the_extension_strings_come_from_setup_py_message_extractors():
    extractors = catalogs._setup_message_extractors()
    assert ("**/templates/**.html", "ckan") in extractors["ckanext"]
    assert catalogs.extension_template()  # finds the strings of the extension's own code


def test_every_offered_locale_has_a_folder_that_babel_understands():
    from babel import Locale
    for locale in catalogs.LOCALES:
        assert (catalogs.I18N_DIR / locale / "LC_MESSAGES").is_dir()
        assert Locale.parse(locale)
    assert Locale.parse("uz_Cyrl").script == "Cyrl"


def test_cyrillic_messages_keep_placeholders_tags_and_names():
    text = ('%(count)s ta <a href="%(url)s">maʼlumotlar toʻplami</a> {name} yoʻq, '
            "CSV va API, start_date &raquo; data.gov.uk")
    assert to_cyrillic_message(text) == (
        '%(count)s та <a href="%(url)s">маълумотлар тўплами</a> {name} йўқ, '
        "CSV ва API, start_date &raquo; data.gov.uk")


def test_transliteration_exceptions():
    assert to_cyrillic_message("Tashkilotsiz") == "Ташкилотсиз"  # -siz is not ц
    assert to_cyrillic_message("Investitsiya, munitsipal") == "Инвестиция, муниципал"
    assert to_cyrillic_message("Filtrlar, JADVAL FILTRI") == "Фильтрлар, ЖАДВАЛ ФИЛЬТРИ"
    assert to_cyrillic_message("subyekt ierarxiyada") == "субъект иерархияда"
    assert to_cyrillic_message("Elektron pochta, yoʻq, maʼlumot") == "Электрон почта, йўқ, маълумот"

"""Text analysis as CKAN's Solr schema does it, and more: English and Russian stemming, Uzbek
suffixes in both scripts, word splitting; n-gram autocomplete."""
import pytest

from ckan.tests import factories, helpers

from ckanext.transparency.search import uzbek
from ckanext.transparency.search.text import positions, query_terms

from .conftest import names


@pytest.mark.parametrize("inflected, bare", [
    ("murojaatlar", "murojaat"),          # plural -lar
    ("hisobotning", "hisobot"),           # genitive -ning
    ("toshkentga", "toshkent"),           # dative -ga
    ("toshkentda", "toshkent"),           # locative -da
    ("byudjetdan", "byudjet"),            # ablative -dan
    ("shartnomani", "shartnoma"),         # accusative -ni
    ("ijrosi", "ijro"),                   # possessive -si
    ("hisobotlarining", "hisobot"),       # -lar + -i + -ning
    ("murojaatlarni", "murojaat"),        # -lar + -ni
    ("korxonalarda", "korxona"),          # -lar + -da
    ("dan", "dan"), ("gap", "gap"), ("bosh", "bosh"),  # too short to strip
])
def test_uzbek_suffix_rules(inflected, bare):
    assert uzbek.stem(inflected) == bare


@pytest.mark.parametrize("a, b", [
    ("Hisobotlarining", "hisobot"),
    ("ҳисоботларининг", "hisobot"),       # Uzbek Cyrillic, same rules
    ("Мурожаатлар", "murojaat"),
    ("reports", "report"),                # English Snowball
    ("отчеты", "отчет"),                  # Russian Snowball
    ("отчетов", "отчёт"),
])
def test_inflected_forms_share_a_stem(a, b):
    assert set(query_terms(a)[0][1:]) & set(query_terms(b)[0][1:])


def test_word_delimiter_splits_and_catenates_at_index_time():
    slots = positions("WaterSupply2024 e-mail")
    assert [s[0] for s in slots] == ["water", "supply", "2024", "e", "mail"]
    assert "watersupply" in slots[0] and "email" in slots[3]
    assert [t[0] for t in query_terms("e-mail WaterSupply")] == ["e", "mail", "water", "supply"]


@pytest.fixture(scope="module")
def texts(reset_db, reset_index):
    reset_db()
    reset_index()
    org = factories.Organization()
    for name, title, notes in [
        ("annual-reports", "Annual reports", "Reports of the year."),
        ("one-report", "Report", "One report."),
        ("water-supply", "WaterSupply2024 figures", "Contact by e-mail."),
        ("otchety", "Отчеты министерства", "Годовые отчеты."),
        ("hisobotlar", "Moliyaviy hisobotlar", "Choraklar boʻyicha hisobotlarning toʻplami."),
        ("murojaatlar-cyr", "Мурожаатларни кўриб чиқиш", ""),
    ]:
        factories.Dataset(name=name, title=title, notes=notes, owner_org=org["id"])


@pytest.mark.usefixtures("texts")
class TestStemmingAndSplitting:
    def test_english_singular_finds_plural(self):
        assert names(q="report") == {"annual-reports", "one-report"}
        assert names(q="reports") == {"annual-reports", "one-report"}

    def test_exact_form_ranks_above_stemmed(self):
        result = helpers.call_action("package_search", q="report", rows=2)["results"]
        assert result[0]["name"] == "one-report"
        result = helpers.call_action("package_search", q="reports", rows=2)["results"]
        assert result[0]["name"] == "annual-reports"

    def test_word_parts_and_catenations(self):
        assert names(q="supply") == {"water-supply"}
        assert names(q="WaterSupply2024") == {"water-supply"}
        assert names(q="email") == {"water-supply"}
        assert names(q="e-mail") == {"water-supply"}

    def test_russian(self):
        assert names(q="отчет") == {"otchety"}
        assert names(q="министерство") == {"otchety"}

    def test_uzbek_both_scripts(self):
        assert names(q="hisobot") == {"hisobotlar"}
        assert names(q="ҳисоботлари") == {"hisobotlar"}
        assert names(q="murojaat") == {"murojaatlar-cyr"}

    def test_fielded_text_is_stemmed_too(self):
        assert names(q="title:report") == {"annual-reports", "one-report"}
        assert names(q="notes:hisobot") == {"hisobotlar"}


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestAutocomplete:
    def test_start_and_middle_of_name_and_title(self):
        factories.Dataset(name="warandpeace", title="A Wonderful Story")
        factories.Dataset(name="other", title="Some public stuff")
        found = helpers.call_action("package_autocomplete", q="war")
        assert [d["name"] for d in found] == ["warandpeace"]
        assert [d["name"] for d in helpers.call_action("package_autocomplete", q="bli")] == ["other"]
        assert [d["name"] for d in helpers.call_action("package_autocomplete", q="nderf")] == [
            "warandpeace"]

    def test_web_autocomplete(self, app):
        factories.Dataset(name="rivers-and-lakes", title="Daryolar")
        response = app.get("/api/2/util/dataset/autocomplete", query_string={"incomplete": "lak"})
        assert [r["name"] for r in response.json["ResultSet"]["Result"]] == ["rivers-and-lakes"]

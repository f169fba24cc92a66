"""Malformed queries get a clear error (never a 500, never a silent empty result); the
search-index commands work on the PostgreSQL engine."""
import pytest

from ckan.cli.cli import ckan as ckan_command
from ckan.lib.search.common import SearchError, SearchQueryError
from ckan.tests import factories, helpers

MALFORMED = [
    ({"q": 'title:"unbalanced phrase'}, "Illegal character"),
    ({"q": "title:(water OR"}, "Syntax error"),
    ({"q": "title:rivers~"}, "Fuzzy search"),
    ({"q": 'title:"river monitoring"~3'}, "Proximity search"),
    ({"fq": "metadata_modified:[yesterday TO NOW]"}, "not a date"),
    ({"fq": "metadata_modified:[NOW-3FORTNIGHTS TO NOW]"}, "unknown date unit"),
    ({"fq": "a:b:c"}, "field inside a field"),
    ({"fq": "tags:(water"}, "Syntax error"),
    ({"q": "tags:water &&"}, "Syntax error"),
    ({"q": "title:[a TO b] AND *:water"}, "Only *:*"),
    ({"sort": "title_string sideways"}, 'Invalid "sort"'),
    ({"sort": "title_string"}, 'Invalid "sort"'),
    ({"q": "text:[1 TO 5]"}, "A range needs a field"),
]


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestMalformedQueries:
    @pytest.mark.parametrize("params, message", MALFORMED)
    def test_action_raises_a_clear_error(self, params, message):
        factories.Dataset(title="Rivers")
        with pytest.raises(SearchError) as error:
            helpers.call_action("package_search", **params)
        assert message in str(error.value)

    def test_query_errors_are_search_query_errors(self):
        with pytest.raises(SearchQueryError):
            helpers.call_action("package_search", q="title:rivers~")

    @pytest.mark.parametrize("params, message", MALFORMED)
    def test_api_answers_a_client_error_with_the_message(self, app, params, message):
        response = app.get("/api/3/action/package_search", query_string=params)
        assert response.status_code in (400, 409)  # query error / search error
        assert message in response.json["error"]["message"]

    def test_web_search_page_shows_the_error(self, app):
        response = app.get("/dataset/", query_string={"q": "title:(water OR"})
        assert response.status_code == 400
        assert "Syntax error in search q" in response.body

    def test_local_parameters_rejected(self):
        with pytest.raises(SearchError):
            helpers.call_action("package_search", fq="{!lucene}tags:water")


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestSearchIndexCommands:
    def test_rebuild_clear_check(self, cli, ckan_config):
        factories.Dataset(name="one", title="Birinchi")
        factories.Dataset(name="two", title="Ikkinchi")
        result = cli.invoke(ckan_command, ["search-index", "clear"])
        assert result.exit_code == 0, result.output
        assert helpers.call_action("package_search")["count"] == 0

        result = cli.invoke(ckan_command, ["search-index", "check"])
        assert "Packages not indexed = 2 out of 2" in result.output

        result = cli.invoke(ckan_command, ["search-index", "rebuild"])
        assert result.exit_code == 0, result.output
        assert helpers.call_action("package_search", q="birinchi")["count"] == 1
        result = cli.invoke(ckan_command, ["search-index", "check"])
        assert "Packages not indexed = 0 out of 2" in result.output

    def test_show(self, cli):
        dataset = factories.Dataset(name="shown", title="Koʻrsatilgan")
        result = cli.invoke(ckan_command, ["search-index", "show", dataset["id"]])
        assert result.exit_code == 0, result.output
        assert "'name': 'shown'" in result.output or '"name": "shown"' in result.output

    def test_deleted_dataset_leaves_the_index(self):
        dataset = factories.Dataset(title="Vaqtinchalik")
        assert helpers.call_action("package_search", q="vaqtinchalik")["count"] == 1
        admin = factories.Sysadmin()
        helpers.call_action("package_delete", context={"user": admin["name"]}, id=dataset["id"])
        assert helpers.call_action("package_search", q="vaqtinchalik")["count"] == 0


USER_INPUT_ERRORS = [
    ({"q": "title:/(/"}, "Invalid regular expression"),
    ({"q": "title:/a{99999}/"}, "Invalid regular expression"),
    ({"q": "title:" + "(" * 1000 + "a" + ")" * 1000}, "nests parentheses 1000 deep"),
    ({"fq": "title:a " + "NOT " * 3000 + "b"}, "more than 50 deep"),
    ({"q": "a " + "NOT " * 3000 + "b"}, "at most 5000 are allowed"),
    ({"fq": "metadata_modified:[NOW-100000000YEARS TO NOW]"}, "out of the range of dates"),
    ({"fq": "metadata_modified:[NOW TO NOW+9000YEARS]"}, "out of the range of dates"),
    ({"fq": "weight:[-1e999 TO 1e999]"}, "out of range"),
    ({"q": "title:riv\x00ers"}, "NUL character"),
    ({"q": "water", "start": "99999999999999999999"}, "at most 2147483647"),
    ({"q": "w" * 10000}, "10000 characters"),
    ({"q": "title:" + "w" * 300}, "word of 300 characters"),
    ({"fq": "metadata_modified:2026-12-02"}, "is not a date"),
    ({"q": "--included"}, "two operators in a row"),
]


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestUserInputErrors:
    @pytest.mark.parametrize("params, message", USER_INPUT_ERRORS)
    def test_api_answers_400_with_what_is_wrong(self, app, params, message):
        factories.Dataset(title="Rivers", notes="a b", extras=[{"key": "weight", "value": "3"}])
        response = app.get("/api/3/action/package_search", query_string=params)
        assert response.status_code == 400, response.body[:500]
        assert message in response.json["error"]["message"] or \
            message in str(response.json["error"])

    def test_web_search_page_shows_the_message(self, app):
        response = app.get("/dataset/", query_string={"q": "w" * 10000})
        assert response.status_code == 400
        assert "10000 characters" in response.body

    @pytest.mark.ckan_config("ckanext.transparency.search.max_word_length", "20")
    @pytest.mark.ckan_config("ckanext.transparency.search.max_depth", "3")
    def test_limits_are_configurable(self):
        with pytest.raises(SearchQueryError, match="at most 20 characters"):
            helpers.call_action("package_search", q="w" * 21)
        with pytest.raises(SearchQueryError, match="at most 3 levels"):
            helpers.call_action("package_search", q="title:((((a))))")

    def test_empty_phrase_matches_nothing(self):
        factories.Dataset(title="Rivers")
        assert helpers.call_action("package_search", q='title:""')["count"] == 0


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestIndexing:
    def test_long_unbroken_string_is_indexed_without_it(self):
        blob = "x" * 3000
        dataset = factories.Dataset(title="Long notes", notes=f"Quarterly {blob} figures")
        assert helpers.call_action("package_search", q="quarterly")["results"][0]["id"] == dataset["id"]
        assert helpers.call_action("package_search", q="notes:figures")["count"] == 1

    def test_notes_longer_than_a_vector_holds_crowd_out_no_title_nor_tag(self):
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = ["soz" + "".join(letters[i // 26 ** k % 26] for k in range(4))
                 for i in range(100_000)]
        dataset = factories.Dataset(title="Lugʻat", notes=" ".join(words),
                                    tags=[{"name": "atamalar"}])
        for q in ("lugʻat", "atamalar", words[7],
                  words[20_000]):  # past PostgreSQL's last position (16,383), within 1 MB
            assert [d["id"] for d in helpers.call_action(
                "package_search", q=q)["results"]] == [dataset["id"]], q
        # past the vector's 1 MB: left out of free text, still a word of the field
        assert helpers.call_action("package_search", q=words[-1])["count"] == 0
        assert helpers.call_action("package_search", q=f"notes:{words[-1]}")["count"] == 1

    def test_index_errors_show_no_connection_details(self):
        import pysolr
        from ckanext.transparency.search.connection import PostgresSolr
        solr = PostgresSolr("postgresql://secretuser:secretpass@127.0.0.1:9/nodb", timeout=2)
        with pytest.raises(pysolr.SolrError) as error:
            solr.add([{"index_id": "1", "site_id": "s", "title": "x"}])
        for detail in ("secretuser", "secretpass", "127.0.0.1", ":9", "nodb"):
            assert detail not in str(error.value)

    def test_stored_number_out_of_range_is_no_number(self):
        factories.Dataset(name="huge", extras=[{"key": "weight", "value": "1e999"}])
        factories.Dataset(name="small", extras=[{"key": "weight", "value": "3"}])
        result = helpers.call_action("package_search", fq="weight:[1 TO 5]")
        assert [d["name"] for d in result["results"]] == ["small"]

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

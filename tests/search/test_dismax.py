"""dismax/edismax as CKAN uses them: each field of qf and pf with its boost, forgiving free
text, and the bf/boost ranking functions."""
import logging

import pytest

from ckan.tests import factories, helpers

from .conftest import names


@pytest.fixture(scope="module")
def fielded(reset_db, reset_index):
    """Datasets whose every text is given: CKAN's factory writes random notes where none is,
    and once a random "well" (a word of Faker's list) matched `wells` by its stem."""
    reset_db()
    reset_index()
    agency = factories.Organization(name="agency", title="Statistics agency")
    factories.Dataset(name="notes-match", title="Budget", notes="Monitoring of wells.",
                      owner_org=agency["id"], tags=[{"name": "budget"}])
    factories.Dataset(name="resource-match", title="Wells", notes="", owner_org=agency["id"],
                      resources=[{"url": "http://example.uz/x.csv", "name": "Monitoring table"}])
    factories.Dataset(name="tag-match", title="Registry", notes="", owner_org=agency["id"],
                      tags=[{"name": "agency"}])
    factories.Dataset(name="draft-budget", title="Budget draft plan", notes="Draft of a budget",
                      owner_org=agency["id"])
    factories.Dataset(name="notes-draft", title="Plan: draft, budget", notes="Budget draft",
                      owner_org=agency["id"])


@pytest.mark.usefixtures("fielded")
class TestQueryFields:
    def test_one_field_of_qf(self):
        assert names(q="monitoring", qf="notes") == {"notes-match"}
        assert names(q="monitoring", qf="res_name") == {"resource-match"}
        assert names(q="monitoring") == {"notes-match", "resource-match"}

    def test_string_field_of_qf_is_exact(self):
        assert names(q="agency", qf="tags") == {"tag-match"}
        assert names(q="agency", qf="organization") == {
            "notes-match", "resource-match", "tag-match", "draft-budget", "notes-draft"}

    def test_boost_of_each_field_orders_results(self):
        def first(qf):
            return helpers.call_action("package_search", q="wells", qf=qf, rows=1)["results"][0]["name"]
        assert first("title^10 notes") == "resource-match"
        assert first("title notes^10") == "notes-match"

    @pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "dismax")
    def test_phrase_fields_boost_words_in_a_row(self):
        def order(pf):
            q = "{!dismax qf='title notes' pf='%s'}budget draft" % pf
            return [d["name"] for d in helpers.call_action("package_search", q=q)["results"]]
        # "Budget draft plan" has the words in a row in its title, the other only in notes
        assert order("title^50")[0] == "draft-budget"
        assert order("notes^50")[0] == "notes-draft"


BUDGET = {"notes-match", "draft-budget", "notes-draft"}


@pytest.mark.usefixtures("fielded")
class TestForgivingFreeText:
    @pytest.mark.parametrize("q, expected", [
        ("(budget", BUDGET),
        ("budget [draft]", {"draft-budget", "notes-draft"}),
        ('"budget', BUDGET),
        ("budget --", BUDGET),
        ("budget -", BUDGET),
        ("budget?", BUDGET),
        ("budget) (draft", {"draft-budget", "notes-draft"}),
    ])
    def test_special_characters_are_words(self, app, q, expected):
        response = app.get("/api/3/action/package_search", query_string={"q": q})
        assert response.status_code == 200, response.json
        assert {d["name"] for d in response.json["result"]["results"]} == expected

    def test_question_mark_is_not_a_wildcard(self):
        assert names(q="budge?") == set()


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestRankingFunctions:
    def test_recency_boost_puts_the_newest_first(self, freezer):
        freezer.move_to("2025-01-01")
        factories.Dataset(name="older", title="Water", notes="")
        freezer.move_to("2026-01-01")
        factories.Dataset(name="newer", title="Water", notes="")
        freezer.move_to("2026-02-01")
        for param in ("bf", "boost"):
            result = helpers.call_action(
                "package_search", q="water",
                **{param: "recip(ms(NOW,metadata_modified),3.16e-11,1,1)"})
            assert [d["name"] for d in result["results"]] == ["newer", "older"], param

    def test_numeric_field_boost(self):
        factories.Dataset(name="few", title="Water", notes="",
                          extras=[{"key": "weight", "value": "1"}])
        factories.Dataset(name="many", title="Water", notes="",
                          extras=[{"key": "weight", "value": "9"}])
        result = helpers.call_action("package_search", q="water", bf="weight^2")
        assert [d["name"] for d in result["results"]] == ["many", "few"]

    def test_unsupported_function_is_left_out_with_a_warning(self, caplog):
        factories.Dataset(name="ww", title="Water", notes="")
        # the ini's logging configuration may disable loggers made before it was read
        logger = logging.getLogger("ckanext.transparency.search.functions")
        disabled, logger.disabled = logger.disabled, False
        logger.addHandler(caplog.handler)
        try:
            with caplog.at_level(logging.WARNING, logger=logger.name):
                result = helpers.call_action("package_search", q="water",
                                             bf="termfreq(text,'water')")
        finally:
            logger.removeHandler(caplog.handler)
            logger.disabled = disabled
        assert [d["name"] for d in result["results"]] == ["ww"]
        assert "termfreq" in caplog.text

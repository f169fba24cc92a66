"""The Solr query language through CKAN's package_search, on the PostgreSQL engine."""
import pytest

from .conftest import names

pytestmark = pytest.mark.usefixtures("catalogue")


class TestFreeText:
    def test_one_word(self):
        assert names(q="hydrology") == {"rivers"}

    def test_latin_word_finds_cyrillic_dataset_and_back(self):
        both = {"budget-2023", "budget-2024-q1"}
        assert names(q="ijrosi") == both
        assert names(q="ижроси") == both

    def test_cyrillic_query_finds_latin_and_cyrillic(self):
        assert names(q="мурожаатлар") == {"appeals-stats"}
        assert names(q="murojaatlar") == {"appeals-stats"}

    def test_apostrophe_variants(self):
        expected = {"roads-apostrophe", "roads-okina"}
        for variant in ("o'zbekiston", "oʻzbekiston", "o‘zbekiston", "OZBEKISTON", "Ўзбекистон"):
            assert names(q=variant) == expected, variant

    def test_two_words_must_both_match(self):
        assert names(q="ijrosi 2023") == {"budget-2023"}

    def test_minimum_should_match_for_three_words(self):
        # CKAN's mm "2<-1 5<80%": with three words, two are enough
        assert names(q="ijrosi 2024 nonexistentword") == {"budget-2024-q1"}

    def test_phrase_keeps_word_order(self):
        assert names(q='"ijrosi 2024"') == {"budget-2024-q1"}
        assert names(q='"2024 ijrosi"') == set()

    def test_required_and_prohibited_words(self):
        assert names(q="ijrosi -2023") == {"budget-2024-q1"}
        assert names(q="+water +monitoring") == {"water-quality"}

    def test_prefix_wildcard(self):
        assert names(q="monitor*") == {"water-quality"}

    def test_inner_wildcard(self):
        assert names(q="title:riv?rs") == {"rivers"}

    def test_resource_name_and_tags_are_searched(self):
        assert "procurement-2024" in names(q="xaridlar")
        assert names(q="ecology") == {"water-quality"}

    def test_title_match_ranks_above_notes_match(self):
        result = names(q="water", rows=1)
        # "Water quality" has the word in its title; "rivers" only in a tag
        assert result == {"water-quality"}

    def test_organization_title_is_not_free_text_but_name_is(self):
        assert names(q="finance") >= {"budget-2024-q1", "budget-2023"}


class TestFielded:
    def test_string_field_is_exact(self):
        assert names(fq="tags:budget") == {"budget-2024-q1", "budget-2023"}
        assert names(fq="tags:Budget") == set()

    def test_organization_and_format(self):
        assert names(fq="organization:procurement") == {"procurement-2024", "roads-apostrophe",
                                                      "roads-okina"}
        assert names(fq="res_format:XLSX") == {"budget-2024-q1", "procurement-2024"}

    def test_text_field_matches_words(self):
        assert names(q="title:rivers") == {"rivers"}
        assert names(q="notes:monitoring") == {"water-quality"}
        assert names(q="title:бюджет") == {"budget-2023", "budget-2024-q1"}  # Byudjet = Бюджет

    def test_text_field_phrase(self):
        assert names(q='notes:"river monitoring"') == {"water-quality"}
        assert names(q='notes:"monitoring river"') == set()

    def test_extras_are_searchable_by_field(self):
        assert names(q="extras_fiscal_year:2024") == {"budget-2024-q1"}
        assert names(fq="frequency:MONTHLY") == {"procurement-2024", "appeals-stats"}

    def test_boolean_operators_and_groups(self):
        assert names(fq="tags:water AND tags:ecology") == {"water-quality"}
        # fq_list reaches the engine as written; CKAN puts "+capacity:public " before fq,
        # which (as in Solr) leaves plain clauses optional: "+(a OR b)" is the way there
        assert names(fq_list=["tags:ecology OR tags:appeals"]) == {"water-quality", "appeals-stats"}
        assert names(fq="+(tags:ecology OR tags:appeals)") == {"water-quality", "appeals-stats"}
        assert names(fq="tags:water AND NOT tags:ecology") == {"rivers"}
        assert names(fq="(tags:roads OR tags:water) AND -tags:rail") == {
            "roads-apostrophe", "water-quality", "rivers"}
        assert names(fq="tags:water && tags:ecology") == {"water-quality"}

    def test_plus_minus_lists(self):
        assert names(fq="+organization:finance -tags:moliya") == {"budget-2023"}

    def test_wildcards_on_string_field(self):
        assert names(fq="tags:proc*") == {"procurement-2024"}
        assert names(fq="name:budget-202?-q1") == {"budget-2024-q1"}
        assert names(fq="name:*-2024") == {"procurement-2024"}

    def test_field_exists(self):
        assert names(fq="fiscal_year:*") == {"budget-2024-q1", "budget-2023"}

    def test_numeric_range(self):
        assert names(fq="fiscal_year:[2024 TO 2030]") == {"budget-2024-q1"}
        assert names(fq="fiscal_year:[2000 TO 2023]") == {"budget-2023"}
        assert names(fq="fiscal_year:{2023 TO 2024]") == {"budget-2024-q1"}
        assert names(fq="fiscal_year:[* TO 2023}") == set()

    def test_date_range_with_date_math(self):
        everything = names()
        assert names(fq="metadata_modified:[NOW-1DAY TO NOW+1MINUTE]") == everything
        assert names(fq="metadata_created:[* TO NOW/DAY-1YEAR]") == set()
        assert names(fq="metadata_created:[2000-01-01T00:00:00Z TO *]") == everything

    def test_match_all(self):
        assert len(names(q="*:*")) == 8

    def test_escaped_characters(self):
        assert names(fq=r"name:budget\-2023") == {"budget-2023"}

    def test_edismax_mixes_free_text_and_fields(self):
        assert names(q="ijrosi tags:moliya", defType="edismax") == {"budget-2024-q1"}


class TestVisibility:
    def test_private_dataset_only_for_members(self, catalogue):
        from ckan.tests import helpers
        member = catalogue["member"]["name"]
        outsider = catalogue["outsider"]["name"]

        def visible(user):
            result = helpers.call_action("package_search", context={"user": user, "ignore_auth": False},
                                         q="ichki", include_private=True)
            return {d["name"] for d in result["results"]}

        assert visible(member) == {"private-salaries"}
        assert visible(outsider) == set()
        assert names(q="ichki") == set()

    def test_draft_only_for_its_creator(self, catalogue):
        from ckan.tests import helpers
        member = catalogue["member"]["name"]
        outsider = catalogue["outsider"]["name"]

        def drafts(user):
            result = helpers.call_action("package_search", context={"user": user, "ignore_auth": False},
                                         q="reja", include_drafts=True)
            return {d["name"] for d in result["results"]}

        assert drafts(member) == {"draft-plan"}
        assert drafts(outsider) == set()


class TestLocalParameters:
    """Solr local parameters that CKAN lets through when configured
    (ckan.search.solr_allowed_query_parsers)."""

    @pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "bool lucene")
    def test_bool_parser(self):
        assert names(q="{!bool must='tags:water' must_not='tags:ecology'}",
                     defType="lucene") == {"rivers"}
        assert names(q="{!bool should='tags:ecology' should='tags:appeals'}",
                     defType="lucene") == {"water-quality", "appeals-stats"}

    @pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "bool lucene")
    def test_lucene_parser_with_its_own_default_operator(self):
        # fq_list items reach the engine as they are (fq gets CKAN's own filters prepended)
        assert names(fq_list=["{!lucene q.op=OR}tags:ecology tags:appeals"]) == {
            "water-quality", "appeals-stats"}
        assert names(fq_list=["{!lucene q.op=AND}tags:ecology tags:appeals"]) == set()

    @pytest.mark.ckan_config("ckan.search.solr_allowed_query_parsers", "knn")
    def test_parser_we_do_not_have_is_a_clear_error(self):
        from ckan.lib.search.common import SearchQueryError
        with pytest.raises(SearchQueryError, match="'knn' query parser is not supported"):
            names(q="{!knn field=vector topK=3}[1,2]", defType="lucene")

    def test_not_configured_is_refused_by_ckan(self):
        from ckan.lib.search.common import SearchError
        with pytest.raises(SearchError, match="Local parameters are not supported"):
            names(q="{!bool must='tags:water'}", defType="lucene")

"""+ - ! NOT AND OR as Solr's standard parser reads them, checked case by case and against a
reference evaluator written from the Lucene/Solr documentation on random queries."""
import random

import pytest

from ckan.lib.search.common import SearchError
from ckan.tests import factories

from .conftest import names

TAGS = ["alpha", "beta", "gamma", "delta"]
# every subset of the tags but the empty one: 15 datasets
TAG_SETS = [[t for i, t in enumerate(TAGS) if mask >> i & 1] for mask in range(1, 16)]


@pytest.mark.usefixtures("catalogue")
class TestOperatorsOnTheCatalogue:
    def test_and_not_in_free_text(self):
        # dismax: "water AND NOT quality" is +water -quality
        assert names(q="water AND NOT quality") == {"rivers"}

    def test_negation_inside_explicit_and(self):
        assert names(fq_list=["organization:appeals AND -tags:ecology"]) == {"appeals-stats", "rivers"}
        assert names(fq_list=["organization:appeals && NOT tags:ecology"]) == {"appeals-stats", "rivers"}

    def test_exclamation_mark_is_not(self):
        assert names(fq_list=["tags:water AND !tags:ecology"]) == {"rivers"}
        assert "water-quality" not in names(fq_list=["!tags:ecology"])

    def test_or_with_a_negative_clause(self):
        # Lucene: "a OR -b" is a SHOULD and a MUST_NOT clause: a and not b
        assert names(fq_list=["tags:water OR -tags:ecology"]) == {"rivers"}

    def test_purely_negative_group_matches_nothing_but_at_the_top(self):
        assert names(fq_list=["tags:water AND (-tags:ecology)"]) == set()
        assert len(names(fq_list=["-tags:ecology"])) == 7

    def test_double_operator_is_a_syntax_error(self):
        with pytest.raises(SearchError, match="two operators in a row"):
            names(q="--included")


def _reference(query: str, docs: dict[str, set[str]], default_and: bool = True) -> set[str]:
    """Lucene's classic query parser as documented: a flat list of clauses per parenthesis
    level, each MUST, SHOULD or MUST_NOT by QueryParserBase.addClause; a BooleanQuery matches
    what all MUST clauses match, minus any MUST_NOT, and if it has no MUST clause at least
    one SHOULD; one of only MUST_NOT clauses matches nothing, except the whole query, to
    which Solr adds *:*."""
    tokens = query.replace("(", " ( ").replace(")", " ) ").replace("&&", " AND ") \
        .replace("||", " OR ").split()
    position = 0

    def level() -> list[tuple[str, set[str] | None]]:
        nonlocal position
        clauses: list[list] = []
        conjunction = None
        while position < len(tokens) and tokens[position] != ")":
            token = tokens[position]
            if token in ("AND", "OR"):
                conjunction = token
                position += 1
                continue
            modifier = None
            if token in ("NOT", "!", "+", "-"):
                modifier = "+" if token == "+" else "-"
                position += 1
                token = tokens[position]
            elif token[0] in "+-!":
                modifier = "+" if token[0] == "+" else "-"
                token = tokens[position] = token[1:]
            if token == "(":
                position += 1
                matched = evaluate(level(), top=False)
                position += 1  # ")"
            else:
                field, _, value = token.partition(":")
                matched = {name for name, tags in docs.items() if value in tags}
                position += 1
            if clauses and conjunction == "AND" and clauses[-1][0] != "must_not":
                clauses[-1][0] = "must"
            if clauses and default_and and conjunction == "OR" and clauses[-1][0] != "must_not":
                clauses[-1][0] = "should"
            prohibited = modifier == "-"
            if default_and:
                required = not prohibited and conjunction != "OR"
            else:
                required = modifier == "+" or (conjunction == "AND" and not prohibited)
            clauses.append(["must_not" if prohibited else "must" if required else "should", matched])
            conjunction = None
        return clauses

    def evaluate(clauses, top: bool) -> set[str]:
        must = [m for occur, m in clauses if occur == "must"]
        should = [m for occur, m in clauses if occur == "should"]
        must_not = [m for occur, m in clauses if occur == "must_not"]
        if must:
            result = set.intersection(*must)
        elif should:
            result = set.union(*should)
        else:
            result = set(docs) if top else set()
        for m in must_not:
            result -= m
        return result

    return evaluate(level(), top=True)


def _random_query(r: random.Random, depth: int = 0) -> str:
    parts = []
    for i in range(r.randint(1, 4)):
        if i:
            parts.append(r.choice(["", "", "AND", "OR", "&&", "||"]))
        modifier = r.choice(["", "", "", "+", "-", "!", "NOT "])
        if depth < 2 and r.random() < 0.3:
            parts.append(modifier + "(" + _random_query(r, depth + 1) + ")")
        else:
            parts.append(modifier + "tags:" + r.choice(TAGS))
    return " ".join(p for p in parts if p)


@pytest.fixture(scope="module")
def tagged(reset_db, reset_index):
    reset_db()
    reset_index()
    org = factories.Organization()
    docs = {}
    for i, tags in enumerate(TAG_SETS):
        name = "set-" + "-".join(tags)
        factories.Dataset(name=name, owner_org=org["id"], tags=[{"name": t} for t in tags])
        docs[name] = set(tags)
    return docs


def test_reference_evaluator_reads_the_documented_examples():
    docs = {"ab": {"a", "b"}, "a": {"a"}, "b": {"b"}, "c": {"c"}}
    assert _reference("tags:a AND -tags:b", docs) == {"a"}
    assert _reference("tags:a OR -tags:b", docs) == {"a"}
    assert _reference("tags:a OR tags:b AND tags:c", docs) == set()  # a +b +c
    assert _reference("-tags:a", docs) == {"b", "c"}
    assert _reference("tags:b AND (-tags:a)", docs) == set()


@pytest.mark.parametrize("seed", range(4))
def test_random_boolean_queries_match_the_reference(tagged, seed):
    r = random.Random(seed)
    for _ in range(60):
        query = _random_query(r)
        expected = _reference(query, tagged)
        assert names(fq_list=[query]) == expected, query

"""The Solr query language, parsed by luqum, compiled to a SQL condition on the index table.

Semantics follow Solr's standard (lucene) parser and dismax/edismax as CKAN uses them:
  - an unfielded term searches each field of `qf` (dismax; through the free-text vector when
    `qf` names `text`) or the default field `df`; a fielded term matches its field by kind
    (fields.py): exact for strings, words and their stems for text, typed for dates/numbers;
  - clauses are MUST, SHOULD or MUST_NOT by Lucene's rules for + - NOT AND OR and q.op; at the
    top of a dismax query the minimum-should-match rule `mm` counts the SHOULD clauses;
  - phrases, `*`/`?` wildcards, `[a TO b]`/`{a TO b}` ranges with Solr date math, `*:*`.
Everything else is a SearchQueryError that names the problem.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field as dc_field
from typing import Any, Iterator

from luqum import tree
from luqum.exceptions import ParseError
from luqum.thread import parse as parse_lucene
from luqum.visitor import TreeVisitor

from ckan.lib.search.common import SearchQueryError
from ckan.plugins import toolkit as tk

from . import datemath, fields, syntax
from .syntax import Limits
from .document import DATE_FORMAT, NGRAM_FIELDS, NGRAM_SIZES
from .text import normalize, query_terms, words

_FIELD_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
_ESCAPE_RE = re.compile(r"\\(.)")
_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_LETTERS = "ABCD"
_FREE_TEXT = None  # the field of an unfielded term

TO_TS = "transparency_search.to_ts"
TO_NUM = "transparency_search.to_num"


_LOCAL_PARAMS_RE = re.compile(r"""^\s*\{!((?:[^}'"]|'[^']*'|"[^"]*")*)\}""")
_LOCAL_PARAM_RE = re.compile(r"""([\w.]+)(?:=('[^']*'|"[^"]*"|[^\s'"]+))?""")


def local_params(text: str) -> tuple[dict[str, list[str]], str]:
    """Solr local parameters at the start of a query, `{!type k=v ...}rest`: ({k: [v, ...]},
    rest). A bare first word is the parser type. CKAN lets only configured parsers through."""
    match = _LOCAL_PARAMS_RE.match(text)
    if not match:
        return {}, text
    found: dict[str, list[str]] = {}
    for position, (key, value) in enumerate(_LOCAL_PARAM_RE.findall(match.group(1))):
        if not value:
            if position:
                raise SearchQueryError(f"Local parameter {key!r} has no value")
            key, value = "type", key
        found.setdefault(key, []).append(value.strip("'\"") if value[:1] in "'\"" else value)
    if "type" in found:
        found["type"] = found["type"][-1]
    return found, text[match.end():]


def parse(text: str, param: str, limits: Limits = Limits(), parser: str = "lucene",
          is_q: bool = False) -> tree.Item:
    """The query tree of a lucene, dismax or edismax query, within the limits."""
    syntax.check_text(text, param, limits, is_q)
    if re.search(r"(?:^|[^\\])\{!", text):
        raise SearchQueryError(f"Local parameters ({{!...}}) are only allowed at the start of '{param}'")
    if re.search(r"(?<![\w\\])_(query|val)_\s*:", text):
        raise SearchQueryError(f"Magic fields (_query_, _val_) are not supported in '{param}'")
    if parser == "dismax" and text.strip() != "*:*":
        text = syntax.dismax_escape(text)
    try:
        node = _parse(text, param)
    except SearchQueryError:
        if parser != "edismax":
            raise
        node = _parse(syntax.dismax_escape(text), param)  # edismax retries the text as words
    syntax.check_tree(node, param, limits)
    return node


def _parse(text: str, param: str) -> tree.Item:
    try:
        return parse_lucene(syntax.rewrite_symbols(text))  # a lexer of its own per thread
    except ParseError as error:
        shown = text if len(text) <= 200 else text[:200] + "..."
        raise SearchQueryError(f"Syntax error in search {param} {shown!r}: {error}") from None
    except RecursionError:
        raise SearchQueryError(tk._("The search {param} is nested too deeply").format(
            param=param)) from None


def unescape(text: str) -> str:
    return _ESCAPE_RE.sub(r"\1", text)


def min_should_match(spec: str | None, clauses: int) -> int:
    """Solr's mm: "3", "-1", "75%", "-25%", or conditional "2<-1 5<80%"."""
    if clauses == 0:
        return 0
    spec = (spec or "100%").strip()

    def one(expr: str) -> int:
        try:
            if expr.endswith("%"):
                share = float(expr[:-1]) / 100
                value = (clauses - math.floor(clauses * -share) if share < 0
                         else math.floor(clauses * share))
            else:
                number = int(expr)
                value = clauses + number if number < 0 else number
        except ValueError:
            raise SearchQueryError(f"Invalid mm (minimum should match) value {spec!r}") from None
        return value

    if "<" in spec:
        required = clauses
        for condition in spec.split():
            threshold, _, expr = condition.partition("<")
            try:
                if clauses > int(threshold):
                    required = one(expr)
            except ValueError:
                raise SearchQueryError(f"Invalid mm (minimum should match) value {spec!r}") from None
    else:
        required = one(spec)
    return max(1, min(clauses, required))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _tsquery_phrase(terms: list[list[str]], letters: str = _LETTERS) -> str:
    """Words in a row, each as written or by one of its stems."""
    return " <-> ".join(
        "(" + " | ".join(_tsquery_lexeme(t, letters) for t in alternatives) + ")"
        for alternatives in terms)


def _tsquery_lexeme(word: str, letters: str, prefix: bool = False) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    suffix = ("*" if prefix else "") + ("" if letters == _LETTERS else letters)
    return quoted + (":" + suffix if suffix else "")


@dataclass
class Options:
    mode: str = "lucene"          # "lucene" or "dismax" (dismax and edismax)
    edismax: bool = False         # edismax: every purely negative group gets *:* added
    default_and: bool = True      # q.op
    qf: dict[str, float] = dc_field(default_factory=dict)
    pf: dict[str, float] = dc_field(default_factory=dict)
    df: str = "text"
    mm: str | None = None
    now: dt.datetime | None = None


MUST, SHOULD, MUST_NOT = "must", "should", "must_not"
_AND, _OR = "AND", "OR"


class Compiler(TreeVisitor):
    """Compiles one parsed query; collects its parameters and the free-text ranking queries.

    luqum's TreeVisitor calls the visit_<node type> method of each node with the context
    {"field": the field it is in, _FREE_TEXT outside one}; the method yields the node's SQL
    condition, or None for a node with nothing to match (a query word of no letters), which
    its parent leaves out."""

    def __init__(self, options: Options, params: dict[str, Any]):
        super().__init__()
        self.options = options
        self.params = params
        self.rank_queries: list[str] = []
        self.rank_terms: list[str] = []
        self.weights = self._class_weights(options)
        self.qf_text = options.mode == "dismax" and (not options.qf or "text" in options.qf)

    # -- helpers -----------------------------------------------------------------------------
    def _param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    @staticmethod
    def _field(name: str) -> str:
        """A field name as a SQL literal; names are checked against _FIELD_NAME_RE first."""
        if not _FIELD_NAME_RE.match(name):
            raise SearchQueryError(f"{name!r} is not a field name")
        return f"'{name}'"

    @staticmethod
    def _class_weights(options: Options) -> list[float]:
        """ts_rank weights of the classes D, C, B, A from the boosts of qf."""
        if options.mode != "dismax" or not options.qf:
            return [0.1, 0.2, 0.4, 1.0]
        by_letter = {letter: 0.0 for letter in _LETTERS}
        for name, weight in options.qf.items():
            if name == "text":
                for letter in _LETTERS:
                    by_letter[letter] = max(by_letter[letter], weight)
            else:
                letter = fields.weight_letter(name)
                if letter:
                    by_letter[letter] = max(by_letter[letter], weight)
        top = max(by_letter.values()) or 1.0
        return [max(by_letter[letter] / top, 0.01) for letter in "DCBA"]

    def rank_sql(self) -> str:
        terms = list(self.rank_terms)
        if self.rank_queries:
            query = " | ".join(f"({q})" for q in self.rank_queries)
            weights = "{" + ",".join(f"{w:.4f}" for w in self.weights) + "}"
            terms.insert(0, f"ts_rank('{weights}'::float4[], d.tsv, {self._param(query)}::tsquery)")
        return " + ".join(terms) if terms else "0.0::float4"

    # -- entry --------------------------------------------------------------------------------
    def compile(self, node: tree.Item) -> str:
        sql = self._boolean(node, _FREE_TEXT, top=True)
        if sql is None:
            return "TRUE"
        if self.options.mode == "dismax" and self.options.pf:
            self._phrase_boosts(node)
        return sql

    def _condition(self, node: tree.Item, field: str | None) -> str | None:
        (sql,) = self.visit_iter(node, {"field": field})
        return sql

    # -- one method per node type -------------------------------------------------------------
    def visit_search_field(self, node: tree.SearchField, context: dict) -> Iterator[str | None]:
        if context["field"] is not _FREE_TEXT:
            raise SearchQueryError(
                f"A field inside a field ({context['field']}:{node.name}:...) is not valid")
        yield self._search_field(node)

    def visit_base_group(self, node: tree.BaseGroup, context: dict) -> Iterator[str | None]:
        """(a b) and field:(a b)"""
        yield self._boolean(node.expr, context["field"])

    def visit_and_operation(self, node: tree.Item, context: dict) -> Iterator[str | None]:
        yield self._boolean(node, context["field"])

    visit_or_operation = visit_unknown_operation = visit_and_operation
    visit_unary_operator = visit_and_operation  # +a, -a, NOT a

    def visit_boost(self, node: tree.Boost, context: dict) -> Iterator[str | None]:
        yield from self.visit_iter(node.expr, context)  # a boost changes no match

    def visit_word(self, node: tree.Word, context: dict) -> Iterator[str | None]:
        yield self._word(node.value, context["field"])

    def visit_phrase(self, node: tree.Phrase, context: dict) -> Iterator[str | None]:
        yield self._phrase(unescape(node.value[1:-1]), context["field"])

    def visit_range(self, node: tree.Range, context: dict) -> Iterator[str]:
        yield self._range(context["field"], str(node.low).strip(), str(node.high).strip(),
                          node.include_low, node.include_high)

    def visit_from(self, node: tree.From, context: dict) -> Iterator[str]:
        yield self._range(context["field"], str(node.a).strip(), "*", node.include, True)

    def visit_to(self, node: tree.To, context: dict) -> Iterator[str]:
        yield self._range(context["field"], "*", str(node.a).strip(), True, node.include)

    def visit_regex(self, node: tree.Regex, context: dict) -> Iterator[str]:
        yield self._regex(node.value[1:-1], context["field"])

    def visit_fuzzy(self, node: tree.Fuzzy, context: dict) -> Iterator[str]:
        raise SearchQueryError(f"Fuzzy search ({node}) is not supported; use * or ? wildcards")

    def visit_proximity(self, node: tree.Proximity, context: dict) -> Iterator[str]:
        raise SearchQueryError(f"Proximity search ({node}) is not supported; use a phrase")

    def generic_visit(self, node: tree.Item, context: dict) -> Iterator[str]:
        raise SearchQueryError(f"Unsupported search syntax: {node}")

    # -- boolean logic, as Lucene's classic query parser builds it -----------------------------
    @staticmethod
    def _sequence(node: tree.Item) -> list[tuple[str | None, tree.Item]]:
        """The clauses of one parenthesis level in the order written, each with the AND / OR
        written before it (None: none). luqum nests AND inside OR by precedence; Lucene's
        parser does not, so the nesting is undone here."""
        conjunction = {tree.AndOperation: _AND, tree.OrOperation: _OR,
                       tree.UnknownOperation: None}.get(type(node), "leaf")
        if conjunction == "leaf":
            return [(None, node)]
        sequence: list[tuple[str | None, tree.Item]] = []
        for i, child in enumerate(node.children):
            items = Compiler._sequence(child)
            if i:
                items[0] = (conjunction, items[0][1])
            sequence.extend(items)
        return sequence

    @staticmethod
    def _modifier(node: tree.Item) -> tuple[str | None, tree.Item]:
        if isinstance(node, (tree.Plus, tree.Prohibit, tree.Not)):
            inner = node.a
            if isinstance(inner, (tree.Plus, tree.Prohibit, tree.Not)):
                raise SearchQueryError(
                    tk._("Syntax error in search: two operators in a row ({text})").format(
                        text=repr(str(node).strip()[:100])))
            return ("+" if isinstance(node, tree.Plus) else "-"), inner
        return None, node

    def _clauses(self, node: tree.Item, field: str | None) -> list[tuple[str, str]]:
        """(occur, sql) of each clause, by Lucene's QueryParserBase.addClause."""
        operator_and = self.options.mode != "dismax" and self.options.default_and
        clauses: list[list[Any]] = []
        for conjunction, item in self._sequence(node):
            if clauses and conjunction == _AND and clauses[-1][0] != MUST_NOT:
                clauses[-1][0] = MUST
            if clauses and operator_and and conjunction == _OR and clauses[-1][0] != MUST_NOT:
                clauses[-1][0] = SHOULD
            modifier, inner = self._modifier(item)
            sql = self._condition(inner, field)
            if sql is None:
                continue
            prohibited = modifier == "-"
            if operator_and:
                required = not prohibited and conjunction != _OR
            else:
                required = modifier == "+" or (conjunction == _AND and not prohibited)
            clauses.append([MUST_NOT if prohibited else MUST if required else SHOULD, sql])
        return [(occur, sql) for occur, sql in clauses]

    def _boolean(self, node: tree.Item, field: str | None, top: bool = False) -> str | None:
        clauses = self._clauses(node, field)
        if not clauses:
            return None
        must = [sql for occur, sql in clauses if occur == MUST]
        should = [sql for occur, sql in clauses if occur == SHOULD]
        must_not = [sql for occur, sql in clauses if occur == MUST_NOT]
        if len(clauses) == 1 and (must or should):
            return (must or should)[0]
        if top and self.options.mode == "dismax":
            required = min_should_match(self.options.mm, len(should)) if should else 0
        else:
            required = 1 if should and not must else 0
        parts = list(must)
        if should and required:
            if required >= len(should):
                parts.extend(should)
            elif required == 1:
                parts.append("(" + " OR ".join(should) + ")")
            else:
                counted = " + ".join(f"({s})::int" for s in should)
                parts.append(f"(({' OR '.join(should)}) AND ({counted}) >= {required})")
        if not parts:
            # A purely negative query: Solr adds *:* at the top (and edismax in every group);
            # elsewhere it matches nothing, as in Lucene.
            if not (top or self.options.edismax):
                return "FALSE"
            parts.append("TRUE")
        parts.extend(f"(NOT {s})" for s in must_not)
        return "(" + " AND ".join(parts) + ")"

    # -- fields -------------------------------------------------------------------------------
    def _search_field(self, node: tree.SearchField) -> str | None:
        name = node.name
        if name == "*":
            if isinstance(node.expr, tree.Word) and node.expr.value == "*":
                return "TRUE"
            raise SearchQueryError("Only *:* may use * as a field name")
        if not _FIELD_NAME_RE.match(name):
            raise SearchQueryError(f"{name!r} is not a field name")
        return self._condition(node.expr, unescape(name))

    def _free_text(self, tsquery: str) -> str:
        self.rank_queries.append(tsquery)
        return f"d.tsv @@ {self._param(tsquery)}::tsquery"

    def _is_free_text(self, field: str | None) -> bool:
        if field is _FREE_TEXT:
            return self.options.mode == "dismax" or self.options.df == "text"
        return field == "text"

    def _default_field(self, field: str | None) -> str | None:
        if field is _FREE_TEXT and self.options.mode != "dismax" and self.options.df != "text":
            return self.options.df
        return field

    def _dismax(self, term: Any, matcher: Any) -> str | None:
        """An unfielded term under dismax: any field of qf (with its boost) may match it."""
        conditions = []
        if self.qf_text:
            sql = matcher("text")
            if sql is None:
                return None
            conditions.append(sql)
        for name, boost in self.options.qf.items():
            if name == "text" or (self.qf_text and fields.copied_to_text(name)):
                continue
            try:
                sql = matcher(name)
            except SearchQueryError:  # e.g. a word on a date field: that field cannot match
                continue
            if sql is None:
                continue
            conditions.append(sql)
            if not self.qf_text:
                self.rank_terms.append(f"({sql})::int * {float(boost)}")
        if not conditions:
            return None if self.qf_text else "FALSE"
        return conditions[0] if len(conditions) == 1 else "(" + " OR ".join(conditions) + ")"

    def _word(self, raw: str, field: str | None) -> str | None:
        if field is _FREE_TEXT and self.options.mode == "dismax" and self.options.qf:
            return self._dismax(raw, lambda name: self._word(raw, name))
        field = self._default_field(field)
        has_wildcard = bool(re.search(r"(?<!\\)[*?]", raw))
        value = unescape(raw)
        if self._is_free_text(field):
            if has_wildcard:
                return self._free_text_wildcard(raw, field)
            terms = query_terms(value)
            if not terms:
                return None
            return self._free_text(_tsquery_phrase(terms))
        kind = fields.kind(field)
        if raw == "*":
            column = "tokens" if kind == fields.TEXT else "terms"
            return f"(d.{column} ? {self._field(field)})"
        if has_wildcard:
            return self._wildcard(raw, field)
        if kind == fields.TEXT:
            if field in NGRAM_FIELDS:
                return self._ngrams(value, field)
            return self._text_words(query_terms(value), field)
        if kind in (fields.DATE, fields.INT):
            return self._range(field, raw, raw, True, True)
        return self._string_value(field, value)

    def _phrase(self, value: str, field: str | None) -> str | None:
        if field is _FREE_TEXT and self.options.mode == "dismax" and self.options.qf:
            return self._dismax(value, lambda name: self._phrase(value, name))
        field = self._default_field(field)
        if self._is_free_text(field):
            terms = query_terms(value)
            if not terms:
                return "FALSE"  # an empty phrase matches nothing, as in Solr
            return self._free_text(_tsquery_phrase(terms))
        kind = fields.kind(field)
        if kind == fields.TEXT:
            if field in NGRAM_FIELDS:
                return self._ngrams(value, field)
            return self._text_words(query_terms(value), field) or "FALSE"
        if kind in (fields.DATE, fields.INT):
            return self._range(field, value, value, True, True)
        return self._string_value(field, value)

    def _string_value(self, field: str, value: str) -> str:
        element = fields.key(field, value)
        if element is None:
            return f"d.terms @> {self._param(json.dumps({field: [value]}))}::jsonb"
        column = "flags" if field in fields.FLAG_FIELDS else "keys"
        return f"d.{column} @> ARRAY[{self._param(element)}]::text[]"

    def _contains_any(self, field: str, alternatives: list[str]) -> str:
        options = [f"d.tokens @> {self._param(json.dumps({field: [a]}))}::jsonb"
                   for a in alternatives]
        return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"

    def _text_words(self, terms: list[list[str]], field: str) -> str | None:
        """Words of a text field: each word as written or by a stem; several words also in
        their order (as written)."""
        if not terms:
            return None
        conditions = [self._contains_any(field, alternatives) for alternatives in terms]
        if len(terms) > 1:
            phrase = "% " + " ".join(alternatives[0] for alternatives in terms) + " %"
            conditions.append(f"(d.texts->>{self._field(field)}) LIKE {self._param(phrase)}")
        return conditions[0] if len(conditions) == 1 else "(" + " AND ".join(conditions) + ")"

    def _ngrams(self, value: str, field: str) -> str:
        """Autocomplete fields: a query word of 2 to 10 letters is a piece of the name or title
        (Solr's text_ngram), found with the trigram indexes on both."""
        pieces = [normalize(w) for w in value.split()]
        pieces = [p for p in pieces if p]
        if not pieces or any(len(p) not in NGRAM_SIZES for p in pieces):
            return "FALSE"
        source = NGRAM_FIELDS[field]
        column = (f"(d.texts->>{self._field(source)})" if fields.kind(source) == fields.TEXT
                  else f"(d.terms->{self._field(source)}->>0)")
        conditions = [f"{column} LIKE {self._param('%' + _like_escape(p) + '%')}" for p in pieces]
        return conditions[0] if len(conditions) == 1 else "(" + " AND ".join(conditions) + ")"

    def _phrase_boosts(self, node: tree.Item) -> None:
        """pf: a document that has all the plain words of q in a row in a field ranks higher."""
        terms = [t for _, item in self._sequence(node)
                 if isinstance(item, (tree.Word, tree.Phrase))
                 for t in query_terms(unescape(item.value.strip('"')))]
        if len(terms) < 2:
            return
        for name, boost in self.options.pf.items():
            if name == "text":
                sql = f"d.tsv @@ {self._param(_tsquery_phrase(terms))}::tsquery"
            elif fields.kind(name) == fields.TEXT:
                phrase = "% " + " ".join(t[0] for t in terms) + " %"
                sql = f"(d.texts->>{self._field(name)}) LIKE {self._param(phrase)}"
            else:
                continue
            self.rank_terms.append(f"({sql})::int * {float(boost)}")

    # -- wildcards and regular expressions -------------------------------------------------------
    @staticmethod
    def _wildcard_regex(raw: str, canonical: bool, any_char: str) -> str:
        pieces = re.split(r"(?<!\\)([*?])", raw)
        out = []
        for piece in pieces:
            if piece == "*":
                out.append(any_char + "*")
            elif piece == "?":
                out.append(any_char)
            elif piece:
                text = unescape(piece)
                out.append(re.escape(normalize(text) if canonical else text))
        return "".join(out)

    def _free_text_wildcard(self, raw: str, field: str | None) -> str:
        stem = raw[:-1]
        if raw.endswith("*") and stem and not re.search(r"(?<!\\)[*?]", stem):
            found = words(unescape(stem))
            if not found:
                return "TRUE"
            lexemes = [_tsquery_lexeme(w, _LETTERS) for w in found[:-1]]
            lexemes.append(_tsquery_lexeme(found[-1], _LETTERS, prefix=True))
            return self._free_text(" <-> ".join(lexemes))
        pattern = "^" + self._wildcard_regex(raw, True, ".") + "$"
        return (f"EXISTS (SELECT 1 FROM unnest(tsvector_to_array(d.tsv)) AS lexeme "
                f"WHERE lexeme ~ {self._param(pattern)})")

    def _wildcard(self, raw: str, field: str) -> str:
        if fields.kind(field) == fields.TEXT:
            pattern = " " + self._wildcard_regex(raw, True, "[^ |]") + " "
            return f"(d.texts->>{self._field(field)}) ~ {self._param(pattern)}"
        pattern = "^" + self._wildcard_regex(raw, False, ".") + "$"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.terms->{self._field(field)}) v "
                f"WHERE v ~ {self._param(pattern)})")

    def _regex(self, pattern: str, field: str | None) -> str:
        if field is _FREE_TEXT or field == "text":
            return (f"EXISTS (SELECT 1 FROM unnest(tsvector_to_array(d.tsv)) AS lexeme "
                    f"WHERE lexeme ~ {self._param('^(' + pattern + ')$')})")
        column = "tokens" if fields.kind(field) == fields.TEXT else "terms"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.{column}->{self._field(field)}) v "
                f"WHERE v ~ {self._param('^(' + pattern + ')$')})")

    # -- ranges -------------------------------------------------------------------------------
    def _range(self, field: str | None, low: str, high: str, include_low: bool,
               include_high: bool) -> str:
        if field is _FREE_TEXT or field == "text":
            raise SearchQueryError("A range needs a field, e.g. metadata_modified:[NOW-1YEAR TO NOW]")
        low, high = unescape(low), unescape(high)
        bounds = [b for b in (low, high) if b != "*"]
        kind = fields.kind(field)
        column = "tokens" if kind == fields.TEXT else "terms"
        if kind == fields.DATE:
            # single-valued, stored as fixed-width UTC text: compared as text, index-served
            value = f"(d.terms->{self._field(field)}->>0) COLLATE \"C\""
            convert = self._canonical_date
            single_valued = True
        elif kind == fields.INT:
            value, convert = f"{TO_NUM}(d.terms->{self._field(field)}->>0)", self._number
            single_valued = True
        elif bounds and all(datemath.looks_like_date(b) for b in bounds):
            value, convert, single_valued = f"{TO_TS}(v)", self._date, False
        elif bounds and all(_NUMBER_RE.match(b) for b in bounds):
            value, convert, single_valued = f"{TO_NUM}(v)", self._number, False
        else:
            value, convert, single_valued = 'v COLLATE "C"', str, False
        conditions = [f"{value} IS NOT NULL"]
        if low != "*":
            conditions.append(f"{value} {'>=' if include_low else '>'} {self._param(convert(low))}")
        if high != "*":
            conditions.append(f"{value} {'<=' if include_high else '<'} {self._param(convert(high))}")
        where = " AND ".join(conditions)
        if single_valued:
            return f"({where})"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.{column}->{self._field(field)}) v "
                f"WHERE {where})")

    def _canonical_date(self, text: str) -> str:
        try:
            value = datemath.parse(text, self.options.now, strict=True)
        except datemath.DateMathError as error:
            raise SearchQueryError(tk._("Invalid date: {error}").format(error=error)) from None
        return value.astimezone(dt.timezone.utc).strftime(DATE_FORMAT)

    def _date(self, text: str) -> dt.datetime:
        try:
            return datemath.parse(text, self.options.now)
        except datemath.DateMathError as error:
            raise SearchQueryError(f"Invalid date in range: {error}") from None

    @staticmethod
    def _number(text: str) -> float:
        if not _NUMBER_RE.match(text):
            raise SearchQueryError(f"{text!r} is not a number")
        value = float(text)
        if not math.isfinite(value):
            raise SearchQueryError(tk._("The number {number} is out of range").format(
                number=repr(text)))
        return value
